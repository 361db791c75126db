//! The on-disk index cache: a second load reads it and gives the same
//! corpus and the same verdicts; a changed file is re-read alone; a corrupt,
//! truncated or other-version cache is rejected and rebuilt (and so is one
//! damaged at random, by proptest: `PROPTEST_CASES` sets how many); writing one
//! prunes the directory of unused and surplus cache files, and of nothing
//! else; two builds used side by side keep a warm cache each.

#[path = "../benches/support/synth.rs"]
mod synth;

use sourcecheck::check::check_note;
use sourcecheck::corpus::cache::{CacheOptions, IndexCache, FORMAT_VERSION};
use sourcecheck::corpus::{load_folders_cached, Corpus, LoadReport};
use sourcecheck::text::Format;
use sourcecheck::workspace::Settings;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

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
        self.load_folders(&self.folders())
    }
    fn load_folders(&self, folders: &[PathBuf]) -> (Corpus, LoadReport) {
        let s = &self.settings;
        let (sources, report) = load_folders_cached(folders, &s.synonyms, &s.conventions, &self.options());
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
            format!(
                "{} {:?} {} {:?} {:?} {:?} {:?} {}",
                s.id, s.path, s.title, s.date, s.warning, figures, s.excerpts, s.first_line_end
            )
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
    let written = inode(&file);
    set_used(&file, DAY);

    let (warm, report) = setup.load();
    assert_eq!(report.from_cache, ARTICLES);
    assert_eq!(snapshot(&warm), snapshot(&cold));
    assert_eq!(verdicts(&warm, &setup.settings), verdicts(&cold, &setup.settings));
    assert!(verdicts(&warm, &setup.settings).iter().any(|v| v.starts_with("Supported")));
    assert_eq!(inode(&file), written, "nothing changed: not rewritten");
    assert!(unused_for(&file) < Duration::from_secs(60), "marked used by the load");
}

/// The file's inode: a rewrite (temporary file renamed) changes it.
fn inode(file: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(file).unwrap())
}

const DAY: Duration = Duration::from_secs(24 * 60 * 60);
const HOUR: Duration = Duration::from_secs(60 * 60);

/// Sets the file's mtime (its last use) `ago` in the past.
fn set_used(file: &Path, ago: Duration) {
    let f = std::fs::File::options().write(true).open(file).unwrap();
    f.set_modified(SystemTime::now() - ago).unwrap();
}

fn unused_for(file: &Path) -> Duration {
    let used = std::fs::metadata(file).unwrap().modified().unwrap();
    SystemTime::now().duration_since(used).unwrap_or_default()
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
    assert_eq!(src.text_of(src.figures[0].figure.span()), Some("About 4,321 refugees"));
    let unchanged = setup.dir.path().join("sources/004.txt");
    assert_eq!(warm.by_path(&unchanged).unwrap().excerpts, cold.by_path(&unchanged).unwrap().excerpts);

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
fn another_build_is_rejected() {
    rejected_and_rebuilt(
        |f| {
            let mut bytes = std::fs::read(f).unwrap();
            bytes[12] ^= 1;
            std::fs::write(f, bytes).unwrap();
        },
        "built by another build",
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

/// `exe check --format json` of the setup's `note.md` with its cache
/// directory and debug logs: the output and the log.
fn check_with_cache(setup: &Setup, exe: &Path) -> (String, String) {
    let out = Command::new(exe)
        .args(["check", "--format", "json", "--sources", "sources", "note.md"])
        .current_dir(setup.dir.path())
        .env("SOURCECHECK_CACHE_DIR", setup.dir.path().join("cache"))
        .env("SOURCECHECK_LOG", "sourcecheck=debug")
        .env_remove("SOURCECHECK_NO_CACHE")
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), without_colours(&String::from_utf8(out.stderr).unwrap()))
}

/// Across processes: the CLI run cold and warm prints the same JSON, and the
/// warm run read every source from the cache.
#[test]
fn the_cli_gives_the_same_output_from_the_cache() {
    let setup = Setup::new();
    std::fs::write(setup.dir.path().join("note.md"), synth::note(40)).unwrap();
    let run = || check_with_cache(&setup, Path::new(env!("CARGO_BIN_EXE_sourcecheck")));
    let (cold, cold_log) = run();
    let (warm, warm_log) = run();
    assert!(cold.contains("\"verdict\""), "{cold}");
    assert_eq!(warm, cold);
    assert!(cold_log.contains("index cache written"), "{cold_log}");
    assert!(warm_log.contains("index cache read") && warm_log.contains(&format!(" entries={ARTICLES}")), "{warm_log}");
    assert!(!warm_log.contains("index cache written"), "{warm_log}");
}

/// Two builds over the same sources (the editor's bundled server, an
/// installed CLI) each find their own cache warm after the other ran: neither
/// overwrites nor prunes the other's file.
#[test]
fn two_builds_keep_their_caches_warm_side_by_side() {
    let setup = Setup::new();
    std::fs::write(setup.dir.path().join("note.md"), synth::note(10)).unwrap();
    // another build: a copy of the binary, modified at another time
    let other = setup.dir.path().join("other-build");
    std::fs::copy(env!("CARGO_BIN_EXE_sourcecheck"), &other).unwrap();
    let an_hour_ago = SystemTime::now() - HOUR;
    std::fs::File::options().write(true).open(&other).unwrap().set_modified(an_hour_ago).unwrap();
    let run = |exe: &Path| check_with_cache(&setup, exe).1;
    let ours = Path::new(env!("CARGO_BIN_EXE_sourcecheck"));
    assert!(run(ours).contains("index cache written"));
    assert!(run(&other).contains("index cache written"));
    for exe in [ours, &other, ours, &other] {
        let log = run(exe);
        assert!(log.contains("index cache read") && log.contains(&format!(" entries={ARTICLES}")), "{log}");
        assert!(!log.contains("index cache written"), "{log}");
    }
    assert_eq!(names_in(&setup.dir.path().join("cache")).len(), 2);
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

/// The names in the cache directory, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// A copy of the cache file `from` named `name`, its bytes from `at` on
/// replaced by `patch`, last used `ago`.
fn plant(from: &Path, name: &str, patch: (usize, &[u8]), ago: Duration) -> PathBuf {
    let mut bytes = std::fs::read(from).unwrap();
    let (at, with) = patch;
    bytes[at..at + with.len()].copy_from_slice(with);
    let to = from.with_file_name(name);
    std::fs::write(&to, bytes).unwrap();
    set_used(&to, ago);
    to
}

/// Changes one source, so that the next load writes the cache again.
fn change_a_source(folder: &Path) {
    std::fs::write(folder.join("000.txt"), "Changed\n\nAbout 4,321 refugees crossed the border last week.\n").unwrap();
}

#[test]
fn writing_the_cache_removes_files_unused_for_30_days_whatever_their_build_or_format_but_nothing_foreign() {
    let setup = Setup::new();
    setup.load();
    let ours = setup.cache_file();
    let cache = ours.parent().unwrap().to_path_buf();
    let ours_name = ours.file_name().unwrap().to_string_lossy().into_owned();
    let version = |v: u32| (8, v.to_le_bytes().to_vec());
    let (older, newer) = (version(FORMAT_VERSION - 1), version(FORMAT_VERSION + 1));
    let same = (8, FORMAT_VERSION.to_le_bytes().to_vec());
    let mut other_build = std::fs::read(&ours).unwrap()[12..20].to_vec();
    other_build[0] ^= 1;
    let other_build = (12, other_build);
    let plant = |name: &str, patch: &(usize, Vec<u8>), ago: Duration| plant(&ours, name, (patch.0, &patch.1), ago);
    plant("index-0000000000000001.bin", &same, HOUR); // this build's, used an hour ago: kept
    plant("index-0000000000000002.bin", &older, HOUR); // an older format, used lately: kept
    plant("index-0000000000000003.bin", &other_build, HOUR); // another build's, used lately: kept
    plant("index-0000000000000004.bin", &newer, HOUR); // a newer format, used lately: kept
    plant("index-0000000000000005.bin", &same, 31 * DAY); // unused for 31 days: removed
    plant("index-0000000000000006.bin", &newer, 31 * DAY); // likewise, whatever its format
    plant("index-000000000000000b.bin", &other_build, 31 * DAY); // or its build
    plant("index-000000000000000a.bin", &same, 29 * DAY); // unused for 29 days: kept
                                                          // foreign, however old: not named like a cache file, or not starting with its magic
    let stale = plant("backup.bin", &older, 60 * DAY);
    plant("index-00000000000000ff.bin.old", &other_build, 60 * DAY);
    plant("INDEX-00000000000000FF.BIN", &other_build, 60 * DAY);
    std::fs::write(cache.join("index-0000000000000007.bin"), b"not ours at all").unwrap();
    set_used(&cache.join("index-0000000000000007.bin"), 60 * DAY);
    std::fs::write(cache.join("notes.txt"), b"the user's").unwrap();
    set_used(&cache.join("notes.txt"), 60 * DAY);
    std::fs::create_dir(cache.join("index-0000000000000008.bin")).unwrap();
    // a symlink named like a cache file, to a stale cache file: neither removed
    std::os::unix::fs::symlink(&stale, cache.join("index-0000000000000009.bin")).unwrap();

    setup.load(); // nothing changed: not written, nothing pruned
    assert_eq!(names_in(&cache).len(), 16);
    change_a_source(&setup.folders()[0]);
    setup.load();
    let mut expected = vec![
        "INDEX-00000000000000FF.BIN",
        "backup.bin",
        "index-0000000000000001.bin",
        "index-0000000000000002.bin",
        "index-0000000000000003.bin",
        "index-0000000000000004.bin",
        "index-0000000000000007.bin",
        "index-0000000000000008.bin",
        "index-0000000000000009.bin",
        "index-000000000000000a.bin",
        "index-00000000000000ff.bin.old",
        ours_name.as_str(),
        "notes.txt",
    ];
    expected.sort();
    assert_eq!(names_in(&cache), expected);
}

#[test]
fn the_cache_directory_keeps_the_8_most_recently_used_cache_files_and_a_load_counts_as_use() {
    let setup = Setup::new();
    let more = setup.dir.path().join("more");
    std::fs::create_dir_all(&more).unwrap();
    for i in 0..4 {
        std::fs::write(more.join(format!("{i:03}.txt")), synth::article(100 + i)).unwrap();
    }
    setup.load();
    let first = setup.cache_file();
    let cache = first.parent().unwrap().to_path_buf();
    setup.load_folders(std::slice::from_ref(&more));
    let second = names_in(&cache).into_iter().map(|n| cache.join(n)).find(|p| *p != first).unwrap();
    // seven more, used 1 to 7 hours ago; the first cache, 10 days ago
    let planted: Vec<PathBuf> = (1..=7u32)
        .map(|k| plant(&first, &format!("index-{k:016x}.bin"), (8, &FORMAT_VERSION.to_le_bytes()), k * HOUR))
        .collect();
    std::fs::write(cache.join("notes.txt"), b"the user's").unwrap();
    set_used(&first, 10 * DAY);
    // loading the first folders again uses their cache: now the most recent
    assert_eq!(setup.load().1.from_cache, ARTICLES);
    assert!(unused_for(&first) < Duration::from_secs(60));
    assert_eq!(names_in(&cache).len(), 10);

    change_a_source(&more);
    assert_eq!(setup.load_folders(&[more]).1.from_cache, 3);
    // eight cache files: the one written, the one just used, the six most recent planted
    let name = |p: &PathBuf| p.file_name().unwrap().to_string_lossy().into_owned();
    let mut expected: Vec<String> = [&second, &first].into_iter().chain(&planted[..6]).map(name).collect();
    expected.push("notes.txt".to_string());
    expected.sort();
    assert_eq!(names_in(&cache), expected);
}

/// One way of damaging a cache file: bytes flipped, the file cut short,
/// bytes put in, or a stretch overwritten, at places drawn by proptest.
#[derive(Clone, Debug)]
enum Damage {
    Flip { at: usize, mask: u8 },
    Cut { keep: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Overwrite { at: usize, bytes: Vec<u8> },
}

fn damage_strategy() -> impl proptest::strategy::Strategy<Value = Vec<Damage>> {
    use proptest::prelude::*;
    let one = prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(at, mask)| Damage::Flip { at, mask }),
        any::<usize>().prop_map(|keep| Damage::Cut { keep }),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, bytes)| Damage::Insert { at, bytes }),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, bytes)| Damage::Overwrite { at, bytes }),
    ];
    proptest::collection::vec(one, 1..4)
}

fn apply(bytes: &mut Vec<u8>, damage: &[Damage]) {
    for d in damage {
        let n = bytes.len().max(1);
        match d {
            Damage::Flip { at, mask } => {
                if let Some(b) = bytes.get_mut(at % n) {
                    *b ^= mask;
                }
            }
            Damage::Cut { keep } => bytes.truncate(keep % n),
            Damage::Insert { at, bytes: more } => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, more.iter().copied());
            }
            Damage::Overwrite { at, bytes: over } => {
                for (k, b) in over.iter().enumerate() {
                    if let Some(x) = bytes.get_mut((at % n) + k) {
                        *x = *b;
                    }
                }
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        ..proptest::test_runner::Config::default()
    })]
    /// Whatever is done to the cache file, a load never panics and gives the
    /// corpus a cold load gives: the damage is found and the index rebuilt.
    #[test]
    fn a_damaged_cache_never_changes_what_is_loaded(damage in damage_strategy()) {
        let setup = Setup::new();
        let (cold, _) = setup.load();
        let file = setup.cache_file();
        let mut bytes = std::fs::read(&file).unwrap();
        let before = bytes.clone();
        apply(&mut bytes, &damage);
        std::fs::write(&file, &bytes).unwrap();
        let (loaded, report) = setup.load();
        proptest::prop_assert_eq!(snapshot(&loaded), snapshot(&cold));
        if bytes != before {
            proptest::prop_assert_eq!(report.from_cache, 0, "damage {:?} was not noticed", damage);
        }
    }
}

#[test]
fn pages_pdfs_and_word_files_come_back_from_the_cache_with_their_positions_and_places() {
    use sourcecheck::corpus::formats::{samples, SourceFormat};
    use sourcecheck::text::lines::ColumnUnit;
    let setup = Setup::new();
    let sources = setup.dir.path().join("sources");
    std::fs::write(sources.join("page.html"), samples::SAVED_PAGE).unwrap();
    std::fs::write(sources.join("report.pdf"), samples::pdf_report()).unwrap();
    std::fs::write(sources.join("memo.docx"), samples::word_file()).unwrap();
    let (cold, report) = setup.load();
    assert_eq!(report.from_cache, 0);
    let (warm, report) = setup.load();
    assert_eq!(report.from_cache, ARTICLES + 3);
    for name in ["page.html", "report.pdf", "memo.docx"] {
        let (a, b) = (cold.by_path(&sources.join(name)).unwrap(), warm.by_path(&sources.join(name)).unwrap());
        assert_eq!((a.format, &a.places, &a.title, a.date), (b.format, &b.places, &b.title, b.date), "{name}");
        assert_eq!(a.excerpts, b.excerpts, "{name}");
        assert!(!a.figures.is_empty(), "{name}");
        for i in 0..a.figures.len() {
            let at = a.figures[i].figure.span().start;
            assert_eq!(a.line_col(at, ColumnUnit::Utf16), b.line_col(at, ColumnUnit::Utf16), "{name} {i}");
            assert_eq!(a.place(at), b.place(at), "{name} {i}");
        }
    }
    let page = warm.by_path(&sources.join("page.html")).unwrap();
    assert_eq!(page.format, SourceFormat::Html);
    let at =
        page.figures.iter().map(|f| f.figure.span().start).find(|s| page.text_of(*s..*s + 5) == Some("About")).unwrap();
    let want = samples::SAVED_PAGE[..samples::SAVED_PAGE.find("About 4,500").unwrap()].matches('\n').count();
    assert_eq!(page.line_col(at, ColumnUnit::Utf16).map(|lc| lc.line as usize), Some(want));
}
