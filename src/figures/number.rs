//! Reading one quantity — digits, number words, fractions or a vague
//! quantity, with its scale, percent sign and currency — at a token.

use super::conventions::{self, Precision};
use super::lexicon as lx;
use super::numeral;
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
        TokKind::Punct if is_minus_sign(cx, i) => {
            read(cx, i + 1).filter(|q| q.form == Form::Digits).map(|q| negated(q, i))
        }
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

/// A minus sign at `i`: "-", "−" or "–" glued to the digits after it and
/// not to a word or number before it ("-3.2%", but not "COVID-19", "2015-16").
fn is_minus_sign(cx: &Ctx, i: usize) -> bool {
    matches!(cx.raw(i), "-" | "\u{2212}" | "\u{2013}")
        && cx.glued(i + 1)
        && (cx.kind(i + 1) == Some(TokKind::Num) || lx::currency_symbol(cx.raw(i + 1)).is_some())
        && !(i > 0 && cx.glued(i) && matches!(cx.kind(i - 1), Some(TokKind::Word | TokKind::Num | TokKind::Opaque)))
}

/// `q` with its sign turned, starting at the sign's token `start`.
fn negated(q: Quantity, start: usize) -> Quantity {
    Quantity { start, value: -q.value, ..q }
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
            | "minus"
            | "negative"
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
    // "minus 1", "negative 0.3 percent"
    if matches!(cx.word(i), Some("minus" | "negative")) {
        let q = read(cx, i + 1).filter(|q| matches!(q.form, Form::Digits | Form::Words))?;
        return Some(negated(q, i));
    }
    numeral::read_fraction(cx, i).or_else(|| numeral::read_vague(cx, i)).or_else(|| numeral::read_number_words(cx, i))
}

fn parse_digits(s: &str) -> Option<(f64, bool, usize)> {
    // most numbers have no separator: read them in place, with no copy
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return parse_clean(s, false);
    }
    let mut clean = String::with_capacity(s.len());
    let mut separated = false;
    for c in s.chars() {
        match c {
            '0'..='9' | '.' => clean.push(c),
            ',' | ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' => separated = true,
            _ => return None,
        }
    }
    parse_clean(&clean, separated)
}

/// The value of `clean` (digits and a point), whether it was written with
/// separators or decimals, and its number of decimals.
fn parse_clean(clean: &str, separated: bool) -> Option<(f64, bool, usize)> {
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
                // a lone capital ("10G", "$4B", "10K subscribers") is a scale with
                // money or a counted noun; else part of a name ("5G", "221B Baker Street", "3M")
                let capital = matches!(suffix, "G" | "B" | "K" | "M" | "T");
                let scaled = currency.is_some() || counted_noun_follows(cx, end + 1);
                if capital && !scaled {
                    return None;
                }
                let giga = suffix == "G";
                // "£330million", "5billion": a scale word glued to the digits
                let glued_word = lx::scale_word(cx.word(end).unwrap_or("")).filter(|s| *s >= 1e6);
                if let Some(s) = lx::scale_suffix(suffix).or(giga.then_some(1e9)).or(glued_word) {
                    // "5m" after a non-currency number could be metres; accept
                    // only k/bn/tn freely and m/M with money or a capital M.
                    // "600m transactions" is millions; "100m race" is metres
                    if suffix == "m" && currency.is_none() && !counted_noun_follows(cx, end + 1) {
                        return Some(metre_quantity(cx, start, num, end));
                    }
                    scale = s;
                    end += 1;
                } else if !lx::is_measure_unit(cx.word(end).unwrap_or("")) {
                    return None; // ordinal (3rd), decade (1990s), identifier (737MAX)
                }
            }
            Some(TokKind::Num) | Some(TokKind::Opaque) => return None,
            _ => {}
        }
    }
    // Scale words: "1.5 million", "45 thousand", "20 million euros"; a
    // scale abbreviation written apart: "£5 bn", "3 mn"; a single letter
    // apart only with money: "$5 m".
    let spaced_suffix = |w: &str| {
        lx::scale_suffix(w).filter(|_| (w.len() > 1 && w.bytes().all(|b| b.is_ascii_lowercase())) || currency.is_some())
    };
    let mut dozen = false;
    if scale == 1.0 {
        if matches!(cx.word(end), Some("dozen" | "dozens")) {
            // "3 dozen eggs", "3 dozens": twelve each, exactly
            value *= 12.0;
            dozen = true;
            end += 1;
        } else if let Some(s) = cx.word(end).and_then(|w| lx::scale_word(w).or_else(|| spaced_suffix(cx.raw(end)))) {
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
    let precision = if dozen {
        Precision::Exact
    } else if scale > 1.0 {
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
pub(super) fn read_measure_after(cx: &Ctx, i: usize) -> Option<(Measure, usize)> {
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
            if matches!(w, "pound" | "pounds") && !weighs(cx, i) {
                return Some((Measure::Money("GBP"), i + 1));
            }
            None
        }
    }
}

/// Is "pounds" at token `at` a weight rather than sterling? After a scale
/// word it is money ("241 million pounds"); "pounds of" something, a
/// hyphenated "12-pound", or a sentence that speaks of weight
/// (`lexicon::speaks_of_weight`) makes it a weight.
fn weighs(cx: &Ctx, at: usize) -> bool {
    let before = at.checked_sub(1).and_then(|k| cx.word(k));
    if before.is_some_and(|w| lx::scale_word(w).is_some() || matches!(w, "m" | "bn" | "k")) {
        return false;
    }
    if cx.word(at + 1) == Some("of") || at.checked_sub(1).and_then(|k| cx.raw_at(k)) == Some("-") {
        return true;
    }
    (0..cx.toks.len()).any(|k| cx.word(k).is_some_and(lx::speaks_of_weight))
}

/// "to 41%", "from 44 percent": a change in points whose level follows.
fn percent_follows(cx: &Ctx, i: usize) -> bool {
    matches!(cx.word(i), Some("to" | "from"))
        && cx.kind(i + 1) == Some(TokKind::Num)
        && (cx.raw_at(i + 2) == Some("%") || matches!(cx.word(i + 2), Some("percent" | "pct")))
}

pub(super) fn simple(start: usize, end: usize, value: f64, precision: Precision, form: Form) -> Quantity {
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

pub(super) fn share(start: usize, end: usize, pct: f64) -> Quantity {
    let mut q = simple(start, end, pct, Precision::Approximate, Form::Fraction);
    q.measure = Measure::Share { points: false };
    q
}
