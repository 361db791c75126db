//! Client settings (initializationOptions, workspace/configuration and
//! didChangeConfiguration) merged over sourcecheck.toml: same keys, camelCase
//! or snake_case; unknown keys (also inside `severity`) are reported by
//! name and ignored; a bad value is an error naming it.

use crate::config::{Code, Config, IgnorePatterns};
use serde_json::{Map, Value};

const KNOWN: &[&str] =
    &["sources", "synonyms", "roundTolerance", "round_tolerance", "severity", "inlayHints", "inlay_hints", "ignore"];
const SEVERITY_KEYS: &[&str] = &["contradicted", "unsourced", "supported", "citation"];

/// Applies `opts` over `config`; returns the unknown keys.
pub fn merge(config: &mut Config, opts: &Value) -> Result<Vec<String>, String> {
    let Some(obj) = opts.as_object() else {
        return if opts.is_null() { Ok(Vec::new()) } else { Err("expected an object".to_string()) };
    };
    // `{ "sourcecheck": { ... } }` as sent by some clients
    let obj = match obj.get("sourcecheck").and_then(Value::as_object) {
        Some(inner) => inner,
        None => obj,
    };
    let mut unknown: Vec<String> =
        obj.keys().filter(|k| !KNOWN.contains(&k.as_str()) && k.as_str() != "trace").cloned().collect();
    let mut known = Map::new();
    for (k, v) in obj {
        if KNOWN.contains(&k.as_str()) && !v.is_null() {
            known.insert(k.clone(), v.clone());
        }
    }
    // start from the file's values, then overwrite with the client's
    let mut base = serde_json::to_value(SerConfig::from(&*config)).map_err(|e| e.to_string())?;
    if let (Some(b), Some(sev)) = (base.as_object_mut(), known.get("severity").and_then(Value::as_object)) {
        let mut merged = b.get("severity").and_then(Value::as_object).cloned().unwrap_or_default();
        for (k, v) in sev {
            if SEVERITY_KEYS.contains(&k.as_str()) {
                merged.insert(k.clone(), v.clone());
            } else {
                unknown.push(format!("severity.{k}"));
            }
        }
        known.insert("severity".to_string(), Value::Object(merged));
    }
    if let Some(b) = base.as_object_mut() {
        for (k, v) in known {
            let key = match k.as_str() {
                "round_tolerance" => "roundTolerance".to_string(),
                "inlay_hints" => "inlayHints".to_string(),
                _ => k,
            };
            b.insert(key, v);
        }
    }
    let merged: Config = serde_json::from_value(base).map_err(|e| e.to_string())?;
    merged.validate()?;
    *config = merged;
    Ok(unknown)
}

/// The serialisable mirror of `Config` (camelCase keys).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SerConfig {
    sources: Option<Vec<String>>,
    synonyms: Vec<Vec<String>>,
    round_tolerance: Option<f64>,
    severity: Map<String, Value>,
    inlay_hints: bool,
    ignore: IgnorePatterns,
}

impl From<&Config> for SerConfig {
    fn from(c: &Config) -> Self {
        let level = |code: Code| Value::String(c.severity.of(code).name().to_string());
        let mut severity = Map::new();
        severity.insert("contradicted".into(), level(Code::Contradicted));
        severity.insert("unsourced".into(), level(Code::Unsourced));
        severity.insert("supported".into(), level(Code::Supported));
        severity.insert("citation".into(), level(Code::UnknownCitation));
        SerConfig {
            sources: c.sources.as_ref().map(|v| v.iter().map(|p| p.display().to_string()).collect()),
            synonyms: c.synonyms.clone(),
            round_tolerance: c.round_tolerance,
            severity,
            inlay_hints: c.inlay_hints,
            ignore: c.ignore.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Level;

    #[test]
    fn client_options_override_the_file_and_report_unknown_keys() {
        let mut c = Config::parse("sources = [\"a\"]\n[severity]\nunsourced = \"hint\"\n").unwrap();
        let unknown =
            merge(&mut c, &serde_json::json!({"severity": {"supported": "off"}, "inlayHints": true, "colour": 1}))
                .unwrap();
        assert_eq!(unknown, ["colour"]);
        assert_eq!(c.sources, Some(vec!["a".into()]));
        assert_eq!(c.severity.unsourced, Level::Hint);
        assert_eq!(c.severity.supported, Level::Off);
        assert!(c.inlay_hints);
    }

    #[test]
    fn ignore_patterns_merge_and_nested_unknown_keys_are_named() {
        let mut c = Config::parse("ignore = [\"drafts\"]\n").unwrap();
        let unknown = merge(
            &mut c,
            &serde_json::json!({"sourcecheck": {"severity": {"contradicte": "off"}, "round_tolerance": 0.05}}),
        )
        .unwrap();
        assert_eq!(unknown, ["severity.contradicte"]);
        assert_eq!(c.ignore.patterns(), ["drafts"]);
        assert_eq!(c.round_tolerance, Some(0.05));
        assert_eq!(c.severity.contradicted, Level::Warning);
        merge(&mut c, &serde_json::json!({"ignore": ["archive/**"]})).unwrap();
        assert_eq!(c.ignore.patterns(), ["archive/**"]);
        let err = merge(&mut c, &serde_json::json!({"ignore": ["[x-"]})).unwrap_err();
        assert!(err.contains("ignore pattern \"[x-\""), "{err}");
        let err = merge(&mut c, &serde_json::json!({"roundTolerance": 2.0})).unwrap_err();
        assert!(err.contains("round_tolerance must be between 0 and 1"), "{err}");
        // a rejected merge leaves the configuration as it was
        assert_eq!(c.ignore.patterns(), ["archive/**"]);
        assert_eq!(c.round_tolerance, Some(0.05));
    }
}
