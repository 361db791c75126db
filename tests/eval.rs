//! The evaluation: labelled note figures over two corpora (the seeds, and a
//! corpus on another subject written for this purpose). Prints per-corpus
//! accuracy and a confusion matrix; fails under 90%.

use sourcecheck::check::check_note;
use sourcecheck::corpus::{load_folders, Corpus};
use sourcecheck::text::Format;
use sourcecheck::verdict::Stance;
use sourcecheck::workspace::Settings;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const CLASSES: [&str; 4] = ["supported", "contradicted", "unsourced", "none"];

struct Outcome {
    total: usize,
    correct: usize,
    source_ok: usize,
    source_total: usize,
    matrix: BTreeMap<(String, String), usize>,
    misses: Vec<String>,
}

fn evaluate(corpus_dir: &Path) -> Outcome {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources: PathBuf = if corpus_dir.join("sources").is_dir() { corpus_dir.join("sources") } else { repo.join("seeds") };
    let settings = Settings::default();
    let (srcs, report) = load_folders(&[sources], &settings.synonyms, &settings.conventions);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let corpus = Corpus::from_sources(srcs);
    let labels = std::fs::read_to_string(corpus_dir.join("labels.txt")).expect("labels.txt");
    let mut out = Outcome { total: 0, correct: 0, source_ok: 0, source_total: 0, matrix: BTreeMap::new(), misses: Vec::new() };
    let mut checks = BTreeMap::new();
    for line in labels.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let parts: Vec<&str> = line.split(" | ").map(str::trim).collect();
        assert_eq!(parts.len(), 4, "bad label line: {line}");
        let (note, key, want, source) = (parts[0], parts[1], parts[2], parts[3]);
        let note_path = corpus_dir.join("notes").join(note);
        let text = std::fs::read_to_string(&note_path).unwrap_or_else(|_| panic!("{note} missing"));
        let check = checks
            .entry(note.to_string())
            .or_insert_with(|| check_note(&text, Format::Markdown, Some(&note_path), &corpus, &settings));
        let at = text.find(key).unwrap_or_else(|| panic!("{note}: key '{key}' not found"));
        assert!(text[at + 1..].find(key).is_none(), "{note}: key '{key}' is not unique");
        let range = at..at + key.len();
        let fig = check.figures.iter().find(|f| f.figure.span.start < range.end && range.start < f.figure.span.end);
        let got = fig.map_or("none", |f| f.judgement.verdict.name());
        out.total += 1;
        *out.matrix.entry((want.to_string(), got.to_string())).or_default() += 1;
        let mut ok = got == want;
        if ok && matches!(want, "supported" | "contradicted") && source != "-" {
            out.source_total += 1;
            let stance = if want == "supported" { Stance::Supports } else { Stance::Contradicts };
            let f = fig.expect("a figure");
            if f.judgement.evidence.iter().any(|e| e.stance == stance && e.source.id.starts_with(source)) {
                out.source_ok += 1;
            }
        }
        if ok {
            out.correct += 1;
        } else {
            let detail = fig.map(|f| format!("{} [{}]", f.judgement.message, &text[f.figure.span.clone()])).unwrap_or_else(|| "no figure found".to_string());
            out.misses.push(format!("  {note} | {key} | want {want} ({source}), got {got}: {detail}"));
            ok = false;
        }
        let _ = ok;
    }
    out
}

#[test]
fn evaluation_accuracy_is_at_least_90_percent_per_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root).expect("tests/eval").flatten().map(|e| e.path()).filter(|p| p.join("labels.txt").is_file()).collect();
    dirs.sort();
    assert!(dirs.len() >= 2, "need the seeds corpus and another subject");
    let mut failed = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let o = evaluate(dir);
        let acc = o.correct as f64 / o.total as f64;
        println!("\n== {name}: {}/{} correct = {:.1}%  (labelled source among the evidence: {}/{})", o.correct, o.total, acc * 100.0, o.source_ok, o.source_total);
        println!("{:>14} | {:>10} {:>13} {:>10} {:>6}", "label \\ got", CLASSES[0], CLASSES[1], CLASSES[2], CLASSES[3]);
        for want in CLASSES {
            let row: Vec<usize> = CLASSES.iter().map(|got| *o.matrix.get(&(want.to_string(), got.to_string())).unwrap_or(&0)).collect();
            println!("{:>14} | {:>10} {:>13} {:>10} {:>6}", want, row[0], row[1], row[2], row[3]);
        }
        for m in &o.misses {
            println!("{m}");
        }
        if acc < 0.90 {
            failed.push(format!("{name}: {:.1}%", acc * 100.0));
        }
    }
    assert!(failed.is_empty(), "accuracy under 90%: {}", failed.join(", "));
}

