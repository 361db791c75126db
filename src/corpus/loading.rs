//! Finding and reading source files: every .txt/.md under the source
//! folders, read and indexed in parallel; unreadable, binary and oversized
//! files are reported and skipped.

use super::cache::{CacheOptions, IndexCache};
use super::source::Source;
use crate::figures::conventions::Conventions;
use crate::input;
use crate::subject::Synonyms;
use rayon::prelude::*;
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
}

const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

/// Every source file under `folders` (recursively, hidden entries skipped,
/// symlink loops cut), sorted. Missing folders are reported.
pub fn discover(folders: &[PathBuf], report: &mut LoadReport) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for folder in folders {
        if !folder.is_dir() {
            report.problems.push(format!("{}: source folder not found", folder.display()));
            continue;
        }
        let mut seen = std::collections::HashSet::new();
        walk(folder, &mut out, &mut seen, report, 0);
    }
    out.sort();
    out.dedup();
    out
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    seen: &mut std::collections::HashSet<PathBuf>,
    report: &mut LoadReport,
    depth: usize,
) {
    let Ok(real) = std::fs::canonicalize(dir) else { return };
    if depth > 32 || !seen.insert(real) {
        return; // a symlink loop or absurd depth
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            report.problems.push(format!("{}: cannot read folder: {e}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out, seen, report, depth + 1);
        } else if is_source_file(&path) {
            out.push(path);
        }
    }
}

/// Does the path name a file the corpus reads?
pub fn is_source_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads one source file.
pub fn load_file(path: &Path, synonyms: &Synonyms, conv: &Conventions) -> Result<Source, String> {
    let file = input::read_text(path).map_err(|e| e.to_string())?;
    let mut s = Source::from_text(path, file.text, synonyms, conv);
    s.warning = file.warning;
    Ok(s)
}

/// Reads every source under `folders` in parallel, through the index cache
/// the environment configures (`cache::CacheOptions::from_env`).
pub fn load_folders(folders: &[PathBuf], synonyms: &Synonyms, conv: &Conventions) -> (Vec<Source>, LoadReport) {
    load_folders_cached(folders, synonyms, conv, &CacheOptions::from_env())
}

/// `load_folders` with the given index cache: unchanged files come from
/// it, the rest are read, and the cache is written back if anything changed.
pub fn load_folders_cached(
    folders: &[PathBuf],
    synonyms: &Synonyms,
    conv: &Conventions,
    cache: &CacheOptions,
) -> (Vec<Source>, LoadReport) {
    let mut report = LoadReport::default();
    let paths = discover(folders, &mut report);
    let cache = IndexCache::open(cache, folders, synonyms, conv, paths.len());
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
