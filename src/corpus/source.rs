//! One source article: its id, title, date, indexed figures and the
//! excerpts of its text they stand in.

use super::dating;
use super::excerpts::Excerpts;
use super::figure::CompactFigure;
use super::formats::{Document, Place, Places, SourceFormat};
use crate::figures::{self, conventions::Conventions, DateSpec, Figure};
use crate::subject::{self, SourceSubject, Synonyms};
use crate::text::lines::{ColumnUnit, LineCol};
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
    /// What of the text is kept: its figures' sentences and the first line's
    /// ends (the rest is dropped once indexed).
    pub excerpts: Excerpts,
    /// Where the first line ends (its position is kept in `excerpts`).
    pub first_line_end: u32,
    pub figures: Vec<SourceFigure>,
    /// Every term of its text, sorted by index and once each
    /// (`subject::document_terms`): what the whole article speaks of.
    pub terms: Box<[subject::TermId]>,
    /// A warning from reading the file (invalid UTF-8), if any.
    pub warning: Option<String>,
    /// The format it was read in.
    pub format: SourceFormat,
    /// Its pages or paragraphs (PDF, Word), where positions are not lines.
    pub places: Places,
}

impl Source {
    /// Reads a source from its text (the format its path names, text if none).
    pub fn from_text(path: &Path, text: String, synonyms: &Synonyms, conv: &Conventions) -> Source {
        let format = SourceFormat::of_path(path).filter(|f| !f.is_binary()).unwrap_or(SourceFormat::Text);
        let doc = Document { text, ..Document::default() };
        Source::from_document(path, format, doc, synonyms, conv)
    }

    /// Reads a source from the document its file's reader made: figures
    /// are found in its text; positions are the file's.
    pub fn from_document(
        path: &Path,
        format: SourceFormat,
        doc: Document,
        synonyms: &Synonyms,
        conv: &Conventions,
    ) -> Source {
        let text = doc.text;
        let ex = figures::extract_with(&text, format.text_format(), conv);
        let date = doc.date.or_else(|| dating::date_of(&text, &ex));
        let terms = subject::document_terms(&ex.masked, synonyms).into_boxed_slice();
        let figures = subjects_of(&ex.masked, ex.figures, synonyms);
        let first_line_end = text.find('\n').unwrap_or(text.len()).min(u32::MAX as usize);
        let kept = figures.iter().flat_map(|f| [f.figure.sentence(), f.figure.span()]);
        let kept = kept.chain([0..0, first_line_end..first_line_end]);
        let excerpts = match &doc.file {
            Some(file) => Excerpts::keep_mapped(&text, file, &doc.anchors, kept),
            None => Excerpts::keep(&text, kept),
        };
        Source {
            id: path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            path: path.to_path_buf(),
            title: doc.title.unwrap_or_else(|| title_of(&text)),
            date,
            excerpts,
            first_line_end: first_line_end as u32,
            figures,
            terms,
            warning: doc.warning,
            format,
            places: doc.places,
        }
    }

    /// The text of `r` if it lies in a kept excerpt (a figure's sentence).
    pub fn text_of(&self, r: Range<usize>) -> Option<&str> {
        self.excerpts.get(r)
    }

    /// The sentence of figure `i`, with its offset in the source.
    pub fn sentence_of(&self, i: usize) -> Option<(&str, usize)> {
        let s = self.figures.get(i)?.figure.sentence();
        Some((self.excerpts.get(s.clone())?, s.start))
    }

    /// Figure `i` as written: "less than 1,000" (empty if not kept).
    pub fn quote(&self, i: usize) -> String {
        let span = self.figures.get(i).map(|f| f.figure.span()).unwrap_or_default();
        self.text_of(span).map(crate::report::collapse).unwrap_or_default()
    }

    /// Figure `i`'s own words and the rest of its clause (`report::excerpt`).
    pub fn excerpt(&self, i: usize) -> String {
        let Some(((sentence, base), f)) = self.sentence_of(i).zip(self.figures.get(i)) else { return String::new() };
        let shift = |r: &Range<usize>| r.start - base..r.end - base;
        crate::report::excerpt(sentence, shift(&f.figure.span()), shift(&f.figure.sentence()))
    }

    /// Line and column (0-based) of an offset in a kept excerpt.
    /// In a PDF or Word file, whose positions are pages or paragraphs
    /// (`place`), every kept offset is at the file's start.
    pub fn line_col(&self, offset: usize, unit: ColumnUnit) -> Option<LineCol> {
        if self.format.is_binary() {
            return self.excerpts.get(offset..offset).map(|_| LineCol { line: 0, col: 0 });
        }
        self.excerpts.line_col(offset, unit)
    }

    /// Where an offset in a kept excerpt is, as a quote cites it: its line,
    /// or its page (PDF) or paragraph (Word).
    pub fn place(&self, offset: usize) -> Option<Place> {
        self.excerpts.get(offset..offset)?;
        self.places.at(offset).or_else(|| self.line_of(offset).map(Place::Line))
    }

    /// The 1-based line of an offset in a kept excerpt.
    pub fn line_of(&self, offset: usize) -> Option<usize> {
        Some(self.line_col(offset, ColumnUnit::Utf8)?.line as usize + 1)
    }

    /// The page or paragraph of an offset, for a PDF or Word source: "p. 2".
    pub fn page_or_paragraph(&self, offset: usize) -> Option<String> {
        self.place(offset).filter(|p| !matches!(p, Place::Line(_))).map(|p| p.to_string())
    }

    /// How a quote names where it is, after the file's name: ":12" (a
    /// line), ", p. 2", ", para. 4".
    pub fn place_suffix(&self, offset: usize) -> String {
        match self.place(offset) {
            Some(Place::Line(n)) => format!(":{n}"),
            Some(p) => format!(", {p}"),
            None => ":1".to_string(),
        }
    }

    /// The first line's range (where a citation of the source points).
    pub fn first_line(&self) -> Range<usize> {
        0..self.first_line_end as usize
    }
}

/// Pairs each figure with its subject, read from `masked` (the prose of the
/// text, `Extraction::masked`); words of the sentence's other figures are
/// left out of each subject.
pub fn subjects_of(masked: &str, figs: Vec<Figure>, synonyms: &Synonyms) -> Vec<SourceFigure> {
    let mut by_sentence: std::collections::HashMap<(usize, usize), Vec<Range<usize>>> = Default::default();
    for f in &figs {
        by_sentence.entry((f.sentence.start, f.sentence.end)).or_default().push(f.span.clone());
    }
    // a sentence is read once for all its figures (they come one after another)
    let cells = subject::Cells::default();
    let mut reading: Option<((usize, usize), subject::SentenceSubjects)> = None;
    // a fresh vector: collected from `figs` it would reuse their larger buffer
    let mut out = Vec::with_capacity(figs.len());
    for figure in figs {
        let key = (figure.sentence.start, figure.sentence.end);
        let sentence = match &reading {
            Some((k, s)) if *k == key => s,
            _ => {
                let spans = by_sentence.get(&key).map_or(&[][..], Vec::as_slice);
                let s = subject::SentenceSubjects::new(masked, figure.sentence.clone(), spans, synonyms, &cells);
                &reading.insert((key, s)).1
            }
        };
        // the others: every span of the sentence but this figure's own entry
        let subject = SourceSubject::intern(&sentence.of(&figure, 1));
        out.push(SourceFigure { figure: figure.into(), subject });
    }
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
    fn only_the_figures_sentences_and_the_first_line_end_are_kept() {
        let text =
            "Harbour news\nThe weather was fine all week. The port counted 412 cargo ships in March. Nothing else.\n";
        let s = Source::from_text(Path::new("h.txt"), text.to_string(), &Synonyms::default(), &Default::default());
        let at = |needle: &str| text.find(needle).unwrap();
        let sentence = at("The port")..at(" Nothing");
        assert_eq!(s.text_of(sentence.clone()), Some("The port counted 412 cargo ships in March."));
        assert_eq!(s.excerpt(0), "412 cargo ships in March");
        assert_eq!(s.quote(0), "412 cargo ships");
        assert_eq!(s.text_of(at("The weather")..at(" The port")), None);
        assert_eq!(s.first_line(), 0..12);
        assert_eq!(s.line_col(12, ColumnUnit::Utf16), Some(LineCol { line: 0, col: 12 }));
        assert_eq!(s.line_of(sentence.start), Some(2));
        // the sentence, and three pieces: the text's start, the first line's end, the sentence
        assert_eq!(s.excerpts.heap_bytes(), sentence.len() + 3 * 28);
    }

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
