//! The command-line adapter: argument parsing and output formats over the
//! core. `figures` lists figures; `check` gives verdicts; `lsp` serves.

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
}

/// Runs the CLI; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Figures { format, files } => figures_cmd::run(format, &files),
    }
}
