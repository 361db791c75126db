//! The server under hostile or careless clients and file systems: positions
//! past the end, edits to unopened documents, versions going backwards,
//! unknown methods, a flood of edits, requests after shutdown, a source
//! folder deleted and recreated (seen by the server, or reported by the
//! client as one folder event), and citations, links and symlinks that
//! point outside the workspace — whose files must never be read or shown.

mod support;

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use support::{open_note, type_then_edit_the_figure, with_code, Client, Fixture, Workspace, TYPING_NOTE_START};

const CONTRADICTED: &str =
    "# Briefing\n\nThe coalition says «more than 5,000 militants» remain in Iraq and Syria [@004].\n";

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

fn change(uri: &str, version: i32, changes: Value) -> Value {
    json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})
}

/// The tests here time the server's answers (a flood, typing in a long
/// note): run one at a time, so that one test's server is not measured
/// while another's works beside it on the same cores.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn ranged(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> Value {
    json!({"range": {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}, "text": text})
}

#[test]
fn positions_past_a_lines_end_clamp_to_it_and_past_the_document_find_nothing() {
    let _serial = serial();
    let note = "# Briefing\n\nThe coalition says «more than 5,000 militants»\nremain in Iraq and Syria [@004].\n";
    let (ws, mut client, fx, uri) = open_note(false, note);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    // past the end of line 2, which ends with the figure: the figure
    let hover = client.request("textDocument/hover", at(&uri, 2, 999));
    assert_eq!(hover["range"], fx.ranges[0], "{hover}");
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("** — `more than 5,000 militants`"), "{hover}");
    // past the end of line 3 (after "[@004]."), of the document, of both
    for (line, character) in [(3, 999), (4, 5), (999, 0), (999, u32::MAX)] {
        for method in ["textDocument/hover", "textDocument/definition"] {
            let r = client.request(method, at(&uri, line, character));
            assert_eq!(r, Value::Null, "{method} at {line}:{character}");
        }
        let refs = client.request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character},
                   "context": {"includeDeclaration": false}}),
        );
        assert_eq!(refs, Value::Null, "references at {line}:{character}");
    }
    // a source's references past its end: nothing either
    let src = ws.uri("seeds/004_373bdf90062bec4d.txt");
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": src}, "position": {"line": 999, "character": 999},
               "context": {"includeDeclaration": false}}),
    );
    assert_eq!(refs, Value::Null);
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn edits_to_unopened_documents_are_ignored() {
    let _serial = serial();
    let ws = Workspace::with_seeds();
    let fx = Fixture::parse(CONTRADICTED, false);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    let never = "Nothing yet.\n\n\nSome 45,000 fighters.\n";
    client.notify("textDocument/didChange", change(&uri, 7, json!([{"text": never}])));
    client.notify("textDocument/didChange", change(&uri, 8, json!([ranged(0, 0, 0, 3, "x")])));
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": ws.uri("other.md")}}));
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": ws.uri("other.md")}}));
    // opened now, at version 1: its own text counts, not the changes before
    client.open(&uri, "markdown", &fx.text);
    let d = client.diagnostics_where(&uri, |d| !d.is_empty());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["code"], "contradicted");
    assert_eq!(d[0]["range"], fx.ranges[0]);
}

#[test]
fn changes_with_older_or_equal_versions_are_ignored() {
    let _serial = serial();
    let (_ws, mut client, _fx, uri) = open_note(false, CONTRADICTED);
    let supported = "# Briefing\n\nThe coalition says less than 1,000 militants remain in Iraq and Syria [@004].\n";
    client.notify("textDocument/didChange", change(&uri, 5, json!([{"text": supported}])));
    client.notify("textDocument/didChange", change(&uri, 3, json!([{"text": "Stale.\n"}])));
    client.notify("textDocument/didChange", change(&uri, 5, json!([{"text": "Also stale.\n"}])));
    client.notify(
        "textDocument/didChange",
        change(&uri, 6, json!([ranged(1, 0, 1, 0, "Separately, about 45,000 fighters were counted in 2015.\n")])),
    );
    let want = Fixture::parse(
        "# Briefing\nSeparately, «about 45,000 fighters» were counted in 2015.\n\nThe coalition says «less than 1,000 militants» remain in Iraq and Syria [@004].\n",
        false,
    );
    let d = client.diagnostics_where(&uri, |d| d.len() == 2);
    let ranges: Vec<&Value> = d.iter().map(|x| &x["range"]).collect();
    assert_eq!(ranges, [&want.ranges[0], &want.ranges[1]], "{d:?}");
    assert_eq!(d[1]["code"], "supported", "{d:?}");
    let hover = client.request("textDocument/hover", at(&uri, 3, 20));
    assert!(
        hover["contents"]["value"].as_str().unwrap_or("").starts_with("✓ **Supported** — `less than 1,000 militants`"),
        "{hover}"
    );
}

#[test]
fn unknown_requests_are_method_not_found_and_unknown_notifications_ignored() {
    let _serial = serial();
    let (_ws, mut client, _fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    client.notify("sourcecheck/noSuchNotification", json!({"x": 1}));
    client.notify("$/noSuchThing", json!({}));
    let r = client.request_full("textDocument/noSuchRequest", at(&uri, 0, 0));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let hover = client.request("textDocument/hover", at(&uri, 2, 20));
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("Contradicted"), "{hover}");
    // the notifications got no answer of any kind
    assert!(client.backlog.iter().all(|m| m.get("error").is_none()), "{:?}", client.backlog);
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn after_a_flood_of_10000_changes_the_server_answers_fast_with_the_final_text_and_its_memory_returns() {
    let _serial = serial();
    let (_ws, mut client, _fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let before = client.rss_kib();
    // 9,999 keystrokes typing at the end of the heading, then the figure edited
    let heading = "# Briefing".len() as u32;
    let sending = Instant::now();
    for i in 0..9_999u32 {
        let c = heading + i;
        client.notify("textDocument/didChange", change(&uri, i as i32 + 2, json!([ranged(0, c, 0, c, "x")])));
    }
    client.notify("textDocument/didChange", change(&uri, 10_001, json!([ranged(2, 29, 2, 34, "500")])));
    let want = Fixture::parse(
        &format!(
            "# Briefing{}\n\nThe coalition says «more than 500 militants» remain in Iraq and Syria [@004].\n",
            "x".repeat(9_999)
        ),
        false,
    );
    eprintln!("flood sent in {:?}", sending.elapsed());
    // at once, behind the whole queue (its latency is the queue's: reported, not asserted)
    let t = Instant::now();
    client.request("textDocument/hover", at(&uri, 2, 20));
    let first = t.elapsed();
    let peak = client.rss_kib();
    let d = client.diagnostics_where(&uri, |d| d.iter().any(|x| x["range"] == want.ranges[0]));
    assert_eq!(d.len(), 1, "{d:?}");
    let t = Instant::now();
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": want.ranges[0]["start"]}));
    let took = t.elapsed();
    assert!(took < Duration::from_millis(100), "hover took {took:?}");
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("`more than 500 militants`"), "{hover}");
    assert_eq!(hover["range"], want.ranges[0]);
    std::thread::sleep(Duration::from_millis(500));
    let after = client.rss_kib();
    // the rope and a few analyses: never the 10,000 edits kept
    assert!(after < before + 8 * 1024, "RSS {before} KiB before, {after} KiB after");
    eprintln!(
        "flood: RSS {before} KiB before, {peak} KiB at the end, {after} KiB after; hover {first:?} then {took:?}"
    );
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn requests_after_shutdown_are_invalid_and_exit_still_ends_with_0() {
    let _serial = serial();
    let (_ws, mut client, _fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    for method in ["textDocument/hover", "textDocument/definition"] {
        let r = client.request_full(method, at(&uri, 2, 20));
        assert_eq!(r["error"]["code"], -32600, "{method}: {r}");
    }
    assert_eq!(client.exit(), 0);
}

const FAIR: &str = "Town fair\n\nAbout 200 people came to the fair on 3 May 2016.\n";

#[test]
fn a_source_folder_deleted_and_recreated_is_read_again() {
    let _serial = serial();
    let ws = Workspace::empty();
    ws.write("sources/fair.txt", FAIR);
    let fx = Fixture::parse("«About 200 people» came to the fair [@fair].\n", false);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", &fx.text);
    let d = client.diagnostics_where(&uri, |d| with_code(d, "supported").is_some());
    assert_eq!(with_code(&d, "supported").expect("supported")["range"], fx.ranges[0]);
    std::fs::remove_dir_all(ws.root().join("sources")).expect("rm");
    let d = client.diagnostics_where(&uri, |d| with_code(d, "unsourced").is_some());
    assert_eq!(with_code(&d, "unsourced").expect("unsourced")["range"], fx.ranges[0]);
    assert_eq!(
        with_code(&d, "unknown-citation").expect("citation gone")["message"],
        "Unknown source '@fair': no source file is named fair"
    );
    ws.write("sources/fair.txt", FAIR);
    let d = client.diagnostics_where(&uri, |d| with_code(d, "supported").is_some());
    let s = with_code(&d, "supported").expect("supported again");
    assert_eq!(s["range"], fx.ranges[0]);
    assert!(s["message"].as_str().unwrap_or("").starts_with("Supported: fair says About 200 people came"), "{s}");
    // and later changes in the new folder are seen too
    ws.write("sources/fair.txt", "Town fair\n\nAbout 900 people came to the fair on 3 May 2016.\n");
    client.diagnostics_where(&uri, |d| with_code(d, "contradicted").is_some());
    assert_eq!(client.shutdown_and_exit(), 0);
}

/// Each diagnostic's code, range and message.
fn summary(d: &[Value]) -> Vec<(Value, Value, Value)> {
    d.iter().map(|x| (x["code"].clone(), x["range"].clone(), x["message"].clone())).collect()
}

#[test]
fn a_subfolder_the_client_reports_deleted_or_created_drops_or_reads_every_source_under_it() {
    let _serial = serial();
    let ws = Workspace::empty();
    ws.write("sources/fairs/2016/fair.txt", FAIR);
    ws.write("sources/fairs/notes.txt", "Stalls\n\nThe fair had 40 stalls on 3 May 2016.\n");
    ws.write("sources/weather.txt", "Weather\n\nSome 45 millimetres of rain fell on 3 May 2016.\n");
    let fx = Fixture::parse("«About 200 people» came to the fair.\n", false);
    // the client watches files: the server runs no watcher of its own
    let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
                      "window": {"workDoneProgress": false}});
    let (mut client, _) = Client::start_with(&ws.root(), json!({}), caps, Value::Null);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", &fx.text);
    let supported = client.diagnostics_where(&uri, |d| with_code(d, "supported").is_some());
    let range = fx.ranges[0].clone();
    let message = json!("Supported: fair says About 200 people came to the fair on 3 May 2016.");
    assert_eq!(summary(&supported), [(json!("supported"), range.clone(), message)]);
    // what the server asked to be told of: everything under the sources, and the folder itself
    let reg = client.server_requests.iter().find(|r| r["method"] == "client/registerCapability").expect("registered");
    let globs: Vec<&Value> =
        reg["params"]["registrations"][0]["registerOptions"]["watchers"].as_array().expect("watchers").iter().collect();
    let sources = ws.root().join("sources").display().to_string();
    let config = ws.root().join("sourcecheck.toml").display().to_string();
    let expected = [format!("{sources}/**"), sources.clone(), config];
    assert_eq!(globs.iter().map(|w| w["globPattern"].as_str().unwrap_or("")).collect::<Vec<_>>(), expected);

    let watched = |client: &mut Client, rel: &str, typ: u8| {
        let changes = json!({"changes": [{"uri": ws.uri(rel), "type": typ}]});
        client.notify("workspace/didChangeWatchedFiles", changes);
    };
    std::fs::remove_dir_all(ws.root().join("sources/fairs")).expect("rm");
    watched(&mut client, "sources/fairs", 3);
    let unsourced = client.diagnostics_where(&uri, |d| with_code(d, "supported").is_none());
    let message = json!("Unsourced: no source gives a figure for people.");
    assert_eq!(summary(&unsourced), [(json!("unsourced"), range.clone(), message)]);
    let symbols = |client: &mut Client| {
        let found = client.request("workspace/symbol", json!({"query": ""}));
        let mut names: Vec<String> = found
            .as_array()
            .expect("symbols")
            .iter()
            .map(|s| s["location"]["uri"].as_str().unwrap_or("").rsplit('/').next().unwrap_or("").to_string())
            .collect();
        names.sort();
        names.dedup();
        names
    };
    assert_eq!(symbols(&mut client), ["weather.txt"]);

    ws.write("sources/fairs/2016/fair.txt", FAIR);
    ws.write("sources/fairs/notes.txt", "Stalls\n\nThe fair had 40 stalls on 3 May 2016.\n");
    watched(&mut client, "sources/fairs", 1);
    let again = client.diagnostics_where(&uri, |d| with_code(d, "supported").is_some());
    assert_eq!(again, supported);
    assert_eq!(symbols(&mut client), ["fair.txt", "notes.txt", "weather.txt"]);
    assert_eq!(client.shutdown_and_exit(), 0);
}

/// The secret's text: nothing of it may ever reach the client.
const SECRET: &str =
    "Ledger SECRETMARK\n\nThe SECRETMARK ledger says about 200 people came to the fair on 3 May 2016.\n";

fn assert_no_secret(what: &str, v: &Value) {
    let s = v.to_string();
    assert!(!s.contains("SECRETMARK") && !s.contains("root:x:"), "{what} shows the secret: {s}");
}

#[test]
fn citations_links_and_symlinks_never_read_outside_the_workspace_and_sources() {
    let _serial = serial();
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("tmp");
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, SECRET).expect("write");
    std::fs::write(outside.path().join("notes.md"), format!("{SECRET}\n[@fair]\n")).expect("write");
    let ws = Workspace::empty();
    ws.write("sources/ok.txt", "Weather\n\nSome 45 millimetres of rain fell on 3 May 2016.\n");
    symlink(&secret, ws.root().join("sources/fair.txt")).expect("symlink");
    symlink(outside.path(), ws.root().join("sources/more")).expect("symlink");
    // a note on disk that is a symlink out: references must not read it
    symlink(outside.path().join("notes.md"), ws.root().join("linked.md")).expect("symlink");
    let rel = format!("../../..{}", secret.display());
    let note = format!(
        "About 200 people came to the fair [@fair] [@secret] [@{rel}] [@/etc/passwd].\n\n\
         About 200 people came ([a]({}), [b]({rel}), [c](/etc/passwd), [d](sources/more/secret.txt)).\n\n\
         About 200 people came to the fair.\n",
        secret.display()
    );
    ws.write("note.md", &note);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", &note);
    let d = client.diagnostics_where(&uri, |d| d.iter().filter(|x| x["code"] == "unsourced").count() == 3);
    assert_no_secret("diagnostics", &Value::Array(d.clone()));
    // hover and definition everywhere on both lines
    for (line, text) in note.lines().enumerate() {
        for character in 0..=text.encode_utf16().count() as u32 {
            for method in ["textDocument/hover", "textDocument/definition"] {
                let r = client.request(method, at(&uri, line as u32, character));
                assert_no_secret(method, &r);
                if method == "textDocument/definition" {
                    assert_eq!(r, Value::Null, "definition at {line}:{character}");
                }
            }
        }
    }
    // references from the source that is read: the linked note is not
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": ws.uri("sources/ok.txt")}, "position": {"line": 0, "character": 0},
               "context": {"includeDeclaration": false}}),
    );
    assert_no_secret("references", &refs);
    assert!(!refs.to_string().contains("linked.md"), "{refs}");
    // a symlink out created while the server runs is not read either; a
    // real source created with it is, which is how we know both were seen
    symlink(&secret, ws.root().join("sources/late.txt")).expect("symlink");
    ws.write("sources/crowd.txt", "Crowds\n\nAbout 200 people came to the fair on 3 May 2016, organisers said.\n");
    // (line 4, the one without citations or links)
    let d = client
        .diagnostics_where(&uri, |d| d.iter().any(|x| x["code"] == "supported" && x["range"]["start"]["line"] == 4));
    assert_no_secret("diagnostics", &Value::Array(d.clone()));
    let hover = client.request("textDocument/hover", at(&uri, 4, 2));
    assert_no_secret("hover", &hover);
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("crowd.txt"), "{hover} {d:?}");
    for shown in [&Value::Array(d), &hover] {
        let s = shown.to_string();
        assert!(!s.contains("late.txt") && !s.contains("fair.txt") && !s.contains("more/"), "{s}");
    }
    let log = client.message_where(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"].as_str().unwrap_or("").contains("late.txt: links outside the source folders")
    });
    assert_no_secret("log", &log);

    assert_eq!(client.shutdown_and_exit(), 0);
}

/// Sends `body` as one message, framed as given.
fn send_body(client: &mut Client, body: &str) {
    client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
}

/// Waits for the error reply to a message sent raw (a response with no result).
fn error_reply(client: &mut Client) -> Value {
    client.message_where(|m| m.get("error").is_some() && m.get("method").is_none())
}

#[test]
fn json_that_is_no_request_gets_invalid_request_with_its_id_and_the_server_answers_after_each() {
    let _serial = serial();
    let (_ws, mut client, _fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let cases = [
        (r#"{}"#, Value::Null),
        (r#"{"jsonrpc":"2.0","id":9223372036854775808,"method":"textDocument/hover"}"#, Value::Null),
        (r#"{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover"}"#, Value::Null),
        (r#"{"jsonrpc":"2.0","id":true,"method":"textDocument/hover"}"#, Value::Null),
        (r#"{"jsonrpc":"2.0","id":[1],"method":"textDocument/hover"}"#, Value::Null),
        (r#"{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover"}"#, Value::Null),
        (r#"{"jsonrpc":"1.0","id":777,"method":"textDocument/hover"}"#, json!(777)),
        (r#"{"jsonrpc":"2.0","id":"x-9","method":5}"#, json!("x-9")),
        (r#"[1]"#, Value::Null),
    ];
    for (body, id) in cases {
        send_body(&mut client, body);
        let reply = error_reply(&mut client);
        assert_eq!(reply["error"]["code"], -32600, "{body}: {reply}");
        assert_eq!(reply["id"], id, "{body}: {reply}");
        assert!(reply["error"]["message"].as_str().unwrap_or("").starts_with("Invalid request: "), "{reply}");
        // alive and answering
        let hover = client.request("textDocument/hover", at(&uri, 2, 20));
        assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("Contradicted"), "after {body}: {hover}");
        client.backlog.clear();
    }
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn a_header_line_with_no_end_is_skipped_in_bounded_memory_and_the_server_goes_on() {
    let _serial = serial();
    let (_ws, mut client, _fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let before = client.rss_kib();
    // 64 MiB of one header line, sent a MiB at a time
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..64 {
        client.send_raw(&chunk);
    }
    let during = client.rss_kib();
    client.send_raw(b"\r\n\r\n");
    let reply = error_reply(&mut client);
    assert_eq!(reply["error"]["code"], -32700, "{reply}");
    assert_eq!(reply["error"]["message"], "Parse error: a header line over 4096 bytes");
    let hover = client.request("textDocument/hover", at(&uri, 2, 20));
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("Contradicted"), "{hover}");
    assert!(during < before + 16 * 1024, "RSS {before} KiB before, {during} KiB with the line");
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn thousands_of_watched_file_events_for_unchanged_sources_never_hold_up_a_request() {
    let _serial = serial();
    let (ws, mut client, _fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let seeds: Vec<String> = std::fs::read_dir(ws.root().join("seeds"))
        .expect("seeds")
        .flatten()
        .map(|e| format!("file://{}", e.path().display()))
        .collect();
    for i in 0..2_000 {
        let changes = json!({"changes": [{"uri": seeds[i % seeds.len()], "type": 2}]});
        client.notify("workspace/didChangeWatchedFiles", changes);
    }
    let t = Instant::now();
    let hover = client.request("textDocument/hover", at(&uri, 2, 20));
    let took = t.elapsed();
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("Contradicted"), "{hover}");
    assert!(took < Duration::from_secs(1), "hover took {took:?} behind 2,000 watch events");
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn typing_in_a_long_note_cancels_stale_checks_and_the_last_text_is_checked_soon_after() {
    let _serial = serial();
    // a long note: a check of the whole of it takes a while
    let mut note = String::from(TYPING_NOTE_START);
    for i in 0..1_500 {
        note.push_str(&format!(
            "Some {} people came to fair number {i} in {} on 3 May 2016. ",
            100 + i,
            ["Ashford", "Mosul"][i % 2]
        ));
        if i % 10 == 9 {
            note.push_str("\n\n");
        }
    }
    let (_ws, mut client, _fx, uri) = open_note(false, &note);
    let t = Instant::now();
    client.diagnostics_where(&uri, |d| d.len() > 1_000);
    let first = t.elapsed();
    // ten keystrokes at 5 a second at the end of the heading, the last one editing the figure
    let (d, took) = type_then_edit_the_figure(&mut client, &uri, 10);
    eprintln!("first check {first:?}; final diagnostics {took:?} after the last keystroke");
    assert!(d.len() > 1_000);
    // the final check reuses the judgements of the sentences no keystroke touched
    assert!(
        took < first / 2 + Duration::from_millis(500),
        "final diagnostics {took:?} after the last keystroke (first check {first:?})"
    );
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn a_note_over_the_size_limit_is_not_checked_says_so_and_the_server_goes_on() {
    let _serial = serial();
    let (_ws, mut client, fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    // the same note grown past 16 MiB with figures: nothing stale stays shown
    let filler = "Some 45,000 fighters were counted in 2015. ".repeat(16 * 1024 * 1024 / 43 + 10);
    client.notify("textDocument/didChange", change(&uri, 2, json!([ranged(2, 0, 2, 0, &filler)])));
    let log = client.message_where(|m| {
        m["method"] == "window/logMessage" && m["params"]["message"].as_str().unwrap_or("").contains("MiB limit")
    });
    let message = log["params"]["message"].as_str().unwrap_or("");
    assert!(
        message.ends_with(&format!(
            "note.md: {} bytes is over the 16 MiB limit, not checked",
            fx.text.len() + filler.len()
        )),
        "{message}"
    );
    client.diagnostics_where(&uri, |d| d.is_empty());
    // back under it: checked again
    client.notify("textDocument/didChange", change(&uri, 3, json!([{"text": fx.text}])));
    let d = client.diagnostics_where(&uri, |d| !d.is_empty());
    assert_eq!(d[0]["code"], "contradicted");
    assert_eq!(client.shutdown_and_exit(), 0);
}
