//! Index time per MB for each source format: the same generated articles
//! written as text, a saved HTML page, a Word file and a PDF, each file
//! read, parsed and indexed (`corpus::load_file`, what a cold index does per
//! file). Criterion reports bytes per second of each format's files; the
//! corpus sizes are printed first.

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sourcecheck::corpus::formats::samples;
use sourcecheck::workspace::Settings;
use std::path::PathBuf;
use std::time::Duration;

/// Articles of about `bytes` of text in all, as paragraphs each.
fn articles(bytes: usize) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < bytes {
        let a = synth::article(i);
        total += a.len();
        out.push(a.split("\n\n").map(|p| p.replace('\n', " ")).filter(|p| !p.trim().is_empty()).collect());
        i += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let settings = Settings::default();
    let dir = tempfile::tempdir().expect("tmp");
    let corpus = articles(1 << 20);
    let mut files: Vec<(&str, Vec<PathBuf>, u64)> = Vec::new();
    for format in ["txt", "html", "docx", "pdf"] {
        let mut paths = Vec::new();
        let mut bytes = 0u64;
        for (i, paragraphs) in corpus.iter().enumerate() {
            let ps: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            let content = match format {
                "txt" => ps.join("\n\n").into_bytes(),
                "html" => samples::html_page(ps.first().copied().unwrap_or(""), &ps).into_bytes(),
                "docx" => samples::word_file_of(&ps),
                _ => samples::pdf_of_paragraphs(&ps),
            };
            let path = dir.path().join(format!("{i:04}.{format}"));
            bytes += content.len() as u64;
            std::fs::write(&path, content).expect("write");
            paths.push(path);
        }
        eprintln!("{format}: {} files, {:.2} MB", paths.len(), bytes as f64 / 1e6);
        files.push((format, paths, bytes));
    }
    let mut group = c.benchmark_group("index");
    group.sample_size(10).measurement_time(Duration::from_secs(8)).warm_up_time(Duration::from_secs(1));
    for (format, paths, bytes) in &files {
        group.throughput(Throughput::Bytes(*bytes));
        group.bench_function(format!("{format} ({:.2} MB)", *bytes as f64 / 1e6), |b| {
            b.iter(|| {
                let read = paths
                    .iter()
                    .filter_map(|p| sourcecheck::corpus::load_file(p, &settings.synonyms, &settings.conventions).ok());
                read.map(|s| s.figures.len()).sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
