//! `sourcecheck check`: verdicts on every figure of each note, as
//! compiler-style text or the documented JSON.

use super::position::{display_path, span1, Span1};
use super::OutputFormat;
use crate::check::{check_note, NoteCheck};
use crate::text::{lines::LineIndex, Format};
use crate::verdict::{Stance, Verdict};
use crate::workspace::Workspace;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Serialize)]
struct NoteOut {
    path: String,
    figures: Vec<FigureOut>,
    citations: Vec<CitationOut>,
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

fn note_out(path: &Path, text: &str, check: &NoteCheck) -> NoteOut {
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
                            at: span1(&e.source.text, &e.source.lines, &sf.span),
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
    NoteOut { path: path.display().to_string(), figures, citations }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn run(format: OutputFormat, sources: &[PathBuf], notes: &[PathBuf]) -> i32 {
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (ws, report) = match Workspace::load(&root, sources) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("sourcecheck: {e}");
            return 2;
        }
    };
    for w in &report.warnings {
        eprintln!("sourcecheck: warning: {w}");
    }
    for p in &report.problems {
        eprintln!("sourcecheck: {p}");
    }
    if ws.corpus.is_empty() {
        let names: Vec<String> = ws.folders.iter().map(|f| f.display().to_string()).collect();
        eprintln!("sourcecheck: no source files (.txt, .md) found in {}; pass --sources DIR", names.join(", "));
        return 2;
    }
    let mut status = 0;
    let mut outs = Vec::new();
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    for path in notes {
        let Some(file) = super::read_input(path, &mut status) else { continue };
        let check = check_note(&file.text, Format::from_path(path), Some(path), &ws.corpus, &ws.settings);
        if check.count(Verdict::Contradicted) > 0 || check.citations.iter().any(|c| c.error.is_some()) {
            status = status.max(1);
        }
        match format {
            OutputFormat::Text => write_text(&mut w, path, &file.text, &check, &ws),
            OutputFormat::Json => outs.push(note_out(path, &file.text, &check)),
        }
    }
    if format == OutputFormat::Json {
        let doc = serde_json::json!({ "notes": outs });
        let _ = writeln!(w, "{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    }
    status
}

fn write_text(w: &mut impl Write, path: &Path, text: &str, check: &NoteCheck, ws: &Workspace) {
    let index = LineIndex::new(text);
    let p = path.display();
    for c in &check.citations {
        if let Some(err) = &c.error {
            let at = span1(text, &index, &c.range);
            let _ = writeln!(w, "{p}:{}:{}: error: {err}", at.line, at.column);
        }
    }
    for f in &check.figures {
        let j = &f.judgement;
        let at = span1(text, &index, &f.figure.span);
        let level = match j.verdict {
            Verdict::Contradicted => "warning",
            Verdict::Unsourced => "info",
            Verdict::Supported => "note",
        };
        let _ = writeln!(w, "{p}:{}:{}: {level}: {}", at.line, at.column, j.message);
        for e in j.evidence.iter().take(3) {
            let line = e.source.line_of(e.source_figure().figure.span.start);
            let stance = match e.stance {
                Stance::Supports => "supports",
                Stance::Contradicts => "contradicts",
            };
            let _ =
                writeln!(w, "    {}:{line}: {stance}: \"{}\"", display_path(&e.source.path), collapse(e.sentence()));
        }
        for n in &j.notes {
            let _ = writeln!(w, "    {n}");
        }
        if let Some(cw) = &f.citation_warning {
            let _ = writeln!(w, "{p}:{}:{}: warning: {cw}", at.line, at.column);
        }
    }
    let _ = writeln!(
        w,
        "{p}: {} figures: {} supported, {} contradicted, {} unsourced ({} sources)",
        check.figures.len(),
        check.count(Verdict::Supported),
        check.count(Verdict::Contradicted),
        check.count(Verdict::Unsourced),
        ws.corpus.len()
    );
}
