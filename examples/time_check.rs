//! Times a note check twice against a source folder (the second reuses the
//! judgement cache): `cargo run --release --example time_check -- SOURCES NOTE`.

use sourcecheck::check::{check_note_cached, JudgementCache};
use sourcecheck::corpus::{load_folders, Corpus};
use sourcecheck::text::Format;
use sourcecheck::workspace::Settings;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(sources), Some(note)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: time_check SOURCES NOTE");
        std::process::exit(2);
    };
    let settings = Settings::default();
    let t = Instant::now();
    let (srcs, _) = load_folders(&[PathBuf::from(sources)], &settings.synonyms, &settings.conventions);
    let corpus = Corpus::from_sources(srcs);
    println!("index: {:?} ({} sources, {} figures)", t.elapsed(), corpus.len(), corpus.figure_count());
    let text = std::fs::read_to_string(note).unwrap_or_default();
    let mut cache = JudgementCache::default();
    for run in 0..3 {
        let t = Instant::now();
        let c = check_note_cached(&text, Format::Markdown, None, &corpus, &settings, &mut cache);
        println!("check {run}: {:?} ({} figures, {} cached)", t.elapsed(), c.figures.len(), cache.len());
    }
}
