//! What the benchmark's tools (`examples/fit_matcher.rs`, `diagnose.rs`,
//! `explain.rs`) read of a note the way a check reads it: the sets to run,
//! and a figure with its subject and paragraph context.

use crate::corpus::Corpus;
use crate::figures::{Extraction, Figure};
use crate::subject::{self, Subject, TermId};
use crate::workspace::Settings;
use std::ops::Range;
use std::path::PathBuf;

/// The folders given, or every set under `../shared/devdata`.
pub fn set_dirs(args: impl IntoIterator<Item = String>) -> Vec<PathBuf> {
    let given: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    if !given.is_empty() {
        return given;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/devdata");
    ["xsum", "cnndm_test", "cnndm_writers", "multinews"].iter().map(|s| root.join(s)).collect()
}

/// The figure of `ex` overlapping `span`, if one was found there.
pub fn figure_at<'a>(ex: &'a Extraction, span: &Range<usize>) -> Option<&'a Figure> {
    ex.figures.iter().find(|f| f.span.start < span.end && span.start < f.span.end)
}

/// `fig`'s subject as `check` reads it from plain prose: its sentence's
/// words less the other figures, and its paragraph's terms some source of
/// `corpus` uses as context.
pub fn subject_of(ex: &Extraction, fig: &Figure, corpus: &Corpus, settings: &Settings) -> Subject {
    let others: Vec<_> = ex
        .figures
        .iter()
        .filter(|f| f.sentence == fig.sentence && f.span != fig.span)
        .map(|f| f.span.clone())
        .collect();
    let mut subj = subject::of_figure(&ex.masked, fig, &others, &settings.synonyms);
    let paragraph = crate::check::paragraph_of(&ex.masked, fig.sentence.clone());
    let mut context = subject::context_terms(&ex.masked, paragraph, &settings.synonyms);
    context.retain(|t| corpus.mentions(TermId::lookup(t)));
    context.sort_unstable();
    context.dedup();
    subj.context = context;
    subj.companions = subject::companions(fig, ex.figures.iter().filter(|f| f.sentence == fig.sentence));
    subj
}
