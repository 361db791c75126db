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
fn the_table_lists_id_date_format_figures_path_and_title() {
    let ws = corpus();
    let out = run(&["sources"], ws.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "ID       DATE        FORMAT    FIGURES  PATH                     TITLE\n\
         ferries  2020-06     markdown        1  corpus/ferries.md        Ferry service trimmed on the northern route\n\
         harbour  2021-03-04  text            2  corpus/harbour.txt       Harbour traffic climbs at Port Veyra\n\
         quay     -           text            1  corpus/repairs/quay.txt  Quay repairs\n\
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
            {"id": "ferries", "short_id": "ferries", "title": "Ferry service trimmed on the northern route", "date": "2020-06",
             "format": "markdown", "figures": 1, "path": "corpus/ferries.md"},
            {"id": "harbour", "short_id": "harbour", "title": "Harbour traffic climbs at Port Veyra", "date": "2021-03-04",
             "format": "text", "figures": 2, "path": "corpus/harbour.txt"},
            {"id": "quay", "short_id": "quay", "title": "Quay repairs", "date": null, "format": "text", "figures": 1, "path": "corpus/repairs/quay.txt"},
        ], "not_read": []})
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
    assert!(stdout(&out).contains("harbour  2021-03-04  text          2  corpus/harbour.txt"), "{}", stdout(&out));
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
    assert_eq!(
        stderr(&out),
        "sourcecheck: no source files (.txt, .md, .markdown, .text, .html, .htm, .pdf, .docx) found in empty; check the \
         paths given\n"
    );
}

#[test]
fn files_not_read_are_named_once_with_the_reason_and_counted() {
    let ws = harbour_workspace();
    let d = ws.path();
    write(d, "corpus/report.odt", "ASCII body: 900 ships\n");
    write(d, "corpus/archive/annex.odt", "odt\n");
    write(d, "corpus/archive/ships.csv", "ships,900\n");
    write(d, "corpus/page.rtf", "{\\rtf1 900 ships}\n");
    let out = run(&["sources"], d);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(
        table.ends_with("2 sources, 3 figures\n4 files not read: 2 .odt, 1 .csv, 1 .rtf — not a supported format\n"),
        "{table}"
    );
    let err = stderr(&out);
    let reason = "is not a supported format (sources are .txt, .md, .markdown, .text, .html, .htm, .pdf, .docx)";
    for (file, ext) in [
        ("corpus/archive/annex.odt", ".odt"),
        ("corpus/archive/ships.csv", ".csv"),
        ("corpus/page.rtf", ".rtf"),
        ("corpus/report.odt", ".odt"),
    ] {
        let line = format!("sourcecheck: {file}: not read: {ext} {reason}\n");
        assert_eq!(err.matches(&line).count(), 1, "{line} once in:\n{err}");
    }
    // JSON lists them with the reason
    let v: serde_json::Value = serde_json::from_slice(&run(&["sources", "--format", "json"], d).stdout).unwrap();
    assert_eq!(
        v["not_read"][0],
        json!({"path": "corpus/archive/annex.odt", "reason": format!("not read: .odt {reason}")})
    );
    assert_eq!(v["not_read"].as_array().map(Vec::len), Some(4));
    // check names them too, once each
    write(d, "n.md", "Officials counted 45 cranes on the quays.\n");
    let err = stderr(&run(&["check", "n.md"], d));
    assert_eq!(err.matches("not read:").count(), 4, "{err}");
    // a file named directly is refused, not read as raw text
    let out = run(&["sources", "corpus/page.rtf"], d);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("sourcecheck: corpus/page.rtf: not read: .rtf {reason}")),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("rtf1"), "{}", stdout(&out));
}
