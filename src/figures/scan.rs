//! The figure scanner: walks a sentence's tokens, reads each quantity, rules
//! out what is not a figure (dates, years, labels, identifiers, durations,
//! numbering), and attaches qualifiers, ranges, the counted noun, the rate
//! period and the time the figure is about.

use super::conventions::{self, Conventions, Qualifier};
use super::counted;
use super::exclusions::{excluded_digits, is_label, is_yearlike};
use super::lexicon as lx;
use super::number::{self, Form, Measure, Quantity};
use super::periods::{adjacent_period, clause_period, inherit_periods, inherit_units, period_before};
use super::qualifiers::{leading_qualifiers, trailing_qualifier};
use super::ranges::{change_verb_before, range_tail};
use super::time::{self, Cue, TimeRef};
use super::timing::attach_time;
use super::{Extraction, Figure, Kind};
use crate::text::tokens::{tokenize_into, TokKind, Token};
use std::ops::Range;

/// A sentence's tokens with their lower-case forms.
pub(super) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
    /// Each token's lower-case form in `lowered`, when it differs from the
    /// raw text (an empty range when it does not, or the token is no word):
    /// one buffer for the sentence, not a string per word.
    lower: Vec<Range<u32>>,
    lowered: String,
    pub heading: bool,
}

/// The vectors a sentence's scan fills, handed from one sentence to the
/// next (malloc and free were 9% of the extraction profile).
#[derive(Default)]
pub(super) struct Scratch {
    toks: Vec<Token>,
    lower: Vec<Range<u32>>,
    lowered: String,
    in_date: Vec<bool>,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, range: Range<usize>, heading: bool, scratch: &mut Scratch) -> Ctx<'a> {
        let mut toks = std::mem::take(&mut scratch.toks);
        tokenize_into(text, range, &mut toks);
        let mut lowered = std::mem::take(&mut scratch.lowered);
        lowered.clear();
        let mut lower = std::mem::take(&mut scratch.lower);
        lower.clear();
        for t in &toks {
            let start = lowered.len();
            if t.kind == TokKind::Word && !t.folded {
                let raw = t.text(text);
                if !raw.is_ascii() {
                    let l = raw.to_lowercase();
                    if l.contains('\u{2019}') {
                        lowered.push_str(&l.replace('\u{2019}', "'"));
                    } else {
                        lowered.push_str(&l);
                    }
                } else if raw.bytes().any(|b| b.is_ascii_uppercase()) {
                    // copied whole and lower-cased in place, not pushed a character at a time
                    lowered.push_str(raw);
                    if let Some(l) = lowered.get_mut(start..) {
                        l.make_ascii_lowercase();
                    }
                }
            }
            // a sentence is far shorter than 4 GB: its tokens' forms are too
            let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            lower.push(at(start)..at(lowered.len()));
        }
        Ctx { text, toks, lower, lowered, heading }
    }

    /// Gives the vectors back for the next sentence.
    fn recycle(self, scratch: &mut Scratch) {
        scratch.toks = self.toks;
        scratch.lower = self.lower;
        scratch.lowered = self.lowered;
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
    #[inline]
    pub fn word(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        if t.kind != TokKind::Word {
            return None;
        }
        let l = &self.lower[i];
        Some(if l.is_empty() {
            t.text(self.text)
        } else {
            self.lowered.get(l.start as usize..l.end as usize).unwrap_or("")
        })
    }

    /// Token `i` exists and follows the previous one without white space.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }

    pub fn span(&self, first: usize, end: usize) -> Range<usize> {
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
            // a full DFA: 48 short words make a small one, and every
            // sentence without a digit is searched with it
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
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

/// Has `bytes` an ASCII digit? Asked of every sentence: 32 bytes at a time,
/// with no branch inside a block, which the compiler vectorises (`any`
/// stopped to branch at every byte).
fn has_digit(bytes: &[u8]) -> bool {
    bytes.chunks(32).any(|block| block.iter().fold(false, |seen, b| seen | b.is_ascii_digit()))
}

/// Finds the figures of one sentence and appends them to `out`.
pub(super) fn scan_sentence(
    text: &str,
    sentence: Range<usize>,
    heading: bool,
    conv: &Conventions,
    out: &mut Extraction,
    scratch: &mut Scratch,
) {
    let bytes = &text.as_bytes()[sentence.clone()];
    let has_digit = has_digit(bytes);
    if !has_digit && !has_number_word(bytes) {
        return;
    }
    let cx = Ctx::new(text, sentence.clone(), heading, scratch);
    if cx.toks.is_empty() {
        cx.recycle(scratch);
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
    // the tokens of a date, marked once (not every cue looked at per token)
    let mut in_date = std::mem::take(&mut scratch.in_date);
    in_date.clear();
    in_date.resize(cx.toks.len(), false);
    for (s, e, _) in cues.iter().filter(|(_, _, c)| matches!(c, Cue::Date(_) | Cue::Coming(_))) {
        for mark in in_date.iter_mut().take(*e).skip(*s) {
            *mark = true;
        }
    }
    let mut found: Vec<(Figure, usize, usize)> = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < cx.toks.len() {
        if !has_digit && cx.kind(i) != Some(TokKind::Word) {
            i += 1;
            continue;
        }
        if in_date[i] {
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
    inherit_units(&cx, &mut found);
    #[cfg(test)]
    let before = found.clone();
    let clauses = attach_time(&cx, &cues, &mut found);
    #[cfg(test)]
    super::timing_reference::compare(&cx, &cues, before, &found);
    if let Some(clauses) = &clauses {
        super::tense::mark_past(&cx, clauses, &mut found);
    }
    out.figures.extend(found.into_iter().map(|(f, _, _)| f));
    scratch.in_date = in_date;
    cx.recycle(scratch);
}

/// The time cues of a stretch of text (a table cell), as one reference.
pub(super) fn time_in(text: &str, range: Range<usize>) -> Option<TimeRef> {
    let cx = Ctx::new(text, range, false, &mut Scratch::default());
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
    // "18 and a half years", "3 and a half thousand", "5 and a half
    // percent": the fraction is the number's, exactly as written, and so is
    // a scale or a percent after it
    if q.form == Form::Digits && q.scale == 1.0 && q.value.fract() == 0.0 && q.measure == Measure::Plain {
        if let Some((f, next)) = super::numeral::and_fraction(cx, q.end) {
            let scale = cx.word(next).and_then(lx::scale_word);
            q.value = (q.value + f) * scale.unwrap_or(1.0);
            q.scale = scale.unwrap_or(1.0);
            q.precision = super::conventions::Precision::Exact;
            q.end = next + usize::from(scale.is_some());
            if let Some((measure, end)) = number::read_measure_after(cx, q.end) {
                (q.measure, q.end) = (measure, end);
            }
        }
    }
    if q.form == Form::Digits && excluded_digits(cx, &q) {
        return None;
    }
    // Leading qualifiers, stacked: "nearly as many as".
    let (lead_start, mut quals) = leading_qualifiers(cx, q.start, floor);
    // "under the age of 16", "between the ages of 20 and 40": the qualifier
    // or "between" before the words of age (which stay out of the figure)
    let age_words = lead_start == q.start
        && q.start >= floor + 3
        && cx.word(q.start - 1) == Some("of")
        && matches!(cx.word(q.start - 2), Some("age" | "ages"))
        && cx.word(q.start - 3) == Some("the");
    let mut between_ages = false;
    if age_words {
        let (at, of_age) = leading_qualifiers(cx, q.start - 3, floor);
        between_ages = of_age.is_empty() && at > floor && cx.word(at - 1) == Some("between");
        quals = of_age;
    }
    let before = lead_start.checked_sub(1).filter(|b| *b >= floor);
    let between = between_ages || before.is_some_and(|b| cx.word(b) == Some("between"));
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
    let mut first = if hi.is_some() && (between || from) && !between_ages { lead_start - 1 } else { lead_start };
    let mut end = hi.as_ref().map_or(q.end, |h| h.end);
    // Trailing qualifiers: "1,000 or more", "1,000+".
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
    // "1,000 fighters or more", "20 years or so": a trailing qualifier after the noun
    if noun.is_some() {
        if let Some((qual, next)) = trailing_qualifier(cx, end) {
            quals.push(qual);
            end = next;
        }
    }
    let per = match adjacent_period(cx, end) {
        Some((p, next)) => {
            end = next;
            Some(p)
        }
        None => clause_period(cx, end, first, floor, noun.is_none()).or_else(|| {
            // "the number crossing each month has fallen to 50"
            matches!(kind, Kind::Count | Kind::Money).then(|| period_before(cx, first, floor)).flatten()
        }),
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
    // Labels: "Boeing 737", "Windows 10", "Apollo 11"
    let bare = per.is_none() && kind == Kind::Count && hi.is_none() && quals.is_empty();
    if bare && is_label(cx, &q) {
        return None;
    }
    // The interval; a duration's in seconds, each end in its own unit
    let (interval, stated) = match &hi {
        Some(h) => {
            let (lo, up) = seconds.unwrap_or((1.0, 1.0));
            let approx = quals.contains(&Qualifier::Approx);
            (conventions::range_interval(q.value * lo, h.value * up, approx, conv), vec![q.value, h.value])
        }
        None => {
            let iv = conventions::qualified_value(q.value, q.precision, &quals, conv);
            (seconds.map_or(iv, |(s, _)| iv.scaled(s)), vec![q.value])
        }
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
        told_in_past: false,
        context: Vec::new(),
    };
    Some((fig, first, end))
}
