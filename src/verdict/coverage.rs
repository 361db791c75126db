//! The first reading of a candidate: how much of the note figure's subject
//! the source figure's covers (IDF-weighted, leaning on the note's side),
//! with hand-set thresholds: a figure that shares too little of the note's
//! words is no evidence. What it finds, it finds with few false matches; what
//! it misses (a long sentence's extra words dilute its coverage) the fitted
//! model of `features` may still find (`judge`).

use super::compare::{comparable, same_time};
use super::MatchParams;
use crate::corpus::{Corpus, FigureRef};
use crate::figures::{Figure, Measure};
use crate::subject::{Query, Subject, TermId};

/// The source figures that speak of the note figure's subject, each with
/// its similarity and the factor that makes it comparable.
pub(super) fn scored(
    figure: &Figure,
    subject: &Subject,
    note_date: Option<crate::figures::DateSpec>,
    cited: &[std::path::PathBuf],
    corpus: &Corpus,
    params: &MatchParams,
) -> Vec<(FigureRef, f32, Option<f64>)> {
    let mut scored: Vec<(FigureRef, f32, Option<f64>)> = Vec::new();
    // each term's IDF looked up once per judgement
    let idf_cache: std::cell::RefCell<std::collections::HashMap<TermId, f32>> = Default::default();
    let idf_of = |t: TermId| -> f32 { *idf_cache.borrow_mut().entry(t).or_insert_with(|| corpus.idf(t)) };
    let subject = &Query::of(subject);
    // a cited source's figures count with less in common (see `min_cov` below)
    let mut candidates = corpus.candidates(subject, params.min_note_coverage);
    for path in cited {
        candidates.extend(corpus.figures_sharing(path, subject));
    }
    candidates.sort_unstable();
    candidates.dedup();
    for r in candidates {
        let Some((source, sf)) = corpus.get(r) else { continue };
        if !same_time(figure.time.as_ref(), note_date, sf.figure.time(), source) {
            continue;
        }
        if subject.names_conflict(&sf.subject) {
            // "in Millwick" is no evidence about "in Yorkmere"
            continue;
        }
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
            scored.push((r, sim, comparable(figure, &sf.figure)));
        }
    }
    scored
}
