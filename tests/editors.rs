//! The real editors: Neovim, VS Code's JSON-RPC client, Emacs Eglot and Helix drive
//! the built server through editors/run-tests.sh. Each runs when its editor
//! is installed (editors/setup.sh); with CI set, a missing editor fails.
//! Without CI a missing editor's test passes, but says so on the terminal in
//! one line with the install command — written past the test harness's
//! output capture, so a newcomer sees what did not run.

use std::io::Write;
use std::process::{Command, Output};

/// The exit status run-tests.sh gives when everything asked for was skipped.
const SKIPPED: i32 = 77;

fn run_tests(name: &str, path: Option<&str>) -> Output {
    let repo = env!("CARGO_MANIFEST_DIR");
    let mut cmd = Command::new("bash");
    cmd.arg(format!("{repo}/editors/run-tests.sh"))
        .arg(name)
        .env("SOURCECHECK_BIN", env!("CARGO_BIN_EXE_sourcecheck"))
        .env("SOURCECHECK_SKIP_STATUS", SKIPPED.to_string());
    if let Some(p) = path {
        cmd.env("PATH", p)
            .env_remove("CI")
            .env_remove("NVIM")
            .env_remove("NVIM_OLD")
            .env_remove("HX")
            .env_remove("NVIM_011");
    }
    cmd.output().expect("bash runs")
}

/// The "--- name: skipped: why; install: …" line of a run.
fn skip_line(stdout: &str) -> Option<&str> {
    stdout.lines().find(|l| l.starts_with("--- ") && l.contains(": skipped: "))
}

fn run_editor_test(name: &str) {
    let out = run_tests(name, None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}\n{stderr}");
    if out.status.code() == Some(SKIPPED) {
        let line = skip_line(&stdout).unwrap_or("--- skipped");
        // straight to the process's stderr: libtest captures only the print macros
        let _ = writeln!(std::io::stderr().lock(), "\neditors: {}", line.trim_start_matches("--- "));
        return;
    }
    assert!(out.status.success(), "editor test {name} failed:\n{stdout}\n{stderr}");
}

#[test]
fn a_missing_editor_is_reported_as_skipped_with_the_install_command() {
    // a PATH holding only what the script itself needs: no node, no npm
    let bin = tempfile::tempdir().expect("tmp");
    for tool in ["bash", "dirname", "sed"] {
        let found = Command::new("bash").arg("-c").arg(format!("command -v {tool}")).output().expect("bash runs");
        let real = String::from_utf8_lossy(&found.stdout).trim().to_string();
        std::os::unix::fs::symlink(real, bin.path().join(tool)).expect("link");
    }
    let out = run_tests("vscode", bin.path().to_str());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(SKIPPED), "{stdout}");
    assert_eq!(skip_line(&stdout), Some("--- vscode: skipped: node/npm not found; install: bash editors/setup.sh"));
    assert!(stdout.ends_with("editors: 0 passed, 0 failed, 1 skipped\n"), "{stdout}");
}

#[test]
fn neovim_shows_diagnostics_hover_and_definition() {
    run_editor_test("nvim");
}

#[test]
fn neovim_runs_in_a_real_terminal_and_refreshes_its_code_lens() {
    run_editor_test("nvim-tui");
}

#[test]
fn neovim_with_two_workspace_folders_judges_a_note_of_the_second_by_its_settings() {
    run_editor_test("nvim-multiroot");
}

#[test]
fn neovim_0_11_and_later_drive_the_server_through_vim_lsp_enable() {
    run_editor_test("nvim-0.11");
}

#[test]
fn neovim_older_than_0_8_is_refused_clearly() {
    run_editor_test("nvim-unsupported");
}

#[test]
fn vscode_client_library_drives_the_server() {
    run_editor_test("vscode");
}

#[test]
fn emacs_eglot_drives_the_server() {
    run_editor_test("emacs");
}

#[test]
fn helix_in_a_real_terminal_shows_diagnostics_hover_and_completes_keys_by_title_words() {
    run_editor_test("helix");
}
