//! `check --format json`: the documented JSON contract, one object per
//! note with every figure (whatever its configured severity) and citation.

use super::position::{display_path, source_span1, span1, Span1};
use crate::check::NoteCheck;
use crate::report::collapse;
use crate::text::lines::LineIndex;
use crate::verdict::{Stance, Verdict};
use serde::Serialize;
use std::ops::Range;
use std::path::Path;

#[derive(Serialize)]
pub struct NoteOut {
    path: String,
    figures: Vec<FigureOut>,
    citations: Vec<CitationOut>,
    /// Figures another of the notes states otherwise.
    inconsistent: Vec<InconsistentOut>,
}

#[derive(Serialize)]
struct InconsistentOut {
    text: String,
    #[serde(flatten)]
    at: Span1,
    message: String,
}

#[derive(Serialize)]
struct FigureOut {
    text: String,
    #[serde(flatten)]
    at: Span1,
    verdict: Verdict,
    message: String,
    /// Disagreements between sources, newer figures, citation warnings.
    notes: Vec<String>,
    evidence: Vec<EvidenceOut>,
}

#[derive(Serialize)]
struct EvidenceOut {
    source: String,
    #[serde(flatten)]
    at: Span1,
    /// In a PDF or Word source, the page or paragraph ("p. 2", "para. 4");
    /// `line` and `column` are then 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<String>,
    text: String,
    stance: Stance,
}

#[derive(Serialize)]
struct CitationOut {
    id: String,
    #[serde(flatten)]
    at: Span1,
    source: Option<String>,
}

/// The note's object; `inconsistent`: the spans of its figures another note
/// states otherwise, each with its message.
pub fn note_out(path: &Path, text: &str, check: &NoteCheck, inconsistent: &[(Range<usize>, String)]) -> NoteOut {
    let index = LineIndex::new(text);
    let figures = check
        .figures
        .iter()
        .map(|f| {
            let j = &f.judgement;
            let mut notes = j.notes.clone();
            notes.extend(f.citation_warning.clone());
            FigureOut {
                text: text[f.figure.span.clone()].to_string(),
                at: span1(text, &index, &f.figure.span),
                verdict: j.verdict,
                message: j.message.clone(),
                notes,
                evidence: j
                    .evidence
                    .iter()
                    .map(|e| {
                        let sf = &e.source_figure().figure;
                        EvidenceOut {
                            source: display_path(&e.source.path),
                            at: source_span1(&e.source, &sf.span()),
                            place: e.source.page_or_paragraph(sf.span().start),
                            text: collapse(e.sentence()),
                            stance: e.stance,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let citations = check
        .citations
        .iter()
        .map(|c| CitationOut {
            id: c.id.clone(),
            at: span1(text, &index, &c.range),
            source: c.source.as_ref().map(|s| display_path(&s.path)),
        })
        .collect();
    let inconsistent = inconsistent
        .iter()
        .map(|(range, message)| InconsistentOut {
            text: text[range.clone()].to_string(),
            at: span1(text, &index, range),
            message: message.clone(),
        })
        .collect();
    NoteOut { path: path.display().to_string(), figures, citations, inconsistent }
}
