//! The figure scanner: walks a sentence's tokens, reads each quantity, rules
//! out what is not a figure (dates, years, labels, identifiers, durations,
//! numbering), and attaches qualifiers, ranges, the counted noun, the rate
//! period and the time the figure is about.

use super::conventions::{self, Conventions, Qualifier};
use super::counted;
use super::lexicon as lx;
use super::number::{self, Form, Measure, Quantity};
use super::time::{self, Cue, TimeRef};
use super::{Extraction, Figure, Interval, Kind, Period};
use crate::text::tokens::{tokenize, TokKind, Token};
use std::ops::Range;

/// A sentence's tokens with their lower-case forms.
pub(super) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
    lower: Vec<String>,
    pub heading: bool,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, range: Range<usize>, heading: bool) -> Ctx<'a> {
        let toks = tokenize(text, range);
        let lower = toks
            .iter()
            .map(|t| match t.kind {
                TokKind::Word => {
                    let raw = t.text(text);
                    if raw.bytes().any(|b| b.is_ascii_uppercase()) || !raw.is_ascii() {
                        raw.to_lowercase().replace('\u{2019}', "'")
                    } else {
                        String::new()
                    }
                }
                _ => String::new(),
            })
            .collect();
        Ctx { text, toks, lower, heading }
    }

    pub fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// The raw text of token `i` (empty past the end).
    pub fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map(|t| t.text(self.text)).unwrap_or("")
    }

    pub fn raw_at(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).map(|t| t.text(self.text))
    }

    /// The lower-case form of word token `i`.
    pub fn word(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        if t.kind != TokKind::Word {
            return None;
        }
        let l = &self.lower[i];
        Some(if l.is_empty() { t.text(self.text) } else { l.as_str() })
    }

    pub fn lower(&self, i: usize) -> String {
        self.raw(i).to_lowercase()
    }

    /// Token `i` exists and follows the previous one without white space.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }

    fn span(&self, first: usize, end: usize) -> Range<usize> {
        self.toks[first].start..self.toks[end - 1].end
    }
}

/// Letter sequences that every figure without digits contains (number
/// words, fractions, vague quantities). A sentence with no digit and none of
/// these as a word has no figure, and is skipped without tokenising.
fn number_words() -> &'static aho_corasick::AhoCorasick {
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        let words = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
            "hundred",
            "thousand",
            "million",
            "billion",
            "trillion",
            "dozen",
            "score",
            "half",
            "third",
            "quarter",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "couple",
            "several",
            "few",
            "halves",
        ];
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(words)
            .expect("static patterns")
    })
}

/// Does a number word stand as a word (or a plural, or the first half of a
/// hyphenated compound) anywhere in `bytes`?
fn has_number_word(bytes: &[u8]) -> bool {
    number_words().find_iter(bytes).any(|m| {
        let before_ok = m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphabetic();
        let after = bytes.get(m.end()).copied();
        let after_ok = match after {
            None => true,
            Some(b's') => !bytes.get(m.end() + 1).is_some_and(u8::is_ascii_alphabetic),
            Some(b) => !b.is_ascii_alphabetic(),
        };
        before_ok && after_ok
    })
}

/// Finds the figures of one sentence and appends them to `out`.
pub(super) fn scan_sentence(
    text: &str,
    sentence: Range<usize>,
    heading: bool,
    conv: &Conventions,
    out: &mut Extraction,
) {
    let bytes = &text.as_bytes()[sentence.clone()];
    if !bytes.iter().any(u8::is_ascii_digit) && !has_number_word(bytes) {
        return;
    }
    let cx = Ctx::new(text, sentence.clone(), heading);
    if cx.toks.is_empty() {
        return;
    }
    let cues = time::cues(&cx);
    for (s, e, cue) in &cues {
        if let Cue::Date(d) = cue {
            if d.month.is_some() {
                out.dates.push((cx.span(*s, *e), *d));
            }
        }
    }
    let has_digit = bytes.iter().any(u8::is_ascii_digit);
    let mut found: Vec<(Figure, usize, usize)> = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < cx.toks.len() {
        if !has_digit && cx.kind(i) != Some(TokKind::Word) {
            i += 1;
            continue;
        }
        if cues.iter().any(|(s, e, c)| matches!(c, Cue::Date(_) | Cue::Coming(_)) && (*s..*e).contains(&i)) {
            i += 1;
            continue;
        }
        match number::read(&cx, i) {
            Some(q) => match build(&cx, q.clone(), floor, sentence.clone(), conv) {
                Some((fig, first, end)) => {
                    found.push((fig, first, end));
                    floor = end;
                    i = end;
                }
                None => i = q.end.max(i + 1),
            },
            None => i += 1,
        }
    }
    inherit_periods(&cx, &mut found);
    attach_time(&cx, &cues, &mut found);
    out.figures.extend(found.into_iter().map(|(f, _, _)| f));
}

/// The time cues of a stretch of text (a table cell), as one reference.
pub(super) fn time_in(text: &str, range: Range<usize>) -> Option<TimeRef> {
    let cx = Ctx::new(text, range, false);
    let cues = time::cues(&cx);
    let first = cues.first()?;
    Some(TimeRef { span: cx.span(first.0, first.1), cues: cues.iter().map(|c| c.2).collect() })
}

/// Builds the figure for quantity `q`, or rules it out.
fn build(
    cx: &Ctx,
    q: Quantity,
    floor: usize,
    sentence: Range<usize>,
    conv: &Conventions,
) -> Option<(Figure, usize, usize)> {
    let mut q = q;
    if let Some(r) = number::read_ratio_tail(cx, &q) {
        q = r;
    }
    if q.form == Form::Digits && excluded_digits(cx, &q) {
        return None;
    }
    // Leading qualifiers, stacked: "nearly as many as".
    let (lead_start, quals) = leading_qualifiers(cx, q.start, floor);
    let before = lead_start.checked_sub(1).filter(|b| *b >= floor);
    let between = before.is_some_and(|b| cx.word(b) == Some("between"));
    let after_from = before.is_some_and(|b| cx.word(b) == Some("from"));
    // "rose from 81 percent to 86 percent": two values, the first an earlier one
    // "down from 530", "up from 12", "revised from the 5.2 percent": the value it changed from
    let from_the = before.filter(|b| cx.word(*b) == Some("the") && *b > floor && cx.word(b - 1) == Some("from"));
    let before_from = if after_from { before } else { from_the.map(|b| b - 1) };
    let down_up = before_from.and_then(|b| b.checked_sub(1)).filter(|k| *k >= floor).and_then(|k| cx.word(k));
    let changed_from = before_from.is_some()
        && (matches!(down_up, Some("down" | "up")) || change_verb_before(cx, before_from.unwrap_or(0)));
    let from = after_from && !changed_from;
    // Range or alternative.
    let mut hi: Option<Quantity> = if changed_from { None } else { range_tail(cx, &q, between, from) };
    if hi.is_none() && q.lone_one && q.form == Form::Words {
        return None; // a bare "one" is not a figure
    }
    // a heading's small number in words before a capitalised word titles
    // what follows ("Two March elections", "Three Kingdoms"); "Three dead as
    // storm hits" and a qualified or scaled number still claim
    let capital_next = cx.kind(q.end) == Some(TokKind::Word) && cx.raw(q.end).starts_with(char::is_uppercase);
    if cx.heading && q.form == Form::Words && q.value < 100.0 && q.start == lead_start && capital_next {
        return None;
    }
    if let Some(h) = &hi {
        // A scale or measure written once applies to both ends.
        if h.scale > 1.0 && q.scale == 1.0 && q.value * h.scale <= h.value * 1.0001 {
            q.value *= h.scale;
        }
        if q.measure == Measure::Plain {
            q.measure = h.measure;
        }
        if q.value >= h.value {
            hi = None;
        }
    }
    let mut first = if hi.is_some() && (between || from) { lead_start - 1 } else { lead_start };
    let mut end = hi.as_ref().map_or(q.end, |h| h.end);
    // Trailing qualifiers: "1,000 or more", "1,000+".
    let mut quals = quals;
    if let Some((qual, next)) = trailing_qualifier(cx, end) {
        quals.push(qual);
        end = next;
    }
    let quantity_end = end;
    // Counted noun and adjacent period.
    let mut noun = None;
    let mut unit: Option<String> = None;
    let mut kind = match q.measure {
        Measure::Share { points } => {
            unit = Some(if points { "percentage points" } else { "percent" }.to_string());
            Kind::Share
        }
        Measure::Money(code) => {
            unit = Some(code.to_string());
            Kind::Money
        }
        Measure::Plain => Kind::Count,
    };
    let mut seconds = None;
    if kind == Kind::Count {
        let c = counted::read(cx, &q, lead_start, first, end, hi.is_some())?;
        (kind, unit, noun, end, seconds) = (c.kind, c.unit, c.noun, c.end, c.seconds);
        q.value += c.fraction;
        if c.marked {
            first -= 1;
        }
        if c.hi.is_some() {
            hi = c.hi;
        }
    }
    let per = match adjacent_period(cx, end) {
        Some((p, next)) => {
            end = next;
            Some(p)
        }
        None => clause_period(cx, end, first, floor),
    };
    // "5 deaths per 100,000 people", "$40,000 per capita": the base is the unit's
    if per.is_none() && matches!(kind, Kind::Count | Kind::Money) {
        if let Some((base, next)) = counted::population_base(cx, end) {
            unit = Some(unit.map_or(base.clone(), |u| format!("{u} {base}")));
            end = next;
        }
    }
    // An age is in whole years as written: "aged 70" is 70, not 65–75
    if kind == Kind::Age && !matches!(q.precision, conventions::Precision::Vague { .. }) {
        q.precision = conventions::Precision::Exact;
    }
    // Years: a bare four-digit number is a year unless something makes it a count.
    if q.form == Form::Digits && is_yearlike(&q) && hi.is_none() && quals.is_empty() {
        let time_prep = first
            .checked_sub(1)
            .and_then(|b| cx.word(b))
            .is_some_and(|w| lx::is_time_preposition(w) || lx::month(w).is_some());
        if noun.is_none() || time_prep || per.is_some() {
            return None;
        }
    }
    // Labels: "Boeing 737", "Windows 10", "Apollo 11": a capitalised name
    // right before a bare integer.
    if q.form == Form::Digits
        && !q.separated
        && per.is_none()
        && kind == Kind::Count
        && hi.is_none()
        && quals.is_empty()
        && q.scale == 1.0
    {
        if let Some(p) = q.start.checked_sub(1) {
            let raw = cx.raw(p);
            let capital = cx.kind(p) == Some(TokKind::Word)
                && raw.starts_with(|c: char| c.is_uppercase())
                && !raw.ends_with("'s")
                && !raw.ends_with("’s");
            let w = cx.word(p).unwrap_or("");
            let plain_word =
                lx::is_function_word(w) || lx::month(w).is_some() || lx::small_number(w).is_some() || is_hedge(w);
            if capital && !plain_word {
                return None;
            }
        }
    }
    // The interval.
    let approx = quals.contains(&Qualifier::Approx);
    let (interval, stated) = match &hi {
        Some(h) => (conventions::range_interval(q.value, h.value, approx, conv), vec![q.value, h.value]),
        None => {
            let base = conventions::bare_interval(q.value, q.precision, conv);
            let mut iv = if approx && !matches!(q.precision, conventions::Precision::Vague { .. }) {
                conventions::qualified(Qualifier::Approx, q.value, conv)
            } else {
                base
            };
            let bounding: Vec<Qualifier> = quals.iter().copied().filter(|q| *q != Qualifier::Approx).collect();
            if !bounding.is_empty() {
                iv = Interval::default();
                for b in bounding {
                    iv = conventions::intersect(iv, conventions::qualified(b, q.value, conv));
                }
            }
            (iv, vec![q.value])
        }
    };
    // A duration's interval is in seconds; each end in its own unit
    let interval = match (seconds, &hi) {
        (Some((lo, up)), Some(h)) if lo != up => conventions::range_interval(q.value * lo, h.value * up, approx, conv),
        (Some((s, _)), _) => interval.scaled(s),
        _ => interval,
    };
    let fig = Figure {
        span: cx.span(first, end),
        quantity: cx.span(first, quantity_end),
        stated,
        interval,
        kind,
        unit,
        noun: noun.map(|h| cx.toks[h].range()),
        per,
        sentence,
        time: changed_from.then(|| match time::offset_at(cx, end) {
            // "down from 530 a year earlier": a year before the text's date
            Some((months, next)) => TimeRef { span: cx.span(end, next), cues: vec![Cue::Ago { months }] },
            None => {
                let b = before_from.unwrap_or(first);
                TimeRef { span: cx.toks[b].range(), cues: vec![Cue::Earlier] }
            }
        }),
        context: Vec::new(),
    };
    Some((fig, first, end))
}

/// Adverbs that may open a sentence before a number: "Exactly 40 came".
fn is_hedge(w: &str) -> bool {
    matches!(
        w,
        "exactly"
            | "precisely"
            | "fully"
            | "barely"
            | "merely"
            | "only"
            | "just"
            | "another"
            | "all"
            | "some"
            | "over"
            | "under"
    )
}

fn is_yearlike(q: &Quantity) -> bool {
    !q.separated
        && q.scale == 1.0
        && q.measure == Measure::Plain
        && q.value.fract() == 0.0
        && (1000.0..=2100.0).contains(&q.value)
}

/// Rules for digits that are not quantities: identifiers, times, dates,
/// phone numbers, footnotes, citation numbers, labels, numbering.
fn excluded_digits(cx: &Ctx, q: &Quantity) -> bool {
    let num = if cx.kind(q.start) == Some(TokKind::Num) {
        q.start
    } else {
        q.start + 1 + usize::from(cx.raw_at(q.start + 1) == Some("$"))
    };
    let after = num + 1;
    let value = q.value / q.scale;
    let integer = value.fract() == 0.0 && !q.separated;
    // Glued to what precedes it.
    if num == q.start && num > 0 && cx.glued(num) {
        let prev = cx.raw(num - 1);
        match cx.kind(num - 1) {
            Some(TokKind::Word) | Some(TokKind::Num) | Some(TokKind::Opaque) => return true,
            Some(TokKind::Punct) => match prev {
                "-" | "–"
                    if num >= 2
                        && cx.glued(num - 1)
                        && matches!(cx.kind(num - 2), Some(TokKind::Word | TokKind::Num)) =>
                {
                    return true; // COVID-19, F-16, mid-2016; the tail of 555-123-4567
                }
                "#" | "^" | "/" | ":" | "." | "+" | "@" | "'" | "\u{2019}" | "№" | "×" | "x" => return true,
                _ => {}
            },
            None => {}
        }
    }
    // Glued to what follows the digits.
    if cx.glued(after) {
        match cx.raw(after) {
            ":" | "/" if cx.kind(after + 1) == Some(TokKind::Num) && cx.glued(after + 1) => return true,
            "-" | "–" if cx.kind(after + 1) == Some(TokKind::Num) && cx.glued(after + 1) => {
                // phone numbers and ISO dates: three groups, or ddd-dddd
                if cx.raw_at(after + 2) == Some("-") && cx.glued(after + 2) {
                    return true;
                }
                let a = cx.raw(num);
                let b = cx.raw(after + 1);
                if a.len() == 3 && b.len() == 4 && !a.contains(',') && !b.contains(',') && integer {
                    return true;
                }
            }
            _ => {}
        }
    }
    // Phone numbers and codes: "+44 20 7946 0958", "020 7946 0321": digit
    // groups side by side, or a leading zero.
    if num > 0 && cx.raw(num - 1) == "+" {
        return true;
    }
    if cx.kind(after) == Some(TokKind::Num) || (num > 0 && cx.kind(num - 1) == Some(TokKind::Num)) {
        return true;
    }
    let raw = cx.raw(num);
    if raw.len() > 1 && raw.starts_with('0') && !raw.starts_with("0.") {
        return true;
    }
    // Times of day: "5 p.m.", "10 am"
    if let Some(w) = cx.word(q.end) {
        if lx::is_clock_word(w) && !q.separated {
            return true;
        }
        if matches!(w, "a" | "p") && cx.raw_at(q.end + 1) == Some(".") && cx.word(q.end + 2) == Some("m") {
            return true;
        }
    }
    // Days of months: "April 28", "Dec. 5", "3 June".
    if integer && (1.0..=31.0).contains(&value) {
        let mut p = num.checked_sub(1);
        if p.is_some_and(|p| cx.raw(p) == ".") {
            p = p.and_then(|p| p.checked_sub(1));
        }
        let month_word = |i: usize| {
            cx.raw_at(i).is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
                && cx.word(i).and_then(lx::month).is_some()
        };
        if p.is_some_and(month_word) || month_word(q.end) {
            return true;
        }
        if q.end == after && cx.word(after).is_some_and(|w| matches!(w, "st" | "nd" | "rd" | "th")) {
            return true;
        }
    }
    // Bracketed numbers: citation keys [3], enumerations (3).
    if num > 0 {
        let (open, close) = (cx.raw(num - 1), cx.raw(q.end));
        if (open == "[" && close == "]") || (open == "(" && close == ")" && integer) {
            return true;
        }
    }
    // Labels: "Article 5", "page 12", "No. 3".
    if num == q.start && num > 0 {
        let mut p = num - 1;
        if cx.raw(p) == "." && p > 0 {
            p -= 1;
        }
        if cx.word(p).is_some_and(lx::is_label_word) && q.measure == Measure::Plain {
            return true;
        }
    }
    // Numbering: a sentence that is only a number, a heading's section number,
    // "1)" or "1." at the start of a line.
    let only_number =
        cx.toks.iter().enumerate().all(|(k, t)| (q.start..q.end).contains(&k) || t.kind == TokKind::Punct);
    if only_number && q.measure == Measure::Plain && matches!(cx.raw_at(q.end), Some("." | ")")) {
        return true; // "1." or "2)" standing alone
    }
    if num == 0 && matches!(cx.raw_at(1), Some(")" | ".")) && cx.glued(1) {
        return true;
    }
    if cx.heading && num == 0 && (matches!(cx.raw_at(1), Some("." | ")" | ":")) || cx.raw(0).contains('.')) {
        return true;
    }
    false
}

fn leading_qualifiers(cx: &Ctx, start: usize, floor: usize) -> (usize, Vec<Qualifier>) {
    let mut first = start;
    let mut quals = Vec::new();
    'outer: while quals.len() < 3 {
        // symbols: "~200", "<5"
        if first > floor {
            if let Some(q) = lx::qualifier_symbol(cx.raw(first - 1)) {
                quals.push(q);
                first -= 1;
                continue;
            }
        }
        let mut best: Option<(usize, Qualifier)> = None;
        let last = first.checked_sub(1).and_then(|k| cx.word(k)).unwrap_or("");
        for (phrase, q) in lx::qualifiers_ending_with(last) {
            let n = phrase.len();
            if first < floor + n {
                continue;
            }
            let s = first - n;
            if phrase.iter().enumerate().all(|(k, w)| cx.word(s + k) == Some(*w)) && best.is_none_or(|b| n > b.0) {
                best = Some((n, *q));
            }
        }
        match best {
            Some((n, q)) => {
                // "some of the 3,000" is not "some 3,000"; "over the past" was handled by cues.
                quals.push(q);
                first -= n;
            }
            None => break 'outer,
        }
    }
    (first, quals)
}

fn trailing_qualifier(cx: &Ctx, end: usize) -> Option<(Qualifier, usize)> {
    if cx.raw_at(end) == Some("+") && cx.glued(end) {
        return Some((Qualifier::AtLeast, end + 1));
    }
    if cx.raw_at(end) == Some("-") && cx.glued(end) && cx.word(end + 1) == Some("plus") {
        return Some((Qualifier::AtLeast, end + 2));
    }
    for (phrase, q) in lx::TRAILING_QUALIFIERS {
        if phrase.iter().enumerate().all(|(k, w)| cx.word(end + k) == Some(*w)) {
            return Some((*q, end + phrase.len()));
        }
    }
    None
}

/// A verb of change before `from` in the same sentence: "rose", "fell", "up", "down".
fn change_verb_before(cx: &Ctx, from: usize) -> bool {
    (0..from).any(|k| {
        cx.word(k).is_some_and(|w| {
            matches!(
                w,
                "rose"
                    | "rise"
                    | "risen"
                    | "rising"
                    | "increased"
                    | "increase"
                    | "fell"
                    | "fall"
                    | "fallen"
                    | "falling"
                    | "dropped"
                    | "drop"
                    | "declined"
                    | "decline"
                    | "decreased"
                    | "grew"
                    | "grown"
                    | "climbed"
                    | "jumped"
                    | "surged"
                    | "soared"
                    | "plunged"
                    | "slumped"
                    | "cut"
                    | "reduced"
                    | "went"
                    | "gone"
                    | "down"
                    | "up"
                    | "doubled"
                    | "halved"
                    | "shrank"
                    | "shrunk"
                    | "expanded"
                    | "changed"
                    | "moved"
                    | "raised"
                    | "lowered"
                    | "revised"
            )
        })
    })
}

/// "to b", "-b", "–b", "and b" (after "between"), "or b" (alternatives).
fn range_tail(cx: &Ctx, q: &Quantity, between: bool, from: bool) -> Option<Quantity> {
    if q.form == Form::Vague || q.form == Form::Fraction && q.measure != (Measure::Share { points: false }) {
        return None;
    }
    let j = q.end;
    let conn = cx.raw_at(j)?;
    let dash = matches!(conn, "-" | "–" | "—");
    let ok = match conn.to_lowercase().as_str() {
        "to" | "through" => true,
        "-" | "–" | "—" => q.form == Form::Digits,
        "and" => between,
        "or" => !between && !from,
        _ => false,
    };
    if !ok || (between && conn.eq_ignore_ascii_case("to")) {
        return None;
    }
    let h = number::read(cx, j + 1)?;
    if matches!(h.form, Form::Vague) || h.lone_one && conn != "or" {
        return None;
    }
    // "slipped 6 percent to $184,000": a change and the level it led to,
    // two measures, not one range
    if q.measure != Measure::Plain && h.measure != Measure::Plain && q.measure != h.measure {
        return None;
    }
    // A measure is written once, on the range's last end ("30 to 60%"); one
    // written on the first end only is that end's own: "fell 8% to 1.2
    // million" is a change of 8% and a level of 1.2 million. A currency
    // sign before the first end is the range's: "$3-5 billion"
    let leading_sign = matches!(q.measure, Measure::Money(_)) && cx.kind(q.start) != Some(TokKind::Num);
    if q.measure != Measure::Plain && h.measure == Measure::Plain && !leading_sign {
        return None;
    }
    if dash {
        if h.form != Form::Digits {
            return None;
        }
        // "2015-16", phone numbers, ISO dates are not ranges
        if cx.raw_at(h.end) == Some("-") && cx.glued(h.end) {
            return None;
        }
    }
    if conn.eq_ignore_ascii_case("or")
        && (q.value >= h.value || h.value > q.value * 10.0 || q.form != h.form && q.form != Form::Words)
    {
        return None;
    }
    if !dash && h.form == Form::Digits && excluded_digits(cx, &h) {
        return None;
    }
    if !h.separated
        && h.scale == 1.0
        && h.measure == Measure::Plain
        && (1000.0..=2100.0).contains(&h.value)
        && !q.separated
    {
        return None; // year ranges
    }
    Some(h)
}

/// "a month", "per week", "each year", "every day", "monthly", "/month".
fn adjacent_period(cx: &Ctx, i: usize) -> Option<(Period, usize)> {
    if let Some(p) = cx.word(i).and_then(lx::period_adverb) {
        return Some((p, i + 1));
    }
    if cx.raw_at(i) == Some("/") && cx.glued(i) {
        if let Some(p) = cx.word(i + 1).and_then(lx::period_noun) {
            return Some((p, i + 2));
        }
    }
    let w = cx.word(i)?;
    if matches!(w, "a" | "an" | "per" | "each" | "every") {
        let p = cx.word(i + 1).and_then(lx::period_noun)?;
        if matches!(cx.word(i + 2), Some("ago" | "earlier" | "later" | "before" | "after" | "or" | "and")) && w != "per"
        {
            return None;
        }
        return Some((p, i + 2));
    }
    None
}

fn is_clause_break(cx: &Ctx, k: usize) -> bool {
    matches!(cx.raw_at(k), Some("," | ";" | ":" | "—" | "(" | ")" | "–" | "\u{201c}" | "\u{201d}" | "\""))
}

/// A rate period elsewhere in the figure's clause: "2,000 fighters were
/// joining each month"; "a monthly peak of 2,000".
fn clause_period(cx: &Ctx, end: usize, first: usize, floor: usize) -> Option<Period> {
    let mut k = end;
    // Commas may enclose an aside ("2,000 recruits, both men and women, crossed
    // each month"); a semicolon, dash, another number or ten words end the search.
    while k < cx.toks.len()
        && k < end + 14
        && !matches!(cx.raw_at(k), Some(";" | ":" | "—" | "(" | ")"))
        && cx.kind(k) != Some(TokKind::Num)
    {
        let prev_prep = k > 0
            && matches!(
                cx.word(k - 1),
                Some("in" | "within" | "for" | "than" | "over" | "of" | "last" | "this" | "next" | "that")
            );
        match cx.word(k) {
            Some("each" | "every" | "per") => {
                if let Some(p) = cx.word(k + 1).and_then(lx::period_noun) {
                    return Some(p);
                }
            }
            Some("a" | "an") if !prev_prep => {
                if let Some(p) = cx.word(k + 1).and_then(lx::period_noun) {
                    // "a quarter of a million" is a fraction, not a period
                    if !matches!(cx.word(k + 2), Some("ago" | "earlier" | "later" | "before" | "after" | "of")) {
                        return Some(p);
                    }
                }
            }
            Some(w) => {
                if let Some(p) = lx::period_adverb(w) {
                    if w != "annual" {
                        return Some(p);
                    }
                }
            }
            None => {}
        }
        k += 1;
    }
    // "a monthly peak of 2,000", "an annual total of $3bn", "the annual
    // payroll is $85 million": the period of the noun the figure is the value of
    let value_of = matches!(cx.word(first.wrapping_sub(1)), Some("of" | "is" | "was" | "are" | "were" | "totals"));
    if first >= floor + 3 && value_of {
        if let Some(p) = cx.word(first - 3).and_then(lx::period_adverb) {
            return Some(p);
        }
    }
    None
}

/// Gives each figure the time cues of its clause, or else those of the
/// sentence's opening clause ("By the end of 2015, ...").
fn attach_time(cx: &Ctx, cues: &[(usize, usize, Cue)], found: &mut [(Figure, usize, usize)]) {
    // each token's clause, found once for the sentence (linear in its length)
    let clauses = Clauses::of(cx);
    let clause_of = |k: usize| clauses.of_token(k);
    let opening = clause_of(0);
    let opening_has_figure = found.iter().any(|(_, f, _)| *f < opening.1);
    let figure_ends: Vec<usize> = found.iter().map(|(_, _, e)| *e).collect();
    let spans: Vec<(usize, usize)> = found.iter().map(|(_, f, e)| (*f, *e)).collect();
    for (index, (fig, first, end)) in found.iter_mut().enumerate() {
        if fig.time.is_some() {
            continue; // already placed ("from 81 percent" after a verb of change)
        }
        let (s, e) = clause_of(*first);
        let (first, end) = (*first, *end);
        let distance = |c: &(usize, usize, Cue)| if c.1 <= first { first - c.1 } else { c.0.saturating_sub(end) };
        // Cues in the figure's clause; "once" only before it ("the land it once held");
        // none after "from" or "than" ("down by a third from a year earlier"):
        // that is the time the figure is measured against, not its own.
        // a cue belongs to the figure nearest to it in its own clause (any
        // figure's, when its clause has none)
        let nearest_figure = |c: &(usize, usize, Cue)| {
            let (cs, ce) = clause_of(c.0);
            let same_clause = spans.iter().any(|(f, _)| cs <= *f && *f < ce);
            spans
                .iter()
                .enumerate()
                .filter(|(_, (f, _))| !same_clause || (cs <= *f && *f < ce))
                .min_by_key(|(_, (f, e))| if c.1 <= *f { f - c.1 } else { c.0.saturating_sub(*e) })
                .map(|(k, _)| k)
        };
        let mine = Some(index);
        let mut in_clause: Vec<&(usize, usize, Cue)> = cues
            .iter()
            .filter(|c| c.0 >= s && c.1 <= e && (c.1 <= first || c.0 >= end))
            .filter(|c| !(c.0 >= end && cx.word(c.0) == Some("once")))
            .filter(|c| !(c.0 >= end && measured_against(cx, c.0, end)))
            .filter(|c| nearest_figure(c) == mine)
            .collect();
        in_clause.sort_by_key(|c| distance(c));
        let picked: Vec<&(usize, usize, Cue)> = match in_clause.first() {
            // every cue of the clause that is nearest to this figure, nearest first
            Some(_) => in_clause.clone(),
            None => {
                // an earlier clause's time with no other figure in between:
                // "in spring 2015, between 1,500 and 2,000 a month joined"
                let prior = cues
                    .iter()
                    .filter(|c| c.1 <= first && !figure_ends.iter().any(|fe| *fe > c.1 && *fe <= first))
                    .filter(|c| cx.word(c.0) != Some("once"))
                    .max_by_key(|c| c.1);
                match prior {
                    Some(p) => cues.iter().filter(|c| c.0 + 2 >= p.0 && c.1 <= p.1 + 2 && c.1 <= first).collect(),
                    None if !opening_has_figure => {
                        cues.iter().filter(|c| c.0 >= opening.0 && c.1 <= opening.1).collect()
                    }
                    None => Vec::new(),
                }
            }
        };
        let Some(nearest) = picked.first() else { continue };
        fig.time = Some(TimeRef { span: cx.span(nearest.0, nearest.1), cues: picked.iter().map(|c| c.2).collect() });
    }
    // no date, but a clause about the future: "will lay off about 1,350 workers"
    for (fig, first, _) in found.iter_mut().filter(|(f, _, _)| f.time.is_none()) {
        if let Some(k) = clauses.future_marker(*first) {
            fig.time = Some(TimeRef { span: cx.toks[k].range(), cues: vec![Cue::Ahead] });
        }
    }
}

/// The clauses of a sentence: for each token, the clause it stands in and
/// the first future marker of that clause, found in one pass.
struct Clauses {
    /// (start, end, first future marker) of each clause, in order.
    spans: Vec<(usize, usize, Option<usize>)>,
    /// The clause of each token.
    of: Vec<u32>,
}

impl Clauses {
    fn of(cx: &Ctx) -> Clauses {
        let n = cx.toks.len();
        let mut spans = Vec::new();
        let mut of = Vec::with_capacity(n);
        let mut start = 0;
        let mut marker = None;
        for k in 0..n {
            if is_clause_break(cx, k) {
                // a break belongs to the clause it ends; the next starts after it
                spans.push((start, k, marker));
                of.push(u32::try_from(spans.len() - 1).unwrap_or(u32::MAX));
                start = k + 1;
                marker = None;
                continue;
            }
            if marker.is_none() && time::is_future_marker(cx, k) {
                marker = Some(k);
            }
            of.push(u32::try_from(spans.len()).unwrap_or(u32::MAX));
        }
        spans.push((start, n, marker));
        Clauses { spans, of }
    }

    fn clause(&self, k: usize) -> (usize, usize, Option<usize>) {
        let c = self.of.get(k).map_or(self.spans.len() - 1, |c| *c as usize);
        self.spans[c.min(self.spans.len() - 1)]
    }

    /// The clause (start, end) around token `k`.
    fn of_token(&self, k: usize) -> (usize, usize) {
        let (s, e, _) = self.clause(k);
        (s, e)
    }

    fn future_marker(&self, k: usize) -> Option<usize> {
        self.clause(k).2
    }
}

/// Is the time cue at `k` the object of "from" or "than" ("from a year
/// earlier", "than in May last year"): the time a change is measured against?
fn measured_against(cx: &Ctx, k: usize, figure_end: usize) -> bool {
    let mut j = k;
    // never into the figure's own words: "more than 200 in 2010"
    while j > figure_end && k - j < 3 {
        j -= 1;
        match cx.word(j) {
            Some("from" | "than") => return true,
            Some(w) if matches!(w, "a" | "an" | "the" | "in" | "at" | "during") || lx::small_number(w).is_some() => {}
            Some(w) if lx::is_time_unit(w) || lx::month(w).is_some() => {}
            _ if cx.kind(j) == Some(TokKind::Num) => {}
            _ => return false,
        }
    }
    false
}

/// "down to 200 a month, from up to 2,000": a bare count set against a rate
/// in the same sentence is a rate of the same period; so is an amount of
/// money a rate changed from ("rose to $20 an hour from $19").
fn inherit_periods(cx: &Ctx, found: &mut [(Figure, usize, usize)]) {
    for k in 1..found.len() {
        let (done, rest) = found.split_at_mut(k);
        let (fig, first) = (&mut rest[0].0, rest[0].1);
        if fig.per.is_some() || fig.noun.is_some() {
            continue;
        }
        let changed_from = first > 0 && cx.word(first - 1) == Some("from");
        let prev = done.iter().rev().map(|(f, _, _)| f).find(|f| f.kind == fig.kind);
        let inherits = match (fig.kind, prev) {
            (Kind::Count, Some(p)) => p.noun.is_none(),
            (Kind::Money, Some(p)) => changed_from && p.unit == fig.unit,
            _ => false,
        };
        if inherits {
            fig.per = prev.and_then(|p| p.per);
        }
    }
}
