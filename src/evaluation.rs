//! Measuring the engine against labelled notes: a folder with `labels.txt`
//! (`note | key | verdict | source` lines), `notes/`, and `sources/` (or
//! another source folder). Used by the evaluation test.

use crate::check::{check_note, NoteCheck};
use crate::corpus::Corpus;
use crate::text::Format;
use crate::verdict::Stance;
use crate::workspace::Settings;
use std::collections::BTreeMap;
use std::path::Path;

pub const CLASSES: [&str; 4] = ["supported", "contradicted", "unsourced", "none"];

/// One labelled item.
#[derive(Clone, Debug)]
pub struct Label {
    pub note: String,
    pub key: String,
    pub verdict: String,
    pub source: String,
}

/// The result of an evaluation.
#[derive(Debug, Default)]
pub struct Outcome {
    pub total: usize,
    pub correct: usize,
    /// Correct supported/contradicted items whose labelled source is among the evidence with that stance.
    pub source_ok: usize,
    pub source_total: usize,
    /// (label, got) → count.
    pub matrix: BTreeMap<(String, String), usize>,
    pub misses: Vec<String>,
}

impl Outcome {
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    /// The confusion matrix as text.
    pub fn matrix_table(&self) -> String {
        let mut s = format!(
            "{:>14} | {:>10} {:>13} {:>10} {:>6}\n",
            "label \\ got", CLASSES[0], CLASSES[1], CLASSES[2], CLASSES[3]
        );
        for want in CLASSES {
            let row: Vec<usize> = CLASSES
                .iter()
                .map(|got| *self.matrix.get(&(want.to_string(), got.to_string())).unwrap_or(&0))
                .collect();
            s.push_str(&format!("{:>14} | {:>10} {:>13} {:>10} {:>6}\n", want, row[0], row[1], row[2], row[3]));
        }
        s
    }
}

/// Reads `labels.txt`.
pub fn read_labels(text: &str) -> Result<Vec<Label>, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|line| {
            let parts: Vec<&str> = line.split(" | ").map(str::trim).collect();
            match parts.as_slice() {
                [note, key, verdict, source] if CLASSES.contains(verdict) => Ok(Label {
                    note: note.to_string(),
                    key: key.to_string(),
                    verdict: verdict.to_string(),
                    source: source.to_string(),
                }),
                _ => Err(format!("bad label line: {line}")),
            }
        })
        .collect()
}

/// Evaluates labelled notes in `notes_dir` against `corpus`.
pub fn evaluate(labels: &[Label], notes_dir: &Path, corpus: &Corpus, settings: &Settings) -> Result<Outcome, String> {
    let mut out = Outcome::default();
    let mut checks: BTreeMap<String, (String, NoteCheck)> = BTreeMap::new();
    for l in labels {
        if !checks.contains_key(&l.note) {
            let path = notes_dir.join(&l.note);
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let check = check_note(&text, Format::Markdown, Some(&path), corpus, settings);
            checks.insert(l.note.clone(), (text, check));
        }
        let (text, check) = &checks[&l.note];
        let at = text.find(&l.key).ok_or_else(|| format!("{}: key '{}' not found", l.note, l.key))?;
        if text[at + 1..].contains(&l.key) {
            return Err(format!("{}: key '{}' is not unique", l.note, l.key));
        }
        let range = at..at + l.key.len();
        let fig = check.figures.iter().find(|f| f.figure.span.start < range.end && range.start < f.figure.span.end);
        let got = fig.map_or("none", |f| f.judgement.verdict.name());
        out.total += 1;
        *out.matrix.entry((l.verdict.clone(), got.to_string())).or_default() += 1;
        if got == l.verdict {
            out.correct += 1;
            if let (Some(f), true) = (fig, matches!(got, "supported" | "contradicted") && l.source != "-") {
                out.source_total += 1;
                let stance = if got == "supported" { Stance::Supports } else { Stance::Contradicts };
                if f.judgement.evidence.iter().any(|e| e.stance == stance && e.source.id.starts_with(&l.source)) {
                    out.source_ok += 1;
                }
            }
        } else {
            let detail = fig
                .map(|f| format!("{} [{}]", f.judgement.message, &text[f.figure.span.clone()]))
                .unwrap_or_else(|| "no figure found".to_string());
            out.misses.push(format!("{} | {} | want {} ({}), got {got}: {detail}", l.note, l.key, l.verdict, l.source));
        }
    }
    Ok(out)
}
