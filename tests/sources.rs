//! `sourcecheck sources`: the exact table and JSON for a small made-up
//! corpus, bad files named on stderr, ignore patterns, and exit codes.

mod cli_support;

use cli_support::{harbour_workspace, run, stderr, stdout, write};
use serde_json::json;

fn corpus() -> tempfile::TempDir {
    let ws = harbour_workspace();
    let d = ws.path();
    write(d, "corpus/repairs/quay.txt", "Quay repairs\n\nWorkers replaced 12 bollards along the wall.\n");
    std::fs::write(d.join("corpus/scan.txt"), b"PK\x03\x04\x00\x00 not text").unwrap();
    write(d, "corpus/drafts/rumour.txt", "Rumour\n\nSomeone said 9,000 ships.\n");
    write(d, "sourcecheck.toml", "sources = [\"corpus\"]\nignore = [\"corpus/drafts\"]\n");
    ws
}

#[test]
fn the_table_lists_id_date_figures_path_and_title() {
    let ws = corpus();
    let out = run(&["sources"], ws.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "ID       DATE        FIGURES  PATH                     TITLE\n\
         ferries  2020-06           1  corpus/ferries.md        Ferry service trimmed on the northern route\n\
         harbour  2021-03-04        2  corpus/harbour.txt       Harbour traffic climbs at Port Veyra\n\
         quay     -                 1  corpus/repairs/quay.txt  Quay repairs\n\
         3 sources, 4 figures\n"
    );
    let err = stderr(&out);
    assert!(err.contains("corpus/scan.txt: binary file (contains NUL bytes), skipped"), "{err}");
    assert!(!err.contains("rumour"), "{err}");
}

#[test]
fn json_gives_the_same_fields() {
    let ws = corpus();
    let out = run(&["sources", "--format", "json"], ws.path());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        json!({"sources": [
            {"id": "ferries", "title": "Ferry service trimmed on the northern route", "date": "2020-06",
             "figures": 1, "path": "corpus/ferries.md"},
            {"id": "harbour", "title": "Harbour traffic climbs at Port Veyra", "date": "2021-03-04",
             "figures": 2, "path": "corpus/harbour.txt"},
            {"id": "quay", "title": "Quay repairs", "date": null, "figures": 1, "path": "corpus/repairs/quay.txt"},
        ]})
    );
}

#[test]
fn named_paths_replace_the_configured_folders() {
    let ws = corpus();
    let out = run(&["sources", "--format", "json", "corpus/repairs", "corpus/ferries.md"], ws.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["ferries", "quay"]);
}

#[test]
fn bad_named_paths_are_named_and_exit_2() {
    let ws = corpus();
    let out = run(&["sources", "corpus/harbour.txt", "corpus/scan.txt", "nowhere"], ws.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("sourcecheck: nowhere: no such file or folder"), "{err}");
    assert!(err.contains("corpus/scan.txt: binary file (contains NUL bytes), skipped"), "{err}");
    // the readable one is still listed
    assert!(stdout(&out).contains("harbour  2021-03-04        2  corpus/harbour.txt"), "{}", stdout(&out));
    // an ignored file named on the command line is left out, with the reason
    let out = run(&["sources", "corpus/drafts/rumour.txt", "corpus/harbour.txt"], ws.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains(
            "sourcecheck: corpus/drafts/rumour.txt: ignored (matches ignore pattern \"corpus/drafts\" in sourcecheck.toml)"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("rumour"));
}

#[test]
fn no_sources_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = run(&["sources", "empty"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("no source files (.txt, .md) found in empty"), "{}", stderr(&out));
}
