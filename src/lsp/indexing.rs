//! Reading the sources in the background: the first full index (with
//! work-done progress), and updates when a source file or folder changes on
//! disk, reported by the client or by the server's own watcher: a file is
//! re-read alone; a folder that appeared is read whole, and every source
//! under a path that vanished (file or folder) is dropped.

use super::analysis;
use super::roots::{distinct_corpora, same_dir, IndexKey, Root};
use super::state::{lock, read, write, State};
use crate::config::Config;
use crate::corpus::{self, Corpus};
use crate::workspace::Settings;
use notify_debouncer_full::notify::RecursiveMode;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use tower_lsp_server::ls_types::{MessageType, ProgressToken};
use tower_lsp_server::Client;

/// Resolves each workspace folder's configuration (its sourcecheck.toml,
/// then the client's options on top) and stores the roots; a root keeps the
/// corpus it had when it still reads the same sources the same way, and
/// roots that read the same sources share one. Returns problems to show.
pub fn configure(state: &State) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ws = write(&state.workspace);
    let paths = if ws.folders.is_empty() { vec![PathBuf::from(".")] } else { ws.folders.clone() };
    let mut roots: Vec<Root> = Vec::new();
    for path in paths {
        let mut config = match Config::load(&path) {
            Ok(c) => c,
            Err(e) => {
                problems.push(e);
                Config::default()
            }
        };
        let options = ws.folder_options.get(&path).or(ws.client_options.as_ref()).cloned();
        if let Some(opts) = options {
            match super::options::merge(&mut config, &opts) {
                Ok(unknown) => {
                    for k in unknown {
                        problems.push(format!("unknown sourcecheck setting '{k}' ignored"));
                    }
                }
                Err(e) => problems.push(format!("sourcecheck settings: {e}")),
            }
        }
        let folders = config.source_folders(&path);
        let key = IndexKey::of(&path, &config, &folders);
        // the corpus of a root (new, else old) that reads these sources so; else
        // this folder's old one, read again by the next full index (meanwhile
        // its notes are judged on what it held, not on nothing)
        let taken = |c: &Arc<RwLock<Corpus>>| roots.iter().any(|r| Arc::ptr_eq(&r.corpus, c));
        let corpus = roots
            .iter()
            .chain(ws.roots.iter())
            .find(|r| r.key() == key)
            .or_else(|| ws.roots.iter().find(|r| r.path == path && !taken(&r.corpus)))
            .map(|r| r.corpus.clone())
            .unwrap_or_default();
        roots.push(Root { settings: Settings::from_config(&config), path, config, folders, corpus });
    }
    ws.roots = roots;
    problems.dedup();
    problems
}

/// The configuration changed (sourcecheck.toml or the client's settings):
/// resolve it again, say what is wrong with it, and re-read the sources.
pub async fn reconfigure(state: Arc<State>, client: Client) {
    tracing::info!("configuration changed: re-reading it and the sources");
    for p in configure(&state) {
        client.show_message(MessageType::WARNING, format!("sourcecheck: {p}")).await;
    }
    full_index(state, client).await;
}

/// Reads every source and swaps the new corpus in; then re-checks open notes.
pub async fn full_index(state: Arc<State>, client: Client) {
    let progress = if state.caps().work_done_progress {
        let token = ProgressToken::String("sourcecheck/index".to_string());
        match client.create_work_done_progress(token.clone()).await {
            Ok(()) => Some(
                client
                    .progress(token, "sourcecheck: indexing sources")
                    .with_message("reading source folders")
                    .begin()
                    .await,
            ),
            Err(_) => None,
        }
    } else {
        None
    };
    // no change is read while the corpus is rebuilt (it would be lost in the swap)
    let indexing = state.index_lock.lock().await;
    let st = state.clone();
    let result = tokio::task::spawn_blocking(move || {
        let mut report = corpus::LoadReport::default();
        let (mut sources, mut figures) = (0, 0);
        for root in distinct_corpora(&st.roots()) {
            let (read_now, r) = crate::workspace::load_sources(&root.path, &root.config, &root.folders, &root.settings);
            let corpus = Corpus::from_sources(read_now);
            (sources, figures) = (sources + corpus.len(), figures + corpus.figure_count());
            *write(&root.corpus) = corpus;
            report.problems.extend(r.problems);
            report.warnings.extend(r.warnings);
        }
        (report, format!("{sources} sources, {figures} figures"))
    })
    .await;
    drop(indexing);
    state.index_ready.store(true, std::sync::atomic::Ordering::SeqCst);
    match result {
        Ok((report, summary)) => {
            tracing::info!("indexed {summary}");
            for p in report.problems.iter().chain(report.warnings.iter()) {
                client.log_message(MessageType::WARNING, format!("sourcecheck: {p}")).await;
            }
            if report.problems.iter().any(|p| p.contains("source folder not found")) {
                client.show_message(MessageType::WARNING, format!("sourcecheck: {}", report.problems.join("; "))).await;
            }
            if let Some(p) = progress {
                p.finish_with_message(summary).await;
            }
        }
        Err(e) => {
            client.show_message(MessageType::ERROR, format!("sourcecheck: indexing failed: {e}")).await;
            if let Some(p) = progress {
                p.finish().await;
            }
        }
    }
    analysis::rerun_all(state, client).await;
}

/// A source file or folder changed, appeared or vanished: queued, and read
/// off the request path (`changes`).
pub fn file_changed(state: &State, path: PathBuf) {
    tracing::debug!(path = %path.display(), "file changed");
    state.changes.report(path);
}

/// Brings the corpus in line with the disk at each of `paths` (a file
/// re-read alone, a folder read whole, a vanished path's sources dropped),
/// never while a full index runs; then re-checks open notes once if
/// anything changed.
pub async fn files_changed(state: Arc<State>, client: Client, paths: Vec<PathBuf>) {
    let paths: Vec<PathBuf> = paths.into_iter().filter(|p| state.is_source_path_or_parent(p)).collect();
    if paths.is_empty() {
        return;
    }
    let indexing = state.index_lock.lock().await;
    let st = state.clone();
    let Ok((vanished, outcomes)) = tokio::task::spawn_blocking(move || {
        // what vanished leaves the corpus at once (many deleted files: one pass over the index)
        let (gone, here): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|p| !p.exists());
        let vanished = drop_vanished(&st, &gone);
        (vanished, here.iter().map(|p| (p.clone(), reread(&st, p))).collect::<Vec<_>>())
    })
    .await
    else {
        return;
    };
    drop(indexing);
    if vanished > 0 {
        tracing::info!("dropped {vanished} vanished sources");
    }
    let mut changed = vanished > 0;
    for (path, outcome) in outcomes {
        for problem in outcome.problems {
            client.log_message(MessageType::WARNING, format!("sourcecheck: {problem}")).await;
        }
        if outcome.changed {
            tracing::info!("re-indexed {}", path.display());
            changed = true;
        }
    }
    if changed {
        analysis::rerun_all(state, client).await;
    }
}

/// What re-reading a path did to the corpus.
#[derive(Default)]
struct Reread {
    changed: bool,
    problems: Vec<String>,
}

/// Drops every source at or under `paths` (files or folders no longer
/// there) from every corpus; how many.
fn drop_vanished(st: &State, paths: &[PathBuf]) -> usize {
    if paths.is_empty() {
        return 0;
    }
    let set: std::collections::HashSet<&Path> = paths.iter().map(PathBuf::as_path).collect();
    lock(&st.stamps).retain(|p, _| !p.ancestors().any(|a| set.contains(a)));
    distinct_corpora(&st.roots()).iter().map(|r| write(&r.corpus).remove_under_any(paths)).sum()
}

/// Brings every corpus whose sources `path` is among in line with what is
/// on disk at `path`.
fn reread(st: &State, path: &Path) -> Reread {
    let roots: Vec<Root> = distinct_corpora(&st.roots())
        .into_iter()
        .filter(|r| r.holds_source(path) || parent_of_folder(r, path))
        .collect();
    if path.is_dir() {
        let mut out = Reread::default();
        for root in &roots {
            let r = reread_folder(root, path);
            out.changed |= r.changed;
            out.problems.extend(r.problems);
        }
        return out;
    }
    if !path.exists() {
        // a file or a whole folder vanished (deleted, renamed away)
        let changed = drop_vanished(st, &[path.to_path_buf()]) > 0;
        return Reread { changed, problems: Vec::new() };
    }
    if !corpus::is_source_file(path) {
        return Reread::default();
    }
    let inside: Vec<&Root> = roots.iter().filter(|r| r.holds_source(path)).collect();
    if inside.is_empty() {
        // a symlink leading out of the source folders: never read
        for r in &roots {
            write(&r.corpus).remove(path);
        }
        lock(&st.stamps).remove(path);
        return Reread {
            changed: true,
            problems: vec![format!("{}: links outside the source folders, skipped", path.display())],
        };
    }
    // taken before reading: a change while it is read makes it differ
    let stamp = stamp_of(path);
    if stamp.is_some() && lock(&st.stamps).get(path) == stamp.as_ref() {
        return Reread::default(); // as it was when last read
    }
    let mut problems = Vec::new();
    for root in inside {
        if root.config.is_ignored(&root.path, path) {
            write(&root.corpus).remove(path);
            continue;
        }
        match corpus::load_file(path, &root.settings.synonyms, &root.settings.conventions) {
            Ok(src) => write(&root.corpus).upsert(src),
            Err(e) => {
                write(&root.corpus).remove(path);
                problems.push(e);
            }
        }
    }
    match stamp {
        Some(stamp) if problems.is_empty() => lock(&st.stamps).insert(path.to_path_buf(), stamp),
        _ => lock(&st.stamps).remove(path),
    };
    problems.dedup();
    Reread { changed: true, problems }
}

/// Is `path` (which may no longer exist) a root's source folder or under one?
fn parent_of_folder(root: &Root, path: &Path) -> bool {
    root.folders.iter().any(|f| path.starts_with(f))
}

/// A file's size and modification time (links followed): what tells an
/// unchanged file from one to read again.
fn stamp_of(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// A folder appeared (or was reported as a whole): every source under it
/// read afresh, in parallel, and those no longer there dropped.
fn reread_folder(root: &Root, dir: &Path) -> Reread {
    use rayon::prelude::*;
    let settings = &root.settings;
    let mut report = corpus::LoadReport::default();
    let mut paths = corpus::discover_under(&root.folders, dir, &mut report);
    paths.retain(|p| !root.config.is_ignored(&root.path, p));
    let results: Vec<Result<corpus::Source, String>> =
        paths.par_iter().map(|p| corpus::load_file(p, &settings.synonyms, &settings.conventions)).collect();
    let mut corpus = write(&root.corpus);
    let mut changed = corpus.remove_under(dir) > 0;
    for r in results {
        match r {
            Ok(src) => {
                corpus.upsert(src);
                changed = true;
            }
            Err(e) => report.problems.push(e),
        }
    }
    Reread { changed, problems: report.problems }
}

impl State {
    /// Is `path` the sourcecheck.toml of a workspace folder?
    pub fn is_config_file(&self, path: &Path) -> bool {
        read(&self.workspace).roots.iter().any(|r| r.is_config_file(path))
    }

    /// Is `path` (which may no longer exist) under a source folder?
    pub fn is_source_path_or_parent(&self, path: &Path) -> bool {
        if self.is_source_path(path) {
            return true;
        }
        read(&self.workspace).roots.iter().any(|r| parent_of_folder(r, path))
    }
}

type Debouncer = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// The server's own watcher, for clients that cannot watch files for us.
/// Returns the debouncer, which must be kept alive. A source folder deleted
/// and created again is watched again and re-read whole; sourcecheck.toml
/// at the root is watched too.
pub fn watch(state: Arc<State>, client: Client) -> Option<Debouncer> {
    let roots = state.roots();
    let mut folders: Vec<PathBuf> = roots.iter().flat_map(|r| r.folders.iter().cloned()).collect();
    folders.sort();
    folders.dedup();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<PathBuf>();
    let weak = tx.downgrade();
    let mut debouncer = source_debouncer(tx)?;
    for f in &folders {
        watch_folder(&mut debouncer, f);
    }
    // each configuration file: its folder itself, not recursively (file_changed
    // drops its other files); unless a source folder's parent watch covers it
    for root in roots.iter().map(|r| &r.path) {
        if !folders.iter().any(|f| f.parent().is_some_and(|p| same_dir(p, root))) {
            if let Err(e) = debouncer.watch(root, RecursiveMode::NonRecursive) {
                tracing::warn!("cannot watch {}: {e}", root.display());
            }
        }
    }
    tokio::spawn(async move {
        // watchers of folders created again since the start
        let mut again: Vec<Debouncer> = Vec::new();
        while let Some(path) = rx.recv().await {
            if state.shutdown.load(std::sync::atomic::Ordering::SeqCst) {
                break;
            }
            if !folders.contains(&path) {
                file_changed(&state, path);
                continue;
            }
            // a source folder itself vanished or appeared
            if path.is_dir() {
                if let Some(mut d) = weak.upgrade().and_then(source_debouncer) {
                    watch_folder(&mut d, &path);
                    again.push(d);
                }
            }
            full_index(state.clone(), client.clone()).await;
        }
    });
    Some(debouncer)
}

/// Watches a source folder's contents, and its parent for the folder itself.
fn watch_folder(debouncer: &mut Debouncer, folder: &Path) {
    if folder.is_dir() {
        if let Err(e) = debouncer.watch(folder, RecursiveMode::Recursive) {
            tracing::warn!("cannot watch {}: {e}", folder.display());
        }
    }
    if let Some(parent) = folder.parent().filter(|p| p.is_dir()) {
        if let Err(e) = debouncer.watch(parent, RecursiveMode::NonRecursive) {
            tracing::warn!("cannot watch {}: {e}", parent.display());
        }
    }
}

/// A debouncer sending the paths of relevant changes to `tx`.
fn source_debouncer(tx: tokio::sync::mpsc::UnboundedSender<PathBuf>) -> Option<Debouncer> {
    notify_debouncer_full::new_debouncer(
        std::time::Duration::from_millis(200),
        None,
        move |res: notify_debouncer_full::DebounceEventResult| {
            use notify_debouncer_full::notify::event::{EventKind, ModifyKind};
            if let Ok(events) = res {
                for e in events {
                    // reading a file (as indexing does) raises access events: only
                    // creation, removal, renames and changed contents count
                    let relevant = match e.kind {
                        EventKind::Create(_) | EventKind::Remove(_) => true,
                        EventKind::Modify(ModifyKind::Metadata(_)) => false,
                        EventKind::Modify(_) => true,
                        _ => false,
                    };
                    if relevant {
                        for p in &e.paths {
                            let _ = tx.send(p.clone());
                        }
                    }
                }
            }
        },
    )
    .ok()
}
