//! What a writer does to one figure in the editor, and what must follow:
//! ignoring one figure leaves its neighbours checked (the command line
//! agrees), completed keys keep the text after them, quick fixes match the
//! case of what they replace and replace a wrong citation. On a corpus of
//! its own (a harbour town), asserted on exact edits.

mod support;

use serde_json::{json, Value};
use support::{with_code, Client, Workspace};

const HARBOUR: &str = "Harbour traffic falls as dredging stalls\n\nMarch 3, 2021\n\n\
The port authority said on Tuesday that 412 cargo ships docked at the harbour last year.\n";

const FLEET: &str = "# Fishing fleet shrinks to its smallest size\n\nJune 9, 2021\n\n\
The town's fishing fleet now numbers fewer than 80 trawlers, the harbour master said.\n";

fn workspace() -> Workspace {
    let ws = Workspace::empty();
    ws.write("sources/101_harbour.txt", HARBOUR);
    ws.write("sources/102_fleet.md", FLEET);
    ws
}

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Value {
    json!({"start": pos(l0, c0), "end": pos(l1, c1)})
}

fn action(client: &mut Client, uri: &str, at: Value, title: &str) -> Value {
    let r = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
    );
    let actions = r.as_array().cloned().unwrap_or_default();
    actions.into_iter().find(|a| a["title"] == title).unwrap_or_else(|| panic!("no action {title:?} in {r:#}"))
}

/// `text` with the action's edits applied (last first, as a client does).
fn applied(text: &str, uri: &str, action: &Value) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().expect("line") as usize;
        let ch = p["character"].as_u64().expect("character") as usize;
        lines[..line].iter().map(|l| l.len()).sum::<usize>()
            + lines[line].encode_utf16().take(ch).map(|c| if c < 0x80 { 1 } else { 3 }).sum::<usize>()
    };
    let mut out = text.to_string();
    let edits = action["edit"]["changes"][uri].as_array().expect("edits");
    for e in edits.iter().rev() {
        let (a, b) = (offset(&e["range"]["start"]), offset(&e["range"]["end"]));
        out.replace_range(a..b, e["newText"].as_str().expect("newText"));
    }
    out
}

fn check_status(ws: &Workspace, note: &str) -> (Option<i32>, Value) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sourcecheck"))
        .args(["check", note, "--format", "json"])
        .current_dir(ws.root())
        .output()
        .expect("runs");
    (out.status.code(), serde_json::from_slice(&out.stdout).expect("json"))
}

#[test]
fn ignoring_one_figure_leaves_the_other_figures_on_its_line_checked() {
    let ws = workspace();
    let text =
        "# Briefing\n\nThe fishing fleet has more than 200 trawlers. Roughly 900 tourists visited the lighthouse.\n";
    ws.write("note.md", text);
    assert_eq!(check_status(&ws, "note.md").0, Some(1));
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", text);
    let diags = client.diagnostics_where(&uri, |d| d.len() >= 2);
    let unsourced = with_code(&diags, "unsourced").expect("unsourced").clone();
    assert_eq!(unsourced["range"], range(2, 46, 2, 66)); // "Roughly 900 tourists"
    let ignore = action(&mut client, &uri, unsourced["range"]["start"].clone(), "Ignore this figure");
    assert_eq!(
        ignore["edit"]["changes"][&uri],
        json!([{"range": range(2, 90, 2, 90), "newText": " <!-- sourcecheck-ignore: Roughly 900 tourists -->"}])
    );
    let edited = applied(text, &uri, &ignore);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]}),
    );
    let after = client.diagnostics_where(&uri, |d| with_code(d, "unsourced").is_none());
    let contradicted = with_code(&after, "contradicted").unwrap_or_else(|| panic!("contradicted kept: {after:#?}"));
    assert_eq!(contradicted["range"], range(2, 22, 2, 44));
    // the command line reads the marker alike: the contradiction still fails the check
    ws.write("note.md", &edited);
    let (status, report) = check_status(&ws, "note.md");
    assert_eq!(status, Some(1), "{report:#}");
    let figures: Vec<&str> =
        report["notes"][0]["figures"].as_array().expect("figures").iter().filter_map(|f| f["text"].as_str()).collect();
    assert_eq!(figures, ["more than 200 trawlers"]);
}

#[test]
fn completion_keeps_the_punctuation_after_the_key_and_filters_on_title_words() {
    let ws = workspace();
    let text = "# Notes\n\nThe fleet cut its networks [@.\nDredging lags [@dredg\n";
    ws.write("note.md", text);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", text);
    client.diagnostics_where(&uri, |_| true);
    // the cursor after the `@`: the full stop after it is no part of the key
    let list = client.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": pos(2, 29)}));
    let first = &list["items"][0];
    assert_eq!(first["textEdit"], json!({"range": range(2, 29, 2, 29), "newText": "101"}), "{list:#}");
    // an editor filtering by itself matches the typed title word against filterText
    let list = client.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": pos(3, 21)}));
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["filterText"], "101 Harbour traffic falls as dredging stalls");
    assert_eq!(items[0]["textEdit"], json!({"range": range(3, 16, 3, 21), "newText": "101"}));
}

#[test]
fn the_sources_figure_takes_the_case_of_the_text_it_replaces() {
    let ws = workspace();
    ws.write(
        "sources/103_headline.md",
        "# Fewer Than 80 Lighthouse Keepers Remain on the Coast\n\nJune 9, 2021\n\nThe service is shrinking.\n",
    );
    let text = "# Briefing\n\nMore than 200 trawlers fish from the town [@102].\n\n\
The coast still has 300 lighthouse keepers.\n";
    ws.write("note.md", text);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", text);
    client.diagnostics_where(&uri, |d| d.iter().filter(|d| d["code"] == "contradicted").count() == 2);
    // at the note's sentence start the source's lower-case wording gets a capital
    let fix = action(&mut client, &uri, pos(2, 0), "Use the source's figure: ‘Fewer than 80’ [@102]");
    assert_eq!(fix["edit"]["changes"][&uri], json!([{"range": range(2, 0, 2, 13), "newText": "Fewer than 80"}]));
    // in the middle of a sentence a headline's Title Case is not copied
    let fix = action(&mut client, &uri, pos(4, 20), "Use the source's figure: ‘fewer than 80’ [@103]");
    assert_eq!(
        fix["edit"]["changes"][&uri],
        json!([{"range": range(4, 20, 4, 23), "newText": "fewer than 80"}, {"range": range(4, 42, 4, 42), "newText": " [@103]"}])
    );
}

#[test]
fn a_figure_citing_the_wrong_source_is_offered_the_right_one_instead() {
    let ws = workspace();
    let text = "# Briefing\n\nLast year 412 cargo ships docked at the harbour [@102].\n";
    ws.write("note.md", text);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", text);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let replace = action(&mut client, &uri, pos(2, 10), "Cite 101 instead of 102");
    assert_eq!(replace["isPreferred"], true);
    assert_eq!(replace["edit"]["changes"][&uri], json!([{"range": range(2, 49, 2, 53), "newText": "@101"}]));
    let add = action(&mut client, &uri, pos(2, 10), "Cite 101");
    assert_eq!(add["isPreferred"], false);
    assert_eq!(add["edit"]["changes"][&uri], json!([{"range": range(2, 53, 2, 53), "newText": "; @101"}]));
}

#[test]
fn a_citation_mismatch_follows_the_contradicted_severity_as_the_docs_say() {
    let ws = workspace();
    let text = "# Briefing\n\nLast year 412 cargo ships docked at the harbour [@102].\n";
    ws.write("note.md", text);
    for (options, want) in
        [(json!({}), json!(2)), (json!({"severity": {"contradicted": "error", "citation": "off"}}), json!(1))]
    {
        let (mut client, _) = Client::start(&ws.root(), options.clone(), false);
        let uri = ws.uri("note.md");
        client.open(&uri, "markdown", text);
        let diags = client.diagnostics_where(&uri, |d| with_code(d, "citation-mismatch").is_some());
        let mismatch = with_code(&diags, "citation-mismatch").expect("mismatch");
        assert_eq!(mismatch["severity"], want, "{options}: {mismatch:#}");
        assert_eq!(mismatch["range"], range(2, 10, 2, 25), "{mismatch:#}");
    }
}

#[test]
fn a_source_is_named_by_the_same_whole_word_short_id_everywhere() {
    let ws = Workspace::empty();
    ws.write(
        "sources/clinics_2021.txt",
        "Clinics report\n\nJune 9, 2021\n\nThe county's clinics saw 4,000 patients in May.\n",
    );
    ws.write("sources/climate.txt", "Climate\n\nJune 9, 2021\n\nRainfall reached 80 millimetres in May.\n");
    let text = "# Notes\n\nThe clinics saw 4,000 patients in May [@].\n";
    ws.write("note.md", text);
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", text);
    let diags = client.diagnostics_where(&uri, |d| with_code(d, "supported").is_some());
    let supported = with_code(&diags, "supported").expect("supported");
    // "clinics", not "cli" (which reads as the tool's own command line)
    assert_eq!(supported["message"], "Supported: clinics says 4,000 patients in May.");
    assert!(
        supported["relatedInformation"][0]["message"].as_str().unwrap_or("").starts_with("clinics supports: "),
        "{supported:#}"
    );
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos(2, 17)}));
    let card = hover["contents"]["value"].as_str().expect("hover");
    assert!(card.contains("*clinics supports* — Clinics report"), "{card}");
    let list = client.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": pos(2, 40)}));
    let labels: Vec<&str> =
        list["items"].as_array().expect("items").iter().filter_map(|i| i["label"].as_str()).collect();
    assert_eq!(labels, ["climate", "clinics"]);
    // and the sources table lists them so
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sourcecheck"))
        .args(["sources"])
        .current_dir(ws.root())
        .output()
        .expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    let ids: Vec<&str> = table.lines().skip(1).filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(ids, ["climate", "clinics", "2"], "{table}");
}

#[test]
fn each_citation_of_a_source_is_a_document_link_to_its_file() {
    let ws = workspace();
    let text = "# Briefing\n\nLast year 412 cargo ships docked [@101; @nowhere] and [the fleet](sources/102_fleet.md) shrank.\n";
    ws.write("note.md", text);
    let (mut client, init) = Client::start(&ws.root(), json!({}), false);
    assert_eq!(init["capabilities"]["documentLinkProvider"], json!({"resolveProvider": false}));
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", text);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let links = client.request("textDocument/documentLink", json!({"textDocument": {"uri": uri}}));
    // the unknown key links nowhere; the key and the Markdown link to their files
    assert_eq!(
        links,
        json!([
            {"range": range(2, 34, 2, 38), "target": ws.uri("sources/101_harbour.txt"),
             "tooltip": "101 — Harbour traffic falls as dredging stalls, 3 Mar 2021"},
            {"range": range(2, 54, 2, 87), "target": ws.uri("sources/102_fleet.md"),
             "tooltip": "102 — Fishing fleet shrinks to its smallest size, 9 Jun 2021"},
        ])
    );
}

#[test]
fn references_on_a_citation_list_every_note_figure_its_source_bears_on() {
    let ws = workspace();
    let text = "# Briefing\n\nLast year 412 cargo ships docked at the harbour [@101].\n";
    ws.write("note.md", text);
    ws.write(
        "other.md",
        "# Other\n\nSome 412 cargo ships docked at the harbour last year.\n\nRoughly 900 tourists came.\n",
    );
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", text);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": pos(2, 52), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(
        refs,
        json!([
            {"uri": uri, "range": range(2, 10, 2, 25)},
            {"uri": ws.uri("other.md"), "range": range(2, 0, 2, 20)}, // "Some 412 cargo ships"
        ])
    );
}

#[test]
fn a_source_files_lens_counts_the_open_note_figures_it_bears_on() {
    let ws = workspace();
    let text = "# Briefing\n\nLast year 412 cargo ships docked at the harbour [@101].\n";
    let other = "# Other\n\nSome 412 cargo ships docked at the harbour last year.\n\nRoughly 900 tourists came.\n";
    ws.write("note.md", text);
    ws.write("other.md", other);
    ws.write("closed.md", "# Closed\n\nAbout 412 cargo ships docked at the harbour last year.\n");
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    for (name, t) in [("note.md", text), ("other.md", other)] {
        let uri = ws.uri(name);
        client.open(&uri, "markdown", t);
        client.diagnostics_where(&uri, |d| !d.is_empty());
    }
    let source = ws.uri("sources/101_harbour.txt");
    client.open(&source, "plaintext", HARBOUR);
    let lens = client.request("textDocument/codeLens", json!({"textDocument": {"uri": source}}));
    assert_eq!(lens[0]["range"], range(0, 0, 0, 0));
    // the closed note is not counted (a lens is asked for after every analysis); Find references reads it
    assert_eq!(lens[0]["command"]["title"], "bears on 2 figures in 2 open notes", "{lens:#}");
    let fleet = ws.uri("sources/102_fleet.md");
    client.open(&fleet, "markdown", FLEET);
    let lens = client.request("textDocument/codeLens", json!({"textDocument": {"uri": fleet}}));
    assert_eq!(lens[0]["command"]["title"], "bears on no figure of the open notes", "{lens:#}");
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": source}, "position": pos(0, 0), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(refs.as_array().map(Vec::len), Some(3), "{refs:#}");
}

/// The `(figures, judged afresh)` of the note's next finished check, from
/// the server's log at the verbose trace level.
fn next_check(client: &mut Client) -> (usize, usize) {
    let m = client.message_where(|m| {
        m["method"] == "window/logMessage" && m["params"]["message"].as_str().unwrap_or("").contains("figures judged")
    });
    let text = m["params"]["message"].as_str().unwrap_or("").to_string();
    let field = |name: &str| {
        let at = text.find(&format!(" {name}=")).unwrap_or_else(|| panic!("no {name} in {text:?}"));
        let digits: String = text[at + name.len() + 2..].chars().take_while(char::is_ascii_digit).collect();
        digits.parse::<usize>().unwrap_or_else(|_| panic!("{name} in {text:?}"))
    };
    (field("figures"), field("judged"))
}

fn edit(client: &mut Client, uri: &str, version: i32, (line, from, to): (u32, u32, u32), text: &str) {
    let change = json!({"range": range(line, from, line, to), "text": text});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
    );
}

#[test]
fn an_edit_rejudges_only_the_figures_whose_sentence_or_headings_source_words_it_changed() {
    let ws = workspace();
    let note = "# Harbour\n\nSome 412 cargo ships docked. Fewer than 80 trawlers fish there.\n\n\
                About 30 crews left.\n";
    ws.write("note.md", note);
    let (mut client, _) = Client::start_with(&ws.root(), json!({}), json!({}), json!("verbose"));
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", note);
    assert_eq!(next_check(&mut client), (3, 3));
    // a figure's sentence: that figure alone
    edit(&mut client, &uri, 2, (2, 40, 42), "90");
    assert_eq!(next_check(&mut client), (3, 1));
    // the heading loses "harbour", a word the sources use: every figure under it
    edit(&mut client, &uri, 3, (0, 9, 9), "zq");
    assert_eq!(next_check(&mut client), (3, 3));
    // a word no source uses changes no judgement
    edit(&mut client, &uri, 4, (0, 11, 11), "x");
    assert_eq!(next_check(&mut client), (3, 0));
    // nor does one in another paragraph, without a figure
    edit(&mut client, &uri, 5, (4, 20, 20), " Then quiet.");
    assert_eq!(next_check(&mut client), (3, 0));
    assert_eq!(client.shutdown_and_exit(), 0);
}
