//! The `ignore` setting: glob patterns, relative to the workspace root, for
//! files that are neither checked as notes nor read as sources.
//!
//! `*` and `?` stay within one folder, `**` crosses folders, `{a,b}` and
//! `[abc]` work as in a shell; a pattern that matches a folder ignores
//! everything under it (`drafts` and `drafts/**` mean the same).

use crate::workspace::relative_to;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::path::Path;

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
    fn a_bad_pattern_is_named() {
        let err = IgnorePatterns::new(vec!["ok/*".into(), "notes/[a-".into()]).unwrap_err();
        assert!(err.starts_with("ignore pattern \"notes/[a-\": "), "{err}");
    }
}
