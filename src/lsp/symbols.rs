//! Symbols: a note's figures grouped by verdict (document symbols), and
//! every source figure searchable by words (workspace symbols).

use super::convert::{path_to_uri, source_range, Doc, Encoding};
use super::state::Analysis;
use crate::corpus::Corpus;
use crate::report::collapse;
use crate::verdict::Verdict;
use tower_lsp_server::ls_types::{DocumentSymbol, Location, Range, SymbolInformation, SymbolKind};

/// Workspace symbols sent at most.
const MAX_WORKSPACE: usize = 100;

fn group_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Contradicted => "Contradicted",
        Verdict::Unsourced => "Unsourced",
        Verdict::Supported => "Supported",
    }
}

/// One group per verdict that has figures — contradicted, unsourced,
/// supported — each holding its figures in note order.
#[allow(deprecated)] // DocumentSymbol::deprecated must be spelled out
pub fn document(a: &Analysis, doc: &Doc) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for v in [Verdict::Contradicted, Verdict::Unsourced, Verdict::Supported] {
        let children: Vec<DocumentSymbol> = a
            .check
            .figures
            .iter()
            .filter(|f| f.judgement.verdict == v)
            .map(|f| {
                let sentence =
                    f.figure.sentence.start.min(f.figure.span.start)..f.figure.sentence.end.max(f.figure.span.end);
                DocumentSymbol {
                    name: collapse(&a.text[f.figure.span.clone()]),
                    detail: Some(f.judgement.message.clone()),
                    kind: SymbolKind::NUMBER,
                    tags: None,
                    deprecated: None,
                    range: doc.range(&sentence),
                    selection_range: doc.range(&f.figure.span),
                    children: None,
                }
            })
            .collect();
        let (Some(first), Some(last)) = (children.first(), children.last()) else { continue };
        // children are in note order: the group spans the first to the furthest end
        let end = children.iter().map(|c| c.range.end).max().unwrap_or(last.range.end);
        let range = Range { start: first.range.start, end };
        out.push(DocumentSymbol {
            name: format!("{} ({})", group_name(v), children.len()),
            detail: None,
            kind: SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range,
            selection_range: first.selection_range,
            children: Some(children),
        });
    }
    out
}

/// Source figures whose subject matches the words of `query`, best first.
#[allow(deprecated)] // SymbolInformation::deprecated must be spelled out
pub fn workspace(
    corpus: &Corpus,
    query: &str,
    synonyms: &crate::subject::Synonyms,
    encoding: Encoding,
) -> Vec<SymbolInformation> {
    corpus
        .search(query, synonyms, MAX_WORKSPACE)
        .into_iter()
        .filter_map(|(src, fig)| {
            let f = &src.figures[fig].figure;
            Some(SymbolInformation {
                name: src.quote(fig),
                kind: SymbolKind::NUMBER,
                tags: None,
                deprecated: None,
                location: Location { uri: path_to_uri(&src.path)?, range: source_range(&src, &f.span(), encoding)? },
                container_name: Some(format!("{} — {}", corpus.short_id(&src.id), src.title)),
            })
        })
        .collect()
}
