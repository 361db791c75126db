//! Verdicts as diagnostics: severity per verdict from the configuration,
//! a `code` per kind, relatedInformation pointing at each passage; written
//! straight to the JSON array that `publish` sends.
//!
//! A figure's diagnostic apart from its range depends only on its judgement,
//! and a judgement is shared (`Arc`) for as long as its sentence is
//! unchanged: the serialized body is kept per judgement in a [`Memo`], so a
//! keystroke builds one figure's diagnostic, not a thousand.

use super::convert::{path_to_uri, source_range, Doc, Encoding};
use super::state::Analysis;
use crate::check::{FigureCheck, NoteCheck};
use crate::config::{Code, Level, Severity};
use crate::verdict::{Evidence, Judgement, Stance};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use tower_lsp_server::ls_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, Range, Uri};

/// Passages listed under a diagnostic (hover and definition list them all).
const RELATED_PASSAGES: usize = 3;

/// A judgement (held, so that its address stays its own), the source that
/// newly contradicts it if any, and its serialized diagnostic body, none
/// when its level is off.
type Kept = (Arc<Judgement>, Option<String>, Option<Arc<[u8]>>);

/// Serialized diagnostic bodies (all but the range) by judgement, for the
/// settings they were made with.
#[derive(Default)]
pub struct Memo {
    made_with: Option<(Severity, bool, Encoding)>,
    /// Keyed by the judgement's address; the `Arc` held keeps it unique.
    bodies: HashMap<usize, Kept>,
}

/// What a diagnostic says, apart from where.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    severity: DiagnosticSeverity,
    code: &'a str,
    source: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_information: Option<Vec<DiagnosticRelatedInformation>>,
}

/// The configured severity of `code`; none when it is off.
fn severity(levels: &Severity, code: Code) -> Option<DiagnosticSeverity> {
    match levels.of(code) {
        Level::Error => Some(DiagnosticSeverity::ERROR),
        Level::Warning => Some(DiagnosticSeverity::WARNING),
        Level::Information => Some(DiagnosticSeverity::INFORMATION),
        Level::Hint => Some(DiagnosticSeverity::HINT),
        Level::Off => None,
    }
}

fn body(
    sev: DiagnosticSeverity,
    code: Code,
    message: &str,
    related: Option<Vec<DiagnosticRelatedInformation>>,
) -> Vec<u8> {
    let b = Body { severity: sev, code: code.name(), source: "sourcecheck", message, related_information: related };
    // plain strings and numbers: serializing cannot fail
    serde_json::to_vec(&b).unwrap_or_else(|_| b"{}".to_vec())
}

/// Appends `{"range":…,` + the body's fields to the array in `out`.
fn push(out: &mut Vec<u8>, range: Range, body: &[u8]) {
    if out.len() > 1 {
        out.push(b',');
    }
    out.extend_from_slice(b"{\"range\":");
    // a Range is four numbers
    let _ = serde_json::to_writer(&mut *out, &range);
    match body.strip_prefix(b"{") {
        Some(fields) if fields != b"}" => {
            out.push(b',');
            out.extend_from_slice(fields);
        }
        _ => out.push(b'}'),
    }
}

type Uris<'a> = HashMap<&'a Path, Option<Uri>>;

/// The passages listed under a figure's diagnostic.
fn passages(j: &Judgement) -> impl Iterator<Item = &Evidence> {
    j.evidence.iter().chain(j.related.iter()).take(RELATED_PASSAGES)
}

/// The diagnostics of an analysed note as a JSON array. Bodies missing from
/// `memo` are made in parallel (a long note has a thousand figures).
pub fn to_json(a: &Analysis, doc: &Doc, levels: &Severity, related: bool, memo: &mut Memo) -> Vec<u8> {
    let made_with = Some((levels.clone(), related, doc.encoding));
    if memo.made_with != made_with {
        *memo = Memo { made_with, bodies: HashMap::new() };
    }
    let key = |f: &FigureCheck| Arc::as_ptr(&f.judgement) as usize;
    let flip = |f: &FigureCheck| a.flips.get(&crate::flips::key(&a.text, f)).cloned();
    let missing: Vec<&FigureCheck> =
        a.check.figures.iter().filter(|f| memo.bodies.get(&key(f)).is_none_or(|k| k.1 != flip(f))).collect();
    // one URI per source file, not one per passage
    let mut uris: Uris = HashMap::new();
    if related {
        for e in missing.iter().flat_map(|f| passages(&f.judgement)) {
            uris.entry(e.source.path.as_path()).or_insert_with(|| path_to_uri(&e.source.path));
        }
    }
    let made: Vec<(usize, Kept)> = missing
        .par_iter()
        .map(|f| {
            let by = flip(f);
            let body = verdict_body(&f.judgement, by.as_deref(), &a.check, doc, levels, related.then_some(&uris));
            (key(f), (f.judgement.clone(), by, body))
        })
        .collect();
    let mut bodies: HashMap<usize, Kept> = HashMap::with_capacity(a.check.figures.len());
    for f in &a.check.figures {
        if let Some(kept) = memo.bodies.remove(&key(f)) {
            bodies.insert(key(f), kept);
        }
    }
    bodies.extend(made);
    // a range and the separators take at most about 90 bytes: room enough that the megabyte is never moved
    let mut out = Vec::with_capacity(bodies.values().filter_map(|b| b.2.as_ref()).map(|b| b.len() + 96).sum());
    out.push(b'[');
    for c in &a.check.citations {
        if let (Some(err), Some(sev)) = (&c.error, severity(levels, Code::UnknownCitation)) {
            push(&mut out, doc.range(&c.range), &body(sev, Code::UnknownCitation, &capitalise(err), None));
        }
    }
    for f in &a.check.figures {
        let range = doc.range(&f.figure.span);
        if let Some(b) = bodies.get(&key(f)).and_then(|b| b.2.as_ref()) {
            push(&mut out, range, b);
        }
        if let (Some(w), Some(sev)) = (&f.citation_warning, severity(levels, Code::CitationMismatch)) {
            push(&mut out, range, &body(sev, Code::CitationMismatch, &capitalise(w), None));
        }
        if let Some(sev) = severity(levels, Code::Inconsistent) {
            for i in a.inconsistent.iter().filter(|i| i.span == f.figure.span) {
                let other = related.then(|| {
                    let info = |(said, at): &(String, Location)| DiagnosticRelatedInformation {
                        location: at.clone(),
                        message: said.clone(),
                    };
                    i.others.iter().map(info).collect()
                });
                push(&mut out, range, &body(sev, Code::Inconsistent, &i.message, other));
            }
        }
    }
    out.push(b']');
    memo.bodies = bodies;
    out
}

/// A judgement's diagnostic body (with its passages when `uris` is given;
/// "Newly contradicted by …" when `newly_by` names a source), or none when
/// its verdict's level is off.
fn verdict_body(
    j: &Judgement,
    newly_by: Option<&str>,
    check: &NoteCheck,
    doc: &Doc,
    levels: &Severity,
    uris: Option<&Uris>,
) -> Option<Arc<[u8]>> {
    let code = Code::of_verdict(j.verdict);
    let sev = severity(levels, code)?;
    let mut message = match newly_by {
        Some(by) => crate::flips::message(by, &j.message),
        None => j.message.clone(),
    };
    for n in &j.notes {
        message.push('\n');
        message.push_str(n);
    }
    let related = uris.map(|uris| passages(j).filter_map(|e| related_passage(e, check, doc, uris)).collect());
    Some(Arc::from(body(sev, code, &message, related)))
}

fn related_passage(e: &Evidence, check: &NoteCheck, doc: &Doc, uris: &Uris) -> Option<DiagnosticRelatedInformation> {
    let src = &e.source;
    let stance = match e.stance {
        Stance::Supports => "supports",
        Stance::Contradicts => "contradicts",
    };
    Some(DiagnosticRelatedInformation {
        location: Location {
            uri: uris.get(src.path.as_path())?.clone()?,
            range: source_range(src, &e.source_figure().figure.span(), doc.encoding)?,
        },
        message: format!("{} {stance}: {}", check.short_id(&src.id), e.excerpt()),
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The id as messages show it: "004" for "004_373bdf90062bec4d".
#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_note_cached, JudgementCache};
    use crate::corpus::{Corpus, Source};
    use crate::text::{lines::LineIndex, Format};
    use crate::workspace::Settings;
    use serde_json::{json, Value};

    #[test]
    fn a_body_is_spliced_after_the_range() {
        let mut out = b"[".to_vec();
        let range = Range::new(tower_lsp_server::ls_types::Position::new(1, 2), Default::default());
        push(&mut out, range, &body(DiagnosticSeverity::HINT, Code::Supported, "Yes \"quoted\"", None));
        push(&mut out, range, b"{}");
        out.push(b']');
        let got: Value = serde_json::from_slice(&out).expect("json");
        let r = json!({"start": {"line": 1, "character": 2}, "end": {"line": 0, "character": 0}});
        assert_eq!(
            got,
            json!([{"range": r, "severity": 4, "code": "supported", "source": "sourcecheck", "message": "Yes \"quoted\""},
                   {"range": r}])
        );
    }

    fn analyse(corpus: &Corpus, text: &str, cache: &mut JudgementCache) -> Analysis {
        let check = check_note_cached(text, Format::Markdown, None, corpus, &Settings::default(), cache);
        Analysis {
            text: Arc::from(text),
            lines: LineIndex::new(text),
            check,
            flips: Default::default(),
            inconsistent: Vec::new(),
        }
    }

    #[test]
    fn unchanged_sentences_reuse_their_bodies_and_an_edited_one_is_rebuilt() {
        let s = Settings::default();
        let src = "Harbour report\n\nAbout 300 ships docked in Portvale last year.\n";
        let corpus = Corpus::from_sources(vec![Source::from_text(
            Path::new("/nowhere/101_harbour.txt"),
            src.to_string(),
            &s.synonyms,
            &s.conventions,
        )]);
        let (mut cache, mut memo) = (JudgementCache::default(), Memo::default());
        let levels = Severity::default();
        let note = "Last year 300 ships docked in Portvale.\n\nLast year 41 herons nested in Portvale.\n";
        let a = analyse(&corpus, note, &mut cache);
        let doc = Doc { text: &a.text, lines: &a.lines, encoding: Encoding::Utf16 };
        let first: Value = serde_json::from_slice(&to_json(&a, &doc, &levels, true, &mut memo)).expect("json");
        let codes: Vec<&str> = first.as_array().expect("array").iter().filter_map(|d| d["code"].as_str()).collect();
        assert_eq!(codes, ["supported", "unsourced"]);
        assert_eq!(
            first[0]["range"],
            json!({"start": {"line": 0, "character": 10}, "end": {"line": 0, "character": 19}})
        );
        assert_eq!(first[0]["relatedInformation"][0]["location"]["range"]["start"], json!({"line": 2, "character": 0}));
        let kept = |a: &Analysis, memo: &Memo, i: usize| {
            memo.bodies.get(&(Arc::as_ptr(&a.check.figures[i].judgement) as usize)).and_then(|b| b.2.clone())
        };
        let (supported, unsourced) = (kept(&a, &memo, 0).expect("a body"), kept(&a, &memo, 1).expect("a body"));

        // the second sentence edited: the first keeps its body, moved down a line
        let edited = "\nLast year 300 ships docked in Portvale.\n\nLast year 42 herons nested in Portvale.\n";
        let b = analyse(&corpus, edited, &mut cache);
        let doc = Doc { text: &b.text, lines: &b.lines, encoding: Encoding::Utf16 };
        let second: Value = serde_json::from_slice(&to_json(&b, &doc, &levels, true, &mut memo)).expect("json");
        assert!(Arc::ptr_eq(&supported, &kept(&b, &memo, 0).expect("kept")));
        assert!(!Arc::ptr_eq(&unsourced, &kept(&b, &memo, 1).expect("rebuilt")));
        assert_eq!(second[0]["range"]["start"], json!({"line": 1, "character": 10}));
        assert_eq!(second[1]["range"]["start"], json!({"line": 3, "character": 10}));
        assert_eq!(second[0]["message"], first[0]["message"]);
        assert_eq!(memo.bodies.len(), 2, "only this note's judgements are kept");

        // other settings: every body is made again
        let off = Severity { supported: Level::Off, ..Severity::default() };
        let third: Value = serde_json::from_slice(&to_json(&b, &doc, &off, true, &mut memo)).expect("json");
        let codes: Vec<&str> = third.as_array().expect("array").iter().filter_map(|d| d["code"].as_str()).collect();
        assert_eq!(codes, ["unsourced"]);
    }
}
