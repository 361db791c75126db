//! Where the matcher loses the benchmark's cases: for every supported or
//! contradicted case it gets wrong, the stage of `judge` that let go of the
//! own article's figure stating the case's value (`verdict::diagnose`).
//! `cargo run --release --example diagnose -- ../shared/devdata/<set>...`
//! (`PART=check` for the check part; `SHOW=<stage>` prints those cases).

use sourcecheck::benchmark::{self, Label, Part};
use sourcecheck::corpus::{dating, load_folders, Corpus, FigureRef};
use sourcecheck::figures::{extract, Measure};
use sourcecheck::text::Format;
use sourcecheck::verdict::{diagnose::why_not, Verdict};
use sourcecheck::workspace::Settings;
use std::collections::BTreeMap;

const ORDER: [&str; 13] = [
    "no own figure",
    "gone",
    "not comparable",
    "other time",
    "names conflict",
    "not retrieved",
    "no candidate",
    "coverage took another",
    "coverage found it",
    "model: other noun",
    "model: not the best document",
    "model: low probability",
    "model found it",
];

fn rank(stage: &str) -> usize {
    ORDER.iter().position(|s| *s == stage).unwrap_or(ORDER.len())
}

fn main() {
    let dirs = benchmark::set_dirs(std::env::args().skip(1));
    let part = if std::env::var("PART").as_deref() == Ok("check") { Part::Check } else { Part::Fit };
    let show = std::env::var("SHOW").ok();
    let settings = Settings::default();
    for dir in dirs {
        let Ok(set) = benchmark::read_set(&dir) else { continue };
        let (sources, _) =
            load_folders(std::slice::from_ref(&set.articles_dir), &settings.synonyms, &settings.conventions);
        let mut corpus = Corpus::from_sources(sources);
        let outcomes = benchmark::run(&set, &mut corpus, &settings, |c| c.part == part && c.label != Label::Unsourced);
        let mut tally: BTreeMap<(Label, usize), usize> = BTreeMap::new();
        for o in &outcomes {
            let case = &set.cases[o.case];
            let want = if case.label == Label::Supported { Verdict::Supported } else { Verdict::Contradicted };
            if o.got == Some(want) || o.got.is_none() {
                continue;
            }
            let ex = extract(&case.note, Format::Plain);
            let note_date = dating::note_date(&case.note, &ex);
            let Some(fig) = benchmark::figure_at(&ex, &case.span) else { continue };
            let subj = benchmark::subject_of(&ex, fig, &corpus, &settings);
            let mut best = ("no own figure", String::new(), String::new());
            for path in &set.pairs[case.pair].articles {
                let Some(source) = corpus.by_path(path) else { continue };
                let Some(slot) = corpus.slot_of(path) else { continue };
                for (i, sf) in source.figures.iter().enumerate() {
                    let same = sf.figure.stated().iter().any(|v| (v - case.value).abs() <= 0.005 * case.value.abs());
                    if !same {
                        continue;
                    }
                    let r: FigureRef = (slot, i as u32);
                    let (stage, detail) = why_not(fig, &subj, note_date, &corpus, &settings.params, r);
                    if rank(stage) >= rank(best.0) {
                        best = (stage, detail, source.excerpt(i));
                    }
                }
            }
            *tally.entry((case.label, rank(best.0))).or_default() += 1;
            if show.as_deref() == Some(best.0) {
                println!(
                    "-- {} [{}] got {:?}: {}",
                    set.pairs[case.pair].id,
                    &case.note[case.span.clone()],
                    o.got,
                    o.message
                );
                println!(
                    "   note: {}",
                    case.note.lines().find(|l| l.contains(&case.note[case.span.clone()])).unwrap_or("")
                );
                println!("   source: {}\n   {}", best.2, best.1);
            }
        }
        println!("== {} ({:?} part): where the own article's figure was let go", set.name, part);
        for ((label, r), n) in &tally {
            println!("  {:<12} {:<30} {n}", label.name(), ORDER.get(*r).copied().unwrap_or("?"));
        }
    }
}
