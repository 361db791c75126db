//! The quality benchmark's regression guard: a fixed slice of the check
//! part (pairs whose id hashes to 1 mod 4) of every set in
//! `../shared/devdata`, run through the engine, with floors a little under
//! the accuracy measured on today's matcher (raise them as it improves). Where the data
//! is absent (a clone on its own) it says so and passes; under `CI` it is
//! required. The full benchmark: `cargo run --release --example quality`.

use sourcecheck::benchmark::{self, cases::pair_hash, Label, Part};
use sourcecheck::corpus::{load_folders, Corpus};
use sourcecheck::workspace::Settings;
use std::path::PathBuf;

/// (set, least accuracy over all the slice's cases, least contradicted precision)
const FLOORS: [(&str, f64, f64); 4] =
    [("xsum", 0.46, 0.82), ("cnndm_test", 0.73, 0.88), ("cnndm_writers", 0.65, 0.88), ("multinews", 0.60, 0.92)];

#[test]
fn the_benchmark_slice_stays_above_its_floors() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/devdata");
    if !root.is_dir() {
        assert!(std::env::var_os("CI").is_none(), "CI needs {} for the quality benchmark", root.display());
        eprintln!("skipped: no {} (the quality benchmark's data)", root.display());
        return;
    }
    let settings = Settings::default();
    let mut failures = Vec::new();
    for (name, least_accuracy, least_precision) in FLOORS {
        let set = benchmark::read_set(&root.join(name)).expect("a readable set");
        let (sources, _) =
            load_folders(std::slice::from_ref(&set.articles_dir), &settings.synonyms, &settings.conventions);
        let mut corpus = Corpus::from_sources(sources);
        let in_slice = |c: &benchmark::Case| pair_hash(&set.pairs[c.pair].id) % 4 == 1;
        let outcomes = benchmark::run(&set, &mut corpus, &settings, in_slice);
        let score = benchmark::score(&set, &outcomes).remove(&Part::Check).unwrap_or_default();
        let per_label: Vec<String> =
            Label::ALL.iter().map(|l| format!("{} {}/{}", l.name(), score.right(*l), score.cases(*l))).collect();
        eprintln!(
            "{name}: accuracy {:.3} of {} cases ({}), contradicted precision {:.3}",
            score.accuracy(),
            score.total(),
            per_label.join(", "),
            score.contradicted_precision()
        );
        assert!(score.total() >= 40, "{name}: only {} cases in the slice", score.total());
        if score.accuracy() < least_accuracy || score.contradicted_precision() < least_precision {
            failures.push(format!(
                "{name}: accuracy {:.3} (floor {least_accuracy}), contradicted precision {:.3} (floor {least_precision})",
                score.accuracy(),
                score.contradicted_precision()
            ));
        }
    }
    assert!(failures.is_empty(), "under the floors: {failures:?}");
}
