//! `sourcecheck check`: verdicts on every figure of each note, as
//! compiler-style text, the documented JSON or SARIF. Text and SARIF report
//! at the configured severities (`off` left out); JSON lists everything.

use super::check_json::note_out;
use super::findings::{add_inconsistencies, failures, findings, Finding};
use super::position::{display_path, span1};
use super::{sarif, CheckFormat};
use crate::check::{check_note, NoteCheck};
use crate::config::Level;
use crate::consistency;
use crate::report::collapse;
use crate::text::{lines::LineIndex, Format};
use crate::verdict::{Stance, Verdict};
use crate::workspace::Workspace;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(format: CheckFormat, sources: &[PathBuf], notes: &[PathBuf]) -> i32 {
    let ws = match super::load_workspace(sources) {
        Ok(ws) => ws,
        Err(status) => return status,
    };
    if ws.corpus.is_empty() {
        eprintln!("sourcecheck: {}", super::no_sources_message(&ws.folders, !sources.is_empty(), "--sources DIR"));
        return 2;
    }
    let mut status = 0;
    let mut json = Vec::new();
    let mut log = sarif::Log::new(&ws);
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let mut read: Vec<(&PathBuf, String)> = Vec::new();
    for path in notes {
        if super::report_ignored(&ws.config, &ws.root, path) {
            continue;
        }
        let Some(file) = super::read_input(path, &mut status) else { continue };
        read.push((path, file.text));
    }
    let checks: Vec<_> = read
        .iter()
        .map(|(path, text)| check_note(text, Format::from_path(path), Some(path), &ws.corpus, &ws.settings))
        .collect();
    // the same measure stated otherwise in two of the notes, from the
    // figures and subjects each check read (`consistency::of_check`)
    let stated: Vec<_> = checks.iter().map(consistency::of_check).collect();
    let disagreements = consistency::disagreements(&stated, &ws.corpus, &ws.settings.params);
    for (n, ((path, text), check)) in read.iter().zip(&checks).enumerate() {
        let path = *path;
        let mut found = findings(check, &ws.config.severity);
        // one finding a figure: the first other note's figure, and how many more
        let others: Vec<(std::ops::Range<usize>, String)> = disagreements[n]
            .chunk_by(|a, b| a.figure == b.figure)
            .map(|same| {
                let d = &same[0];
                let (other, other_text) = (&read[d.other_note].0, &read[d.other_note].1);
                let (at, there) = (&stated[n][d.figure].figure.span, &stated[d.other_note][d.other_figure].figure.span);
                let place = span1(other_text, &LineIndex::new(other_text), there);
                let words = collapse(&other_text[there.clone()]);
                let more = if same.len() > 1 { format!(" (and {} more)", same.len() - 1) } else { String::new() };
                let said = format!("{}:{}:{} says {words}{more}", display_path(other), place.line, place.column);
                (at.clone(), format!("Inconsistent: {said}"))
            })
            .collect();
        add_inconsistencies(&mut found, check, &ws.config.severity, others.iter().cloned());
        let failed = failures(&found, ws.config.fail_level());
        if !failed.is_empty() {
            status = status.max(1);
        }
        match format {
            CheckFormat::Text => {
                if let Err(e) = write_text(&mut w, path, text, check, &found, &failed, &ws) {
                    return super::output_failed(&e);
                }
            }
            CheckFormat::Json => json.push(note_out(path, text, check, &others)),
            CheckFormat::Sarif => log.add_note(path, text, &found),
        }
    }
    let doc = match format {
        CheckFormat::Text => None,
        CheckFormat::Json => Some(serde_json::json!({ "notes": json })),
        CheckFormat::Sarif => Some(log.finish()),
    };
    let written = match doc {
        Some(doc) => super::write_json(&mut w, &doc),
        None => w.flush(),
    };
    match written {
        Ok(()) => status,
        Err(e) => super::output_failed(&e),
    }
}

/// The word a compiler would use for a level.
fn label(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Information => "info",
        Level::Hint | Level::Off => "note",
    }
}

fn write_text(
    w: &mut impl Write,
    path: &Path,
    text: &str,
    check: &NoteCheck,
    found: &[Finding],
    failed: &[String],
    ws: &Workspace,
) -> std::io::Result<()> {
    const PASSAGES: usize = 3;
    let index = LineIndex::new(text);
    let p = path.display();
    for f in found {
        let at = span1(text, &index, &f.range);
        writeln!(w, "{p}:{}:{}: {}: {}", at.line, at.column, label(f.level), f.message)?;
        // a verdict is followed by its passages and notes
        let Some(fig) = f.figure.filter(|_| f.code.is_verdict()) else { continue };
        let j = &fig.judgement;
        for e in j.evidence.iter().take(PASSAGES) {
            let place = e.source.place_suffix(e.source_figure().figure.span().start);
            let stance = match e.stance {
                Stance::Supports => "supports",
                Stance::Contradicts => "contradicts",
            };
            writeln!(w, "    {}{place}: {stance}: \"{}\"", display_path(&e.source.path), collapse(e.sentence()))?;
        }
        for n in &j.notes {
            writeln!(w, "    {n}")?;
        }
    }
    // why the exit status is what it is, said where a newcomer looks
    let outcome = if failed.is_empty() { String::new() } else { format!("; {}: exit status 1", failed.join(", ")) };
    writeln!(
        w,
        "{p}: {}: {} supported, {} contradicted, {} unsourced ({}){outcome}",
        counted(check.figures.len(), "figure"),
        check.count(Verdict::Supported),
        check.count(Verdict::Contradicted),
        check.count(Verdict::Unsourced),
        counted(ws.corpus.len(), "source"),
    )
}

/// "1 figure", "3 figures".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
