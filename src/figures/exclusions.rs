//! What is not a figure among digits: identifiers, times of day, dates,
//! phone numbers, footnotes, citation numbers, labels, numbering and years.
//! Fixtures: tests/fixtures/figures/nonfigures.txt.

use super::lexicon as lx;
use super::number::{Form, Measure, Quantity};
use super::scan::Ctx;
use crate::text::tokens::TokKind;

/// Adverbs that may open a sentence before a number: "Exactly 40 came".
pub(super) fn is_hedge(w: &str) -> bool {
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

pub(super) fn is_yearlike(q: &Quantity) -> bool {
    !q.separated
        && q.scale == 1.0
        && q.measure == Measure::Plain
        && q.value.fract() == 0.0
        && (1000.0..=2100.0).contains(&q.value)
}

/// "4-0", "2-1", "52-48": a result or tally of two sides, not a range (a
/// range runs upwards: "20-25"). Two whole numbers of at most three
/// digits, the second no greater than the first.
fn is_score(a: &str, b: &str) -> bool {
    let whole = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit());
    whole(a) && whole(b) && b.parse::<u32>().ok() <= a.parse::<u32>().ok()
}

/// Rules for digits that are not quantities: identifiers, times, dates,
/// phone numbers, footnotes, citation numbers, labels, numbering.
pub(super) fn excluded_digits(cx: &Ctx, q: &Quantity) -> bool {
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
                if is_score(a, b) {
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
        // "1400 hrs" is a time of day, "36 hrs" a duration
        if lx::is_clock_word(w) && !q.separated && (w != "hrs" || is_24_hour_time(raw)) {
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

/// Four digits that read as a time on the 24-hour clock: "1400", "0930".
fn is_24_hour_time(raw: &str) -> bool {
    let hhmm = |r: std::ops::Range<usize>| raw.get(r).and_then(|d| d.parse::<u32>().ok());
    raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && hhmm(0..2).is_some_and(|h| h < 24)
        && hhmm(2..4).is_some_and(|m| m < 60)
}

/// A label: a capitalised name right before a bare integer ("Boeing 737",
/// "Windows 10", "Apollo 11"), not a sentence's opening word or a month;
/// and the integer joined to one by "or" or "and" ("Call 999 or 112",
/// "Boeing 737 and 747").
pub(super) fn is_label(cx: &Ctx, q: &Quantity) -> bool {
    if q.form != Form::Digits || q.separated || q.scale != 1.0 {
        return false;
    }
    let Some(p) = q.start.checked_sub(1) else { return false };
    if matches!(cx.word(p), Some("or" | "and")) && p >= 2 && cx.kind(p - 1) == Some(TokKind::Num) {
        let bare = |raw: &str| raw.bytes().all(|b| b.is_ascii_digit());
        return bare(cx.raw(p - 1)) && names_before(cx, p - 2);
    }
    names_before(cx, p)
}

/// Is token `p` a capitalised name that labels the number after it?
fn names_before(cx: &Ctx, p: usize) -> bool {
    let raw = cx.raw(p);
    let capital = cx.kind(p) == Some(TokKind::Word)
        && raw.starts_with(|c: char| c.is_uppercase())
        && !raw.ends_with("'s")
        && !raw.ends_with("’s");
    let w = cx.word(p).unwrap_or("");
    let plain_word = lx::is_function_word(w) || lx::month(w).is_some() || lx::small_number(w).is_some() || is_hedge(w);
    capital && !plain_word
}
