//! The language server driven over stdio as an editor drives it: diagnostics,
//! hover, definition, references, incremental edits, sources changing on
//! disk, position encodings, and the exit protocol — asserted on exact
//! ranges and texts.

mod support;

use serde_json::{json, Value};
use support::{open_note, with_code, Client, Fixture, Workspace};

const CONTRADICTED: &str =
    "# Briefing\n\nThe coalition says «more than 5,000 militants» remain in Iraq$0 and Syria [@004].\n";

#[test]
fn contradicted_figure_gets_a_warning_with_the_sources_passage() {
    let (ws, mut client, fx, uri) = open_note(false, CONTRADICTED.replace("$0", "").as_str());
    let diags = client.diagnostics_where(&uri, |d| !d.is_empty());
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "contradicted");
    assert_eq!(d["severity"], 2);
    assert_eq!(d["source"], "sourcecheck");
    assert_eq!(d["range"], fx.ranges[0]);
    assert!(
        d["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("Contradicted: 004 says less than 1,000 militants remain in Iraq and Syria."),
        "{}",
        d["message"]
    );
    let related = d["relatedInformation"].as_array().expect("relatedInformation");
    let r004 = related
        .iter()
        .find(|r| r["location"]["uri"].as_str().unwrap_or("").ends_with("004_373bdf90062bec4d.txt"))
        .expect("004");
    // "less than 1,000 militants" on line 0 of 004, characters 93..118
    assert_eq!(
        r004["location"]["range"],
        json!({"start": {"line": 0, "character": 93}, "end": {"line": 0, "character": 118}})
    );
    drop(ws);
}

#[test]
fn hover_quotes_the_passage_and_definition_jumps_to_it() {
    let (_ws, mut client, fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let pos = fx.cursor.clone().expect("cursor");
    // the cursor is after the figure: hover there is nothing
    let nothing = client.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos}));
    assert_eq!(nothing, Value::Null);
    let on_figure = fx.ranges[0]["start"].clone();
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": on_figure}));
    let md = hover["contents"]["value"].as_str().expect("markdown");
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(md.starts_with("✗ **Contradicted** — `more than 5,000 militants`"), "{md}");
    assert!(md.contains("Claims: over 5,000 militants."), "{md}");
    assert!(md.contains("said Wednesday that **less than 1,000 militants** remain in Iraq and Syria."), "{md}");
    assert!(md.contains("004_373bdf90062bec4d.txt:1"), "{md}");
    assert_eq!(hover["range"], fx.ranges[0]);

    let def = client.request("textDocument/definition", json!({"textDocument": {"uri": uri}, "position": on_figure}));
    let links = def.as_array().expect("links");
    let link = links
        .iter()
        .find(|l| l["targetUri"].as_str().unwrap_or("").ends_with("004_373bdf90062bec4d.txt"))
        .expect("004 link");
    assert_eq!(
        link["targetSelectionRange"],
        json!({"start": {"line": 0, "character": 93}, "end": {"line": 0, "character": 118}})
    );
    assert_eq!(
        link["targetRange"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 144}})
    );
    assert_eq!(link["originSelectionRange"], fx.ranges[0]);
}

#[test]
fn an_incremental_edit_turns_a_contradicted_figure_into_a_supported_one() {
    let (_ws, mut client, fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| with_code(d, "contradicted").is_some());
    // replace "more than 5,000" with "fewer than 1,000"
    let start = fx.ranges[0]["start"].clone();
    let mut end = start.clone();
    end["character"] = json!(start["character"].as_u64().unwrap_or(0) + "more than 5,000".len() as u64);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": start, "end": end}, "text": "fewer than 1,000"}]}),
    );
    let diags = client.diagnostics_where(&uri, |d| with_code(d, "supported").is_some());
    let d = with_code(&diags, "supported").expect("supported");
    assert_eq!(d["severity"], 4);
    let mut range = fx.ranges[0].clone();
    range["end"]["character"] = json!(range["end"]["character"].as_u64().unwrap_or(0) + 1);
    assert_eq!(d["range"], range, "the span grew by one character");
    assert!(with_code(&diags, "contradicted").is_none());
}

/// Typing a figure key by key, as an editor sends it: the edit that removes
/// the number is judged at once (no number is being typed), the digits wait,
/// and each publication is of the version it judged, the last one right.
#[test]
fn typing_a_figure_key_by_key_publishes_each_closed_edit_and_the_final_verdict() {
    let (_ws, mut client, fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| with_code(d, "contradicted").is_some());
    let start = fx.ranges[0]["start"].clone();
    let at = |chars: u64| {
        let mut p = start.clone();
        p["character"] = json!(start["character"].as_u64().unwrap_or(0) + chars);
        p
    };
    let mut version = 1;
    let mut edit = |client: &mut Client, from: u64, to: u64, text: &str| {
        version += 1;
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": at(from), "end": at(to)}, "text": text}]}),
        );
        version
    };
    // "more than 5,000" → "fewer than ": the figure is gone
    let gone = edit(&mut client, 0, "more than 5,000".len() as u64, "fewer than ");
    let published = client.notification_where("textDocument/publishDiagnostics", |p| p["version"] == gone);
    assert_eq!(published["diagnostics"], json!([]), "{published}");
    let mut last = gone;
    for (i, key) in "1,000".chars().enumerate() {
        let typed = "fewer than ".len() as u64 + i as u64;
        last = edit(&mut client, typed, typed, &key.to_string());
    }
    let published = client.notification_where("textDocument/publishDiagnostics", |p| p["version"] == last);
    let diags = published["diagnostics"].as_array().cloned().unwrap_or_default();
    let d = with_code(&diags, "supported").expect("supported");
    let mut range = fx.ranges[0].clone();
    range["end"]["character"] = json!(range["end"]["character"].as_u64().unwrap_or(0) + 1);
    assert_eq!(d["range"], range, "{published}");
    assert!(with_code(&diags, "contradicted").is_none(), "{published}");
}

#[test]
fn a_source_added_then_removed_on_disk_changes_the_open_notes_diagnostics() {
    let ws = Workspace::with_seeds();
    std::fs::create_dir_all(ws.root().join("sources")).expect("mkdir");
    let fx = Fixture::parse("Coalition aircraft flew «about 12 airstrikes a week» against smuggling routes.\n", false);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", &fx.text);
    let d = client.diagnostics_where(&uri, |d| with_code(d, "unsourced").is_some());
    assert_eq!(with_code(&d, "unsourced").expect("unsourced")["range"], fx.ranges[0]);
    let added = ws.write(
        "sources/air.txt",
        "Air campaign widens\n\nDate: 3 May 2016\n\nCoalition aircraft flew 12 airstrikes a week against smuggling routes, officials said.\n",
    );
    let d = client.diagnostics_where(&uri, |d| with_code(d, "supported").is_some());
    assert!(with_code(&d, "supported").expect("supported")["message"]
        .as_str()
        .unwrap_or("")
        .starts_with("Supported: air says 12 airstrikes a week"));
    std::fs::remove_file(&added).expect("remove");
    client.diagnostics_where(&uri, |d| with_code(d, "unsourced").is_some());
}

#[test]
fn positions_count_utf16_units_by_default_and_bytes_when_utf8_is_offered() {
    let note = "😀 🎉 The coalition says «more than 5,000 militants» remain in Iraq and Syria [@004].\n";
    for utf8 in [false, true] {
        let (_ws, mut client, fx, uri) = open_note(utf8, note);
        let d = client.diagnostics_where(&uri, |d| with_code(d, "contradicted").is_some());
        let got = &with_code(&d, "contradicted").expect("contradicted")["range"];
        assert_eq!(got, &fx.ranges[0], "utf8={utf8}");
        // "😀 🎉 " is 6 UTF-16 units or 10 bytes; "The coalition says " is 19 more
        assert_eq!(got["start"]["character"], if utf8 { 29 } else { 25 });
        let hover = client
            .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": fx.ranges[0]["end"]}));
        assert_eq!(hover["range"], fx.ranges[0], "utf8={utf8}");
    }
}

#[test]
fn the_server_negotiates_utf8_only_when_offered() {
    let ws = Workspace::with_seeds();
    let (_c, init) = Client::start(&ws.root(), json!({}), true);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let (_c, init) = Client::start(&ws.root(), json!({}), false);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
}

#[test]
fn references_from_a_source_figure_list_the_note_figures_it_bears_on() {
    let (ws, mut client, fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let src = ws.uri("seeds/004_373bdf90062bec4d.txt");
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": src}, "position": {"line": 0, "character": 100}, "context": {"includeDeclaration": false}}),
    );
    let refs = refs.as_array().expect("locations");
    assert!(refs.iter().any(|r| r["uri"] == uri && r["range"] == fx.ranges[0]), "{refs:?}");
}

#[test]
fn hover_and_definition_on_a_citation_show_the_source() {
    let (_ws, mut client, _fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    // "[@004]" on line 2: find its column
    let line = CONTRADICTED.replace("«", "").replace("»", "").replace("$0", "");
    let col = line.lines().nth(2).and_then(|l| l.find("@004")).expect("citation") as u64;
    let pos = json!({"line": 2, "character": col + 1});
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos}));
    let md = hover["contents"]["value"].as_str().expect("markdown");
    assert!(
        md.starts_with("**The United States-led international coalition fighting the Islamic State said Wednesday"),
        "{md}"
    );
    // the opening lines come from the file (only figures' sentences are kept in memory)
    assert!(
        md.contains(
            "\n> In a statement to Reuters, a coalition representative stated that the final jihadist fighters"
        ),
        "{md}"
    );
    let def = client.request("textDocument/definition", json!({"textDocument": {"uri": uri}, "position": pos}));
    assert!(def["uri"].as_str().unwrap_or("").ends_with("004_373bdf90062bec4d.txt"), "{def}");
    let first_line = std::fs::read_to_string("seeds/004_373bdf90062bec4d.txt").expect("seed");
    let end = first_line.lines().next().expect("a first line").encode_utf16().count();
    assert_eq!(def["range"], json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": end}}));
}

#[test]
fn an_unknown_citation_is_an_error() {
    let (_ws, mut client, fx, uri) = open_note(false, "Some 45,000 fighters were counted [«@999»].\n");
    let d = client.diagnostics_where(&uri, |d| with_code(d, "unknown-citation").is_some());
    let e = with_code(&d, "unknown-citation").expect("error");
    assert_eq!(e["severity"], 1);
    assert_eq!(e["range"], fx.ranges[0]);
    assert_eq!(e["message"], "Unknown source '@999': no source file is named 999");
}

#[test]
fn bad_positions_and_unknown_documents_do_not_break_the_server() {
    let (_ws, mut client, _fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let past_end = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 999, "character": 999}}),
    );
    assert_eq!(past_end, Value::Null);
    let unknown = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(unknown, Value::Null);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.md", "version": 3}, "contentChanges": [{"text": "x"}]}),
    );
    let r = client.request_full("sourcecheck/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    // still serving
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 20}}));
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("Contradicted"));
}

#[test]
fn shutdown_then_exit_ends_with_0_and_exit_alone_with_1() {
    let ws = Workspace::with_seeds();
    let (c, _) = Client::start(&ws.root(), json!({}), false);
    assert_eq!(c.shutdown_and_exit(), 0);
    let (c, _) = Client::start(&ws.root(), json!({}), false);
    assert_eq!(c.exit_without_shutdown(), 1);
    let (c, _) = Client::start(&ws.root(), json!({}), false);
    assert_eq!(c.close_stdin(), 1);
}

#[test]
fn initialization_options_choose_the_sources_and_severities() {
    let ws = Workspace::with_seeds();
    std::fs::rename(ws.root().join("seeds"), ws.root().join("articles")).expect("rename");
    let fx = Fixture::parse("The group had «more than 45,000 fighters» at its peak [@004].\n", false);
    let (mut client, _) =
        Client::start(&ws.root(), json!({"sources": ["articles"], "severity": {"supported": "information"}}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", &fx.text);
    let d = client.diagnostics_where(&uri, |d| with_code(d, "supported").is_some());
    let s = with_code(&d, "supported").expect("supported");
    assert_eq!(s["severity"], 3);
    assert_eq!(s["range"], fx.ranges[0]);
}

#[test]
fn malformed_messages_get_a_parse_error_and_the_server_goes_on() {
    let (_ws, mut client, _fx, uri) = open_note(false, CONTRADICTED);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    // a body that is not JSON
    client.send_raw(b"Content-Length: 5\r\n\r\n{bad}");
    // a header with no usable length
    client.send_raw(b"Content-Length: twelve\r\n\r\n");
    // a JSON value that is not a message
    client.send_raw(b"Content-Length: 2\r\n\r\n42");
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 20}}));
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("Contradicted"), "{hover}");
    let errors: Vec<&Value> = client.backlog.iter().filter(|m| m["error"]["code"] == -32700).collect();
    assert_eq!(errors.len(), 2, "{:?}", client.backlog);
    assert!(errors[0]["error"]["message"].as_str().unwrap_or("").starts_with("Parse error: key must be a string"));
    assert_eq!(errors[1]["error"]["message"], "Parse error: bad Content-Length 'twelve'");
    // JSON, but no message: Invalid Request
    let invalid: Vec<&Value> = client.backlog.iter().filter(|m| m["error"]["code"] == -32600).collect();
    assert_eq!(invalid.len(), 1, "{:?}", client.backlog);
    assert_eq!(invalid[0]["error"]["message"], "Invalid request: a message must be a JSON object");
    assert_eq!(client.shutdown_and_exit(), 0);
}
