//! sourcecheck at scale: for each corpus size, a generated corpus on disk,
//! indexed in process (cold, then from the on-disk cache), a 1,000-line note
//! checked against it, and the language server driven over stdio like an
//! editor: didOpen → diagnostics (including its first, cold index),
//! keystroke → diagnostics (a digit typed: the 150 ms debounce included and
//! subtracted; an edit that closes the number: no wait),
//! hover latency percentiles, and the server's peak memory against the
//! corpus size. Sizes: `SOURCECHECK_BENCH_SIZES` (default `1000,10000`; the
//! full run is `SOURCECHECK_BENCH_SIZES=1000,10000,50000 cargo bench --bench lsp`).

#[path = "../tests/support/mod.rs"]
mod support;
#[path = "support/synth.rs"]
mod synth;

use serde_json::json;
use sourcecheck::check::check_note;
use sourcecheck::corpus::cache::CacheOptions;
use sourcecheck::corpus::{load_folders_cached, Corpus};
use sourcecheck::text::Format;
use sourcecheck::workspace::Settings;
use std::path::Path;
use std::time::{Duration, Instant};
use support::{Client, Workspace};

const DEBOUNCE_MS: f64 = 150.0;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// One size's results.
struct Row {
    articles: usize,
    bytes: usize,
    figures: usize,
    index_cold_ms: f64,
    index_cached_ms: f64,
    check_ms: f64,
    open_ms: f64,
    keystroke: Vec<f64>,
    /// Edits that leave no number being typed: checked with no wait.
    closing: Vec<f64>,
    /// Keystrokes with another note in the folder, compared with it.
    neighbour: Vec<f64>,
    hover: Vec<f64>,
    peak_kib: u64,
}

/// Indexes `folder` in process; returns the corpus and the time taken.
fn index(folder: &Path, cache: &CacheOptions, settings: &Settings) -> (Corpus, f64, usize) {
    let t = Instant::now();
    let (sources, report) =
        load_folders_cached(&[folder.to_path_buf()], &settings.synonyms, &settings.conventions, cache);
    let corpus = Corpus::from_sources(sources);
    (corpus, ms(t), report.from_cache)
}

fn run(articles: usize, note: &str) -> Row {
    let ws = Workspace::empty();
    let mut bytes = 0usize;
    for i in 0..articles {
        let a = synth::article(i);
        bytes += a.len();
        ws.write(&format!("sources/{i:05}.txt"), &a);
    }
    ws.write("note.md", note);
    let settings = Settings::default();
    let cache = CacheOptions::in_dir(ws.root().join(".cache-inprocess"));
    let (corpus, index_cold_ms, _) = index(&ws.root().join("sources"), &cache, &settings);
    drop(corpus);
    let (corpus, index_cached_ms, hits) = index(&ws.root().join("sources"), &cache, &settings);
    assert_eq!(hits, articles, "the second index comes from the cache");
    let mut checks: Vec<f64> = (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(check_note(note, Format::Markdown, None, &corpus, &settings));
            ms(t)
        })
        .collect();
    checks.sort_by(f64::total_cmp);
    let figures = corpus.figure_count();
    drop(corpus);

    // the server starts cold: an empty cache of its own, written as it indexes
    std::env::set_var("SOURCECHECK_CACHE_DIR", ws.root().join(".cache-server"));
    let uri = ws.uri("note.md");
    let t0 = Instant::now();
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    client.open(&uri, "markdown", note);
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let open_ms = ms(t0);
    let keystroke = keystrokes(&mut client, &uri, note, false, 2);
    let closing = keystrokes(&mut client, &uri, note, true, 22);
    // a second note beside it (the same briefing): each check now compares
    // the note's figures with that note's (`consistency`)
    ws.write("neighbour.md", note);
    std::thread::sleep(Duration::from_millis(2100)); // the folder's listing is kept 2 s
    let neighbour = keystrokes(&mut client, &uri, note, false, 42);
    let mut hover = Vec::new();
    for i in 0..300 {
        let line = 3 + (i % 900);
        let t = Instant::now();
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 4}}),
        );
        hover.push(ms(t));
    }
    hover.sort_by(f64::total_cmp);
    let peak_kib = peak_rss_kib(client.pid()).unwrap_or(0);
    let _ = client.shutdown_and_exit();
    Row {
        articles,
        bytes,
        figures,
        index_cold_ms,
        index_cached_ms,
        check_ms: checks[1],
        open_ms,
        keystroke,
        closing,
        neighbour,
        hover,
        peak_kib,
    }
}

/// Edits the first figure 20 times, each time waiting for the new version's
/// diagnostics (the figure's span changes each time, so they are
/// republished); the waits, sorted. `closing`: the edit takes the number and
/// the space after it out, then puts them back — no number is left being
/// typed, so the check starts at once; else a digit is typed into the
/// number and taken out again, which waits out the debounce.
fn keystrokes(client: &mut Client, uri: &str, note: &str, closing: bool, first_version: i32) -> Vec<f64> {
    let (kline, kcol, number) = note
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let c = l.starts_with("- ").then(|| l.find(|c: char| c.is_ascii_digit())).flatten()?;
            let len = l[c..].find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(l.len() - c);
            Some((i, c, format!("{} ", &l[c..c + len])))
        })
        .expect("a figure line");
    let mut out = Vec::new();
    for k in 0..20 {
        let version = first_version + k;
        let (text, end) = match (closing, k % 2 == 0) {
            (false, true) => ("9", kcol),
            (false, false) => ("", kcol + 1),
            (true, true) => ("", kcol + number.len()),
            (true, false) => (number.as_str(), kcol),
        };
        let range = json!({"start": {"line": kline, "character": kcol}, "end": {"line": kline, "character": end}});
        let t = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": text}]}),
        );
        let deadline = Instant::now() + Duration::from_secs(60);
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
            assert!(Instant::now() < deadline, "no diagnostics for version {version}");
            std::thread::sleep(Duration::from_millis(2));
        }
        client.backlog.clear();
        out.push(ms(t));
    }
    out.sort_by(f64::total_cmp);
    out
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu.lines().find_map(|l| l.strip_prefix("model name")).map(|m| m.trim_start_matches([' ', '\t', ':']));
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib: u64 =
        mem.lines().find_map(|l| l.strip_prefix("MemTotal:")?.split_whitespace().next()?.parse().ok()).unwrap_or(0);
    format!("{}, {cores} cores, {:.0} GiB", model.unwrap_or("unknown CPU"), kib as f64 / 1024.0 / 1024.0)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` lists; nothing to list
    }
    let sizes: Vec<usize> = std::env::var("SOURCECHECK_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    let note = synth::note(1000);
    println!("sourcecheck at scale on {}; note of {} lines", machine(), note.lines().count());
    let mut rows = Vec::new();
    for n in sizes {
        let r = run(n, &note);
        let (k50, k95) = (percentile(&r.keystroke, 0.5), percentile(&r.keystroke, 0.95));
        println!(
            "{} articles, {:.1} MB, {} figures:\n  index: cold {:.0} ms, from cache {:.0} ms\n  check of the note: {:.0} ms\n  \
             server: didOpen → diagnostics (incl. first index) {:.0} ms; keystroke → diagnostics p50 {k50:.1} ms, \
             p95 {k95:.1} ms (after the {DEBOUNCE_MS:.0} ms debounce: p50 {:.1} ms, p95 {:.1} ms); \
             an edit that closes the number (no wait) p50 {:.1} ms, p95 {:.1} ms; \
             keystroke with a neighbour note (after the debounce) p50 {:.1} ms, p95 {:.1} ms\n  \
             hover: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms\n  peak memory: {:.1} MB ({:.2}× the corpus)",
            r.articles,
            r.bytes as f64 / 1e6,
            r.figures,
            r.index_cold_ms,
            r.index_cached_ms,
            r.check_ms,
            r.open_ms,
            k50 - DEBOUNCE_MS,
            k95 - DEBOUNCE_MS,
            percentile(&r.closing, 0.5),
            percentile(&r.closing, 0.95),
            percentile(&r.neighbour, 0.5) - DEBOUNCE_MS,
            percentile(&r.neighbour, 0.95) - DEBOUNCE_MS,
            percentile(&r.hover, 0.5),
            percentile(&r.hover, 0.95),
            percentile(&r.hover, 1.0),
            r.peak_kib as f64 / 1024.0,
            r.peak_kib as f64 * 1024.0 / r.bytes as f64
        );
        rows.push(r);
    }
    println!("\n| articles | MB | figures | index cold | from cache | check (1,000 lines) | keystroke → diagnostics p50 / p95 (after debounce) | hover p50 / p95 | peak memory |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {:.1} | {} | {:.2} s | {:.0} ms | {:.0} ms | {:.0} / {:.0} ms | {:.2} / {:.2} ms | {:.0} MB ({:.1}×) |",
            r.articles,
            r.bytes as f64 / 1e6,
            r.figures,
            r.index_cold_ms / 1000.0,
            r.index_cached_ms,
            r.check_ms,
            percentile(&r.keystroke, 0.5) - DEBOUNCE_MS,
            percentile(&r.keystroke, 0.95) - DEBOUNCE_MS,
            percentile(&r.hover, 0.5),
            percentile(&r.hover, 0.95),
            r.peak_kib as f64 / 1024.0,
            r.peak_kib as f64 * 1024.0 / r.bytes as f64
        );
    }
}
