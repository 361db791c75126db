//! The real editors: Neovim, VS Code's JSON-RPC client and Emacs Eglot drive
//! the built server through editors/run-tests.sh. Each runs when its editor
//! is installed (editors/setup.sh); with CI set, a missing editor fails.

use std::process::Command;

fn run_editor_test(name: &str) {
    let repo = env!("CARGO_MANIFEST_DIR");
    let bin = env!("CARGO_BIN_EXE_sourcecheck");
    let out = Command::new("bash")
        .arg(format!("{repo}/editors/run-tests.sh"))
        .arg(name)
        .env("SOURCECHECK_BIN", bin)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}\n{stderr}");
    assert!(out.status.success(), "editor test {name} failed:\n{stdout}\n{stderr}");
}

#[test]
fn neovim_shows_diagnostics_hover_and_definition() {
    run_editor_test("nvim");
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
