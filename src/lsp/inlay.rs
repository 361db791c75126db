//! Inlay hints after each figure — `✓ 004`, `✗ 004`, `?` — when the
//! `inlayHints` setting is on (it is off by default).

use super::convert::Doc;
use super::state::Analysis;
use crate::corpus::Corpus;
use crate::verdict::{Stance, Verdict};
use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintTooltip};

/// The hint text for a figure's verdict: the mark and the best source.
pub fn label(verdict: Verdict, source: Option<&str>) -> String {
    let mark = match verdict {
        Verdict::Supported => "✓",
        Verdict::Contradicted => "✗",
        Verdict::Unsourced => return "?".to_string(),
    };
    match source {
        Some(id) => format!("{mark} {id}"),
        None => mark.to_string(),
    }
}

/// Hints for the figures that end inside `range` (byte offsets).
pub fn hints(a: &Analysis, doc: &Doc, range: std::ops::Range<usize>, corpus: &Corpus) -> Vec<InlayHint> {
    a.check
        .figures
        .iter()
        .filter(|f| range.start <= f.figure.span.end && f.figure.span.end <= range.end)
        .map(|f| {
            let j = &f.judgement;
            let want = if j.verdict == Verdict::Contradicted { Stance::Contradicts } else { Stance::Supports };
            let source = j.evidence.iter().find(|e| e.stance == want).map(|e| corpus.short_id(&e.source.id));
            InlayHint {
                position: doc.position(f.figure.span.end),
                label: InlayHintLabel::String(label(j.verdict, source.as_deref())),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(j.message.clone())),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            }
        })
        .collect()
}
