//! The period of a rate: next to the figure ("200 a month", "per week",
//! "monthly", "/month"), elsewhere in its clause ("2,000 fighters were
//! joining each month", "a monthly peak of 2,000"), or set by another figure
//! of the sentence ("down to 200 a month, from up to 2,000"). Fixtures:
//! tests/fixtures/figures/rates.txt.

use super::lexicon as lx;
use super::scan::Ctx;
use super::{Figure, Kind, Period};
use crate::text::tokens::TokKind;

/// "a month", "per week", "each year", "every day", "monthly", "/month".
pub(super) fn adjacent_period(cx: &Ctx, i: usize) -> Option<(Period, usize)> {
    if let Some(p) = cx.word(i).and_then(lx::period_adverb) {
        return Some((p, i + 1));
    }
    if cx.raw_at(i) == Some("/") && cx.glued(i) {
        if let Some(p) = cx.word(i + 1).and_then(lx::period_noun) {
            return Some((p, i + 2));
        }
    }
    // "a £20m-a-year cap", "a 20-a-day habit": the rate glued by hyphens
    let hyphen = |k: usize| matches!(cx.raw_at(k), Some("-" | "\u{2010}" | "\u{2011}")) && cx.glued(k);
    if hyphen(i) && matches!(cx.word(i + 1), Some("a" | "an" | "per")) && hyphen(i + 2) {
        let p = cx.word(i + 3).and_then(lx::period_noun)?;
        return Some((p, i + 4));
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

/// A rate period elsewhere in the figure's clause: "2,000 fighters were
/// joining each month"; "a monthly peak of 2,000". A `bare` number (no
/// counted noun) that a comma closes looks for none after it: "Now 91, she
/// swims every day" counts no days.
pub(super) fn clause_period(cx: &Ctx, end: usize, first: usize, floor: usize, bare: bool) -> Option<Period> {
    let mut k = if bare && cx.raw_at(end) == Some(",") { cx.toks.len() } else { end };
    // Commas may enclose an aside ("2,000 recruits, both men and women, crossed
    // each month"); a semicolon, dash, another number (digits or words) or
    // fourteen tokens end the search; "and a quarter" is a fraction.
    while k < cx.toks.len()
        && k < end + 14
        && !matches!(cx.raw_at(k), Some(";" | ":" | "—" | "(" | ")"))
        && cx.kind(k) != Some(TokKind::Num)
        && cx.word(k).is_none_or(|w| lx::small_number(w).is_none())
    {
        let prev_prep = k > 0
            && matches!(
                cx.word(k - 1),
                Some("in" | "within" | "for" | "than" | "over" | "of" | "last" | "this" | "next" | "that" | "and")
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

/// A rate period said earlier in the figure's clause, by "each", "every"
/// or "per": "the number of recruits crossing each month has collapsed to
/// roughly 50", "Every year, 3,000 people visit". A semicolon, dash or
/// parenthesis, another number, a word that opens another clause ("and",
/// "but", "which"…), `floor` (the previous figure's end) or fourteen
/// tokens end the search; "a month" is left alone ("a month
/// later, 50 were freed" is no rate).
pub(super) fn period_before(cx: &Ctx, first: usize, floor: usize) -> Option<Period> {
    let mut k = first;
    while k > floor && k + 14 > first {
        k -= 1;
        if matches!(cx.raw_at(k), Some(";" | ":" | "—" | "(" | ")")) || cx.kind(k) == Some(TokKind::Num) {
            return None;
        }
        if cx.word(k).is_some_and(|w| lx::small_number(w).is_some()) {
            return None;
        }
        // another clause's period: "3,000 are diagnosed each year, and it kills around 1,000"
        if matches!(cx.word(k), Some("and" | "but" | "while" | "whereas" | "which" | "who" | "that")) {
            return None;
        }
        if matches!(cx.word(k), Some("each" | "every" | "per")) && k + 1 < first {
            if let Some(p) = cx.word(k + 1).and_then(lx::period_noun) {
                return Some(p);
            }
        }
    }
    None
}

/// "down to 200 a month, from up to 2,000": a bare count set against a rate
/// in the same sentence is a rate of the same period; so is an amount of
/// money a rate changed from ("rose to $20 an hour from $19").
pub(super) fn inherit_periods(cx: &Ctx, found: &mut [(Figure, usize, usize)]) {
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

/// "under a thousand fighters are left, against more than 45,000 at the
/// peak": a bare count set against a counted one of the same sentence, by
/// "against", "from", "to", "versus", "with" ("compared with") or "than"
/// just before it, counts what that one counts (its unit, which the
/// figure's subject then holds as its counted noun).
pub(super) fn inherit_units(cx: &Ctx, found: &mut [(Figure, usize, usize)]) {
    for k in 1..found.len() {
        let (done, rest) = found.split_at_mut(k);
        let (fig, first) = (&mut rest[0].0, rest[0].1);
        if fig.kind != Kind::Count || fig.unit.is_some() || fig.noun.is_some() || first == 0 {
            continue;
        }
        if !matches!(cx.word(first - 1), Some("against" | "from" | "to" | "versus" | "vs" | "with" | "than")) {
            continue;
        }
        let prev = done.iter().rev().map(|(f, _, _)| f).find(|f| f.kind == Kind::Count);
        if let Some(unit) = prev.and_then(|p| p.unit.clone()) {
            fig.unit = Some(unit);
        }
    }
}
