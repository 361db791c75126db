//! The command-line adapter: argument parsing and output formats over the
//! core. `figures` lists figures; `check` gives verdicts; `sources` lists
//! the sources; `lsp` serves.

mod check_cmd;
mod check_json;
mod figures_cmd;
mod findings;
pub mod position;
mod sarif;
mod sources_cmd;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "sourcecheck", version, about = "Check every figure in your notes against the source articles")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
    /// SARIF 2.1.0, for code-scanning uploads.
    Sarif,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List every figure found in the files.
    Figures {
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Serve the Language Server Protocol over stdin/stdout.
    Lsp {
        /// Accepted for clients that pass it (VS Code); stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check every figure of the notes against the sources.
    Check {
        /// A source folder (repeatable); default: sourcecheck.toml's, else seeds/ and sources/.
        #[arg(long = "sources", value_name = "DIR")]
        sources: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        #[arg(required = true)]
        notes: Vec<PathBuf>,
    },
    /// List the sources: id, date, figure count, path and title.
    Sources {
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Source folders or files; default: sourcecheck.toml's, else seeds/ and sources/.
        paths: Vec<PathBuf>,
    },
}

/// Runs the CLI; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Figures { format, files } => figures_cmd::run(format, &files),
        Command::Lsp { .. } => crate::lsp::run_stdio(),
        Command::Check { sources, format, notes } => check_cmd::run(format, &sources, &notes),
        Command::Sources { format, paths } => sources_cmd::run(format, &paths),
    }
}

/// The workspace at the current directory with its sources read; loading
/// problems go to stderr. `Err` is the exit status of a run that cannot go on.
fn load_workspace(folders: &[PathBuf]) -> Result<crate::workspace::Workspace, i32> {
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (ws, report) = crate::workspace::Workspace::load(&root, folders).map_err(|e| {
        eprintln!("sourcecheck: {e}");
        2
    })?;
    print_load_report(&report);
    Ok(ws)
}

fn print_load_report(report: &crate::corpus::LoadReport) {
    for w in &report.warnings {
        eprintln!("sourcecheck: warning: {w}");
    }
    for p in &report.problems {
        eprintln!("sourcecheck: {p}");
    }
    for p in &report.not_read {
        let why = crate::corpus::not_read_reason(p).unwrap_or_default();
        eprintln!("sourcecheck: {}: {why}", position::display_path(p));
    }
}

/// Why a run has no sources: every folder searched, and what to do — pass
/// `--sources` (or name paths), or, when they were passed, check them.
fn no_sources_message(folders: &[PathBuf], named: bool, flag: &str) -> String {
    let names: Vec<String> = folders.iter().map(|f| position::display_path(f)).collect();
    let exts: Vec<String> = crate::corpus::SOURCE_EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
    let advice = if named {
        "check the paths given".to_string()
    } else {
        format!("pass {flag}, or set `sources` in {}", crate::config::FILE_NAME)
    };
    format!("no source files ({}) found in {}; {advice}", exts.join(", "), names.join(", "))
}

/// "3 files not read: 2 .pdf, 1 .docx — not a supported format", counted
/// by extension (most first); `None` when every file was read.
fn not_read_summary(not_read: &[PathBuf]) -> Option<String> {
    if not_read.is_empty() {
        return None;
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in not_read {
        let ext = p.extension().map_or("no extension".to_string(), |e| format!(".{}", e.to_string_lossy()));
        match counts.iter_mut().find(|(e, _)| *e == ext) {
            Some((_, n)) => *n += 1,
            None => counts.push((ext, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let parts: Vec<String> = counts.iter().map(|(e, n)| format!("{n} {e}")).collect();
    let files = if not_read.len() == 1 { "file" } else { "files" };
    Some(format!("{} {files} not read: {} — not a supported format", not_read.len(), parts.join(", ")))
}

/// Tells the user a file they named is left out by an `ignore` pattern.
fn report_ignored(config: &crate::config::Config, root: &std::path::Path, path: &std::path::Path) -> bool {
    match config.ignore.matching(root, path) {
        Some(pattern) => {
            eprintln!(
                "sourcecheck: {}: ignored (matches ignore pattern \"{pattern}\" in {})",
                path.display(),
                crate::config::FILE_NAME
            );
            true
        }
        None => false,
    }
}

/// Writes `doc` as pretty JSON and a newline, and flushes.
fn write_json(w: &mut impl std::io::Write, doc: &serde_json::Value) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(w);
    serde_json::to_writer_pretty(&mut out, doc)?;
    writeln!(out)?;
    out.flush()
}

/// Reports that the output could not be written (a full disk, a closed
/// pipe); the exit status for it.
fn output_failed(e: &std::io::Error) -> i32 {
    eprintln!("sourcecheck: cannot write the output: {e}");
    2
}

/// Reads a file named on the command line; problems are reported on stderr,
/// naming the file, and make the exit status 2.
fn read_input(path: &std::path::Path, status: &mut i32) -> Option<crate::input::TextFile> {
    match crate::input::read_text(path) {
        Ok(f) => {
            if let Some(warning) = &f.warning {
                eprintln!("sourcecheck: warning: {warning}");
            }
            Some(f)
        }
        Err(e) => {
            eprintln!("sourcecheck: {e}");
            *status = 2;
            None
        }
    }
}
