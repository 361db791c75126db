//! 1-based line and character columns for the CLI, end exclusive.

use crate::text::lines::{ColumnUnit, LineCol, LineIndex};
use serde::Serialize;
use std::ops::Range;

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub struct Span1 {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

pub fn span1(text: &str, index: &LineIndex, range: &Range<usize>) -> Span1 {
    let s = index.line_col(text, range.start, ColumnUnit::Chars);
    let e = index.line_col(text, range.end, ColumnUnit::Chars);
    Span1 { line: s.line + 1, column: s.col + 1, end_line: e.line + 1, end_column: e.col + 1 }
}

/// A range of a source in 1-based characters; only kept excerpts (figures'
/// sentences) have positions, so anything else is line 1, column 1.
pub fn source_span1(src: &crate::corpus::Source, range: &Range<usize>) -> Span1 {
    let at = |o| src.line_col(o, ColumnUnit::Chars).unwrap_or(LineCol { line: 0, col: 0 });
    let (s, e) = (at(range.start), at(range.end));
    Span1 { line: s.line + 1, column: s.col + 1, end_line: e.line + 1, end_column: e.col + 1 }
}

/// A path as the user reads it: relative to the current directory when under it.
pub fn display_path(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir().ok();
    cwd.as_deref().and_then(|c| path.strip_prefix(c).ok()).unwrap_or(path).display().to_string()
}
