//! Verdicts as diagnostics: severity per verdict from the configuration,
//! a `code` per kind, relatedInformation pointing at each passage.

use super::convert::{path_to_uri, Doc};
use super::state::Analysis;
use crate::check::FigureCheck;
use crate::config::{Level, Severity};
use crate::verdict::{Evidence, Stance, Verdict};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

/// Passages listed under a diagnostic (hover and definition list them all).
const RELATED_PASSAGES: usize = 3;

fn severity(level: Level) -> Option<DiagnosticSeverity> {
    match level {
        Level::Error => Some(DiagnosticSeverity::ERROR),
        Level::Warning => Some(DiagnosticSeverity::WARNING),
        Level::Information => Some(DiagnosticSeverity::INFORMATION),
        Level::Hint => Some(DiagnosticSeverity::HINT),
        Level::Off => None,
    }
}

fn diagnostic(
    range: tower_lsp_server::ls_types::Range,
    sev: DiagnosticSeverity,
    code: &str,
    message: String,
) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(sev),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some("sourcecheck".to_string()),
        message,
        ..Default::default()
    }
}

type Uris<'a> = HashMap<&'a Path, Option<Uri>>;

/// The passages listed under a figure's diagnostic.
fn passages(f: &FigureCheck) -> impl Iterator<Item = &Evidence> {
    f.judgement.evidence.iter().chain(f.judgement.related.iter()).take(RELATED_PASSAGES)
}

/// The diagnostics of an analysed note. Figures are turned into
/// diagnostics in parallel: a long note has a thousand of them.
pub fn of_analysis(a: &Analysis, doc: &Doc, levels: &Severity, related: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in &a.check.citations {
        if let (Some(err), Some(sev)) = (&c.error, severity(levels.citation)) {
            out.push(diagnostic(doc.range(&c.range), sev, "unknown-citation", capitalise(err)));
        }
    }
    // one URI per source file, not one per passage
    let mut uris: Uris = HashMap::new();
    if related {
        for e in a.check.figures.iter().flat_map(passages) {
            uris.entry(e.source.path.as_path()).or_insert_with(|| path_to_uri(&e.source.path));
        }
    }
    let per_figure: Vec<Vec<Diagnostic>> =
        a.check.figures.par_iter().map(|f| of_figure(f, doc, levels, related.then_some(&uris))).collect();
    out.extend(per_figure.into_iter().flatten());
    out
}

/// A figure's verdict diagnostic (with its passages when `uris` is given)
/// and its citation warning.
fn of_figure(f: &FigureCheck, doc: &Doc, levels: &Severity, uris: Option<&Uris>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let j = &f.judgement;
    let level = match j.verdict {
        Verdict::Supported => levels.supported,
        Verdict::Contradicted => levels.contradicted,
        Verdict::Unsourced => levels.unsourced,
    };
    if let Some(sev) = severity(level) {
        let mut message = j.message.clone();
        for n in &j.notes {
            message.push('\n');
            message.push_str(n);
        }
        let mut d = diagnostic(doc.range(&f.figure.span), sev, j.verdict.name(), message);
        if let Some(uris) = uris {
            d.related_information = Some(passages(f).filter_map(|e| related_passage(e, doc, uris)).collect());
        }
        out.push(d);
    }
    if let (Some(w), Some(sev)) = (&f.citation_warning, severity(levels.contradicted)) {
        out.push(diagnostic(doc.range(&f.figure.span), sev, "citation-mismatch", capitalise(w)));
    }
    out
}

fn related_passage(e: &Evidence, doc: &Doc, uris: &Uris) -> Option<DiagnosticRelatedInformation> {
    let src = &e.source;
    let sdoc = Doc { text: &src.text, lines: &src.lines, encoding: doc.encoding };
    let stance = match e.stance {
        Stance::Supports => "supports",
        Stance::Contradicts => "contradicts",
    };
    Some(DiagnosticRelatedInformation {
        location: Location {
            uri: uris.get(src.path.as_path())?.clone()?,
            range: sdoc.range(&e.source_figure().figure.span),
        },
        message: format!("{} {stance}: {}", short(&src.id), e.excerpt()),
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The id as messages show it: "004" for "004_373bdf90062bec4d".
fn short(id: &str) -> &str {
    id.split_once('_').map(|(a, _)| a).filter(|a| a.len() >= 3).unwrap_or(id)
}
