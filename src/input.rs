//! Reading a text file the way every command does: binary files refused,
//! invalid UTF-8 decoded lossily with a warning, a size limit enforced.

use std::path::Path;

/// Files larger than this are refused (a note or article is far smaller).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

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
    Binary { path: String },
    TooLarge { path: String, bytes: u64 },
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Io { path, error } => write!(f, "{path}: cannot read: {error}"),
            InputError::Binary { path } => write!(f, "{path}: binary file (contains NUL bytes), skipped"),
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
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(InputError::Binary { path: name.to_string() });
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
