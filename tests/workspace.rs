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

const CONTRADICTED: &str =
    "# Briefing\n\nThe coalition says «more than 5,000 militants» remain in Iraq and Syria [@004].\n";
const SUPPORTED: &str =
    "# Peak\n\nAt its peak two years ago, ISIS was thought to have «more than 45,000 fighters» in the region.\n";

fn pulling() -> Value {
    json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}, "publishDiagnostics": {"relatedInformation": true}},
           "workspace": {"diagnostics": {"refreshSupport": true}, "workspaceFolders": true}})
}

fn codes_and_ranges(items: &Value) -> Vec<(Value, Value)> {
    items.as_array().expect("items").iter().map(|d| (d["code"].clone(), d["range"].clone())).collect()
}

#[test]
fn a_client_that_pulls_gets_every_note_of_the_folder_and_nothing_pushed() {
    let ws = Workspace::with_seeds();
    let (closed, open) = (Fixture::parse(CONTRADICTED, false), Fixture::parse(SUPPORTED, false));
    ws.write("briefings/closed.md", &closed.text);
    ws.write("briefings/open.md", &open.text);
    ws.write("sourcecheck.toml", "ignore = [\"drafts\"]\n");
    ws.write("drafts/ignored.md", &closed.text);
    let (mut client, init) = Client::start_with(&ws.root(), json!({}), pulling(), Value::Null);
    assert_eq!(
        init["capabilities"]["diagnosticProvider"],
        json!({"identifier": "sourcecheck", "interFileDependencies": true, "workspaceDiagnostics": true})
    );
    let open_uri = ws.uri("briefings/open.md");
    client.open(&open_uri, "markdown", &open.text);
    // the document pull waits for the check of the version it asks about
    let doc = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": open_uri}}));
    assert_eq!(doc["kind"], "full");
    assert_eq!(codes_and_ranges(&doc["items"]), [(json!("supported"), open.ranges[0].clone())]);

    let all = client.request("workspace/diagnostic", json!({"previousResultIds": []}));
    let items = all["items"].as_array().expect("items");
    let uris: Vec<&str> = items.iter().filter_map(|i| i["uri"].as_str()).collect();
    assert_eq!(uris, [ws.uri("briefings/closed.md"), open_uri.clone()], "the ignored draft is left out");
    let closed_report = &items[0];
    assert_eq!((&closed_report["kind"], &closed_report["version"]), (&json!("full"), &Value::Null));
    assert_eq!(codes_and_ranges(&closed_report["items"]), [(json!("contradicted"), closed.ranges[0].clone())]);
    let message = closed_report["items"][0]["message"].as_str().unwrap_or("");
    assert!(
        message.starts_with("Contradicted: 004 says less than 1,000 militants remain in Iraq and Syria."),
        "{message}"
    );
    // the open note's report is its buffer's, at its version, the one the document pull gave
    assert_eq!((&items[1]["version"], &items[1]["items"]), (&json!(1), &doc["items"]));
    assert_eq!(items[1]["resultId"], doc["resultId"]);

    // sent back, the result ids make every report "unchanged"
    let previous: Vec<Value> = items.iter().map(|i| json!({"uri": i["uri"], "value": i["resultId"]})).collect();
    let again = client.request("workspace/diagnostic", json!({"previousResultIds": previous}));
    let kinds: Vec<&str> =
        again["items"].as_array().expect("items").iter().filter_map(|i| i["kind"].as_str()).collect();
    assert_eq!(kinds, ["unchanged", "unchanged"]);
    let same = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": open_uri}, "previousResultId": doc["resultId"]}),
    );
    assert_eq!(same, json!({"kind": "unchanged", "resultId": doc["resultId"]}));

    // an edit before the figure: the pull waits for the new version's check
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": open_uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "text": "Updated. "}]}),
    );
    let edited = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": open_uri}}));
    let mut shifted = open.ranges[0].clone();
    for end in ["start", "end"] {
        shifted[end]["character"] = json!(shifted[end]["character"].as_u64().unwrap_or(0) + 9);
    }
    assert_eq!(codes_and_ranges(&edited["items"]), [(json!("supported"), shifted)]);
    assert!(
        !client.backlog.iter().any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "a client that pulls is not pushed to: {:?}",
        client.backlog
    );
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn a_client_that_cannot_be_told_to_pull_again_is_pushed_to() {
    let ws = Workspace::with_seeds();
    let mut caps = pulling();
    caps["workspace"]["diagnostics"] = json!({});
    let (mut client, init) = Client::start_with(&ws.root(), json!({}), caps, Value::Null);
    assert_eq!(init["capabilities"]["diagnosticProvider"], Value::Null);
    let fx = Fixture::parse(CONTRADICTED, false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", &fx.text);
    let d = client.diagnostics_where(&uri, |d| !d.is_empty());
    assert_eq!(codes_and_ranges(&Value::Array(d)), [(json!("contradicted"), fx.ranges[0].clone())]);
    assert_eq!(client.shutdown_and_exit(), 0);
}

const HARBOUR: &str = "Harbour report\n\nAbout 300 ships docked in Portvale last year.\n";
const CORRECTED: &str = "Harbour report, corrected\n\nOnly 120 ships docked in Portvale last year, the audit found.\n";
const SHIPS: &str = "# Ports\n\nLast year «300 ships» docked in Portvale.\n";

/// The harbour report rewritten on disk, and the client told.
fn correct_the_report(ws: &Workspace, client: &mut Client) {
    let path = ws.write("sources/101_harbour.txt", CORRECTED);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", path.display()), "type": 2}]}),
    );
}

#[test]
fn a_figure_a_changed_source_now_contradicts_says_it_is_newly_contradicted() {
    let ws = Workspace::empty();
    ws.write("sources/101_harbour.txt", HARBOUR);
    let fx = Fixture::parse(SHIPS, false);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("ports.md");
    client.open(&uri, "markdown", &fx.text);
    let d = client.diagnostics_where(&uri, |d| !d.is_empty());
    assert_eq!((&d[0]["code"], &d[0]["range"]), (&json!("supported"), &fx.ranges[0]));
    correct_the_report(&ws, &mut client);
    let d = client.diagnostics_where(&uri, |d| with_code(d, "contradicted").is_some());
    assert_eq!((d.len(), &d[0]["range"]), (1, &fx.ranges[0]));
    let message = d[0]["message"].as_str().unwrap_or("");
    assert!(
        message.starts_with("Newly contradicted by 101: 101 says 120 ships docked in Portvale last year."),
        "{message}"
    );
    // an edit elsewhere keeps it; an edit of its sentence makes it another figure
    let moved = fx.text.replace("# Ports\n", "# Ports\n\nA paragraph before it.\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": moved}]}),
    );
    let d = client.diagnostics_where(&uri, |d| d.first().is_some_and(|d| d["range"]["start"]["line"] == 4));
    assert!(d[0]["message"].as_str().unwrap_or("").starts_with("Newly contradicted by 101: "), "{d:?}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": moved.replace("docked", "moored")}]}),
    );
    let d = client.diagnostics_where(&uri, |d| {
        d.first().is_some_and(|d| !d["message"].as_str().unwrap_or("").starts_with("Newly"))
    });
    assert_eq!(d[0]["range"]["start"]["line"], 4);
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("Contradicted: 101 says 120 ships docked in Portvale last year."),
        "{d:?}"
    );
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn a_note_on_disk_is_judged_again_when_a_source_changes_and_the_client_pulls_again() {
    let ws = Workspace::empty();
    ws.write("sources/101_harbour.txt", HARBOUR);
    let fx = Fixture::parse(SHIPS, false);
    ws.write("ports.md", &fx.text);
    ws.write("other.md", "# Other\n\nNothing measured here.\n");
    let (mut client, _) = Client::start_with(&ws.root(), json!({}), pulling(), Value::Null);
    let other = ws.uri("other.md");
    client.open(&other, "markdown", "# Other\n\nNothing measured here.\n");
    client.request("textDocument/diagnostic", json!({"textDocument": {"uri": other}}));
    let pull = |client: &mut Client| {
        let all = client.request("workspace/diagnostic", json!({"previousResultIds": []}));
        all["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["uri"] == ws.uri("ports.md"))
            .cloned()
            .expect("ports.md")
    };
    let before = pull(&mut client);
    assert_eq!(codes_and_ranges(&before["items"]), [(json!("supported"), fx.ranges[0].clone())]);
    // told to pull again once the first index is read, and again after the change
    let refresh = "workspace/diagnostic/refresh";
    client.server_request(refresh, 1);
    correct_the_report(&ws, &mut client);
    client.server_request(refresh, 2);
    let after = pull(&mut client);
    let message = after["items"][0]["message"].as_str().unwrap_or("");
    assert!(
        message.starts_with("Newly contradicted by 101: 101 says 120 ships docked in Portvale last year."),
        "{message}"
    );
    assert_eq!(client.shutdown_and_exit(), 0);
}
