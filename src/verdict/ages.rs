//! A reading of "the same measure" for ages. An age belongs to a person, not
//! to the words around it: "The 87-year-old has thanked Saints fans" and
//! "the 29-year-old striker scored twice" speak of one man's age in
//! sentences that share no word, so neither the coverage reading nor the
//! model finds the one for the other. Where both found nothing, the article
//! that speaks most of the note's paragraph is asked for the ages it gives:
//! if it gives one person's age only (every age of it, of the same time and
//! naming no other entity in the note clause's role, states one value), that
//! is the age the note speaks of — support when the two agree, else a
//! contradiction. An article that gives ages of several values leaves open
//! whose age the note states, and says nothing.

use super::compare::{comparable_as_stated, same_time};
use super::features::{same_number, DocumentScores};
use super::stated_value::{is_copy, the_one_best};
use super::{Evidence, Stance};
use crate::corpus::{Corpus, Source};
use crate::figures::{DateSpec, Figure, Interval, Kind, Measure};
use crate::subject::Query;

/// How much less than the best article every other must speak of the note's
/// paragraph for the best one's age to contradict the note (the share
/// `MatchParams::min_contradicting_document` sets for other disagreements).
const CONTRADICTING_SHARE: f32 = 0.8;

/// The one age the best article for the note's paragraph gives, as
/// evidence for or against the note's `figure` (an age).
pub(super) fn one_persons_age(
    figure: &Figure,
    query: &Query,
    note_date: Option<DateSpec>,
    corpus: &Corpus,
    docs: &mut DocumentScores,
) -> Option<Evidence> {
    if figure.kind != Kind::Age {
        return None;
    }
    let ranked = docs.sharing(corpus, query);
    let (score, source) = the_one_best(&ranked)?;
    let (first, value) = the_one_age(figure, query, note_date, source)?;
    let stance = if value.agrees(&figure.interval) { Stance::Supports } else { Stance::Contradicts };
    if stance == Stance::Contradicts && (states_value(figure, source) || !clearly_best(&ranked, source, *score)) {
        return None;
    }
    Some(Evidence { source: (*source).clone(), figure: first, stance, similarity: *score })
}

/// The first of `source`'s ages comparable with `figure`, and their one
/// value (in the note figure's unit), if they all state the same.
fn the_one_age(
    figure: &Figure,
    query: &Query,
    note_date: Option<DateSpec>,
    source: &Source,
) -> Option<(usize, Interval)> {
    let mut found: Option<(usize, Interval)> = None;
    for (i, sf) in source.figures.iter().enumerate() {
        if sf.figure.kind() != Kind::Age {
            continue;
        }
        let Some(f) = comparable_as_stated(figure, &sf.figure) else { continue };
        if !same_time(figure, note_date, sf.figure.time(), source) || query.names_conflict(&sf.subject) {
            continue;
        }
        let iv = sf.figure.interval().scaled(f);
        match &found {
            None => found = Some((i, iv)),
            Some((_, v)) if *v == iv => {}
            Some(_) => return None,
        }
    }
    found
}

/// Does `source` state the note figure's number in any figure, of any kind
/// ("ages 17 and 19 at the time" read as a count), or its value in one that
/// could be compared? Then the note may speak of that one.
fn states_value(figure: &Figure, source: &Source) -> bool {
    source.figures.iter().any(|sf| {
        same_number(figure, &sf.figure)
            || comparable_as_stated(figure, &sf.figure)
                .is_some_and(|f| sf.figure.interval().scaled(f).agrees(&figure.interval))
    })
}

/// Is the article of document score `best` the note's story beyond doubt:
/// does every other article speak of the paragraph less than
/// `CONTRADICTING_SHARE` as much? A story of the same shape (another teenager
/// before another court) would else lend its one age to the note.
fn clearly_best(ranked: &[(f32, std::sync::Arc<Source>)], source: &Source, best: f32) -> bool {
    !ranked.iter().any(|r| r.0 >= best * CONTRADICTING_SHARE && r.1.path != source.path && !is_copy(&r.1, source))
}
