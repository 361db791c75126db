//! Whether a source figure can speak for a note figure at all: the same
//! kind and unit (rates of different periods scaled), the same time, no
//! other entity named in the same role; and the index look-up that finds
//! the figures to ask.

use crate::corpus::{Corpus, FigureRef, Source};
use crate::figures::{units, Figure, Kind, Measure, Period, TimeRef};
use crate::subject::{Query, TermId};
use std::path::PathBuf;

/// The source figures that may speak for `figure`: those the index gives
/// for `query` at `share` of its weight, and every figure of a cited source
/// that shares a term; of the same time, naming no other entity in the same
/// role. Sorted, once each.
pub(super) fn retrieve(
    figure: &Figure,
    query: &Query,
    note_date: Option<crate::figures::DateSpec>,
    cited: &[PathBuf],
    corpus: &Corpus,
    share: f32,
) -> Vec<FigureRef> {
    let mut refs = corpus.candidates(query, share);
    for path in cited {
        refs.extend(corpus.figures_sharing(path, query));
    }
    refs.sort_unstable();
    refs.dedup();
    refs.retain(|r| {
        corpus.get(*r).is_some_and(|(source, sf)| {
            same_time(figure, note_date, sf.figure.time(), source)
                // "in Millwick" is no evidence about "in Yorkmere"
                && !query.names_conflict(&sf.subject)
        })
    });
    refs
}

/// The figures of the one article that speaks most of the note figure's
/// paragraph (`stated_value::the_one_best`: none where two different
/// articles are as good, the story open; at least `DOCUMENT_FLOOR`) that
/// `retrieve` did not find (`known`, sorted): of the figure's kind, of its
/// time, naming no other entity in a role. A writer restating an article
/// in other words shares its story, not always the words of the figure's
/// own clause ("two human-like creatures" for "the two individuals"); such
/// a figure speaks for the note only by stating its number (`judge_in`),
/// so only those stating it are taken.
pub(super) fn of_best_document(
    figure: &Figure,
    query: &Query,
    note_date: Option<crate::figures::DateSpec>,
    corpus: &Corpus,
    docs: &mut super::features::DocumentScores,
    known: &[FigureRef],
) -> Vec<FigureRef> {
    let ranked = docs.sharing(corpus, query);
    let best = super::stated_value::the_one_best(&ranked).filter(|(w, _)| *w >= super::features::DOCUMENT_FLOOR);
    let Some((_, source)) = best else { return Vec::new() };
    let Some(slot) = corpus.slot_of(&source.path) else { return Vec::new() };
    (0..source.figures.len() as u32)
        .map(|i| (slot, i))
        .filter(|r| known.binary_search(r).is_err())
        .filter(|r| {
            corpus.get(*r).is_some_and(|(source, sf)| {
                sf.figure.kind() == figure.kind
                    // it speaks for the note only by stating its number: no other is looked at
                    && super::features::same_number(figure, &sf.figure)
                    && same_time(figure, note_date, sf.figure.time(), source)
                    && !query.names_conflict(&sf.subject)
            })
        })
        .collect()
}

/// Each term's IDF, looked up once per judgement.
pub(super) struct IdfCache<'a> {
    corpus: &'a Corpus,
    seen: std::cell::RefCell<std::collections::HashMap<TermId, f32>>,
}

impl<'a> IdfCache<'a> {
    pub(super) fn new(corpus: &'a Corpus) -> Self {
        IdfCache { corpus, seen: Default::default() }
    }
    pub(super) fn idf(&self, t: TermId) -> f32 {
        *self.seen.borrow_mut().entry(t).or_insert_with(|| self.corpus.idf(t))
    }
}

/// Can a source figure's interval be compared with the note figure's, and
/// by what factor must it be scaled (rates of different periods)?
pub(super) fn comparable(note: &impl Measure, src: &impl Measure) -> Option<f64> {
    if note.kind() != src.kind() {
        return None;
    }
    // counts compare across units of one dimension (km and miles), never
    // across dimensions (a distance and a speed, a unit and none) nor a rate
    // per head against a total; durations and ages are in seconds and years
    let units = match note.kind() {
        Kind::Count => units::factor(note.unit(), src.unit())?,
        Kind::Duration | Kind::Age => 1.0,
        Kind::Share | Kind::Money if note.unit() == src.unit() => 1.0,
        Kind::Money => units::money_factor(note.unit()?, src.unit()?)?,
        Kind::Share => return None,
    };
    match (note.per(), src.per()) {
        (None, None) => Some(units),
        // an hourly figure is pay for hours worked, not a share of the calendar
        (Some(a), Some(b)) if a != b && (a == Period::Hour || b == Period::Hour) => None,
        (Some(a), Some(b)) => Some(units * a.days() / b.days()),
        _ => None,
    }
}

/// `comparable`, or, where the two differ only in that one states a period
/// and the other none ("£38,000 a year" against "a minimum salary of
/// £38,000"), as one figure when they state the same number: a period left
/// unsaid is not a total, and the same value is evidence of the same
/// measure. (Other values across a period left unsaid say nothing: "200 a
/// month" against "2,400" is no contradiction; a total over a window is no
/// period left unsaid: "50 a month" against "50 since January".)
pub(super) fn comparable_as_stated(note: &impl Measure, src: &impl Measure) -> Option<f64> {
    comparable(note, src).or_else(|| {
        // a figure counted over a window ("a total of 50 since the beginning
        // of 2016", "so far this year") is a total, not a rate left unsaid
        let unsaid = if note.per().is_none() { note.time() } else { src.time() };
        let window = unsaid.is_some_and(|t| t.cues.contains(&crate::figures::time::Cue::Window));
        let one_period = note.per().is_some() != src.per().is_some() && !window;
        let same = note.kind() == src.kind() && note.unit() == src.unit();
        (one_period && same && super::features::same_number(note, src)).then_some(1.0)
    })
}

/// Does the source figure speak of the time the note figure speaks of?
/// A note figure with no time (or "now") is about the present: only present
/// source figures count; told in the past tense ("spent £90,000"), it is
/// about a past it does not place, which any source's past or present may
/// be (not a peak: that is a time of its own). A time-scoped one ("at its
/// peak", "in December 2015", "a year earlier") is matched against source
/// figures of that time, and against present figures of sources dated
/// within it.
pub(super) fn same_time(
    figure: &Figure,
    note_date: Option<crate::figures::DateSpec>,
    src: Option<&TimeRef>,
    source: &Source,
) -> bool {
    use crate::figures::time::Cue;
    let note = figure.time.as_ref();
    let src_past = src.is_some_and(|t| t.is_past(source.date));
    // a forecast in a note is judged as its present
    let scoped = note.filter(|t| t.cues.iter().any(|c| !matches!(c, Cue::Now | Cue::Window | Cue::Ahead)));
    let Some(n) = scoped else {
        // a month without a year in an undated source, against an undated
        // note's present: neither text places it before the other's now
        let unplaced = note_date.is_none()
            && source.date.is_none()
            && src.is_some_and(|t| t.cues.iter().all(|c| matches!(c, Cue::Date(d) if d.year.is_none())));
        return !src_past || unplaced || (figure.told_in_past && !src.is_some_and(TimeRef::is_peak));
    };
    // a source's forecast speaks of any time after it was written
    let src_month = source.date.and_then(|d| d.month_index());
    if src.is_some_and(TimeRef::is_ahead) {
        return match n.months(note_date) {
            Some((_, b)) => src_month.is_none_or(|m| m <= b),
            None => !n.is_peak() && n.yearless_month().is_some(),
        };
    }
    if src.is_some_and(TimeRef::is_peak) && !n.is_peak() {
        return false; // a peak is no evidence about an ordinary time
    }
    let dated = n.cues.iter().any(|c| matches!(c, Cue::Date(_) | Cue::Coming(_) | Cue::Ago { .. } | Cue::Last(_)));
    if n.is_peak() && !dated {
        // the peak is in the past: a source's peak, or its unspecified past
        return src.is_some_and(|t| t.is_peak() || t.is_vague_past());
    }
    // a month named without a year is the story's month, not necessarily the
    // note's year: match it by month of year
    let month_of = |i: i64| i.rem_euclid(12) as u32 + 1;
    if let Some(m) = n.yearless_month() {
        if let Some((a, b)) = src.and_then(|t| t.months(source.date)) {
            return (a..=b.min(a + 11)).any(|i| month_of(i) == m);
        }
        // the source's present, or the month before it (last month's figures, published this month)
        let src_month = source.date.and_then(|d| d.month_index()).filter(|_| !src_past);
        return match src_month {
            Some(i) => month_of(i) == m || month_of(i - 1) == m,
            None => src.and_then(TimeRef::yearless_month) == Some(m),
        };
    }
    match n.months(note_date) {
        Some((a, b)) => {
            if let Some((c, d)) = src.and_then(|t| t.months(source.date)) {
                return c <= b && a <= d;
            }
            if let Some(m) = src.and_then(TimeRef::yearless_month) {
                return b - a >= 11 || (a..=b).any(|i| month_of(i) == m);
            }
            if src_past {
                // a past we cannot place (no date for the source): cannot rule it
                // out; nor a peak it does not place, against the note's peak it does
                // ("at its peak in 2015" for "at its peak")
                return src.is_some_and(|t| !t.is_peak() || n.is_peak());
            }
            // the source's present, or the month before it (last month's figures, published this month)
            source.date.and_then(|d| d.month_index()).is_some_and(|m| a <= m && m - 1 <= b)
        }
        // a time relative to a date neither text gives ("last month" in an
        // undated note, against an undated source): nothing to rule out by
        None => src_past || (note_date.is_none() && source.date.is_none()),
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::{Corpus, Source};
    use crate::subject::{self, Synonyms};
    use crate::verdict::{candidates, judge, MatchParams, Verdict};
    use crate::workspace::Settings;
    use std::path::Path;

    const CAVE: &str = "New human relative found in South African cave\n\nScientists working in the Rising Star \
        cave system near Johannesburg say fossil bones belong to a previously unknown species of human relative. \
        The team recovered more than 1,500 pieces of bone from a deep chamber. The expedition ran for 21 days.\n";
    const HARBOUR: &str = "Harbour dredging plan approved\n\nThe port authority approved a plan to dredge the \
        harbour. About 300 ships docked last year, officials said.\n";

    fn corpus() -> Corpus {
        let conventions = Settings::default().conventions;
        let read = |name: &str, text: &str| {
            Source::from_text(Path::new(name), text.to_string(), &Synonyms::default(), &conventions)
        };
        Corpus::from_sources(vec![read("cave.txt", CAVE), read("harbour.txt", HARBOUR)])
    }

    fn subject_of(note: &str) -> (crate::figures::Figure, subject::Subject) {
        let ex = crate::figures::extract(note, crate::text::Format::Markdown);
        let figure = ex.figures[0].clone();
        let mut s = subject::of_figure(note, &figure, &[], &Synonyms::default());
        s.context = subject::context_terms(note, 0..note.len(), &Synonyms::default());
        (figure, s)
    }

    #[test]
    fn the_best_articles_figures_are_candidates_that_speak_only_by_their_number() {
        let c = corpus();
        let note = "A cave expedition near Johannesburg unearthed some 1,500 fragments of a new human relative.\n";
        let (figure, subj) = subject_of(note);
        let found = candidates(&figure, &subj, None, &[], &c, &MatchParams::default());
        let quote = |k: &crate::verdict::Candidate| c.get(k.at).map(|(s, _)| s.quote(k.at.1 as usize));
        // the cave article's counts, its duration left out; none of the harbour's
        let by_document: Vec<String> = found.iter().filter(|k| k.by_document).filter_map(quote).collect();
        assert!(by_document.contains(&"more than 1,500 pieces".to_string()), "{by_document:?}");
        assert!(!by_document.iter().any(|q| q.contains("21 days") || q.contains("300")), "{by_document:?}");
        let j = judge(&figure, &subj, None, &[], &c, &MatchParams::default());
        assert_eq!(j.verdict, Verdict::Supported);
        assert_eq!(j.evidence[0].quote(), "more than 1,500 pieces");
        assert!(j.notes.iter().any(|n| n.starts_with("Matched by its value alone")), "{:?}", j.notes);
        // another number is no contradiction from a figure found by its article alone
        let note = "A cave expedition near Johannesburg unearthed some 4,500 fragments of a new human relative.\n";
        let (figure, subj) = subject_of(note);
        assert_eq!(judge(&figure, &subj, None, &[], &c, &MatchParams::default()).verdict, Verdict::Unsourced);
    }
}
