//! Byte offsets to lines and columns, in the three units clients speak:
//! Unicode scalar values (the CLI), UTF-16 code units (LSP default) and bytes
//! (LSP `utf-8`). Lines and columns here are 0-based; adapters add 1 for display.

/// Which unit a column counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnUnit {
    Chars,
    Utf16,
    Utf8,
}

/// A 0-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// The start offset of every line of a text, and every [`MARK_STEP`]
/// bytes how many characters and UTF-16 units come before: a column is
/// counted from the nearest mark, not from its line's start (a 200 KB line
/// of 8,000 figures cost 8,000 passes over the line).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// (byte offset at a character boundary, chars before it, UTF-16 units before it)
    marks: Vec<(usize, usize, usize)>,
}

/// Bytes between two marks.
const MARK_STEP: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(line_breaks(text.as_bytes()));
        let mut marks = vec![(0, 0, 0)];
        let (mut chars, mut utf16) = (0, 0);
        for (i, c) in text.char_indices() {
            if i >= marks[marks.len() - 1].0 + MARK_STEP {
                marks.push((i, chars, utf16));
            }
            chars += 1;
            utf16 += c.len_utf16();
        }
        LineIndex { starts, len: text.len(), marks }
    }

    /// Characters and UTF-16 units before `offset` (a char boundary of `text`).
    fn counts_before(&self, text: &str, offset: usize) -> (usize, usize) {
        let at = self.marks.partition_point(|m| m.0 <= offset) - 1;
        let (from, chars, utf16) = self.marks[at];
        let rest = &text[from..offset];
        (chars + rest.chars().count(), utf16 + rest.encode_utf16().count())
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of line `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.starts.get(line + 1).map(|s| s - 1).unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end) == Some(&b'\n') && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }

    /// Line and column of byte `offset`, the column counted in `unit`.
    /// An offset inside a character counts as that character's start.
    pub fn line_col(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = match unit {
            ColumnUnit::Utf8 => offset - start,
            // a short prefix is counted; a long one from the marks
            _ if offset - start <= MARK_STEP => {
                let prefix = &text[start..offset];
                if unit == ColumnUnit::Chars {
                    prefix.chars().count()
                } else {
                    prefix.encode_utf16().count()
                }
            }
            _ => {
                let (c1, u1) = self.counts_before(text, offset);
                let (c0, u0) = self.counts_before(text, start);
                if unit == ColumnUnit::Chars {
                    c1 - c0
                } else {
                    u1 - u0
                }
            }
        };
        LineCol { line: line as u32, col: col as u32 }
    }

    /// Byte offset of a line and column counted in `unit`. A line past the end
    /// gives the end of the text; a column past the end of its line gives the
    /// end of that line (as LSP asks); a column inside a character gives that
    /// character's end.
    pub fn offset(&self, text: &str, pos: LineCol, unit: ColumnUnit) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let range = self.line_range(text, line);
        let line_text = &text[range.clone()];
        let mut counted = 0usize;
        let want = pos.col as usize;
        for (i, ch) in line_text.char_indices() {
            if counted >= want {
                return range.start + i;
            }
            counted += match unit {
                ColumnUnit::Chars => 1,
                ColumnUnit::Utf16 => ch.len_utf16(),
                ColumnUnit::Utf8 => ch.len_utf8(),
            };
        }
        range.end
    }
}

/// Where each line after the first starts: after `\n`, `\r\n` or a lone
/// `\r` (the line ends LSP knows; U+2028 and the like stay inside a line).
pub(crate) fn line_breaks(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes.iter().enumerate().filter_map(|(i, b)| match b {
        b'\n' => Some(i + 1),
        b'\r' if bytes.get(i + 1) != Some(&b'\n') => Some(i + 1),
        _ => None,
    })
}

/// The largest char boundary not after `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_each_unit_with_astral_characters() {
        let text = "ab\n😀é 200 a month\n";
        let idx = LineIndex::new(text);
        let off = text.find("200").unwrap();
        assert_eq!(idx.line_col(text, off, ColumnUnit::Chars), LineCol { line: 1, col: 3 });
        assert_eq!(idx.line_col(text, off, ColumnUnit::Utf16), LineCol { line: 1, col: 4 });
        assert_eq!(idx.line_col(text, off, ColumnUnit::Utf8), LineCol { line: 1, col: 7 });
        for unit in [ColumnUnit::Chars, ColumnUnit::Utf16, ColumnUnit::Utf8] {
            let lc = idx.line_col(text, off, unit);
            assert_eq!(idx.offset(text, lc, unit), off);
        }
    }

    #[test]
    fn columns_on_a_long_line_are_counted_from_the_marks_and_agree_with_counting() {
        let line: String = (0..30_000).map(|i| ["a", "é", "😀", " 200 "][i % 4]).collect();
        let text = format!("first\n{line}\nlast é\n");
        let idx = LineIndex::new(&text);
        for k in 0..2_000 {
            let off = floor_char_boundary(&text, (k * 7919) % text.len());
            let line = idx.line_of(off);
            let prefix = &text[idx.starts[line]..off];
            let want = [prefix.chars().count(), prefix.encode_utf16().count(), prefix.len()];
            for (unit, want) in [ColumnUnit::Chars, ColumnUnit::Utf16, ColumnUnit::Utf8].into_iter().zip(want) {
                assert_eq!(idx.line_col(&text, off, unit), LineCol { line: line as u32, col: want as u32 }, "{off}");
            }
        }
        // at the long line's end: a mark's worth of counting, not the line's
        let end = text.find("\nlast").unwrap_or(0);
        let t = std::time::Instant::now();
        for _ in 0..2_000 {
            idx.line_col(&text, end, ColumnUnit::Utf16);
        }
        let marked = t.elapsed();
        let t = std::time::Instant::now();
        for _ in 0..2_000 {
            std::hint::black_box(text[6..end].encode_utf16().count());
        }
        let counted = t.elapsed();
        assert!(marked * 10 < counted, "{marked:?} from the marks, {counted:?} counting the line");
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let text = "one\ntwo";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, LineCol { line: 0, col: 99 }, ColumnUnit::Utf16), 3);
        assert_eq!(idx.offset(text, LineCol { line: 9, col: 0 }, ColumnUnit::Utf16), 7);
        // inside a surrogate pair: the character's end
        let text = "😀x";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, LineCol { line: 0, col: 1 }, ColumnUnit::Utf16), 4);
    }

    #[test]
    fn crlf_lines_exclude_the_carriage_return() {
        let text = "a\r\nb";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_range(text, 0), 0..1);
        assert_eq!(idx.line_range(text, 1), 3..4);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_and_u2028_does_not() {
        // found by the edit property test: the rope and the index disagreed
        let text = "\ra\r\r\nb\u{2028}c";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_range(text, 0), 0..0);
        assert_eq!(idx.line_range(text, 1), 1..2);
        assert_eq!(idx.line_range(text, 2), 3..3);
        assert_eq!(idx.line_range(text, 3), 5..text.len());
        assert_eq!(idx.offset(text, LineCol { line: 1, col: 1 }, ColumnUnit::Utf16), 2);
        assert_eq!(idx.line_col(text, text.len(), ColumnUnit::Utf16), LineCol { line: 3, col: 3 });
    }
}
