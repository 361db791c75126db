//! Verdicts as diagnostics: severity per verdict from the configuration,
//! a `code` per kind, relatedInformation pointing at each passage.

use super::convert::{path_to_uri, Doc};
use super::state::Analysis;
use crate::config::{Level, Severity};
use crate::verdict::{Stance, Verdict};
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
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

/// The diagnostics of an analysed note.
pub fn of_analysis(a: &Analysis, doc: &Doc, levels: &Severity, related: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // one URI per source file, not one per passage
    let mut uris: std::collections::HashMap<&std::path::Path, Option<tower_lsp_server::ls_types::Uri>> =
        std::collections::HashMap::new();
    for c in &a.check.citations {
        if let (Some(err), Some(sev)) = (&c.error, severity(levels.citation)) {
            out.push(diagnostic(doc.range(&c.range), sev, "unknown-citation", capitalise(err)));
        }
    }
    for f in &a.check.figures {
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
            if related {
                d.related_information = Some(
                    j.evidence
                        .iter()
                        .chain(j.related.iter())
                        .take(RELATED_PASSAGES)
                        .filter_map(|e| {
                            let src = &e.source;
                            let sdoc = Doc { text: &src.text, lines: &src.lines, encoding: doc.encoding };
                            let stance = match e.stance {
                                Stance::Supports => "supports",
                                Stance::Contradicts => "contradicts",
                            };
                            Some(DiagnosticRelatedInformation {
                                location: Location {
                                    uri: uris
                                        .entry(src.path.as_path())
                                        .or_insert_with(|| path_to_uri(&src.path))
                                        .clone()?,
                                    range: sdoc.range(&e.source_figure().figure.span),
                                },
                                message: format!("{} {stance}: {}", short(&src.id), e.excerpt()),
                            })
                        })
                        .collect(),
                );
            }
            out.push(d);
        }
        if let (Some(w), Some(sev)) = (&f.citation_warning, severity(levels.contradicted)) {
            out.push(diagnostic(doc.range(&f.figure.span), sev, "citation-mismatch", capitalise(w)));
        }
    }
    out
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
