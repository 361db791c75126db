//! The LSP handlers: each converts positions, asks the core or the latest
//! analysis, and shapes the answer. No parsing or judging happens here.

use super::analysis;
use super::convert::{source_offset, uri_to_path, Doc};
use super::debounce;
use super::documents::Document;
use super::publish;
use super::state::{lock, read, write, State};
use super::{actions, capabilities, changes, completion, hover, indexing, inlay, lens, logging, navigation, symbols};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

type Watcher = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

pub struct Backend {
    pub client: Client,
    pub state: Arc<State>,
    watcher: Mutex<Option<Watcher>>,
    /// Has the client been asked to watch files for us?
    registered: Mutex<bool>,
}

impl Backend {
    pub fn new(client: Client, state: Arc<State>) -> Backend {
        Backend { client, state, watcher: Mutex::new(None), registered: Mutex::new(false) }
    }

    /// The `sourcecheck` section of the client's settings for each workspace
    /// folder (asked with that folder as the scope), when the client can be
    /// asked (`workspace/configuration`); the folders it gave some for.
    async fn pull_configuration(&self) -> Option<Vec<(PathBuf, Value)>> {
        if !self.state.caps().configuration {
            return None;
        }
        let roots: Vec<PathBuf> = self.state.roots().into_iter().map(|r| r.path).collect();
        let items = roots
            .iter()
            .map(|p| ConfigurationItem {
                scope_uri: super::convert::path_to_uri(&std::path::absolute(p).unwrap_or_else(|_| p.clone())),
                section: Some("sourcecheck".to_string()),
            })
            .collect();
        match self.client.configuration(items).await {
            Ok(values) => Some(
                roots.into_iter().zip(values).filter(|(_, v)| v.as_object().is_some_and(|o| !o.is_empty())).collect(),
            ),
            Err(e) => {
                tracing::warn!("client did not give its settings: {e}");
                None
            }
        }
    }

    /// Stores the settings the client gave per folder; true if it gave any.
    fn keep_pulled(&self, pulled: Option<Vec<(PathBuf, Value)>>) -> bool {
        let Some(pulled) = pulled else { return false };
        let mut ws = write(&self.state.workspace);
        ws.folder_options = pulled.into_iter().collect();
        !ws.folder_options.is_empty()
    }

    /// Asks the client to watch every folder's sources and sourcecheck.toml
    /// (again, after the folders changed), or watches them itself.
    async fn watch_sources(&self) {
        const ID: &str = "sourcecheck-sources";
        if !self.state.caps().dynamic_watchers {
            *lock(&self.watcher) = indexing::watch(self.state.clone(), self.client.clone());
            return;
        }
        let roots = self.state.roots();
        // everything under each source folder, and the folder itself: a folder
        // deleted, created or renamed is reported once, as a folder (not file by file)
        let mut globs: Vec<String> = roots
            .iter()
            .flat_map(|r| r.folders.iter())
            .flat_map(|f| [format!("{}/**", f.display()), f.display().to_string()])
            .chain(roots.iter().map(|r| r.path.join(crate::config::FILE_NAME).display().to_string()))
            .collect();
        globs.dedup();
        let watchers =
            globs.into_iter().map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g), kind: None }).collect();
        let reg = Registration {
            id: ID.to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions { watchers }).ok(),
        };
        if std::mem::replace(&mut *lock(&self.registered), true) {
            let old = Unregistration { id: ID.to_string(), method: reg.method.clone() };
            if let Err(e) = self.client.unregister_capability(vec![old]).await {
                tracing::debug!("client kept the old file watchers: {e}");
            }
        }
        if let Err(e) = self.client.register_capability(vec![reg]).await {
            tracing::warn!("client refused file watching ({e}); watching ourselves");
            *lock(&self.watcher) = indexing::watch(self.state.clone(), self.client.clone());
        }
    }

    /// The latest analysis of an open note.
    fn analysis(&self, uri: &Uri) -> Option<Arc<super::state::Analysis>> {
        lock(&self.state.analyses).get(uri).cloned()
    }

    /// `$/setTrace`: how much of the log the client wants.
    pub async fn set_trace(&self, params: SetTraceParams) {
        logging::set_trace(params.value);
    }

    /// `sourcecheck/crashTest`: panics, to prove a panicking handler does not
    /// take the server down. Refused unless SOURCECHECK_ALLOW_CRASH_TEST=1.
    pub async fn crash_test(&self, _: serde_json::Value) -> Result<()> {
        if std::env::var_os("SOURCECHECK_ALLOW_CRASH_TEST").is_some_and(|v| v == "1") {
            panic!("crash test requested");
        }
        Err(Error::method_not_found())
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        logging::set_trace(params.trace.unwrap_or(TraceValue::Off));
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        logging::connect(tx);
        let client = self.client.clone();
        tokio::spawn(async move {
            while let Some((typ, line)) = rx.recv().await {
                client.log_message(typ, line).await;
            }
        });
        let (caps, encoding) = capabilities::of_client(&params);
        let pulls = caps.pull_diagnostics;
        *write(&self.state.caps) = caps;
        *write(&self.state.encoding) = encoding;
        {
            let mut ws = write(&self.state.workspace);
            ws.folders = capabilities::folders_of(&params);
            ws.client_options = params.initialization_options.clone();
        }
        let problems = indexing::configure(&self.state);
        for p in problems {
            self.client.show_message(MessageType::WARNING, format!("sourcecheck: {p}")).await;
        }
        Ok(capabilities::offered(encoding, pulls))
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.keep_pulled(self.pull_configuration().await) {
            for p in indexing::configure(&self.state) {
                self.client.show_message(MessageType::WARNING, format!("sourcecheck: {p}")).await;
            }
        }
        self.watch_sources().await;
        tokio::spawn(changes::read_changes(self.state.clone(), self.client.clone()));
        tokio::spawn(indexing::full_index(self.state.clone(), self.client.clone()));
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shutdown.store(true, Ordering::SeqCst);
        lock(&self.watcher).take();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let path = uri_to_path(&td.uri);
        let doc = Document::new(&td.text, td.version, &td.language_id, path);
        if !doc.is_prose() {
            return;
        }
        lock(&self.state.docs).insert(td.uri.clone(), doc);
        analysis::schedule(self.state.clone(), self.client.clone(), td.uri, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let encoding = self.state.encoding();
        // Applied before any await, so edits keep their order.
        // the wait: none when the edit closes a number or a sentence (`debounce`)
        let wait = {
            let mut docs = lock(&self.state.docs);
            match docs.get_mut(&uri) {
                Some(doc) if version > doc.version => {
                    let cursor = doc.apply(&params.content_changes, version, encoding);
                    Some(debounce::after_edit(&doc.rope, cursor))
                }
                Some(doc) => {
                    tracing::warn!(
                        "ignored change to {} with stale version {version} (have {})",
                        uri.as_str(),
                        doc.version
                    );
                    None
                }
                None => {
                    tracing::warn!("ignored change to unopened document {}", uri.as_str());
                    None
                }
            }
        };
        if let Some(wait) = wait {
            analysis::schedule(self.state.clone(), self.client.clone(), uri, wait);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // A source edited in the editor: re-read it from disk.
        if let Some(p) = uri_to_path(&params.text_document.uri) {
            if self.state.is_source_path(&p) {
                indexing::file_changed(&self.state, p);
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        lock(&self.state.docs).remove(&uri);
        lock(&self.state.analyses).remove(&uri);
        lock(&self.state.judgements).remove(&uri);
        lock(&self.state.diagnostic_memos).remove(&uri);
        lock(&self.state.generations).remove(&uri);
        lock(&self.state.lens_cursor).remove(&uri);
        self.state.forget_check_lock(&uri);
        publish::clear(&self.state, &uri);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        // queued: read off the request path, each path once however often reported
        for change in params.changes {
            if let Some(p) = uri_to_path(&change.uri) {
                indexing::file_changed(&self.state, p);
            }
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // clients that can be asked send null here: ask them
        match params.settings {
            Value::Null => {
                self.keep_pulled(self.pull_configuration().await);
            }
            v => {
                let mut ws = write(&self.state.workspace);
                ws.client_options = Some(v);
                ws.folder_options.clear();
            }
        }
        tokio::spawn(indexing::reconfigure(self.state.clone(), self.client.clone()));
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut ws = write(&self.state.workspace);
            let removed: Vec<PathBuf> = params.event.removed.iter().filter_map(|f| uri_to_path(&f.uri)).collect();
            ws.folders.retain(|f| !removed.contains(f));
            for p in params.event.added.iter().filter_map(|f| uri_to_path(&f.uri)) {
                if !ws.folders.contains(&p) {
                    ws.folders.push(p);
                }
            }
        }
        tracing::info!("workspace folders changed: {:?}", read(&self.state.workspace).folders);
        for p in indexing::configure(&self.state) {
            self.client.show_message(MessageType::WARNING, format!("sourcecheck: {p}")).await;
        }
        if self.keep_pulled(self.pull_configuration().await) {
            indexing::configure(&self.state);
        }
        self.watch_sources().await;
        tokio::spawn(indexing::full_index(self.state.clone(), self.client.clone()));
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let pos = params.text_document_position_params.position;
        let Some(a) = self.analysis(&uri) else { return Ok(None) };
        let doc = Doc { text: &a.text, lines: &a.lines, encoding: self.state.encoding() };
        let offset = doc.offset(pos);
        let card = |value: String, range| Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
            range: Some(range),
        };
        if let Some(f) = navigation::figure_at(&a, offset) {
            return Ok(Some(card(hover::figure_card(f, &a.check, &a.text), doc.range(&f.figure.span))));
        }
        let Some((c, src)) = navigation::citation_at(&a, offset) else { return Ok(None) };
        Ok(Some(card(hover::citation_card(src, a.check.short_id(&src.id)), doc.range(&c.range))))
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let uri = params.text_document_position_params.text_document.uri;
        let pos = params.text_document_position_params.position;
        let Some(a) = self.analysis(&uri) else { return Ok(None) };
        let encoding = self.state.encoding();
        let doc = Doc { text: &a.text, lines: &a.lines, encoding };
        let offset = doc.offset(pos);
        if let Some(f) = navigation::figure_at(&a, offset) {
            return Ok(navigation::figure_definition(f, &doc, encoding, self.state.caps().link_support));
        }
        Ok(navigation::citation_at(&a, offset).and_then(|(_, src)| navigation::citation_definition(src, encoding)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(a) = self.analysis(&uri) else { return Ok(None) };
        let doc = Doc { text: &a.text, lines: &a.lines, encoding: self.state.encoding() };
        let range = doc.offset(params.range.start)..doc.offset(params.range.end);
        let root = self.state.root_of(uri_to_path(&uri).as_deref());
        let corpus = read(&root.corpus);
        Ok(Some(actions::actions(&a, &doc, &uri, range, &params.context.diagnostics, &corpus)))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = params.text_document_position.text_document.uri;
        let pos = params.text_document_position.position;
        let Some(text) = lock(&self.state.docs).get(&uri).map(|d| d.text()) else { return Ok(None) };
        let lines = crate::text::lines::LineIndex::new(&text);
        let doc = Doc { text: &text, lines: &lines, encoding: self.state.encoding() };
        let Some((key, typed)) = completion::key_at(&text, doc.offset(pos)) else { return Ok(None) };
        let root = self.state.root_of(uri_to_path(&uri).as_deref());
        let corpus = read(&root.corpus);
        Ok(Some(CompletionResponse::List(completion::items(&corpus, typed, doc.range(&key)))))
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        // the item names its source by path: the folder whose corpus has it
        let path = item.data.as_ref().and_then(|d| d.get("path")).and_then(Value::as_str).map(PathBuf::from);
        match path.and_then(|p| self.state.source_root(&p)) {
            Some((root, _)) => Ok(completion::resolve(&read(&root.corpus), item)),
            None => Ok(item),
        }
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let uri = &params.text_document.uri;
        let root = self.state.root_of(uri_to_path(uri).as_deref());
        if !root.config.inlay_hints {
            return Ok(None);
        }
        let Some(a) = self.analysis(uri) else { return Ok(None) };
        let doc = Doc { text: &a.text, lines: &a.lines, encoding: self.state.encoding() };
        let range = doc.offset(params.range.start)..doc.offset(params.range.end);
        let hints = inlay::hints(&a, &doc, range, &read(&root.corpus));
        Ok(Some(hints))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        if let Some(a) = self.analysis(&uri) {
            return Ok(Some(vec![lens::lens(&a, &uri)]));
        }
        // a source file: how many figures of the open notes it bears on
        let Some(path) = uri_to_path(&uri) else { return Ok(None) };
        if self.state.source_root(&path).is_none() {
            return Ok(None);
        }
        Ok(Some(vec![lens::source_lens(&navigation::open_references(&self.state, &path))]))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command != lens::NEXT_CONTRADICTED {
            return Err(Error::invalid_params(format!("sourcecheck: unknown command {}", params.command)));
        }
        let Some(uri) = params.arguments.first().and_then(|v| v.as_str()).and_then(|s| s.parse::<Uri>().ok()) else {
            return Err(Error::invalid_params(format!(
                "sourcecheck: {} needs the note's URI",
                lens::NEXT_CONTRADICTED
            )));
        };
        let Some(a) = self.analysis(&uri) else { return Ok(None) };
        let doc = Doc { text: &a.text, lines: &a.lines, encoding: self.state.encoding() };
        let last = lock(&self.state.lens_cursor).get(&uri).copied();
        let Some((index, range)) = lens::next_contradicted(&a, &doc, last) else { return Ok(None) };
        lock(&self.state.lens_cursor).insert(uri.clone(), index);
        if self.state.caps().show_document {
            let show =
                ShowDocumentParams { uri: uri.clone(), external: None, take_focus: Some(true), selection: Some(range) };
            if let Err(e) = self.client.show_document(show).await {
                tracing::warn!("client could not show the next contradicted figure: {e}");
            }
        }
        Ok(serde_json::to_value(Location { uri, range }).ok())
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some(a) = self.analysis(&params.text_document.uri) else { return Ok(None) };
        let doc = Doc { text: &a.text, lines: &a.lines, encoding: self.state.encoding() };
        Ok(Some(DocumentSymbolResponse::Nested(symbols::document(&a, &doc))))
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let Some(a) = self.analysis(&params.text_document.uri) else { return Ok(None) };
        let doc = Doc { text: &a.text, lines: &a.lines, encoding: self.state.encoding() };
        Ok(Some(navigation::citation_links(&a, &doc)))
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let mut found: Vec<SymbolInformation> = Vec::new();
        for root in super::roots::distinct_corpora(&self.state.roots()) {
            let more =
                symbols::workspace(&read(&root.corpus), &params.query, &root.settings.synonyms, self.state.encoding());
            // a source two corpora share is listed once
            let new: Vec<SymbolInformation> =
                more.into_iter().filter(|s| !found.iter().any(|f| f.location == s.location)).collect();
            found.extend(new);
        }
        Ok(Some(WorkspaceSymbolResponse::Flat(found)))
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        Ok(super::pull::document(&self.state, params).await)
    }

    async fn workspace_diagnostic(&self, params: WorkspaceDiagnosticParams) -> Result<WorkspaceDiagnosticReportResult> {
        let state = self.state.clone();
        tokio::task::spawn_blocking(move || super::pull::workspace(&state, params)).await.map_err(|e| Error {
            code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
            message: format!("sourcecheck: workspace diagnostics failed: {e}").into(),
            data: None,
        })
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let uri = params.text_document_position.text_document.uri;
        let pos = params.text_document_position.position;
        // on a citation in a note: every note figure the cited source bears on
        let cited = self.analysis(&uri).and_then(|a| {
            let doc = Doc { text: &a.text, lines: &a.lines, encoding: self.state.encoding() };
            navigation::citation_at(&a, doc.offset(pos)).map(|(_, src)| src.path.clone())
        });
        let Some(path) = uri_to_path(&uri) else { return Ok(None) };
        let state = self.state.clone();
        let encoding = state.encoding();
        let job = tokio::task::spawn_blocking(move || {
            if let Some(source) = cited {
                return Some(navigation::references(&state, &source, None));
            }
            let (_, src) = state.source_root(&path)?;
            let offset = source_offset(&src, pos, encoding);
            let fig = offset.and_then(|o| navigation::source_figure_at(&src, o));
            if fig.is_none() && !navigation::on_title_line(pos.line) {
                return None;
            }
            Some(navigation::references(&state, &src.path, fig))
        });
        match job.await {
            Ok(r) => Ok(r),
            Err(e) => Err(Error {
                code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
                message: format!("sourcecheck: references failed: {e}").into(),
                data: None,
            }),
        }
    }
}
