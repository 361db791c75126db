//! The evaluation: labelled note figures over two corpora (the seeds, and a
//! corpus on another subject written for this purpose). Prints per-corpus
//! accuracy and a confusion matrix; fails under 90%.

use sourcecheck::corpus::{load_folders, Corpus};
use sourcecheck::evaluation::{evaluate, read_labels};
use sourcecheck::workspace::Settings;
use std::path::{Path, PathBuf};

#[test]
fn evaluation_accuracy_is_at_least_90_percent_per_corpus() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = repo.join("tests/eval");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/eval")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("labels.txt").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 2, "need the seeds corpus and another subject");
    let settings = Settings::default();
    let mut failed = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let sources = if dir.join("sources").is_dir() { dir.join("sources") } else { repo.join("seeds") };
        let (srcs, report) = load_folders(&[sources], &settings.synonyms, &settings.conventions);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let corpus = Corpus::from_sources(srcs);
        let labels =
            read_labels(&std::fs::read_to_string(dir.join("labels.txt")).expect("labels")).expect("labels parse");
        let o = evaluate(&labels, &dir.join("notes"), &corpus, &settings).expect("evaluation runs");
        println!(
            "\n== {name}: {}/{} correct = {:.1}%  (labelled source among the evidence: {}/{})\n{}",
            o.correct,
            o.total,
            o.accuracy() * 100.0,
            o.source_ok,
            o.source_total,
            o.matrix_table()
        );
        for m in &o.misses {
            println!("  {m}");
        }
        if o.accuracy() < 0.90 {
            failed.push(format!("{name}: {:.1}%", o.accuracy() * 100.0));
        }
    }
    assert!(failed.is_empty(), "accuracy under 90%: {}", failed.join(", "));
}
