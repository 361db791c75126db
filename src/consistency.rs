//! Cross-note consistency: the same measure stated differently in two notes
//! ("about 900 a month" in one briefing, "1,500 a month" in another, of the
//! same subject and time) whatever the sources say. Which figures state the
//! same measure is the engine's question (`verdict::across_notes`); this
//! reads the notes' figures and asks it of the pairs that may.

use crate::check::NoteCheck;
use crate::corpus::Corpus;
use crate::figures;
use crate::ignore::Ignores;
use crate::subject;
use crate::text::Format;
use crate::verdict::across_notes::{same_measure, Stated};
use crate::verdict::MatchParams;
use crate::workspace::Settings;
use std::collections::HashMap;
use std::ops::Range;

/// Most figures of one kind and counted noun compared pairwise; a larger
/// group (a noun every note counts) is left alone.
pub const MAX_GROUP: usize = 2000;

/// A note's figures (those no ignore marker covers), each with its subject.
pub fn read(text: &str, format: Format, settings: &Settings) -> Vec<Stated> {
    let ex = figures::extract_with(text, format, &settings.conventions);
    let ignores = Ignores::find(text);
    let mut by_sentence: HashMap<(usize, usize), Vec<Range<usize>>> = HashMap::new();
    for f in &ex.figures {
        by_sentence.entry((f.sentence.start, f.sentence.end)).or_default().push(f.span.clone());
    }
    let masked = &ex.masked;
    ex.figures
        .iter()
        .filter(|f| !ignores.covers(text, &f.span))
        .map(|f| {
            let others: Vec<Range<usize>> = by_sentence
                .get(&(f.sentence.start, f.sentence.end))
                .map_or(Vec::new(), |s| s.iter().filter(|o| **o != f.span).cloned().collect());
            let subject = subject::of_figure(masked, f, &others, &settings.synonyms);
            Stated::new(f.clone(), &subject)
        })
        .collect()
}

/// A checked note's figures with their subjects: what `read` gives for its
/// text, taken from the check (`FigureCheck::subject`) instead of read again.
pub fn of_check(check: &NoteCheck) -> Vec<Stated> {
    check.figures.iter().map(|f| Stated::new(f.figure.clone(), &f.subject)).collect()
}

/// A figure that another note states otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// Its index among its note's figures (as `read` gives them).
    pub figure: usize,
    /// The other note, as an index into the notes compared, and its figure.
    pub other_note: usize,
    pub other_figure: usize,
}

/// The figures of `note` that one of `others` states differently, in order
/// of figure, then of the other note and figure (`other_note` indexes
/// `others`).
pub fn against(note: &[Stated], others: &[&[Stated]], corpus: &Corpus, params: &MatchParams) -> Vec<Disagreement> {
    let mut groups: HashMap<_, Vec<(usize, usize)>> = HashMap::new();
    for (n, figures) in others.iter().enumerate() {
        for (i, s) in figures.iter().enumerate() {
            groups.entry(s.group()).or_default().push((n, i));
        }
    }
    let mut out = Vec::new();
    for (i, s) in note.iter().enumerate() {
        let Some(members) = groups.get(&s.group()).filter(|m| m.len() <= MAX_GROUP) else { continue };
        for &(n, j) in members {
            if same_measure(s, &others[n][j], corpus, params) == Some(false) {
                out.push(Disagreement { figure: i, other_note: n, other_figure: j });
            }
        }
    }
    out
}

/// For each note, its figures that another note states differently, in
/// order of figure, then of the other note and figure.
pub fn disagreements(notes: &[Vec<Stated>], corpus: &Corpus, params: &MatchParams) -> Vec<Vec<Disagreement>> {
    let mut groups: HashMap<_, Vec<(usize, usize)>> = HashMap::new();
    for (n, figures) in notes.iter().enumerate() {
        for (i, s) in figures.iter().enumerate() {
            groups.entry(s.group()).or_default().push((n, i));
        }
    }
    let mut out: Vec<Vec<Disagreement>> = vec![Vec::new(); notes.len()];
    for members in groups.values().filter(|m| m.len() <= MAX_GROUP) {
        for (k, &(n, i)) in members.iter().enumerate() {
            for &(m, j) in &members[k + 1..] {
                if n == m || same_measure(&notes[n][i], &notes[m][j], corpus, params) != Some(false) {
                    continue;
                }
                out[n].push(Disagreement { figure: i, other_note: m, other_figure: j });
                out[m].push(Disagreement { figure: j, other_note: n, other_figure: i });
            }
        }
    }
    for d in &mut out {
        d.sort_by_key(|d| (d.figure, d.other_note, d.other_figure));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compare(a: &str, b: &str) -> Vec<Vec<Disagreement>> {
        let s = Settings::default();
        let notes = [read(a, Format::Markdown, &s), read(b, Format::Markdown, &s)];
        let all = disagreements(&notes, &Corpus::new(), &MatchParams::default());
        // one note against the other finds the same
        let one = against(&notes[0], &[&notes[1]], &Corpus::new(), &MatchParams::default());
        let as_pairs = |d: &[Disagreement]| d.iter().map(|d| (d.figure, d.other_figure)).collect::<Vec<_>>();
        assert_eq!(as_pairs(&one), as_pairs(&all[0]));
        all
    }

    const PACE: &str = "About 900 foreign fighters a month still join the group in Syria.\n";

    #[test]
    fn the_same_measure_stated_otherwise_is_a_disagreement_both_ways() {
        let d = compare(PACE, "# Elsewhere\n\nSome 1,500 foreign fighters a month still join the group in Syria.\n");
        let one = |other_note| vec![Disagreement { figure: 0, other_note, other_figure: 0 }];
        assert_eq!(d, [one(1), one(0)]);
        // no counted noun: the words around the figure say what it counts
        let d = compare(
            "In Syria the group recruits about 900 a month.\n",
            "In Syria the group now recruits 1,500 a month, officials said.\n",
        );
        assert_eq!(d, [one(1), one(0)]);
    }

    #[test]
    fn agreeing_figures_and_other_measures_are_left_alone() {
        let none = [Vec::new(), Vec::new()];
        // within a round number's tolerance
        assert_eq!(compare(PACE, "Around 1,000 foreign fighters a month still join the group in Syria.\n"), none);
        // another subject, counted by the same noun
        assert_eq!(compare(PACE, "Some 1,500 foreign fighters a month are killed in air strikes.\n"), none);
        // another place in the same role
        assert_eq!(compare(PACE, "Some 1,500 foreign fighters a month still join the group in Libya.\n"), none);
        // another time
        assert_eq!(compare(PACE, "In 2014, some 1,500 foreign fighters a month joined the group in Syria.\n"), none);
        // another period, scaled: 30,000 a year is 2,500 a month — but 10,800 a year is 900 a month
        assert_eq!(compare(PACE, "About 10,800 foreign fighters a year still join the group in Syria.\n"), none);
        // ignored by the writer
        let ignored =
            "Some 1,500 foreign fighters a month still join the group in Syria. <!-- sourcecheck-ignore -->\n";
        assert_eq!(compare(PACE, ignored), none);
    }

    #[test]
    fn a_rate_of_another_period_is_compared_scaled() {
        let d = compare(PACE, "About 30,000 foreign fighters a year still join the group in Syria.\n");
        assert_eq!(d[0], [Disagreement { figure: 0, other_note: 1, other_figure: 0 }]);
    }
}
