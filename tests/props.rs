//! Property tests (proptest; stable toolchain) of the parsers that see every
//! keystroke: figure extraction, subjects and Markdown masking, on arbitrary text made
//! of unicode, digits, number words and Markdown punctuation. They must never
//! panic, and every range they return must be a valid, ordered slice of the
//! input. `PROPTEST_CASES=200000 cargo test --release --test props` runs them
//! for minutes; failures found that way are kept below as named tests.
//! The pathological notes (issue 17's slow inputs at their full size, then
//! generated runs of them) run within a time budget: `PROPTEST_BUDGET_SECS`.

use proptest::prelude::*;
use sourcecheck::figures::{self, Extraction};
use sourcecheck::subject::{self, Query, SourceSubject, Synonyms};
use sourcecheck::text::{markdown, Format};
use std::ops::Range;
use std::time::{Duration, Instant};

/// Pieces notes are made of, and pieces that break parsers.
const PIECES: &[&str] = &[
    "fewer than",
    "about",
    "more than",
    "some",
    "nearly",
    "up to",
    "between",
    "and",
    "to",
    "-",
    "–",
    "million",
    "billion",
    "thousand",
    "percent",
    "%",
    "per cent",
    "one",
    "two",
    "three",
    "a dozen",
    "hundreds",
    "a third",
    "half",
    "one in five",
    "a month",
    "per week",
    "a year",
    "in 2016",
    "since March",
    "March 2017",
    "fighters",
    "people",
    "cases",
    "$",
    "€",
    "£",
    "US$",
    "1,000",
    "45.5",
    "5,000",
    "0.5",
    "1.5m",
    "10k",
    "3bn",
    "1/2",
    "½",
    "²",
    "٣",
    "Ⅻ",
    "*",
    "**",
    "_",
    "`",
    "```\n",
    "[",
    "]",
    "(",
    ")",
    "#",
    "## ",
    "> ",
    "- ",
    "1. ",
    "|",
    "|---|",
    "---\n",
    "+++\n",
    "<",
    ">",
    "<!--",
    "-->",
    "&amp;",
    "[@",
    "@",
    "[@004]",
    "[see @a; @b, p. 2]",
    ";",
    ",",
    ".",
    "!",
    "?",
    "\\",
    "[^1]",
    "[^1]: ",
    "~~",
    "[x](a.txt)",
    "](",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "    ",
    "é",
    "😀",
    "🎉",
    "\u{2028}",
    "\u{85}",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "İ",
    "ß",
    "ﬁ",
    "\u{301}",
    "Mr.",
    "U.S.",
    "e.g.",
    "in Yorkmere",
    "In",
    "Acme's",
    "Turkey-Syria",
    "St Mary’s Hospital",
    ",",
];

fn note_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(PIECES).prop_map(str::to_string),
        2 => "[0-9]{1,9}",
        2 => "[0-9]{1,3}(,[0-9]{3}){0,3}(\\.[0-9]{1,3})?",
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "\\PC{1,6}",
    ];
    let sep = prop_oneof![4 => Just(" "), 1 => Just(""), 1 => Just("\n")];
    proptest::collection::vec((piece, sep), 0..80).prop_map(|parts| parts.into_iter().map(|(p, s)| p + s).collect())
}

fn valid_range(text: &str, r: &Range<usize>, what: &str) {
    assert!(r.start <= r.end && r.end <= text.len(), "{what} {r:?} out of 0..{}", text.len());
    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{what} {r:?} splits a character");
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Every range in an extraction is a slice of `text`; figures are non-empty,
/// ordered and disjoint, and each sits inside its sentence.
fn assert_extraction_valid(text: &str, ex: &Extraction) {
    let mut last_end = 0;
    for f in &ex.figures {
        valid_range(text, &f.span, "span");
        assert!(f.span.start < f.span.end, "empty figure {:?}", f.span);
        assert!(f.span.start >= last_end, "figure {:?} overlaps or precedes the one before", f.span);
        last_end = f.span.end;
        valid_range(text, &f.quantity, "quantity");
        assert!(within(&f.quantity, &f.span), "quantity {:?} outside span {:?}", f.quantity, f.span);
        if let Some(n) = &f.noun {
            valid_range(text, n, "noun");
            assert!(within(n, &f.span), "noun {n:?} outside span {:?}", f.span);
        }
        valid_range(text, &f.sentence, "sentence");
        assert!(within(&f.span, &f.sentence), "span {:?} outside sentence {:?}", f.span, f.sentence);
        for c in &f.context {
            valid_range(text, c, "context");
        }
        assert!(!f.stated.is_empty() && f.stated.iter().all(|v| v.is_finite()), "stated {:?}", f.stated);
        // the figure's text, as the CLI and hover print it
        let _ = &text[f.span.clone()];
    }
    for s in &ex.sentences {
        valid_range(text, s, "sentence");
    }
    for (r, _) in &ex.dates {
        valid_range(text, r, "date");
    }
    for g in &ex.citations {
        valid_range(text, &g.range, "citation group");
        for k in &g.keys {
            valid_range(text, &k.range, "citation key");
            assert_eq!(&text[k.range.clone()], format!("@{}", k.id));
        }
    }
    for l in &ex.links {
        valid_range(text, &l.range, "link");
    }
}

/// The masked text keeps every byte's place: same length, newlines kept,
/// and each character either kept whole or blanked whole.
fn assert_masked_valid(text: &str, format: Format) {
    let p = markdown::prose(text, format);
    assert_eq!(p.masked.len(), text.len());
    let masked = p.masked.as_bytes();
    for (i, ch) in text.char_indices() {
        let orig = &text.as_bytes()[i..i + ch.len_utf8()];
        let got = &masked[i..i + ch.len_utf8()];
        let kept = got == orig;
        let blanked = got.iter().all(|b| *b == b' ');
        assert!(kept || (blanked && ch != '\n'), "char {ch:?} at {i} is split or changed: {got:?}");
    }
    for b in &p.blocks {
        valid_range(text, &b.range, "block");
        for c in &b.context {
            valid_range(text, c, "table context");
        }
    }
    for l in &p.links {
        valid_range(text, &l.range, "link");
    }
}

proptest! {
    #[test]
    fn extraction_of_markdown_is_well_formed(text in note_text()) {
        assert_extraction_valid(&text, &figures::extract(&text, Format::Markdown));
    }

    #[test]
    fn extraction_of_plain_text_is_well_formed(text in note_text()) {
        assert_extraction_valid(&text, &figures::extract(&text, Format::Plain));
    }

    #[test]
    fn extraction_of_any_string_is_well_formed(text in any::<String>()) {
        assert_extraction_valid(&text, &figures::extract(&text, Format::Markdown));
        assert_extraction_valid(&text, &figures::extract(&text, Format::Plain));
    }

    #[test]
    fn subjects_and_named_entities_of_any_figure_never_panic(text in note_text()) {
        let ex = figures::extract(&text, Format::Markdown);
        let subjects: Vec<subject::Subject> =
            ex.figures.iter().map(|f| subject::of_figure(&text, f, &[], &Synonyms::default())).collect();
        for (a, b) in subjects.iter().zip(subjects.iter().rev()) {
            // sources intern before notes look up; a figure never names another entity than itself
            let (source_a, source_b) = (SourceSubject::intern(a), SourceSubject::intern(b));
            prop_assert!(!Query::of(a).names_conflict(&source_a));
            Query::of(a).names_conflict(&source_b);
        }
    }

    #[test]
    fn masking_keeps_length_and_characters(text in note_text()) {
        assert_masked_valid(&text, Format::Markdown);
        assert_masked_valid(&text, Format::Plain);
    }

    #[test]
    fn masking_any_string_keeps_length_and_characters(text in any::<String>()) {
        assert_masked_valid(&text, Format::Markdown);
    }
}

/// Kinds of text that once took a parser super-linear time (issue 17), each
/// repeated many times: emphasis runs, numbered fragments, number words, a
/// clause of figures, table rows, a line of pipes.
const PATHOLOGICAL: &[&str] = &[
    "*a ",
    " b_",
    "1.",
    "forty-two ",
    "one hundred and sixty-one ",
    "120 fighters in Raqqa and ",
    "about 36 hours, ",
    "| 12 homes ",
    "|---",
    "[@a] ",
    "<!-- ",
    "`x` ",
    "\n\n",
    "\n| ",
];

/// A note of pathological runs: up to five pieces, each repeated up to
/// 3,000 times, with ordinary note text between them.
fn pathological_text() -> impl Strategy<Value = String> {
    let run = (proptest::sample::select(PATHOLOGICAL), 1..3_000usize).prop_map(|(p, n)| p.repeat(n));
    proptest::collection::vec((run, note_text()), 1..5)
        .prop_map(|parts| parts.into_iter().map(|(r, t)| r + &t).collect())
}

/// The cases of the issue, at their size there.
fn issue_cases() -> Vec<(&'static str, String)> {
    let figures: Vec<String> = (0..8_000).map(|i| format!("{} fighters in Raqqa", 100 + i * 7)).collect();
    let header: Vec<String> = (0..5_000).map(|c| format!("Region {c} homes")).collect();
    let cells: Vec<String> = (0..5_000).map(|c| format!("{} homes", 10 + c)).collect();
    vec![
        ("emphasis", format!("{}{}\n", "*a ".repeat(40_000), " b_".repeat(40_000))),
        ("numbered fragments", "1.".repeat(64_000)),
        ("number words", format!("{}people.\n", "forty-two and ".repeat(4_000))),
        ("a clause of 8,000 figures", format!("Officials counted {}.\n", figures.join(" and "))),
        (
            "a table 5,000 columns wide",
            format!("| {} |\n|{}\n| {} |\n", header.join(" | "), "---|".repeat(5_000), cells.join(" | ")),
        ),
    ]
}

/// Runs `check` on each of `seeds`, then on generated cases until `cases`
/// (`PROPTEST_CASES`, default 32) have run or `PROPTEST_BUDGET_SECS`
/// (default 20) have passed, whichever comes first; a failure is shrunk.
fn within_budget(seeds: Vec<(&'static str, String)>, strategy: impl Strategy<Value = String>, check: fn(&str)) {
    use proptest::test_runner::{Config, TestRunner};
    let read = |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (cases, budget) = (read("PROPTEST_CASES", 32), Duration::from_secs(read("PROPTEST_BUDGET_SECS", 20)));
    for (name, text) in &seeds {
        let r = std::panic::catch_unwind(|| check(text));
        assert!(r.is_ok(), "the issue's case '{name}' failed");
    }
    let started = Instant::now();
    let mut runner = TestRunner::new(Config::default());
    let mut ran = 0;
    while ran < cases && started.elapsed() < budget {
        let tree = match strategy.new_tree(&mut runner) {
            Ok(t) => t,
            Err(e) => panic!("no case: {e}"),
        };
        let outcome = runner.run_one(tree, |text| {
            check(&text);
            Ok(())
        });
        if let Err(e) = outcome {
            panic!("{e}");
        }
        ran += 1;
    }
    eprintln!("{ran} generated cases in {:?}", started.elapsed());
}

#[test]
fn masking_of_pathological_notes_keeps_length_and_characters() {
    within_budget(issue_cases(), pathological_text(), |text| {
        assert_masked_valid(text, Format::Markdown);
        assert_masked_valid(text, Format::Plain);
    });
}

#[test]
fn extraction_of_pathological_notes_is_well_formed() {
    within_budget(issue_cases(), pathological_text(), |text| {
        assert_extraction_valid(text, &figures::extract(text, Format::Markdown));
    });
}
