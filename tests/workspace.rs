//! The workspace as a whole, over stdio: several workspace folders (each with
//! its own sourcecheck.toml and sources, or sources shared), folders added
//! and removed while the server runs.

mod support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use support::{with_code, Client, Fixture, Workspace};

const NOTE: &str = "# Briefing\n\nThe coalition says «more than 5,000 militants» remain in Iraq and Syria.\n";

fn seed(name: &str) -> PathBuf {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    std::fs::read_dir(&seeds)
        .expect("seeds")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(name)))
        .expect("a seed")
}

/// Copies the seed whose name starts with `name` into `dir` under `top`.
fn copy_seed(top: &Workspace, dir: &str, name: &str) {
    let from = seed(name);
    let to = top.root().join(dir).join(from.file_name().expect("a name"));
    std::fs::create_dir_all(to.parent().expect("a folder")).expect("mkdir");
    std::fs::copy(&from, &to).expect("copy");
}

fn caps() -> Value {
    json!({"textDocument": {"publishDiagnostics": {"relatedInformation": true}}, "workspace": {"workspaceFolders": true}})
}

/// `top` holds folders `a` (its sources: ../shared, contradictions are
/// errors) and `b` (its own sources, about something else; unsourced
/// figures are warnings).
fn two_folders() -> Workspace {
    let top = Workspace::empty();
    copy_seed(&top, "shared", "004");
    copy_seed(&top, "b/own", "002");
    top.write("a/sourcecheck.toml", "sources = [\"../shared\"]\n[severity]\ncontradicted = \"error\"\n");
    top.write("b/sourcecheck.toml", "sources = [\"own\"]\n[severity]\nunsourced = \"warning\"\n");
    top.write("c/sourcecheck.toml", "sources = [\"../shared\"]\n");
    top
}

#[test]
fn each_folder_judges_its_notes_on_its_own_sources_and_settings() {
    let top = two_folders();
    let fx = Fixture::parse(NOTE, false);
    let (a, b) = (top.root().join("a"), top.root().join("b"));
    let (mut client, init) = Client::start_in(&top.root(), &[a, b], json!({}), caps(), Value::Null);
    assert_eq!(
        init["capabilities"]["workspace"]["workspaceFolders"],
        json!({"supported": true, "changeNotifications": true})
    );
    let (in_a, in_b) = (top.uri("a/note.md"), top.uri("b/note.md"));
    client.open(&in_a, "markdown", &fx.text);
    client.open(&in_b, "markdown", &fx.text);

    // a: 004 from the shared folder contradicts it, an error by a's sourcecheck.toml
    let d = client.diagnostics_where(&in_a, |d| with_code(d, "contradicted").is_some());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!((&d[0]["range"], &d[0]["severity"]), (&fx.ranges[0], &json!(1)));
    assert!(d[0]["relatedInformation"][0]["location"]["uri"]
        .as_str()
        .is_some_and(|u| u.ends_with("/shared/004_373bdf90062bec4d.txt")));
    // b: its own source says nothing of it (004 is not b's), a warning by b's
    let d = client.diagnostics_where(&in_b, |d| !d.is_empty());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!((&d[0]["code"], &d[0]["range"], &d[0]["severity"]), (&json!("unsourced"), &fx.ranges[0], &json!(2)));

    // b removed, c (the shared sources, default severities) added: c's note is
    // contradicted, a warning; b's note now belongs to no folder: the first's
    let c = top.root().join("c");
    let in_c = top.uri("c/note.md");
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [{"uri": format!("file://{}", c.display()), "name": "c"}],
                         "removed": [{"uri": format!("file://{}", top.root().join("b").display()), "name": "b"}]}}),
    );
    client.open(&in_c, "markdown", &fx.text);
    let d = client.diagnostics_where(&in_c, |d| !d.is_empty());
    assert_eq!((&d[0]["code"], &d[0]["range"], &d[0]["severity"]), (&json!("contradicted"), &fx.ranges[0], &json!(2)));
    let d = client.diagnostics_where(&in_b, |d| with_code(d, "contradicted").is_some());
    assert_eq!((d.len(), &d[0]["severity"]), (1, &json!(1)), "{d:?}");
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn folders_reading_the_same_sources_share_them_and_a_change_reaches_both() {
    let top = two_folders();
    let fx = Fixture::parse(NOTE, false);
    let (a, c) = (top.root().join("a"), top.root().join("c"));
    let (mut client, _) = Client::start_in(&top.root(), &[a, c], json!({}), caps(), Value::Null);
    let (in_a, in_c) = (top.uri("a/note.md"), top.uri("c/note.md"));
    client.open(&in_a, "markdown", &fx.text);
    client.open(&in_c, "markdown", &fx.text);
    client.diagnostics_where(&in_a, |d| with_code(d, "contradicted").is_some());
    client.diagnostics_where(&in_c, |d| with_code(d, "contradicted").is_some());
    // the shared source removed: neither folder has it any more
    let gone = top.root().join("shared/004_373bdf90062bec4d.txt");
    std::fs::remove_file(&gone).expect("rm");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", gone.display()), "type": 3}]}),
    );
    for uri in [&in_a, &in_c] {
        let d = client.diagnostics_where(uri, |d| with_code(d, "unsourced").is_some());
        assert_eq!((d.len(), &d[0]["range"]), (1, &fx.ranges[0]), "{d:?}");
    }
    assert_eq!(client.shutdown_and_exit(), 0);
}
