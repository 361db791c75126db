//! Whether a figure with no time cue is told in the past tense ("spent
//! £90,000", "was ordered to pay £25k", "had almost 15,000 call-outs"): such
//! a figure speaks of some past the text does not place, not only of the
//! present. A clause with a verb of the present ("is", "has", "remain")
//! speaks of the present, whatever else it holds.

use super::lexicon as lx;
use super::scan::Ctx;
use super::timing::Clauses;
use super::Figure;

/// Marks each figure without a time whose clause (of `clauses`, the
/// sentence's, as `timing::attach_time` found them) is told in the past; each
/// clause read once, however many figures it holds.
pub(super) fn mark_past(cx: &Ctx, clauses: &Clauses, found: &mut [(Figure, usize, usize)]) {
    if found.iter().all(|(f, _, _)| f.time.is_some()) {
        return;
    }
    let mut read: Vec<Option<bool>> = vec![None; clauses.spans.len()];
    for (fig, first, _) in found.iter_mut().filter(|(f, _, _)| f.time.is_none()) {
        let c = clauses.index(*first);
        let (s, e) = clauses.spans[c];
        fig.told_in_past = *read[c].get_or_insert_with(|| told_in_past(cx, s, e));
    }
}

/// Does the clause of tokens `start..end` hold a verb of the present
/// ("is", "has", "remain"; `PRESENT`)?
pub(super) fn speaks_of_present(cx: &Ctx, start: usize, end: usize) -> bool {
    (start..end).any(|k| cx.word(k).is_some_and(|w| PRESENT.contains(&w)))
}

/// A clause with a verb in the past tense and none in the present.
fn told_in_past(cx: &Ctx, start: usize, end: usize) -> bool {
    let mut past = false;
    for k in start..end {
        let Some(w) = cx.word(k) else { continue };
        if PRESENT.contains(&w) || lx::is_day_word(w) {
            return false;
        }
        past = past || is_past_form(w);
    }
    past
}

/// Verbs of the present: the clause speaks of now ("has 500 staff", "are
/// still missing", "remains at 40"); "has killed" is a perfect, which reaches
/// into the present, so it is counted here too. And the days of the text's
/// own week ("on Monday", "yesterday"): a past the text places, close to its
/// date, not any past.
const PRESENT: &[&str] =
    &["is", "are", "am", "has", "have", "does", "do", "remain", "remains", "stands", "stand", "now", "currently"];

/// The past tense of the common irregular verbs of news text.
const IRREGULAR: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "spent",
    "paid",
    "made",
    "took",
    "gave",
    "won",
    "lost",
    "got",
    "went",
    "came",
    "saw",
    "found",
    "left",
    "sold",
    "bought",
    "built",
    "brought",
    "thought",
    "held",
    "kept",
    "met",
    "ran",
    "rose",
    "fell",
    "grew",
    "drew",
    "hit",
    "put",
    "set",
    "led",
    "fled",
    "fought",
    "caught",
    "began",
    "became",
    "wrote",
    "broke",
    "chose",
    "drove",
    "flew",
    "knew",
    "threw",
    "stood",
    "sat",
    "shot",
    "struck",
    "sent",
    "beat",
    "sank",
    "stole",
    "swept",
    "fed",
    "felt",
    "meant",
    "heard",
    "sought",
    "dealt",
    "slid",
    "spun",
    "stuck",
    "hung",
    "dug",
    "bore",
    "wore",
    "tore",
    "swore",
    "froze",
    "woke",
    "rode",
    "hid",
    "bit",
    "lit",
    "overtook",
    "withdrew",
    "undertook",
    "forgave",
];

/// Words in -ed that are no past tense.
const NOT_PAST: &[&str] = &[
    "hundred",
    "hundreds",
    "kindred",
    "sacred",
    "naked",
    "wicked",
    "beloved",
    "rugged",
    "ragged",
    "jagged",
    "crooked",
    "dogged",
    "learned",
    "aged",
    "bed",
    "red",
    "shed",
    "need",
    "speed",
    "feed",
    "seed",
    "weed",
    "breed",
    "greed",
    "bleed",
    "embed",
    "proceed",
    "succeed",
    "exceed",
    "indeed",
    "unprecedented",
    "so-called",
    "alleged",
    "supposed",
    "expected",
    "estimated",
    "projected",
    "scheduled",
    "planned",
    "proposed",
    "related",
    "based",
    "united",
];

/// A verb of saying in the past, as news text reports a figure ("said in
/// December 2015 that", "estimated in 2019 that"): the time it is told in is
/// the time of what it reports.
pub(super) fn is_saying_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "told"
            | "stated"
            | "reported"
            | "estimated"
            | "announced"
            | "claimed"
            | "wrote"
            | "added"
            | "warned"
            | "noted"
            | "predicted"
            | "forecast"
            | "calculated"
            | "concluded"
            | "revealed"
            | "confirmed"
            | "disclosed"
            | "declared"
    )
}

pub(super) fn is_past_form(w: &str) -> bool {
    if IRREGULAR.contains(&w) {
        return true;
    }
    w.len() >= 5
        && w.ends_with("ed")
        && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && !NOT_PAST.contains(&w)
}

#[cfg(test)]
mod tests {
    use crate::figures::extract;
    use crate::text::Format;

    fn past(text: &str) -> Vec<(String, bool)> {
        let x = extract(text, Format::Plain);
        x.figures.iter().map(|f| (text[f.quantity.clone()].to_string(), f.told_in_past)).collect()
    }

    #[test]
    fn a_figure_told_in_the_past_tense_without_a_time_is_marked() {
        assert_eq!(
            past("Grant Allen, 38, spent £90,000 holidaying with his girlfriend."),
            [("38".to_string(), false), ("£90,000".to_string(), true)]
        );
        assert_eq!(past("Prosecutors said she murdered two handymen."), [("two".to_string(), true)]);
        assert_eq!(past("Birmingham had almost 15,000 call-outs for rats."), [("almost 15,000".to_string(), true)]);
    }

    #[test]
    fn a_clause_of_the_present_or_a_dated_figure_is_not_marked() {
        // a verb of the present in the clause
        assert_eq!(
            past("The coalition said fewer than 1,000 fighters remain."),
            [("fewer than 1,000".to_string(), false)]
        );
        assert_eq!(past("Acme has 500 employees."), [("500".to_string(), false)]);
        // a time of its own: its cue says when, not the tense
        assert_eq!(past("In 2014 the group recruited 2,000 fighters a month."), [("2,000".to_string(), false)]);
        // no verb of the past: "hundred" and "expected" end in -ed
        assert_eq!(past("About three hundred people are expected."), [("About three hundred".to_string(), false)]);
        // a day of the text's own week places it
        assert_eq!(past("The port handled about 13,500 containers on Monday."), [("about 13,500".to_string(), false)]);
    }
}
