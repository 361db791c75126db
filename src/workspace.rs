//! A workspace: its root, configuration, matching settings and the corpus
//! read from its source folders. What the CLI and the server both hold.

use crate::config::Config;
use crate::corpus::{self, Corpus, LoadReport, Source};
use crate::figures::conventions::Conventions;
use crate::subject::Synonyms;
use crate::verdict::MatchParams;
use std::path::{Component, Path, PathBuf};

/// Everything that decides how text is read and judged.
#[derive(Clone, Debug)]
pub struct Settings {
    pub conventions: Conventions,
    pub synonyms: Synonyms,
    pub params: MatchParams,
}

impl Settings {
    pub fn from_config(config: &Config) -> Settings {
        let mut conventions = Conventions::default();
        // out-of-range values are refused when the configuration is read
        if let Some(t) = config.round_tolerance.filter(|t| (0.0..=1.0).contains(t)) {
            conventions.round_tolerance = t;
        }
        Settings { conventions, synonyms: Synonyms::with_extra(&config.synonyms), params: MatchParams::default() }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_config(&Config::default())
    }
}

pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
    pub settings: Settings,
    pub folders: Vec<PathBuf>,
    pub corpus: Corpus,
}

impl Workspace {
    /// Reads the configuration under `root` and every source; `folders`
    /// overrides the configured source folders when not empty.
    pub fn load(root: &Path, folders: &[PathBuf]) -> Result<(Workspace, LoadReport), String> {
        let config = Config::load(root)?;
        let folders = if folders.is_empty() { config.source_folders(root) } else { folders.to_vec() };
        let settings = Settings::from_config(&config);
        let (sources, report) = load_sources(root, &config, &folders, &settings);
        let corpus = Corpus::from_sources(sources);
        Ok((Workspace { root: root.to_path_buf(), config, settings, folders, corpus }, report))
    }

    /// Is `path` (absolute, or relative to the root) ignored by the
    /// configuration's `ignore` patterns?
    pub fn is_ignored(&self, path: &Path) -> bool {
        self.config.is_ignored(&self.root, path)
    }
}

/// Reads every source under `folders` except the files `config` ignores
/// (its `ignore` globs, relative to `root`). The CLI and the server both
/// load a corpus through this.
pub fn load_sources(
    root: &Path,
    config: &Config,
    folders: &[PathBuf],
    settings: &Settings,
) -> (Vec<Source>, LoadReport) {
    corpus::load_folders_except(
        folders,
        &|p: &Path| config.is_ignored(root, p),
        &settings.synonyms,
        &settings.conventions,
    )
}

/// `path` relative to `root`, with `.` and `..` resolved by name; `None`
/// when it lies outside.
pub fn relative_to(root: &Path, path: &Path) -> Option<PathBuf> {
    let joined = if path.is_absolute() { path.to_path_buf() } else { root.join(path) };
    let (abs, root) = (normalise(&joined), normalise(root));
    if let Ok(rel) = abs.strip_prefix(&root) {
        return Some(rel.to_path_buf());
    }
    // symlinked roots (/tmp → /private/tmp): compare real paths
    let (real, real_root) = (std::fs::canonicalize(&abs).ok()?, std::fs::canonicalize(&root).ok()?);
    real.strip_prefix(real_root).ok().map(Path::to_path_buf)
}

/// `path` with `.` and `..` resolved by name (`/w/a/../shared` is `/w/shared`).
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            // a leading `..` of a relative path stays (`/..` is `/`)
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_are_resolved_by_name_and_a_leading_parent_stays() {
        let n = |p: &str| normalise(Path::new(p)).display().to_string();
        assert_eq!(n("/w/a/../shared"), "/w/shared");
        assert_eq!(n("/w/./a/b/../../c"), "/w/c");
        assert_eq!(n("./../shared"), "../shared");
        assert_eq!(n("../../x/../y"), "../../y");
        assert_eq!(n("/../x"), "/x");
        assert_eq!(n("./seeds"), "seeds");
    }
}
