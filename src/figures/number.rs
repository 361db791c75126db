//! Reading one quantity — digits, number words, fractions or a vague
//! quantity, with its scale, percent sign and currency — at a token.

use super::conventions::{self, Precision};
use super::lexicon as lx;
use super::scan::Ctx;
use crate::text::tokens::TokKind;

/// What a quantity measures, as far as its own words say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Plain,
    /// Percent (or "percentage points" when `points`).
    Share {
        points: bool,
    },
    Money(&'static str),
}

/// How the quantity was written; exclusion rules depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Digits,
    Words,
    Fraction,
    Vague,
}

#[derive(Clone, Debug)]
pub struct Quantity {
    /// First token (currency sign included).
    pub start: usize,
    /// One past the last token of the number (scale, %, currency included).
    pub end: usize,
    pub value: f64,
    pub precision: Precision,
    pub measure: Measure,
    pub form: Form,
    /// The scale word or suffix that multiplied the number (1 when none).
    pub scale: f64,
    /// Written with thousands separators or a decimal point.
    pub separated: bool,
    /// The number was the bare word "one" (or "a"/"an" alone).
    pub lone_one: bool,
    /// A vague quantity followed by "of" ("hundreds of fighters").
    pub takes_of: bool,
}

/// Reads a quantity starting exactly at token `i`.
pub fn read(cx: &Ctx, i: usize) -> Option<Quantity> {
    let t = cx.toks.get(i)?;
    match t.kind {
        TokKind::Num => read_digits(cx, i, i, None),
        TokKind::Punct => {
            let code = lx::currency_symbol(cx.raw(i))?;
            if cx.kind(i + 1) == Some(TokKind::Num) && cx.glued(i + 1) {
                read_digits(cx, i, i + 1, Some(code))
            } else {
                None
            }
        }
        TokKind::Word => read_word_start(cx, i),
        TokKind::Opaque => None,
    }
}

/// Cheap test: can a quantity start with this word at all?
fn may_start_quantity(raw: &str, lower: &str) -> bool {
    if raw.len() <= 3 && raw.bytes().all(|b| b.is_ascii_uppercase()) {
        return true; // currency codes and dollar prefixes: USD, US, HK
    }
    matches!(
        lower,
        "a" | "an"
            | "half"
            | "several"
            | "many"
            | "dozens"
            | "scores"
            | "hundreds"
            | "thousands"
            | "tens"
            | "millions"
            | "billions"
    ) || lx::small_number(lower).is_some()
}

fn read_word_start(cx: &Ctx, i: usize) -> Option<Quantity> {
    let raw = cx.raw(i);
    if !may_start_quantity(raw, cx.word(i)?) {
        return None;
    }
    // "US$5", "HK$3bn"
    if let Some(code) = lx::dollar_prefix(raw) {
        if cx.raw_at(i + 1) == Some("$") && cx.glued(i + 1) && cx.kind(i + 2) == Some(TokKind::Num) && cx.glued(i + 2) {
            return read_digits(cx, i, i + 2, Some(code));
        }
    }
    // "USD 5", "EUR 20 million"
    if let Some(code) = lx::currency_code(raw) {
        if cx.kind(i + 1) == Some(TokKind::Num) {
            return read_digits(cx, i, i + 1, Some(code));
        }
    }
    read_fraction(cx, i).or_else(|| read_vague(cx, i)).or_else(|| read_number_words(cx, i))
}

fn parse_digits(s: &str) -> Option<(f64, bool, usize)> {
    let mut clean = String::with_capacity(s.len());
    let mut separated = false;
    for c in s.chars() {
        match c {
            '0'..='9' | '.' => clean.push(c),
            ',' | ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' => separated = true,
            _ => return None,
        }
    }
    let decimals = clean.split_once('.').map(|(_, d)| d.len()).unwrap_or(0);
    let value: f64 = clean.parse().ok()?;
    Some((value, separated || decimals > 0, decimals))
}

fn read_digits(cx: &Ctx, start: usize, num: usize, currency: Option<&'static str>) -> Option<Quantity> {
    let (mut value, separated, decimals) = parse_digits(cx.raw(num))?;
    let mut end = num + 1;
    let mut scale = 1.0;
    let mut measure = currency.map(Measure::Money).unwrap_or(Measure::Plain);
    // Glued suffix: "10k", "3bn", "£600m", "98%".
    if cx.glued(end) {
        match cx.kind(end) {
            Some(TokKind::Word) => {
                let suffix = cx.raw(end);
                if let Some(s) = lx::scale_suffix(suffix) {
                    // "5m" after a non-currency number could be metres; accept
                    // only k/bn/tn freely and m/M with money or a capital M.
                    // "600m transactions" is millions; "100m race" is metres
                    if suffix == "m" && currency.is_none() && !counted_noun_follows(cx, end + 1) {
                        return Some(metre_quantity(cx, start, num, end));
                    }
                    scale = s;
                    end += 1;
                } else if !lx::is_measure_unit(&cx.lower(end)) {
                    return None; // ordinal (3rd), decade (1990s), identifier (737MAX)
                }
            }
            Some(TokKind::Num) | Some(TokKind::Opaque) => return None,
            _ => {}
        }
    }
    // Scale words: "1.5 million", "45 thousand", "20 million euros".
    if scale == 1.0 {
        if let Some(s) = cx.word(end).and_then(lx::scale_word) {
            scale = s;
            end += 1;
            // "1.5 million million" is not a thing; but "two hundred thousand" is
            if let Some(s2) = cx.word(end).and_then(lx::scale_word) {
                if s2 > s {
                    scale *= s2;
                    end += 1;
                }
            }
        }
    }
    value *= scale;
    if let Some((m, next)) = read_measure_after(cx, end) {
        if currency.is_none() || matches!(m, Measure::Money(_)) {
            measure = m;
            end = next;
        }
    }
    let precision = if scale > 1.0 {
        Precision::Rounded { unit: scale * 10f64.powi(-(decimals as i32)) }.tighten(value)
    } else if decimals > 0 {
        Precision::Exact
    } else {
        conventions::trailing_zero_unit(value).map_or(Precision::Exact, |unit| Precision::Rounded { unit })
    };
    Some(Quantity {
        start,
        end,
        value,
        precision,
        measure,
        form: Form::Digits,
        scale,
        separated,
        lone_one: false,
        takes_of: false,
    })
}

/// A plural noun right after a number: "600m transactions".
fn counted_noun_follows(cx: &Ctx, i: usize) -> bool {
    cx.word(i).is_some_and(|w| (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")) || lx::is_irregular_plural(w))
}

/// "100m" read as metres: the number alone, the "m" its unit.
fn metre_quantity(cx: &Ctx, start: usize, num: usize, _m: usize) -> Quantity {
    let (value, separated, decimals) = parse_digits(cx.raw(num)).unwrap_or((0.0, false, 0));
    let precision = if decimals > 0 {
        Precision::Exact
    } else {
        conventions::trailing_zero_unit(value).map_or(Precision::Exact, |unit| Precision::Rounded { unit })
    };
    Quantity {
        start,
        end: num + 1,
        value,
        precision,
        measure: Measure::Plain,
        form: Form::Digits,
        scale: 1.0,
        separated,
        lone_one: false,
        takes_of: false,
    }
}

impl Precision {
    /// A scaled number ending in zeros ("20 million") rounds at its own last
    /// significant digit, not the scale's.
    fn tighten(self, value: f64) -> Precision {
        match (self, conventions::trailing_zero_unit(value)) {
            (Precision::Rounded { unit }, Some(u)) if u > unit => Precision::Rounded { unit: u },
            _ => self,
        }
    }
}

/// "%", "percent", "per cent", "percentage points", currency names/codes.
fn read_measure_after(cx: &Ctx, i: usize) -> Option<(Measure, usize)> {
    if cx.raw_at(i) == Some("%") {
        return Some((Measure::Share { points: false }, i + 1));
    }
    let w = cx.word(i)?;
    match w {
        "percent" | "pct" | "pc" => Some((Measure::Share { points: false }, i + 1)),
        "per" if cx.word(i + 1) == Some("cent") => Some((Measure::Share { points: false }, i + 2)),
        "percentage" if matches!(cx.word(i + 1), Some("points" | "point")) => {
            Some((Measure::Share { points: true }, i + 2))
        }
        // "down 3 points to 41%": points of a percentage the clause states
        "points" | "point" | "pts" if percent_follows(cx, i + 1) => Some((Measure::Share { points: true }, i + 1)),
        _ => {
            if let Some(code) = lx::currency_code(cx.raw(i)) {
                return Some((Measure::Money(code), i + 1));
            }
            if let Some(code) = lx::currency_name(w) {
                return Some((Measure::Money(code), i + 1));
            }
            if w == "pounds" && cx.word(i + 1) == Some("sterling") {
                return Some((Measure::Money("GBP"), i + 2));
            }
            None
        }
    }
}

/// "to 41%", "from 44 percent": a change in points whose level follows.
fn percent_follows(cx: &Ctx, i: usize) -> bool {
    matches!(cx.word(i), Some("to" | "from"))
        && cx.kind(i + 1) == Some(TokKind::Num)
        && (cx.raw_at(i + 2) == Some("%") || matches!(cx.word(i + 2), Some("percent" | "pct")))
}

/// Number words: "two hundred and fifty", "forty-five thousand", "a dozen",
/// "a thousand", "half a million", "a couple of", "several hundred".
fn read_number_words(cx: &Ctx, i: usize) -> Option<Quantity> {
    let first = cx.word(i)?;
    let mut j = i;
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any = false;
    let mut lone_article = false;
    let mut precision_override: Option<Precision> = None;
    // Leading article or vague multiplier: "a thousand", "several hundred".
    let mut multiplier: Option<(f64, f64)> = None;
    match first {
        "a" | "an" => {
            let next = cx.word(i + 1)?;
            if next == "couple" {
                let mut end = i + 2;
                if cx.word(end) == Some("of") {
                    end += 1;
                }
                let (lo, hi) = conventions::A_COUPLE;
                return Some(simple(i, end, 2.0, Precision::Vague { min: lo, max: hi }, Form::Words));
            }
            if next == "few" && cx.word(i + 2).and_then(lx::scale_word).is_some() {
                multiplier = Some(conventions::A_FEW);
                j = i + 2;
            } else if next == "dozen" || lx::scale_word(next).is_some() {
                current = 1.0;
                any = true;
                lone_article = true;
                j = i + 1;
            } else {
                return None;
            }
        }
        "several" => {
            if cx.word(i + 1).and_then(lx::scale_word).is_some() || cx.word(i + 1) == Some("dozen") {
                multiplier = Some(conventions::SEVERAL);
                j = i + 1;
            } else {
                return None;
            }
        }
        "half" => {
            // "half a million", "half a dozen"
            if matches!(cx.word(i + 1), Some("a" | "an")) {
                let s = cx.word(i + 2)?;
                let scale = if s == "dozen" { 12.0 } else { lx::scale_word(s)? };
                let value = scale / 2.0;
                let p =
                    conventions::trailing_zero_unit(value).map_or(Precision::Exact, |unit| Precision::Rounded { unit });
                return Some(simple(i, i + 3, value, p, Form::Words));
            }
            return None;
        }
        _ => {}
    }
    let mut last_was_scale = false;
    let mut last_scale = 1.0;
    while let Some(w) = cx.word(j) {
        if let Some(v) = lx::small_number(w) {
            if any && !last_was_scale {
                // "twenty five" is one number; "seven eight" is not
                let tens = (20.0..100.0).contains(&current) && current % 10.0 == 0.0;
                if !(tens && v < 10.0) {
                    break;
                }
            }
            current += v;
            any = true;
            last_was_scale = false;
            j += 1;
            // hyphen inside "forty-five"
            if cx.raw_at(j) == Some("-")
                && cx.glued(j)
                && cx.glued(j + 1)
                && cx.word(j + 1).and_then(lx::small_number).is_some()
            {
                j += 1;
            }
            continue;
        }
        if w == "dozen" && (any || multiplier.is_some()) {
            if let Some((lo, hi)) = multiplier {
                return Some(simple(
                    i,
                    j + 1,
                    12.0 * lo,
                    Precision::Vague { min: 12.0 * lo, max: 12.0 * hi },
                    Form::Vague,
                ));
            }
            current *= 12.0;
            precision_override = Some(Precision::Exact);
            j += 1;
            last_was_scale = true;
            continue;
        }
        if let Some(s) = lx::scale_word(w) {
            if let Some((lo, hi)) = multiplier {
                return Some(simple(i, j + 1, s * lo, Precision::Vague { min: s * lo, max: s * hi }, Form::Vague));
            }
            if !any {
                break;
            }
            last_scale = s;
            if s == 100.0 {
                current *= 100.0;
            } else {
                total += current * s;
                current = 0.0;
            }
            last_was_scale = true;
            j += 1;
            // "two hundred and fifty"
            if cx.word(j) == Some("and") && cx.word(j + 1).and_then(lx::small_number).is_some() {
                j += 1;
            }
            continue;
        }
        break;
    }
    if !any {
        return None;
    }
    let value = total + current;
    let end = j;
    let lone_one = end == i + 1 && (first == "one" || lone_article);
    let precision = precision_override.unwrap_or_else(|| {
        conventions::trailing_zero_unit(value).map_or(Precision::Exact, |unit| Precision::Rounded { unit })
    });
    let mut q = simple(i, end, value, precision, Form::Words);
    q.lone_one = lone_one;
    if last_was_scale {
        q.scale = last_scale;
    }
    if let Some((m, next)) = read_measure_after(cx, end) {
        q.measure = m;
        q.end = next;
    }
    Some(q)
}

fn simple(start: usize, end: usize, value: f64, precision: Precision, form: Form) -> Quantity {
    Quantity {
        start,
        end,
        value,
        precision,
        measure: Measure::Plain,
        form,
        scale: 1.0,
        separated: false,
        lone_one: false,
        takes_of: false,
    }
}

/// "dozens", "scores of", "hundreds", "tens of thousands", "many thousands".
fn read_vague(cx: &Ctx, i: usize) -> Option<Quantity> {
    let mut j = i;
    if matches!(cx.word(j), Some("many")) && matches!(cx.word(j + 1), Some(w) if w.ends_with('s')) {
        j += 1;
    }
    let w1 = cx.word(j)?;
    // longest phrase first
    let mut best: Option<(usize, f64, f64)> = None;
    for (phrase, lo, hi) in conventions::VAGUE {
        let mut words = phrase.split(' ');
        if words.next() != Some(w1) {
            continue;
        }
        let n = 1 + words.clone().count();
        if words.enumerate().all(|(k, w)| cx.word(j + 1 + k) == Some(w)) && best.is_none_or(|b| n > b.0) {
            best = Some((n, *lo, *hi));
        }
    }
    let (n, lo, hi) = best?;
    let end = j + n;
    let takes_of = cx.word(end) == Some("of");
    if w1 == "scores" && !takes_of {
        return None; // "test scores"
    }
    // "thousands" in "in the thousands" is still vague; a capitalised
    // "Thousands" starts a sentence — both fine.
    let mut q = simple(i, end, lo, Precision::Vague { min: lo, max: hi }, Form::Vague);
    q.takes_of = takes_of;
    Some(q)
}

/// Fractions and ratios as shares: "half", "a third", "two-thirds",
/// "three quarters", "one in five", "1 in 5", "nine out of ten".
fn read_fraction(cx: &Ctx, i: usize) -> Option<Quantity> {
    let w = cx.word(i)?;
    // "half" alone
    if w == "half" {
        if half_is_time(cx, i) || matches!(cx.word(i + 1), Some("a" | "an")) {
            return None;
        }
        return Some(share(i, i + 1, 50.0));
    }
    let numerator = match w {
        "a" | "an" => 1.0,
        _ => lx::small_number(w)?,
    };
    let mut j = i + 1;
    if cx.raw_at(j) == Some("-") && cx.glued(j) {
        j += 1;
    }
    if let Some(den) = cx.word(j).and_then(lx::fraction_denominator) {
        let word = cx.word(j).unwrap_or("");
        if word == "half" && numerator != 1.0 {
            return None;
        }
        // "a third" must be a fraction, not an ordinal ("a third country")
        let next = cx.word(j + 1);
        let next_is_noun = match next {
            None => false,
            Some(n) => {
                !(n == "of" || lx::is_function_word(n) || n.ends_with("ed") || n.ends_with("ly") || is_common_verb(n))
            }
        };
        let plural_form = word.ends_with('s');
        if next_is_noun && !plural_form {
            return None;
        }
        if numerator >= den {
            return None;
        }
        return Some(share(i, j + 1, numerator / den * 100.0));
    }
    None
}

/// "one in five", "1 in 5", "nine out of ten": read after a plain quantity.
pub fn read_ratio_tail(cx: &Ctx, q: &Quantity) -> Option<Quantity> {
    if q.measure != Measure::Plain || !matches!(q.form, Form::Digits | Form::Words) || q.scale > 1.0 {
        return None;
    }
    let mut j = q.end;
    match cx.word(j) {
        Some("in") => j += 1,
        Some("out") if cx.word(j + 1) == Some("of") => j += 2,
        _ => return None,
    }
    let den = read(cx, j)?;
    if den.form == Form::Fraction || den.measure != Measure::Plain || den.value <= q.value || den.value > 1000.0 {
        return None;
    }
    if den.form == Form::Digits && !den.separated && (1000.0..=2100.0).contains(&den.value) {
        return None; // "2 in 2016"
    }
    Some(Quantity { end: den.end, ..share(q.start, den.end, q.value / den.value * 100.0) })
}

fn share(start: usize, end: usize, pct: f64) -> Quantity {
    let mut q = simple(start, end, pct, Precision::Approximate, Form::Fraction);
    q.measure = Measure::Share { points: false };
    q
}

/// "the first half of 2016", "half an hour", "half-time".
fn half_is_time(cx: &Ctx, i: usize) -> bool {
    if i > 0 && matches!(cx.word(i - 1), Some("first" | "second" | "latter" | "former" | "other" | "last" | "back")) {
        return true;
    }
    if cx.raw_at(i + 1) == Some("-") && cx.glued(i + 1) {
        return true;
    }
    match cx.word(i + 1) {
        Some("time" | "hour" | "an" | "century" | "decade" | "term" | "way") => true,
        Some("of") => match cx.word(i + 2) {
            Some("the") => {
                matches!(cx.word(i + 3), Some("year" | "decade" | "century" | "month" | "season" | "game" | "match"))
            }
            _ => cx.kind(i + 2) == Some(TokKind::Num),
        },
        _ => false,
    }
}

fn is_common_verb(w: &str) -> bool {
    matches!(
        w,
        "remain"
            | "remains"
            | "left"
            | "say"
            | "says"
            | "said"
            | "support"
            | "supports"
            | "oppose"
            | "opposes"
            | "live"
            | "lives"
            | "come"
            | "comes"
            | "came"
            | "go"
            | "goes"
            | "went"
            | "want"
            | "wants"
            | "think"
            | "thinks"
            | "believe"
            | "believes"
            | "voted"
            | "vote"
            | "votes"
            | "work"
            | "works"
            | "own"
            | "owns"
            | "use"
            | "uses"
    )
}
