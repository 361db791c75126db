//! Qualifiers before and after a number: "nearly as many as", "fewer than",
//! "~", "1,000 or more", "1,000+". Fixtures: tests/fixtures/figures/qualifiers.txt.

use super::conventions::Qualifier;
use super::lexicon as lx;
use super::scan::Ctx;

pub(super) fn leading_qualifiers(cx: &Ctx, start: usize, floor: usize) -> (usize, Vec<Qualifier>) {
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

pub(super) fn trailing_qualifier(cx: &Ctx, end: usize) -> Option<(Qualifier, usize)> {
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
