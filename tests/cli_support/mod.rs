//! Shared by the command-line tests: running the binary in a folder, and a
//! small workspace of made-up sources and a note written for these tests.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

pub fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcecheck")).args(args).current_dir(dir).output().expect("runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

/// Two sources under `corpus/` (one dated to the day, one to the month) and
/// `sourcecheck.toml` pointing at them.
pub fn harbour_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    write(d, "sourcecheck.toml", "sources = [\"corpus\"]\n");
    write(
        d,
        "corpus/harbour.txt",
        "Harbour traffic climbs at Port Veyra\nMarch 4, 2021\n\n\
         The port authority said about 1,200 container ships docked at Port Veyra last year.\n\
         Officials counted 45 cranes on the quays.\n",
    );
    write(
        d,
        "corpus/ferries.md",
        "# Ferry service trimmed on the northern route\n\nJune 2020\n\n\
         The operator now runs 14 ferries a week between the islands.\n",
    );
    dir
}
