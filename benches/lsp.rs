//! The language server under load, driven over stdio like an editor: a
//! 1,000-line note against 10,000 generated articles. Reports didOpen →
//! diagnostics (including the first index), keystroke → diagnostics (the
//! 150 ms debounce included and subtracted), hover latency percentiles, and
//! the server's peak memory against the corpus size.

#[path = "../tests/support/mod.rs"]
mod support;
#[path = "support/synth.rs"]
mod synth;

use serde_json::json;
use std::time::{Duration, Instant};
use support::{Client, Workspace};

const ARTICLES: usize = 10_000;
const DEBOUNCE_MS: f64 = 150.0;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` lists; nothing to list
    }
    let ws = Workspace::empty();
    let mut bytes = 0usize;
    for i in 0..ARTICLES {
        let a = synth::article(i);
        bytes += a.len();
        ws.write(&format!("sources/{i:05}.txt"), &a);
    }
    let note = synth::note(1000);
    ws.write("note.md", &note);
    let uri = ws.uri("note.md");

    let t0 = Instant::now();
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    client.open(&uri, "markdown", &note);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let open_ms = t0.elapsed().as_secs_f64() * 1000.0;

    // keystrokes: type a digit into the first figure, then take it out again
    // (the figure's span changes, so its diagnostic changes and is republished)
    let (kline, kcol) = note
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.starts_with("- ").then(|| l.find(|c: char| c.is_ascii_digit()).map(|c| (i, c))).flatten())
        .expect("a figure line");
    let mut keystroke = Vec::new();
    for k in 0..20 {
        let version = 2 + k;
        let text = if k % 2 == 0 { "9" } else { "" };
        let range = if k % 2 == 0 {
            json!({"start": {"line": kline, "character": kcol}, "end": {"line": kline, "character": kcol}})
        } else {
            json!({"start": {"line": kline, "character": kcol}, "end": {"line": kline, "character": kcol + 1}})
        };
        let t = Instant::now();
        client.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": text}]}));
        // wait for the published version
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            client.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
            );
            if client
                .backlog
                .iter()
                .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version)
            {
                break;
            }
            if Instant::now() > deadline {
                panic!("no diagnostics for version {version}");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        client.backlog.clear();
        keystroke.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    keystroke.sort_by(f64::total_cmp);

    let mut hover = Vec::new();
    for i in 0..300 {
        let line = 3 + (i % 900);
        let t = Instant::now();
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 4}}),
        );
        hover.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    hover.sort_by(f64::total_cmp);
    let peak = peak_rss_kib(client.pid()).unwrap_or(0);

    println!(
        "sourcecheck LSP benchmark: {ARTICLES} articles, {:.1} MB of sources; note of {} lines",
        bytes as f64 / 1e6,
        note.lines().count()
    );
    println!("  didOpen → diagnostics (incl. first index):  {open_ms:.0} ms");
    println!(
        "  keystroke → diagnostics: p50 {:.1} ms, p95 {:.1} ms (after the {DEBOUNCE_MS:.0} ms debounce: p50 {:.1} ms, p95 {:.1} ms)",
        percentile(&keystroke, 0.5),
        percentile(&keystroke, 0.95),
        percentile(&keystroke, 0.5) - DEBOUNCE_MS,
        percentile(&keystroke, 0.95) - DEBOUNCE_MS
    );
    println!(
        "  hover: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        percentile(&hover, 0.5),
        percentile(&hover, 0.95),
        percentile(&hover, 1.0)
    );
    println!(
        "  peak memory: {:.1} MB ({:.2}× the corpus size)",
        peak as f64 / 1024.0,
        peak as f64 * 1024.0 / bytes as f64
    );
    let _ = client.shutdown_and_exit();
}
