//! Pull diagnostics (LSP 3.17), for clients that pull and can be told to
//! pull again (`workspace/diagnostic/refresh`); others are pushed to.
//!
//! `textDocument/diagnostic` answers an open note from its latest analysis,
//! once the check of its current version is done; `workspace/diagnostic`
//! answers every note of every workspace folder: open ones from their
//! analysis, the others checked from disk as the CLI's `check` does (kept
//! while the file and the sources are unchanged). A report whose result id
//! the client sent back is answered "unchanged". After the sources or the
//! configuration change the client is asked to pull again.

use super::convert::{path_to_uri, uri_to_path, Doc};
use super::notes;
use super::publish::Prepared;
use super::roots::Root;
use super::state::{lock, Analysis, State};
use crate::flips;
use crate::text::lines::LineIndex;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tower_lsp_server::ls_types::*;

/// How long a document pull waits for the check of the current version.
const WAIT: Duration = Duration::from_secs(30);

/// A note's diagnostics as last built: a JSON array and its fingerprint.
#[derive(Clone)]
struct Report {
    fingerprint: u64,
    diagnostics: Arc<[u8]>,
}

/// A note on disk's report, for the file and the judgements it was made on.
struct DiskReport {
    stamp: (u64, SystemTime),
    generation: u64,
    /// `consistency::Figures::generation` when made: the other notes it was compared with.
    notes: u64,
    report: Report,
    /// Its figures' verdicts, and those newly contradicted.
    verdicts: flips::Verdicts,
    flips: flips::Flips,
}

/// What pull diagnostics keep.
#[derive(Default)]
pub struct Store {
    /// Each open note's latest report, by the version it was made for.
    open: Mutex<HashMap<Uri, (i32, Report)>>,
    /// Notes on disk, by path.
    disk: Mutex<HashMap<PathBuf, DiskReport>>,
    /// Raised whenever every judgement is stale (sources or settings changed).
    generation: AtomicU64,
    /// Wakes document pulls waiting for a check.
    analysed: tokio::sync::Notify,
}

impl Store {
    /// Keeps an open note's report for `version`; returns whether it differs
    /// from the last.
    pub fn keep(&self, uri: &Uri, version: i32, prepared: Prepared) -> bool {
        let (fingerprint, diagnostics) = prepared.into_parts();
        let report = Report { fingerprint, diagnostics: Arc::from(diagnostics) };
        let before = lock(&self.open).insert(uri.clone(), (version, report)).map(|(_, r)| r.fingerprint);
        self.analysed.notify_waiters();
        before != Some(fingerprint)
    }

    /// Forgets an open note (closed, ignored, too large): pulls of it wait no more.
    pub fn forget(&self, uri: &Uri) {
        lock(&self.open).remove(uri);
        self.analysed.notify_waiters();
    }

    /// Every judgement is stale: notes on disk are checked again when pulled.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }
}

/// `textDocument/diagnostic`: the note's diagnostics once its current
/// version is checked (at most [`WAIT`]); nothing for a note that is no
/// note (a source, ignored, not open).
pub async fn document(state: &State, params: DocumentDiagnosticParams) -> DocumentDiagnosticReportResult {
    let uri = params.text_document.uri;
    let deadline = tokio::time::Instant::now() + WAIT;
    let report = loop {
        let woken = state.pull.analysed.notified();
        tokio::pin!(woken);
        woken.as_mut().enable();
        let Some((version, size)) = lock(&state.docs).get(&uri).map(|d| (d.version, d.rope.len_bytes())) else {
            break None;
        };
        if !state.caps().pull_diagnostics {
            break from_analysis(state, &uri); // a client that is pushed to, asking anyway
        }
        let kept = lock(&state.pull.open).get(&uri).cloned();
        let ready = state.index_ready.load(Ordering::SeqCst);
        match kept {
            Some((v, r)) if v == version && ready => break Some(r),
            kept => {
                let note = uri_to_path(&uri);
                let not_a_note = size as u64 > crate::input::MAX_BYTES
                    || note.as_deref().is_some_and(|p| state.is_source_path(p) || state.is_ignored(p));
                if not_a_note || tokio::time::timeout_at(deadline, woken).await.is_err() {
                    break kept.map(|(_, r)| r);
                }
            }
        }
    };
    let unchanged = |r: &Report| params.previous_result_id.as_deref() == Some(result_id(r).as_str());
    let kind = match report {
        Some(r) if unchanged(&r) => DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id: result_id(&r) },
        }),
        r => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: full(r.as_ref()),
        }),
    };
    DocumentDiagnosticReportResult::Report(kind)
}

/// `workspace/diagnostic`: every note of every folder (none before the
/// sources are read).
pub fn workspace(state: &State, params: WorkspaceDiagnosticParams) -> WorkspaceDiagnosticReportResult {
    let mut items = Vec::new();
    if !state.index_ready.load(Ordering::SeqCst) {
        return WorkspaceDiagnosticReportResult::Report(WorkspaceDiagnosticReport { items });
    }
    let previous: HashMap<&Uri, &str> = params.previous_result_ids.iter().map(|p| (&p.uri, p.value.as_str())).collect();
    let open: HashMap<PathBuf, (Uri, i32)> =
        lock(&state.docs).iter().filter_map(|(u, d)| Some((d.path.clone()?, (u.clone(), d.version)))).collect();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for root in state.roots() {
        let listed = notes::on_disk(state, &root);
        for path in &listed {
            if !seen.insert(path.clone()) {
                continue;
            }
            // an open note: its buffer's report (the document pull's), else it is on the way
            let (uri, version, report) = match open.iter().find(|(p, _)| notes::same_file(p, path)) {
                Some((_, (uri, version))) => match lock(&state.pull.open).get(uri) {
                    Some((v, r)) if v == version => (uri.clone(), Some(*v as i64), r.clone()),
                    _ => continue,
                },
                None => {
                    let Some(uri) = path_to_uri(path) else { continue };
                    let Some(report) = on_disk(state, &root, &listed, path) else { continue };
                    (uri, None, report)
                }
            };
            let id = result_id(&report);
            items.push(if previous.get(&uri) == Some(&id.as_str()) {
                WorkspaceDocumentDiagnosticReport::Unchanged(WorkspaceUnchangedDocumentDiagnosticReport {
                    uri,
                    version,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id: id },
                })
            } else {
                WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                    uri,
                    version,
                    full_document_diagnostic_report: full(Some(&report)),
                })
            });
        }
    }
    let mut kept = lock(&state.pull.disk);
    kept.retain(|p, _| seen.contains(p));
    // compared with the notes as this pull read them all
    let notes = state.consistency.generation();
    for d in kept.values_mut() {
        d.notes = notes;
    }
    WorkspaceDiagnosticReportResult::Report(WorkspaceDiagnosticReport { items })
}

/// An open note's report from its latest analysis (for a client that is
/// pushed to but pulls too).
fn from_analysis(state: &State, uri: &Uri) -> Option<Report> {
    let a = lock(&state.analyses).get(uri).cloned()?;
    let root = state.root_of(uri_to_path(uri).as_deref());
    Some(report_of(state, &root, &a, uri))
}

/// An analysis's diagnostics as a report, at `root`'s severities.
fn report_of(state: &State, root: &Root, a: &Analysis, uri: &Uri) -> Report {
    let doc = Doc { text: &a.text, lines: &a.lines, encoding: state.encoding() };
    let related = state.caps().related_information;
    let mut memo = super::diagnostics::Memo::default();
    let json = super::diagnostics::to_json(a, &doc, &root.config.severity, related, &mut memo);
    let (fingerprint, diagnostics) = super::publish::prepare(uri, None, json).into_parts();
    Report { fingerprint, diagnostics: Arc::from(diagnostics) }
}

/// The report of a note on disk, made again when the file or the
/// judgements changed.
fn on_disk(state: &State, root: &Root, notes: &[PathBuf], path: &std::path::Path) -> Option<Report> {
    let meta = std::fs::metadata(path).ok()?;
    let stamp = (meta.len(), meta.modified().ok()?);
    let generation = state.pull.generation.load(Ordering::SeqCst);
    let before = {
        let disk = lock(&state.pull.disk);
        match disk.get(path) {
            Some(d) if d.stamp == stamp && d.generation == generation && d.notes == state.consistency.generation() => {
                return Some(d.report.clone());
            }
            Some(d) => Some((d.verdicts.clone(), d.flips.clone())),
            None => None,
        }
    };
    let (text, check) = notes::check_on_disk(root, path)?;
    let verdicts = flips::verdicts(&text, &check);
    let flips = before.map(|(v, f)| flips::update(&f, &v, &text, &check)).unwrap_or_default();
    let inconsistent = super::consistency::of_note(state, root, notes, Some(path), &check);
    let analysis = Analysis { lines: LineIndex::new(&text), text: Arc::from(text), check, flips, inconsistent };
    let report = report_of(state, root, &analysis, &path_to_uri(path)?);
    let kept = DiskReport {
        stamp,
        generation,
        notes: state.consistency.generation(),
        report: report.clone(),
        verdicts,
        flips: analysis.flips,
    };
    lock(&state.pull.disk).insert(path.to_path_buf(), kept);
    Some(report)
}

fn result_id(r: &Report) -> String {
    format!("{:016x}", r.fingerprint)
}

fn full(report: Option<&Report>) -> FullDocumentDiagnosticReport {
    let Some(r) = report else { return FullDocumentDiagnosticReport::default() };
    // our own JSON: it reads back
    let items: Vec<Diagnostic> = serde_json::from_slice(&r.diagnostics).unwrap_or_default();
    FullDocumentDiagnosticReport { result_id: Some(result_id(r)), items }
}

/// Does the client pull, and can it be told to pull again?
pub fn client_pulls(c: &ClientCapabilities) -> bool {
    let document = c.text_document.as_ref().is_some_and(|t| t.diagnostic.is_some());
    let refresh = c.workspace.as_ref().and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support);
    document && refresh == Some(true)
}

/// What the server offers a client that pulls.
pub fn provider() -> DiagnosticServerCapabilities {
    DiagnosticServerCapabilities::Options(DiagnosticOptions {
        identifier: Some("sourcecheck".to_string()),
        inter_file_dependencies: true,
        workspace_diagnostics: true,
        work_done_progress_options: Default::default(),
    })
}

/// After the sources or settings changed: notes on disk are stale, and a
/// client that pulls is asked to pull again.
pub async fn judgements_changed(state: &State, client: &tower_lsp_server::Client) {
    state.pull.invalidate();
    if state.caps().pull_diagnostics {
        if let Err(e) = client.workspace_diagnostic_refresh().await {
            tracing::debug!("diagnostic refresh refused: {e}");
        }
    }
}
