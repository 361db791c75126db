//! Table-driven extraction tests: every case in tests/fixtures/figures/*.txt
//! (a sentence with each expected figure in braces, then one `=>` line per
//! figure: interval, unit, period, kind) must be found exactly — same spans,
//! same intervals, units, periods and kinds, and nothing else. The kind is
//! written `:duration`, `:age`; without it a row's kind follows its unit:
//! "percent" or "percentage points" a share, a currency code money, else a
//! count. A sentence is read as plain text; one written after `md: ` is read
//! as Markdown (`md: # Two March elections` is a heading: lines starting
//! with `#` are comments).

use sourcecheck::figures::{extract, Bound, Figure};
use sourcecheck::text::Format;
use std::path::Path;

struct Case {
    file: String,
    line: usize,
    text: String,
    spans: Vec<(usize, usize)>,
    expect: Vec<Expected>,
    format: Format,
}

#[derive(Debug)]
struct Expected {
    min: Option<(f64, bool)>,
    max: Option<(f64, bool)>,
    unit: Option<String>,
    per: Option<String>,
    kind: String,
}

fn parse_bound(s: &str) -> Option<f64> {
    let s = s.trim();
    if s == "_" {
        None
    } else {
        Some(s.parse().unwrap_or_else(|_| panic!("bad bound {s}")))
    }
}

fn parse_expected(line: &str) -> Expected {
    let line = line.trim();
    let close = line.find([']', ')']).expect("interval close");
    let interval = &line[..=close];
    let lo_incl = interval.starts_with('[');
    let hi_incl = interval.ends_with(']');
    let inner = &interval[1..interval.len() - 1];
    let (lo, hi) = inner.split_once(',').expect("interval comma");
    let mut rest: Vec<&str> = line[close + 1..].split_whitespace().collect();
    let kind = rest.iter().find_map(|w| w.strip_prefix(':')).map(str::to_string);
    rest.retain(|w| !w.starts_with(':'));
    let (unit_words, per): (Vec<&str>, Option<String>) = match rest.last() {
        Some(p) if p.starts_with('/') => (rest[..rest.len() - 1].to_vec(), Some(p[1..].to_string())),
        _ => (rest.clone(), None),
    };
    let unit = unit_words.join(" ");
    let kind = kind.unwrap_or_else(|| {
        match unit.as_str() {
            "percent" | "percentage points" => "share",
            u if u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()) => "money",
            _ => "count",
        }
        .to_string()
    });
    Expected {
        kind,
        min: parse_bound(lo).map(|v| (v, lo_incl)),
        max: parse_bound(hi).map(|v| (v, hi_incl)),
        unit: if unit == "-" || unit.is_empty() { None } else { Some(unit) },
        per,
    }
}

fn load_cases(dir: &Path) -> Vec<Case> {
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("fixtures dir").flatten().map(|e| e.path()).collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let content = std::fs::read_to_string(path).expect("fixture");
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let mut current: Option<Case> = None;
        for (i, raw) in content.lines().enumerate() {
            if raw.starts_with('#') {
                continue;
            }
            if raw.trim().is_empty() {
                cases.extend(current.take());
                continue;
            }
            if let Some(rest) = raw.trim_start().strip_prefix("=>") {
                let c = current.as_mut().unwrap_or_else(|| panic!("{name}:{}: => without a sentence", i + 1));
                if rest.trim() != "none" {
                    c.expect.push(parse_expected(rest));
                }
                continue;
            }
            cases.extend(current.take());
            let (raw, format) = match raw.strip_prefix("md: ") {
                Some(md) => (md, Format::Markdown),
                None => (raw, Format::Plain),
            };
            let mut text = String::new();
            let mut spans = Vec::new();
            let mut open = None;
            for ch in raw.chars() {
                match ch {
                    '{' => open = Some(text.len()),
                    '}' => spans.push((open.take().expect("unbalanced brace"), text.len())),
                    _ => text.push(ch),
                }
            }
            current = Some(Case { file: name.clone(), line: i + 1, text, spans, expect: Vec::new(), format });
        }
        cases.extend(current.take());
    }
    cases
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 * a.abs().max(b.abs()).max(1e-9)
}

fn bound_eq(got: Option<Bound>, want: Option<(f64, bool)>) -> bool {
    match (got, want) {
        (None, None) => true,
        (Some(g), Some((v, incl))) => close(g.value, v) && g.inclusive == incl,
        _ => false,
    }
}

fn kind_name(f: &Figure) -> String {
    format!("{:?}", f.kind).to_lowercase()
}

fn show(f: &Figure, text: &str) -> String {
    let b = |x: Option<Bound>, open: bool| match x {
        None => "_".to_string(),
        Some(b) => {
            let v = format!("{}", b.value);
            if open {
                format!("{}{v}", if b.inclusive { "[" } else { "(" })
            } else {
                format!("{v}{}", if b.inclusive { "]" } else { ")" })
            }
        }
    };
    format!(
        "{{{}}} {}, {} {}{} :{}",
        &text[f.span.clone()],
        b(f.interval.min, true),
        b(f.interval.max, false),
        f.unit.as_deref().unwrap_or("-"),
        f.per.map(|p| format!(" /{}", p.name())).unwrap_or_default(),
        kind_name(f)
    )
}

#[test]
fn every_fixture_phrasing_is_extracted_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/figures");
    let cases = load_cases(&dir);
    let figures: usize = cases.iter().map(|c| c.spans.len()).sum();
    let none = cases.iter().filter(|c| c.spans.is_empty()).count();
    assert!(figures >= 150 && none >= 40, "{figures} figures and {none} non-figure cases: the fixtures shrank");
    let mut failures = Vec::new();
    for c in &cases {
        assert_eq!(c.spans.len(), c.expect.len(), "{}:{}: braces and => lines differ", c.file, c.line);
        let got = extract(&c.text, c.format).figures;
        let mut problems = Vec::new();
        for (span, want) in c.spans.iter().zip(&c.expect) {
            match got.iter().find(|f| f.span == (span.0..span.1)) {
                None => problems.push(format!("missing {{{}}}", &c.text[span.0..span.1])),
                Some(f) => {
                    let unit_ok = f.unit.as_deref() == want.unit.as_deref();
                    let per_ok = f.per.map(|p| p.name().to_string()) == want.per;
                    let kind_ok = kind_name(f) == want.kind;
                    if !(bound_eq(f.interval.min, want.min)
                        && bound_eq(f.interval.max, want.max)
                        && unit_ok
                        && per_ok
                        && kind_ok)
                    {
                        problems.push(format!("got {} want {:?}", show(f, &c.text), want));
                    }
                }
            }
        }
        for f in &got {
            if !c.spans.iter().any(|s| f.span == (s.0..s.1)) {
                problems.push(format!("unexpected {}", show(f, &c.text)));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{}:{}: {}\n    {}", c.file, c.line, c.text, problems.join("\n    ")));
        }
    }
    println!("{} cases, {figures} figures, {none} non-figure sentences, {} failing", cases.len(), failures.len());
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
