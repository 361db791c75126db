//! How likely a source figure is to state the same measure as a note
//! figure: a small logistic model over what the two have in common — the
//! figure's own phrase (counted noun, the words next to it), the clause and
//! sentence, the counted nouns, whether the source speaks of what the note's
//! paragraph is about, a citation, both being rates. Never the number
//! itself: which figure states the same measure is decided blind to the
//! values, so that a wrong number never finds a same-valued figure about
//! something else to agree with it.
//!
//! The weights are fitted on the **fit** part of the quality benchmark
//! (real summaries against real articles, `../shared/devdata`):
//! `cargo run --release --example fit_matcher` prints them in this file's
//! form; the check part is only reported (`examples/quality.rs`).

use crate::corpus::Source;
use crate::figures::{Figure, Measure};
use crate::subject::{Query, SourceSubject, TermId};
use std::collections::HashMap;

/// The features of one candidate, in `NAMES` order.
pub type Features = [f32; N];
pub const N: usize = 10;
pub const NAMES: [&str; N] = [
    "note_coverage",
    "source_coverage",
    "phrase_coverage",
    "source_phrase_coverage",
    "same_noun",
    "other_noun",
    "document",
    "document_vs_best",
    "cited",
    "both_rates",
];

/// Fitted weights (see the module's doc for the command that refits them),
/// but for `cited`: no summary of the benchmark cites its article, so the
/// weight of a citation is set, to what lifts a figure of the cited source
/// that shares the note figure's phrase over the line on its own.
pub const WEIGHTS: Features = [2.118, 1.628, 0.512, 0.853, 1.051, -0.656, 1.522, 6.478, 4.0, 0.469];
pub const BIAS: f32 = -6.216;

/// The model's probability that `f` is the same measure.
pub fn probability(f: &Features, weights: &Features, bias: f32) -> f32 {
    let z: f32 = bias + f.iter().zip(weights).map(|(x, w)| x * w).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

/// What the note figure's paragraph has in common with each source: the
/// IDF-weighted share of the paragraph's terms that the source's text uses
/// (`Corpus::document_scores`). Looked up once per paragraph (`DocumentMemo`).
#[derive(Default)]
pub struct DocumentScores {
    /// Every source sharing a term with the paragraph: its slot and score, best first.
    ranked: Option<Vec<(u32, f32)>>,
    by_slot: HashMap<u32, f32>,
}

/// Each paragraph's `DocumentScores`, by its terms (`Query::context`): the
/// figures of one paragraph, judged in one check, share one look-up of the
/// sources that speak most of it (the model and the stated-value reading
/// both ask, and a note's unsourced figures would each pay for it).
#[derive(Default)]
pub struct DocumentMemo {
    by_context: HashMap<Vec<TermId>, DocumentScores>,
}

impl DocumentMemo {
    /// The scores of `query`'s paragraph, kept for its other figures.
    pub fn of(&mut self, query: &Query) -> &mut DocumentScores {
        self.by_context.entry(query.context.clone()).or_default()
    }
}

impl DocumentScores {
    fn ranked(&mut self, corpus: &crate::corpus::Corpus, query: &Query) -> &[(u32, f32)] {
        if self.ranked.is_none() {
            let ranked = corpus.document_scores(&query.context);
            self.by_slot = ranked.iter().copied().collect();
            self.ranked = Some(ranked);
        }
        self.ranked.as_deref().unwrap_or(&[])
    }

    /// The few sources that speak most of the paragraph of `query`, each
    /// with its score, best first (the model's best document and the
    /// stated-value reading both ask).
    pub fn sharing(&mut self, corpus: &crate::corpus::Corpus, query: &Query) -> Vec<(f32, std::sync::Arc<Source>)> {
        let top: Vec<(u32, f32)> = self.ranked(corpus, query).iter().take(BEST_DOCUMENTS).copied().collect();
        top.into_iter().filter_map(|(slot, w)| Some((w, corpus.source_at(slot)?.clone()))).collect()
    }

    /// The score of the source in `slot`.
    pub fn of(&mut self, corpus: &crate::corpus::Corpus, query: &Query, slot: u32) -> f32 {
        self.ranked(corpus, query);
        self.by_slot.get(&slot).copied().unwrap_or(0.0)
    }
}

/// Where `document` stands among the candidates' sources: the share of the
/// best source's (the article that speaks most of the note's paragraph
/// scores 1).
pub const OTHER_NOUN: usize = 5;
pub const DOCUMENT: usize = 6;
pub const DOCUMENT_VS_BEST: usize = 7;
pub const CITED: usize = 8;

/// How many of the sources sharing the most of a paragraph's rarer terms
/// are scored in full for the best document.
const BEST_DOCUMENTS: usize = 5;

/// The document score that is the paragraph's best article's: the best any
/// source of `corpus` has for the paragraph of `query` (so that a candidate
/// is not "the best article" merely because the right article had no
/// candidate), but never under `DOCUMENT_FLOOR`.
pub fn best_document(corpus: &crate::corpus::Corpus, query: &Query, docs: &mut DocumentScores) -> f32 {
    docs.sharing(corpus, query).first().map_or(0.0, |s| s.0).max(DOCUMENT_FLOOR)
}

/// The least document score of the paragraph's best article. Where no
/// source speaks of the paragraph (the note's story is not in the folder),
/// the source that shares the most of its words is one about something
/// else, and being the best of those is no sign of the same measure: the
/// `document_vs_best` of its figures is their share of this floor.
/// Chosen on the benchmark's fit part as the largest value that changes
/// none of its verdicts (0.5 costs a point of xsum's fit accuracy).
pub const DOCUMENT_FLOOR: f32 = 0.4;

pub fn relative_documents(all: &mut [Features], best_elsewhere: f32) {
    let best = all.iter().map(|f| f[DOCUMENT]).fold(best_elsewhere, f32::max);
    for f in all {
        f[DOCUMENT_VS_BEST] = if best > 0.0 { f[DOCUMENT] / best } else { 0.0 };
    }
}

/// Do the two figures state the same number (a rate and a total both "50")?
pub fn same_number(a: &impl Measure, b: &impl Measure) -> bool {
    numbers_within(a, b, 0.01)
}

/// `same_number` in the same unit and period as written ("18 months" is
/// not "an 18-year-old", "15 km" not "15 miles", "50 a month" not "50 a
/// year"); the numbers are scaled ("2 million" is not "2").
pub fn same_number_as_written(a: &impl Measure, b: &impl Measure) -> bool {
    let unit = |m: &dyn Measure| m.unit().map(str::to_lowercase);
    a.kind() == b.kind() && unit(a) == unit(b) && a.per() == b.per() && same_number(a, b)
}

/// Do the two figures state a number within `tolerance` of each other (a
/// share of the larger; 0: as written, 10 is no restatement of 10.1)?
pub fn numbers_within(a: &impl Measure, b: &impl Measure, tolerance: f64) -> bool {
    a.stated().iter().any(|x| b.stated().iter().any(|y| (x - y).abs() <= tolerance.max(1e-9) * x.abs().max(y.abs())))
}

/// The least share of the best document score for a source to count as
/// the article that speaks most of the note's paragraph (ties, not rounding).
pub const BEST_DOCUMENT: f32 = 0.999;

/// The features of source figure `src` (with subject `sub`, in `source`)
/// as a candidate for `figure` (with `query`).
#[allow(clippy::too_many_arguments)]
pub fn features(
    figure: &Figure,
    query: &Query,
    src: &impl Measure,
    sub: &SourceSubject,
    at: (&crate::corpus::Corpus, u32),
    cited: bool,
    docs: &mut DocumentScores,
    idf: &impl Fn(TermId) -> f32,
) -> Features {
    let (note_cov, src_cov) = query.coverage(sub, idf);
    let (same_noun, other_noun) = match (query.noun, sub.noun()) {
        (Some(a), Some(b)) if a == b => (1.0, 0.0),
        // two words for people ("militants", "terrorists"): neither the same noun nor another
        (Some(a), Some(b)) if counts_people(a) && counts_people(b) => (0.0, 0.0),
        (Some(_), Some(_)) => (0.0, 1.0),
        _ => (0.0, 0.0),
    };
    [
        note_cov,
        src_cov,
        query.phrase_coverage(sub, idf),
        query.source_phrase_coverage(sub, idf),
        same_noun,
        other_noun,
        docs.of(at.0, query, at.1),
        0.0, // set by `relative_documents` once every candidate is known
        f32::from(u8::from(cited)),
        f32::from(u8::from(figure.per.is_some() && src.per().is_some())),
    ]
}

/// Does the counted noun `t` count people? Two such nouns are two words for
/// people counted ("three militants", "three terrorists"), so the model takes
/// them for neither the same counted noun nor another: the rest of the two
/// subjects decides.
fn counts_people(t: TermId) -> bool {
    t.text().is_some_and(crate::figures::counts_people)
}

#[cfg(test)]
mod tests {
    use super::counts_people;
    use crate::subject::{term, Synonyms, TermId};

    fn people(word: &str) -> bool {
        let t = term(word, &Synonyms::default()).expect("a term");
        counts_people(TermId::intern(&t))
    }

    #[test]
    fn words_for_people_counted_are_known_by_their_stems() {
        let words = "people militants terrorists members residents employees prisoners boys refugees nurses accused \
                     casualties soldiers fighters civilians children deaths players teachers doctors migrants voters \
                     officers workers citizens patients guards rebels troops survivors gunmen bloggers speakers \
                     foreigners nationals recruits tourists visitors officials volunteers journalists customers users \
                     viewers commuters candidates hostages detainees evacuees protesters";
        for w in words.split_whitespace() {
            assert!(people(w), "{w}: {:?}", term(w, &Synonyms::default()));
        }
        for w in ["prisons", "attacks", "blocks", "buildings", "points", "goals", "tonnes", "countries", "protests"] {
            assert!(!people(w), "{w}: {:?}", term(w, &Synonyms::default()));
        }
    }
}
