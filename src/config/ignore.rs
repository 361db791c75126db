//! The `ignore` setting: glob patterns, relative to the workspace root, for
//! files that are neither checked as notes nor read as sources.
//!
//! `*` and `?` stay within one folder, `**` crosses folders, `{a,b}` and
//! `[abc]` work as in a shell; a pattern that matches a folder ignores
//! everything under it (`drafts` and `drafts/**` mean the same).
//!
//! At most [`MAX_PATTERNS`] patterns of at most [`MAX_PATTERN_BYTES`] each:
//! past either the setting is refused with a message saying so (compiling
//! 100,000 globs took 17 s and 1.4 GB).

use crate::workspace::relative_to;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::path::Path;

/// Most patterns one `ignore` setting may hold.
pub const MAX_PATTERNS: usize = 1000;
/// Longest pattern accepted.
pub const MAX_PATTERN_BYTES: usize = 1024;

#[derive(Clone, Debug)]
pub struct IgnorePatterns {
    patterns: Vec<String>,
    set: GlobSet,
}

impl Default for IgnorePatterns {
    fn default() -> Self {
        IgnorePatterns { patterns: Vec::new(), set: GlobSet::empty() }
    }
}

impl PartialEq for IgnorePatterns {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns
    }
}

impl IgnorePatterns {
    /// Compiles the patterns; a bad one is named in the error.
    pub fn new(patterns: Vec<String>) -> Result<IgnorePatterns, String> {
        if patterns.len() > MAX_PATTERNS {
            return Err(format!("ignore: {} patterns is over the limit of {MAX_PATTERNS}", patterns.len()));
        }
        if let Some(p) = patterns.iter().find(|p| p.len() > MAX_PATTERN_BYTES) {
            let start: String = p.chars().take(20).collect();
            return Err(format!(
                "ignore pattern \"{start}…\": {} bytes is over the limit of {MAX_PATTERN_BYTES}",
                p.len()
            ));
        }
        let mut builder = GlobSetBuilder::new();
        for p in &patterns {
            let glob = GlobBuilder::new(p.trim_start_matches("./").trim_end_matches('/'))
                .literal_separator(true)
                .build()
                .map_err(|e| format!("ignore pattern \"{p}\": {}", e.kind()))?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|e| format!("ignore patterns: {e}"))?;
        Ok(IgnorePatterns { patterns, set })
    }

    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The pattern that ignores `path` (absolute, or relative to `root`), if
    /// any. Files outside `root` are never ignored.
    pub fn matching(&self, root: &Path, path: &Path) -> Option<&str> {
        if self.patterns.is_empty() {
            return None;
        }
        let rel = relative_to(root, path)?;
        // the file itself, then each folder above it
        rel.ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .find_map(|a| self.set.matches(a).first().map(|&i| self.patterns[i].as_str()))
    }

    /// Is `path` (absolute, or relative to `root`) ignored?
    pub fn is_ignored(&self, root: &Path, path: &Path) -> bool {
        self.matching(root, path).is_some()
    }
}

impl<'de> Deserialize<'de> for IgnorePatterns {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let patterns = Vec::<String>::deserialize(d)?;
        IgnorePatterns::new(patterns).map_err(serde::de::Error::custom)
    }
}

impl Serialize for IgnorePatterns {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.patterns.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(p: &[&str]) -> IgnorePatterns {
        IgnorePatterns::new(p.iter().map(|s| s.to_string()).collect()).unwrap()
    }

    #[test]
    fn patterns_match_paths_relative_to_the_root() {
        let root = Path::new("/w");
        let ig = set(&["drafts", "*.tmp.md", "sources/**/old-*.txt"]);
        assert_eq!(ig.matching(root, Path::new("/w/drafts/a.md")), Some("drafts"));
        assert_eq!(ig.matching(root, Path::new("drafts/sub/b.md")), Some("drafts"));
        assert_eq!(ig.matching(root, Path::new("/w/x.tmp.md")), Some("*.tmp.md"));
        // `*` stays within one folder
        assert_eq!(ig.matching(root, Path::new("/w/notes/x.tmp.md")), None);
        assert_eq!(ig.matching(root, Path::new("/w/sources/2016/old-a.txt")), Some("sources/**/old-*.txt"));
        assert_eq!(ig.matching(root, Path::new("/w/sources/old-a.txt")), Some("sources/**/old-*.txt"));
        assert_eq!(ig.matching(root, Path::new("/w/sources/new-a.txt")), None);
        assert_eq!(ig.matching(root, Path::new("/w/./notes/../drafts/c.md")), Some("drafts"));
        // outside the root: never ignored
        assert_eq!(ig.matching(root, Path::new("/elsewhere/drafts/a.md")), None);
        assert!(!set(&[]).is_ignored(root, Path::new("/w/a.md")));
    }

    #[test]
    fn too_many_or_too_long_patterns_are_refused_saying_so() {
        let many: Vec<String> = (0..=MAX_PATTERNS).map(|i| format!("drafts/{i}/*.md")).collect();
        let err = IgnorePatterns::new(many.clone()).unwrap_err();
        assert_eq!(err, "ignore: 1001 patterns is over the limit of 1000");
        assert_eq!(set(&many[..MAX_PATTERNS].iter().map(String::as_str).collect::<Vec<_>>()).patterns().len(), 1000);
        let long = format!("drafts/{}", "a".repeat(MAX_PATTERN_BYTES));
        let err = IgnorePatterns::new(vec![long]).unwrap_err();
        assert_eq!(err, "ignore pattern \"drafts/aaaaaaaaaaaaa…\": 1031 bytes is over the limit of 1024");
    }

    #[test]
    fn a_bad_pattern_is_named() {
        let err = IgnorePatterns::new(vec!["ok/*".into(), "notes/[a-".into()]).unwrap_err();
        assert!(err.starts_with("ignore pattern \"notes/[a-\": "), "{err}");
    }
}
