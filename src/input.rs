//! Reading a file the way every command does: only regular files (after
//! links are resolved; a FIFO, a device or a socket is refused without
//! being waited on), never more bytes than the limit whatever size the file
//! reports, binary files refused, invalid UTF-8 decoded lossily with a
//! warning. Every file the program reads goes through [`open_regular`].

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused: a note or article is far smaller, and
/// a bigger file is a data dump or an archive by mistake in a source folder.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// How much of a file's start is inspected to tell text from binary.
const SNIFF_BYTES: usize = 8192;

/// A file read as text, with a warning when it was not clean UTF-8.
#[derive(Debug)]
pub struct TextFile {
    pub text: String,
    pub warning: Option<String>,
}

/// Why a file could not be read as text; `Display` names the file.
#[derive(Debug)]
pub enum InputError {
    Io {
        path: String,
        error: std::io::Error,
    },
    Binary {
        path: String,
        reason: &'static str,
    },
    /// Over `limit` bytes: `bytes` as the file reports it, or as read.
    TooLarge {
        path: String,
        bytes: u64,
        limit: u64,
    },
    /// Not a regular file: what it is instead.
    NotRegular {
        path: String,
        kind: &'static str,
    },
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Io { path, error } => write!(f, "{path}: cannot read: {error}"),
            InputError::Binary { path, reason } => write!(f, "{path}: binary file ({reason}), skipped"),
            InputError::TooLarge { path, bytes, limit } => {
                write!(f, "{path}: {bytes} bytes is over the {} limit, skipped", size(*limit))
            }
            InputError::NotRegular { path, kind } => write!(f, "{path}: not a regular file ({kind}), skipped"),
        }
    }
}

impl std::error::Error for InputError {}

/// A limit in words: "16 MiB", "64 KiB".
fn size(limit: u64) -> String {
    match limit {
        l if l >= 1 << 20 && l % (1 << 20) == 0 => format!("{} MiB", l >> 20),
        l if l >= 1 << 10 && l % (1 << 10) == 0 => format!("{} KiB", l >> 10),
        l => format!("{l}-byte"),
    }
}

/// What a file that is not a regular one is.
fn kind_of(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a plain file"
    }
}

/// Opens `path` (links followed) if it is a regular file. Opening never
/// waits (a FIFO with no writer would block an ordinary open), and the type
/// is that of the file opened, not of a name that may since have changed.
pub fn open_regular(path: &Path) -> Result<File, InputError> {
    use std::os::unix::fs::OpenOptionsExt;
    let name = || path.display().to_string();
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|error| InputError::Io { path: name(), error })?;
    let meta = file.metadata().map_err(|error| InputError::Io { path: name(), error })?;
    if !meta.file_type().is_file() {
        return Err(InputError::NotRegular { path: name(), kind: kind_of(meta.file_type()) });
    }
    Ok(file)
}

/// The bytes of the regular file `path`, at most `limit` of them: a file
/// that reports more, or turns out to hold more, is refused.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let name = || path.display().to_string();
    let file = open_regular(path)?;
    let reported = file.metadata().map(|m| m.len()).unwrap_or(0);
    if reported > limit {
        return Err(InputError::TooLarge { path: name(), bytes: reported, limit });
    }
    let mut bytes = Vec::with_capacity(reported as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|error| InputError::Io { path: name(), error })?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge { path: name(), bytes: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Reads `path` as text.
pub fn read_text(path: &Path) -> Result<TextFile, InputError> {
    let bytes = read_bytes(path, MAX_BYTES)?;
    decode(&path.display().to_string(), bytes)
}

/// Decodes bytes already read (the LSP server gets them from the client or disk).
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<TextFile, InputError> {
    if let Some(reason) = binary_reason(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        return Err(InputError::Binary { path: name.to_string(), reason });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(TextFile { text, warning: None }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Ok(TextFile {
                text,
                warning: Some(format!(
                    "{name}: not valid UTF-8 (first bad byte at offset {at}); decoded with replacement characters"
                )),
            })
        }
    }
}

/// Why a file's first bytes are not text: a NUL byte, or more than 30% of
/// the characters being control characters or invalid UTF-8 (a Latin-1
/// article has a few invalid bytes; an image or archive has mostly).
fn binary_reason(head: &[u8]) -> Option<&'static str> {
    if head.contains(&0) {
        return Some("contains NUL bytes");
    }
    let (mut odd, mut all) = (0usize, 0usize);
    for chunk in head.utf8_chunks() {
        for c in chunk.valid().chars() {
            all += 1;
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
                odd += 1;
            }
        }
        let invalid = chunk.invalid().len();
        all += invalid;
        odd += invalid;
    }
    (all >= 16 && odd * 10 > all * 3).then_some("mostly non-text bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_stops_at_the_limit_whatever_size_the_file_reports() {
        // a /proc file is regular and reports 0 bytes, but holds more
        let maps = Path::new("/proc/self/maps");
        assert_eq!(std::fs::metadata(maps).map(|m| m.len()).ok(), Some(0));
        match read_bytes(maps, 64) {
            Err(InputError::TooLarge { bytes, limit, .. }) => assert_eq!((bytes, limit), (65, 64)),
            other => panic!("{other:?}"),
        }
        let err = read_bytes(Path::new("/dev/zero"), 64).unwrap_err();
        assert_eq!(err.to_string(), "/dev/zero: not a regular file (a character device), skipped");
        let err = read_bytes(Path::new("/"), 64).unwrap_err();
        assert_eq!(err.to_string(), "/: not a regular file (a directory), skipped");
    }

    #[test]
    fn binary_text_and_latin1_are_told_apart() {
        let err = decode("a.txt", b"ab\0cd".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "a.txt: binary file (contains NUL bytes), skipped");
        let noise: Vec<u8> =
            (0..200u32).map(|i| (i * 37 % 255 + 1) as u8).filter(|b| *b >= 0x80 || *b < 0x09).collect();
        let err = decode("img.txt", noise).unwrap_err();
        assert_eq!(err.to_string(), "img.txt: binary file (mostly non-text bytes), skipped");
        let latin1 = b"Caf\xe9 owners in M\xfcnchen counted 45,000 visitors in the \xe9t\xe9.\n".to_vec();
        let f = decode("l.txt", latin1).unwrap();
        assert_eq!(f.text, "Caf\u{fffd} owners in M\u{fffd}nchen counted 45,000 visitors in the \u{fffd}t\u{fffd}.\n");
        assert_eq!(
            f.warning.as_deref(),
            Some("l.txt: not valid UTF-8 (first bad byte at offset 3); decoded with replacement characters")
        );
    }
}
