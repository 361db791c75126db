//! Property tests of edit application: arbitrary ranges (past a line's end,
//! past the document's end, inverted, inside a character) in both encodings
//! never panic, and the rope always equals a plain `String` edited by an
//! independent model of LSP positions. `PROPTEST_CASES` sets the run length.

use super::Document;
use crate::lsp::convert::Encoding;
use proptest::prelude::*;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

const PIECES: &[&str] = &[
    "a",
    "bc",
    "fewer than 5,000",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "é",
    "😀",
    "🎉",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{b}",
    "\u{c}",
    "ß",
    "ﬁ",
    "\u{301}",
    "\t",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|v| v.concat())
}

fn position() -> impl Strategy<Value = Position> {
    (0u32..6, prop_oneof![8 => 0u32..12, 1 => Just(u32::MAX), 1 => 12u32..1000])
        .prop_map(|(line, character)| Position { line, character })
}

fn change() -> impl Strategy<Value = TextDocumentContentChangeEvent> {
    let ranged = (position(), position(), text()).prop_map(|(start, end, text)| TextDocumentContentChangeEvent {
        range: Some(Range { start, end }),
        range_length: None,
        text,
    });
    let whole = text().prop_map(|text| TextDocumentContentChangeEvent { range: None, range_length: None, text });
    prop_oneof![9 => ranged, 1 => whole]
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop_oneof![Just(Encoding::Utf16), Just(Encoding::Utf8)]
}

/// The byte offset of an LSP position in `s`, written from the spec alone:
/// lines end at `\n`, `\r\n` or `\r`; a line past the end is the end of the
/// text; a column past the line's end is the line's end; a column inside a
/// character is that character's end.
fn model_offset(s: &str, p: Position, encoding: Encoding) -> usize {
    let bytes = s.as_bytes();
    // (content start, content end) of each line
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push((start, i));
                start = i + 1;
            }
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                lines.push((start, i));
                i += 1;
                start = i + 1;
            }
            b'\r' => {
                lines.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push((start, bytes.len()));
    let Some(&(from, to)) = lines.get(p.line as usize) else { return s.len() };
    let mut units = 0u64;
    for (at, ch) in s[from..to].char_indices() {
        if units >= u64::from(p.character) {
            return from + at;
        }
        units += match encoding {
            Encoding::Utf16 => ch.len_utf16() as u64,
            Encoding::Utf8 => ch.len_utf8() as u64,
        };
    }
    to
}

fn model_apply(s: &mut String, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        None => *s = change.text.clone(),
        Some(r) => {
            let start = model_offset(s, r.start, encoding);
            let end = model_offset(s, r.end, encoding).max(start);
            s.replace_range(start..end, &change.text);
        }
    }
}

proptest! {
    #[test]
    fn edits_match_the_string_model(
        initial in text(),
        batches in proptest::collection::vec(proptest::collection::vec(change(), 1..4), 1..6),
        encoding in encoding(),
    ) {
        let mut doc = Document::new(&initial, 1, "markdown", None);
        let mut model = initial.clone();
        for (n, batch) in batches.iter().enumerate() {
            doc.apply(batch, n as i32 + 2, encoding);
            for c in batch {
                model_apply(&mut model, c, encoding);
            }
            prop_assert_eq!(doc.text(), model.clone());
        }
    }
}

proptest! {
    /// Hover, definition and diagnostics read positions through `LineIndex`:
    /// it must agree with the edits on where a position is.
    #[test]
    fn line_index_offsets_match_the_model(s in text(), p in position(), encoding in encoding()) {
        let index = crate::text::lines::LineIndex::new(&s);
        let col = crate::text::lines::LineCol { line: p.line, col: p.character };
        prop_assert_eq!(index.offset(&s, col, encoding.unit()), model_offset(&s, p, encoding));
    }
}
