//! Publishing a note's diagnostics: serialized once, on the thread that
//! built them, straight to JSON bytes; compared by fingerprint with what the
//! client last received (so an unchanged set is not sent again); written
//! through the transport's [`Outbox`](super::transport::Outbox), never as a
//! `serde_json::Value`.

use super::state::{lock, State};
use std::hash::{Hash, Hasher};
use tower_lsp_server::ls_types::Uri;

const METHOD: &str = "textDocument/publishDiagnostics";

/// A note's diagnostics as JSON, ready to send: the params in three parts,
/// so that the megabyte in the middle is written as it is, never copied.
pub struct Prepared {
    /// Fingerprint of the diagnostics alone (not the version).
    fingerprint: u64,
    /// `{"uri":…,"diagnostics":`
    head: Vec<u8>,
    /// The diagnostics, a JSON array.
    diagnostics: Vec<u8>,
    /// `,"version":…}` or `}`
    tail: Vec<u8>,
}

impl Prepared {
    fn into_params(self) -> Vec<Vec<u8>> {
        vec![self.head, self.diagnostics, self.tail]
    }

    /// The fingerprint and the diagnostics (a JSON array), for a pull.
    pub fn into_parts(self) -> (u64, Vec<u8>) {
        (self.fingerprint, self.diagnostics)
    }
}

/// The params for `uri` at `version` around `diagnostics`, a JSON array.
pub fn prepare(uri: &Uri, version: Option<i32>, diagnostics: Vec<u8>) -> Prepared {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    diagnostics.hash(&mut h);
    let uri_json = serde_json::to_string(uri.as_str()).unwrap_or_default();
    let head = format!("{{\"uri\":{uri_json},\"diagnostics\":").into_bytes();
    let tail = version.map_or_else(|| "}".to_string(), |v| format!(",\"version\":{v}}}")).into_bytes();
    Prepared { fingerprint: h.finish(), head, diagnostics, tail }
}

/// Sends `prepared` unless the client already has exactly these diagnostics
/// for `uri`; returns whether it was sent.
pub fn send_if_changed(state: &State, uri: &Uri, prepared: Prepared) -> bool {
    {
        let mut published = lock(&state.published);
        if published.get(uri) == Some(&prepared.fingerprint) {
            return false;
        }
        published.insert(uri.clone(), prepared.fingerprint);
    }
    state.outbox().notify(METHOD, prepared.into_params())
}

/// Clears what `uri` showed, if it showed anything (a closed or ignored note).
pub fn clear(state: &State, uri: &Uri) {
    state.pull.forget(uri);
    if lock(&state.published).remove(uri).is_some() {
        let empty = prepare(uri, None, b"[]".to_vec());
        state.outbox().notify(METHOD, empty.into_params());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{
        Diagnostic, DiagnosticSeverity, NumberOrString, Position, PublishDiagnosticsParams, Range,
    };

    fn diag(line: u32, message: &str) -> Diagnostic {
        Diagnostic {
            range: Range::new(Position::new(line, 2), Position::new(line, 7)),
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String("contradicted".into())),
            source: Some("sourcecheck".into()),
            message: message.into(),
            ..Default::default()
        }
    }

    fn json(d: &[Diagnostic]) -> Vec<u8> {
        serde_json::to_vec(d).expect("serializes")
    }

    fn uri() -> Uri {
        "file:///tmp/n%C3%B6te.md".parse().expect("a uri")
    }

    #[test]
    fn the_params_are_what_the_protocol_library_would_send() {
        let diags = vec![diag(3, "Contradicted: \"quoted\" — 12 → 13\n2nd line"), diag(9, "é😀")];
        for version in [Some(7), None, Some(-1)] {
            let p = prepare(&uri(), version, json(&diags));
            let ours: serde_json::Value = serde_json::from_slice(&p.into_params().concat()).expect("json");
            let theirs =
                serde_json::to_value(PublishDiagnosticsParams::new(uri(), diags.clone(), version)).expect("serializes");
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn the_fingerprint_ignores_the_version_and_sees_every_change() {
        let a = vec![diag(3, "one"), diag(9, "two")];
        let fp = |v, d: &[Diagnostic]| prepare(&uri(), v, json(d)).fingerprint;
        assert_eq!(fp(Some(2), &a), fp(Some(3), &a));
        assert_eq!(fp(Some(2), &a), fp(Some(1234567), &a));
        assert_ne!(fp(Some(2), &a), fp(Some(2), &a[..1]));
        assert_ne!(fp(Some(2), &a), fp(Some(2), &[diag(3, "one"), diag(10, "two")]));
        assert_ne!(fp(Some(2), &a), fp(Some(2), &[]));
    }

    #[test]
    fn a_set_is_sent_once_until_it_changes_and_a_clear_only_when_something_showed() {
        let (outbox, sent) = super::super::transport::capture();
        let state = State::new();
        state.connect(outbox);
        let send = |v, d: &[Diagnostic]| send_if_changed(&state, &uri(), prepare(&uri(), Some(v), json(d)));
        assert!(send(1, &[diag(1, "x")]));
        assert!(!send(2, &[diag(1, "x")]), "unchanged: not sent again");
        assert!(send(3, &[diag(1, "y")]));
        clear(&state, &uri());
        clear(&state, &uri());
        let bodies: Vec<serde_json::Value> = std::iter::from_fn(sent)
            .map(|f| {
                let at = f.windows(4).position(|w| w == b"\r\n\r\n").expect("a header") + 4;
                let header = std::str::from_utf8(&f[..at]).expect("ascii");
                assert_eq!(header, format!("Content-Length: {}\r\n\r\n", f.len() - at));
                serde_json::from_slice(&f[at..]).expect("json")
            })
            .collect();
        assert_eq!(bodies.len(), 3, "two sets and one clear: {bodies:?}");
        assert_eq!(bodies[0]["method"], "textDocument/publishDiagnostics");
        assert_eq!(bodies[0]["params"]["version"], 1);
        assert_eq!(bodies[1]["params"]["diagnostics"][0]["message"], "y");
        assert_eq!(bodies[2]["params"], serde_json::json!({"uri": uri().as_str(), "diagnostics": []}));
    }
}
