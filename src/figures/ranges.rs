//! Ranges and alternatives ("between a and b", "a to b", "a–b", "three or
//! four"), and what is no range: a change and the level it led to ("fell 8%
//! to 1.2 million"), year ranges, phone numbers. Fixtures:
//! tests/fixtures/figures/ranges.txt, changes.txt.

use super::exclusions::excluded_digits;
use super::number::{self, Form, Measure, Quantity};
use super::scan::Ctx;
use crate::text::tokens::TokKind;

/// A verb of change before `from` in the same sentence: "rose", "fell", "up", "down".
pub(super) fn change_verb_before(cx: &Ctx, from: usize) -> bool {
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
pub(super) fn range_tail(cx: &Ctx, q: &Quantity, between: bool, from: bool) -> Option<Quantity> {
    if q.form == Form::Vague || q.form == Form::Fraction && q.measure != (Measure::Share { points: false }) {
        return None;
    }
    let j = q.end;
    let conn = cx.raw_at(j)?;
    let dash = matches!(conn, "-" | "–" | "—");
    // compared without case, not lower-cased into a new string: no other
    // character lower-cases to the ASCII letters of these words
    let is = |w: &str| conn.eq_ignore_ascii_case(w);
    let ok = if is("to") || is("through") {
        true
    } else if dash {
        q.form == Form::Digits
    } else if is("and") {
        between
    } else {
        is("or") && !between && !from
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
