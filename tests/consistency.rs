//! Cross-note consistency: the same measure stated otherwise in two notes is
//! a warning in each, pointing at the other — from `check` over the notes,
//! and from the server for open notes and notes on disk; figures of other
//! subjects, places or times are left alone.

mod cli_support;
mod support;

use serde_json::{json, Value};
use support::{with_code, Client, Fixture, Workspace};

const PACE: &str = "# Pace\n\n«About 900 foreign fighters a month» still join the group in Syria.\n";
const OTHER: &str =
    "# Elsewhere\n\nOfficials agree. «Some 1,500 foreign fighters a month» still join the group in Syria.\n\n\
    Some 1,500 foreign fighters a month are killed in air strikes.\n\n\
    In 2014, some 1,500 foreign fighters a month joined the group in Syria.\n";

fn notes(ws: &Workspace) -> (Fixture, Fixture) {
    let (a, b) = (Fixture::parse(PACE, false), Fixture::parse(OTHER, false));
    ws.write("a.md", &a.text);
    ws.write("briefings/b.md", &b.text);
    ws.write("sources/101_unrelated.txt", "Harbour report\n\nAbout 300 ships docked in Portvale last year.\n");
    (a, b)
}

#[test]
fn check_reports_the_other_notes_figure_beside_each() {
    let ws = Workspace::empty();
    notes(&ws);
    let out = cli_support::run(&["check", "a.md", "briefings/b.md"], &ws.root());
    let text = cli_support::stdout(&out);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("Inconsistent")).collect();
    assert_eq!(
        lines,
        [
            "a.md:3:1: warning: Inconsistent: briefings/b.md:3:18 says Some 1,500 foreign fighters a month",
            "briefings/b.md:3:18: warning: Inconsistent: a.md:3:1 says About 900 foreign fighters a month",
        ],
        "{text}"
    );
    assert_eq!(out.status.code(), Some(1), "an inconsistency fails as a contradiction does");
    let json = cli_support::run(&["check", "--format", "json", "a.md", "briefings/b.md"], &ws.root());
    let v: Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(
        v["notes"][0]["inconsistent"],
        json!([{"text": "About 900 foreign fighters a month", "line": 3, "column": 1, "end_line": 3, "end_column": 35,
                "message": "Inconsistent: briefings/b.md:3:18 says Some 1,500 foreign fighters a month"}])
    );
    // one note alone has nothing to disagree with
    let alone = cli_support::stdout(&cli_support::run(&["check", "a.md"], &ws.root()));
    assert!(!alone.contains("Inconsistent"), "{alone}");
}

#[test]
fn a_figure_several_notes_state_otherwise_is_one_finding_naming_the_first() {
    let ws = Workspace::empty();
    notes(&ws);
    ws.write("c.md", "# Third\n\nSome 2,000 foreign fighters a month still join the group in Syria.\n");
    let out = cli_support::run(&["check", "a.md", "briefings/b.md", "c.md"], &ws.root());
    let text = cli_support::stdout(&out);
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("a.md") && l.contains("Inconsistent")).collect();
    assert_eq!(
        lines,
        ["a.md:3:1: warning: Inconsistent: briefings/b.md:3:18 says Some 1,500 foreign fighters a month (and 1 more)"],
        "{text}"
    );
}

#[test]
fn an_open_note_is_warned_with_the_other_notes_figure_as_related_information() {
    let ws = Workspace::empty();
    let (a, b) = notes(&ws);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("a.md");
    client.open(&uri, "markdown", &a.text);
    let d = client.diagnostics_where(&uri, |d| with_code(d, "inconsistent").is_some());
    let found: Vec<&Value> = d.iter().filter(|d| d["code"] == "inconsistent").collect();
    assert_eq!(found.len(), 1, "only the figure of the same subject, place and time: {d:?}");
    assert_eq!((&found[0]["range"], &found[0]["severity"]), (&a.ranges[0], &json!(2)));
    assert_eq!(found[0]["message"], "Inconsistent: briefings/b.md:3:18 says Some 1,500 foreign fighters a month");
    let related = &found[0]["relatedInformation"];
    assert_eq!(
        related,
        &json!([{"location": {"uri": ws.uri("briefings/b.md"), "range": b.ranges[0]},
                 "message": "briefings/b.md:3:18 says Some 1,500 foreign fighters a month"}])
    );

    // the other note opened and edited to agree: this note's warning goes at its next check
    let other = ws.uri("briefings/b.md");
    client.open(&other, "markdown", &b.text);
    client.diagnostics_where(&other, |d| with_code(d, "inconsistent").is_some());
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": other, "version": 2}, "contentChanges": [{"text": b.text.replace("Some 1,500", "Some 950")}]}),
    );
    client.diagnostics_where(&other, |d| with_code(d, "inconsistent").is_none());
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": a.text.replace("still join", "still joins")}]}),
    );
    client.diagnostics_where(&uri, |d| !d.is_empty() && with_code(d, "inconsistent").is_none());
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn the_workspace_pull_warns_in_both_notes() {
    let ws = Workspace::empty();
    let (a, b) = notes(&ws);
    let caps = json!({"textDocument": {"diagnostic": {}, "publishDiagnostics": {"relatedInformation": true}},
                      "workspace": {"diagnostics": {"refreshSupport": true}}});
    let (mut client, _) = Client::start_with(&ws.root(), json!({}), caps, Value::Null);
    let probe = ws.uri("probe.md");
    client.open(&probe, "markdown", "Nothing here.\n");
    client.request("textDocument/diagnostic", json!({"textDocument": {"uri": probe}}));
    let all = client.request("workspace/diagnostic", json!({"previousResultIds": []}));
    let inconsistent = |uri: String| -> Vec<Value> {
        let item = all["items"].as_array().and_then(|i| i.iter().find(|i| i["uri"] == uri).cloned()).expect("reported");
        item["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|d| d["code"] == "inconsistent")
            .map(|d| d["range"].clone())
            .collect()
    };
    assert_eq!(inconsistent(ws.uri("a.md")), [a.ranges[0].clone()]);
    assert_eq!(inconsistent(ws.uri("briefings/b.md")), [b.ranges[0].clone()]);
    assert_eq!(client.shutdown_and_exit(), 0);
}
