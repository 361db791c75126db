//! Whether two note figures state the same measure, and agree: the
//! engine's tests for a source figure speaking of a note figure, applied to
//! two note figures — comparable kinds and units (`compare::comparable`),
//! no entity named otherwise in the same role, the same counted noun, and
//! subjects that cover each other as a source figure must cover a note's
//! (`MatchParams::min_note_coverage`, here both ways, whole and without the
//! noun, IDF-weighted over the corpus) — and a time both speak of alike.
//! Stricter than a source's match on purpose: a warning between two notes
//! must not cry wolf. Stance as a verdict's: two
//! stated maxima by their bounds, else overlap.

use super::compare::comparable;
use super::MatchParams;
use crate::corpus::Corpus;
use crate::figures::time::Cue;
use crate::figures::{Figure, TimeRef};
use crate::subject::{Query, SourceSubject, Subject};

/// A note figure with its subject in both of the engine's forms, whole and
/// without the counted noun (what the figure says of the noun).
pub struct Stated {
    pub figure: Figure,
    query: Query,
    indexed: SourceSubject,
    rest: (Query, SourceSubject),
}

impl Stated {
    /// Interns the subject's terms (as a source's are): two notes' words
    /// must meet even where no source uses them.
    pub fn new(figure: Figure, subject: &Subject) -> Stated {
        let indexed = SourceSubject::intern(subject);
        let mut rest = subject.clone();
        rest.terms.retain(|(t, _)| Some(t) != subject.noun.as_ref());
        rest.noun = None;
        let rest = (Query::of(&rest), SourceSubject::intern(&rest));
        Stated { figure, query: Query::of(subject), indexed, rest }
    }
}

/// The least of how much each subject covers of the other.
fn mutual_coverage(a: (&Query, &SourceSubject), b: (&Query, &SourceSubject), corpus: &Corpus) -> f32 {
    let idf = |t| corpus.idf(t);
    let (a_in_b, b_in_a) = a.0.coverage(b.1, idf);
    let (b_in_a2, a_in_b2) = b.0.coverage(a.1, idf);
    a_in_b.min(b_in_a).min(b_in_a2).min(a_in_b2)
}

impl Stated {
    /// What only figures of the same measure share: kind and counted noun
    /// (for grouping before comparing).
    pub fn group(&self) -> (crate::figures::Kind, Option<crate::subject::TermId>) {
        (self.figure.kind, self.query.noun)
    }
}

/// Do `a` and `b` state the same measure? Then whether they agree. Two
/// figures whose intervals agree are `Some(true)` without their subjects
/// being compared (agreement is never reported); a disagreement is only
/// `Some(false)` once every test passed.
pub fn same_measure(a: &Stated, b: &Stated, corpus: &Corpus, params: &MatchParams) -> Option<bool> {
    let factor = comparable(&a.figure, &b.figure)?;
    if !same_time(a.figure.time.as_ref(), b.figure.time.as_ref()) {
        return None;
    }
    if a.query.noun != b.query.noun {
        return None;
    }
    let iv = b.figure.interval.scaled(factor);
    let agree = iv.agrees(&a.figure.interval);
    if agree {
        // agreeing figures say nothing either way: the subjects need no reading
        return Some(true);
    }
    if a.query.names_conflict(&b.indexed) || b.query.names_conflict(&a.indexed) {
        return None;
    }
    // the whole subjects, and what each says of the noun: two counts of
    // fighters, one of those joining and one of those killed, are two measures
    let whole = mutual_coverage((&a.query, &a.indexed), (&b.query, &b.indexed), corpus);
    let rest = mutual_coverage((&a.rest.0, &a.rest.1), (&b.rest.0, &b.rest.1), corpus);
    if whole.min(rest) < params.min_note_coverage {
        return None;
    }
    Some(false)
}

/// Do two note figures speak of one time? Both of the present, both of a
/// peak, or both of months that overlap; a figure with a time and one
/// without speak of different times (nothing is flagged on a guess).
fn same_time(a: Option<&TimeRef>, b: Option<&TimeRef>) -> bool {
    let present = |t: Option<&TimeRef>| t.is_none_or(|t| t.cues.iter().all(|c| matches!(c, Cue::Now | Cue::Window)));
    match (a, b) {
        _ if present(a) && present(b) => true,
        (Some(a), Some(b)) if a.is_peak() || b.is_peak() => a.is_peak() && b.is_peak() && a.cues == b.cues,
        (Some(a), Some(b)) => match (a.months(None), b.months(None)) {
            (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
            _ => a.cues == b.cues,
        },
        _ => false,
    }
}
