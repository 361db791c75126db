//! The workspace folders as the server holds them: each a [`Root`] with its
//! own `sourcecheck.toml` (the client's options on top), settings, source
//! folders and corpus. A note belongs to the innermost folder holding it and
//! is read with that folder's configuration and judged against its sources;
//! folders that read the same sources the same way share one corpus.

use super::state::{read, State};
use crate::config::Config;
use crate::corpus::Corpus;
use crate::workspace::Settings;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// One workspace folder.
#[derive(Clone)]
pub struct Root {
    /// The folder (the working directory when the client named none).
    pub path: PathBuf,
    pub config: Config,
    pub settings: Settings,
    /// Its source folders, resolved against `path`.
    pub folders: Vec<PathBuf>,
    /// Its sources; shared with every root of the same [`IndexKey`].
    pub corpus: Arc<RwLock<Corpus>>,
}

/// What decides which sources a root reads and how: two roots with equal
/// keys read the same corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexKey {
    folders: Vec<PathBuf>,
    synonyms: Vec<Vec<String>>,
    round_tolerance: Option<f64>,
    /// The ignore patterns, with the folder they are relative to (none when there are none).
    ignore: Option<(PathBuf, Vec<String>)>,
}

impl IndexKey {
    pub fn of(path: &Path, config: &Config, folders: &[PathBuf]) -> IndexKey {
        let mut folders: Vec<PathBuf> = folders.iter().map(|f| canonical(f)).collect();
        folders.sort();
        folders.dedup();
        let patterns = config.ignore.patterns().to_vec();
        IndexKey {
            folders,
            synonyms: config.synonyms.clone(),
            round_tolerance: config.round_tolerance,
            ignore: (!patterns.is_empty()).then(|| (canonical(path), patterns)),
        }
    }
}

impl Root {
    pub fn key(&self) -> IndexKey {
        IndexKey::of(&self.path, &self.config, &self.folders)
    }

    /// Is `path` inside one of this root's source folders, links followed
    /// (a link in a source folder leading out of it is not)?
    pub fn holds_source(&self, path: &Path) -> bool {
        let canon = canonical(path);
        self.folders.iter().any(|f| canon.starts_with(canonical(f)))
    }

    /// Is `path` its `sourcecheck.toml`?
    pub fn is_config_file(&self, path: &Path) -> bool {
        path.file_name().is_some_and(|n| n == crate::config::FILE_NAME)
            && path.parent().is_some_and(|d| same_dir(d, &self.path))
    }
}

/// The folder a note at `path` belongs to: the innermost root holding it,
/// else the first (a note outside every folder, or one not on disk).
pub fn root_for<'a>(roots: &'a [Root], path: Option<&Path>) -> Option<&'a Root> {
    let inner = path.and_then(|p| {
        let canon = canonical(p);
        roots
            .iter()
            .filter(|r| canon.starts_with(canonical(&r.path)) || p.starts_with(&r.path))
            .max_by_key(|r| r.path.components().count())
    });
    inner.or(roots.first())
}

/// One root per corpus: the roots that read their own sources (the first
/// of those sharing a corpus).
pub fn distinct_corpora(roots: &[Root]) -> Vec<Root> {
    let mut out: Vec<Root> = Vec::new();
    for r in roots {
        if !out.iter().any(|o| Arc::ptr_eq(&o.corpus, &r.corpus)) {
            out.push(r.clone());
        }
    }
    out
}

impl State {
    /// Every workspace folder, in the client's order.
    pub fn roots(&self) -> Vec<Root> {
        read(&self.workspace).roots.clone()
    }

    /// The folder the note at `path` belongs to.
    pub fn root_of(&self, path: Option<&Path>) -> Root {
        let ws = read(&self.workspace);
        match root_for(&ws.roots, path) {
            Some(r) => r.clone(),
            None => Root::unconfigured(),
        }
    }

    /// The root whose corpus holds the source at `path`, with that source.
    pub fn source_root(&self, path: &Path) -> Option<(Root, Arc<crate::corpus::Source>)> {
        self.roots().into_iter().find_map(|r| {
            let src = read(&r.corpus).by_path(path).cloned()?;
            Some((r, src))
        })
    }
}

impl Root {
    /// The working directory, default settings, no sources: what the server
    /// holds before `initialize`.
    pub fn unconfigured() -> Root {
        let config = Config::default();
        Root {
            path: PathBuf::from("."),
            settings: Settings::from_config(&config),
            folders: Vec::new(),
            config,
            corpus: Arc::new(RwLock::new(Corpus::new())),
        }
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

pub fn same_dir(a: &Path, b: &Path) -> bool {
    a == b || std::fs::canonicalize(a).ok().zip(std::fs::canonicalize(b).ok()).is_some_and(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(path: &str, sources: &str) -> Root {
        let config = Config::parse(&format!("sources = [\"{sources}\"]\n")).expect("config");
        let folders = config.source_folders(Path::new(path));
        Root {
            path: PathBuf::from(path),
            settings: Settings::from_config(&config),
            folders,
            config,
            ..Root::unconfigured()
        }
    }

    #[test]
    fn a_note_belongs_to_its_innermost_folder_else_the_first() {
        let roots = [root("/w/a", "src"), root("/w/b", "src"), root("/w/b/inner", "src")];
        let of = |p: &str| root_for(&roots, Some(Path::new(p))).map(|r| r.path.display().to_string());
        assert_eq!(of("/w/a/x/note.md").as_deref(), Some("/w/a"));
        assert_eq!(of("/w/b/note.md").as_deref(), Some("/w/b"));
        assert_eq!(of("/w/b/inner/note.md").as_deref(), Some("/w/b/inner"));
        assert_eq!(of("/elsewhere/note.md").as_deref(), Some("/w/a"));
        assert_eq!(root_for(&roots, None).map(|r| r.path.clone()), Some(PathBuf::from("/w/a")));
        assert!(root_for(&[], None).is_none());
    }

    #[test]
    fn roots_reading_the_same_sources_the_same_way_have_one_key() {
        let (a, c) = (root("/w/a", "/w/shared"), root("/w/c", "own"));
        assert_eq!(a.folders, [PathBuf::from("/w/shared")]);
        assert_ne!(a.key(), c.key());
        let mut d = a.clone();
        d.config.synonyms = vec![vec!["kids".into(), "children".into()]];
        assert_ne!(a.key(), d.key(), "other synonyms index the sources otherwise");
        let e = Root { path: PathBuf::from("/w/e"), ..a.clone() };
        assert_eq!(a.key(), e.key(), "no ignore patterns: the folder does not matter");
    }
}
