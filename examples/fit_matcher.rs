//! Fits the matcher's model on the **fit** part of the quality benchmark:
//! `cargo run --release --example fit_matcher [-- ../shared/devdata/<set>...]`.
//!
//! Every candidate the index gives for a case's figure is an example: a
//! figure of the case's own article stating the summary's original value
//! is the same measure (whether the case is the supported one or the
//! changed, contradicted one); a figure of another article is not; the own
//! article's other figures are left out (they may or may not be). A
//! logistic regression, each case's positives and negatives weighing one
//! each, gives the weights; then the thresholds are chosen by verdict
//! accuracy on the fit part (contradicted precision weighed in). Prints
//! the constants for `src/verdict/features.rs` and `MatchParams`.

use sourcecheck::benchmark::{self, Label, Part, Set};
use sourcecheck::corpus::{load_folders, Corpus};
use sourcecheck::figures::{extract_with, Measure};
use sourcecheck::text::Format;
use sourcecheck::verdict::choice::{self, ChoiceFeatures};
use sourcecheck::verdict::features::{self, Features, N};
use sourcecheck::verdict::{candidates, Candidate, MatchParams};
use sourcecheck::workspace::Settings;

/// Each labelled fit case of `set` (not unsourced) with the comparable
/// candidates the matcher gives its figure, each with whether it is of the
/// case's own article and its stated numbers.
fn fit_candidates<'a>(
    set: &'a Set,
    corpus: &'a Corpus,
    settings: &'a Settings,
) -> impl Iterator<Item = (f64, Vec<(Candidate, bool, Vec<f64>)>)> + 'a {
    set.cases.iter().filter(|c| c.part == Part::Fit && c.label != Label::Unsourced).filter_map(move |case| {
        let ex = extract_with(&case.note, Format::Plain, &settings.conventions);
        let fig = benchmark::figure_at(&ex, &case.span)?;
        let subj = benchmark::subject_of(&ex, fig, corpus, settings);
        let own = &set.pairs[case.pair].articles;
        let found = candidates(fig, &subj, None, &[], corpus, &settings.params)
            .into_iter()
            .filter(|c| c.factor.is_some())
            .filter_map(|c| {
                let (source, sf) = corpus.get(c.at)?;
                let is_own = own.contains(&source.path);
                let stated = sf.figure.stated().to_vec();
                Some((c, is_own, stated))
            })
            .collect();
        Some((case.value, found))
    })
}

/// Weighs each case's positives and negatives one each.
fn weighed<F>(labelled: Vec<(F, bool)>) -> impl Iterator<Item = (F, bool, f32)> {
    let pos = labelled.iter().filter(|l| l.1).count() as f32;
    let neg = labelled.len() as f32 - pos;
    labelled.into_iter().map(move |(f, y)| (f, y, if y { 1.0 / pos } else { 1.0 / neg }))
}

/// (features, is the same measure, weight) for the fit cases of `set`.
fn examples(set: &Set, corpus: &Corpus, settings: &Settings) -> Vec<(Features, bool, f32)> {
    let mut out = Vec::new();
    for (value, found) in fit_candidates(set, corpus, settings) {
        let mut labelled = Vec::new();
        for (c, is_own, stated) in found {
            let states = stated.iter().any(|v| (v - value).abs() <= 0.01 * value.abs());
            match (is_own, states) {
                (true, true) => labelled.push((c.features, true)),
                (false, _) => labelled.push((c.features, false)),
                _ => {}
            }
        }
        out.extend(weighed(labelled));
    }
    out
}

/// The choice model's examples for the fit cases of `set`: the own
/// article's comparable candidates, a figure stating the summary's value
/// the measure, one whose every value is more than twice or under half of
/// it another (nearer values may be the measure rounded, or at another
/// time: left out). Only cases with both count.
fn choice_examples(set: &Set, corpus: &Corpus, settings: &Settings) -> Vec<(ChoiceFeatures, bool, f32)> {
    let mut out = Vec::new();
    for (value, found) in fit_candidates(set, corpus, settings) {
        let v = value.abs().max(1e-9);
        let (mut rows, mut labels) = (Vec::new(), Vec::new());
        for (c, _, stated) in found.into_iter().filter(|f| f.1) {
            let states = stated.iter().any(|x| (x - value).abs() <= 0.01 * v);
            let far = stated.iter().all(|x| x.abs() > 2.0 * v || x.abs() < 0.5 * v);
            if states || far {
                rows.push((c.features, c.companion));
                labels.push(states);
            }
        }
        if !labels.contains(&true) || !labels.contains(&false) {
            continue;
        }
        out.extend(weighed(choice::features_of(&rows).into_iter().zip(labels).collect()));
    }
    out
}

/// Weighted logistic regression by gradient descent, a little L2;
/// `fixed` are weights set, not fitted (kept at `start`).
fn logistic<const K: usize>(data: &[([f32; K], bool, f32)], start: [f32; K], fixed: &[usize]) -> ([f32; K], f32) {
    let (mut w, mut b) = (start, 0.0f32);
    let total: f32 = data.iter().map(|d| d.2).sum();
    for _ in 0..3000 {
        let (mut gw, mut gb) = ([0.0f32; K], 0.0f32);
        for (f, y, wt) in data {
            let z: f32 = b + f.iter().zip(&w).map(|(x, w)| x * w).sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let e = (p - f32::from(u8::from(*y))) * wt;
            for k in 0..K {
                gw[k] += e * f[k];
            }
            gb += e;
        }
        for k in (0..K).filter(|k| !fixed.contains(k)) {
            w[k] -= 2.0 * (gw[k] / total + 0.001 * w[k]);
        }
        b -= 2.0 * gb / total;
    }
    (w, b)
}

/// The matcher's model: every weight fitted but the citation's (no
/// summary cites its article: that weight is set).
fn fit(data: &[(Features, bool, f32)]) -> (Features, f32) {
    let mut start = [0.0f32; N];
    start[features::CITED] = features::WEIGHTS[features::CITED];
    logistic(data, start, &[features::CITED])
}

fn main() {
    let settings = Settings::default();
    let mut loaded = Vec::new();
    let mut data = Vec::new();
    let mut choosing = Vec::new();
    for dir in benchmark::set_dirs(std::env::args().skip(1)) {
        let set = match benchmark::read_set(&dir) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("fit_matcher: {e}");
                std::process::exit(2);
            }
        };
        let (sources, _) =
            load_folders(std::slice::from_ref(&set.articles_dir), &settings.synonyms, &settings.conventions);
        let corpus = Corpus::from_sources(sources);
        let ex = examples(&set, &corpus, &settings);
        let pos = ex.iter().filter(|e| e.1).count();
        println!("{}: {} candidates, {} the same measure", set.name, ex.len(), pos);
        // every set weighs the same, whatever its size
        let share: f32 = ex.iter().map(|e| e.2).sum();
        data.extend(ex.into_iter().map(|(f, y, w)| (f, y, w / share.max(1e-6))));
        let ch = choice_examples(&set, &corpus, &settings);
        println!("{}: {} choice candidates, {} the measure", set.name, ch.len(), ch.iter().filter(|e| e.1).count());
        let share: f32 = ch.iter().map(|e| e.2).sum();
        choosing.extend(ch.into_iter().map(|(f, y, w)| (f, y, w / share.max(1e-6))));
        loaded.push((set, corpus));
    }
    let (w, b) = if std::env::var("KEEP_WEIGHTS").is_ok() { (features::WEIGHTS, features::BIAS) } else { fit(&data) };
    println!(
        "pub const WEIGHTS: Features = {:?};\npub const BIAS: f32 = {b:.3};",
        w.map(|x| (x * 1000.0).round() / 1000.0)
    );
    for (k, name) in features::NAMES.iter().enumerate() {
        println!("  {name:>24} {:+.3}", w[k]);
    }
    let (cw, cb) = if std::env::var("KEEP_WEIGHTS").is_ok() {
        (choice::CHOICE_WEIGHTS, choice::CHOICE_BIAS)
    } else {
        logistic(&choosing, [0.0; choice::M], &[])
    };
    println!(
        "pub const CHOICE_WEIGHTS: ChoiceFeatures = {:?};\npub const CHOICE_BIAS: f32 = {cb:.3};",
        cw.map(|x| (x * 1000.0).round() / 1000.0)
    );
    for (k, name) in choice::NAMES.iter().enumerate() {
        println!("  {name:>24} {:+.3}", cw[k]);
    }
    // thresholds by verdict accuracy on the fit part
    let mut best = (f64::MIN, MatchParams::default());
    for min_p in [0.6, 0.75, 0.85, 0.9, 0.95] {
        for ratio in [MatchParams::default().relative_to_best] {
            {
                let mut s = settings.clone();
                s.params = MatchParams {
                    min_probability: min_p,
                    relative_to_best: ratio,
                    weights: w,
                    bias: b,
                    choice_weights: cw,
                    choice_bias: cb,
                    ..MatchParams::default()
                };
                let (mut acc, mut worst_precision, mut own) = (0.0, 1.0f64, 0.0);
                for (set, corpus) in loaded.iter_mut() {
                    let outcomes = benchmark::run(set, corpus, &s, |c| c.part == Part::Fit);
                    let score = benchmark::score(set, &outcomes).remove(&Part::Fit).unwrap_or_default();
                    acc += score.accuracy_found();
                    own += score.evidence_accuracy();
                    worst_precision = worst_precision.min(score.contradicted_precision());
                }
                let n = loaded.len() as f64;
                let objective = acc / n + 0.25 * own / n - 4.0 * (0.95 - worst_precision).max(0.0);
                println!(
                    "  min {min_p} ratio {ratio}: accuracy {:.3} own-first {:.3} worst precision {:.3}",
                    acc / n,
                    own / n,
                    worst_precision
                );
                if objective > best.0 {
                    best = (objective, s.params);
                }
            }
        }
    }
    let p = best.1;
    println!("best: min_probability {} relative_to_best {}", p.min_probability, p.relative_to_best);
}
