//! The on-disk index cache: a second load reads it and gives the same
//! corpus and the same verdicts; a changed file is re-read alone; a corrupt,
//! truncated or other-version cache is rejected and rebuilt.

#[path = "../benches/support/synth.rs"]
mod synth;

use sourcecheck::check::check_note;
use sourcecheck::corpus::cache::{CacheOptions, IndexCache, FORMAT_VERSION};
use sourcecheck::corpus::{load_folders_cached, Corpus, LoadReport};
use sourcecheck::text::Format;
use sourcecheck::workspace::Settings;
use std::path::{Path, PathBuf};
use std::process::Command;

const ARTICLES: usize = 24;

struct Setup {
    dir: tempfile::TempDir,
    settings: Settings,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sources")).unwrap();
        for i in 0..ARTICLES {
            std::fs::write(dir.path().join(format!("sources/{i:03}.txt")), synth::article(i)).unwrap();
        }
        Setup { dir, settings: Settings::default() }
    }
    fn folders(&self) -> Vec<PathBuf> {
        vec![self.dir.path().join("sources")]
    }
    fn options(&self) -> CacheOptions {
        CacheOptions::in_dir(self.dir.path().join("cache"))
    }
    fn load(&self) -> (Corpus, LoadReport) {
        let s = &self.settings;
        let (sources, report) = load_folders_cached(&self.folders(), &s.synonyms, &s.conventions, &self.options());
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        (Corpus::from_sources(sources), report)
    }
    fn open_cache(&self) -> IndexCache {
        let s = &self.settings;
        IndexCache::open(&self.options(), &self.folders(), &s.synonyms, &s.conventions, ARTICLES)
    }
    /// The one cache file.
    fn cache_file(&self) -> PathBuf {
        let files: Vec<PathBuf> =
            std::fs::read_dir(self.dir.path().join("cache")).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files[0].clone()
    }
}

/// Everything a source holds, for comparing corpora.
fn snapshot(c: &Corpus) -> Vec<String> {
    c.sources()
        .iter()
        .map(|s| {
            let figures: Vec<String> = s
                .figures
                .iter()
                .map(|f| {
                    format!("{:?} {:?} {:?} {:?}", f.figure, f.subject.terms(), f.subject.noun(), f.subject.names())
                })
                .collect();
            format!("{} {:?} {} {:?} {:?} {:?} {}", s.id, s.path, s.title, s.date, s.warning, figures, s.text)
        })
        .collect()
}

/// Each note figure's verdict, message, notes and evidence.
fn verdicts(c: &Corpus, settings: &Settings) -> Vec<String> {
    let note = synth::note(60);
    let check = check_note(&note, Format::Markdown, None, c, settings);
    assert!(check.figures.len() >= 60);
    check
        .figures
        .iter()
        .map(|f| {
            let j = &f.judgement;
            let ev: Vec<(String, usize)> = j.evidence.iter().map(|e| (e.source.id.clone(), e.figure)).collect();
            format!("{:?} {} {:?} {:?}", j.verdict, j.message, j.notes, ev)
        })
        .collect()
}

#[test]
fn a_second_load_reads_the_cache_and_gives_the_same_corpus_and_verdicts() {
    let setup = Setup::new();
    let (cold, report) = setup.load();
    assert_eq!(report.from_cache, 0);
    assert_eq!(cold.len(), ARTICLES);
    assert!(cold.figure_count() > ARTICLES, "the articles have figures");
    let file = setup.cache_file();
    let written = std::fs::metadata(&file).unwrap().modified().unwrap();

    let (warm, report) = setup.load();
    assert_eq!(report.from_cache, ARTICLES);
    assert_eq!(snapshot(&warm), snapshot(&cold));
    assert_eq!(verdicts(&warm, &setup.settings), verdicts(&cold, &setup.settings));
    assert!(verdicts(&warm, &setup.settings).iter().any(|v| v.starts_with("Supported")));
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), written, "nothing changed: not rewritten");
}

#[test]
fn a_changed_file_is_read_again_alone_and_a_removed_one_dropped() {
    let setup = Setup::new();
    let (cold, _) = setup.load();
    let changed = setup.dir.path().join("sources/005.txt");
    std::fs::write(&changed, "Changed\n\nAbout 4,321 refugees crossed the border last week, officials said.\n")
        .unwrap();
    std::fs::remove_file(setup.dir.path().join("sources/007.txt")).unwrap();

    let (warm, report) = setup.load();
    assert_eq!(report.from_cache, ARTICLES - 2);
    assert_eq!(warm.len(), ARTICLES - 1);
    let src = warm.by_path(&changed).unwrap();
    assert_eq!(src.title, "Changed");
    assert_eq!(src.figures.len(), 1);
    assert_eq!(&src.text[src.figures[0].figure.span.clone()], "About 4,321 refugees");
    let unchanged = setup.dir.path().join("sources/004.txt");
    assert_eq!(warm.by_path(&unchanged).unwrap().text, cold.by_path(&unchanged).unwrap().text);

    // written back: the next load reads everything from the cache
    let (again, report) = setup.load();
    assert_eq!(report.from_cache, ARTICLES - 1);
    assert_eq!(snapshot(&again), snapshot(&warm));
}

#[test]
fn a_file_touched_but_unchanged_is_read_again() {
    let setup = Setup::new();
    let (cold, _) = setup.load();
    let touched = std::fs::File::options().write(true).open(setup.dir.path().join("sources/003.txt")).unwrap();
    touched.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5)).unwrap();
    drop(touched);
    let (warm, report) = setup.load();
    assert_eq!(report.from_cache, ARTICLES - 1);
    assert_eq!(snapshot(&warm), snapshot(&cold));
}

/// Damages the cache file, then checks that it is rejected for `reason`,
/// that the load that follows gives the cold corpus, and that it rewrote a
/// good cache.
fn rejected_and_rebuilt(damage: impl Fn(&Path), reason: &str) {
    let setup = Setup::new();
    let (cold, _) = setup.load();
    damage(&setup.cache_file());
    let rejected = setup.open_cache().rejected().map(str::to_string);
    assert!(rejected.as_deref().is_some_and(|r| r.contains(reason)), "{rejected:?}, expected {reason}");
    let (rebuilt, report) = setup.load();
    assert_eq!(report.from_cache, 0);
    assert_eq!(snapshot(&rebuilt), snapshot(&cold));
    assert_eq!(verdicts(&rebuilt, &setup.settings), verdicts(&cold, &setup.settings));
    assert_eq!(setup.open_cache().rejected(), None);
    assert_eq!(setup.load().1.from_cache, ARTICLES);
}

#[test]
fn a_flipped_byte_fails_the_checksum() {
    rejected_and_rebuilt(
        |f| {
            let mut bytes = std::fs::read(f).unwrap();
            let at = bytes.len() / 2;
            bytes[at] ^= 0x5a;
            std::fs::write(f, bytes).unwrap();
        },
        "checksum mismatch",
    );
}

#[test]
fn a_truncated_cache_is_rejected() {
    rejected_and_rebuilt(
        |f| {
            let len = std::fs::metadata(f).unwrap().len();
            std::fs::File::options().write(true).open(f).unwrap().set_len(len * 2 / 3).unwrap();
        },
        "truncated",
    );
}

#[test]
fn garbage_is_not_a_cache() {
    rejected_and_rebuilt(
        |f| std::fs::write(f, b"\x00\xffnot a cache at all, just bytes".repeat(50)).unwrap(),
        "not an index cache",
    );
}

#[test]
fn another_format_version_is_rejected() {
    rejected_and_rebuilt(
        |f| {
            let mut bytes = std::fs::read(f).unwrap();
            bytes[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
            std::fs::write(f, bytes).unwrap();
        },
        &format!("format version {}", FORMAT_VERSION + 1),
    );
}

#[test]
fn other_settings_do_not_use_the_cache() {
    let setup = Setup::new();
    setup.load();
    let config = sourcecheck::config::Config {
        synonyms: vec![vec!["cases".to_string(), "infections".to_string()]],
        ..Default::default()
    };
    let other = Settings::from_config(&config);
    let cache = IndexCache::open(&setup.options(), &setup.folders(), &other.synonyms, &other.conventions, ARTICLES);
    assert_eq!(cache.rejected(), Some("built by another build, settings or folders"));
}

#[test]
fn caching_off_writes_nothing() {
    let setup = Setup::new();
    let s = &setup.settings;
    let (_, report) = load_folders_cached(&setup.folders(), &s.synonyms, &s.conventions, &CacheOptions::disabled());
    assert_eq!(report.from_cache, 0);
    assert!(!setup.dir.path().join("cache").exists());
}

/// Across processes: the CLI run cold and warm prints the same JSON, and the
/// warm run read every source from the cache.
#[test]
fn the_cli_gives_the_same_output_from_the_cache() {
    let setup = Setup::new();
    std::fs::write(setup.dir.path().join("note.md"), synth::note(40)).unwrap();
    let run = || {
        let out = Command::new(env!("CARGO_BIN_EXE_sourcecheck"))
            .args(["check", "--format", "json", "--sources", "sources", "note.md"])
            .current_dir(setup.dir.path())
            .env("SOURCECHECK_CACHE_DIR", setup.dir.path().join("cache"))
            .env("SOURCECHECK_LOG", "sourcecheck=debug")
            .env_remove("SOURCECHECK_NO_CACHE")
            .output()
            .unwrap();
        (String::from_utf8(out.stdout).unwrap(), without_colours(&String::from_utf8(out.stderr).unwrap()))
    };
    let (cold, cold_log) = run();
    let (warm, warm_log) = run();
    assert!(cold.contains("\"verdict\""), "{cold}");
    assert_eq!(warm, cold);
    assert!(cold_log.contains("index cache written"), "{cold_log}");
    assert!(warm_log.contains("index cache read") && warm_log.contains(&format!(" entries={ARTICLES}")), "{warm_log}");
    assert!(!warm_log.contains("index cache written"), "{warm_log}");
}

/// The log without its ANSI colour codes.
fn without_colours(log: &str) -> String {
    let mut out = String::new();
    let mut rest = log;
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&rest[..at]);
        rest = rest[at..].find('m').map_or("", |m| &rest[at + m + 1..]);
    }
    out.push_str(rest);
    out
}
