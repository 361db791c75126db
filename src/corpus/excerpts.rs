//! What of a source's text stays in memory once it is indexed: the
//! sentences its figures stand in, each with the line and columns it starts
//! at, and marks (empty excerpts) whose position alone is kept. Quotes, hover
//! cards, diagnostics' related passages and positions in sources all read
//! from here; the rest of the text is dropped (about three quarters of a
//! news corpus's bytes: most sentences carry no figure).

use super::formats::{mapped, Anchor};
use crate::text::lines::{line_breaks, ColumnUnit, LineCol, LineIndex};
use std::ops::Range;

/// Kept parts of a text, by their offsets in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Excerpts {
    /// The kept parts, one after another.
    text: Box<str>,
    /// Sorted by `start`, disjoint.
    pieces: Box<[Piece]>,
    /// For text read out of another file (an HTML page): the runs of the
    /// kept parts, each with the position in that file it starts at, sorted
    /// by `start`, one at each piece's start; empty when the text is the file's own.
    marks: Box<[Piece]>,
}

/// One kept part: where it stood in the text and where it starts, as a
/// line and a column in each unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Piece {
    /// Offset in the original text.
    start: u32,
    len: u32,
    /// Offset in `Excerpts::text`.
    at: u32,
    line: u32,
    chars: u32,
    utf16: u32,
    utf8: u32,
}

/// Parts closer than this are kept as one, with the bytes between.
const JOIN_GAP: usize = 8;

impl Excerpts {
    /// Keeps `ranges` of `text` (empty ranges keep a position only).
    /// Overlapping or nearly touching ranges merge; ranges are clamped to
    /// the text and its character boundaries; offsets past `u32` are dropped.
    pub fn keep(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) -> Excerpts {
        let merged = merge(text, ranges);
        let lines = LineIndex::new(text);
        let mut kept = String::with_capacity(merged.iter().map(|r| r.len()).sum());
        let mut pieces = Vec::with_capacity(merged.len());
        for r in merged {
            pieces.push(piece_at(&lines, text, r.start, r.start, r.len(), kept.len()));
            kept.push_str(&text[r]);
        }
        Excerpts { text: kept.into_boxed_str(), pieces: pieces.into_boxed_slice(), marks: Box::default() }
    }

    /// `keep` for a text read out of `file` (an HTML page): `anchors` say
    /// where its runs stand in `file`, and positions are `file`'s.
    pub fn keep_mapped(
        text: &str,
        file: &str,
        anchors: &[Anchor],
        ranges: impl IntoIterator<Item = Range<usize>>,
    ) -> Excerpts {
        let merged = merge(text, ranges);
        let lines = LineIndex::new(file);
        let in_file = |at: usize| mapped::file_offset(anchors, at).unwrap_or(0).min(file.len());
        let mut kept = String::with_capacity(merged.iter().map(|r| r.len()).sum());
        let (mut pieces, mut marks) = (Vec::with_capacity(merged.len()), Vec::new());
        for r in merged {
            pieces.push(piece_at(&lines, file, r.start, in_file(r.start), r.len(), kept.len()));
            // the piece's start, and every run that begins inside it
            let first = anchors.partition_point(|a| (a.at as usize) <= r.start);
            let starts = std::iter::once(r.start)
                .chain(anchors[first..].iter().map(|a| a.at as usize).take_while(|a| *a < r.end));
            let starts: Vec<usize> = starts.collect();
            for (k, &at) in starts.iter().enumerate() {
                let end = starts.get(k + 1).copied().unwrap_or(r.end);
                let within = kept.len() + (at - r.start);
                marks.push(piece_at(&lines, file, at, in_file(at), end - at, within));
            }
            kept.push_str(&text[r]);
        }
        Excerpts { text: kept.into_boxed_str(), pieces: pieces.into_boxed_slice(), marks: marks.into_boxed_slice() }
    }

    /// Bytes held (text and positions), for memory reports.
    pub fn heap_bytes(&self) -> usize {
        self.text.len() + std::mem::size_of_val(&*self.pieces) + std::mem::size_of_val(&*self.marks)
    }

    /// The run `offset` lies in, for positions: its mark when the text was
    /// read out of another file, else its piece; with the run's text.
    fn run(&self, offset: usize) -> Option<(&Piece, &str)> {
        let (p, text) = self.piece(&(offset..offset))?;
        if self.marks.is_empty() {
            return Some((p, text));
        }
        let i = self.marks.partition_point(|m| m.start as usize <= offset).checked_sub(1)?;
        let m = &self.marks[i];
        let at = m.at as usize;
        Some((m, &self.text[at..at + m.len as usize]))
    }

    /// The piece holding `r` whole, with its text.
    fn piece(&self, r: &Range<usize>) -> Option<(&Piece, &str)> {
        let i = self.pieces.partition_point(|p| p.start as usize <= r.start).checked_sub(1)?;
        let p = &self.pieces[i];
        let end = p.start as usize + p.len as usize;
        (r.start <= r.end && r.end <= end).then_some(())?;
        let at = p.at as usize;
        Some((p, &self.text[at..at + p.len as usize]))
    }

    /// The kept text of `r`, when one part holds it whole.
    pub fn get(&self, r: Range<usize>) -> Option<&str> {
        let (p, text) = self.piece(&r)?;
        let base = p.start as usize;
        text.get(r.start - base..r.end - base)
    }

    /// Line and column of `offset` (a kept part's start to its end); an
    /// offset inside a character counts as that character's start.
    pub fn line_col(&self, offset: usize, unit: ColumnUnit) -> Option<LineCol> {
        let (p, text) = self.run(offset)?;
        let rel = floor(text, (offset - p.start as usize).min(text.len()));
        let breaks = line_breaks(text.as_bytes()).take_while(|&b| b <= rel);
        let (count, last) = breaks.fold((0u32, None), |(n, _), b| (n + 1, Some(b)));
        let (from, base) = match last {
            Some(b) => (b, 0),
            None => (0, column(p, unit)),
        };
        Some(LineCol { line: p.line + count, col: base + units(&text[from..rel], unit) })
    }

    /// The offset at `pos`, when a kept part holds it.
    pub fn offset(&self, pos: LineCol, unit: ColumnUnit) -> Option<usize> {
        let runs = if self.marks.is_empty() { &self.pieces } else { &self.marks };
        runs.iter().find_map(|p| {
            let at = p.at as usize;
            let text = &self.text[at..at + p.len as usize];
            let mut line = p.line;
            let mut col = column(p, unit);
            for (i, ch) in text.char_indices().chain(std::iter::once((text.len(), '\n'))) {
                if line == pos.line && col == pos.col {
                    return Some(p.start as usize + i);
                }
                if line > pos.line {
                    return None;
                }
                let lone_cr = ch == '\r' && !text[i + 1..].starts_with('\n');
                if ch == '\n' || lone_cr {
                    (line, col) = (line + 1, 0);
                } else {
                    col += units(ch.encode_utf8(&mut [0; 4]), unit);
                }
            }
            None
        })
    }
}

/// Merges `ranges` (clamped to `text` and its character boundaries, past-`u32` ones dropped).
fn merge(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = ranges
        .into_iter()
        .map(|r| {
            let end = floor(text, r.end.min(text.len()));
            floor(text, r.start.min(end))..end
        })
        .filter(|r| u32::try_from(r.end).is_ok())
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end + JOIN_GAP => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// A run of `len` bytes at `start` of the text, kept at `at`, standing at
/// byte `pos` of `file` (whose lines are `lines`).
fn piece_at(lines: &LineIndex, file: &str, start: usize, pos: usize, len: usize, at: usize) -> Piece {
    let col = |unit| lines.line_col(file, pos, unit);
    let utf8 = col(ColumnUnit::Utf8);
    Piece {
        start: start as u32,
        len: len as u32,
        at: at as u32,
        line: utf8.line,
        chars: col(ColumnUnit::Chars).col,
        utf16: col(ColumnUnit::Utf16).col,
        utf8: utf8.col,
    }
}

fn column(p: &Piece, unit: ColumnUnit) -> u32 {
    match unit {
        ColumnUnit::Chars => p.chars,
        ColumnUnit::Utf16 => p.utf16,
        ColumnUnit::Utf8 => p.utf8,
    }
}

fn units(s: &str, unit: ColumnUnit) -> u32 {
    (match unit {
        ColumnUnit::Chars => s.chars().count(),
        ColumnUnit::Utf16 => s.encode_utf16().count(),
        ColumnUnit::Utf8 => s.len(),
    }) as u32
}

fn floor(text: &str, offset: usize) -> usize {
    crate::text::lines::floor_char_boundary(text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNITS: [ColumnUnit; 3] = [ColumnUnit::Chars, ColumnUnit::Utf16, ColumnUnit::Utf8];

    fn at(text: &str, needle: &str) -> Range<usize> {
        let s = text.find(needle).expect("needle in text");
        s..s + needle.len()
    }

    #[test]
    fn kept_parts_give_the_positions_the_whole_text_gives() {
        let text = "Title\r\n\nIntro line.\n😀é Harbour ships: 412 a year.\nSecond\r\nline 30 boats.\rLast 7.";
        let kept = [at(text, "Harbour ships: 412 a year."), at(text, "line 30 boats.\rLast 7.")];
        let ex = Excerpts::keep(text, kept.clone());
        let lines = LineIndex::new(text);
        for r in kept {
            for offset in r.clone() {
                for unit in UNITS {
                    let want = lines.line_col(text, offset, unit);
                    assert_eq!(ex.line_col(offset, unit), Some(want), "offset {offset} {unit:?}");
                    if text.is_char_boundary(offset) {
                        assert_eq!(ex.offset(want, unit), Some(offset), "back from {want:?} {unit:?}");
                    }
                }
            }
        }
        assert_eq!(ex.get(at(text, "412 a year")), Some("412 a year"));
        assert_eq!(ex.get(at(text, "Intro")), None);
        assert_eq!(ex.line_col(at(text, "Intro").start, ColumnUnit::Utf16), None);
        assert_eq!(ex.offset(LineCol { line: 2, col: 0 }, ColumnUnit::Utf16), None);
    }

    #[test]
    fn text_read_out_of_a_page_has_the_pages_positions_and_back() {
        let file = "<html>\r\n<p>Fish &amp; chips: 😀 <b>412</b>\n  boats.</p>\n<p>Far 9 owls.</p>";
        let mut m = crate::corpus::formats::MappedText::new();
        m.copy("Fish ", file.find("Fish").unwrap());
        m.put("&", file.find("&amp;").unwrap());
        m.copy(" chips: 😀 ", file.find(" chips").unwrap());
        m.copy("412", file.find("412").unwrap());
        m.copy("\n  boats.", file.find("\n  boats").unwrap());
        m.block_break();
        m.copy("Far 9 owls.", file.find("Far").unwrap());
        let (text, anchors) = m.finish();
        let kept = [at(&text, "Fish & chips: 😀 412\n  boats."), at(&text, "9 owls")];
        let ex = Excerpts::keep_mapped(&text, file, &anchors, kept.clone());
        let lines = LineIndex::new(file);
        for r in kept {
            for offset in r.clone().filter(|o| text.is_char_boundary(*o)) {
                let in_file = mapped::file_offset(&anchors, offset).unwrap();
                for unit in UNITS {
                    let want = lines.line_col(file, in_file, unit);
                    assert_eq!(ex.line_col(offset, unit), Some(want), "offset {offset} {unit:?}");
                    assert_eq!(ex.offset(want, unit), Some(offset), "back from {want:?} {unit:?}");
                }
            }
        }
        assert_eq!(ex.get(at(&text, "412")), Some("412"));
    }

    #[test]
    fn near_parts_merge_and_marks_keep_a_position_without_text() {
        let text = "Headline of the day\nOne 5 cats. Two 6 dogs.\n\nFar away 9 owls.";
        let ex = Excerpts::keep(text, [at(text, "One 5 cats."), at(text, "Two 6 dogs."), 4..4, at(text, "9 owls")]);
        assert_eq!(ex.pieces.len(), 3);
        assert_eq!(ex.get(at(text, "cats. Two 6")), Some("cats. Two 6"));
        assert_eq!(ex.line_col(4, ColumnUnit::Utf16), Some(LineCol { line: 0, col: 4 }));
        assert_eq!(ex.get(4..4), Some(""));
        assert_eq!(ex.get(0..4), None);
        assert_eq!(ex.heap_bytes(), "One 5 cats. Two 6 dogs.".len() + "9 owls".len() + 3 * size_of::<Piece>());
    }

    #[test]
    fn ranges_off_the_text_or_inside_a_character_are_clamped() {
        let text = "né 5";
        let ex = Excerpts::keep(text, std::iter::once(2..99));
        assert_eq!(ex.get(1..5), Some("é 5"));
        assert_eq!(ex.get(0..2), None);
        assert_eq!(ex.line_col(2, ColumnUnit::Chars), Some(LineCol { line: 0, col: 1 }));
    }
}
