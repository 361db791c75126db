//! The Numeral dimension: numbers written as words — cardinals by the
//! grammar of English number names ("one hundred and sixty-one", "three
//! hundred and thirty one", "twenty-one thousand"), mixed numbers ("five and
//! a quarter", "one and a half million"), fractions ("two-thirds", "a quarter
//! of a million") and vague quantities ("dozens", "several hundred").
//! Fixtures: tests/fixtures/figures/words.txt, vague.txt, shares.txt.

use super::conventions::{self, Precision};
use super::lexicon as lx;
use super::number::{read_measure_after, share, simple, Form, Quantity};
use super::scan::Ctx;
use crate::text::tokens::TokKind;

/// A cardinal read from number words: its value, where it ends, the last
/// scale word in it (1 when none) and how precisely it was written.
struct Cardinal {
    value: f64,
    end: usize,
    scale: f64,
    precision: Option<Precision>,
}

/// Number words: "two hundred and fifty", "forty-five thousand", "a dozen",
/// "a thousand", "half a million", "a couple of", "several hundred", "one and
/// a half million", "five and a quarter".
pub(super) fn read_number_words(cx: &Ctx, i: usize) -> Option<Quantity> {
    let first = cx.word(i)?;
    match first {
        "a" | "an" => {
            let next = cx.word(i + 1)?;
            if next == "couple" {
                let end = if cx.word(i + 2) == Some("of") { i + 3 } else { i + 2 };
                let (lo, hi) = conventions::A_COUPLE;
                return Some(simple(i, end, 2.0, Precision::Vague { min: lo, max: hi }, Form::Words));
            }
            if next == "few" {
                return vague_multiple(cx, i, i + 2, conventions::A_FEW);
            }
            // "a day and a half", "an hour and a quarter": one of the unit,
            // the fraction read after it (see `counted`)
            if lx::is_time_unit(next) && and_fraction(cx, i + 2).is_some() {
                return Some(simple(i, i + 1, 1.0, Precision::Exact, Form::Words));
            }
        }
        "several" => return vague_multiple(cx, i, i + 1, conventions::SEVERAL),
        "half" => {
            // "half a million", "half a dozen"; "half an hour", "half a day"
            if matches!(cx.word(i + 1), Some("a" | "an")) {
                let s = cx.word(i + 2)?;
                if lx::is_time_unit(s) {
                    return Some(simple(i, i + 2, 0.5, Precision::Exact, Form::Words));
                }
                let scale = if s == "dozen" { 12.0 } else { lx::scale_word(s)? };
                let value = scale / 2.0;
                let p = rounded(value);
                return Some(simple(i, i + 3, value, p, Form::Words));
            }
            return None;
        }
        _ => {}
    }
    let c = cardinal(cx, i)?;
    let lone_one = c.end == i + 1 && first == "one";
    let precision = c.precision.unwrap_or_else(|| rounded(c.value));
    let mut q = simple(i, c.end, c.value, precision, Form::Words);
    q.lone_one = lone_one;
    q.scale = c.scale;
    if let Some((m, next)) = read_measure_after(cx, c.end) {
        q.measure = m;
        q.end = next;
    }
    Some(q)
}

fn rounded(value: f64) -> Precision {
    conventions::trailing_zero_unit(value).map_or(Precision::Exact, |unit| Precision::Rounded { unit })
}

/// "several hundred", "a few thousand", "several dozen": `from` is the
/// scale word's token.
fn vague_multiple(cx: &Ctx, i: usize, from: usize, (lo, hi): (f64, f64)) -> Option<Quantity> {
    let w = cx.word(from)?;
    let s = if w == "dozen" { 12.0 } else { lx::scale_word(w)? };
    Some(simple(i, from + 1, s * lo, Precision::Vague { min: s * lo, max: s * hi }, Form::Vague))
}

/// A cardinal: groups below a thousand, each but the last followed by a
/// scale word smaller than the one before ("twenty-one thousand three
/// hundred and five"); a mixed fraction before the last scale ("one and a
/// half million"); "dozen" multiplying. Never across a line break; a group
/// whose scale does not descend starts another number ("one trillion
/// twenty-one trillion" is two).
fn cardinal(cx: &Ctx, i: usize) -> Option<Cardinal> {
    let mut total = 0.0;
    let mut j = i;
    let mut ceiling = f64::INFINITY;
    let mut scale = 1.0;
    let mut precision = None;
    while let Some((mut group, mut after)) = below_thousand(cx, j) {
        let mut fraction = None;
        if let Some((f, k)) = and_fraction(cx, after) {
            fraction = Some(f);
            group += f;
            after = k;
        }
        let next_scale = (!line_break_before(cx, after))
            .then(|| cx.word(after).and_then(lx::scale_word))
            .flatten()
            .filter(|s| *s >= 1e3);
        match next_scale {
            Some(s) if s < ceiling => {
                total += group * s;
                ceiling = s;
                scale = s;
                j = after + 1;
                if let Some(f) = fraction {
                    // "one and a half million": rounded at the fraction's last digit
                    precision = Some(Precision::Rounded { unit: s * fraction_unit(f) });
                    break;
                }
                // "two thousand and five"
                if cx.word(j) == Some("and") && !line_break_before(cx, j + 1) && below_thousand(cx, j + 1).is_some() {
                    j += 1;
                }
            }
            // a scale that does not descend: this group is another number's
            Some(_) if j > i => break,
            _ => {
                if fraction.is_some() {
                    precision = Some(Precision::Exact);
                }
                // "three dozen", "a dozen": twelve each, exactly
                if !line_break_before(cx, after) && matches!(cx.word(after), Some("dozen" | "dozens")) {
                    group *= 12.0;
                    after += 1;
                    precision = Some(Precision::Exact);
                } else if group >= 100.0 && (group % 100.0 == 0.0) && scale == 1.0 {
                    scale = 100.0;
                }
                total += group;
                j = after;
                break;
            }
        }
    }
    (j > i).then_some(Cardinal { value: total, end: j, scale, precision })
}

/// The place value of a fraction's last decimal digit: ½ → 0.1, ¼ → 0.01.
fn fraction_unit(f: f64) -> f64 {
    let mut unit = 1.0;
    let mut x = f;
    while unit > 0.001 && (x - x.round()).abs() > 1e-9 {
        x *= 10.0;
        unit /= 10.0;
    }
    unit
}

/// A number below a thousand: "seven", "forty-five", "twenty one", "a
/// hundred", "one hundred and sixty-one", "nineteen hundred".
fn below_thousand(cx: &Ctx, j: usize) -> Option<(f64, usize)> {
    let w = cx.word(j)?;
    let (mut v, mut k) = if matches!(w, "a" | "an") {
        // the article counts one before a scale or "dozen" only
        let next = cx.word(j + 1)?;
        if next != "dozen" && lx::scale_word(next).is_none() {
            return None;
        }
        (1.0, j + 1)
    } else {
        tens_and_units(cx, j)?
    };
    if !line_break_before(cx, k) && cx.word(k) == Some("hundred") && v > 0.0 && v < 100.0 {
        v *= 100.0;
        k += 1;
        // "and sixty-one", or "sixty-one" alone
        let m = if cx.word(k) == Some("and") && tens_and_units(cx, k + 1).is_some() { k + 1 } else { k };
        if !line_break_before(cx, m) {
            if let Some((r, e)) = tens_and_units(cx, m) {
                v += r;
                k = e;
            }
        }
    }
    Some((v, k))
}

/// "seven", "seventeen", "forty", "forty-five", "forty five".
fn tens_and_units(cx: &Ctx, j: usize) -> Option<(f64, usize)> {
    let v = lx::small_number(cx.word(j)?)?;
    let tens = (20.0..100.0).contains(&v) && v % 10.0 == 0.0;
    if !tens {
        return Some((v, j + 1));
    }
    let unit_at = |k: usize| cx.word(k).and_then(lx::small_number).filter(|u| (1.0..10.0).contains(u));
    // hyphen inside "forty-five"
    if cx.raw_at(j + 1) == Some("-") && cx.glued(j + 1) && cx.glued(j + 2) {
        if let Some(u) = unit_at(j + 2) {
            return Some((v + u, j + 3));
        }
    }
    if !line_break_before(cx, j + 1) {
        if let Some(u) = unit_at(j + 1) {
            return Some((v + u, j + 2));
        }
    }
    Some((v, j + 1))
}

/// "and a half", "and a quarter", "and three fifths", "and two-thirds"
/// after a whole number: the fraction and where it ends.
pub(super) fn and_fraction(cx: &Ctx, k: usize) -> Option<(f64, usize)> {
    if cx.word(k) != Some("and") || line_break_before(cx, k) {
        return None;
    }
    let numerator = match cx.word(k + 1)? {
        "a" | "an" => 1.0,
        w => lx::small_number(w).filter(|n| *n >= 1.0)?,
    };
    let mut d = k + 2;
    if cx.raw_at(d) == Some("-") && cx.glued(d) {
        d += 1;
    }
    let den = cx.word(d).and_then(lx::fraction_denominator)?;
    (numerator < den).then_some((numerator / den, d + 1))
}

/// Does a line break stand between token `k` and the one before it?
fn line_break_before(cx: &Ctx, k: usize) -> bool {
    match (k.checked_sub(1).and_then(|p| cx.toks.get(p)), cx.toks.get(k)) {
        (Some(prev), Some(next)) => cx.text.as_bytes()[prev.end..next.start].contains(&b'\n'),
        _ => false,
    }
}

/// "dozens", "scores of", "hundreds", "tens of thousands", "many thousands".
pub(super) fn read_vague(cx: &Ctx, i: usize) -> Option<Quantity> {
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
pub(super) fn read_fraction(cx: &Ctx, i: usize) -> Option<Quantity> {
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
        if let Some(q) = fraction_of_scale(cx, i, j + 1, numerator / den) {
            return Some(q);
        }
        return Some(share(i, j + 1, numerator / den * 100.0));
    }
    None
}

/// "a quarter of a million", "two-thirds of a billion": a number, not a
/// share; `k` is the token after the fraction.
fn fraction_of_scale(cx: &Ctx, i: usize, k: usize, fraction: f64) -> Option<Quantity> {
    if cx.word(k) != Some("of") {
        return None;
    }
    let s = if matches!(cx.word(k + 1), Some("a" | "an")) { k + 2 } else { k + 1 };
    let scale = cx.word(s).and_then(lx::scale_word).filter(|v| *v >= 1e3)?;
    let mut q = simple(i, s + 1, fraction * scale, Precision::Approximate, Form::Words);
    q.scale = scale;
    if let Some((m, next)) = read_measure_after(cx, s + 1) {
        q.measure = m;
        q.end = next;
    }
    Some(q)
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
