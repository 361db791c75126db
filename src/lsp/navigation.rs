//! Go-to-source and backlinks: from a note figure to the passages that bear
//! on it, from a citation to its source, and from a source figure (or a
//! source's title line) to every note figure it supports or contradicts.

use super::convert::{path_to_uri, source_range, uri_to_path, Doc, Encoding};
use super::notes;
use super::state::{lock, read, Analysis, State};
use crate::check::{Citation, FigureCheck};
use crate::corpus::Source;
use crate::text::lines::LineIndex;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::{DocumentLink, GotoDefinitionResponse, Location, LocationLink, Uri};

/// The figure of an analysis whose span holds `offset`.
pub fn figure_at(a: &Analysis, offset: usize) -> Option<&FigureCheck> {
    a.check.figures.iter().find(|f| f.figure.span.start <= offset && offset <= f.figure.span.end)
}

/// The citation key (or link) holding `offset`, with the source it names.
pub fn citation_at(a: &Analysis, offset: usize) -> Option<(&Citation, &Arc<Source>)> {
    let c = a.check.citations.iter().find(|c| c.range.start <= offset && offset <= c.range.end)?;
    Some((c, c.source.as_ref()?))
}

/// A document link on every citation that names a source (`[@004]`, or a
/// Markdown link to a source file), to that file, its title as the tooltip.
pub fn citation_links(a: &Analysis, doc: &Doc) -> Vec<DocumentLink> {
    a.check
        .citations
        .iter()
        .filter_map(|c| {
            let src = c.source.as_ref()?;
            let date = src.date.map(|d| format!(", {}", d.display())).unwrap_or_default();
            Some(DocumentLink {
                range: doc.range(&c.range),
                target: Some(path_to_uri(&src.path)?),
                tooltip: Some(format!("{} — {}{date}", a.check.short_id(&src.id), src.title)),
                data: None,
            })
        })
        .collect()
}

/// Definition of a figure: its evidence passages.
pub fn figure_definition(
    f: &FigureCheck,
    note: &Doc,
    encoding: Encoding,
    links: bool,
) -> Option<GotoDefinitionResponse> {
    let j = &f.judgement;
    if j.evidence.is_empty() {
        return None;
    }
    if links {
        let items: Vec<LocationLink> = j
            .evidence
            .iter()
            .filter_map(|e| {
                let fig = &e.source_figure().figure;
                Some(LocationLink {
                    origin_selection_range: Some(note.range(&f.figure.span)),
                    target_uri: path_to_uri(&e.source.path)?,
                    target_range: source_range(&e.source, &fig.sentence(), encoding)?,
                    target_selection_range: source_range(&e.source, &fig.span(), encoding)?,
                })
            })
            .collect();
        Some(GotoDefinitionResponse::Link(items))
    } else {
        let items: Vec<Location> = j
            .evidence
            .iter()
            .filter_map(|e| {
                let range = source_range(&e.source, &e.source_figure().figure.span(), encoding)?;
                Some(Location { uri: path_to_uri(&e.source.path)?, range })
            })
            .collect();
        Some(GotoDefinitionResponse::Array(items))
    }
}

/// Definition of a citation: the start of the cited source.
pub fn citation_definition(src: &Source, encoding: Encoding) -> Option<GotoDefinitionResponse> {
    let range = source_range(src, &src.first_line(), encoding)?;
    Some(GotoDefinitionResponse::Scalar(Location { uri: path_to_uri(&src.path)?, range }))
}

/// Backlinks: every note figure that source figure `fig` (or, with `None`,
/// any figure of the source) supports or contradicts, in open notes and in
/// notes on disk under the workspace root.
pub fn references(state: &State, source_path: &Path, fig: Option<usize>) -> Vec<Location> {
    gather(state, source_path, fig, true)
}

/// The note figures a source bears on in the open notes only, from their
/// latest analyses (no note read or checked): cheap enough for a code lens,
/// which clients ask for again after every analysis.
pub fn open_references(state: &State, source_path: &Path) -> Vec<Location> {
    gather(state, source_path, None, false)
}

fn gather(state: &State, source_path: &Path, fig: Option<usize>, on_disk: bool) -> Vec<Location> {
    let encoding = state.encoding();
    let mut out = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let cites = |f: &FigureCheck| {
        f.judgement
            .evidence
            .iter()
            .chain(f.judgement.related.iter())
            .any(|e| e.source.path == source_path && fig.is_none_or(|k| k == e.figure))
    };
    // open notes first: their latest analysis
    let analyses: Vec<(Uri, Arc<Analysis>)> =
        lock(&state.analyses).iter().map(|(u, a)| (u.clone(), a.clone())).collect();
    for (uri, a) in &analyses {
        if let Some(p) = uri_to_path(uri) {
            seen.push(p);
        }
        let doc = Doc { text: &a.text, lines: &a.lines, encoding };
        for f in a.check.figures.iter().filter(|f| cites(f)) {
            out.push(Location { uri: uri.clone(), range: doc.range(&f.figure.span) });
        }
    }
    if !on_disk {
        return out;
    }
    // notes on disk, in every folder whose corpus holds the source, judged on it
    for root in state.roots() {
        if read(&root.corpus).by_path(source_path).is_none() {
            continue;
        }
        for path in notes::on_disk(state, &root) {
            if seen.iter().any(|s| notes::same_file(s, &path)) {
                continue;
            }
            seen.push(path.clone());
            let Some((text, check)) = notes::check_on_disk(&root, &path) else { continue };
            let lines = LineIndex::new(&text);
            let doc = Doc { text: &text, lines: &lines, encoding };
            let Some(uri) = path_to_uri(&path) else { continue };
            for f in check.figures.iter().filter(|f| cites(f)) {
                out.push(Location { uri: uri.clone(), range: doc.range(&f.figure.span) });
            }
        }
    }
    out
}

/// The source figure at `offset` of a source text, if any.
pub fn source_figure_at(src: &Source, offset: usize) -> Option<usize> {
    src.figures.iter().position(|f| f.figure.span().start <= offset && offset <= f.figure.span().end)
}

/// Is `range` the title line (line 0)?
pub fn on_title_line(range_line: u32) -> bool {
    range_line == 0
}
