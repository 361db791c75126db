//! Judging one note figure against the corpus: which source figures speak
//! of the same measure (kind, subject, time, the entities named), whether
//! they support or contradict it, and the message an analyst reads.

use crate::corpus::{Corpus, FigureRef, Source, SourceFigure};
use crate::figures::{Figure, Measure};
use crate::subject::{Query, Subject};
use std::sync::Arc;

/// Thresholds of matching, documented in README; the weights of the
/// probability they apply to are in `features`.
#[derive(Clone, Copy, Debug)]
pub struct MatchParams {
    /// Least subject similarity for a source figure to speak of the same measure.
    pub min_similarity: f32,
    /// Relevant figures must be within this fraction of the best similarity.
    pub relative_to_best: f32,
    /// Added to the similarity of figures from a source the note cites for this figure.
    pub cited_bonus: f32,
    /// How much the note's side counts in the coverage similarity (0.5: symmetric).
    pub note_weight: f32,
    /// Least share of the note figure's subject a source figure must cover.
    pub min_note_coverage: f32,
    /// Factor on the similarity when both figures count different nouns.
    pub noun_mismatch: f32,
    /// Added when both are rates: a rate's period is itself part of its subject.
    pub rate_bonus: f32,
    /// Least share of the note figure's subject weight a source figure must
    /// share to be looked at (the index's cut; the model decides the rest).
    pub retrieve_share: f32,
    /// Least probability for the model to find evidence where the coverage
    /// reading found none.
    pub min_probability: f32,
    /// Least probability for a figure only the model found, and that
    /// disagrees, to make the verdict "contradicted".
    pub min_contradiction: f32,
    /// Least document score, as a share of the best source's for the note's
    /// paragraph, of a source whose figure the model is sure of and that
    /// states the note's number, for it to support the note figure (the
    /// model's other evidence must come from the best source itself).
    pub min_supporting_document: f32,
    /// Least document score, as a share of the best source's for the note's
    /// paragraph, of a source whose disagreeing figure may contradict the
    /// note (a figure of an article on another story is another measure).
    pub min_contradicting_document: f32,
    /// A source under `min_contradicting_document` is of another story only
    /// when its own document score is under this too: several articles on
    /// one story speak of a paragraph unevenly, and all well.
    pub off_story_score: f32,
    /// The model's weights and bias (`features::WEIGHTS`, `features::BIAS`).
    pub weights: features::Features,
    pub bias: f32,
    /// The choice model's weights and bias (`choice::CHOICE_WEIGHTS`, `choice::CHOICE_BIAS`).
    pub choice_weights: choice::ChoiceFeatures,
    pub choice_bias: f32,
    /// Least choice probability for a figure only the model found to be
    /// the one measure that may contradict the note (`choice::one_measure`).
    pub min_choice: f32,
    /// How far under the chosen figure's choice probability a figure
    /// stating another value must be for the choice to be sure of one.
    pub choice_margin: f32,
    /// Least choice probability for the preferred figure where the figures
    /// within `choice_margin` of it state several values, none the note's.
    pub min_choice_of_values: f32,
}

impl Default for MatchParams {
    fn default() -> Self {
        MatchParams {
            min_similarity: 0.25,
            relative_to_best: 0.7,
            cited_bonus: 0.3,
            note_weight: 0.7,
            min_note_coverage: 0.5,
            noun_mismatch: 0.5,
            rate_bonus: 0.1,
            retrieve_share: 0.15,
            min_probability: 0.6,
            min_contradiction: 0.95,
            min_supporting_document: 0.5,
            min_contradicting_document: 0.8,
            off_story_score: 0.6,
            weights: features::WEIGHTS,
            bias: features::BIAS,
            choice_weights: choice::CHOICE_WEIGHTS,
            choice_bias: choice::CHOICE_BIAS,
            min_choice: 0.5,
            choice_margin: 0.2,
            min_choice_of_values: 0.6,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Supported,
    Contradicted,
    Unsourced,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Unsourced => "unsourced",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Supports,
    Contradicts,
}

/// One source passage bearing on a note figure.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub source: Arc<Source>,
    pub figure: usize,
    pub stance: Stance,
    pub similarity: f32,
}

impl Evidence {
    pub fn source_figure(&self) -> &SourceFigure {
        &self.source.figures[self.figure]
    }
    /// The source's own words for the figure: "less than 1,000 militants remain in Iraq and Syria".
    pub fn excerpt(&self) -> String {
        self.source.excerpt(self.figure)
    }
    /// The figure as written: "less than 1,000".
    pub fn quote(&self) -> String {
        self.source.quote(self.figure)
    }
    pub fn sentence(&self) -> &str {
        self.source.sentence_of(self.figure).map_or("", |(s, _)| s)
    }
}

/// The verdict on a note figure, with its evidence best first.
#[derive(Clone, Debug)]
pub struct Judgement {
    pub verdict: Verdict,
    pub evidence: Vec<Evidence>,
    /// Source figures on the same subject but of another kind (a total where
    /// the note has a rate): reported as disagreements, never as stance.
    pub related: Vec<Evidence>,
    pub message: String,
    /// Disagreements between sources and newer figures, one line each.
    pub notes: Vec<String>,
}

/// One source figure looked at for a note figure, with its features and
/// the model's probability that it states the same measure.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub at: FigureRef,
    pub features: features::Features,
    pub probability: f32,
    /// The factor that scales its interval to the note figure's (rates of
    /// other periods), `None` when the two cannot be compared.
    pub factor: Option<f64>,
    /// Does its sentence state another number of the note's sentence
    /// (`choice::shares_companion`)?
    pub companion: bool,
    /// Reached only as a figure of the article that speaks most of the
    /// note's paragraph (its subject shares too little with the note's).
    pub by_document: bool,
    /// The choice model's probability that it is the measure, among the
    /// candidates of its source (`choice::probabilities`).
    pub choice: f32,
}

/// The source figures that may speak for `figure` (`compare::retrieve`,
/// at the model's looser share), with the model's probability. Judging and
/// fitting the model both start here.
pub fn candidates(
    figure: &Figure,
    subject: &Subject,
    note_date: Option<crate::figures::DateSpec>,
    cited: &[std::path::PathBuf],
    corpus: &Corpus,
    params: &MatchParams,
) -> Vec<Candidate> {
    let idf = IdfCache::new(corpus);
    let mut docs = features::DocumentScores::default();
    candidates_of(figure, &Query::of(subject), note_date, cited, corpus, params, &idf, &mut docs)
}

#[allow(clippy::too_many_arguments)]
fn candidates_of(
    figure: &Figure,
    query: &Query,
    note_date: Option<crate::figures::DateSpec>,
    cited: &[std::path::PathBuf],
    corpus: &Corpus,
    params: &MatchParams,
    idf: &IdfCache,
    docs: &mut features::DocumentScores,
) -> Vec<Candidate> {
    let idf_of = |t| idf.idf(t);
    let mut out = Vec::new();
    let mut refs = retrieve(figure, query, note_date, cited, corpus, params.retrieve_share);
    let retrieved = refs.len();
    let extra = compare::of_best_document(figure, query, note_date, corpus, docs, &refs);
    refs.extend(extra);
    for (k, r) in refs.into_iter().enumerate() {
        let Some((source, sf)) = corpus.get(r) else { continue };
        let is_cited = cited.iter().any(|p| *p == source.path);
        let f = features::features(figure, query, &sf.figure, &sf.subject, (corpus, r.0), is_cited, docs, &idf_of);
        let factor = comparable_as_stated(figure, &sf.figure);
        let companion = choice::shares_companion(query, source, r.1 as usize);
        let by_document = k >= retrieved;
        out.push(Candidate { at: r, features: f, probability: 0.0, factor, companion, choice: 0.0, by_document });
    }
    let mut all: Vec<features::Features> = out.iter().map(|c| c.features).collect();
    features::relative_documents(&mut all, features::best_document(corpus, query, docs));
    for (c, f) in out.iter_mut().zip(all) {
        c.features = f;
        c.probability = features::probability(&f, &params.weights, params.bias);
        tracing::debug!(probability = c.probability, figure = ?c.at, "candidate");
    }
    // chosen among the comparable ones: those the verdict may rest on
    let comparable: Vec<usize> = (0..out.len()).filter(|i| out[*i].factor.is_some()).collect();
    let rows: Vec<Candidate> = comparable.iter().map(|i| out[*i].clone()).collect();
    for (i, p) in comparable.iter().zip(choice::probabilities(&rows, &params.choice_weights, params.choice_bias)) {
        out[*i].choice = p;
    }
    out
}

/// Judges `figure` (with `subject`) against `corpus`; `cited` are the
/// sources the note cites for it, whose figures count for more.
pub fn judge(
    figure: &Figure,
    subject: &Subject,
    note_date: Option<crate::figures::DateSpec>,
    cited: &[std::path::PathBuf],
    corpus: &Corpus,
    params: &MatchParams,
) -> Judgement {
    judge_in(figure, subject, note_date, cited, corpus, params, &mut features::DocumentMemo::default())
}

/// `judge`, with the paragraph's document scores kept in `memo` for the
/// other figures of the same note (`check` judges a note's figures so).
pub fn judge_in(
    figure: &Figure,
    subject: &Subject,
    note_date: Option<crate::figures::DateSpec>,
    cited: &[std::path::PathBuf],
    corpus: &Corpus,
    params: &MatchParams,
    memo: &mut features::DocumentMemo,
) -> Judgement {
    let (query, idf) = (Query::of(subject), IdfCache::new(corpus));
    let mut scored = coverage::scored(figure, &query, note_date, cited, corpus, params, &idf);
    let mut model_found = false;
    // the choice probability of each figure only the model found
    let mut choices: Vec<(&Source, usize, f32)> = Vec::new();
    // the model's candidates found only as figures of the best article
    let mut by_document: Vec<FigureRef> = Vec::new();
    let docs = memo.of(&query);
    if !scored.iter().any(|s| s.2.is_some()) {
        // what the coverage reading missed: the model's sure candidates from
        // the article that speaks most of the note's paragraph, counting
        // the same thing (or a figure of a source the note cites)
        scored = candidates_of(figure, &query, note_date, cited, corpus, params, &idf, docs)
            .into_iter()
            .filter(|c| {
                // (a figure found by its article alone states the note's number: `compare::of_best_document`)
                c.factor.is_some()
                    && c.probability >= params.min_probability
                    && c.features[features::OTHER_NOUN] == 0.0
                    && (c.features[features::DOCUMENT_VS_BEST] >= features::BEST_DOCUMENT
                        || c.features[features::CITED] > 0.0
                        || (c.features[features::DOCUMENT_VS_BEST] >= params.min_supporting_document
                            && corpus.get(c.at).is_some_and(|(_, sf)| features::same_number(figure, &sf.figure))))
            })
            .inspect(|c| {
                if let Some((source, _)) = corpus.get(c.at) {
                    choices.push((source.as_ref(), c.at.1 as usize, c.choice));
                }
                if c.by_document {
                    by_document.push(c.at);
                }
            })
            .map(|c| (c.at, c.probability, c.factor))
            .collect();
        model_found = !scored.is_empty();
    }
    let floor = if model_found { params.min_probability } else { params.min_similarity };
    let best = scored.iter().filter(|s| s.2.is_some()).map(|s| s.1).fold(0.0f32, f32::max);
    let cutoff = (best * params.relative_to_best).max(floor);
    let mut evidence = Vec::new();
    let mut related = Vec::new();
    for (r, sim, factor) in &scored {
        let Some((source, sf)) = corpus.get(*r) else { continue };
        let (sim, figure_index) = (*sim, r.1 as usize);
        match factor {
            Some(f) if sim >= cutoff => {
                let iv = sf.figure.interval().scaled(*f);
                // two maxima (or minima) agree only when they state the same bound
                // or they state the same number with other qualifiers ("three
                // times faster" for "more than three times faster", "2,000"
                // for "nearly 2,000"): the writer restated the figure, and
                // the note says which bound the source gives
                let agrees = iv.agrees(&figure.interval) || features::same_number_as_written(figure, &sf.figure);
                let stance = if agrees { Stance::Supports } else { Stance::Contradicts };
                evidence.push(Evidence { source: source.clone(), figure: figure_index, stance, similarity: sim });
            }
            None if (sim >= cutoff.max(best) * 0.9 || features::same_number(figure, &sf.figure))
                && sf.figure.kind() == figure.kind
                // same subject, other kind: a total against a rate
                && sf.figure.interval().overlaps(&figure.interval) =>
            {
                related.push(Evidence {
                    source: source.clone(),
                    figure: figure_index,
                    stance: Stance::Contradicts,
                    similarity: sim,
                });
            }
            _ => {}
        }
    }
    let supported = evidence.iter().any(|e| e.stance == Stance::Supports);
    // A disagreement is a contradiction only from a source about the note's
    // story: a figure of an article on something else that shares the
    // measure's words ("more than 18,500 people across the country" for
    // "8.2 million people were without electricity") is another measure.
    let off_story = if supported { Vec::new() } else { off_story(&mut evidence, &query, cited, corpus, params, docs) };
    // What disagrees where only the model found evidence is a contradiction
    // only where it is sure of one measure; else it is said as the nearest
    // passage, a note, not a warning (a false contradiction costs the writer
    // most trust; unguarded, 22 of the 50 it added on xsum's check part were false).
    let mut nearest = if !supported && model_found && !choice::one_measure(&evidence, &choices, figure, params) {
        std::mem::take(&mut evidence).into_iter().max_by(|a, b| a.similarity.total_cmp(&b.similarity))
    } else {
        None
    };
    if nearest.is_none() && evidence.is_empty() {
        nearest = off_story.into_iter().max_by(|a, b| a.similarity.total_cmp(&b.similarity));
    }
    // support only from figures found by the article, not their words: by value
    let only_by_value = supported
        && evidence
            .iter()
            .filter(|e| e.stance == Stance::Supports)
            .all(|e| corpus.slot_of(&e.source.path).is_some_and(|slot| by_document.contains(&(slot, e.figure as u32))));
    // neither reading found the measure: the paragraph's article may still state the value
    let (mut supported, mut by_value) = (supported, only_by_value);
    if evidence.is_empty() {
        if let Some(e) = stated_value::support(figure, &query, note_date, corpus, docs) {
            (supported, nearest, by_value) = (true, None, true);
            evidence.push(e);
        } else if let Some(e) = ages::one_persons_age(figure, &query, note_date, corpus, docs) {
            supported = e.stance == Stance::Supports;
            nearest = None;
            evidence.push(e);
        }
    }
    let verdict = if supported {
        Verdict::Supported
    } else if evidence.is_empty() {
        Verdict::Unsourced
    } else {
        Verdict::Contradicted
    };
    order(&mut evidence, verdict, figure);
    // Figures of the same kind from other sources that fell under the cut-off
    // but still speak of the subject: candidates for "a newer source says".
    let later: Vec<Evidence> = scored
        .iter()
        .filter_map(|(r, sim, factor)| {
            let f = (*factor)?;
            let (source, sf) = corpus.get(*r)?;
            let known = evidence.iter().any(|e| e.source.path == source.path && e.figure == r.1 as usize);
            let differs = !sf.figure.interval().scaled(f).agrees(&figure.interval);
            (!known && differs && *sim >= floor).then(|| Evidence {
                source: source.clone(),
                figure: r.1 as usize,
                stance: Stance::Contradicts,
                similarity: *sim,
            })
        })
        .collect();
    let mut notes = notes(figure, verdict, &evidence, &later, &related, corpus);
    if by_value {
        notes.push("Matched by its value alone, in other words: check that it is the same measure.".to_string());
    }
    if let Some(n) = nearest {
        notes.push(format!("Nearest: {} says {}.", words::cite(&n, corpus), n.excerpt()));
    }
    let message = message(verdict, &evidence, corpus, figure);
    Judgement { verdict, evidence, related, message, notes }
}

/// Takes out of `evidence` the figures of sources that speak of the note's
/// paragraph less than `min_contradicting_document` of the source that
/// speaks most of it (`features::DocumentScores`), and returns them; a
/// source the note cites always stays.
fn off_story(
    evidence: &mut Vec<Evidence>,
    query: &Query,
    cited: &[std::path::PathBuf],
    corpus: &Corpus,
    params: &MatchParams,
    docs: &mut features::DocumentScores,
) -> Vec<Evidence> {
    // a figure judged without its paragraph (no source speaks of it at all)
    // leaves no story to be off
    let spoken = docs.sharing(corpus, query).first().map_or(0.0, |s| s.0);
    if params.min_contradicting_document <= 0.0 || spoken <= 0.0 {
        return Vec::new();
    }
    let best = spoken.max(features::DOCUMENT_FLOOR);
    let (mut kept, mut taken) = (Vec::new(), Vec::new());
    for e in evidence.drain(..) {
        let score = corpus.slot_of(&e.source.path).map_or(0.0, |slot| docs.of(corpus, query, slot));
        if cited.contains(&e.source.path)
            || score >= params.min_contradicting_document * best
            || score >= params.off_story_score
        {
            kept.push(e);
        } else {
            taken.push(e);
        }
    }
    *evidence = kept;
    taken
}

pub(super) fn date_key(s: &Source) -> i64 {
    s.date.and_then(|d| d.month_index()).map_or(i64::MIN, |m| m * 32 + s.date.and_then(|d| d.day).unwrap_or(0) as i64)
}

/// Supporting evidence first, newest source first; then by similarity.
fn order(evidence: &mut [Evidence], verdict: Verdict, figure: &Figure) {
    evidence.sort_by(|a, b| {
        let stance = |e: &Evidence| u8::from((e.stance == Stance::Supports) != (verdict == Verdict::Supported));
        // what supports by stating the note's number before what only bounds
        // it ("200 a month" for "roughly 200", before "as many as 31,000")
        let restates = |e: &Evidence| {
            u8::from(!(verdict == Verdict::Supported && features::same_number(figure, &e.source_figure().figure)))
        };
        stance(a)
            .cmp(&stance(b))
            .then_with(|| restates(a).cmp(&restates(b)))
            .then_with(|| {
                if verdict == Verdict::Supported {
                    date_key(&b.source).cmp(&date_key(&a.source))
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then_with(|| b.similarity.total_cmp(&a.similarity))
            .then_with(|| {
                let d = |e: &Evidence| e.source_figure().figure.interval().distance(&figure.interval);
                d(a).total_cmp(&d(b))
            })
            .then_with(|| a.source.id.cmp(&b.source.id))
    });
}

/// One candidate as the matcher saw it (for `examples/explain.rs` and debugging).
#[derive(Debug)]
pub struct CandidateTrace {
    pub source: String,
    pub figure: String,
    pub probability: f32,
    pub features: features::Features,
    pub comparable: bool,
    /// The choice model's probability among its source's candidates.
    pub choice: f32,
    pub companion: bool,
}

/// Every candidate the matcher looks at for a note figure, most probable first.
pub fn explain(
    figure: &Figure,
    subject: &Subject,
    note_date: Option<crate::figures::DateSpec>,
    corpus: &Corpus,
) -> Vec<CandidateTrace> {
    let mut out: Vec<CandidateTrace> = candidates(figure, subject, note_date, &[], corpus, &MatchParams::default())
        .into_iter()
        .filter_map(|c| {
            let (source, _) = corpus.get(c.at)?;
            Some(CandidateTrace {
                source: source.id.clone(),
                figure: source.quote(c.at.1 as usize),
                probability: c.probability,
                features: c.features,
                comparable: c.factor.is_some(),
                choice: c.choice,
                companion: c.companion,
            })
        })
        .collect();
    out.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    out
}

pub mod across_notes;
mod ages;
pub mod choice;
mod compare;
mod coverage;
pub mod diagnose;
pub mod features;
mod stated_value;
mod words;

#[cfg(test)]
use compare::same_time;
use compare::{comparable, comparable_as_stated, retrieve, IdfCache};
use words::{message, notes};

#[cfg(test)]
mod tests;
