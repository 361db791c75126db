//! The notes on disk: every Markdown file under a workspace folder that is
//! no source and not ignored, checked from the file as the CLI's `check`
//! checks it (for backlinks and workspace diagnostics).

use super::roots::Root;
use super::state::{read, State};
use crate::check::{check_note, NoteCheck};
use crate::text::Format;
use std::path::{Path, PathBuf};

/// Most notes read under one folder.
const MAX_NOTES: usize = 2000;

/// Markdown notes under `root`'s folder that belong to it (not to a
/// workspace folder inside it), outside every source folder, not ignored;
/// at most [`MAX_NOTES`], sorted.
pub fn on_disk(state: &State, root: &Root) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![(root.path.clone(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name == "target" || name == "node_modules" {
                continue;
            }
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() && depth < 8 {
                if !state.is_source_path(&p) {
                    stack.push((p, depth + 1));
                }
            } else if ft.is_file()
                && p.extension().is_some_and(|x| x == "md" || x == "markdown")
                && !root.config.is_ignored(&root.path, &p)
                && state.root_of(Some(&p)).path == root.path
            {
                out.push(p);
                if out.len() >= MAX_NOTES {
                    out.sort();
                    return out;
                }
            }
        }
    }
    out.sort();
    out
}

/// A note on disk checked with its folder's settings and sources, with its
/// text; `None` when it cannot be read as text.
pub fn check_on_disk(root: &Root, path: &Path) -> Option<(String, NoteCheck)> {
    let file = crate::input::read_text(path).ok()?;
    let check = check_note(&file.text, Format::from_path(path), Some(path), &read(&root.corpus), &root.settings);
    Some((file.text, check))
}

/// Are two paths the same file?
pub fn same_file(a: &Path, b: &Path) -> bool {
    a == b || std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
}
