//! What a check reports, in order, at the configured levels: unknown
//! citations, then each figure's verdict and any citation mismatch. Codes
//! set to `off` are left out. Shared by the text and SARIF outputs.

use crate::check::{FigureCheck, NoteCheck};
use crate::config::{Code, Level, Severity};
use std::ops::Range;

pub struct Finding<'a> {
    pub code: Code,
    /// Never `Level::Off`.
    pub level: Level,
    /// Byte range in the note.
    pub range: Range<usize>,
    pub message: String,
    /// The figure reported on (none for an unknown citation).
    pub figure: Option<&'a FigureCheck>,
}

pub fn findings<'a>(check: &'a NoteCheck, severity: &Severity) -> Vec<Finding<'a>> {
    let mut out = Vec::new();
    let mut push = |code: Code, range: &Range<usize>, message: &str, figure: Option<&'a FigureCheck>| {
        let level = severity.of(code);
        if level != Level::Off {
            out.push(Finding { code, level, range: range.clone(), message: message.to_string(), figure });
        }
    };
    for c in &check.citations {
        if let Some(err) = &c.error {
            push(Code::UnknownCitation, &c.range, err, None);
        }
    }
    for f in &check.figures {
        push(Code::of_verdict(f.judgement.verdict), &f.figure.span, &f.judgement.message, Some(f));
        if let Some(w) = &f.citation_warning {
            push(Code::CitationMismatch, &f.figure.span, w, Some(f));
        }
    }
    out
}

/// Adds a finding for each figure (by span) another note states otherwise,
/// after that figure's own, at the `contradicted` level.
pub fn add_inconsistencies<'a>(
    found: &mut Vec<Finding<'a>>,
    check: &'a NoteCheck,
    severity: &Severity,
    disagreements: impl Iterator<Item = (Range<usize>, String)>,
) {
    let level = severity.of(Code::Inconsistent);
    if level == Level::Off {
        return;
    }
    for (range, message) in disagreements {
        let figure = check.figures.iter().find(|f| f.figure.span == range);
        let at = found.iter().rposition(|f| f.range == range).map_or(found.len(), |i| i + 1);
        found.insert(at, Finding { code: Code::Inconsistent, level, range, message, figure });
    }
}

/// What fails the run (exit status 1): every finding reported at
/// `fail_on` or above, as "1 contradicted" counts by code in report order;
/// empty when the note passes.
pub fn failures(findings: &[Finding], fail_on: Level) -> Vec<String> {
    let mut counts: Vec<(Code, usize)> = Vec::new();
    for f in findings.iter().filter(|f| f.level.at_least(fail_on)) {
        match counts.iter_mut().find(|(c, _)| *c == f.code) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.code, 1)),
        }
    }
    counts.iter().map(|(c, n)| format!("{n} {}", c.name())).collect()
}
