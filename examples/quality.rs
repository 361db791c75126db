//! The quality benchmark on real summaries of real articles:
//! `cargo run --release --example quality -- ../shared/devdata/<set>...`
//! (no argument: every set under `../shared/devdata`). Prints, per set and
//! part (fit: where weights are chosen; check: only reported), the cases per
//! label, accuracy per label, contradicted precision, whether the first
//! evidence is the case's own article, figure recall, a confusion table and
//! a sample of misses (`MISSES=n`, default 8; `PART=fit` to list fit misses);
//! `COVERAGE_ONLY=1` leaves the fitted model out.

use sourcecheck::benchmark::{self, Label, Part};
use sourcecheck::corpus::{load_folders, Corpus};
use sourcecheck::workspace::Settings;

fn main() {
    let dirs = benchmark::set_dirs(std::env::args().skip(1));
    let misses: usize = std::env::var("MISSES").ok().and_then(|v| v.parse().ok()).unwrap_or(8);
    let miss_part = if std::env::var("PART").as_deref() == Ok("fit") { Part::Fit } else { Part::Check };
    let mut settings = Settings::default();
    // COVERAGE_ONLY=1: the coverage reading alone, without the fitted model (the matcher before it)
    if std::env::var_os("COVERAGE_ONLY").is_some() {
        settings.params.min_probability = f32::INFINITY;
    }
    // MIN_CONTRADICTION=p: try another threshold for the model's contradictions (on the fit part)
    if let Some(p) = std::env::var("MIN_CONTRADICTION").ok().and_then(|v| v.parse().ok()) {
        settings.params.min_contradiction = p;
    }
    // MIN_SUPPORTING_DOCUMENT=s: try a least document share for the model's same-valued support
    if let Some(s) = std::env::var("MIN_SUPPORTING_DOCUMENT").ok().and_then(|v| v.parse().ok()) {
        settings.params.min_supporting_document = s;
    }
    // MIN_CONTRADICTING_DOCUMENT=s: try a least document share for a contradicting source
    if let Some(s) = std::env::var("MIN_CONTRADICTING_DOCUMENT").ok().and_then(|v| v.parse().ok()) {
        settings.params.min_contradicting_document = s;
    }
    // OFF_STORY_SCORE=s: try a document score at or above which no source is of another story
    if let Some(s) = std::env::var("OFF_STORY_SCORE").ok().and_then(|v| v.parse().ok()) {
        settings.params.off_story_score = s;
    }
    let mut failed = false;
    for dir in dirs {
        let set = match benchmark::read_set(&dir) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("quality: {e}");
                failed = true;
                continue;
            }
        };
        let t = std::time::Instant::now();
        let (sources, report) =
            load_folders(std::slice::from_ref(&set.articles_dir), &settings.synonyms, &settings.conventions);
        for p in &report.problems {
            eprintln!("quality: {p}");
        }
        let mut corpus = Corpus::from_sources(sources);
        let loaded = t.elapsed();
        let outcomes = benchmark::run(&set, &mut corpus, &settings, |_| true);
        let scores = benchmark::score(&set, &outcomes);
        println!(
            "== {} — {} pairs, {} articles, {} cases (loaded in {:.1}s, checked in {:.1}s)",
            set.name,
            set.pairs.len(),
            corpus.len(),
            set.cases.len(),
            loaded.as_secs_f64(),
            (t.elapsed() - loaded).as_secs_f64()
        );
        for (part, s) in &scores {
            let (found, all) = benchmark::figure_recall(&set, &settings, *part);
            println!(
                "{:?}: accuracy {:.1}% of {} ({:.1}% of those found as figures) | {} | contradicted precision {:.1}% | own article first {:.1}% of {} | figure recall {:.1}% ({found}/{all})",
                part,
                100.0 * s.accuracy(),
                s.total(),
                100.0 * s.accuracy_found(),
                Label::ALL
                    .iter()
                    .map(|l| format!("{} {:.1}% of {}", l.name(), 100.0 * benchmark::run::ratio(s.right(*l), s.cases(*l)), s.cases(*l)))
                    .collect::<Vec<_>>()
                    .join(", "),
                100.0 * s.contradicted_precision(),
                100.0 * s.evidence_accuracy(),
                s.evidence.0,
                100.0 * benchmark::run::ratio(found, all),
            );
            println!(
                "  {:>14} | {:>10} {:>13} {:>10} {:>6}",
                "label \\ got", "supported", "contradicted", "unsourced", "none"
            );
            for l in Label::ALL {
                let n = |g: &str| {
                    s.matrix
                        .get(&(
                            l,
                            match g {
                                "supported" => "supported",
                                "contradicted" => "contradicted",
                                "unsourced" => "unsourced",
                                _ => "none",
                            },
                        ))
                        .copied()
                        .unwrap_or(0)
                };
                println!(
                    "  {:>14} | {:>10} {:>13} {:>10} {:>6}",
                    l.name(),
                    n("supported"),
                    n("contradicted"),
                    n("unsourced"),
                    n("none")
                );
            }
        }
        let mut shown = 0;
        for o in &outcomes {
            let case = &set.cases[o.case];
            let right =
                o.got.map(|v| v.name()) == Some(case.label.name()) && (case.label == Label::Unsourced || o.own_first);
            if right || case.part != miss_part || shown >= misses {
                continue;
            }
            shown += 1;
            let pair = &set.pairs[case.pair];
            println!(
                "  miss {} [{}] want {}, got {}{}: {}\n       note: {}",
                pair.id,
                &case.note[case.span.clone()],
                case.label.name(),
                o.got.map_or("none", |v| v.name()),
                if o.own_first || case.label == Label::Unsourced || o.got.is_none() {
                    ""
                } else {
                    " (first evidence not its article)"
                },
                o.message,
                case.note.trim().replace('\n', " / ").chars().take(300).collect::<String>()
            );
        }
    }
    if failed {
        std::process::exit(2);
    }
}
