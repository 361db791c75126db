//! The command-line adapter: argument parsing and output formats over the
//! core. `figures` lists figures; `check` gives verdicts; `lsp` serves.

mod check_cmd;
mod figures_cmd;
pub mod position;

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
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        #[arg(required = true)]
        notes: Vec<PathBuf>,
    },
}

/// Runs the CLI; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Figures { format, files } => figures_cmd::run(format, &files),
        Command::Lsp { .. } => crate::lsp::run_stdio(),
        Command::Check { sources, format, notes } => check_cmd::run(format, &sources, &notes),
    }
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
