//! Configuration: `sourcecheck.toml` at the workspace root; the LSP client's
//! initializationOptions and `workspace/configuration` use the same keys.

mod ignore;

pub use ignore::IgnorePatterns;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "sourcecheck.toml";

/// Severity names accepted for each verdict.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    #[serde(alias = "info")]
    Information,
    Hint,
    Off,
}

impl Level {
    /// Is this level `floor` or more severe? Nothing reaches `Off` (a
    /// `fail_on = "off"` never fails), and `Off` reaches nothing.
    pub fn at_least(self, floor: Level) -> bool {
        let rank = |l: Level| match l {
            Level::Error => 4,
            Level::Warning => 3,
            Level::Information => 2,
            Level::Hint => 1,
            Level::Off => 0,
        };
        rank(self) > 0 && rank(floor) > 0 && rank(self) >= rank(floor)
    }

    /// The name as the configuration spells it.
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Information => "information",
            Level::Hint => "hint",
            Level::Off => "off",
        }
    }
}

/// What a diagnostic reports: a verdict on a figure or a citation problem.
/// The same codes in LSP diagnostics and SARIF rule ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    Contradicted,
    Unsourced,
    Supported,
    /// A citation key that names no source.
    UnknownCitation,
    /// A figure whose cited source does not give it.
    CitationMismatch,
    /// A figure another note states otherwise (same measure, same time).
    Inconsistent,
}

impl Code {
    pub const ALL: [Code; 6] = [
        Code::Contradicted,
        Code::Unsourced,
        Code::Supported,
        Code::UnknownCitation,
        Code::CitationMismatch,
        Code::Inconsistent,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Code::Contradicted => "contradicted",
            Code::Unsourced => "unsourced",
            Code::Supported => "supported",
            Code::UnknownCitation => "unknown-citation",
            Code::CitationMismatch => "citation-mismatch",
            Code::Inconsistent => "inconsistent",
        }
    }

    /// A verdict on a figure, not a citation problem.
    pub fn is_verdict(self) -> bool {
        matches!(self, Code::Contradicted | Code::Unsourced | Code::Supported)
    }

    pub fn of_verdict(v: crate::verdict::Verdict) -> Code {
        match v {
            crate::verdict::Verdict::Contradicted => Code::Contradicted,
            crate::verdict::Verdict::Unsourced => Code::Unsourced,
            crate::verdict::Verdict::Supported => Code::Supported,
        }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Severity {
    pub contradicted: Level,
    pub unsourced: Level,
    pub supported: Level,
    pub citation: Level,
}

impl Severity {
    /// The configured level of a diagnostic code: unknown citations follow
    /// `citation`, citation mismatches and inconsistencies between notes
    /// follow `contradicted`.
    pub fn of(&self, code: Code) -> Level {
        match Severity::key_of(code) {
            "contradicted" => self.contradicted,
            "unsourced" => self.unsourced,
            "supported" => self.supported,
            _ => self.citation,
        }
    }

    /// The `severity` key that sets a code's level (what the editors'
    /// documentation names beside each code).
    pub fn key_of(code: Code) -> &'static str {
        match code {
            Code::Contradicted | Code::CitationMismatch | Code::Inconsistent => "contradicted",
            Code::Unsourced => "unsourced",
            Code::Supported => "supported",
            Code::UnknownCitation => "citation",
        }
    }
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
    /// Files neither checked nor read as sources: globs relative to the root.
    pub ignore: IgnorePatterns,
    /// The level from which a reported finding makes `check` exit 1
    /// (default warning; see `fail_level`).
    #[serde(alias = "fail_on")]
    pub fail_on: Option<Level>,
}

/// Largest `sourcecheck.toml` read (a real one is a few hundred bytes).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

impl Config {
    /// Reads `sourcecheck.toml` under `root` (a regular file of at most
    /// [`MAX_CONFIG_BYTES`]); a missing file is the default.
    pub fn load(root: &Path) -> Result<Config, String> {
        let path = root.join(FILE_NAME);
        match crate::input::read_bytes(&path, MAX_CONFIG_BYTES) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| {
                    format!(
                        "{}: not valid UTF-8 (first bad byte at offset {})",
                        path.display(),
                        e.utf8_error().valid_up_to()
                    )
                })?;
                Config::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
            }
            Err(crate::input::InputError::Io { error, .. }) if error.kind() == std::io::ErrorKind::NotFound => {
                Ok(Config::default())
            }
            Err(e) => Err(e.to_string()),
        }
    }

    /// Parses the text of a `sourcecheck.toml`; unknown keys and bad values
    /// are errors naming them.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
        config.validate()?;
        Ok(config)
    }

    /// Checks what the types alone cannot.
    pub fn validate(&self) -> Result<(), String> {
        match self.round_tolerance {
            Some(t) if !(0.0..=1.0).contains(&t) => {
                Err(format!("round_tolerance must be between 0 and 1 (a share of the number), not {t}"))
            }
            _ => Ok(()),
        }
    }

    /// The level from which a reported finding fails `check` (exit status
    /// 1): `fail_on`, by default `warning` — so a contradiction, a citation
    /// mismatch and an unknown citation fail at their default levels, an
    /// unsourced or supported figure does not.
    pub fn fail_level(&self) -> Level {
        self.fail_on.unwrap_or(Level::Warning)
    }

    /// Is `path` (absolute, or relative to `root`) ignored by `ignore`?
    pub fn is_ignored(&self, root: &Path, path: &Path) -> bool {
        self.ignore.is_ignored(root, path)
    }

    /// The source folders, resolved against `root` (`..` by name: a
    /// folder's `../shared` is the `shared` beside it).
    pub fn source_folders(&self, root: &Path) -> Vec<PathBuf> {
        match &self.sources {
            Some(list) => list.iter().map(|p| crate::workspace::normalise(&root.join(p))).collect(),
            None => {
                let defaults: Vec<PathBuf> = ["seeds", "sources"].iter().map(|d| root.join(d)).collect();
                let present: Vec<PathBuf> = defaults.iter().filter(|p| p.is_dir()).cloned().collect();
                // neither there: both are named as searched
                if present.is_empty() {
                    defaults
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
    fn fail_on_is_a_level_and_warning_by_default() {
        assert_eq!(Config::default().fail_level(), Level::Warning);
        assert_eq!(Config::parse("fail_on = \"error\"\n").unwrap().fail_level(), Level::Error);
        assert_eq!(Config::parse("failOn = \"off\"\n").unwrap().fail_level(), Level::Off);
        assert!(Config::parse("fail_on = \"loud\"\n").is_err());
        assert!(Level::Error.at_least(Level::Warning) && Level::Warning.at_least(Level::Warning));
        assert!(!Level::Information.at_least(Level::Warning) && !Level::Error.at_least(Level::Off));
        assert!(!Level::Off.at_least(Level::Hint));
    }

    #[test]
    fn parses_every_key_and_rejects_unknown_ones() {
        let c = Config::parse("sources = [\"articles\"]\nsynonyms = [[\"kids\", \"children\"]]\nround_tolerance = 0.05\ninlay_hints = true\n[severity]\nsupported = \"off\"\n").unwrap();
        assert_eq!(c.sources, Some(vec![PathBuf::from("articles")]));
        assert_eq!(c.round_tolerance, Some(0.05));
        assert_eq!(c.severity.supported, Level::Off);
        assert_eq!(c.severity.contradicted, Level::Warning);
        assert!(c.inlay_hints);
        let err = Config::parse("sorces = []").unwrap_err();
        assert!(err.contains("unknown field `sorces`"), "{err}");
        let err = Config::parse("[severity]\ncontradicte = \"off\"\n").unwrap_err();
        assert!(err.contains("unknown field `contradicte`"), "{err}");
    }

    #[test]
    fn ignore_patterns_and_bad_values_are_checked_when_read() {
        let c = Config::parse("ignore = [\"drafts\", \"**/*.bak.md\"]\n").unwrap();
        assert_eq!(c.ignore.patterns(), ["drafts", "**/*.bak.md"]);
        assert!(c.is_ignored(Path::new("/w"), Path::new("/w/a/b.bak.md")));
        assert!(!c.is_ignored(Path::new("/w"), Path::new("/w/a/b.md")));
        let err = Config::parse("ignore = [\"[z-\"]\n").unwrap_err();
        assert!(err.contains("ignore pattern \"[z-\""), "{err}");
        let err = Config::parse("round_tolerance = 3\n").unwrap_err();
        assert!(err.contains("round_tolerance must be between 0 and 1"), "{err}");
    }

    #[test]
    fn a_file_error_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "inlay_hint = true\n").unwrap();
        let err = Config::load(dir.path()).unwrap_err();
        assert!(err.starts_with(&format!("{}: ", dir.path().join(FILE_NAME).display())), "{err}");
        assert!(err.contains("unknown field `inlay_hint`"), "{err}");
    }

    #[test]
    fn each_code_has_its_level() {
        let s = Severity { citation: Level::Off, ..Severity::default() };
        assert_eq!(s.of(Code::CitationMismatch), Level::Warning);
        assert_eq!(s.of(Code::UnknownCitation), Level::Off);
        assert_eq!(s.of(Code::Supported), Level::Hint);
        assert_eq!(Config::parse("[severity]\nunsourced = \"info\"\n").unwrap().severity.unsourced, Level::Information);
    }
}
