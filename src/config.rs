//! Configuration: `sourcecheck.toml` at the workspace root; the LSP client's
//! initializationOptions and `workspace/configuration` use the same keys.

use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "sourcecheck.toml";

/// Severity names accepted for each verdict.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Information,
    Hint,
    Off,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Severity {
    pub contradicted: Level,
    pub unsourced: Level,
    pub supported: Level,
    pub citation: Level,
}

impl Default for Severity {
    fn default() -> Self {
        Severity {
            contradicted: Level::Warning,
            unsourced: Level::Information,
            supported: Level::Hint,
            citation: Level::Error,
        }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq, Default)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Config {
    /// Source folders, relative to the workspace root. Default: seeds/ and sources/.
    pub sources: Option<Vec<PathBuf>>,
    /// Extra synonym groups: [["kids", "children"], ...].
    pub synonyms: Vec<Vec<String>>,
    /// Largest half-width of a bare round number's interval, relative to it (default 0.10).
    #[serde(alias = "round_tolerance")]
    pub round_tolerance: Option<f64>,
    pub severity: Severity,
    #[serde(alias = "inlay_hints")]
    pub inlay_hints: bool,
}

impl Config {
    /// Reads `sourcecheck.toml` under `root`; a missing file is the default.
    pub fn load(root: &Path) -> Result<Config, String> {
        let path = root.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
        }
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The source folders, resolved against `root`.
    pub fn source_folders(&self, root: &Path) -> Vec<PathBuf> {
        match &self.sources {
            Some(list) => list.iter().map(|p| if p.is_absolute() { p.clone() } else { root.join(p) }).collect(),
            None => {
                let defaults: Vec<PathBuf> = ["seeds", "sources"].iter().map(|d| root.join(d)).collect();
                let present: Vec<PathBuf> = defaults.iter().filter(|p| p.is_dir()).cloned().collect();
                if present.is_empty() {
                    defaults[..1].to_vec()
                } else {
                    present
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key_and_rejects_unknown_ones() {
        let c = Config::parse("sources = [\"articles\"]\nsynonyms = [[\"kids\", \"children\"]]\nround_tolerance = 0.05\ninlay_hints = true\n[severity]\nsupported = \"off\"\n").unwrap();
        assert_eq!(c.sources, Some(vec![PathBuf::from("articles")]));
        assert_eq!(c.round_tolerance, Some(0.05));
        assert_eq!(c.severity.supported, Level::Off);
        assert_eq!(c.severity.contradicted, Level::Warning);
        assert!(c.inlay_hints);
        let err = Config::parse("sorces = []").unwrap_err();
        assert!(err.contains("sorces"), "{err}");
    }
}
