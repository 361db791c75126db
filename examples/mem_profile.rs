//! Where memory goes: indexes N generated articles and prints resident
//! memory after each stage (`cargo run --release --example mem_profile -- N`);
//! then writes them to a folder and loads it in fresh processes — cold
//! (no cache), cold writing the index cache, and from that cache — printing
//! each one's time and peak memory (VmHWM).

#[path = "../benches/support/synth.rs"]
mod synth;

use rayon::prelude::*;
use sourcecheck::corpus::cache::CacheOptions;
use sourcecheck::corpus::{load_folders_cached, Corpus, Source};
use sourcecheck::figures::Measure;
use sourcecheck::workspace::Settings;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn status(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

fn report(stage: &str, base: u64) {
    println!(
        "{stage:<28} rss {:>7.1} MB (+{:.1})  peak {:>7.1} MB",
        status("VmRSS:") as f64 / 1024.0,
        (status("VmRSS:") - base) as f64 / 1024.0,
        status("VmHWM:") as f64 / 1024.0
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, dir, mode] = args.as_slice() {
        if flag == "--load" {
            load(Path::new(dir), mode);
            return;
        }
    }
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    in_memory(n);
    on_disk(n);
}

/// Writes the articles to a folder and loads it in a fresh process per mode.
fn on_disk(n: usize) {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir_all(dir.path().join("sources")).expect("sources folder");
    for i in 0..n {
        std::fs::write(dir.path().join(format!("sources/{i:05}.txt")), synth::article(i)).expect("article written");
    }
    let exe = std::env::current_exe().expect("this example");
    println!("\nloading {n} articles from disk, each in a fresh process:");
    for mode in ["cold", "write", "cached"] {
        let status = std::process::Command::new(&exe).arg("--load").arg(dir.path()).arg(mode).status();
        assert!(status.is_ok_and(|s| s.success()), "{mode} load failed");
    }
}

/// One load of `dir/sources`: `cold` without a cache, `write` cold and
/// writing the cache in `dir/cache`, `cached` from that cache.
fn load(dir: &Path, mode: &str) {
    let settings = Settings::default();
    let cache = match mode {
        "cold" => CacheOptions::disabled(),
        _ => CacheOptions::in_dir(dir.join("cache")),
    };
    let t = Instant::now();
    let (sources, report) =
        load_folders_cached(&[dir.join("sources")], &settings.synonyms, &settings.conventions, &cache);
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let (load_cpu_ms, load_peak) = (cpu_ms(), status("VmHWM:") as f64 / 1024.0);
    let corpus = Corpus::from_sources(sources);
    println!(
        "  {mode:<7} {} sources ({} from cache): loaded in {load_ms:.0} ms ({load_cpu_ms:.0} ms of CPU), peak {load_peak:.1} MB; \
         indexed in {:.0} ms, rss {:.1} MB, peak {:.1} MB",
        corpus.len(),
        report.from_cache,
        t.elapsed().as_secs_f64() * 1e3,
        status("VmRSS:") as f64 / 1024.0,
        status("VmHWM:") as f64 / 1024.0
    );
}

/// CPU time this process used so far, user and system, every thread (10 ms
/// resolution): the cost of a load whatever else the machine runs.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // the fields after the command's closing parenthesis; utime and stime are the 12th and 13th
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    (ticks(11) + ticks(12)) as f64 * 10.0
}

/// The stages of indexing generated texts in memory.
fn in_memory(n: usize) {
    let settings = Settings::default();
    let base = status("VmRSS:");
    report("start", base);
    let texts: Vec<String> = (0..n).map(synth::article).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    report("texts generated", base);
    let sources: Vec<Source> = texts
        .into_par_iter()
        .enumerate()
        .map(|(i, t)| {
            Source::from_text(&PathBuf::from(format!("gen/{i:05}.txt")), t, &settings.synonyms, &settings.conventions)
        })
        .collect();
    report("sources built", base);
    let corpus = Corpus::from_sources(sources);
    report("corpus indexed", base);
    println!("{n} articles, {:.1} MB, {} figures", bytes as f64 / 1e6, corpus.figure_count());
    let mut terms = 0usize;
    let mut timed = 0usize;
    for s in corpus.sources() {
        for f in &s.figures {
            terms += f.subject.terms().len();
            timed += usize::from(f.figure.time().is_some());
        }
    }
    println!(
        "subject terms: {terms} ({:.1} per figure); figures with a time {timed}",
        terms as f64 / corpus.figure_count() as f64
    );
    // what the sources hold, by part (heap bytes as allocated, before malloc's overhead)
    let (mut text, mut figs, mut subj, mut names) = (0, 0, 0, 0);
    for s in corpus.sources() {
        text += s.excerpts.heap_bytes();
        figs += s.figures.capacity() * std::mem::size_of::<sourcecheck::corpus::SourceFigure>();
        names += s.id.capacity() + s.title.capacity() + s.path.capacity();
        for f in &s.figures {
            subj += std::mem::size_of_val(f.subject.terms());
        }
    }
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "held: excerpts (figures' sentences and their positions) {:.1} MB of {:.1} MB of text, figures {:.1} MB ({} times and long number lists interned, shared), subjects {:.1} MB, names {:.1} MB",
        mb(text), bytes as f64 / 1e6, mb(figs), sourcecheck::corpus::Extra::interned(), mb(subj), mb(names)
    );
    println!(
        "size_of Figure {} SourceFigure {}",
        std::mem::size_of::<sourcecheck::figures::Figure>(),
        std::mem::size_of::<sourcecheck::corpus::SourceFigure>()
    );
}
