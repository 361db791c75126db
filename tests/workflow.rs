//! The analyst's workflow over stdio: quick fixes, citation completion,
//! inlay hints, the code lens and its command, document and workspace
//! symbols, ignore markers — on a corpus written for these tests (a harbour
//! town, not the seeds), asserted on exact edits, items and ranges.

mod support;

use serde_json::{json, Value};
use support::{with_code, Client, Fixture, Workspace};

const HARBOUR: &str = "Harbour traffic falls as dredging stalls\n\nMarch 3, 2021\n\n\
The port authority said on Tuesday that 412 cargo ships docked at the harbour last year, down from 530 the year before.\n\n\
Dredging of the main channel has been delayed, and about 60 percent of the work remains unfinished, officials said.\n";

const FLEET: &str = "# Fishing fleet shrinks to its smallest size\n\nJune 9, 2021\n\n\
The town's fishing fleet now numbers fewer than 80 trawlers, the harbour master said. Each trawler employs about 12 crew members.\n";

/// A workspace with the two sources in `sources/`.
fn harbour_workspace() -> Workspace {
    let ws = Workspace::empty();
    ws.write("sources/101_harbour.txt", HARBOUR);
    ws.write("sources/102_fleet.md", FLEET);
    ws
}

const NOTE: &str = "# Harbour briefing\n\n\
Last year «412 cargo ships» docked at the harbour.\n\n\
The fishing fleet has «more than 200 trawlers» [@101].\n\n\
«Roughly 900 tourists» visited the lighthouse.\n";

fn open(options: Value) -> (Workspace, Client, Fixture, String, Vec<Value>) {
    let ws = harbour_workspace();
    let fx = Fixture::parse(NOTE, false);
    ws.write("note.md", &fx.text);
    let (mut client, _) = Client::start(&ws.root(), options, false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", &fx.text);
    let diags = client.diagnostics_where(&uri, |d| d.len() >= 3);
    (ws, client, fx, uri, diags)
}

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Value {
    json!({"start": pos(l0, c0), "end": pos(l1, c1)})
}

fn actions_at(client: &mut Client, uri: &str, at: &Value, diagnostics: Value) -> Vec<Value> {
    let r = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at}, "context": {"diagnostics": diagnostics}}),
    );
    r.as_array().cloned().unwrap_or_default()
}

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions.iter().find(|a| a["title"] == title).unwrap_or_else(|| panic!("no action {title:?} in {actions:#?}"))
}

#[test]
fn a_contradicted_figure_offers_the_sources_figure_and_extends_the_citation() {
    let (_ws, mut client, fx, uri, diags) = open(json!({}));
    let contradicted = with_code(&diags, "contradicted").expect("contradicted").clone();
    assert_eq!(contradicted["range"], fx.ranges[1]);
    let actions = actions_at(&mut client, &uri, &fx.ranges[1]["start"], json!([contradicted.clone()]));
    let fix = titled(&actions, "Use the source's figure: ‘fewer than 80’ [@102]");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"], json!([contradicted]));
    // "more than 200" becomes "fewer than 80"; "[@101]" becomes "[@101; @102]"
    assert_eq!(
        fix["edit"]["changes"][&uri],
        json!([
            {"range": range(4, 22, 4, 35), "newText": "fewer than 80"},
            {"range": range(4, 50, 4, 50), "newText": "; @102"}
        ])
    );
    // accepted (edits applied last first, as a client does), the figure is supported
    let edits = fix["edit"]["changes"][&uri].as_array().expect("edits");
    let changes: Vec<Value> = edits.iter().rev().map(|e| json!({"range": e["range"], "text": e["newText"]})).collect();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": changes}),
    );
    let after = client.diagnostics_where(&uri, |d| with_code(d, "contradicted").is_none());
    let now = after
        .iter()
        .find(|d| d["code"] == "supported" && d["range"]["start"]["line"] == 4)
        .unwrap_or_else(|| panic!("line 4 supported in {after:#?}"));
    assert_eq!(now["range"], range(4, 22, 4, 44)); // "fewer than 80 trawlers"
                                                   // every figure can be ignored, on its line or in the whole file
    let ignore = titled(&actions, "Ignore this figure");
    assert_eq!(
        ignore["edit"]["changes"][&uri],
        json!([{"range": range(4, 52, 4, 52), "newText": " <!-- sourcecheck-ignore: more than 200 trawlers -->"}])
    );
    assert!(ignore.get("diagnostics").is_none(), "{ignore}");
    let all = titled(&actions, "Ignore figures like ‘more than 200 trawlers’ in this file");
    assert_eq!(
        all["edit"]["changes"][&uri],
        json!([{"range": range(0, 0, 0, 0), "newText": "<!-- sourcecheck-ignore-all: more than 200 trawlers -->\n"}])
    );
}

#[test]
fn a_supported_figure_without_a_citation_offers_to_cite_its_source() {
    let (_ws, mut client, fx, uri, _) = open(json!({}));
    let actions = actions_at(&mut client, &uri, &fx.ranges[0]["start"], json!([]));
    let cite = titled(&actions, "Cite 101");
    assert_eq!(cite["isPreferred"], true);
    // before the sentence's full stop
    assert_eq!(cite["edit"]["changes"][&uri], json!([{"range": range(2, 47, 2, 47), "newText": " [@101]"}]));
    // an unsourced figure has only the ignore actions
    let actions = actions_at(&mut client, &uri, &fx.ranges[2]["start"], json!([]));
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert_eq!(titles, ["Ignore this figure", "Ignore figures like ‘Roughly 900 tourists’ in this file"]);
}

#[test]
fn an_accepted_ignore_edit_removes_the_figure_from_the_diagnostics() {
    let (_ws, mut client, fx, uri, _) = open(json!({}));
    let actions = actions_at(&mut client, &uri, &fx.ranges[2]["start"], json!([]));
    let edit = titled(&actions, "Ignore this figure")["edit"]["changes"][&uri][0].clone();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    let diags = client.diagnostics_where(&uri, |d| with_code(d, "unsourced").is_none());
    assert_eq!(diags.len(), 2, "{diags:?}");
    let lens = client.request("textDocument/codeLens", json!({"textDocument": {"uri": uri}}));
    assert_eq!(lens[0]["command"]["title"], "2 figures: 1 supported · 1 contradicted · 0 unsourced · 1 ignored");
}

#[test]
fn completion_after_an_open_citation_lists_sources_and_resolves_their_opening() {
    let ws = harbour_workspace();
    let text = "# Notes\n\nThe fleet is small [@].\nDredging lags [@dredg\n";
    ws.write("note.md", text);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", text);
    client.diagnostics_where(&uri, |_| true);

    let list = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": pos(2, 21), "context": {"triggerKind": 2, "triggerCharacter": "@"}}),
    );
    let labels: Vec<&str> =
        list["items"].as_array().expect("items").iter().filter_map(|i| i["label"].as_str()).collect();
    assert_eq!(labels, ["101", "102"]);
    let first = &list["items"][0];
    assert_eq!(first["detail"], "Harbour traffic falls as dredging stalls · 3 Mar 2021");
    assert_eq!(first["textEdit"], json!({"range": range(2, 21, 2, 21), "newText": "101"}));
    assert!(first.get("documentation").is_none(), "documentation comes on resolve");

    // a title word filters: "dredg" is in 101's title only, and the typed key is replaced
    let list = client.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": pos(3, 21)}));
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["textEdit"], json!({"range": range(3, 16, 3, 21), "newText": "101"}));
    assert_eq!(list["isIncomplete"], true);

    let resolved = client.request("completionItem/resolve", items[0].clone());
    let doc = resolved["documentation"]["value"].as_str().expect("documentation");
    assert!(doc.starts_with("**Harbour traffic falls as dredging stalls** — 3 Mar 2021"), "{doc}");
    assert!(doc.contains("> The port authority said on Tuesday that 412 cargo ships"), "{doc}");

    // outside a citation group there is nothing to complete
    let none = client.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": pos(2, 10)}));
    assert_eq!(none, Value::Null);
}

#[test]
fn inlay_hints_are_off_by_default_and_mark_each_figure_when_on() {
    let (_ws, mut client, _fx, uri, _) = open(json!({}));
    let whole = range(0, 0, 7, 0);
    let off = client.request("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": whole}));
    assert_eq!(off, Value::Null);

    let (_ws, mut client, fx, uri, _) = open(json!({"inlayHints": true}));
    let hints = client.request("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": whole}));
    let got: Vec<(Value, Value)> =
        hints.as_array().expect("hints").iter().map(|h| (h["position"].clone(), h["label"].clone())).collect();
    assert_eq!(
        got,
        [
            (fx.ranges[0]["end"].clone(), json!("✓ 101")),
            (fx.ranges[1]["end"].clone(), json!("✗ 102")),
            (fx.ranges[2]["end"].clone(), json!("?")),
        ]
    );
    // only the figures in the requested range
    let part =
        client.request("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": range(4, 0, 5, 0)}));
    assert_eq!(part.as_array().map(Vec::len), Some(1));
}

#[test]
fn the_code_lens_counts_verdicts_and_its_command_walks_the_contradicted_figures() {
    let ws = harbour_workspace();
    let fx = Fixture::parse(
        "Notes.\n\nThe fleet has «more than 200 trawlers».\n\nAbout 412 cargo ships docked last year.\n\nEach trawler has «40 crew members».\n",
        false,
    );
    ws.write("note.md", &fx.text);
    let caps = json!({"window": {"showDocument": {"support": true}}});
    let (mut client, init) = Client::start_with(&ws.root(), json!({}), caps, Value::Null);
    assert_eq!(init["capabilities"]["executeCommandProvider"]["commands"], json!(["sourcecheck.nextContradicted"]));
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", &fx.text);
    client.diagnostics_where(&uri, |d| d.len() >= 3);

    let lenses = client.request("textDocument/codeLens", json!({"textDocument": {"uri": uri}}));
    assert_eq!(lenses.as_array().map(Vec::len), Some(1));
    let lens = &lenses[0];
    assert_eq!(lens["range"], range(0, 0, 0, 0));
    assert_eq!(lens["command"]["title"], "3 figures: 1 supported · 2 contradicted · 0 unsourced");
    assert_eq!(lens["command"]["command"], "sourcecheck.nextContradicted");

    let run = |client: &mut Client| {
        client.request(
            "workspace/executeCommand",
            json!({"command": lens["command"]["command"], "arguments": lens["command"]["arguments"]}),
        )
    };
    let first = run(&mut client);
    assert_eq!(first, json!({"uri": uri, "range": fx.ranges[0]}));
    let shown =
        client.server_requests.iter().rev().find(|m| m["method"] == "window/showDocument").expect("showDocument");
    assert_eq!(shown["params"], json!({"uri": uri, "takeFocus": true, "selection": fx.ranges[0]}));
    assert_eq!(run(&mut client)["range"], fx.ranges[1]);
    // and round again
    assert_eq!(run(&mut client)["range"], fx.ranges[0]);

    let bad = client.request_full("workspace/executeCommand", json!({"command": "sourcecheck.nope", "arguments": []}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
}

#[test]
fn document_symbols_group_figures_by_verdict() {
    let (_ws, mut client, fx, uri, _) = open(json!({}));
    let syms = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    let groups: Vec<(&str, Vec<&str>)> = syms
        .as_array()
        .expect("symbols")
        .iter()
        .map(|g| {
            let kids = g["children"].as_array().expect("children").iter().filter_map(|c| c["name"].as_str()).collect();
            (g["name"].as_str().unwrap_or(""), kids)
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("Contradicted (1)", vec!["more than 200 trawlers"]),
            ("Unsourced (1)", vec!["Roughly 900 tourists"]),
            ("Supported (1)", vec!["412 cargo ships"]),
        ]
    );
    let contradicted = &syms[0]["children"][0];
    assert_eq!(contradicted["selectionRange"], fx.ranges[1]);
    // the figure's whole sentence, its citation included
    assert_eq!(contradicted["range"], range(4, 0, 4, 52));
    assert_eq!(contradicted["kind"], 16); // Number
    assert!(contradicted["detail"].as_str().unwrap_or("").starts_with("Contradicted: 102 says fewer than 80 trawlers"));
}

#[test]
fn workspace_symbols_find_source_figures_by_words() {
    let (ws, mut client, _fx, _uri, _) = open(json!({}));
    let found = client.request("workspace/symbol", json!({"query": "trawlers fleet"}));
    let found = found.as_array().expect("symbols");
    assert_eq!(found[0]["name"], "fewer than 80 trawlers");
    assert_eq!(found[0]["containerName"], "102 — Fishing fleet shrinks to its smallest size");
    assert_eq!(found[0]["location"], json!({"uri": ws.uri("sources/102_fleet.md"), "range": range(4, 37, 4, 59)}));
    let ships = client.request("workspace/symbol", json!({"query": "cargo ships docked"}));
    assert_eq!(ships[0]["name"], "412 cargo ships");
    let nothing = client.request("workspace/symbol", json!({"query": "volcano"}));
    assert_eq!(nothing, json!([]));
}

#[test]
fn the_cli_honours_the_same_ignore_markers() {
    let ws = harbour_workspace();
    let note = "Roughly 900 tourists came. <!-- sourcecheck-ignore -->\n\n\
<!-- sourcecheck-ignore-all: 40 crew members -->\nEach trawler has 40 crew members, and 900 tourists came again.\n";
    ws.write("note.md", note);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sourcecheck"))
        .args(["check", "note.md", "--format", "json"])
        .current_dir(ws.root())
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let figures: Vec<&str> =
        v["notes"][0]["figures"].as_array().expect("figures").iter().filter_map(|f| f["text"].as_str()).collect();
    assert_eq!(figures, ["900 tourists"], "{v:#}");
    assert_eq!(v["notes"][0]["figures"][0]["line"], 4);
}

#[test]
fn a_panicking_handler_answers_with_an_error_and_the_server_goes_on() {
    let ws = harbour_workspace();
    std::env::set_var("SOURCECHECK_ALLOW_CRASH_TEST", "1");
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let r = client.request_full("sourcecheck/crashTest", json!({}));
    assert_eq!(r["error"]["code"], -32603, "{r}");
    assert!(r["error"]["message"].as_str().unwrap_or("").contains("crash test requested"), "{r}");
    let syms = client.request("workspace/symbol", json!({"query": "trawlers"}));
    assert_eq!(syms[0]["name"], "fewer than 80 trawlers");
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn indexing_reports_progress_and_logs_reach_the_client_at_its_trace_level() {
    let ws = harbour_workspace();
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = Client::start_with(&ws.root(), json!({}), caps, json!("verbose"));
    let begin = client.notification_where("$/progress", |p| p["value"]["kind"] == "begin");
    assert_eq!(begin["value"]["title"], "sourcecheck: indexing sources");
    let token = begin["token"].clone();
    let end = client.notification_where("$/progress", |p| p["value"]["kind"] == "end" && p["token"] == token);
    assert_eq!(end["value"]["message"], "2 sources, 5 figures");
    let created = client.server_requests.iter().find(|m| m["method"] == "window/workDoneProgress/create");
    assert_eq!(created.map(|m| m["params"]["token"].clone()), Some(token));
    let log = client.notification_where("window/logMessage", |p| {
        p["message"].as_str().is_some_and(|m| m.contains("indexed 2 sources"))
    });
    assert_eq!(log["type"], 3, "{log}"); // Info
                                         // at "off" nothing is forwarded
    client.notify("$/setTrace", json!({"value": "off"}));
    client.request("workspace/symbol", json!({"query": "x"}));
    let (mut quiet, _) = Client::start_with(&ws.root(), json!({}), json!({}), json!("off"));
    quiet.request("workspace/symbol", json!({"query": "trawlers"}));
    std::thread::sleep(std::time::Duration::from_millis(300));
    quiet.request("workspace/symbol", json!({"query": "trawlers"}));
    assert!(quiet.backlog.iter().all(|m| m["method"] != "window/logMessage"), "{:?}", quiet.backlog);
}

#[test]
fn editing_sourcecheck_toml_reconfigures_the_running_server() {
    let (ws, mut client, _fx, uri, diags) = open(json!({}));
    assert!(with_code(&diags, "supported").is_some());
    // supported figures off, and the fleet article ignored
    ws.write("sourcecheck.toml", "ignore = [\"sources/102_*\"]\n\n[severity]\nsupported = \"off\"\n");
    let after = client
        .diagnostics_where(&uri, |d| with_code(d, "supported").is_none() && with_code(d, "contradicted").is_none());
    let codes: Vec<&str> = after.iter().filter_map(|d| d["code"].as_str()).collect();
    // "more than 200 trawlers" has no source left, and "900 tourists" never had one
    assert_eq!(codes, ["unsourced", "unsourced"], "{after:#?}");
    // a broken file is reported, not fatal
    ws.write("sourcecheck.toml", "severty = 1\n");
    let shown = client.notification_where("window/showMessage", |p| {
        p["message"].as_str().is_some_and(|m| m.contains("sourcecheck.toml") && m.contains("severty"))
    });
    assert_eq!(shown["type"], 2);
    let back = client.diagnostics_where(&uri, |d| with_code(d, "supported").is_some());
    assert_eq!(back.len(), 3);
}

#[test]
fn settings_pulled_from_the_client_apply_without_a_restart() {
    let ws = harbour_workspace();
    let fx = Fixture::parse(NOTE, false);
    ws.write("note.md", &fx.text);
    ws.write("drafts/old.md", "Some 412 cargo ships docked last year.\n");
    let caps = json!({"workspace": {"configuration": true}});
    let (mut client, _) = Client::start_with(&ws.root(), json!({}), caps, Value::Null);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", &fx.text);
    let draft = ws.uri("drafts/old.md");
    client.open(&draft, "markdown", "Some 412 cargo ships docked last year.\n");
    client.diagnostics_where(&uri, |d| d.len() == 3);
    client.diagnostics_where(&draft, |d| d.len() == 1);

    client.answers.insert(
        "workspace/configuration".to_string(),
        json!([{"severity": {"contradicted": "error"}, "ignore": ["drafts/**"]}]),
    );
    client.notify("workspace/didChangeConfiguration", json!({"settings": null}));
    let d = client.diagnostics_where(&uri, |d| with_code(d, "contradicted").is_some_and(|c| c["severity"] == 1));
    assert_eq!(d.len(), 3);
    // the ignored draft is no longer a note: its diagnostics are cleared
    client.diagnostics_where(&draft, |d| d.is_empty());
    let asked = client.server_requests.iter().rev().find(|m| m["method"] == "workspace/configuration").expect("asked");
    assert_eq!(asked["params"]["items"][0]["section"], "sourcecheck");
}

#[test]
fn a_figure_citing_the_wrong_source_offers_to_cite_the_right_one() {
    let ws = harbour_workspace();
    let fx = Fixture::parse("Last year «412 cargo ships» docked at the harbour [@102].\n", false);
    ws.write("note.md", &fx.text);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", &fx.text);
    let diags = client.diagnostics_where(&uri, |d| with_code(d, "citation-mismatch").is_some());
    let mismatch = with_code(&diags, "citation-mismatch").expect("mismatch").clone();
    assert_eq!(mismatch["message"], "Cited 102 does not give this figure; 101 does");
    assert_eq!(mismatch["range"], fx.ranges[0]);
    let actions = actions_at(&mut client, &uri, &fx.ranges[0]["start"], json!([mismatch.clone()]));
    let cite = titled(&actions, "Cite 101");
    assert_eq!(cite["diagnostics"], json!([mismatch]));
    // "[@102]" becomes "[@102; @101]"
    assert_eq!(cite["edit"]["changes"][&uri], json!([{"range": range(0, 53, 0, 53), "newText": "; @101"}]));
}
