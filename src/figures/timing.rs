//! The time each figure of a sentence is about: the cues of its own clause
//! nearest to it, else an earlier clause's or the opening clause's, else the
//! future its clause speaks of; never the time a change is measured against
//! ("down by a third from a year earlier").

use super::lexicon as lx;
use super::scan::Ctx;
use super::time::{self, Cue, TimeRef};
use super::Figure;
use crate::text::tokens::TokKind;

pub(super) fn is_clause_break(cx: &Ctx, k: usize) -> bool {
    matches!(cx.raw_at(k), Some("," | ";" | ":" | "—" | "(" | ")" | "–" | "\u{201c}" | "\u{201d}" | "\""))
}

/// Gives each figure the time cues of its clause, or else those of the
/// sentence's opening clause ("By the end of 2015, ...").
pub(super) fn attach_time(cx: &Ctx, cues: &[(usize, usize, Cue)], found: &mut [(Figure, usize, usize)]) {
    // each token's clause, found once for the sentence (linear in its length)
    let mut clauses = Clauses::of(cx);
    let clause_of = |k: usize| clauses.of_token(k);
    let opening = clause_of(0);
    let opening_has_figure = found.iter().any(|(_, f, _)| *f < opening.1);
    let figure_ends: Vec<usize> = found.iter().map(|(_, _, e)| *e).collect();
    let spans: Vec<(usize, usize)> = found.iter().map(|(_, f, e)| (*f, *e)).collect();
    for (index, (fig, first, end)) in found.iter_mut().enumerate() {
        if fig.time.is_some() {
            continue; // already placed ("from 81 percent" after a verb of change)
        }
        let (s, e) = clause_of(*first);
        let (first, end) = (*first, *end);
        let distance = |c: &(usize, usize, Cue)| if c.1 <= first { first - c.1 } else { c.0.saturating_sub(end) };
        // Cues in the figure's clause; "once" only before it ("the land it once held");
        // none after "from" or "than" ("down by a third from a year earlier"):
        // that is the time the figure is measured against, not its own.
        // a cue belongs to the figure nearest to it in its own clause (any
        // figure's, when its clause has none)
        let nearest_figure = |c: &(usize, usize, Cue)| {
            let (cs, ce) = clause_of(c.0);
            let same_clause = spans.iter().any(|(f, _)| cs <= *f && *f < ce);
            spans
                .iter()
                .enumerate()
                .filter(|(_, (f, _))| !same_clause || (cs <= *f && *f < ce))
                .min_by_key(|(_, (f, e))| if c.1 <= *f { f - c.1 } else { c.0.saturating_sub(*e) })
                .map(|(k, _)| k)
        };
        let mine = Some(index);
        let mut in_clause: Vec<&(usize, usize, Cue)> = cues
            .iter()
            .filter(|c| c.0 >= s && c.1 <= e && (c.1 <= first || c.0 >= end))
            .filter(|c| !(c.0 >= end && cx.word(c.0) == Some("once")))
            .filter(|c| !(c.0 >= end && measured_against(cx, c.0, end)))
            .filter(|c| nearest_figure(c) == mine)
            .collect();
        in_clause.sort_by_key(|c| distance(c));
        let picked: Vec<&(usize, usize, Cue)> = match in_clause.first() {
            // every cue of the clause that is nearest to this figure, nearest first
            Some(_) => in_clause.clone(),
            None => {
                // an earlier clause's time with no other figure in between:
                // "in spring 2015, between 1,500 and 2,000 a month joined"
                let prior = cues
                    .iter()
                    .filter(|c| c.1 <= first && !figure_ends.iter().any(|fe| *fe > c.1 && *fe <= first))
                    .filter(|c| cx.word(c.0) != Some("once"))
                    .max_by_key(|c| c.1);
                match prior {
                    Some(p) => cues.iter().filter(|c| c.0 + 2 >= p.0 && c.1 <= p.1 + 2 && c.1 <= first).collect(),
                    None if !opening_has_figure => {
                        cues.iter().filter(|c| c.0 >= opening.0 && c.1 <= opening.1).collect()
                    }
                    None => Vec::new(),
                }
            }
        };
        let Some(nearest) = picked.first() else { continue };
        fig.time = Some(TimeRef { span: cx.span(nearest.0, nearest.1), cues: picked.iter().map(|c| c.2).collect() });
    }
    // no date, but a clause about the future: "will lay off about 1,350 workers"
    for (fig, first, _) in found.iter_mut().filter(|(f, _, _)| f.time.is_none()) {
        if let Some(k) = clauses.future_marker(cx, *first) {
            fig.time = Some(TimeRef { span: cx.toks[k].range(), cues: vec![Cue::Ahead] });
        }
    }
}

/// The clauses of a sentence: for each token, the clause it stands in,
/// found in one pass; each clause's first future marker looked for once,
/// when a figure there has no time.
struct Clauses {
    /// (start, end) of each clause, in order.
    spans: Vec<(usize, usize)>,
    /// Each clause's first future marker, once looked for.
    markers: Vec<Option<Option<usize>>>,
    /// The clause of each token.
    of: Vec<u32>,
}

impl Clauses {
    fn of(cx: &Ctx) -> Clauses {
        let n = cx.toks.len();
        let mut spans = Vec::new();
        let mut of = Vec::with_capacity(n);
        let mut start = 0;
        for k in 0..n {
            if is_clause_break(cx, k) {
                // a break belongs to the clause it ends; the next starts after it
                spans.push((start, k));
                of.push(u32::try_from(spans.len() - 1).unwrap_or(u32::MAX));
                start = k + 1;
                continue;
            }
            of.push(u32::try_from(spans.len()).unwrap_or(u32::MAX));
        }
        spans.push((start, n));
        Clauses { markers: vec![None; spans.len()], spans, of }
    }

    fn index(&self, k: usize) -> usize {
        self.of.get(k).map_or(self.spans.len() - 1, |c| *c as usize).min(self.spans.len() - 1)
    }

    /// The clause (start, end) around token `k`.
    fn of_token(&self, k: usize) -> (usize, usize) {
        self.spans[self.index(k)]
    }

    /// The first future marker in the clause of token `k`.
    fn future_marker(&mut self, cx: &Ctx, k: usize) -> Option<usize> {
        let c = self.index(k);
        let (s, e) = self.spans[c];
        *self.markers[c].get_or_insert_with(|| (s..e).find(|j| time::is_future_marker(cx, *j)))
    }
}

/// Is the time cue at `k` the object of "from" or "than" ("from a year
/// earlier", "than in May last year"): the time a change is measured against?
pub(super) fn measured_against(cx: &Ctx, k: usize, figure_end: usize) -> bool {
    let mut j = k;
    // never into the figure's own words: "more than 200 in 2010"
    while j > figure_end && k - j < 3 {
        j -= 1;
        match cx.word(j) {
            Some("from" | "than") => return true,
            Some(w) if matches!(w, "a" | "an" | "the" | "in" | "at" | "during") || lx::small_number(w).is_some() => {}
            Some(w) if lx::is_time_unit(w) || lx::month(w).is_some() => {}
            _ if cx.kind(j) == Some(TokKind::Num) => {}
            _ => return false,
        }
    }
    false
}
