//! Whether a JSON body is a message the protocol library can take. The
//! library reads every message as a request or a response and stops reading
//! input at the first that is neither, so the guard asks first, with types
//! that mirror the library's own (`tower_lsp_server::jsonrpc::{Request,
//! Response, Error, Id}`: the same fields, defaults and variants) but skip
//! the parameters and results instead of building them (a didOpen holds a
//! whole document).

use serde::de::{Deserializer, Error as _, IgnoredAny};
use serde::Deserialize;
use std::borrow::Cow;

/// What a body is, for the guard.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// A request, notification or response: passed on.
    Message,
    /// JSON, but no message: answered with Invalid Request (-32600), with
    /// the id when it is one a reply can carry (else null), and why.
    Invalid { id: serde_json::Value, why: String },
    /// Not JSON at all: answered with a parse error (-32700).
    NotJson(String),
}

/// Reads `body` as the protocol library would, without building it.
pub fn classify(body: &[u8]) -> Verdict {
    let as_response = serde_json::from_slice::<ResponseShape>(body);
    if as_response.is_ok() {
        return Verdict::Message;
    }
    match serde_json::from_slice::<RequestShape>(body) {
        Ok(_) => Verdict::Message,
        Err(request_error) => {
            if let Err(e) = serde_json::from_slice::<IgnoredAny>(body) {
                return Verdict::NotJson(e.to_string());
            }
            type AnyObject<'a> = std::collections::HashMap<Cow<'a, str>, IgnoredAny>;
            if serde_json::from_slice::<AnyObject>(body).is_err() {
                // (a struct reads from an array too: `[1]` is no id 1)
                let why = "a message must be a JSON object".into();
                return Verdict::Invalid { id: serde_json::Value::Null, why };
            }
            Verdict::Invalid { id: readable_id(body), why: why_invalid(request_error) }
        }
    }
}

/// The reason a JSON object is no message: the request reading's complaint.
fn why_invalid(request_error: serde_json::Error) -> String {
    // serde's message without its line and column (one line, always)
    let text = request_error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The body's `id` when it is one a response can carry (an integer that
/// fits in i64, or a string); null otherwise, as JSON-RPC asks. `body` is
/// a JSON object.
fn readable_id(body: &[u8]) -> serde_json::Value {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        id: Option<serde_json::Value>,
    }
    match serde_json::from_slice::<Probe>(body).ok().and_then(|p| p.id) {
        Some(id) if id.is_i64() || id.is_string() => id,
        _ => serde_json::Value::Null,
    }
}

/// `"jsonrpc": "2.0"` and nothing else.
struct Version;

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let version = Cow::<str>::deserialize(d)?;
        match version.as_ref() {
            "2.0" => Ok(Version),
            _ => Err(D::Error::custom("expected JSON-RPC version \"2.0\"")),
        }
    }
}

/// `jsonrpc::Id`: an i64, a string or null.
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // read only to be checked
enum IdShape {
    Number(i64),
    String(String),
    Null,
}

fn some<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// `jsonrpc::Request`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct RequestShape {
    jsonrpc: Version,
    #[serde(default)]
    method: String,
    #[serde(default, deserialize_with = "some")]
    params: Option<IgnoredAny>,
    #[serde(default, deserialize_with = "some")]
    id: Option<IdShape>,
}

/// `jsonrpc::Response`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct ResponseShape {
    jsonrpc: Version,
    #[serde(flatten)]
    kind: KindShape,
    id: IdShape,
}

#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum KindShape {
    Ok { result: IgnoredAny },
    Err { error: ErrorShape },
}

/// `jsonrpc::Error`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ErrorShape {
    code: i64,
    message: String,
    #[serde(default)]
    data: Option<IgnoredAny>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What the protocol library itself makes of `body`: a request or a
    /// response, or neither (its `Message` is private; it tries these two).
    fn library_takes(body: &str) -> bool {
        serde_json::from_str::<tower_lsp_server::jsonrpc::Response>(body).is_ok()
            || serde_json::from_str::<tower_lsp_server::jsonrpc::Request>(body).is_ok()
    }

    const CASES: &[&str] = &[
        r#"{}"#,
        r#"{"jsonrpc":"2.0"}"#,
        r#"{"jsonrpc":"2.0","id":9223372036854775808,"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":-9223372036854775808,"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":true,"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":null,"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":"a","method":"x","params":{"deep":[1,2,{"x":null}]}}"#,
        r#"{"jsonrpc":"1.0","id":3,"method":"x"}"#,
        r#"{"jsonrpc":2.0,"id":3,"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":4,"method":5}"#,
        r#"{"jsonrpc":"2.0","method":"x","params":null}"#,
        r#"{"jsonrpc":"2.0","id":1,"result":null}"#,
        r#"{"jsonrpc":"2.0","id":1,"error":{"code":-1,"message":"m"}}"#,
        r#"{"jsonrpc":"2.0","id":1,"error":{"code":-1,"message":"m","extra":1}}"#,
        r#"{"jsonrpc":"2.0","id":1,"error":{"code":1.5,"message":"m"}}"#,
        r#"{"jsonrpc":"2.0","id":1,"method":"x","id":2}"#,
        r#"{"jsonrpc":"2.0","method":"x","unknown":[1]}"#,
        r#"[1]"#,
        r#"42"#,
        r#""text""#,
        r#"null"#,
    ];

    #[test]
    fn a_body_passes_exactly_when_the_protocol_library_takes_it() {
        for body in CASES {
            let passes = classify(body.as_bytes()) == Verdict::Message;
            assert_eq!(passes, library_takes(body), "{body}");
        }
    }

    #[test]
    fn an_invalid_message_keeps_its_id_only_when_a_reply_can_carry_it() {
        let id = |body: &str| match classify(body.as_bytes()) {
            Verdict::Invalid { id, .. } => id,
            other => panic!("{body}: {other:?}"),
        };
        assert_eq!(id(r#"{"jsonrpc":"1.0","id":3,"method":"x"}"#), json!(3));
        assert_eq!(id(r#"{"jsonrpc":"2.0","id":"abc","method":5}"#), json!("abc"));
        assert_eq!(id(r#"{"jsonrpc":"2.0","id":9223372036854775808,"method":"x"}"#), json!(null));
        assert_eq!(id(r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#), json!(null));
        assert_eq!(id(r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#), json!(null));
        assert_eq!(id(r#"{}"#), json!(null));
        assert_eq!(id(r#"[1]"#), json!(null));
    }

    #[test]
    fn the_reason_names_what_was_wrong() {
        let why = |body: &str| match classify(body.as_bytes()) {
            Verdict::Invalid { why, .. } => why,
            other => panic!("{body}: {other:?}"),
        };
        assert_eq!(why(r#"{}"#), "missing field `jsonrpc`");
        assert_eq!(why(r#"{"jsonrpc":"1.0","id":3}"#), "expected JSON-RPC version \"2.0\"");
        assert_eq!(why(r#"[1]"#), "a message must be a JSON object");
        assert!(matches!(classify(b"{bad}"), Verdict::NotJson(_)));
    }
}
