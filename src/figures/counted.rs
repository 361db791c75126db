//! What a quantity counts or measures: the counted noun ("1,000
//! fighters"), a unit of measure, glued by a hyphen ("a 2-kilometre queue")
//! or compound ("250 km/h", "70 miles per hour"), a duration ("36 hours", "a 36-hour siege", "ten
//! days to two weeks"), an age ("a 27-year-old", "aged 72", "an
//! 18-month-old"), a rate's population base ("per capita", "per 100,000
//! people"), and the measure a bare count's clause names before it ("the
//! death toll had reached 11": people). Fixtures: units.txt, counted.txt.

use super::duration;
use super::lexicon as lx;
use super::number::Quantity;
use super::numeral;
use super::scan::Ctx;
use super::units;
use super::Kind;
use crate::text::tokens::TokKind;

/// What follows a quantity and says what it counts.
pub(super) struct Counted {
    pub kind: Kind,
    pub unit: Option<String>,
    /// The counted noun's token.
    pub noun: Option<usize>,
    /// The token after the counted words.
    pub end: usize,
    /// A duration: seconds in one of each end's unit.
    pub seconds: Option<(f64, f64)>,
    /// A duration range's second end in another unit ("ten days to two weeks").
    pub hi: Option<Quantity>,
    /// A fraction after a duration's unit: "a day and a half".
    pub fraction: f64,
    /// The word before the figure marks it ("aged 72") and is part of it.
    pub marked: bool,
}

/// Reads what the count quantity `q` (qualifiers from `lead`, numbers
/// ending at `end`) counts; `None` when it is a time cue, not a figure
/// ("three weeks ago"), or a duration in a unit of no fixed length ("two terms").
pub(super) fn read(cx: &Ctx, q: &Quantity, lead: usize, first: usize, end: usize, ranged: bool) -> Option<Counted> {
    let mut c = Counted {
        kind: Kind::Count,
        unit: None,
        noun: None,
        end,
        seconds: None,
        hi: None,
        fraction: 0.0,
        marked: false,
    };
    // ages: "27-year-old", "12 years old", "an 18-month-old" (in years, shown in months)
    if let Some((next, u)) = duration::age_after(cx, end) {
        age_in(cx, &mut c, u);
        c.end = next;
        return Some(c);
    }
    // "55 or older", "aged 65 and over": the qualifier says it is an age
    let older = end > 0 && matches!(cx.word(end - 1), Some("older" | "younger"));
    if older
        || (duration::apposed_age(cx, q) || duration::said_age(cx, q) || duration::opening_age(cx, q))
            && q.start == lead
    {
        c.kind = Kind::Age;
        c.unit = Some("years".to_string());
        return Some(c);
    }
    if let Some(marked) = duration::age_before(cx, first) {
        c.kind = Kind::Age;
        c.unit = Some("years".to_string());
        c.marked = marked;
        // "aged 18 months", "aged six weeks": the unit as written, the age in years
        if duration::is_age_unit(cx, end) {
            age_in(cx, &mut c, end);
            c.end = end + 1;
            // "aged 2 years and 6 months": 2.5 years
            if let Some((more, next)) = duration::age_and(cx, end) {
                c.fraction = more;
                c.end = next;
            }
        }
        return Some(c);
    }
    // a hyphenated modifier: "a 36-hour siege", "a 2-kilometre queue"
    if let Some(u) = duration::hyphenated_unit(cx, end) {
        return duration_from(cx, c, u, lead, true);
    }
    if cx.raw_at(end) == Some("-")
        && cx.glued(end)
        && cx.glued(end + 1)
        && cx.word(end + 1).is_some_and(lx::is_measure_unit)
    {
        c.noun = Some(end + 1);
        c.unit = Some(cx.raw(end + 1).to_string());
        c.end = end + 2;
        return Some(c);
    }
    let start = if q.takes_of { end + 1 } else { end };
    let value_one = q.value <= 1.0 && !ranged;
    let Some(h) = noun_head(cx, start, value_one) else {
        // "the death toll had reached 11": the clause named the measure before the count
        c.unit = measure_before(cx, first).map(str::to_string);
        return Some(c);
    };
    if lx::is_time_unit(cx.word(h).unwrap_or("")) {
        return duration_from(cx, c, h, lead, false);
    }
    c.noun = Some(h);
    c.unit = Some(cx.raw(h).to_string());
    c.end = h + 1;
    // "250 km/h", "10 m/s", "70 miles per hour", "100 km an hour": a distance per unit of time
    let distance = units::of(cx.raw(h)).is_some_and(|(d, _)| d == units::Dimension::Distance);
    let glued = cx.raw_at(h + 1) == Some("/")
        && cx.glued(h + 1)
        && cx.glued(h + 2)
        && matches!(cx.word(h + 2), Some("h" | "hr" | "hour" | "s" | "sec"));
    let spelled =
        matches!(cx.word(h + 1), Some("per" | "an" | "a")) && matches!(cx.word(h + 2), Some("hour" | "second"));
    if distance && (glued || spelled) {
        c.unit = Some(cx.text[cx.toks[h].start..cx.toks[h + 2].end].to_string());
        c.end = h + 3;
    }
    Some(c)
}

/// Makes `c` an age stated in the unit at token `u`: "years" for years
/// (the age's own unit), else the month, week or day as written, with the
/// years in one of it.
fn age_in(cx: &Ctx, c: &mut Counted, u: usize) {
    let in_years = matches!(cx.word(u), Some("year" | "years"));
    let years = cx.word(u).and_then(duration::years_in).filter(|_| !in_years);
    c.kind = Kind::Age;
    c.seconds = years.map(|y| (y, y));
    // the unit's word, not its case as written ("a 3-Month-Old" in a headline)
    c.unit = Some(if in_years { "years".to_string() } else { cx.word(u).unwrap_or_else(|| cx.raw(u)).to_string() });
}

/// Tokens before a bare count searched for the measure its clause names.
const MEASURE_REACH: usize = 6;

/// The unit of a bare count whose clause names its measure shortly before
/// it, with no other number or clause break between ("the toll rose to 40").
fn measure_before(cx: &Ctx, first: usize) -> Option<&'static str> {
    (first.saturating_sub(MEASURE_REACH)..first)
        .rev()
        .take_while(|&k| cx.kind(k) == Some(TokKind::Word))
        .find_map(|k| cx.word(k).and_then(lx::measure_named_before))
}

/// A duration whose unit is token `u`.
fn duration_from(cx: &Ctx, mut c: Counted, u: usize, lead: usize, hyphenated: bool) -> Option<Counted> {
    let word = cx.word(u)?;
    let s = duration::seconds(word)?;
    c.kind = Kind::Duration;
    // the unit's word, not its case as written ("for 16 Years" in a headline)
    c.unit = Some(word.to_string());
    c.noun = Some(u);
    c.seconds = Some((s, s));
    c.end = u + 1;
    if let Some((f, next)) = numeral::and_fraction(cx, u + 1) {
        c.fraction = f;
        c.end = next;
    } else if !hyphenated {
        if let Some((h, hs, next)) = duration::range_tail(cx, u) {
            c.hi = Some(h);
            c.seconds = Some((s, hs));
            c.end = next;
        }
    }
    if duration::sets_time(cx, lead, c.end, hyphenated) {
        return None;
    }
    Some(c)
}

/// A rate's population base after a figure: "per capita", "a head", "per
/// 100,000 people", "per 1,000 residents"; its words and the token after.
pub(super) fn population_base(cx: &Ctx, i: usize) -> Option<(String, usize)> {
    let w = cx.word(i)?;
    if !matches!(w, "per" | "a") {
        return None;
    }
    let end = match cx.word(i + 1) {
        Some("capita" | "head" | "person" | "inhabitant" | "resident") => i + 2,
        _ if w == "per" && cx.kind(i + 1) == Some(TokKind::Num) => {
            if cx.word(i + 2).is_some_and(|n| is_plural(cx, i + 2) && !lx::is_function_word(n)) {
                i + 3
            } else {
                i + 2
            }
        }
        _ => return None,
    };
    Some((cx.text[cx.toks[i].start..cx.toks[end - 1].end].to_string(), end))
}

/// The head of the counted-noun phrase starting at token `i`: the first
/// plural noun within four words.
pub(super) fn noun_head(cx: &Ctx, i: usize, singular_ok: bool) -> Option<usize> {
    let mut k = i;
    let mut words = 0;
    let first_word = cx.word(i).map(|_| i);
    while words < 4 {
        let Some(w) = cx.word(k) else { break };
        if lx::is_function_word(w)
            || lx::period_adverb(w).is_some()
            || lx::small_number(w).is_some()
            || lx::scale_word(w).is_some()
        {
            break;
        }
        let compound = cx.raw_at(k + 1) == Some("-") && cx.glued(k + 1);
        if is_plural(cx, k) {
            // the head of a compound is its last noun: "measles cases", "arms sales"
            let mut head = k;
            while is_plural(cx, head + 1) && !lx::is_function_word(cx.word(head + 1).unwrap_or("")) {
                head += 1;
            }
            return Some(head);
        }
        if lx::is_measure_unit(w) && words == 0 && !compound {
            return Some(k);
        }
        k += 1;
        words += 1;
        // hyphenated compounds: "battle-hardened veterans"
        while cx.raw_at(k) == Some("-")
            && cx.glued(k)
            && cx.glued(k + 1)
            && matches!(cx.kind(k + 1), Some(TokKind::Word | TokKind::Num))
        {
            k += 2;
        }
    }
    if singular_ok {
        if let Some(f) = first_word {
            let w = cx.word(f)?;
            if !lx::is_function_word(w) && lx::period_adverb(w).is_none() {
                return Some(f);
            }
        }
    }
    None
}

pub(super) fn is_plural(cx: &Ctx, k: usize) -> bool {
    let Some(w) = cx.word(k) else { return false };
    if lx::is_irregular_plural(w) {
        return true;
    }
    let raw = cx.raw(k);
    let acronym = raw.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
    w.len() > 2 && w.ends_with('s') && !acronym && !lx::is_false_plural(w)
}
