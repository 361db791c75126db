//! The last reading of "the same measure": where neither the coverage
//! reading nor the model finds a source figure for a note figure, the
//! article that speaks most of the note's paragraph may still state its
//! exact value, in other words ("two human-like creatures" against "the two
//! individuals were quite possibly mother and son"). That is support when
//! the value is too rare to be there by chance: the chance that one of the
//! article's figures that could be compared states it, were the note not
//! restating this article, is small.
//!
//! The chance a figure states a given value, by the value's shape, was
//! measured over the figures of the 3,954 articles of `../shared/devdata`
//! (digits; each value weighed by how often it occurs): a whole number up to
//! 12, 2.6%; one significant digit (20, 300, 5 million), 1.3%; two (77,
//! £21m), 0.74%; three or more (603, 1,350), 0.016%. Number words make
//! small numbers commoner still, so they are counted at 5%.

use super::compare::{comparable_as_stated, same_time};
use super::features::{numbers_within, DocumentScores, BEST_DOCUMENT};
use super::{Evidence, Stance};
use crate::corpus::{Corpus, Source};
use crate::figures::{DateSpec, Figure, Measure};
use crate::subject::Query;
use std::sync::Arc;

/// The largest chance of a coincidence that still counts as support.
pub const MAX_CHANCE: f64 = 0.05;
/// The least share of the note's paragraph the article must speak of.
pub const MIN_DOCUMENT: f32 = 0.3;

/// The chance that one figure states `v` by coincidence.
fn chance_of(v: f64) -> f64 {
    let v = v.abs();
    if v.fract() == 0.0 && v <= 12.0 {
        return 0.05;
    }
    // the value to six significant digits, as a whole number, and its zeros cut
    let scale = 10f64.powi(5 - v.log10().floor() as i32);
    let mut mantissa = (v * scale).round() as u64;
    while mantissa > 0 && mantissa.is_multiple_of(10) {
        mantissa /= 10;
    }
    match mantissa.checked_ilog10().map_or(0, |d| d + 1) {
        0 | 1 => 0.013,
        2 => 0.0074,
        _ => 0.00016,
    }
}

/// The chance that one of an article's comparable figures, stating
/// `stated`, states `v` by coincidence. Each number is counted once: a figure
/// said again ("60-tonne rigs" in the lead and in the body) is no second
/// chance of a coincidence.
fn chance_among(v: f64, stated: &[&[f64]]) -> f64 {
    let mut distinct: Vec<&[f64]> = Vec::with_capacity(stated.len());
    for s in stated {
        if !distinct.contains(s) {
            distinct.push(s);
        }
    }
    1.0 - (1.0 - chance_of(v)).powi(i32::try_from(distinct.len()).unwrap_or(i32::MAX))
}

/// The one article of `ranked` (document scores, best first) that speaks
/// most of the note's paragraph, with its score: none where the best speaks
/// of it under `MIN_DOCUMENT`, or two different articles are as good (the
/// note's story is open). Copies of one article are one (`is_copy`).
pub(super) fn the_one_best(ranked: &[(f32, Arc<Source>)]) -> Option<&(f32, Arc<Source>)> {
    let best = ranked.iter().map(|r| r.0).fold(0.0f32, f32::max);
    if best < MIN_DOCUMENT {
        return None;
    }
    let mut top = ranked.iter().filter(|r| r.0 >= best * BEST_DOCUMENT);
    let first = top.next()?;
    top.all(|r| is_copy(&r.1, &first.1)).then_some(first)
}

/// Are two sources copies of one article (the same page saved twice, as
/// text and as HTML, or under two names): the same words and as many
/// figures? A second copy is no second story.
pub(super) fn is_copy(a: &Source, b: &Source) -> bool {
    a.figures.len() == b.figures.len() && a.terms == b.terms
}

/// The figure of the best article for the note's paragraph that states the
/// note figure's value, where that is unlikely to be a coincidence.
pub(super) fn support(
    figure: &Figure,
    query: &Query,
    note_date: Option<DateSpec>,
    corpus: &Corpus,
    docs: &mut DocumentScores,
) -> Option<Evidence> {
    let value = *figure.stated.first()?;
    let ranked = docs.sharing(corpus, query);
    let (_, source) = the_one_best(&ranked)?;
    let mut stated: Vec<&[f64]> = Vec::new();
    let mut stating = None;
    for (i, sf) in source.figures.iter().enumerate() {
        let Some(f) = comparable_as_stated(figure, &sf.figure) else { continue };
        if !same_time(figure, note_date, sf.figure.time(), source) || query.names_conflict(&sf.subject) {
            continue;
        }
        stated.push(sf.figure.stated());
        let iv = sf.figure.interval().scaled(f);
        let agrees = iv.agrees(&figure.interval);
        if stating.is_none() && agrees && numbers_within(figure, &sf.figure, 0.0) {
            stating = Some(i);
        }
    }
    let chance = chance_among(value, &stated);
    let i = stating.filter(|_| chance <= MAX_CHANCE)?;
    Some(Evidence { source: (*source).clone(), figure: i, stance: Stance::Supports, similarity: (1.0 - chance) as f32 })
}

#[cfg(test)]
mod tests {
    use super::{chance_among, chance_of, MAX_CHANCE};

    #[test]
    fn a_figure_the_article_says_again_is_no_second_chance_of_a_coincidence() {
        // "60-tonne" and "40-tonne", each said twice: two chances, not four
        let twice: [&[f64]; 4] = [&[60.0], &[40.0], &[60.0], &[40.0]];
        let once: [&[f64]; 2] = [&[60.0], &[40.0]];
        assert_eq!(chance_among(40.0, &twice), chance_among(40.0, &once));
        assert!(chance_among(40.0, &twice) <= MAX_CHANCE, "{}", chance_among(40.0, &twice));
        // four numbers are four chances: over the line
        let four: [&[f64]; 4] = [&[60.0], &[40.0], &[50.0], &[30.0]];
        assert!(chance_among(40.0, &four) > MAX_CHANCE);
    }

    #[test]
    fn rarer_shapes_of_value_are_less_likely_by_chance() {
        assert_eq!(chance_of(2.0), 0.05);
        assert_eq!(chance_of(300.0), 0.013);
        assert_eq!(chance_of(5_000_000.0), 0.013);
        assert_eq!(chance_of(77.0), 0.0074);
        assert_eq!(chance_of(21e6), 0.0074);
        assert_eq!(chance_of(603.0), 0.00016);
        assert_eq!(chance_of(1350.0), 0.00016);
        assert_eq!(chance_of(2.5), 0.0074);
    }
}
