//! The Duration and Age dimensions: how long something lasted ("the siege
//! lasted 36 hours", "630 flight hours", "ten days to two weeks", "a 36-hour
//! siege") and how old someone is ("a 27-year-old", "aged 72", "12 years
//! old", "an 18-month-old", "aged 18 months"). A duration's interval is in seconds, its unit
//! the word as written; an age's is in years, its unit "years" or the month
//! or week as written. What only sets the time of something else ("three
//! weeks ago", "for two years now", "within 24 hours") is a time cue, not a
//! figure. Fixtures: tests/fixtures/figures/durations.txt, ages.txt.

use super::lexicon as lx;
use super::number::{self, Form, Measure, Quantity};
use super::scan::Ctx;
use crate::text::tokens::TokKind;

/// Seconds in one of a time unit, for the units a duration can be
/// compared in; `None` for the others ("term", "semester", "weekend").
pub fn seconds(unit: &str) -> Option<f64> {
    const DAY: f64 = 86_400.0;
    Some(match unit {
        "second" | "seconds" | "sec" | "secs" => 1.0,
        "minute" | "minutes" | "min" | "mins" => 60.0,
        "hour" | "hours" | "hr" | "hrs" => 3_600.0,
        "day" | "days" | "night" | "nights" => DAY,
        "week" | "weeks" => 7.0 * DAY,
        "fortnight" | "fortnights" => 14.0 * DAY,
        "month" | "months" => 365.25 / 12.0 * DAY,
        "year" | "years" | "yrs" => 365.25 * DAY,
        "decade" | "decades" => 3_652.5 * DAY,
        "century" | "centuries" => 36_525.0 * DAY,
        _ => return None,
    })
}

/// Words after a duration that make it the time of something else, always:
/// "three weeks ago", "for two years now", "a 27-year-old".
fn always_sets_time_after(w: &str) -> bool {
    matches!(w, "ago" | "hence" | "now" | "running" | "old")
}

/// Words after a duration that make it the time of something else unless a
/// verb of lasting states it: "two years later", "36 hours after the blast"
/// (but "the siege lasted 36 hours before the gunmen surrendered").
fn sets_time_after(w: &str) -> bool {
    matches!(w, "earlier" | "later" | "before" | "after" | "since" | "from")
}

/// Words before a duration that make it the time of something else: "in two
/// years", "within 24 hours", "over the past 18 months", "every two years",
/// "the 18 months before" ("for" is read apart: `clause_has_another_number`).
fn sets_time_before(w: &str) -> bool {
    matches!(
        w,
        "in" | "within"
            | "after"
            | "over"
            | "during"
            | "past"
            | "last"
            | "next"
            | "first"
            | "final"
            | "initial"
            | "opening"
            | "closing"
            | "remaining"
            | "early"
            | "late"
            | "every"
            | "each"
            | "since"
            | "the"
            | "those"
            | "these"
            | "throughout"
            | "recent"
            | "coming"
            | "previous"
            | "following"
            | "until"
            | "till"
            | "per"
            | "once"
    )
}

/// Verbs of lasting: a duration right after one of these, or after one and
/// "for", is stated ("the ceasefire lasted for three weeks", "spent four
/// hours"), whatever else the clause holds.
fn is_lasting_verb(w: &str) -> bool {
    matches!(
        w,
        "lasted"
            | "lasting"
            | "lasts"
            | "took"
            | "takes"
            | "take"
            | "taking"
            | "spent"
            | "spend"
            | "spends"
            | "waited"
            | "wait"
            | "waits"
            | "queued"
            | "stayed"
            | "continued"
            | "ran"
            | "runs"
            | "jailed"
            | "imprisoned"
            | "banned"
            | "suspended"
            | "detained"
            | "held"
            | "flown"
            | "flew"
            | "logged"
            | "worked"
            | "served"
            | "delayed"
            | "on"
    )
}

/// Is the duration whose qualifiers start at `lead` and whose unit ends
/// before `end` the time of something else rather than a claim?
pub(super) fn sets_time(cx: &Ctx, lead: usize, end: usize, hyphenated: bool) -> bool {
    if cx.word(end).is_some_and(always_sets_time_after) {
        return true;
    }
    if matches!((cx.word(end), cx.word(end + 1), cx.word(end + 2)), (Some("in"), Some("a"), Some("row"))) {
        return true;
    }
    // a modifier is the length of what it modifies: "the 36-hour siege"
    if hyphenated {
        return false;
    }
    let word_before = |k: usize| k.checked_sub(1).and_then(|p| cx.word(p));
    // "lasted 36 hours", "lasted for three weeks", "had flown more than 3,000 hours"
    let stated = match word_before(lead) {
        Some("for") => word_before(lead - 1).is_some_and(is_lasting_verb),
        Some(w) => is_lasting_verb(w),
        None => false,
    };
    // "for" before it marks the duration itself ("stuck for four days
    // before a neighbour heard her"), unless it sets the time of the
    // clause's other figure ("for 16 years the shrine has drawn 5,000")
    if stated || (word_before(lead) == Some("for") && !clause_has_another_number(cx, lead, end)) {
        return false;
    }
    if is_elapsed_time(cx, lead, end) {
        return false;
    }
    // "over ten years", "within a decade": a qualifier that is a time preposition
    if matches!(cx.word(lead), Some("over" | "under" | "within"))
        && cx.word(lead).is_some()
        && lead_is_qualifier(cx, lead)
    {
        return true;
    }
    if cx.word(end).is_some_and(sets_time_after) {
        return true;
    }
    word_before(lead).is_some_and(|w| w == "for" || sets_time_before(w))
}

/// Is the duration the time elapsed between two events, stated as a claim?
/// After a copula ("it has been 88 years since the club reached the final",
/// "it is ten years after the floods") or opening a sentence that holds no
/// other number ("70 years after the Second World War, she returned"); but
/// "36 hours after the blast, 40 people were still missing" dates the 40.
fn is_elapsed_time(cx: &Ctx, lead: usize, end: usize) -> bool {
    if !matches!(cx.word(end), Some("since" | "after" | "before")) {
        return false;
    }
    let before = lead.checked_sub(1).and_then(|p| cx.word(p));
    if before.is_some_and(|w| matches!(w, "been" | "is" | "was" | "it's" | "are" | "were" | "be")) {
        return true;
    }
    opens_sentence(cx, lead) && !(end..cx.toks.len()).any(|k| is_number_at(cx, k))
}

/// Is token `k` the sentence's first word (only punctuation before it)?
fn opens_sentence(cx: &Ctx, k: usize) -> bool {
    (0..k).all(|p| cx.kind(p) == Some(TokKind::Punct))
}

/// Is token `k` a number: digits or a number word?
fn is_number_at(cx: &Ctx, k: usize) -> bool {
    cx.kind(k) == Some(TokKind::Num) || cx.word(k).and_then(lx::small_number).is_some()
}

/// A whole number up to 120, as an age said in words or digits is.
fn is_whole_age(q: &Quantity) -> bool {
    q.scale == 1.0 && q.value.fract() == 0.0 && (1.0..=120.0).contains(&q.value)
}

/// Does the clause around tokens `lead..end` hold a number outside them
/// (digits or a number word)? A clause ends at the sentence's ends and at a
/// comma, semicolon, colon, dash or bracket.
fn clause_has_another_number(cx: &Ctx, lead: usize, end: usize) -> bool {
    let is_boundary = |k: usize| {
        cx.kind(k) == Some(TokKind::Punct) && matches!(cx.raw(k), "," | ";" | ":" | "(" | ")" | "\u{2014}" | "\u{2013}")
    };
    let is_number = |k: usize| is_number_at(cx, k);
    let before = (0..lead).rev().take_while(|&k| !is_boundary(k)).any(is_number);
    before || (end..cx.toks.len()).take_while(|&k| !is_boundary(k)).any(is_number)
}

/// Is token `lead` a qualifier word standing before a number ("over" in
/// "over ten years") rather than the number itself?
fn lead_is_qualifier(cx: &Ctx, lead: usize) -> bool {
    cx.kind(lead + 1) == Some(TokKind::Num) || cx.word(lead + 1).and_then(lx::small_number).is_some()
}

/// "ten days to two weeks", "two or three hours": a second duration after
/// the unit at `unit`, in another unit or the same; (its quantity, its
/// unit's seconds, the token after it).
pub(super) fn range_tail(cx: &Ctx, unit: usize) -> Option<(Quantity, f64, usize)> {
    let conn = cx.word(unit + 1).or_else(|| cx.raw_at(unit + 1).filter(|r| matches!(*r, "-" | "–")))?;
    if !matches!(conn, "to" | "or" | "-" | "–") {
        return None;
    }
    let h = number::read(cx, unit + 2)?;
    if h.measure != Measure::Plain || h.form == Form::Fraction || h.form == Form::Vague {
        return None;
    }
    let s = seconds(cx.word(h.end)?)?;
    let next = h.end + 1;
    Some((h, s, next))
}

/// An age after the quantity ending at `end`: "27-year-old", "an
/// 18-month-old", "12 years old", "72 years of age", "six weeks old"; the
/// token after it and the age's unit (year, month, week or day, as written).
pub(super) fn age_after(cx: &Ctx, end: usize) -> Option<(usize, usize)> {
    let unit = |k: usize| is_age_unit(cx, k);
    // "27-year-old", "a five-year-old", "an 18-month-old"
    if cx.raw_at(end) == Some("-")
        && cx.glued(end)
        && unit(end + 1)
        && cx.raw_at(end + 2) == Some("-")
        && cx.glued(end + 2)
        && cx.word(end + 3) == Some("old")
    {
        return Some((end + 4, end + 1));
    }
    if unit(end) {
        if cx.word(end + 1) == Some("old") {
            return Some((end + 2, end));
        }
        if matches!(cx.word(end), Some("year" | "years"))
            && cx.word(end + 1) == Some("of")
            && cx.word(end + 2) == Some("age")
        {
            return Some((end + 3, end));
        }
    }
    None
}

/// Is token `k` a unit an age is stated in (year, month, week or day)?
pub(super) fn is_age_unit(cx: &Ctx, k: usize) -> bool {
    matches!(cx.word(k), Some("year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days"))
}

/// "aged 2 years and 6 months": a smaller age unit's count after the age's
/// unit at `unit`; its value in that unit (6 months: 0.5 years) and the
/// token after it.
pub(super) fn age_and(cx: &Ctx, unit: usize) -> Option<(f64, usize)> {
    if cx.word(unit + 1) != Some("and") {
        return None;
    }
    let more = number::read(cx, unit + 2)?;
    if more.measure != Measure::Plain || matches!(more.form, Form::Vague | Form::Fraction) || !is_age_unit(cx, more.end)
    {
        return None;
    }
    let ratio = years_in(cx.word(more.end)?)? / years_in(cx.word(unit)?)?;
    (ratio < 1.0).then_some((more.value * ratio, more.end + 1))
}

/// Years in one of an age's `unit` ("months": a twelfth); `None` for a
/// word that is no time unit.
pub fn years_in(unit: &str) -> Option<f64> {
    Some(seconds(unit)? / seconds("year")?)
}

/// "aged 72", "aged between 18 and 25", "at age 87", "at the age of 87",
/// "under the age of 16": the words before the figure's first token say it
/// is an age. `Some(true)` where the word is the figure's own ("aged 72": the figure
/// reads "aged 72"), `Some(false)` where it stays out ("at the age of 87":
/// the figure reads "87").
pub(super) fn age_before(cx: &Ctx, first: usize) -> Option<bool> {
    let word = |back: usize| first.checked_sub(back).and_then(|b| cx.word(b));
    match word(1) {
        Some("aged" | "ages") => Some(true),
        Some("age") => Some(false),
        Some("of") if matches!(word(2), Some("age" | "ages")) => Some(false),
        _ => None,
    }
}

/// An age said of a person with a verb of being: "she was 20 when she
/// left", "Smith, who is 45, denied it", "he turned 40 in May" — a whole
/// number up to 120 after "is", "was", "turned" or "turns" whose subject is
/// "he", "she" or "who", closing its clause or followed by "when", "at",
/// "and" or "in" (not by a noun: "she was 20 minutes late" counts minutes).
pub(super) fn said_age(cx: &Ctx, q: &Quantity) -> bool {
    let whole = is_whole_age(q);
    let word = |back: usize| q.start.checked_sub(back).and_then(|b| cx.word(b));
    let said =
        matches!(word(1), Some("is" | "was" | "turned" | "turns")) && matches!(word(2), Some("he" | "she" | "who"));
    let closed = matches!(cx.raw_at(q.end), Some("," | "." | ";") | None)
        || matches!(cx.word(q.end), Some("when" | "at" | "and" | "in"));
    whole && said && closed && q.measure == Measure::Plain
}

/// An age in apposition to a name or a person: "Jamie Silvonek, 14, was
/// charged", "said Locke, 39.", "her granddaughter, 20, thinks" — a whole
/// number up to 120 between a comma after a capitalised word or a noun of one
/// person (`lexicon::is_person_noun`) and a comma or the sentence's end.
pub(super) fn apposed_age(cx: &Ctx, q: &Quantity) -> bool {
    let whole = q.form == Form::Digits && is_whole_age(q);
    let name_before = q.start >= 2
        && cx.raw_at(q.start - 1) == Some(",")
        && cx.kind(q.start - 2) == Some(TokKind::Word)
        && ((cx.raw(q.start - 2).starts_with(char::is_uppercase)
            && !cx.word(q.start - 2).is_some_and(lx::is_function_word))
            || cx.word(q.start - 2).is_some_and(lx::is_person_noun));
    let closed =
        matches!(cx.raw_at(q.end), Some(",") | None) || (cx.raw_at(q.end) == Some(".") && q.end + 1 == cx.toks.len());
    whole && name_before && closed && q.measure == Measure::Plain
}

/// An age opening a sentence about a person: "Now 91, Cartwright can still
/// recall it", "At 20, she was called up" — a whole number up to 120 after a
/// sentence's first word "now" or "at", closed by a comma and followed by a
/// personal pronoun, or after "now" a capitalised word ("At 20, the index
/// stood…" is no age).
pub(super) fn opening_age(cx: &Ctx, q: &Quantity) -> bool {
    let opener = q.start.checked_sub(1).and_then(|k| cx.word(k));
    let opens = matches!(opener, Some("now" | "at")) && opens_sentence(cx, q.start - 1);
    let pronoun = matches!(cx.word(q.end + 1), Some("he" | "she" | "they" | "i" | "we"));
    // a name after "at" may follow a time of day ("At 5, Reuters said…"): a pronoun only
    let name = opener == Some("now")
        && cx.kind(q.end + 1) == Some(TokKind::Word)
        && cx.raw(q.end + 1).starts_with(char::is_uppercase)
        && !cx.word(q.end + 1).is_some_and(lx::is_function_word);
    is_whole_age(q) && opens && cx.raw_at(q.end) == Some(",") && (pronoun || name) && q.measure == Measure::Plain
}

/// A time unit glued by a hyphen after the quantity: "36-hour", "10-year".
pub(super) fn hyphenated_unit(cx: &Ctx, end: usize) -> Option<usize> {
    (cx.raw_at(end) == Some("-")
        && cx.glued(end)
        && cx.glued(end + 1)
        && cx.word(end + 1).is_some_and(lx::is_time_unit))
    .then_some(end + 1)
}
