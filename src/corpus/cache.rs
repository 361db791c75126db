//! The on-disk index cache: every source read, dated and indexed, stored so
//! that a restart with unchanged sources reads one file instead of
//! re-extracting every article.
//!
//! One file per set of source folders and build, in the platform cache directory
//! (`SOURCECHECK_CACHE_DIR` overrides it, `SOURCECHECK_NO_CACHE=1` turns it
//! off). An entry is reused only while its file's path, size and mtime are
//! unchanged, so one changed file is re-read alone. The file carries a
//! format version and a key (build, settings, folders) and every chunk a
//! CRC-32: a wrong-version, foreign, truncated or corrupt cache is rejected
//! whole (with a debug log) and rebuilt, never trusted. Read one chunk at a
//! time into one buffer, each decoded into its `Source` before the next is
//! read, so a warm start peaks at about the decoded corpus (the raw file is
//! never held whole); it is read while the folders are walked. Written atomically
//! (temporary file, then rename), and then the directory is pruned
//! (`prune`): long-unused files go, whichever build wrote them, and it keeps
//! at most `prune::MAX_FILES`. The file is named by the folders and the
//! build, so two builds used side by side keep a warm file each. A successful load touches the file (its mtime is its
//! last use). Serialization: postcard — serde-based, compact varints, a
//! stable documented wire format, and maintained (bincode is not).
//!
//! Layout: magic, format version (u32 LE), build key (u64 LE), then chunks of
//! `[length u32 LE][crc32 u32 LE][postcard bytes]`: the header (key, entry
//! count), the term table, then one chunk per source.

pub mod prune;

use super::figure::CompactFigure;
use super::formats::{Places, SourceFormat};
use super::source::{Source, SourceFigure};
use super::Excerpts;
use crate::figures::conventions::Conventions;
use crate::figures::DateSpec;
use crate::subject::{NameTerm, Role, SourceSubject, Synonyms, TermId, Weight, WeightedTerm};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

const MAGIC: &[u8; 8] = b"SRCCHKIX";
/// Bumped whenever the layout or the meaning of a field changes.
pub const FORMAT_VERSION: u32 = 9;
/// A cache file's name: prefix, the folders' hash in 16 hex digits, suffix.
const FILE_PREFIX: &str = "index-";
const FILE_SUFFIX: &str = ".bin";
/// In the default cache directory, corpora smaller than this are not
/// cached: they read in a blink, and each workspace would leave a file.
const MIN_SOURCES: usize = 64;
/// Larger chunks are corruption (a source is at most `input::MAX_BYTES`).
const MAX_CHUNK: u64 = 2 * crate::input::MAX_BYTES;

/// Where the cache lives and when it is used.
#[derive(Clone, Debug)]
pub struct CacheOptions {
    /// `None`: no cache.
    pub dir: Option<PathBuf>,
    /// Corpora with fewer sources are not cached.
    pub min_sources: usize,
}

impl CacheOptions {
    /// From the environment: `SOURCECHECK_NO_CACHE=1` turns the cache off;
    /// `SOURCECHECK_CACHE_DIR` puts it there (for every corpus size); else
    /// the platform cache directory, for corpora worth caching.
    pub fn from_env() -> CacheOptions {
        let off = std::env::var("SOURCECHECK_NO_CACHE").is_ok_and(|v| !v.is_empty() && v != "0");
        if off {
            return CacheOptions::disabled();
        }
        if let Some(dir) = std::env::var_os("SOURCECHECK_CACHE_DIR").filter(|d| !d.is_empty()) {
            return CacheOptions::in_dir(PathBuf::from(dir));
        }
        CacheOptions { dir: dirs::cache_dir().map(|d| d.join("sourcecheck")), min_sources: MIN_SOURCES }
    }

    pub fn disabled() -> CacheOptions {
        CacheOptions { dir: None, min_sources: 0 }
    }

    /// A cache in `dir`, whatever the corpus size.
    pub fn in_dir(dir: PathBuf) -> CacheOptions {
        CacheOptions { dir: Some(dir), min_sources: 0 }
    }
}

/// A file's identity on disk: size and modification time.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    mtime_secs: u64,
    mtime_nanos: u32,
}

fn stamp_of(meta: &std::fs::Metadata) -> Option<Stamp> {
    let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(Stamp { size: meta.len(), mtime_secs: mtime.as_secs(), mtime_nanos: mtime.subsec_nanos() })
}

/// One source as stored: `S` is `&str` when writing, `String` when
/// reading; `F` likewise `&CompactFigure` or `CompactFigure`, `X` `&Excerpts` or `Excerpts`,
/// `P` `&Places` or `Places`.
#[derive(Serialize, Deserialize)]
struct Entry<S, F, X, P> {
    path: S,
    stamp: Stamp,
    id: S,
    title: S,
    date: Option<DateSpec>,
    excerpts: X,
    first_line_end: u32,
    warning: Option<S>,
    format: SourceFormat,
    places: P,
    figures: Vec<CachedFigure<F>>,
    /// The source's terms (`Source::terms`), as term table indexes.
    terms: Vec<u32>,
}

/// A figure and its subject: terms as `table index << 2 | weight`, names
/// as `table index << 3 | role << 1 | begins a name`.
#[derive(Serialize, Deserialize)]
struct CachedFigure<F> {
    figure: F,
    terms: Vec<u32>,
    noun: Option<u32>,
    names: Vec<u32>,
}

#[derive(Serialize, Deserialize)]
struct Header {
    key: u64,
    entries: u64,
}

type StoredEntry = Entry<String, CompactFigure, Excerpts, Places>;

/// Sources read from the cache, each with its file's stamp, by path.
type CachedSources = HashMap<PathBuf, Mutex<Option<(Stamp, Source)>>>;

/// The cache for one load of some source folders: entries read from disk
/// (handed out at most once, while their file is unchanged), and the stamps
/// of every file looked up, for writing it back.
pub struct IndexCache {
    /// The cache file; `None` when caching is off for this load.
    file: Option<PathBuf>,
    key: u64,
    /// Each entry's source, decoded as it was read (one chunk at a time, so
    /// the raw file is never held whole).
    entries: CachedSources,
    /// Each file's stamp as seen before it was read.
    stamps: Mutex<HashMap<PathBuf, Stamp>>,
    hits: AtomicUsize,
    rejected: Option<String>,
}

impl IndexCache {
    /// The cache for `folders` read with these settings, `sources` files
    /// found. A missing or unusable file gives an empty cache.
    pub fn open(
        options: &CacheOptions,
        folders: &[PathBuf],
        synonyms: &Synonyms,
        conv: &Conventions,
        sources: usize,
    ) -> IndexCache {
        IndexCache::read(options, folders, synonyms, conv).for_sources(options, sources)
    }

    /// `open` before the sources are counted (so that reading the cache and
    /// finding the files can run together); `for_sources` must follow.
    pub(super) fn read(
        options: &CacheOptions,
        folders: &[PathBuf],
        synonyms: &Synonyms,
        conv: &Conventions,
    ) -> IndexCache {
        let mut cache = IndexCache {
            file: None,
            key: key(folders, synonyms, conv),
            entries: HashMap::new(),
            stamps: Mutex::default(),
            hits: AtomicUsize::new(0),
            rejected: None,
        };
        let Some(dir) = options.dir.as_ref() else { return cache };
        let file = dir.join(format!("{FILE_PREFIX}{:016x}{FILE_SUFFIX}", file_hash(folders)));
        match read_cache(&file, cache.key) {
            Ok(entries) => {
                cache.entries = entries;
                tracing::debug!(file = %file.display(), entries = cache.entries.len(), "index cache read");
                touch(&file);
            }
            Err(why) => {
                tracing::debug!(file = %file.display(), "index cache not used: {why}; rebuilding");
                cache.rejected = Some(why);
            }
        }
        cache.file = Some(file);
        cache
    }

    /// This cache if a corpus of `sources` files is worth caching; else none.
    pub(super) fn for_sources(self, options: &CacheOptions, sources: usize) -> IndexCache {
        if sources >= options.min_sources {
            return self;
        }
        IndexCache { file: None, entries: HashMap::new(), rejected: None, ..self }
    }

    /// Why the cache file on disk was not used (missing, corrupt, other
    /// version…), if it was not.
    pub fn rejected(&self) -> Option<&str> {
        self.rejected.as_deref()
    }

    /// How many sources came from the cache so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// The cached source for `path`, if its file is unchanged. Records the
    /// file's stamp first, so what is read next is stored under it.
    pub fn lookup(&self, path: &Path) -> Option<Source> {
        self.file.as_ref()?;
        let stamp = std::fs::metadata(path).ok().as_ref().and_then(stamp_of)?;
        lock(&self.stamps).insert(path.to_path_buf(), stamp);
        let (was, source) = lock(self.entries.get(path)?).take()?;
        if was != stamp {
            return None;
        }
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(source)
    }

    /// Writes `sources` back when anything differs from what was read:
    /// new, changed or removed files, or no usable cache. Failures are
    /// logged; the cache is an optimisation.
    pub fn store(&self, sources: &[Source]) {
        let Some(file) = &self.file else { return };
        let unchanged = self.rejected.is_none() && self.hits() == sources.len() && self.entries.len() == sources.len();
        if unchanged {
            return;
        }
        match write_cache(file, self.key, sources, &lock(&self.stamps)) {
            Ok(n) => {
                tracing::debug!(file = %file.display(), entries = n, "index cache written");
                prune::prune(file);
            }
            Err(e) => tracing::warn!("index cache {}: not written: {e}", file.display()),
        }
    }
}

/// Marks a cache file used now (its mtime), for pruning.
fn touch(file: &Path) {
    let touched =
        std::fs::File::options().write(true).open(file).and_then(|f| f.set_modified(std::time::SystemTime::now()));
    if let Err(e) = touched {
        tracing::debug!(file = %file.display(), "index cache not marked used: {e}");
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The folders, as they resolve on disk.
fn folders_hash(folders: &[PathBuf]) -> u64 {
    let mut real: Vec<PathBuf> =
        folders.iter().map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())).collect();
    real.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    real.hash(&mut h);
    h.finish()
}

/// Names the cache file: the folders and the build, so that two builds
/// (the editor's bundled server and an installed CLI) keep a file each
/// rather than overwriting each other's.
fn file_hash(folders: &[PathBuf]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (folders_hash(folders), build_key()).hash(&mut h);
    h.finish()
}

/// The build that writes and reads caches: its version and executable.
fn build_key() -> u64 {
    static KEY: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *KEY.get_or_init(|| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut h);
        let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
        exe.as_ref().and_then(stamp_of).map(|s| (s.size, s.mtime_secs, s.mtime_nanos)).hash(&mut h);
        h.finish()
    })
}

/// What decides the cache's contents besides the files: the format, the
/// build, the settings and the folders.
fn key(folders: &[PathBuf], synonyms: &Synonyms, conv: &Conventions) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    FORMAT_VERSION.hash(&mut h);
    build_key().hash(&mut h);
    synonyms.fingerprint().hash(&mut h);
    (conv.round_tolerance.to_bits(), conv.approx_tolerance.to_bits()).hash(&mut h);
    folders_hash(folders).hash(&mut h);
    h.finish()
}

/// Every source in the cache file, if it is whole and ours.
fn read_cache(file: &Path, key: u64) -> Result<CachedSources, String> {
    // a regular file only: a FIFO in its place would never end
    let f = crate::input::open_regular(file).map_err(|e| e.to_string())?;
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let mut r = BufReader::new(f);
    let mut head = [0u8; 20];
    r.read_exact(&mut head[..12]).map_err(|_| "truncated header".to_string())?;
    if &head[..8] != MAGIC {
        return Err("not an index cache".into());
    }
    let version = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
    if version != FORMAT_VERSION {
        return Err(format!("format version {version}, expected {FORMAT_VERSION}"));
    }
    r.read_exact(&mut head[12..]).map_err(|_| "truncated header".to_string())?;
    if head[12..] != build_key().to_le_bytes() {
        return Err("built by another build".into());
    }
    // one buffer for every chunk, each decoded before the next is read
    let mut buf = Vec::new();
    let header: Header = decode(read_chunk(&mut r, len, &mut buf)?)?;
    if header.key != key {
        return Err("built by another build, settings or folders".into());
    }
    let table: Vec<String> = decode(read_chunk(&mut r, len, &mut buf)?)?;
    let terms: Vec<TermId> = table.iter().map(|t| TermId::intern(t)).collect();
    drop(table);
    let mut entries = HashMap::new();
    for _ in 0..header.entries {
        let entry: StoredEntry = decode(read_chunk(&mut r, len, &mut buf)?)?;
        let stamp = entry.stamp;
        let source = source_of(entry, &terms).ok_or("a term outside the term table")?;
        entries.insert(source.path.clone(), Mutex::new(Some((stamp, source))));
    }
    if r.read(&mut [0u8]).map_err(|e| format!("cannot read: {e}"))? != 0 {
        return Err("trailing bytes".into());
    }
    Ok(entries)
}

/// The source an entry stores; `None` if it names a term the table lacks.
fn source_of(e: StoredEntry, table: &[TermId]) -> Option<Source> {
    let term = |i: u32| table.get(i as usize).copied();
    let mut figures = Vec::with_capacity(e.figures.len());
    for f in e.figures {
        let terms: Option<Vec<WeightedTerm>> =
            f.terms.iter().map(|p| WeightedTerm::new(term(p >> 2)?, Weight::from_bits(p & 3))).collect();
        let noun = match f.noun {
            Some(n) => Some(term(n)?),
            None => None,
        };
        let names: Option<Vec<NameTerm>> =
            f.names.iter().map(|p| NameTerm::new(term(p >> 3)?, Role::from_bits(p >> 1 & 3)?, p & 1 == 1)).collect();
        figures.push(SourceFigure { figure: f.figure, subject: SourceSubject::from_parts(terms?, noun, names?) });
    }
    let mut terms: Vec<TermId> = e.terms.iter().map(|&i| term(i)).collect::<Option<_>>()?;
    // sorted by index in this process, whose ids may differ from the writer's
    terms.sort_unstable_by_key(|t| t.index());
    Some(Source {
        id: e.id,
        path: PathBuf::from(e.path),
        title: e.title,
        date: e.date,
        excerpts: e.excerpts,
        first_line_end: e.first_line_end,
        figures,
        terms: terms.into_boxed_slice(),
        warning: e.warning,
        format: e.format,
        places: e.places,
    })
}

fn decode<'a, T: Deserialize<'a>>(chunk: &'a [u8]) -> Result<T, String> {
    postcard::from_bytes(chunk).map_err(|e| format!("undecodable chunk: {e}"))
}

/// One chunk's bytes, read into `buf`, its checksum verified.
fn read_chunk<'b>(r: &mut impl Read, file_len: u64, buf: &'b mut Vec<u8>) -> Result<&'b [u8], String> {
    let mut head = [0u8; 8];
    r.read_exact(&mut head).map_err(|_| "truncated".to_string())?;
    let len = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as u64;
    let crc = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
    if len > file_len.min(MAX_CHUNK) {
        return Err(format!("chunk of {len} bytes: corrupt"));
    }
    buf.resize(len as usize, 0);
    r.read_exact(buf).map_err(|_| "truncated".to_string())?;
    if crc32fast::hash(buf) != crc {
        return Err("checksum mismatch".into());
    }
    Ok(buf)
}

fn write_chunk(w: &mut impl Write, buf: &mut Vec<u8>, value: &impl Serialize) -> std::io::Result<()> {
    buf.clear();
    let bytes = postcard::to_extend(value, std::mem::take(buf)).map_err(std::io::Error::other)?;
    let len = u32::try_from(bytes.len()).map_err(|_| std::io::Error::other("chunk over 4 GiB"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(&crc32fast::hash(&bytes).to_le_bytes())?;
    w.write_all(&bytes)?;
    *buf = bytes;
    Ok(())
}

/// Writes the sources that have a stamp (and a UTF-8 path); returns how many.
fn write_cache(file: &Path, key: u64, sources: &[Source], stamps: &HashMap<PathBuf, Stamp>) -> std::io::Result<usize> {
    let kept: Vec<(&Source, &str, Stamp)> =
        sources.iter().filter_map(|s| Some((s, s.path.to_str()?, *stamps.get(&s.path)?))).collect();
    let mut index: HashMap<TermId, u32> = HashMap::new();
    let mut table: Vec<&str> = Vec::new();
    let mut local = |t: TermId| -> u32 {
        *index.entry(t).or_insert_with(|| {
            table.push(t.text().unwrap_or(""));
            (table.len() - 1) as u32
        })
    };
    let entries: Vec<(Vec<CachedFigure<&CompactFigure>>, Vec<u32>)> = kept
        .iter()
        .map(|(s, _, _)| {
            let figures = s
                .figures
                .iter()
                .map(|f| CachedFigure {
                    figure: &f.figure,
                    terms: f.subject.terms().iter().map(|t| local(t.id()) << 2 | t.weight() as u32).collect(),
                    noun: f.subject.noun().map(&mut local),
                    names: f
                        .subject
                        .names()
                        .iter()
                        .map(|n| local(n.id()) << 3 | (n.role() as u32) << 1 | u32::from(n.first()))
                        .collect(),
                })
                .collect();
            (figures, s.terms.iter().map(|t| local(*t)).collect())
        })
        .collect();
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = tempfile::NamedTempFile::new_in(dir)?;
    let mut w = BufWriter::new(tmp);
    let mut buf = Vec::new();
    w.write_all(MAGIC)?;
    w.write_all(&FORMAT_VERSION.to_le_bytes())?;
    w.write_all(&build_key().to_le_bytes())?;
    write_chunk(&mut w, &mut buf, &Header { key, entries: kept.len() as u64 })?;
    write_chunk(&mut w, &mut buf, &table)?;
    for ((s, path, stamp), (figures, terms)) in kept.iter().zip(entries) {
        let entry = Entry {
            path: *path,
            stamp: *stamp,
            id: s.id.as_str(),
            title: s.title.as_str(),
            date: s.date,
            excerpts: &s.excerpts,
            first_line_end: s.first_line_end,
            warning: s.warning.as_deref(),
            format: s.format,
            places: &s.places,
            figures,
            terms,
        };
        write_chunk(&mut w, &mut buf, &entry)?;
    }
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(kept.len())
}
