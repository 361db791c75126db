//! Why the matcher did not take one given source figure as evidence for a
//! note figure: the first stage of `judge` that let it go. A development
//! aid for the quality benchmark (`examples/diagnose.rs`), never used in a
//! check.

use super::compare::{comparable, retrieve, same_time, IdfCache};
use super::{candidates_of, coverage, features, MatchParams};
use crate::corpus::{Corpus, FigureRef};
use crate::figures::{DateSpec, Figure, Measure};
use crate::subject::{Query, Subject};

/// The stage at which `target` was let go, as a short name (for tallies)
/// and a detail (for reading one case).
pub fn why_not(
    figure: &Figure,
    subject: &Subject,
    note_date: Option<DateSpec>,
    corpus: &Corpus,
    params: &MatchParams,
    target: FigureRef,
) -> (&'static str, String) {
    let Some((source, sf)) = corpus.get(target) else { return ("gone", String::new()) };
    let query = Query::of(subject);
    let idf = IdfCache::new(corpus);
    if comparable(figure, &sf.figure).is_none() {
        let detail = format!(
            "note {:?} {:?} {:?} vs source {:?} {:?} {:?}",
            figure.kind,
            figure.unit,
            figure.per,
            sf.figure.kind(),
            sf.figure.unit(),
            sf.figure.per()
        );
        return ("not comparable", detail);
    }
    if !same_time(figure, note_date, sf.figure.time(), source) {
        return ("other time", format!("note {:?} vs source {:?}", figure.time, sf.figure.time()));
    }
    if query.names_conflict(&sf.subject) {
        return ("names conflict", format!("{:?}", subject.names));
    }
    if !retrieve(figure, &query, note_date, &[], corpus, params.retrieve_share).contains(&target) {
        let (note_cov, _) = query.coverage(&sf.subject, |t| idf.idf(t));
        return ("not retrieved", format!("note coverage {note_cov:.2}"));
    }
    let scored = coverage::scored(figure, &query, note_date, &[], corpus, params, &idf);
    if let Some(s) = scored.iter().find(|s| s.0 == target) {
        return ("coverage found it", format!("similarity {:.2}", s.1));
    }
    if scored.iter().any(|s| s.2.is_some()) {
        return ("coverage took another", String::new());
    }
    let candidates = candidates_of(figure, &query, note_date, &[], corpus, params, &idf, &mut Default::default());
    let Some(c) = candidates.iter().find(|c| c.at == target) else { return ("no candidate", String::new()) };
    let f = &c.features;
    let detail = format!("p {:.2} features {:?}", c.probability, f.map(|x| (x * 100.0).round() / 100.0));
    if f[features::OTHER_NOUN] > 0.0 {
        ("model: other noun", detail)
    } else if f[features::DOCUMENT_VS_BEST] < features::BEST_DOCUMENT {
        ("model: not the best document", detail)
    } else if c.probability < params.min_probability {
        ("model: low probability", detail)
    } else {
        ("model found it", detail)
    }
}
