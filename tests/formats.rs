//! Sources as analysts keep them — a saved web page, a Word file with a
//! table, a two-page PDF report — checked end to end: verdicts, quotes and
//! positions in the CLI (text and JSON) and in the server (hover,
//! definition); and hostile files of those formats named and bounded.

mod cli_support;
mod support;

use cli_support::{run, stderr, stdout, write};
use serde_json::{json, Value};
use sourcecheck::corpus::formats::samples;
use std::path::Path;
use std::time::{Duration, Instant};
use support::{Client, Workspace};

const NOTE: &str = "# Port week\n\n\
    About 4,500 dock workers returned to work after a 36-hour strike [@port-strike].\n\n\
    The port handled 2 million containers in 2023 [@annual-report].\n\n\
    Cargo ships made 412 calls at the north quay in March.\n";

/// Writes the three samples under `corpus/` of `d`, with the note.
fn workspace(d: &Path) {
    write(d, "sourcecheck.toml", "sources = [\"corpus\"]\n");
    write(d, "corpus/port-strike.html", samples::SAVED_PAGE);
    std::fs::write(d.join("corpus/harbour-briefing.docx"), samples::word_file()).expect("write docx");
    std::fs::write(d.join("corpus/annual-report.pdf"), samples::pdf_report()).expect("write pdf");
    write(d, "note.md", NOTE);
}

/// 0-based line and character column of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text");
    let line = text[..at].matches('\n').count();
    let col = text[..at].rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, col)
}

#[test]
fn the_cli_quotes_each_format_with_its_line_page_or_paragraph() {
    let dir = tempfile::tempdir().expect("tmp");
    workspace(dir.path());
    let out = run(&["check", "note.md"], dir.path());
    let text = stdout(&out);
    let (line, _) = position(samples::SAVED_PAGE, "About 4,500");
    assert!(
        text.contains(&format!(
            "note.md:3:1: note: Supported: port says About 4,500 dock workers returned to work on Monday after a \
             36-hour strike & a night.\n    corpus/port-strike.html:{}: supports: \"About 4,500 dock workers returned \
             to work on Monday after a 36-hour strike & a night of talks.\"\n",
            line + 1
        )),
        "{text}"
    );
    assert!(
        text.contains(
            "note.md:5:18: warning: Contradicted: annual says 1.2 million containers in 2023.\n    \
             corpus/annual-report.pdf, p. 1: contradicts: \"The port handled 1.2 million containers in 2023, up 8% on \
             the year, and about 4,500 dock workers were employed at the end of it.\"\n    \
             corpus/harbour-briefing.docx, para. 2: contradicts: \"The port handled 1.2 million containers in 2023, up \
             8% on the year.\"\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "note.md:7:18: note: Supported: annual says 412 calls at the north quay in March.\n    \
             corpus/annual-report.pdf, p. 2: supports: \"Cargo ships made 412 calls at the north quay in March.\"\n"
        ),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn json_evidence_gives_the_html_files_own_position_and_a_pdfs_page() {
    let dir = tempfile::tempdir().expect("tmp");
    workspace(dir.path());
    let out = run(&["check", "--format", "json", "note.md"], dir.path());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let figures = v["notes"][0]["figures"].as_array().expect("figures");
    let html = &figures[0]["evidence"][0];
    let (line, col) = position(samples::SAVED_PAGE, "About 4,500");
    assert_eq!(html["source"], "corpus/port-strike.html");
    assert_eq!((html["line"].clone(), html["column"].clone()), (json!(line + 1), json!(col + 1)));
    assert_eq!(html["end_column"], json!(col + 1 + "About 4,500 dock workers".len()));
    assert!(html.get("place").is_none(), "{html}");
    let pdf = &figures[2]["evidence"][0];
    assert_eq!(figures[2]["text"], "2 million containers");
    assert_eq!(
        (pdf["source"].clone(), pdf["place"].clone(), pdf["line"].clone()),
        (json!("corpus/annual-report.pdf"), json!("p. 1"), json!(1))
    );
    assert_eq!(figures[2]["evidence"][1]["place"], "para. 2");
}

#[test]
fn sources_lists_each_format() {
    let dir = tempfile::tempdir().expect("tmp");
    workspace(dir.path());
    let out = run(&["sources"], dir.path());
    assert_eq!(
        stdout(&out),
        "ID       DATE        FORMAT  FIGURES  PATH                          TITLE\n\
         annual   2024-01-15  pdf           4  corpus/annual-report.pdf      Annual Report 2023\n\
         harbour  2023-11-20  docx          7  corpus/harbour-briefing.docx  Harbour briefing\n\
         port     2024-03-05  html          3  corpus/port-strike.html       Port strike ends | Harbour Gazette\n\
         3 sources, 14 figures\n"
    );
}

#[test]
fn the_server_hovers_and_jumps_to_the_html_files_place_and_opens_the_pdf() {
    let ws = Workspace::empty();
    workspace(&ws.root());
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", NOTE);
    client.diagnostics_where(&uri, |d| d.len() >= 3);

    let on = |line: u32, character: u32| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
    let hover = client.request("textDocument/hover", on(2, 3));
    let md = hover["contents"]["value"].as_str().expect("markdown");
    let (line, col) = position(samples::SAVED_PAGE, "About 4,500");
    assert!(md.contains(&format!("port-strike.html:{}](", line + 1)), "{md}");
    assert!(md.contains(&format!("#L{})", line + 1)), "{md}");
    assert!(md.contains("**About 4,500 dock workers** returned to work on Monday"), "{md}");
    let def = client.request("textDocument/definition", on(2, 3));
    let link = def.as_array().and_then(|l| l.first()).expect("a link");
    assert!(link["targetUri"].as_str().unwrap_or("").ends_with("corpus/port-strike.html"), "{link}");
    let end = col + "About 4,500 dock workers".len();
    assert_eq!(
        link["targetSelectionRange"],
        json!({"start": {"line": line, "character": col}, "end": {"line": line, "character": end}})
    );

    let hover = client.request("textDocument/hover", on(4, 20));
    let md = hover["contents"]["value"].as_str().expect("markdown");
    assert!(md.contains("annual-report.pdf]("), "{md}");
    assert!(md.contains("), p. 1"), "{md}");
    assert!(md.contains("harbour-briefing.docx]("), "{md}");
    assert!(md.contains("), para. 2"), "{md}");
    let def = client.request("textDocument/definition", on(4, 20));
    let links = def.as_array().expect("links");
    let pdf = links.iter().find(|l| l["targetUri"].as_str().unwrap_or("").ends_with("annual-report.pdf")).expect("pdf");
    assert_eq!(
        pdf["targetSelectionRange"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}})
    );
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn hostile_files_are_named_with_the_reason_in_bounded_time_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    workspace(d);
    std::fs::write(d.join("corpus/bomb.docx"), samples::zip_bomb(33)).expect("write");
    std::fs::write(d.join("corpus/many.pdf"), samples::pdf_of_objects(1_000_000)).expect("write");
    std::fs::write(d.join("corpus/scan.pdf"), samples::pdf_scan()).expect("write");
    std::fs::write(d.join("corpus/loop.pdf"), samples::pdf_page_loop()).expect("write");
    std::fs::write(d.join("corpus/fake.docx"), b"not really a docx\n").expect("write");
    // 200 MB of page, as the file system reports it (sparse: nothing is written)
    let huge = std::fs::File::create(d.join("corpus/huge.html")).expect("create");
    huge.set_len(200_000_000).expect("set_len");
    let started = Instant::now();
    let out = run(&["sources"], d);
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    let err = stderr(&out);
    for line in [
        "/corpus/bomb.docx: not read as docx: word/document.xml unpacks to over 32 MiB (a zip bomb?)\n",
        "/corpus/many.pdf: not read as pdf: over 400000 objects (it has 1000002), refused\n",
        "/corpus/scan.pdf: not read as pdf: no text layer in its 1 page(s) (a scan?); it needs OCR before it can be \
         checked\n",
        "/corpus/huge.html: 200000000 bytes is over the 16 MiB limit, skipped\n",
        "/corpus/loop.pdf: not read as pdf: no pages\n",
    ] {
        assert!(err.contains(line), "{line} in:\n{err}");
    }
    assert!(err.contains("/corpus/fake.docx: not read as docx: not a Word file (no zip archive: "), "{err}");
    // the good sources are still read
    assert!(stdout(&out).ends_with("3 sources, 14 figures\n"), "{}", stdout(&out));
}
