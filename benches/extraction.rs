//! Extraction throughput (MB/s) on the seeds and on generated corpora of 5 and
//! 20 MB — criterion reports bytes per second; equal rates at both sizes show
//! it is linear in input size. Beside each, the raw-scan ceiling on the same
//! bytes: every run of digits found (what `grep -oE '[0-9][0-9,.]*'` does),
//! and the ratio of the two is printed.

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sourcecheck::figures::extract;
use sourcecheck::text::Format;
use std::time::{Duration, Instant};

/// The runs of digits in `bytes` (each digit after a non-digit): a loop
/// over byte pairs with no branch, which the compiler vectorises — the raw
/// scan extraction is measured against.
fn digit_runs(bytes: &[u8]) -> usize {
    let first = usize::from(bytes.first().is_some_and(u8::is_ascii_digit));
    first + bytes.windows(2).filter(|w| w[1].is_ascii_digit() & !w[0].is_ascii_digit()).count()
}

/// Extraction's time over the raw scan's on `text`, each the best of 3.
fn ratio_to_raw_scan(text: &str) -> f64 {
    let best = |f: &dyn Fn() -> usize| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    best(&|| extract(text, Format::Plain).figures.len()) / best(&|| digit_runs(text.as_bytes()))
}

fn seeds_text() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("seeds").flatten().map(|e| e.path()).collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).unwrap_or_default()).collect::<Vec<_>>().join("\n\n")
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    group.sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    let seeds = seeds_text();
    group.throughput(Throughput::Bytes(seeds.len() as u64));
    group.bench_function(format!("seeds ({} bytes)", seeds.len()), |b| {
        b.iter(|| extract(&seeds, Format::Plain).figures.len())
    });
    for mb in [5usize, 20] {
        let text = synth::text_of_size(mb * 1024 * 1024);
        let figures = extract(&text, Format::Plain).figures.len();
        eprintln!("generated corpus: {} bytes, {figures} figures", text.len());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("generated {mb} MB"), |b| b.iter(|| extract(&text, Format::Plain).figures.len()));
        group.bench_function(format!("raw digit scan, generated {mb} MB"), |b| b.iter(|| digit_runs(text.as_bytes())));
        eprintln!("generated {mb} MB: extraction takes {:.1}× the raw digit scan", ratio_to_raw_scan(&text));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
