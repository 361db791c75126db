//! Open documents: a rope per document, edits applied strictly in the
//! order they arrive, with positions read in the negotiated encoding.

use super::convert::Encoding;
use crate::text::Format;
use ropey::Rope;
use std::path::PathBuf;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub format: Format,
    pub path: Option<PathBuf>,
    pub language_id: String,
}

impl Document {
    pub fn new(text: &str, version: i32, language_id: &str, path: Option<PathBuf>) -> Document {
        let format = match language_id {
            "markdown" => Format::Markdown,
            "plaintext" | "text" => Format::Plain,
            _ => path.as_deref().map(Format::from_path).unwrap_or(Format::Markdown),
        };
        Document { rope: Rope::from_str(text), version, format, path, language_id: language_id.to_string() }
    }

    /// Applies the changes of one didChange, in order. Returns where the
    /// last change left the writer: the char index just after the text it
    /// put in; `None` when it replaced the whole document (or there was no
    /// change), which says nothing of where the writer is.
    pub fn apply(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        encoding: Encoding,
    ) -> Option<usize> {
        let mut cursor = None;
        for change in changes {
            match change.range {
                None => {
                    self.rope = Rope::from_str(&change.text);
                    cursor = None;
                }
                Some(range) => {
                    let start = self.char_index(range.start, encoding);
                    let end = self.char_index(range.end, encoding).max(start);
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                    cursor = Some(start + change.text.chars().count());
                }
            }
        }
        self.version = version;
        cursor
    }

    /// The char index of a position, clamped to the line and the document.
    fn char_index(&self, p: Position, encoding: Encoding) -> usize {
        let line = p.line as usize;
        if line >= self.rope.len_lines() {
            return self.rope.len_chars();
        }
        let line_start = self.rope.line_to_char(line);
        let slice = self.rope.line(line);
        let mut units = 0usize;
        let want = p.character as usize;
        for (i, ch) in slice.chars().enumerate() {
            if units >= want || ch == '\n' || ch == '\r' {
                return line_start + i;
            }
            units += match encoding {
                Encoding::Utf16 => ch.len_utf16(),
                Encoding::Utf8 => ch.len_utf8(),
            };
        }
        line_start + slice.len_chars()
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Is this a note (Markdown or plain text) rather than some other file?
    /// A saved page, a PDF or a Word file opened in the editor is not.
    pub fn is_prose(&self) -> bool {
        use crate::corpus::formats::SourceFormat;
        let prose_file =
            |p: &std::path::Path| matches!(SourceFormat::of_path(p), Some(SourceFormat::Text | SourceFormat::Markdown));
        matches!(self.language_id.as_str(), "markdown" | "plaintext" | "text" | "md")
            || self.path.as_deref().is_some_and(prose_file)
    }
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::Range;

    #[test]
    fn a_saved_page_pdf_or_word_file_opened_from_a_quote_is_no_note() {
        let doc = |path: &str, language: &str| Document::new("<p>5</p>", 1, language, Some(PathBuf::from(path)));
        assert!(!doc("sources/page.html", "html").is_prose());
        assert!(!doc("sources/report.pdf", "pdf").is_prose());
        assert!(!doc("sources/memo.docx", "").is_prose());
        assert!(doc("sources/article.txt", "").is_prose());
        assert!(doc("notes/n.md", "").is_prose());
        assert!(doc("notes/n.html", "markdown").is_prose());
    }

    fn change(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position { line: l1, character: c1 },
                end: Position { line: l2, character: c2 },
            }),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn edits_apply_in_order_in_both_encodings() {
        let mut d = Document::new("😀 fewer than 5,000\nok", 1, "markdown", None);
        // UTF-16: the emoji is two units; "5" starts at 14
        d.apply(&[change(0, 14, 0, 19, "1,000"), change(1, 0, 1, 2, "fine")], 2, Encoding::Utf16);
        assert_eq!(d.text(), "😀 fewer than 1,000\nfine");
        let mut d = Document::new("😀 fewer than 5,000", 1, "markdown", None);
        // UTF-8: the emoji is four bytes; "5" starts at byte 16
        d.apply(&[change(0, 16, 0, 21, "2,000")], 2, Encoding::Utf8);
        assert_eq!(d.text(), "😀 fewer than 2,000");
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let mut d = Document::new("abc\ndef", 1, "markdown", None);
        d.apply(&[change(0, 99, 0, 99, "!")], 2, Encoding::Utf16);
        d.apply(&[change(9, 0, 9, 5, "?")], 3, Encoding::Utf16);
        assert_eq!(d.text(), "abc!\ndef?");
    }

    #[test]
    fn unicode_line_separators_stay_inside_a_line() {
        // found by the edit property test: the rope broke lines at U+2028
        let mut d = Document::new("\u{2028}é", 1, "markdown", None);
        d.apply(&[change(0, 2, 0, 0, "a")], 2, Encoding::Utf16);
        assert_eq!(d.text(), "\u{2028}éa");
        let mut d = Document::new("a\rb", 1, "markdown", None);
        d.apply(&[change(1, 0, 1, 1, "c")], 2, Encoding::Utf8);
        assert_eq!(d.text(), "a\rc");
    }
}
