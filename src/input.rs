//! Reading a text file the way every command does: binary files refused,
//! invalid UTF-8 decoded lossily with a warning, a size limit enforced.

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
    Io { path: String, error: std::io::Error },
    Binary { path: String, reason: &'static str },
    TooLarge { path: String, bytes: u64 },
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Io { path, error } => write!(f, "{path}: cannot read: {error}"),
            InputError::Binary { path, reason } => write!(f, "{path}: binary file ({reason}), skipped"),
            InputError::TooLarge { path, bytes } => {
                write!(f, "{path}: {bytes} bytes is over the {} MiB limit, skipped", MAX_BYTES / 1024 / 1024)
            }
        }
    }
}

impl std::error::Error for InputError {}

/// Reads `path` as text.
pub fn read_text(path: &Path) -> Result<TextFile, InputError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|error| InputError::Io { path: name.clone(), error })?;
    if meta.is_dir() {
        return Err(InputError::Io { path: name, error: std::io::Error::other("is a directory") });
    }
    if meta.len() > MAX_BYTES {
        return Err(InputError::TooLarge { path: name, bytes: meta.len() });
    }
    let bytes = std::fs::read(path).map_err(|error| InputError::Io { path: name.clone(), error })?;
    decode(&name, bytes)
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
