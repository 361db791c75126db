//! Cross-note consistency in the server: a note's figures against every
//! other note of its workspace folder (open ones from their buffers, the
//! rest from disk, each read once per version of the file); a figure
//! another note states otherwise gets a warning whose related information
//! points at that note's figure.

use super::convert::{path_to_uri, Doc};
use super::notes;
use super::roots::Root;
use super::state::{lock, read, State};
use crate::check::NoteCheck;
use crate::consistency::{self, Disagreement};
use crate::report::collapse;
use crate::text::lines::{ColumnUnit, LineIndex};
use crate::text::Format;
use crate::verdict::across_notes::Stated;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use tower_lsp_server::ls_types::Location;

/// A figure of the note that another note states otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct Inconsistency {
    pub span: Range<usize>,
    pub message: String,
    /// The other notes' figures (the first [`RELATED`]), each with what it says.
    pub others: Vec<(String, Location)>,
}

/// Other notes' figures listed under one warning.
const RELATED: usize = 3;

/// Which version of a note its figures were read from.
#[derive(Clone, Copy, PartialEq)]
enum Version {
    Disk(u64, SystemTime),
    Open(i32),
}

/// A note's figures as read for comparing.
struct Read {
    version: Version,
    text: String,
    lines: LineIndex,
    figures: Vec<Stated>,
}

/// How long a folder's list of notes is reused by the checks of open
/// notes (a keystroke's check does not walk the folder again).
const LISTING_FRESH: Duration = Duration::from_secs(2);

/// A folder's notes, and when they were listed.
type Listing = (Instant, Arc<Vec<PathBuf>>);

/// Every note's figures, by path, as last read.
#[derive(Default)]
pub struct Figures {
    by_path: Mutex<HashMap<PathBuf, Arc<Read>>>,
    /// Each folder's notes as last listed, and when.
    listed: Mutex<HashMap<PathBuf, Listing>>,
    /// Raised whenever some note's figures are read anew.
    changes: AtomicU64,
}

impl Figures {
    /// How many times a note's figures were read anew: a note's report made
    /// before the last change may be stale.
    pub fn generation(&self) -> u64 {
        self.changes.load(Ordering::SeqCst)
    }
}

/// `root`'s notes on disk, listed at most [`LISTING_FRESH`] ago.
pub fn notes_of(state: &State, root: &Root) -> Arc<Vec<PathBuf>> {
    if let Some((at, list)) = lock(&state.consistency.listed).get(&root.path) {
        if at.elapsed() < LISTING_FRESH {
            return list.clone();
        }
    }
    let list = Arc::new(notes::on_disk(state, root));
    lock(&state.consistency.listed).insert(root.path.clone(), (Instant::now(), list.clone()));
    list
}

/// The figures of the note at `path`, as `check` found them, that another
/// of `root`'s notes (`notes`, as `notes::on_disk` lists them) states
/// otherwise. The note's own figures and subjects come from its check; only
/// another note read anew (`figures_of`) is read for its subjects.
pub fn of_note(
    state: &State,
    root: &Root,
    notes: &[PathBuf],
    path: Option<&Path>,
    check: &NoteCheck,
) -> Vec<Inconsistency> {
    let Some(path) = path else { return Vec::new() };
    // the other notes first: a note alone in its folder reads nothing
    let mut read_anew = 0;
    let others: Vec<(PathBuf, Arc<Read>)> = notes
        .iter()
        .filter(|p| !notes::same_file(p, path))
        .filter_map(|p| {
            let (read, fresh) = figures_of(state, root, p)?;
            read_anew += if fresh { read.figures.len() } else { 0 };
            Some((p.clone(), read))
        })
        .filter(|(_, r)| !r.figures.is_empty())
        .collect();
    if others.is_empty() {
        return Vec::new();
    }
    let mine = consistency::of_check(check);
    tracing::debug!(figures = mine.len(), read = read_anew, "figures compared with the other notes");
    let slices: Vec<&[Stated]> = others.iter().map(|(_, r)| r.figures.as_slice()).collect();
    let found = consistency::against(&mine, &slices, &read(&root.corpus), &root.settings.params);
    let encoding = state.encoding();
    // each other figure as "b.md:3:18 says …", with where it is
    let place = |d: &Disagreement| -> Option<(String, Location)> {
        let (other_path, other) = &others[d.other_note];
        let there = &other.figures[d.other_figure].figure.span;
        let doc = Doc { text: &other.text, lines: &other.lines, encoding };
        let at = other.lines.line_col(&other.text, there.start, ColumnUnit::Chars);
        let shown = crate::workspace::relative_to(&root.path, other_path).unwrap_or_else(|| other_path.clone());
        let words = collapse(other.text.get(there.clone())?);
        let said = format!("{}:{}:{} says {words}", shown.display(), at.line + 1, at.col + 1);
        Some((said, Location { uri: path_to_uri(other_path)?, range: doc.range(there) }))
    };
    // one warning a figure, however many notes state it otherwise
    found
        .chunk_by(|a, b| a.figure == b.figure)
        .filter_map(|same| {
            let places: Vec<(String, Location)> = same.iter().filter_map(place).collect();
            let (first, _) = places.first()?;
            let more = match places.len() - 1 {
                0 => String::new(),
                n => format!(" (and {n} more)"),
            };
            Some(Inconsistency {
                span: mine[same[0].figure].figure.span.clone(),
                message: format!("Inconsistent: {first}{more}"),
                others: places.into_iter().take(RELATED).collect(),
            })
        })
        .collect()
}

/// The figures of the note at `path`: from its buffer when it is open, else
/// from disk; read again only when that changed (then `true`).
fn figures_of(state: &State, root: &Root, path: &Path) -> Option<(Arc<Read>, bool)> {
    let open = lock(&state.docs)
        .values()
        .find(|d| d.path.as_deref().is_some_and(|p| notes::same_file(p, path)))
        .map(|d| (d.version, d.text(), d.format));
    let version = match &open {
        Some((v, _, _)) => Version::Open(*v),
        None => {
            let meta = std::fs::metadata(path).ok()?;
            Version::Disk(meta.len(), meta.modified().ok()?)
        }
    };
    if let Some(r) = lock(&state.consistency.by_path).get(path).filter(|r| r.version == version) {
        return Some((r.clone(), false));
    }
    let (text, format) = match open {
        Some((_, text, format)) => (text, format),
        None => (crate::input::read_text(path).ok()?.text, Format::from_path(path)),
    };
    let figures = consistency::read(&text, format, &root.settings);
    let read = Arc::new(Read { version, lines: LineIndex::new(&text), text, figures });
    lock(&state.consistency.by_path).insert(path.to_path_buf(), read.clone());
    state.consistency.changes.fetch_add(1, Ordering::SeqCst);
    Some((read, true))
}
