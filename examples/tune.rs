//! Grid search over the matcher's thresholds on the evaluation sets, to see
//! how sensitive accuracy is to each: `cargo run --release --example tune`.

use sourcecheck::corpus::{load_folders, Corpus};
use sourcecheck::evaluation::{evaluate, read_labels};
use sourcecheck::workspace::Settings;
use std::path::Path;

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sets = Vec::new();
    for name in ["seeds", "measles"] {
        let dir = repo.join("tests/eval").join(name);
        let sources = if dir.join("sources").is_dir() { dir.join("sources") } else { repo.join("seeds") };
        let labels =
            read_labels(&std::fs::read_to_string(dir.join("labels.txt")).unwrap_or_default()).unwrap_or_default();
        sets.push((name, dir, sources, labels));
    }
    let mut results = Vec::new();
    let grid = |name: &str, default: &[f32]| -> Vec<f32> {
        std::env::var(name)
            .ok()
            .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
            .unwrap_or_else(|| default.to_vec())
    };
    for min in grid("MIN", &[0.2, 0.25, 0.3]) {
        for ratio in grid("RATIO", &[0.7, 0.8]) {
            for bonus in grid("BONUS", &[0.2, 0.3]) {
                for nw in grid("NW", &[0.5, 0.7]) {
                    for cov in grid("COV", &[0.2, 0.3, 0.4]) {
                        for noun in grid("NOUN", &[0.3, 0.5, 0.7]) {
                            for rate in grid("RATE", &[0.0, 0.1, 0.2]) {
                                let mut settings = Settings::default();
                                settings.params.min_similarity = min;
                                settings.params.relative_to_best = ratio;
                                settings.params.cited_bonus = bonus;
                                settings.params.note_weight = nw;
                                settings.params.min_note_coverage = cov;
                                settings.params.noun_mismatch = noun;
                                settings.params.rate_bonus = rate;
                                let mut accs = Vec::new();
                                for (_, dir, sources, labels) in &sets {
                                    let (srcs, _) = load_folders(
                                        std::slice::from_ref(sources),
                                        &settings.synonyms,
                                        &settings.conventions,
                                    );
                                    let corpus = Corpus::from_sources(srcs);
                                    let o = evaluate(labels, &dir.join("notes"), &corpus, &settings).expect("evaluate");
                                    accs.push(o.accuracy());
                                }
                                results.push((accs.iter().cloned().fold(1.0, f64::min), format!("min {min} ratio {ratio} bonus {bonus} nw {nw} cov {cov} noun {noun} rate {rate}"), accs));
                            }
                        }
                    }
                }
            }
        }
    }
    results.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (worst, params, accs) in results.iter().take(15) {
        println!("worst {:.3}  {params}  {:?}", worst, accs.iter().map(|a| format!("{:.3}", a)).collect::<Vec<_>>());
    }
}
