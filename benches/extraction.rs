//! Extraction throughput (MB/s) on the seeds and on generated corpora of 5 and
//! 20 MB — criterion reports bytes per second; equal rates at both sizes show
//! it is linear in input size.

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sourcecheck::figures::extract;
use sourcecheck::text::Format;
use std::time::Duration;

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
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
