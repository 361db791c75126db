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
///
/// n·log n in the sentence: each token's clause is found once, each cue's
/// nearest figure once (binary search over the figures' positions), and each
/// figure looks only at the cues nearest to it.
///
/// Returns the sentence's clauses (for `tense::mark_past`), none where it
/// has no figure.
pub(super) fn attach_time(
    cx: &Ctx,
    cues: &[(usize, usize, Cue)],
    found: &mut [(Figure, usize, usize)],
) -> Option<Clauses> {
    // a sentence with digits but no figure (dates, years, labels) has
    // nothing to place: its clauses need not be found
    if found.is_empty() {
        return None;
    }
    let mut clauses = Clauses::of(cx);
    let opening = clauses.of_token(0);
    let opening_has_figure = found.iter().any(|(_, f, _)| *f < opening.1);
    let spans: Vec<(usize, usize)> = found.iter().map(|(_, f, e)| (*f, *e)).collect();
    // the cues each figure is nearest to, in the cues' order
    let nearest = NearestFigure::new(&clauses, &spans);
    let mut own: Vec<Vec<usize>> = vec![Vec::new(); spans.len()];
    for (c, cue) in cues.iter().enumerate() {
        if let Some(k) = nearest.of(&clauses, cue) {
            own[k].push(c);
        }
    }
    let prior = PriorCues::new(cx, cues, &spans);
    let mut opening_cues: Option<Vec<usize>> = None;
    for (index, (fig, first, end)) in found.iter_mut().enumerate() {
        if fig.time.is_some() {
            continue; // already placed ("from 81 percent" after a verb of change)
        }
        let (s, e) = clauses.of_token(*first);
        let (first, end) = (*first, *end);
        let distance = |c: &(usize, usize, Cue)| if c.1 <= first { first - c.1 } else { c.0.saturating_sub(end) };
        // Cues in the figure's clause; "once" only before it ("the land it once held");
        // none after "from" or "than" ("down by a third from a year earlier"):
        // that is the time the figure is measured against, not its own.
        // A cue belongs to the figure nearest to it in its own clause (any
        // figure's, when its clause has none).
        let mut in_clause: Vec<&(usize, usize, Cue)> = own[index]
            .iter()
            .map(|c| &cues[*c])
            .filter(|c| c.0 >= s && c.1 <= e && (c.1 <= first || c.0 >= end))
            .filter(|c| !(c.0 >= end && cx.word(c.0) == Some("once")))
            .filter(|c| !(c.0 >= end && measured_against(cx, c.0, end)))
            .collect();
        in_clause.sort_by_key(|c| distance(c));
        let inherited = in_clause.is_empty();
        let mut picked: Vec<&(usize, usize, Cue)> = if !in_clause.is_empty() {
            // every cue of the clause that is nearest to this figure, nearest first
            in_clause
        } else if let Some(p) = prior.before(first) {
            // an earlier clause's time with no other figure in between:
            // "in spring 2015, between 1,500 and 2,000 a month joined"
            prior.around(p, first).into_iter().map(|c| &cues[c]).collect()
        } else if !opening_has_figure {
            let cs = opening_cues.get_or_insert_with(|| {
                (0..cues.len()).filter(|c| cues[*c].0 >= opening.0 && cues[*c].1 <= opening.1).collect()
            });
            cs.iter().map(|c| &cues[*c]).collect()
        } else {
            Vec::new()
        };
        if inherited {
            drop_participial(cx, &clauses, (s, e), &mut picked);
        }
        let Some(nearest) = picked.first() else { continue };
        fig.time = Some(TimeRef { span: cx.span(nearest.0, nearest.1), cues: picked.iter().map(|c| c.2).collect() });
    }
    // no date, but a clause about the future: "will lay off about 1,350 workers"
    for (fig, first, end) in found.iter_mut().filter(|(f, _, _)| f.time.is_none()) {
        if let Some(k) = clauses.future_marker(cx, *first, *end) {
            fig.time = Some(TimeRef { span: cx.toks[k].range(), cues: vec![Cue::Ahead] });
        }
    }
    Some(clauses)
}

/// Leaves out of `picked`, the cues a figure of clause `own` takes from an
/// earlier clause, those of a clause that opens on a past participle when
/// the figure's own clause is told in the present: "Opened in 1912, the
/// track is visited by 800,000 people a year" dates the track, not the
/// visits ("Elected in 2015, he won 52%" keeps its year).
pub(super) fn drop_participial(
    cx: &Ctx,
    clauses: &Clauses,
    own: (usize, usize),
    picked: &mut Vec<&(usize, usize, Cue)>,
) {
    if !picked.is_empty() && super::tense::speaks_of_present(cx, own.0, own.1) {
        picked.retain(|c| !opens_on_participle(cx, clauses, c.0));
    }
}

/// Does the clause of token `k` open on a past participle with no subject
/// before it ("Opened in 1912", "Born in 1950", "Founded in 2004")? A verb
/// of saying is none: after an appositive it is the sentence's own verb
/// ("The Soufan Group, a consulting firm, said in December 2015 that 27,000
/// people have travelled"), and its time is the reported figure's.
fn opens_on_participle(cx: &Ctx, clauses: &Clauses, k: usize) -> bool {
    let (s, e) = clauses.of_token(k);
    // words come folded to lower case
    (s..e).find_map(|i| cx.word(i)).is_some_and(|w| {
        super::tense::is_past_form(w)
            && !matches!(w, "was" | "were" | "had" | "did")
            && !super::tense::is_saying_verb(w)
    })
}

/// The figure nearest to a cue: among the figures of the cue's clause (all
/// figures, when its clause has none), the one with the fewest tokens between
/// it and the cue, the first on a tie.
struct NearestFigure {
    /// The figures starting in each clause, in order.
    in_clause: Vec<Vec<usize>>,
    /// Every figure, in order.
    all: Vec<usize>,
    spans: Vec<(usize, usize)>,
    /// Figures start in strictly increasing order and end in non-decreasing
    /// order (as the scan finds them): binary search applies; else each
    /// cue is compared with each candidate.
    ordered: bool,
}

impl NearestFigure {
    fn new(clauses: &Clauses, spans: &[(usize, usize)]) -> NearestFigure {
        let mut in_clause = vec![Vec::new(); clauses.spans.len()];
        for (k, (f, _)) in spans.iter().enumerate() {
            // a figure starting on a clause break stands in no clause's span
            let c = clauses.index(*f);
            let (s, e) = clauses.spans[c];
            if s <= *f && *f < e {
                in_clause[c].push(k);
            }
        }
        let ordered = spans.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1);
        NearestFigure { in_clause, all: (0..spans.len()).collect(), spans: spans.to_vec(), ordered }
    }

    fn of(&self, clauses: &Clauses, c: &(usize, usize, Cue)) -> Option<usize> {
        let own = &self.in_clause[clauses.index(c.0)];
        let candidates = if own.is_empty() { &self.all } else { own };
        let distance = |k: usize| {
            let (f, e) = self.spans[k];
            if c.1 <= f {
                f - c.1
            } else {
                c.0.saturating_sub(e)
            }
        };
        if !self.ordered {
            return candidates.iter().copied().min_by_key(|k| distance(*k));
        }
        // figures before the cue's end (f < c.1), then those from it on
        let split = candidates.partition_point(|k| self.spans[*k].0 < c.1);
        let (before, after) = candidates.split_at(split);
        // before it: the nearest ends latest; every end at or past the cue's
        // start is at distance 0, so the first of those
        let from_before = before.last().map(|last| {
            let latest = self.spans[*last].1;
            let bound = latest.min(c.0);
            before[before.partition_point(|k| self.spans[*k].1 < bound)]
        });
        let from_after = after.first().copied();
        match (from_before, from_after) {
            (Some(b), Some(a)) => Some(if distance(a) < distance(b) { a } else { b }),
            (b, a) => b.or(a),
        }
    }
}

/// The cues an earlier clause lends a figure that has none of its own: the
/// latest cue ending at or before the figure (never "once"), if no other
/// figure ends between the two, and the cues right around it.
struct PriorCues {
    /// Cues other than "once", by end (then by order).
    by_end: Vec<usize>,
    /// Every cue, by start (then by order).
    by_start: Vec<usize>,
    /// Cues that start after they end (none, as the cues are read).
    inverted: Vec<usize>,
    /// Each figure's end, sorted.
    figure_ends: Vec<usize>,
    cues: Vec<(usize, usize)>,
}

impl PriorCues {
    fn new(cx: &Ctx, cues: &[(usize, usize, Cue)], spans: &[(usize, usize)]) -> PriorCues {
        let mut by_end: Vec<usize> = (0..cues.len()).filter(|c| cx.word(cues[*c].0) != Some("once")).collect();
        by_end.sort_by_key(|c| (cues[*c].1, *c));
        let mut by_start: Vec<usize> = (0..cues.len()).collect();
        by_start.sort_by_key(|c| (cues[*c].0, *c));
        let mut figure_ends: Vec<usize> = spans.iter().map(|(_, e)| *e).collect();
        figure_ends.sort_unstable();
        let inverted = (0..cues.len()).filter(|c| cues[*c].0 > cues[*c].1).collect();
        PriorCues { by_end, by_start, inverted, figure_ends, cues: cues.iter().map(|c| (c.0, c.1)).collect() }
    }

    /// The latest cue ending at or before `first` (the last such on a tie)
    /// with no figure ending after it and at or before `first`.
    fn before(&self, first: usize) -> Option<usize> {
        let at = self.by_end.partition_point(|c| self.cues[*c].1 <= first);
        let p = *self.by_end[..at].last()?;
        let end = self.cues[p].1;
        // figure ends in (end, first]
        let blocked =
            self.figure_ends.partition_point(|fe| *fe <= first) > self.figure_ends.partition_point(|fe| *fe <= end);
        (!blocked).then_some(p)
    }

    /// The cues within two tokens of cue `p` and ending at or before `first`,
    /// in the cues' order.
    fn around(&self, p: usize, first: usize) -> Vec<usize> {
        let (ps, pe) = self.cues[p];
        let fits = |c: usize| {
            let (cs, ce) = self.cues[c];
            cs + 2 >= ps && ce <= pe + 2 && ce <= first
        };
        // a cue that fits starts at or after ps - 2 and, when it starts no
        // later than it ends, at or before pe + 2; one that does not is
        // looked at on its own
        let lo = self.by_start.partition_point(|c| self.cues[*c].0 + 2 < ps);
        let hi = self.by_start.partition_point(|c| self.cues[*c].0 <= pe + 2);
        let mut out: Vec<usize> = self.by_start[lo..hi.max(lo)].iter().copied().filter(|c| fits(*c)).collect();
        out.extend(self.inverted.iter().copied().filter(|c| self.cues[*c].0 > pe + 2 && fits(*c)));
        out.sort_unstable();
        out
    }
}

/// The clauses of a sentence: for each token, the clause it stands in,
/// found in one pass; each clause's first future marker looked for once,
/// when a figure there has no time.
pub(super) struct Clauses {
    /// (start, end) of each clause, in order.
    pub(super) spans: Vec<(usize, usize)>,
    /// Each clause's first future marker, once looked for.
    markers: Vec<Option<Option<usize>>>,
    /// The clause of each token.
    of: Vec<u32>,
}

impl Clauses {
    pub(super) fn of(cx: &Ctx) -> Clauses {
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

    pub(super) fn index(&self, k: usize) -> usize {
        self.of.get(k).map_or(self.spans.len() - 1, |c| *c as usize).min(self.spans.len() - 1)
    }

    /// The clause (start, end) around token `k`.
    pub(super) fn of_token(&self, k: usize) -> (usize, usize) {
        self.spans[self.index(k)]
    }

    /// The future marker of the figure at tokens `first..end`: the clause's
    /// first, unless a verb told in the past comes between the figure and it
    /// ("600 people watched as the trucks brought what would become a
    /// home": the figure's verb is "watched", the marker is a later verb's).
    pub(super) fn future_marker(&mut self, cx: &Ctx, first: usize, end: usize) -> Option<usize> {
        let c = self.index(first);
        let (s, e) = self.spans[c];
        let k = (*self.markers[c].get_or_insert_with(|| (s..e).find(|j| time::is_future_marker(cx, *j))))?;
        let told_before = k > end && (end..k).any(|j| cx.word(j).is_some_and(super::tense::is_past_form));
        (!told_before).then_some(k)
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

#[cfg(test)]
mod tests {
    use crate::figures::extract;
    use crate::text::Format;

    /// Each figure's quantity and the text of its time, if any.
    fn times(text: &str) -> Vec<(String, Option<String>)> {
        let x = extract(text, Format::Plain);
        x.figures
            .iter()
            .map(|f| (text[f.quantity.clone()].to_string(), f.time.as_ref().map(|t| text[t.span.clone()].to_string())))
            .collect()
    }

    #[test]
    fn an_opening_participle_dates_its_subject_not_a_figure_told_in_the_present() {
        assert_eq!(
            times("Opened in 1912, the track is visited by more than 800,000 people per year."),
            [("more than 800,000".to_string(), None)]
        );
        assert_eq!(times("Founded in 2004, the charity has 300 staff."), [("300".to_string(), None)]);
        // its own clause's time, not the participle's
        assert_eq!(
            times("Founded in 2004, the charity now has 300 staff."),
            [("300".to_string(), Some("now".to_string()))]
        );
        // told in the past, the main clause may speak of the participle's time
        assert_eq!(times("Elected in 2015, he won 52% of the vote."), [("52%".to_string(), Some("2015".to_string()))]);
        // an opening that is no participle still dates the figure
        assert_eq!(times("In 2015, the firm has 300 staff."), [("300".to_string(), Some("2015".to_string()))]);
        // a verb of saying after an appositive is the sentence's own: it dates what it reports
        assert_eq!(
            times("The Soufan Group, a security firm, said in December 2015 that \u{201c}between 27,000 and 31,000 people have traveled to Syria.\u{201d}"),
            [("between 27,000 and 31,000".to_string(), Some("December 2015".to_string()))]
        );
        assert_eq!(
            times("The agency, in its annual report, estimated in 2019 that 4,000 staff are needed."),
            [("4,000".to_string(), Some("2019".to_string()))]
        );
    }
}
