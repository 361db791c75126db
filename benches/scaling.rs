//! Time against input size on the paths that once grew faster than their
//! input: one sentence of 1k–8k figures (checked as a note, indexed as a
//! source), and a table of growing width. Prints one line per size, so a
//! super-linear path shows as a curve: each doubling should about double
//! the time. `cargo bench --bench scaling` (a plain program, no criterion).

use sourcecheck::check::check_note;
use sourcecheck::corpus::{Corpus, Source};
use sourcecheck::text::Format;
use sourcecheck::workspace::Settings;
use std::path::Path;
use std::time::{Duration, Instant};

/// One sentence of `n` figures, clauses of a few each ("about 1,234
/// fighters in Raqqa and 17 percent more, …").
fn sentence(n: usize) -> String {
    let nouns = ["fighters", "homes", "flights", "workers", "cases"];
    let places = ["Raqqa", "Mosul", "Ashford", "Caldford"];
    let mut s = String::from("Officials counted ");
    for i in 0..n {
        s.push_str(&format!("{} {} in {}", 100 + i * 7, nouns[i % nouns.len()], places[i % places.len()]));
        s.push_str(if i + 1 == n {
            ".\n"
        } else if i % 3 == 2 {
            ", "
        } else {
            " and "
        });
    }
    s
}

/// One clause of `n` figures, no comma between them ("100 fighters in
/// Raqqa and 107 fighters in Raqqa and …").
fn clause(n: usize) -> String {
    let items: Vec<String> = (0..n).map(|i| format!("{} fighters in Raqqa", 100 + i * 7)).collect();
    format!("Officials counted {}.\n", items.join(" and "))
}

/// A table `width` columns wide: a header and four rows of figures.
fn table(width: usize) -> String {
    let row = |f: &dyn Fn(usize) -> String| format!("| {} |\n", (0..width).map(f).collect::<Vec<_>>().join(" | "));
    let mut t = row(&|c| format!("Region {c} homes"));
    t.push_str(&row(&|_| "---".into()));
    for r in 0..4 {
        t.push_str(&row(&|c| format!("{} homes", 10 + r * width + c)));
    }
    t
}

/// The small corpus a note is checked against.
fn corpus(settings: &Settings) -> Corpus {
    let text = "Flood report\n\nAbout 120 homes were destroyed in Ashford, officials said on 3 May 2016.\n";
    Corpus::from_sources(vec![Source::from_text(
        Path::new("flood.txt"),
        text.into(),
        &settings.synonyms,
        &settings.conventions,
    )])
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed())
}

fn main() {
    let settings = Settings::default();
    let corpus = corpus(&settings);
    // (cargo bench passes --bench; nothing else is read)
    println!("one sentence of n figures: check as a note, index as a source");
    for n in [1_000, 2_000, 4_000, 8_000] {
        let text = sentence(n);
        let (checked, note) = time(|| check_note(&text, Format::Markdown, None, &corpus, &settings).figures.len());
        let (source, indexed) = time(|| {
            Source::from_text(Path::new("s.txt"), text.clone(), &settings.synonyms, &settings.conventions).figures.len()
        });
        println!(
            "  {n:>5} figures ({:>6} bytes): note {note:>10.2?} ({checked} figures), source {indexed:>10.2?} ({source} figures)",
            text.len()
        );
    }
    // the time cues' placement (figures::timing) was once cubic here
    println!("one clause of n figures (no comma): check as a note");
    for n in [250, 500, 1_000, 2_000] {
        let text = clause(n);
        let (checked, note) = time(|| check_note(&text, Format::Markdown, None, &corpus, &settings).figures.len());
        println!("  {n:>5} figures ({:>6} bytes): note {note:>10.2?} ({checked} figures)", text.len());
    }
    println!("a table of w columns, a header and 4 rows");
    for width in [625, 1_250, 2_500, 5_000] {
        let text = table(width);
        let (checked, note) = time(|| check_note(&text, Format::Markdown, None, &corpus, &settings).figures.len());
        let path = Path::new("t.md");
        let (source, indexed) =
            time(|| Source::from_text(path, text.clone(), &settings.synonyms, &settings.conventions).figures.len());
        println!(
            "  {width:>5} columns ({:>7} bytes): note {note:>10.2?} ({checked} figures), source {indexed:>10.2?} ({source} figures)",
            text.len()
        );
    }
}
