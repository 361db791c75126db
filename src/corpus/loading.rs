//! Finding and reading source files: every file of a format the corpus
//! reads (`formats::EXTENSIONS`) under the source folders, read by its
//! format's reader and indexed in parallel; unreadable, binary, oversized
//! and unparsable files, and symlinks leading out of the source folders,
//! are reported and skipped.

use super::cache::{CacheOptions, IndexCache};
use super::source::Source;
use crate::figures::conventions::Conventions;
use crate::input;
use crate::subject::Synonyms;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What loading found besides the sources.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// One line per folder or file that could not be used, naming it.
    pub problems: Vec<String>,
    /// Warnings about files that were used (invalid UTF-8).
    pub warnings: Vec<String>,
    /// How many sources came from the index cache unchanged.
    pub from_cache: usize,
    /// Files in the source folders that are not read: not a supported format.
    pub not_read: Vec<PathBuf>,
}

pub use super::formats::EXTENSIONS;
use super::formats::{self, SourceFormat};

/// Folders deeper than this under a source folder are not read.
const MAX_DEPTH: usize = 32;

/// Every source file under `folders` (recursively, hidden entries skipped,
/// symlink loops cut), sorted. Missing folders are reported, and so are
/// symlinks leading outside every source folder: they are never read.
pub fn discover(folders: &[PathBuf], report: &mut LoadReport) -> Vec<PathBuf> {
    let mut present = Vec::new();
    for folder in folders {
        if folder.is_dir() {
            present.push(folder.as_path());
        } else {
            report.problems.push(format!("{}: source folder not found", folder.display()));
        }
    }
    walk(folders, &present, report)
}

/// Every source file under `dir`, a folder inside the source `folders`,
/// found as `discover` finds them (symlinks out of the folders reported).
pub fn discover_under(folders: &[PathBuf], dir: &Path, report: &mut LoadReport) -> Vec<PathBuf> {
    walk(folders, &[dir], report)
}

/// The source files under `dirs`, sorted, each walked as a whole.
fn walk(folders: &[PathBuf], dirs: &[&Path], report: &mut LoadReport) -> Vec<PathBuf> {
    let roots: Vec<PathBuf> = folders.iter().filter_map(|f| std::fs::canonicalize(f).ok()).collect();
    let mut out = Vec::new();
    for dir in dirs {
        let mut walk = Walk { roots: &roots, out: &mut out, seen: HashSet::new(), report };
        walk.dir(dir, 0);
    }
    out.sort();
    out.dedup();
    report.not_read.sort();
    report.not_read.dedup();
    out
}

/// Is the real path `real` inside one of the (canonical) source folders?
fn within_folders(real: &Path, roots: &[PathBuf]) -> bool {
    roots.iter().any(|r| real.starts_with(r))
}

/// One discovery pass: folders already visited (by real path) and where
/// files and problems go.
struct Walk<'a> {
    roots: &'a [PathBuf],
    out: &'a mut Vec<PathBuf>,
    seen: HashSet<PathBuf>,
    report: &'a mut LoadReport,
}

impl Walk<'_> {
    /// The real path of `path` if it stays inside the source folders;
    /// otherwise the problem is reported.
    fn contained(&mut self, path: &Path) -> Option<PathBuf> {
        match std::fs::canonicalize(path) {
            Ok(real) if within_folders(&real, self.roots) => Some(real),
            Ok(_) => {
                let msg = format!("{}: links outside the source folders, skipped", path.display());
                self.report.problems.push(msg);
                None
            }
            Err(e) => {
                self.report.problems.push(format!("{}: cannot read: {e}", path.display()));
                None
            }
        }
    }

    fn dir(&mut self, dir: &Path, depth: usize) {
        let Some(real) = self.contained(dir) else { return };
        if depth > MAX_DEPTH || !self.seen.insert(real) {
            return; // a symlink loop or absurd depth
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.report.problems.push(format!("{}: cannot read folder: {e}", dir.display()));
                return;
            }
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            // the entry's own type comes with the listing: no stat, and only
            // symlinks need resolving (a plain file here is inside the folders)
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() || (kind.is_symlink() && path.is_dir()) {
                self.dir(&path, depth + 1);
            } else if !kind.is_symlink() || self.contained(&path).is_some() {
                if is_source_file(&path) {
                    self.out.push(path);
                } else {
                    self.report.not_read.push(path);
                }
            }
        }
    }
}

/// Does the path name a file the corpus reads?
pub fn is_source_file(path: &Path) -> bool {
    SourceFormat::of_path(path).is_some()
}

/// Why a file is not read as a source, when it is not: its format.
pub fn not_read_reason(path: &Path) -> Option<String> {
    if is_source_file(path) {
        return None;
    }
    let format =
        path.extension().map_or("a file with no extension".to_string(), |e| format!(".{}", e.to_string_lossy()));
    Some(format!("not read: {format} is not a supported format (sources are .{})", EXTENSIONS.join(", .")))
}

/// Reads one source file by its format's reader; a file of a format the
/// corpus does not read is refused, not read as raw text, and one that
/// fails to parse is named with the reason.
pub fn load_file(path: &Path, synonyms: &Synonyms, conv: &Conventions) -> Result<Source, String> {
    let (format, doc) = read_document(path)?;
    Ok(Source::from_document(path, format, doc, synonyms, conv))
}

/// The document a source file holds, read by its format's reader (what
/// `load_file` indexes; hover reads a cited source's opening from it).
pub fn read_document(path: &Path) -> Result<(SourceFormat, formats::Document), String> {
    let Some(format) = SourceFormat::of_path(path) else {
        let why = not_read_reason(path).unwrap_or_default();
        return Err(format!("{}: {why}", path.display()));
    };
    let bytes = input::read_bytes(path, format.max_bytes()).map_err(|e| e.to_string())?;
    let name = path.display().to_string();
    let doc = formats::read(format, &name, bytes).map_err(|why| match format.is_binary() {
        true => format!("{name}: not read as {}: {why}", format.name()),
        false => why,
    })?;
    Ok((format, doc))
}

/// Reads every source under `folders` in parallel, through the index cache
/// the environment configures (`cache::CacheOptions::from_env`).
pub fn load_folders(folders: &[PathBuf], synonyms: &Synonyms, conv: &Conventions) -> (Vec<Source>, LoadReport) {
    load_folders_except(folders, &|_: &Path| false, synonyms, conv)
}

/// Reads every source under `folders` in parallel, leaving out the files
/// `skip` names (the workspace's ignore patterns), through the index cache
/// the environment configures.
pub fn load_folders_except(
    folders: &[PathBuf],
    skip: &(dyn Fn(&Path) -> bool + Sync),
    synonyms: &Synonyms,
    conv: &Conventions,
) -> (Vec<Source>, LoadReport) {
    load_folders_with(folders, skip, synonyms, conv, &CacheOptions::from_env())
}

/// `load_folders` with the given index cache: unchanged files come from
/// it, the rest are read, and the cache is written back if anything changed.
pub fn load_folders_cached(
    folders: &[PathBuf],
    synonyms: &Synonyms,
    conv: &Conventions,
    cache: &CacheOptions,
) -> (Vec<Source>, LoadReport) {
    load_folders_with(folders, &|_: &Path| false, synonyms, conv, cache)
}

fn load_folders_with(
    folders: &[PathBuf],
    skip: &(dyn Fn(&Path) -> bool + Sync),
    synonyms: &Synonyms,
    conv: &Conventions,
    cache: &CacheOptions,
) -> (Vec<Source>, LoadReport) {
    let mut report = LoadReport::default();
    // reading the cache (one file, decoded in order) while the folders are walked
    let (mut paths, read) =
        rayon::join(|| discover(folders, &mut report), || IndexCache::read(cache, folders, synonyms, conv));
    paths.retain(|p| !skip(p));
    let cache = read.for_sources(cache, paths.len());
    let results: Vec<Result<Source, String>> =
        paths.par_iter().map(|p| cache.lookup(p).map_or_else(|| load_file(p, synonyms, conv), Ok)).collect();
    let mut sources = Vec::new();
    for r in results {
        match r {
            Ok(s) => {
                if let Some(w) = &s.warning {
                    report.warnings.push(w.clone());
                }
                sources.push(s);
            }
            Err(e) => report.problems.push(e),
        }
    }
    cache.store(&sources);
    report.from_cache = cache.hits();
    (sources, report)
}
