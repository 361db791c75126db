//! The server's shared state: open documents, the workspace (configuration
//! and corpus), the latest analysis of each note, and what was last
//! published. Locks are held briefly and never across an await.

use super::convert::Encoding;
use super::documents::Document;
use super::roots::Root;
use super::transport::Outbox;
use crate::check::NoteCheck;
use crate::text::lines::LineIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tower_lsp_server::ls_types::Uri;

/// What the client said it can do.
#[derive(Clone, Debug, Default)]
pub struct ClientCaps {
    pub link_support: bool,
    pub work_done_progress: bool,
    pub dynamic_watchers: bool,
    pub related_information: bool,
    pub show_document: bool,
    /// Can the server ask for settings (`workspace/configuration`)?
    pub configuration: bool,
    pub code_lens_refresh: bool,
    /// Does it pull diagnostics, and can it be told to pull again? Then
    /// nothing is pushed (see `pull`).
    pub pull_diagnostics: bool,
    pub inlay_hint_refresh: bool,
}

/// The workspace as the server holds it.
pub struct WorkspaceState {
    /// The workspace folders the client named, in its order (none: the
    /// working directory).
    pub folders: Vec<PathBuf>,
    /// Each folder's configuration and corpus (see `roots`).
    pub roots: Vec<Root>,
    /// Options from the client for every folder; they win over sourcecheck.toml.
    pub client_options: Option<serde_json::Value>,
    /// Options the client gave for one folder (`workspace/configuration`
    /// scoped to it); they win over `client_options`.
    pub folder_options: HashMap<PathBuf, serde_json::Value>,
}

/// The latest analysis of a note, for hover and definition.
pub struct Analysis {
    pub text: Arc<str>,
    pub lines: LineIndex,
    pub check: NoteCheck,
    /// Its figures that were supported and are now contradicted.
    pub flips: crate::flips::Flips,
    /// Its figures another note of its folder states otherwise.
    pub inconsistent: Vec<super::consistency::Inconsistency>,
}

pub struct State {
    pub docs: Mutex<HashMap<Uri, Document>>,
    pub workspace: RwLock<WorkspaceState>,
    pub analyses: Mutex<HashMap<Uri, Arc<Analysis>>>,
    /// Each note's judgements from its last check, to re-judge only what changed.
    pub judgements: Mutex<HashMap<Uri, crate::check::JudgementCache>>,
    /// Each note's serialized diagnostic bodies by judgement.
    pub diagnostic_memos: Mutex<HashMap<Uri, super::diagnostics::Memo>>,
    /// Fingerprints of the diagnostics each note last published.
    pub published: Mutex<HashMap<Uri, u64>>,
    /// What a client that pulls diagnostics is answered from.
    pub pull: super::pull::Store,
    /// Every note's figures, for comparing notes.
    pub consistency: super::consistency::Figures,
    /// Where the server writes notifications itself (see `publish`).
    outbox: RwLock<Outbox>,
    /// The contradicted figure each note's code lens last jumped to.
    pub lens_cursor: Mutex<HashMap<Uri, usize>>,
    /// Per-document generation counters for debouncing.
    pub generations: Mutex<HashMap<Uri, u64>>,
    pub encoding: RwLock<Encoding>,
    pub caps: RwLock<ClientCaps>,
    pub index_ready: AtomicBool,
    pub shutdown: AtomicBool,
    pub next_generation: AtomicU64,
    /// Files reported changed on disk, waiting to be read.
    pub changes: super::changes::Changes,
    /// Held while the corpus is rebuilt or changed files are read: one at a time.
    pub index_lock: tokio::sync::Mutex<()>,
    /// Size and modification time of each source file when it was last
    /// re-read alone (an unchanged one reported again costs a stat).
    pub stamps: Mutex<HashMap<PathBuf, (u64, std::time::SystemTime)>>,
    /// Each note's turn to be checked: one check at a time per note.
    check_locks: Mutex<HashMap<Uri, Arc<tokio::sync::Mutex<()>>>>,
}

impl State {
    pub fn new() -> State {
        State {
            docs: Mutex::new(HashMap::new()),
            workspace: RwLock::new(WorkspaceState {
                folders: Vec::new(),
                roots: vec![Root::unconfigured()],
                client_options: None,
                folder_options: HashMap::new(),
            }),
            analyses: Mutex::new(HashMap::new()),
            judgements: Mutex::new(HashMap::new()),
            diagnostic_memos: Mutex::new(HashMap::new()),
            published: Mutex::new(HashMap::new()),
            pull: Default::default(),
            consistency: Default::default(),
            outbox: RwLock::new(Outbox::detached()),
            lens_cursor: Mutex::new(HashMap::new()),
            generations: Mutex::new(HashMap::new()),
            encoding: RwLock::new(Encoding::Utf16),
            caps: RwLock::new(ClientCaps::default()),
            index_ready: AtomicBool::new(false),
            shutdown: AtomicBool::new(false),
            next_generation: AtomicU64::new(1),
            changes: Default::default(),
            index_lock: tokio::sync::Mutex::new(()),
            stamps: Mutex::new(HashMap::new()),
            check_locks: Mutex::new(HashMap::new()),
        }
    }

    pub fn encoding(&self) -> Encoding {
        *read(&self.encoding)
    }

    /// Connects the state to the client's output.
    pub fn connect(&self, outbox: Outbox) {
        *write(&self.outbox) = outbox;
    }

    pub fn outbox(&self) -> Outbox {
        read(&self.outbox).clone()
    }

    pub fn caps(&self) -> ClientCaps {
        read(&self.caps).clone()
    }

    /// Is `path` inside a source folder of any workspace folder?
    pub fn is_source_path(&self, path: &Path) -> bool {
        read(&self.workspace).roots.iter().any(|r| r.holds_source(path))
    }

    /// Does the `ignore` of the folder `path` belongs to cover it?
    pub fn is_ignored(&self, path: &Path) -> bool {
        let root = self.root_of(Some(path));
        root.config.is_ignored(&root.path, path)
    }

    /// A new debounce generation for `uri`.
    pub fn bump(&self, uri: &Uri) -> u64 {
        let g = self.next_generation.fetch_add(1, Ordering::Relaxed);
        lock(&self.generations).insert(uri.clone(), g);
        g
    }

    /// The lock a check of `uri` holds while it runs.
    pub fn check_lock(&self, uri: &Uri) -> Arc<tokio::sync::Mutex<()>> {
        lock(&self.check_locks).entry(uri.clone()).or_default().clone()
    }

    /// Forgets a closed note's check lock.
    pub fn forget_check_lock(&self, uri: &Uri) {
        lock(&self.check_locks).remove(uri);
    }

    pub fn is_current(&self, uri: &Uri, generation: u64) -> bool {
        lock(&self.generations).get(uri) == Some(&generation)
    }
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

/// Locks a mutex, recovering from a poisoned one (a panicked handler must
/// not take the server down).
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn read<T>(l: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(|e| e.into_inner())
}

pub fn write<T>(l: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(|e| e.into_inner())
}
