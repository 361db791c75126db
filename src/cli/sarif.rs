//! `check --format sarif`: a SARIF 2.1.0 log for code-scanning uploads.
//!
//! One rule per diagnostic code, its default level the configured one; one
//! result per finding (codes set to `off` are left out) at the figure or
//! citation, with a related location at each passage of evidence. Paths are
//! relative to `%SRCROOT%`, the workspace root. Regions are 1-based and
//! columns count UTF-16 code units (SARIF's default `columnKind`, stated in
//! the run). Fingerprints hash what a result says, not where it is, so they
//! survive edits elsewhere in the note.

use super::findings::Finding;
use crate::config::{Code, Level, Severity};
use crate::corpus::Source;
use crate::report::collapse;
use crate::text::lines::{ColumnUnit, LineCol, LineIndex};
use crate::workspace::{relative_to, Workspace};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const ROOT_ID: &str = "%SRCROOT%";
const FINGERPRINT: &str = "sourcecheck/v1";

/// Characters a path segment keeps unescaped (RFC 3986 unreserved).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

pub struct Log {
    root: PathBuf,
    severity: Severity,
    results: Vec<Value>,
    /// How often each fingerprint's content was seen, to tell repeats apart.
    seen: HashMap<String, usize>,
}

impl Log {
    pub fn new(ws: &Workspace) -> Log {
        Log { root: ws.root.clone(), severity: ws.config.severity.clone(), results: Vec::new(), seen: HashMap::new() }
    }

    /// Adds the findings of the note at `path` (its text `text`).
    pub fn add_note(&mut self, path: &Path, text: &str, found: &[Finding]) {
        let index = LineIndex::new(text);
        let mut results = Vec::new();
        for f in found {
            let mut result = json!({
                "ruleId": f.code.name(),
                "ruleIndex": rule_index(f.code),
                "level": level(f.level),
                "message": { "text": f.message },
                "locations": [self.location(path, text, &index, &f.range)],
            });
            if let Some(fig) = f.figure.filter(|_| f.code.is_verdict()) {
                let j = &fig.judgement;
                let related: Vec<Value> = j
                    .evidence
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| {
                        let mut loc = self.source_location(&e.source, &e.source_figure().figure.span())?;
                        loc["id"] = json!(i + 1);
                        loc["message"] = json!({ "text": collapse(e.sentence()) });
                        Some(loc)
                    })
                    .collect();
                if !related.is_empty() {
                    result["relatedLocations"] = Value::Array(related);
                }
                if !j.notes.is_empty() {
                    result["properties"] = json!({ "notes": j.notes });
                }
            }
            let content = format!("{}\n{}\n{}", f.code.name(), self.uri(path).0, context(text, f));
            result["partialFingerprints"] = json!({ FINGERPRINT: self.fingerprint(content) });
            results.push(result);
        }
        self.results.extend(results);
    }

    /// The whole log.
    pub fn finish(self) -> Value {
        let rules: Vec<Value> = Code::ALL.iter().map(|&c| rule(c, self.severity.of(c))).collect();
        let mut driver = json!({ "name": "sourcecheck", "version": env!("CARGO_PKG_VERSION"), "rules": rules });
        // the package's homepage, when Cargo.toml names one
        if !env!("CARGO_PKG_HOMEPAGE").is_empty() {
            driver["informationUri"] = json!(env!("CARGO_PKG_HOMEPAGE"));
        }
        json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": driver },
                "originalUriBaseIds": { ROOT_ID: { "uri": format!("{}/", file_uri(&self.root).trim_end_matches('/')) } },
                "columnKind": "utf16CodeUnits",
                "results": self.results,
            }]
        })
    }

    /// A location in a note: its whole text is at hand.
    fn location(&self, path: &Path, text: &str, index: &LineIndex, range: &Range<usize>) -> Value {
        let at = |o| index.line_col(text, o, ColumnUnit::Utf16);
        self.region(path, (at(range.start), at(range.end)), &text[range.clone()])
    }

    /// A location in a source: only its kept excerpts have positions.
    fn source_location(&self, src: &Source, range: &Range<usize>) -> Option<Value> {
        let at = |o| src.line_col(o, ColumnUnit::Utf16);
        Some(self.region(&src.path, (at(range.start)?, at(range.end)?), src.text_of(range.clone())?))
    }

    fn region(&self, path: &Path, (start, end): (LineCol, LineCol), snippet: &str) -> Value {
        let (uri, base) = self.uri(path);
        let mut artifact = json!({ "uri": uri });
        if base {
            artifact["uriBaseId"] = json!(ROOT_ID);
        }
        json!({ "physicalLocation": {
            "artifactLocation": artifact,
            "region": {
                "startLine": start.line + 1,
                "startColumn": start.col + 1,
                "endLine": end.line + 1,
                "endColumn": end.col + 1,
                "snippet": { "text": snippet },
            },
        }})
    }

    /// The path as a URI relative to the root (true), or an absolute file
    /// URI when it lies outside (false).
    fn uri(&self, path: &Path) -> (String, bool) {
        match relative_to(&self.root, path) {
            Some(rel) => (encode_segments(&rel), true),
            None => (file_uri(&self.root.join(path)), false),
        }
    }

    /// A hash of the result's content, numbered when the same content
    /// recurs, so each result keeps its fingerprint from run to run.
    fn fingerprint(&mut self, content: String) -> String {
        let n = self.seen.entry(content.clone()).or_insert(0);
        *n += 1;
        let digest = Sha256::digest(format!("{content}\n{n}").as_bytes());
        digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
    }
}

/// What identifies a finding within its note: the message and the words of
/// the figure's sentence (or the citation key).
fn context(text: &str, f: &Finding) -> String {
    let words = match f.figure {
        Some(fig) => {
            format!("{}\n{}", collapse(&text[fig.figure.span.clone()]), collapse(&text[fig.figure.sentence.clone()]))
        }
        None => collapse(&text[f.range.clone()]),
    };
    format!("{}\n{words}", f.message)
}

fn rule_index(code: Code) -> usize {
    Code::ALL.iter().position(|&c| c == code).unwrap_or(0)
}

/// SARIF's levels: information and hint are both `note`.
fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Information | Level::Hint => "note",
        Level::Off => "none",
    }
}

fn rule(code: Code, configured: Level) -> Value {
    let (short, full) = match code {
        Code::Contradicted => (
            "A figure the sources contradict",
            "Sources give a figure for the same measure, of the same kind and time, and none of their intervals overlaps the note's figure.",
        ),
        Code::Unsourced => (
            "A figure no source speaks of",
            "No source gives a figure of the same kind and time about the same subject, so the note's figure cannot be checked.",
        ),
        Code::Supported => (
            "A figure a source supports",
            "A source gives a figure for the same measure, of the same kind and time, whose interval overlaps the note's figure.",
        ),
        Code::UnknownCitation => (
            "A citation that names no source",
            "The citation key or link matches no source file, or matches more than one.",
        ),
        Code::CitationMismatch => (
            "A figure its cited source does not give",
            "The figure is cited to a source that does not support it, while another source does.",
        ),
        Code::Inconsistent => (
            "A figure another note states otherwise",
            "Another note gives a figure for the same measure, of the same kind and time, and the two intervals do not overlap, whatever the sources say.",
        ),
    };
    let mut config = json!({ "level": level(configured) });
    if configured == Level::Off {
        config["enabled"] = json!(false);
    }
    json!({
        "id": code.name(),
        "name": code.name(),
        "shortDescription": { "text": short },
        "fullDescription": { "text": full },
        "defaultConfiguration": config,
    })
}

/// `a b/c.md` → `a%20b/c.md`.
fn encode_segments(rel: &Path) -> String {
    let segments: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(utf8_percent_encode(&s.to_string_lossy(), SEGMENT).to_string()),
            _ => None,
        })
        .collect();
    segments.join("/")
}

/// `/w/a b` → `file:///w/a%20b`.
fn file_uri(abs: &Path) -> String {
    format!("file:///{}", encode_segments(abs))
}
