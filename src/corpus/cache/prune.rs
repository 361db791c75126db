//! Keeping the cache directory small: after a cache file is written, the
//! other cache files there that have not been used for `MAX_AGE`, or that
//! exceed `MAX_FILES` (least recently used first), are removed. "Used" is
//! the file's mtime: a successful load touches it. Another build's file, or
//! an older format's, is pruned by the same rules and no sooner: each build
//! has a file of its own (the build is in the name), and a build still in
//! use (the editor's bundled server beside an installed CLI) keeps its file
//! warm by using it. Only files named like a cache file *and* starting with
//! the cache's magic are ever removed; and the temporary files a write left
//! behind when it was killed (`.tmp` and six letters or digits, holding the
//! start of a cache file or nothing), once untouched for `ABANDONED` (a
//! write under way keeps its file fresh).

use super::{FILE_PREFIX, FILE_SUFFIX, MAGIC};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Cache files unused for longer are removed.
pub const MAX_AGE: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// At most this many cache files stay in the directory, the new one included.
pub const MAX_FILES: usize = 8;
/// A write's temporary file untouched for longer was abandoned.
pub const ABANDONED: Duration = Duration::from_secs(10 * 60);

/// Removes the cache files in `kept`'s directory unused for `MAX_AGE` or
/// beyond `MAX_FILES`, whichever build or format wrote them; `kept` (just
/// written) stays.
pub fn prune(kept: &Path) {
    let Some(dir) = kept.parent() else { return };
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    let mut live: Vec<(SystemTime, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_temp_name(&name) {
            remove_if_abandoned(&path, now);
            continue;
        }
        if path == kept || !is_cache_name(&name) {
            continue;
        }
        if !is_ours(&path) {
            continue;
        }
        let used = std::fs::symlink_metadata(&path).and_then(|m| m.modified()).unwrap_or(now);
        if now.duration_since(used).is_ok_and(|age| age > MAX_AGE) {
            remove(&path, "unused for 30 days");
        } else {
            live.push((used, path));
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

/// `.tmp` + 6 letters or digits: the names `tempfile` gives a write's file.
fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(".tmp").is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes the temporary file `path` if it is a cache write's (empty, or
/// starting as a cache file does) and untouched for `ABANDONED`.
fn remove_if_abandoned(path: &Path, now: SystemTime) {
    let Ok(meta) = std::fs::symlink_metadata(path) else { return };
    let old = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).is_some_and(|age| age > ABANDONED);
    if !old || !meta.file_type().is_file() {
        return;
    }
    let Some(head) = read_head(path) else { return };
    let n = head.len().min(MAGIC.len());
    if head[..n] == MAGIC[..n] {
        remove(path, "left by an interrupted write");
    }
}

/// A regular file starting with the cache's magic (and its format version):
/// a cache file of some build's, of any format.
fn is_ours(path: &Path) -> bool {
    let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    let head = regular.then(|| read_head(path)).flatten();
    head.is_some_and(|head| head.len() >= 12 && &head[..8] == MAGIC)
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
    use super::*;

    #[test]
    fn temporary_files_a_killed_write_left_are_removed_once_abandoned() {
        let dir = tempfile::tempdir().expect("tmp");
        let kept = dir.path().join("index-0123456789abcdef.bin");
        std::fs::write(&kept, MAGIC).expect("write");
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let file = |name: &str, bytes: &[u8], modified: SystemTime| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).expect("write");
            std::fs::File::options().write(true).open(&path).and_then(|f| f.set_modified(modified)).expect("mtime");
            path
        };
        let mut partial = MAGIC.to_vec();
        partial.extend([0u8; 100]);
        let abandoned = file(".tmpA1b2C3", &partial, hour_ago);
        let empty = file(".tmpZZ99zz", b"", hour_ago);
        let writing = file(".tmpQ7w8E9", &partial, SystemTime::now());
        let foreign = file(".tmpNotOur", b"someone else's", hour_ago);
        let longer = file(".tmpA1b2C3d", &partial, hour_ago);
        prune(&kept);
        assert!(!abandoned.exists() && !empty.exists());
        assert!(writing.exists() && foreign.exists() && longer.exists() && kept.exists());
    }

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
