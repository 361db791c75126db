//! Files reported changed on disk (by the client's didChangeWatchedFiles,
//! the server's own watcher, or a save), queued and read off the request
//! path: a path reported many times before it is read is read once, a
//! whole batch is read together and re-checks the open notes once, and
//! nothing is read while a full index runs (what changes meanwhile is read
//! after it, on the new corpus: a file deleted during the first index does
//! not stay in it).

use super::indexing;
use super::state::{lock, State};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;
use tower_lsp_server::Client;

/// Paths waiting to be read, in the order first reported, each once.
#[derive(Default)]
pub struct Changes {
    waiting: Mutex<(Vec<PathBuf>, HashSet<PathBuf>)>,
    wake: Notify,
}

impl Changes {
    /// Queues `path` (nothing if it is queued already) and wakes the reader.
    pub fn report(&self, path: PathBuf) {
        let mut w = lock(&self.waiting);
        if w.1.insert(path.clone()) {
            w.0.push(path);
        }
        drop(w);
        self.wake.notify_one();
    }

    /// Everything queued, oldest first; the queue is empty after.
    fn take(&self) -> Vec<PathBuf> {
        let mut w = lock(&self.waiting);
        w.1.clear();
        std::mem::take(&mut w.0)
    }
}

/// Reads what is reported, batch after batch, until the server shuts down.
pub async fn read_changes(state: Arc<State>, client: Client) {
    loop {
        state.changes.wake.notified().await;
        if state.shutdown.load(std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        loop {
            let batch = state.changes.take();
            if batch.is_empty() {
                break;
            }
            // the configuration: everything is read again
            if batch.iter().any(|p| state.is_config_file(p)) {
                indexing::reconfigure(state.clone(), client.clone()).await;
                continue;
            }
            indexing::files_changed(state.clone(), client.clone(), batch).await;
        }
    }
}
