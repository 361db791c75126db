//! Time against input size on the paths that once grew faster than their
//! input: one sentence of 1k–8k figures and one clause of as many (checked
//! as a note in process and by the `sourcecheck check` command, indexed as
//! a source), a table of growing width, and removing half of a corpus at
//! once. Prints one line per size, so a super-linear path shows as a curve:
//! each doubling should about double the time. `cargo bench --bench
//! scaling` (a plain program, no criterion).

#[path = "support/synth.rs"]
mod synth;

use sourcecheck::check::check_note;
use sourcecheck::corpus::{Corpus, Source};
use sourcecheck::text::Format;
use sourcecheck::workspace::Settings;
use std::path::{Path, PathBuf};
use std::process::Command;
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

/// A folder with the small corpus, for the command.
fn workspace() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sourcecheck-scaling-{}", std::process::id()));
    let sources = dir.join("sources");
    let made = std::fs::create_dir_all(&sources).and_then(|()| {
        let text = "Flood report\n\nAbout 120 homes were destroyed in Ashford, officials said on 3 May 2016.\n";
        std::fs::write(sources.join("flood.txt"), text)
    });
    if let Err(e) = made {
        panic!("cannot write the workspace {}: {e}", dir.display());
    }
    dir
}

/// `sourcecheck check --format json` of `text` as a note in `dir`: the
/// whole check, reading, judging and writing, timed from outside.
fn command_check(dir: &Path, text: &str) -> Duration {
    let note = dir.join("note.md");
    if let Err(e) = std::fs::write(&note, text) {
        panic!("cannot write {}: {e}", note.display());
    }
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_sourcecheck"))
        .args(["check", "--format", "json", "--sources"])
        .arg(dir.join("sources"))
        .arg(&note)
        .current_dir(dir)
        .output();
    let took = t.elapsed();
    match out {
        Ok(o) if o.status.code().is_some_and(|c| c < 2) => took,
        Ok(o) => panic!("check failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => panic!("cannot run sourcecheck: {e}"),
    }
}

/// The time to remove half of `n` generated articles from their corpus:
/// the folder that holds them at once, and one file at a time.
fn remove_half(settings: &Settings, n: usize) -> (usize, Duration, Duration) {
    let path = |i: usize| PathBuf::from(format!("gen/{}/{i:05}.txt", ["a", "b"][i % 2]));
    let sources: Vec<Source> = (0..n)
        .map(|i| Source::from_text(&path(i), synth::article(i), &settings.synonyms, &settings.conventions))
        .collect();
    let mut corpus = Corpus::from_sources(sources);
    let mut each = corpus.clone();
    let figures = corpus.figure_count();
    let (_, folder) = time(|| corpus.remove_under(Path::new("gen/a")));
    let (_, one_by_one) = time(|| (0..n).step_by(2).filter(|&i| each.remove(&path(i))).count());
    assert_eq!((corpus.len(), each.len()), (n - n / 2, n - n / 2));
    (figures, folder, one_by_one)
}

fn main() {
    let settings = Settings::default();
    let corpus = corpus(&settings);
    let dir = workspace();
    // (cargo bench passes --bench; nothing else is read)
    for (what, make) in
        [("one sentence of n figures", sentence as fn(usize) -> String), ("one clause of n figures (no comma)", clause)]
    {
        println!("{what}: check as a note, by the command, index as a source");
        for n in [1_000, 2_000, 4_000, 8_000] {
            let text = make(n);
            let (checked, note) = time(|| check_note(&text, Format::Markdown, None, &corpus, &settings).figures.len());
            let command = command_check(&dir, &text);
            let (source, indexed) = time(|| {
                Source::from_text(Path::new("s.txt"), text.clone(), &settings.synonyms, &settings.conventions)
                    .figures
                    .len()
            });
            println!(
                "  {n:>5} figures ({:>6} bytes): note {note:>10.2?} ({checked} figures), command {command:>10.2?}, \
                 source {indexed:>10.2?} ({source} figures)",
                text.len()
            );
        }
    }
    println!("a table of w columns, a header and 4 rows");
    for width in [625, 1_250, 2_500, 5_000] {
        let text = table(width);
        let (checked, note) = time(|| check_note(&text, Format::Markdown, None, &corpus, &settings).figures.len());
        let command = command_check(&dir, &text);
        let path = Path::new("t.md");
        let (source, indexed) =
            time(|| Source::from_text(path, text.clone(), &settings.synonyms, &settings.conventions).figures.len());
        println!(
            "  {width:>5} columns ({:>7} bytes): note {note:>10.2?} ({checked} figures), command {command:>10.2?}, \
             source {indexed:>10.2?} ({source} figures)",
            text.len()
        );
    }
    println!("removing half of n sources: their folder at once, and one at a time");
    for n in [500, 1_000, 2_000, 4_000] {
        let (figures, folder, each) = remove_half(&settings, n);
        println!("  {:>5} of {n:>5} sources ({figures:>6} figures): folder {folder:>10.2?}, each {each:>10.2?}", n / 2);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
