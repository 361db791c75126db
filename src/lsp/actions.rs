//! Code actions: the core's fixes for the figures in the requested range,
//! as WorkspaceEdits on the note, each tied to the diagnostics it answers.

use super::convert::Doc;
use super::state::Analysis;
use crate::corpus::Corpus;
use crate::fixes::{fixes_for, FixKind};
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, NumberOrString, TextEdit, Uri, WorkspaceEdit,
};

/// The actions for every figure overlapping `range` (byte offsets).
pub fn actions(
    a: &Analysis,
    doc: &Doc,
    uri: &Uri,
    range: std::ops::Range<usize>,
    context: &[Diagnostic],
    corpus: &Corpus,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    for f in &a.check.figures {
        let span = &f.figure.span;
        if span.end < range.start || span.start > range.end {
            continue;
        }
        let lsp_span = doc.range(span);
        let answers: Vec<Diagnostic> = context
            .iter()
            .filter(|d| d.range == lsp_span && d.source.as_deref() == Some("sourcecheck"))
            .filter(|d| matches!(&d.code, Some(NumberOrString::String(c)) if c == f.judgement.verdict.name() || c == "citation-mismatch"))
            .cloned()
            .collect();
        for fix in fixes_for(&a.text, &a.check, f, corpus) {
            let edits: Vec<TextEdit> =
                fix.edits.iter().map(|e| TextEdit { range: doc.range(&e.range), new_text: e.text.clone() }).collect();
            let quick = fix.kind == FixKind::QuickFix;
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: (quick && !answers.is_empty()).then(|| answers.clone()),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..Default::default()
                }),
                is_preferred: quick.then_some(fix.preferred),
                ..Default::default()
            }));
        }
    }
    out
}
