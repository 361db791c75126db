//! What the two sides can do: the client's capabilities as the server
//! keeps them, the workspace folders it named, and what the server offers
//! (pull diagnostics only to a client that pulls and can be told to pull
//! again).

use super::convert::{uri_to_path, Encoding};
use super::lens;
use super::state::ClientCaps;
use std::path::PathBuf;
use tower_lsp_server::ls_types::*;

/// Every workspace folder the client named (else its root URI).
pub fn folders_of(params: &InitializeParams) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for p in params.workspace_folders.iter().flatten().filter_map(|f| uri_to_path(&f.uri)) {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    #[allow(deprecated)]
    if out.is_empty() {
        out.extend(params.root_uri.as_ref().and_then(uri_to_path));
    }
    out
}

/// What the client can do, and the position encoding to use.
pub fn of_client(params: &InitializeParams) -> (ClientCaps, Encoding) {
    let c = &params.capabilities;
    let td = c.text_document.as_ref();
    let caps = ClientCaps {
        link_support: td.and_then(|t| t.definition.as_ref()).and_then(|d| d.link_support).unwrap_or(false),
        work_done_progress: c.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
        dynamic_watchers: c
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        related_information: td
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(true),
        configuration: c.workspace.as_ref().and_then(|w| w.configuration).unwrap_or(false),
        show_document: c.window.as_ref().and_then(|w| w.show_document.as_ref()).is_some_and(|s| s.support),
        code_lens_refresh: c
            .workspace
            .as_ref()
            .and_then(|w| w.code_lens.as_ref())
            .and_then(|l| l.refresh_support)
            .unwrap_or(false),
        pull_diagnostics: super::pull::client_pulls(c),
        inlay_hint_refresh: c
            .workspace
            .as_ref()
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|l| l.refresh_support)
            .unwrap_or(false),
    };
    let offers_utf8 = c
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|encs| encs.contains(&PositionEncodingKind::UTF8));
    (caps, if offers_utf8 { Encoding::Utf8 } else { Encoding::Utf16 })
}

/// The server's capabilities for a client of `encoding` that pulls
/// diagnostics or not.
pub fn offered(encoding: Encoding, pulls: bool) -> InitializeResult {
    let position_encoding = Some(match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
    });
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding,
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["@".to_string()]),
                resolve_provider: Some(true),
                ..Default::default()
            }),
            inlay_hint_provider: Some(OneOf::Left(true)),
            code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![lens::NEXT_CONTRADICTED.to_string()],
                ..Default::default()
            }),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            document_link_provider: Some(DocumentLinkOptions {
                resolve_provider: Some(false),
                work_done_progress_options: Default::default(),
            }),
            diagnostic_provider: pulls.then(super::pull::provider),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..Default::default()
        },
        server_info: Some(ServerInfo {
            name: "sourcecheck".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        offset_encoding: None,
    }
}
