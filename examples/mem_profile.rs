//! Where memory goes: indexes N generated articles and prints resident
//! memory after each stage (`cargo run --release --example mem_profile -- N`).

#[path = "../benches/support/synth.rs"]
mod synth;

use rayon::prelude::*;
use sourcecheck::corpus::{Corpus, Source};
use sourcecheck::workspace::Settings;
use std::path::PathBuf;

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
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
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
    let mut ctx = 0usize;
    for s in corpus.sources() {
        for f in &s.figures {
            terms += f.subject.terms().len();
            ctx += f.figure.context.len();
        }
    }
    println!(
        "subject terms: {terms} ({:.1} per figure); table contexts {ctx}",
        terms as f64 / corpus.figure_count() as f64
    );
    // what the sources hold, by part (heap bytes as allocated, before malloc's overhead)
    let (mut text, mut figs, mut fig_heap, mut subj, mut lines, mut names) = (0, 0, 0, 0, 0, 0);
    for s in corpus.sources() {
        text += s.text.capacity();
        figs += s.figures.capacity() * std::mem::size_of::<sourcecheck::corpus::SourceFigure>();
        lines += s.lines.line_count() * std::mem::size_of::<usize>();
        names += s.id.capacity() + s.title.capacity() + s.path.capacity();
        for f in &s.figures {
            let g = &f.figure;
            fig_heap += g.stated.capacity() * 8
                + g.unit.as_ref().map_or(0, String::capacity)
                + g.context.capacity() * 16
                + g.time
                    .as_ref()
                    .map_or(0, |t| t.cues.capacity() * std::mem::size_of::<sourcecheck::figures::time::Cue>());
            subj += std::mem::size_of_val(f.subject.terms());
        }
    }
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "held: texts {:.1} MB, figures {:.1} MB inline + {:.1} MB heap ({} figures' allocations), subjects {:.1} MB, line starts {:.1} MB, names {:.1} MB",
        mb(text), mb(figs), mb(fig_heap), corpus.figure_count(), mb(subj), mb(lines), mb(names)
    );
    println!(
        "size_of Figure {} SourceFigure {}",
        std::mem::size_of::<sourcecheck::figures::Figure>(),
        std::mem::size_of::<sourcecheck::corpus::SourceFigure>()
    );
}
