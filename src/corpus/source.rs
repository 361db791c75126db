//! One source article: its id, title, date, text and indexed figures.

use super::dating;
use super::figure::CompactFigure;
use crate::figures::{self, conventions::Conventions, DateSpec, Figure};
use crate::subject::{self, SourceSubject, Synonyms};
use crate::text::{lines::LineIndex, Format};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A figure of a source, as kept after indexing, with the subject it is about.
#[derive(Clone, Debug)]
pub struct SourceFigure {
    pub figure: CompactFigure,
    pub subject: SourceSubject,
}

#[derive(Clone, Debug)]
pub struct Source {
    /// The file stem: `004_373bdf90062bec4d`.
    pub id: String,
    pub path: PathBuf,
    /// The first non-empty line that is not a URL.
    pub title: String,
    pub date: Option<DateSpec>,
    pub text: String,
    pub lines: LineIndex,
    pub figures: Vec<SourceFigure>,
    /// A warning from reading the file (invalid UTF-8), if any.
    pub warning: Option<String>,
}

impl Source {
    /// Reads a source from its text.
    pub fn from_text(path: &Path, text: String, synonyms: &Synonyms, conv: &Conventions) -> Source {
        let format = Format::from_path(path);
        let ex = figures::extract_with(&text, format, conv);
        let date = dating::date_of(&text, &ex);
        let figures = subjects_of(&ex.masked, ex.figures, synonyms);
        Source {
            id: path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            path: path.to_path_buf(),
            title: title_of(&text),
            date,
            lines: LineIndex::new(&text),
            text,
            figures,
            warning: None,
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line_of(offset) + 1
    }
}

/// Pairs each figure with its subject, read from `masked` (the prose of the
/// text, `Extraction::masked`); words of the sentence's other figures are
/// left out of each subject.
pub fn subjects_of(masked: &str, figs: Vec<Figure>, synonyms: &Synonyms) -> Vec<SourceFigure> {
    let spans: Vec<(Range<usize>, Range<usize>)> = figs.iter().map(|f| (f.sentence.clone(), f.span.clone())).collect();
    // a fresh vector: collected from `figs` it would reuse their larger buffer
    let mut out = Vec::with_capacity(figs.len());
    out.extend(figs.into_iter().enumerate().map(|(i, figure)| {
        let others: Vec<Range<usize>> = spans
            .iter()
            .enumerate()
            .filter(|(j, (s, _))| *j != i && *s == figure.sentence)
            .map(|(_, (_, sp))| sp.clone())
            .collect();
        let subject = SourceSubject::intern(&subject::of_figure(masked, &figure, &others, synonyms));
        SourceFigure { figure: figure.into(), subject }
    }));
    out
}

fn title_of(text: &str) -> String {
    text.lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty() && !l.starts_with("http://") && !l.starts_with("https://") && !l.starts_with("---"))
        .unwrap_or("")
        .chars()
        .take(200)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markdown_sources_subjects_are_read_from_its_prose() {
        let text =
            "# Harbour\n\nThe port's [harbour report](http://example.org/fishing-boats \"Whaling fleet\") counted \
                    412 cargo ships [@trawlers-2016].\n";
        let s = Source::from_text(Path::new("harbour.md"), text.to_string(), &Synonyms::default(), &Default::default());
        let terms: Vec<&str> = s.figures[0].subject.terms().iter().filter_map(|t| t.id().text()).collect();
        assert_eq!(terms, ["cargo", "count", "harbour", "port", "ship"]);
    }

    #[test]
    fn a_source_figure_takes_at_most_112_bytes() {
        assert!(std::mem::size_of::<SourceFigure>() <= 112, "{} bytes", std::mem::size_of::<SourceFigure>());
    }
}
