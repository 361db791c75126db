//! Which of one article's figures states the note figure's measure. The
//! matcher's model (`features`) knows the article that speaks of the note's
//! paragraph from the articles that do not, and is sure of most of that
//! article's figures alike; this second model is fitted to choose among
//! them: a figure of the note's own article that states the summary's value
//! against the same article's figures that state other values. What it
//! weighs is what tells one measure of a story from another: the figure's
//! own phrase against the best phrase of the article's candidates, the
//! counted noun, and the companions, the other numbers of the note's
//! sentence that the source's sentence states too ("33 goals in 16
//! matches" against "11 goals in 16 games"). Like the first model it is
//! blind to the figure's own number.
//!
//! The weights are fitted on the **fit** part of the quality benchmark:
//! `cargo run --release --example fit_matcher` prints them in this file's
//! form (`CHOICE_WEIGHTS`, `CHOICE_BIAS`).

use super::features::{self, Features};
use super::{comparable, Candidate, Evidence, MatchParams};
use crate::corpus::Source;
use crate::figures::{Figure, Measure};
use crate::subject::Query;

pub const M: usize = 8;
pub const NAMES: [&str; M] = [
    "phrase_coverage",
    "source_phrase_coverage",
    "note_coverage",
    "same_noun",
    "other_noun",
    "companion",
    "phrase_behind_best",
    "note_behind_best",
];
pub type ChoiceFeatures = [f32; M];

/// Fitted weights (see the module's doc for the command that refits them).
pub const CHOICE_WEIGHTS: ChoiceFeatures = [-0.323, 1.176, 0.881, 0.324, -0.188, 0.553, 0.491, -2.419];
pub const CHOICE_BIAS: f32 = -0.455;

/// Does figure `i` of `source` share a companion of the note figure: does
/// another figure of its sentence state one of the numbers the note's
/// sentence states besides the figure (`Query::companions`)?
pub fn shares_companion(query: &Query, source: &Source, i: usize) -> bool {
    if query.companions.is_empty() {
        return false;
    }
    let Some(own) = source.figures.get(i) else { return false };
    let sentence = own.figure.sentence();
    // a source's figures are in text order: its sentence's are next to it
    let before = source.figures[..i].iter().rev().take_while(|f| f.figure.sentence() == sentence);
    let after = source.figures[i + 1..].iter().take_while(|f| f.figure.sentence() == sentence);
    before.chain(after).any(|f| {
        use crate::figures::Measure;
        f.figure.stated().iter().any(|v| query.companions.iter().any(|c| (c - v).abs() <= 0.01 * c.abs().max(v.abs())))
    })
}

/// The choice features of each of `candidates` (one article's, or any
/// set the matcher chooses among), given each one's `shares_companion`.
pub fn features_of(candidates: &[(Features, bool)]) -> Vec<ChoiceFeatures> {
    let best = |k: usize| candidates.iter().map(|c| c.0[k]).fold(0.0f32, f32::max);
    let (best_phrase, best_note) = (best(PHRASE), best(NOTE));
    candidates
        .iter()
        .map(|(f, companion)| {
            [
                f[PHRASE],
                f[SOURCE_PHRASE],
                f[NOTE],
                f[SAME_NOUN],
                f[features::OTHER_NOUN],
                f32::from(u8::from(*companion)),
                best_phrase - f[PHRASE],
                best_note - f[NOTE],
            ]
        })
        .collect()
}

const NOTE: usize = 0;
const PHRASE: usize = 2;
const SOURCE_PHRASE: usize = 3;
const SAME_NOUN: usize = 4;

/// The choice model's probability that the candidate with `f` is the measure.
pub fn probability(f: &ChoiceFeatures, weights: &ChoiceFeatures, bias: f32) -> f32 {
    let z: f32 = bias + f.iter().zip(weights).map(|(x, w)| x * w).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

/// The choice probability of each of `candidates`, chosen among those of
/// the same source.
pub fn probabilities(candidates: &[Candidate], weights: &ChoiceFeatures, bias: f32) -> Vec<f32> {
    let mut out = vec![0.0; candidates.len()];
    let mut slots: Vec<u32> = candidates.iter().map(|c| c.at.0).collect();
    slots.sort_unstable();
    slots.dedup();
    for slot in slots {
        let members: Vec<usize> = (0..candidates.len()).filter(|i| candidates[*i].at.0 == slot).collect();
        let rows: Vec<(Features, bool)> =
            members.iter().map(|i| (candidates[*i].features, candidates[*i].companion)).collect();
        for (i, f) in members.iter().zip(features_of(&rows)) {
            out[*i] = probability(&f, weights, bias);
        }
    }
    out
}

/// May the model's disagreeing evidence make the verdict "contradicted"?
/// Only where it is sure of one measure, by either model: the figures the
/// matcher's model is sure of (`min_contradiction`) all state one value,
/// or the figure the choice model prefers (at least `min_choice`) has no
/// rival within `choice_margin` of it that states another value. Where
/// rivals within the margin state several values, each disagreeing, the
/// preferred figure must be surer (`min_choice_of_values`): whichever of
/// them the article means, the note's number is none of them ("over 6,000
/// views" against a clip's "2,000 views so far" and another's "120 views").
/// And no source of those figures states the note's value in another
/// comparable figure (then the one chosen may be the wrong one). `choices`
/// are the choice probabilities of the model's candidates.
pub(super) fn one_measure(
    evidence: &[Evidence],
    choices: &[(&Source, usize, f32)],
    figure: &Figure,
    params: &MatchParams,
) -> bool {
    let choice_of = |e: &Evidence| {
        let at = |c: &&(&Source, usize, f32)| c.1 == e.figure && std::ptr::eq(c.0, e.source.as_ref());
        choices.iter().find(at).map_or(0.0, |c| c.2)
    };
    let value = |e: &&Evidence| e.source_figure().figure.interval();
    let one_value =
        |sure: &[&Evidence]| sure.first().is_some_and(|first| sure.iter().all(|e| value(e) == value(first)));
    let none_states = |sure: &[&Evidence]| !sure.is_empty() && !sure.iter().any(|e| states_value(&e.source, figure));
    let by_model: Vec<&Evidence> = evidence.iter().filter(|e| e.similarity >= params.min_contradiction).collect();
    let best = evidence.iter().map(choice_of).fold(0.0f32, f32::max);
    let by_choice: Vec<&Evidence> = evidence.iter().filter(|e| choice_of(e) > best - params.choice_margin).collect();
    let chosen = best >= params.min_choice && (one_value(&by_choice) || best >= params.min_choice_of_values);
    (one_value(&by_model) && none_states(&by_model)) || (chosen && none_states(&by_choice))
}

/// Does `source` state the note figure's value in a figure that could be
/// compared with it? Then a disagreeing figure of it the model chose may be
/// the wrong one of its figures, never a contradiction.
fn states_value(source: &Source, figure: &Figure) -> bool {
    source.figures.iter().any(|sf| {
        comparable(figure, &sf.figure).is_some_and(|f| {
            sf.figure.interval().scaled(f).agrees(&figure.interval) || features::same_number(figure, &sf.figure)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::{self, Synonyms};
    use crate::verdict::Stance;
    use crate::workspace::Settings;
    use std::path::Path;
    use std::sync::Arc;

    const ARTICLE: &str = "Duggan ready for the World Cup\n\n\
        Duggan has scored 11 goals in 16 games for her country since her debut.\n\
        She netted 10 goals for Manchester City last season, and 52 goals in all for the club.\n";

    fn source(text: &str) -> Arc<Source> {
        let conventions = Settings::default().conventions;
        Arc::new(Source::from_text(Path::new("duggan.txt"), text.to_string(), &Synonyms::default(), &conventions))
    }

    /// The index of the source figure written `quote`.
    fn at(source: &Source, quote: &str) -> usize {
        (0..source.figures.len()).find(|i| source.quote(*i) == quote).unwrap_or_else(|| panic!("no {quote}"))
    }

    fn note_figure(note: &str) -> (Figure, Query) {
        let ex = crate::figures::extract(note, crate::text::Format::Markdown);
        let figure = ex.figures[0].clone();
        let mut subj = subject::of_figure(note, &figure, &[], &Synonyms::default());
        subj.companions = subject::companions(&figure, &ex.figures);
        (figure, Query::of(&subj))
    }

    #[test]
    fn a_companion_is_another_number_of_the_same_sentence() {
        let s = source(ARTICLE);
        let (_, query) = note_figure("Duggan has scored 33 goals in 16 matches for England.");
        assert_eq!(query.companions, vec![16.0]);
        assert!(shares_companion(&query, &s, at(&s, "11 goals")));
        // its own number is no companion: "16 games" has only 11 beside it
        assert!(!shares_companion(&query, &s, at(&s, "16 games")));
        assert!(!shares_companion(&query, &s, at(&s, "10 goals")));
        let (_, alone) = note_figure("Duggan has scored 33 goals for England.");
        assert!(alone.companions.is_empty());
        assert!(!shares_companion(&alone, &s, at(&s, "11 goals")));
    }

    #[test]
    fn the_companion_and_the_best_phrase_raise_a_figure_over_its_article_s_others() {
        // two candidates alike but for the companion
        let f: Features = [0.6, 0.3, 0.7, 0.5, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0];
        let rows = features_of(&[(f, true), (f, false)]);
        let p: Vec<f32> = rows.iter().map(|r| probability(r, &CHOICE_WEIGHTS, CHOICE_BIAS)).collect();
        assert!(p[0] > p[1], "{p:?}");
        // one that covers less of the note than the best does falls behind it
        let mut worse = f;
        worse[0] = 0.3;
        let rows = features_of(&[(f, false), (worse, false)]);
        assert!((rows[1][7] - 0.3).abs() < 1e-6 && rows[0][7] == 0.0, "{rows:?}");
    }

    #[test]
    fn a_contradiction_needs_one_clear_choice() {
        let s = source(ARTICLE);
        let (figure, _) = note_figure("Duggan has scored 33 goals in 16 matches for England.");
        let params = MatchParams::default();
        let evidence: Vec<Evidence> = ["11 goals", "10 goals", "52 goals"]
            .iter()
            .map(|q| Evidence { source: s.clone(), figure: at(&s, q), stance: Stance::Contradicts, similarity: 0.9 })
            .collect();
        let choices = |p: [f32; 3]| -> Vec<(&Source, usize, f32)> {
            evidence.iter().zip(p).map(|(e, p)| (s.as_ref(), e.figure, p)).collect()
        };
        assert!(one_measure(&evidence, &choices([0.9, 0.6, 0.55]), &figure, &params));
        // a rival stating another value within the margin of a choice under
        // `min_choice_of_values`: not sure of one measure
        assert!(!one_measure(&evidence, &choices([0.55, 0.5, 0.1]), &figure, &params));
        // a surer choice: whichever of the two the article means, it is not 33
        assert!(one_measure(&evidence, &choices([0.9, 0.8, 0.55]), &figure, &params));
        assert!(one_measure(&evidence, &choices([0.6, 0.45, 0.1]), &figure, &params));
        // the best choice itself unsure
        assert!(!one_measure(&evidence, &choices([0.45, 0.1, 0.1]), &figure, &params));
        // the article states the note's value too: the choice may be the wrong figure
        let also = source(&format!("{ARTICLE}She has 33 goals for the club this year.\n"));
        let evidence: Vec<Evidence> = evidence.iter().map(|e| Evidence { source: also.clone(), ..e.clone() }).collect();
        let choices: Vec<(&Source, usize, f32)> =
            evidence.iter().zip([0.9, 0.6, 0.55]).map(|(e, p)| (also.as_ref(), e.figure, p)).collect();
        assert!(!one_measure(&evidence, &choices, &figure, &params));
    }
}
