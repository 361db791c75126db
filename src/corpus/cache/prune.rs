//! Keeping the cache directory small: after a cache file is written, the
//! other cache files there that no build will read again (an older format,
//! another build), that have not been used for `MAX_AGE`, or that exceed
//! `MAX_FILES` (least recently used first) are removed. "Used" is the
//! file's mtime: a successful load touches it. Only files named like a
//! cache file *and* starting with the cache's magic are ever removed.

use super::{build_key, FILE_PREFIX, FILE_SUFFIX, FORMAT_VERSION, MAGIC};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Cache files unused for longer are removed.
pub const MAX_AGE: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// At most this many cache files stay in the directory, the new one included.
pub const MAX_FILES: usize = 8;

/// What a cache file in the directory is, read from its first bytes.
enum Kind {
    /// Not ours (no magic, not a regular file, unreadable): never touched.
    Foreign,
    /// Ours, but no build will read it again: an older format, or this
    /// format from another build (or too short to say which).
    Stale,
    /// Ours and perhaps still useful (this build's, or a newer format's).
    Live,
}

/// Removes the cache files in `kept`'s directory that are stale, unused
/// for `MAX_AGE`, or beyond `MAX_FILES`; `kept` (just written) stays.
pub fn prune(kept: &Path) {
    let Some(dir) = kept.parent() else { return };
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    let mut live: Vec<(SystemTime, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path == kept || !is_cache_name(&entry.file_name().to_string_lossy()) {
            continue;
        }
        match kind_of(&path) {
            Kind::Foreign => {}
            Kind::Stale => remove(&path, "from another build or format"),
            Kind::Live => {
                let used = std::fs::symlink_metadata(&path).and_then(|m| m.modified()).unwrap_or(now);
                if now.duration_since(used).is_ok_and(|age| age > MAX_AGE) {
                    remove(&path, "unused for 30 days");
                } else {
                    live.push((used, path));
                }
            }
        }
    }
    // most recently used first; the written file takes one place
    live.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    for (_, path) in live.iter().skip(MAX_FILES - 1) {
        remove(path, "least recently used");
    }
}

/// `index-` + 16 lowercase hex digits + `.bin`: the names the cache writes.
fn is_cache_name(name: &str) -> bool {
    name.strip_prefix(FILE_PREFIX)
        .and_then(|rest| rest.strip_suffix(FILE_SUFFIX))
        .is_some_and(|hex| hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

fn kind_of(path: &Path) -> Kind {
    let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    let Some(head) = regular.then(|| read_head(path)).flatten() else { return Kind::Foreign };
    if head.len() < 12 || &head[..8] != MAGIC {
        return Kind::Foreign;
    }
    let version = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
    if version > FORMAT_VERSION {
        return Kind::Live;
    }
    let build = head.get(12..20).map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]));
    if version < FORMAT_VERSION || build != Some(build_key()) {
        return Kind::Stale;
    }
    Kind::Live
}

/// Up to the first 20 bytes of a file: magic, format version, build key.
fn read_head(path: &Path) -> Option<Vec<u8>> {
    let mut head = Vec::with_capacity(20);
    crate::input::open_regular(path).ok()?.take(20).read_to_end(&mut head).ok()?;
    Some(head)
}

fn remove(path: &Path, why: &str) {
    match std::fs::remove_file(path) {
        Ok(()) => tracing::debug!(file = %path.display(), "index cache removed: {why}"),
        // another process may have removed it first
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => tracing::debug!(file = %path.display(), "index cache not removed: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::is_cache_name;

    #[test]
    fn only_the_names_the_cache_writes_are_cache_names() {
        assert!(is_cache_name("index-0123456789abcdef.bin"));
        for other in [
            "index-0123456789ABCDEF.bin",
            "index-0123456789abcde.bin",
            "index-0123456789abcdef0.bin",
            "index-0123456789abcdeg.bin",
            "index-0123456789abcdef.bin.tmp",
            "xindex-0123456789abcdef.bin",
            ".tmpA1b2C3",
            "notes.txt",
        ] {
            assert!(!is_cache_name(other), "{other}");
        }
    }
}
