//! The first reading of a candidate: how much of the note figure's subject
//! the source figure's covers (IDF-weighted, leaning on the note's side),
//! with hand-set thresholds: a figure that shares too little of the note's
//! words is no evidence. What it finds, it finds with few false matches; what
//! it misses (a long sentence's extra words dilute its coverage) the fitted
//! model of `features` may still find (`judge`).

use super::compare::{comparable_as_stated, retrieve, IdfCache};
use super::MatchParams;
use crate::corpus::{Corpus, FigureRef};
use crate::figures::{Figure, Measure};
use crate::subject::Query;

/// The source figures that speak of the note figure's subject, each with
/// its similarity and the factor that makes it comparable.
pub(super) fn scored(
    figure: &Figure,
    subject: &Query,
    note_date: Option<crate::figures::DateSpec>,
    cited: &[std::path::PathBuf],
    corpus: &Corpus,
    params: &MatchParams,
    idf: &IdfCache,
) -> Vec<(FigureRef, f32, Option<f64>)> {
    let idf_of = |t| idf.idf(t);
    let mut scored: Vec<(FigureRef, f32, Option<f64>)> = Vec::new();
    // a cited source's figures count with less in common (see `min_cov` below)
    for r in retrieve(figure, subject, note_date, cited, corpus, params.min_note_coverage) {
        let Some((source, sf)) = corpus.get(r) else { continue };
        let (note_cov, src_cov) = subject.coverage(&sf.subject, idf_of);
        let mut sim = note_cov.powf(params.note_weight) * src_cov.powf(1.0 - params.note_weight);
        let is_cited = cited.iter().any(|p| *p == source.path);
        // the writer named this source: a looser paraphrase is expected
        // A rate the writer attributes to this source, of the same period: the
        // shape and the citation say enough; otherwise the subject must match.
        let cited_rate = is_cited && figure.per.is_some() && figure.per == sf.figure.per();
        let min_cov = if cited_rate {
            0.0
        } else if is_cited {
            params.min_note_coverage / 2.0
        } else {
            params.min_note_coverage
        };
        if note_cov < min_cov {
            sim = sim.min(params.min_similarity * 0.99);
        }
        if let (Some(a), Some(b)) = (subject.noun, sf.subject.noun()) {
            if a != b {
                sim *= params.noun_mismatch;
            }
        }
        if is_cited && note_cov >= min_cov {
            sim += params.cited_bonus;
        }
        if figure.per.is_some() && sf.figure.per().is_some() && note_cov >= min_cov {
            sim += params.rate_bonus;
        }
        if sim >= params.min_similarity {
            scored.push((r, sim, comparable_as_stated(figure, &sf.figure)));
        }
    }
    scored
}
