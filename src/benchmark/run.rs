//! Running the engine on a set's cases and scoring what it says: verdict
//! accuracy per label and part, contradicted precision, whether the first
//! evidence is the case's own article, figure recall, and the misses.

use super::cases::{Case, Label, Part, Set};
use crate::check::{check_note, FigureCheck, NoteCheck};
use crate::corpus::Corpus;
use crate::text::Format;
use crate::verdict::Verdict;
use crate::workspace::Settings;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// What the engine said on one case.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub case: usize,
    /// `None`: no figure was found at the case's number.
    pub got: Option<Verdict>,
    /// The first evidence comes from the case's own article.
    pub own_first: bool,
    /// The engine's message, for misses.
    pub message: String,
}

/// Scores of one part of a set.
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// (label, got) → count; got is a verdict name or "none".
    pub matrix: BTreeMap<(Label, &'static str), usize>,
    /// Right verdicts on supported/contradicted cases, and how many of those had the own article first.
    pub evidence: (usize, usize),
}

impl Score {
    pub fn cases(&self, l: Label) -> usize {
        self.matrix.iter().filter(|((a, _), _)| *a == l).map(|(_, n)| n).sum()
    }
    pub fn right(&self, l: Label) -> usize {
        self.matrix.get(&(l, l.name())).copied().unwrap_or(0)
    }
    pub fn total(&self) -> usize {
        Label::ALL.iter().map(|l| self.cases(*l)).sum()
    }
    /// Right verdicts over all cases (a number with no figure is wrong).
    pub fn accuracy(&self) -> f64 {
        ratio(Label::ALL.iter().map(|l| self.right(*l)).sum(), self.total())
    }
    /// Right verdicts over the cases whose number was found as a figure.
    pub fn accuracy_found(&self) -> f64 {
        let none: usize = self.matrix.iter().filter(|((_, g), _)| *g == "none").map(|(_, n)| n).sum();
        ratio(Label::ALL.iter().map(|l| self.right(*l)).sum(), self.total() - none)
    }
    /// Of the cases said to be contradicted, the share that are.
    pub fn contradicted_precision(&self) -> f64 {
        let said: usize = self.matrix.iter().filter(|((_, g), _)| *g == "contradicted").map(|(_, n)| n).sum();
        ratio(self.right(Label::Contradicted), said)
    }
    pub fn evidence_accuracy(&self) -> f64 {
        ratio(self.evidence.1, self.evidence.0)
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The figure of `check` at `span`, if one was found there.
fn figure_at<'a>(check: &'a NoteCheck, span: &Range<usize>) -> Option<&'a FigureCheck> {
    check.figures.iter().find(|f| f.figure.span.start < span.end && span.start < f.figure.span.end)
}

fn outcome(set: &Set, i: usize, case: &Case, check: &NoteCheck) -> Outcome {
    let f = figure_at(check, &case.span);
    let own = &set.pairs[case.pair].articles;
    Outcome {
        case: i,
        got: f.map(|f| f.judgement.verdict),
        own_first: f.and_then(|f| f.judgement.evidence.first()).is_some_and(|e| own.contains(&e.source.path)),
        message: f.map_or_else(|| "no figure found".to_string(), |f| f.judgement.message.clone()),
    }
}

/// Runs every case whose index `keep` accepts against `corpus` (the set's
/// articles); unsourced cases are checked with their own articles taken out
/// and put back.
pub fn run(set: &Set, corpus: &mut Corpus, settings: &Settings, keep: impl Fn(&Case) -> bool) -> Vec<Outcome> {
    let mut out = Vec::new();
    // one check per distinct note text with the full corpus
    let mut checks: HashMap<&str, NoteCheck> = HashMap::new();
    for (i, case) in set.cases.iter().enumerate().filter(|(_, c)| keep(c) && c.label != Label::Unsourced) {
        let check = checks
            .entry(case.note.as_str())
            .or_insert_with(|| check_note(&case.note, Format::Plain, None, corpus, settings));
        out.push(outcome(set, i, case, check));
    }
    let mut by_pair: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, case) in set.cases.iter().enumerate().filter(|(_, c)| keep(c) && c.label == Label::Unsourced) {
        by_pair.entry(case.pair).or_default().push(i);
    }
    for (pair, cases) in by_pair {
        let own = &set.pairs[pair].articles;
        let taken: Vec<_> = own.iter().filter_map(|p| corpus.by_path(p).map(|s| (**s).clone())).collect();
        for p in own {
            corpus.remove(p);
        }
        let check = check_note(&set.pairs[pair].summary, Format::Plain, None, corpus, settings);
        for i in cases {
            out.push(outcome(set, i, &set.cases[i], &check));
        }
        for s in taken {
            corpus.upsert(s);
        }
    }
    out.sort_by_key(|o| o.case);
    out
}

/// The scores of `outcomes`, by part.
pub fn score(set: &Set, outcomes: &[Outcome]) -> BTreeMap<Part, Score> {
    let mut by_part: BTreeMap<Part, Score> = BTreeMap::new();
    for o in outcomes {
        let case = &set.cases[o.case];
        let s = by_part.entry(case.part).or_default();
        let got = o.got.map_or("none", Verdict::name);
        *s.matrix.entry((case.label, got)).or_default() += 1;
        if case.label != Label::Unsourced && got == case.label.name() {
            s.evidence.0 += 1;
            s.evidence.1 += usize::from(o.own_first);
        }
    }
    by_part
}

/// Figure recall: of the numbers the summaries state, how many the
/// extractor finds as figures (checked on the summaries as written).
pub fn figure_recall(set: &Set, settings: &Settings, part: Part) -> (usize, usize) {
    let (mut found, mut all) = (0, 0);
    for p in &set.pairs {
        if p.mentions.is_empty() || super::cases::part_of(&p.id) != part {
            continue;
        }
        let ex = crate::figures::extract_with(&p.summary, Format::Plain, &settings.conventions);
        for m in &p.mentions {
            all += 1;
            found += usize::from(ex.figures.iter().any(|f| f.span.start < m.span.end && m.span.start < f.span.end));
        }
    }
    (found, all)
}
