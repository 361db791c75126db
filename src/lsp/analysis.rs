//! Analysis off the request path: a note is checked on a blocking thread
//! after the wait its edit calls for (`debounce`: none when it closes a
//! number or a sentence), one check at a time per note; a check whose document
//! moves on gives up at the next sentence (what it judged is kept for the
//! next), and diagnostics are published only when they change.

use super::consistency;
use super::convert::Doc;
use super::diagnostics;
use super::heap;
use super::publish;
use super::state::{lock, read, Analysis, State};
use crate::check::check_note_unless;
use crate::flips;
use crate::text::lines::LineIndex;
use std::sync::Arc;
use std::time::Duration;
use tower_lsp_server::ls_types::Uri;
use tower_lsp_server::Client;

/// Schedules a check of `uri` after `delay`, dropped if a newer edit arrives.
pub fn schedule(state: Arc<State>, client: Client, uri: Uri, delay: Duration) {
    let generation = state.bump(&uri);
    tokio::spawn(async move {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        if !state.is_current(&uri, generation) {
            return;
        }
        let turn = state.check_lock(&uri);
        let _running = turn.lock().await;
        // a newer edit came while the note's last check gave up
        if state.is_current(&uri, generation) {
            run_now(state, client, uri).await;
        }
    });
}

/// Checks `uri` (after the check of it that is running, if any) and
/// publishes its diagnostics if they changed.
pub async fn run(state: Arc<State>, client: Client, uri: Uri) {
    let turn = state.check_lock(&uri);
    let _running = turn.lock().await;
    run_now(state, client, uri).await;
}

/// `run`, its turn come.
async fn run_now(state: Arc<State>, client: Client, uri: Uri) {
    let snapshot = {
        let docs = lock(&state.docs);
        docs.get(&uri).map(|d| (d.text(), d.version, d.format, d.path.clone()))
    };
    let Some((text, version, format, path)) = snapshot else { return };
    if path.as_deref().is_some_and(|p| state.is_source_path(p)) {
        return; // sources are evidence, not notes
    }
    if path.as_deref().is_some_and(|p| state.is_ignored(p)) {
        // an ignored file is not a note: clear what it showed before
        lock(&state.analyses).remove(&uri);
        lock(&state.diagnostic_memos).remove(&uri);
        publish::clear(&state, &uri);
        return;
    }
    if !state.index_ready.load(std::sync::atomic::Ordering::SeqCst) {
        return; // judged once the sources are read: no verdicts from a partial corpus
    }
    if text.len() as u64 > crate::input::MAX_BYTES {
        // the limit a note on disk has: not checked, and nothing stale shown
        lock(&state.analyses).remove(&uri);
        lock(&state.diagnostic_memos).remove(&uri);
        publish::clear(&state, &uri);
        let limit = crate::input::MAX_BYTES >> 20;
        let message =
            format!("sourcecheck: {}: {} bytes is over the {limit} MiB limit, not checked", uri.as_str(), text.len());
        client.log_message(tower_lsp_server::ls_types::MessageType::WARNING, message).await;
        return;
    }
    let st = state.clone();
    let job_uri = uri.clone();
    let job = tokio::task::spawn_blocking(move || {
        let root = st.root_of(path.as_deref());
        let mut cache = lock(&st.judgements).remove(&job_uri).unwrap_or_default();
        let mut memo = lock(&st.diagnostic_memos).remove(&job_uri).unwrap_or_default();
        let corpus = read(&root.corpus);
        let t = std::time::Instant::now();
        let cached = cache.len();
        // given up between sentences once the document has moved on
        let moved_on = || lock(&st.docs).get(&job_uri).map(|d| d.version) != Some(version);
        let check = check_note_unless(&text, format, path.as_deref(), &corpus, &root.settings, &mut cache, &moved_on);
        tracing::debug!(elapsed = ?t.elapsed(), cached, cancelled = check.is_none(), "check_note");
        drop(corpus);
        lock(&st.judgements).insert(job_uri.clone(), cache);
        let Some(check) = check else {
            lock(&st.diagnostic_memos).insert(job_uri.clone(), memo);
            return None;
        };
        // verdicts flipped since the note's last check (the sources changed)
        let flips = match lock(&st.analyses).get(&job_uri) {
            Some(before) => flips::update(&before.flips, &flips::verdicts(&before.text, &before.check), &text, &check),
            None => Default::default(),
        };
        let notes = consistency::notes_of(&st, &root);
        let inconsistent = consistency::of_note(&st, &root, &notes, path.as_deref(), &check);
        let lines = LineIndex::new(&text);
        let analysis = Analysis { text: Arc::from(text), lines, check, flips, inconsistent };
        // the diagnostics too, off the async workers
        let t = std::time::Instant::now();
        let severity = &root.config.severity;
        let doc = Doc { text: &analysis.text, lines: &analysis.lines, encoding: st.encoding() };
        let json = diagnostics::to_json(&analysis, &doc, severity, st.caps().related_information, &mut memo);
        lock(&st.diagnostic_memos).insert(job_uri.clone(), memo);
        let prepared = publish::prepare(&job_uri, Some(version), json);
        tracing::debug!(elapsed = ?t.elapsed(), "diagnostics built");
        Some((analysis, prepared))
    });
    let started = std::time::Instant::now();
    let (analysis, prepared) = match job.await {
        Ok(Some((a, d))) => (Arc::new(a), d),
        Ok(None) => return, // the document moved on: its newer check follows
        Err(e) => {
            tracing::error!("checking {} failed: {e}", uri.as_str());
            client
                .log_message(
                    tower_lsp_server::ls_types::MessageType::ERROR,
                    format!("sourcecheck: checking {} failed: {e}", uri.as_str()),
                )
                .await;
            return;
        }
    };
    // Drop the result if the document moved on (or closed) meanwhile.
    let current = lock(&state.docs).get(&uri).map(|d| d.version);
    if current != Some(version) {
        return;
    }
    let previous = lock(&state.analyses).insert(uri.clone(), analysis);
    let changed = if state.caps().pull_diagnostics {
        state.pull.keep(&uri, version, prepared)
    } else {
        publish::send_if_changed(&state, &uri, prepared)
    };
    if changed {
        refresh_views(&state, &client).await;
    }
    // the previous analysis and the publish's buffers are garbage now
    drop(previous);
    tokio::task::spawn_blocking(heap::trim);
    tracing::debug!(elapsed = ?started.elapsed(), "published");
}

/// Re-checks every open note (after the corpus or configuration changed):
/// every cached judgement is stale.
pub async fn rerun_all(state: Arc<State>, client: Client) {
    tracing::debug!("re-checking every open note");
    lock(&state.judgements).clear();
    let uris: Vec<Uri> = lock(&state.docs).keys().cloned().collect();
    for uri in uris {
        run(state.clone(), client.clone(), uri).await;
    }
    super::pull::judgements_changed(&state, &client).await;
}

/// Asks the client to re-request code lenses and inlay hints, which show
/// verdicts, when it supports being asked.
async fn refresh_views(state: &State, client: &Client) {
    let caps = state.caps();
    if caps.code_lens_refresh {
        if let Err(e) = client.code_lens_refresh().await {
            tracing::debug!("code lens refresh refused: {e}");
        }
    }
    if caps.inlay_hint_refresh && state.roots().iter().any(|r| r.config.inlay_hints) {
        if let Err(e) = client.inlay_hint_refresh().await {
            tracing::debug!("inlay hint refresh refused: {e}");
        }
    }
}
