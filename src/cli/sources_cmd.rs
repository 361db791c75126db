//! `sourcecheck sources`: every source with its id (the short id that
//! messages use and a citation key takes, in the table), date, format, figure count,
//! path and title, as a table or JSON. Paths named on the command line (folders or
//! files) replace the configured source folders; `ignore` patterns apply.

use super::position::display_path;
use super::OutputFormat;
use crate::config::Config;
use crate::corpus::{self, Corpus, Source};
use crate::workspace::{self, Settings};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Serialize)]
struct SourceOut {
    id: String,
    /// How messages, hover and completion name it (`Corpus::short_id`).
    short_id: String,
    title: String,
    /// ISO 8601, as precise as the source's date is known.
    date: Option<String>,
    /// What it was read as: text, markdown, html, pdf, docx.
    format: &'static str,
    figures: usize,
    path: String,
}

fn source_out(s: &Source, corpus: &Corpus) -> SourceOut {
    SourceOut {
        id: s.id.clone(),
        short_id: corpus.short_id(&s.id),
        title: s.title.clone(),
        date: s.date.as_ref().and_then(crate::report::iso_date),
        format: s.format.name(),
        figures: s.figures.len(),
        path: display_path(&s.path),
    }
}

pub fn run(format: OutputFormat, paths: &[PathBuf]) -> i32 {
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let config = match Config::load(&root) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("sourcecheck: {e}");
            return 2;
        }
    };
    let settings = Settings::from_config(&config);
    let mut status = 0;
    let (mut folders, mut files) = (Vec::new(), Vec::new());
    for p in paths {
        if p.is_dir() {
            folders.push(p.clone());
        } else if p.is_file() {
            if !super::report_ignored(&config, &root, p) {
                files.push(p.clone());
            }
        } else {
            eprintln!("sourcecheck: {}: no such file or folder", p.display());
            status = 2;
        }
    }
    if paths.is_empty() {
        folders = config.source_folders(&root);
    }
    let (mut sources, report) = workspace::load_sources(&root, &config, &folders, &settings);
    super::print_load_report(&report);
    for f in &files {
        match corpus::load_file(f, &settings.synonyms, &settings.conventions) {
            Ok(s) => {
                if let Some(w) = &s.warning {
                    eprintln!("sourcecheck: warning: {w}");
                }
                sources.push(s);
            }
            Err(e) => {
                eprintln!("sourcecheck: {e}");
                status = 2;
            }
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    sources.dedup_by(|a, b| a.path == b.path);
    if sources.is_empty() && status == 0 {
        eprintln!(
            "sourcecheck: {}",
            super::no_sources_message(&folders, !paths.is_empty(), "source folders (sourcecheck sources DIR)")
        );
        status = 2;
    }
    let corpus = Corpus::from_sources(sources);
    let mut listed = corpus.sources();
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    let rows: Vec<SourceOut> = listed.into_iter().map(|s| source_out(s, &corpus)).collect();
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let written = match format {
        OutputFormat::Text => write_table(&mut w, &rows)
            .and_then(|()| match super::not_read_summary(&report.not_read) {
                Some(line) => writeln!(w, "{line}"),
                None => Ok(()),
            })
            .and_then(|()| w.flush()),
        OutputFormat::Json => {
            let not_read: Vec<serde_json::Value> = report
                .not_read
                .iter()
                .map(|p| {
                    let reason = corpus::not_read_reason(p).unwrap_or_default();
                    serde_json::json!({ "path": display_path(p), "reason": reason })
                })
                .collect();
            super::write_json(&mut w, &serde_json::json!({ "sources": rows, "not_read": not_read }))
        }
    };
    match written {
        Ok(()) => status,
        Err(e) => super::output_failed(&e),
    }
}

/// Columns padded to their widest cell; the title last, unpadded.
fn write_table(w: &mut impl Write, rows: &[SourceOut]) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let width =
        |head: &str, cell: &dyn Fn(&SourceOut) -> usize| rows.iter().map(cell).max().unwrap_or(0).max(head.len());
    let id_w = width("ID", &|r| r.short_id.chars().count());
    let date_w = width("DATE", &|r| r.date.as_deref().map_or(1, str::len));
    let format_w = width("FORMAT", &|r| r.format.len());
    let fig_w = width("FIGURES", &|r| r.figures.to_string().len());
    let path_w = width("PATH", &|r| r.path.chars().count());
    let head = ("ID", "DATE", "FORMAT", "FIGURES", "PATH");
    writeln!(
        w,
        "{:id_w$}  {:date_w$}  {:format_w$}  {:>fig_w$}  {:path_w$}  TITLE",
        head.0, head.1, head.2, head.3, head.4
    )?;
    for r in rows {
        let date = r.date.as_deref().unwrap_or("-");
        let (id, format, figures, path) = (&r.short_id, r.format, r.figures, &r.path);
        writeln!(w, "{id:id_w$}  {date:date_w$}  {format:format_w$}  {figures:>fig_w$}  {path:path_w$}  {}", r.title)?;
    }
    let figures: usize = rows.iter().map(|r| r.figures).sum();
    writeln!(w, "{} sources, {figures} figures", rows.len())
}
