//! The one boundary where byte offsets become LSP positions and back, in
//! the negotiated encoding (UTF-16 by default, UTF-8 when offered), and
//! where URIs become paths.

use crate::corpus::Source;
use crate::text::lines::{ColumnUnit, LineCol, LineIndex};
use std::ops::Range as ByteRange;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::{Position, Range, Uri};

/// The negotiated position encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf16,
    Utf8,
}

impl Encoding {
    pub fn unit(self) -> ColumnUnit {
        match self {
            Encoding::Utf16 => ColumnUnit::Utf16,
            Encoding::Utf8 => ColumnUnit::Utf8,
        }
    }
}

/// A text with its line index, for converting positions.
pub struct Doc<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub encoding: Encoding,
}

impl Doc<'_> {
    pub fn position(&self, offset: usize) -> Position {
        let lc = self.lines.line_col(self.text, offset, self.encoding.unit());
        Position { line: lc.line, character: lc.col }
    }

    pub fn range(&self, r: &ByteRange<usize>) -> Range {
        Range { start: self.position(r.start), end: self.position(r.end) }
    }

    /// The byte offset of a position; positions past a line's or the
    /// document's end clamp to it.
    pub fn offset(&self, p: Position) -> usize {
        self.lines.offset(self.text, LineCol { line: p.line, col: p.character }, self.encoding.unit())
    }
}

/// A range in a source, in the negotiated encoding: only the kept excerpts
/// (figures' sentences, the first line) have positions.
pub fn source_range(src: &Source, r: &ByteRange<usize>, encoding: Encoding) -> Option<Range> {
    let at = |o| src.line_col(o, encoding.unit()).map(|lc| Position { line: lc.line, character: lc.col });
    Some(Range { start: at(r.start)?, end: at(r.end)? })
}

/// The offset of a position in a source, when a kept excerpt holds it.
pub fn source_offset(src: &Source, p: Position, encoding: Encoding) -> Option<usize> {
    src.excerpts.offset(LineCol { line: p.line, col: p.character }, encoding.unit())
}

pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.as_str().starts_with("file:") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let abs = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().ok()?.join(path) };
    Uri::from_file_path(abs)
}
