//! Reading the sources in the background: the first full index (with
//! work-done progress), and updates when a source file or folder changes on
//! disk, reported by the client or by the server's own watcher: a file is
//! re-read alone; a folder that appeared is read whole, and every source
//! under a path that vanished (file or folder) is dropped.

use super::analysis;
use super::state::{lock, read, write, State};
use crate::config::Config;
use crate::corpus::{self, Corpus};
use crate::workspace::Settings;
use notify_debouncer_full::notify::RecursiveMode;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::{MessageType, ProgressToken};
use tower_lsp_server::Client;

/// Resolves the configuration (sourcecheck.toml, then client options on top)
/// and stores it; returns problems to show the user.
pub fn configure(state: &State) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ws = write(&state.workspace);
    let root = ws.root.clone().unwrap_or_else(|| PathBuf::from("."));
    let mut config = match Config::load(&root) {
        Ok(c) => c,
        Err(e) => {
            problems.push(e);
            Config::default()
        }
    };
    if let Some(opts) = ws.client_options.clone() {
        match super::options::merge(&mut config, &opts) {
            Ok(unknown) => {
                for k in unknown {
                    problems.push(format!("unknown sourcecheck setting '{k}' ignored"));
                }
            }
            Err(e) => problems.push(format!("sourcecheck settings: {e}")),
        }
    }
    ws.settings = Settings::from_config(&config);
    ws.folders = config.source_folders(&root);
    ws.config = config;
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
        let (root, config, folders, settings) = {
            let ws = read(&st.workspace);
            (ws.root_or_cwd(), ws.config.clone(), ws.folders.clone(), ws.settings.clone())
        };
        let (sources, report) = crate::workspace::load_sources(&root, &config, &folders, &settings);
        let corpus = Corpus::from_sources(sources);
        let summary = format!("{} sources, {} figures", corpus.len(), corpus.figure_count());
        *write(&st.corpus) = corpus;
        (report, summary)
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
/// there); how many.
fn drop_vanished(st: &State, paths: &[PathBuf]) -> usize {
    if paths.is_empty() {
        return 0;
    }
    let set: std::collections::HashSet<&Path> = paths.iter().map(PathBuf::as_path).collect();
    lock(&st.stamps).retain(|p, _| !p.ancestors().any(|a| set.contains(a)));
    write(&st.corpus).remove_under_any(paths)
}

/// Brings the corpus in line with what is on disk at `path`.
fn reread(st: &State, path: &Path) -> Reread {
    if path.is_dir() {
        return reread_folder(st, path);
    }
    if !path.exists() {
        // a file or a whole folder vanished (deleted, renamed away)
        let changed = drop_vanished(st, &[path.to_path_buf()]) > 0;
        return Reread { changed, problems: Vec::new() };
    }
    if !corpus::is_source_file(path) {
        return Reread::default();
    }
    let mut problems = Vec::new();
    if !st.is_source_path(path) {
        // a symlink leading out of the source folders: never read
        write(&st.corpus).remove(path);
        problems.push(format!("{}: links outside the source folders, skipped", path.display()));
    } else if st.is_ignored(path) {
        write(&st.corpus).remove(path);
    } else {
        // taken before reading: a change while it is read makes it differ
        let stamp = stamp_of(path);
        if stamp.is_some() && lock(&st.stamps).get(path) == stamp.as_ref() {
            return Reread::default(); // as it was when last read
        }
        let settings = read(&st.workspace).settings.clone();
        match corpus::load_file(path, &settings.synonyms, &settings.conventions) {
            Ok(src) => {
                write(&st.corpus).upsert(src);
                if let Some(stamp) = stamp {
                    lock(&st.stamps).insert(path.to_path_buf(), stamp);
                }
            }
            Err(e) => {
                write(&st.corpus).remove(path);
                problems.push(e);
            }
        }
        return Reread { changed: true, problems };
    }
    lock(&st.stamps).remove(path);
    Reread { changed: true, problems }
}

/// A file's size and modification time (links followed): what tells an
/// unchanged file from one to read again.
fn stamp_of(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// A folder appeared (or was reported as a whole): every source under it
/// read afresh, in parallel, and those no longer there dropped.
fn reread_folder(st: &State, dir: &Path) -> Reread {
    use rayon::prelude::*;
    let (folders, settings) = {
        let ws = read(&st.workspace);
        (ws.folders.clone(), ws.settings.clone())
    };
    let mut report = corpus::LoadReport::default();
    let mut paths = corpus::discover_under(&folders, dir, &mut report);
    paths.retain(|p| !st.is_ignored(p));
    let results: Vec<Result<corpus::Source, String>> =
        paths.par_iter().map(|p| corpus::load_file(p, &settings.synonyms, &settings.conventions)).collect();
    let mut corpus = write(&st.corpus);
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
    /// Is `path` the workspace's sourcecheck.toml?
    pub fn is_config_file(&self, path: &Path) -> bool {
        let root = read(&self.workspace).root_or_cwd();
        path.file_name().is_some_and(|n| n == crate::config::FILE_NAME)
            && path.parent().is_some_and(|d| same_dir(d, &root))
    }

    /// Is `path` (which may no longer exist) under a source folder?
    pub fn is_source_path_or_parent(&self, path: &Path) -> bool {
        if self.is_source_path(path) {
            return true;
        }
        let ws = read(&self.workspace);
        ws.folders.iter().any(|f| path.starts_with(f))
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
    let (folders, root) = {
        let ws = read(&state.workspace);
        (ws.folders.clone(), ws.root_or_cwd())
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<PathBuf>();
    let weak = tx.downgrade();
    let mut debouncer = source_debouncer(tx)?;
    for f in &folders {
        watch_folder(&mut debouncer, f);
    }
    // the configuration file: the root itself, not recursively (file_changed
    // drops its other files); unless a folder's parent watch covers it
    if !folders.iter().any(|f| f.parent().is_some_and(|p| same_dir(p, &root))) {
        if let Err(e) = debouncer.watch(&root, RecursiveMode::NonRecursive) {
            tracing::warn!("cannot watch {}: {e}", root.display());
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

fn same_dir(a: &Path, b: &Path) -> bool {
    a == b || std::fs::canonicalize(a).ok().zip(std::fs::canonicalize(b).ok()).is_some_and(|(a, b)| a == b)
}
