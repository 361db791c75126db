//! Checking a 1,000-line note against 10,000 generated articles, with the
//! split: indexing the corpus (parallel), then checking the note.

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, Criterion};
use rayon::prelude::*;
use sourcecheck::check::check_note;
use sourcecheck::corpus::{Corpus, Source};
use sourcecheck::text::Format;
use sourcecheck::workspace::Settings;
use std::path::PathBuf;
use std::time::Duration;

const ARTICLES: usize = 10_000;

fn index(settings: &Settings, texts: &[String]) -> Corpus {
    let sources: Vec<Source> = texts
        .par_iter()
        .enumerate()
        .map(|(i, t)| {
            Source::from_text(
                &PathBuf::from(format!("gen/{i:05}.txt")),
                t.clone(),
                &settings.synonyms,
                &settings.conventions,
            )
        })
        .collect();
    Corpus::from_sources(sources)
}

fn bench(c: &mut Criterion) {
    let settings = Settings::default();
    let texts: Vec<String> = (0..ARTICLES).map(synth::article).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let note = synth::note(1000);
    let corpus = index(&settings, &texts);
    eprintln!(
        "corpus: {ARTICLES} articles, {bytes} bytes, {} figures; note: {} lines",
        corpus.figure_count(),
        note.lines().count()
    );
    let mut group = c.benchmark_group("check");
    group.sample_size(10).measurement_time(Duration::from_secs(10)).warm_up_time(Duration::from_secs(1));
    group.bench_function("index 10,000 articles", |b| b.iter(|| index(&settings, &texts).figure_count()));
    group.bench_function("check 1,000-line note against 10,000 articles", |b| {
        b.iter(|| check_note(&note, Format::Markdown, None, &corpus, &settings).figures.len())
    });
    group.bench_function("index + check (total)", |b| {
        b.iter(|| {
            let corpus = index(&settings, &texts);
            check_note(&note, Format::Markdown, None, &corpus, &settings).figures.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
