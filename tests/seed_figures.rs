//! Every figure in the five seed articles, found exactly (text, interval,
//! unit, period), nothing more; and the dates, years, durations and URLs in
//! them never reported. The table is tests/fixtures/seed_figures.txt.

use sourcecheck::figures::{extract, Bound};
use sourcecheck::text::Format;
use std::path::Path;

fn bound(s: &str) -> Option<f64> {
    let s = s.trim();
    (s != "_").then(|| s.parse().expect("bound"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 * a.abs().max(b.abs()).max(1e-9)
}

fn same(got: Option<Bound>, want: Option<f64>, incl: bool) -> bool {
    match (got, want) {
        (None, None) => true,
        (Some(g), Some(w)) => close(g.value, w) && g.inclusive == incl,
        _ => false,
    }
}

#[test]
fn every_seed_figure_and_no_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = std::fs::read_to_string(root.join("tests/fixtures/seed_figures.txt")).expect("table");
    let seeds: Vec<_> = std::fs::read_dir(root.join("seeds")).expect("seeds").flatten().map(|e| e.path()).collect();
    let mut failures = Vec::new();
    let mut expected_per_file = std::collections::BTreeMap::<String, usize>::new();
    for line in table.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let parts: Vec<&str> = line.split(" | ").collect();
        let (prefix, text, want) = (parts[0], parts[1], parts[2].trim());
        let path = seeds
            .iter()
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
            .expect("seed file");
        let src = std::fs::read_to_string(path).expect("read");
        let figs = extract(&src, Format::Plain).figures;
        let at = src.find(text).unwrap_or_else(|| panic!("{prefix}: '{text}' not in the article"));
        if want == "none" {
            if let Some(f) = figs.iter().find(|f| f.span.start < at + text.len() && at < f.span.end) {
                failures.push(format!("{prefix}: '{text}' must not be reported, got '{}'", &src[f.span.clone()]));
            }
            continue;
        }
        *expected_per_file.entry(prefix.to_string()).or_default() += 1;
        let Some(f) = figs.iter().find(|f| &src[f.span.clone()] == text && f.span.start >= at) else {
            failures.push(format!("{prefix}: missing '{text}'"));
            continue;
        };
        let close_at = want.find([']', ')']).expect("interval");
        let (lo, hi) = want[1..close_at].split_once(',').expect("comma");
        let rest: Vec<&str> = want[close_at + 1..].split_whitespace().collect();
        let unit = if rest[0] == "-" { None } else { Some(rest[0].to_string()) };
        let per = rest.get(1).map(|p| p.trim_start_matches('/').to_string());
        let ok = same(f.interval.min, bound(lo), want.starts_with('['))
            && same(f.interval.max, bound(hi), want[..=close_at].ends_with(']'))
            && f.unit == unit
            && f.per.map(|p| p.name().to_string()) == per;
        if !ok {
            failures.push(format!("{prefix}: '{text}': got {:?} {:?} {:?}, want {want}", f.interval, f.unit, f.per));
        }
    }
    // nothing beyond the table
    for path in &seeds {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let prefix = &name[..3];
        let src = std::fs::read_to_string(path).expect("read");
        let n = extract(&src, Format::Plain).figures.len();
        let want = expected_per_file.get(prefix).copied().unwrap_or(0);
        if n != want {
            failures.push(format!("{prefix}: {n} figures found, the table lists {want}"));
        }
    }
    let total: usize = expected_per_file.values().sum();
    assert!(total >= 30, "the table shrank to {total}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
