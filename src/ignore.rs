//! Ignore markers a writer puts in a note, honoured by the CLI and the
//! server alike:
//!
//! - `<!-- sourcecheck-ignore -->` anywhere on a line: that line's figures
//!   are not checked;
//! - `<!-- sourcecheck-ignore-all: fewer than 1,000 fighters -->` anywhere
//!   in the file: no figure written that way (case and spacing aside) is
//!   checked in this file.
//!
//! Also the edits that add them (the "Ignore …" quick fixes).

use crate::report::collapse;
use crate::text::lines::floor_char_boundary;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

pub const LINE_MARKER: &str = "<!-- sourcecheck-ignore -->";
const ALL_PREFIX: &str = "sourcecheck-ignore-all:";

/// The markers found in a note.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ignores {
    /// Byte ranges of the lines that carry a line marker.
    lines: Vec<Range<usize>>,
    /// Figure wordings ignored in the whole file, normalised.
    wordings: Vec<String>,
}

fn marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"<!--[ \t]*sourcecheck-ignore(?:-all:[ \t]*([^\n]*?))?[ \t]*-->").expect("static regex")
    })
}

/// Lower case with runs of white space as one space: how wordings compare.
pub fn normalise(wording: &str) -> String {
    collapse(wording).to_lowercase()
}

impl Ignores {
    /// Reads the markers of `text`.
    pub fn find(text: &str) -> Ignores {
        let mut out = Ignores::default();
        for caps in marker_re().captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            match caps.get(1) {
                Some(w) => {
                    let w = normalise(w.as_str());
                    if !w.is_empty() && !out.wordings.contains(&w) {
                        out.wordings.push(w);
                    }
                }
                None => out.lines.push(line_around(text, whole.start())),
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.wordings.is_empty()
    }

    /// Is the figure at `span` of `text` ignored?
    pub fn covers(&self, text: &str, span: &Range<usize>) -> bool {
        if self.lines.iter().any(|l| l.start <= span.start && span.start <= l.end) {
            return true;
        }
        !self.wordings.is_empty() && text.get(span.clone()).is_some_and(|w| self.wordings.contains(&normalise(w)))
    }
}

/// The line holding byte `at`, without its line break.
fn line_around(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

/// A text insertion at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Insertion {
    pub at: usize,
    pub text: String,
}

/// The edit that ignores the figures on the line holding `at`: the marker
/// at the end of that line (before a `\r`).
pub fn ignore_line(text: &str, at: usize) -> Insertion {
    let line = line_around(text, floor_char_boundary(text, at));
    let content = text[line.clone()].trim_end_matches('\r');
    let end = line.start + content.len();
    let sep = if content.ends_with([' ', '\t']) || content.is_empty() { "" } else { " " };
    Insertion { at: end, text: format!("{sep}{LINE_MARKER}") }
}

/// The edit that ignores every figure worded like `wording` in the file: a
/// marker line after the front matter (or at the top).
pub fn ignore_all(text: &str, wording: &str) -> Insertion {
    let wording = collapse(wording).replace("--", "- -");
    let at = after_front_matter(text);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Insertion { at, text: format!("<!-- {ALL_PREFIX} {wording} -->{newline}") }
}

/// Where the body starts: after a leading `---` … `---`/`...` block.
pub fn after_front_matter(text: &str) -> usize {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return 0;
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return end;
        }
        pos = end;
    }
    0 // unterminated: not front matter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_marker_covers_its_line_only() {
        let text = "Some 300 boats. <!-- sourcecheck-ignore -->\nAnd 40 cars.\n";
        let ig = Ignores::find(text);
        assert!(ig.covers(text, &(5..8)));
        let cars = text.find("40").unwrap();
        assert!(!ig.covers(text, &(cars..cars + 2)));
    }

    #[test]
    fn a_file_marker_covers_the_same_wording_anywhere() {
        let text = "<!-- sourcecheck-ignore-all:  About 300   boats -->\nabout 300 boats left; about 300 cars came.\n";
        let ig = Ignores::find(text);
        let first = text.find("about 300 boats").unwrap();
        assert!(ig.covers(text, &(first..first + 15)));
        let cars = text.find("about 300 cars").unwrap();
        assert!(!ig.covers(text, &(cars..cars + 14)));
    }

    #[test]
    fn unrelated_comments_are_not_markers() {
        let ig = Ignores::find("<!-- sourcecheck-ignored -->\n<!-- note -->\n");
        assert!(ig.is_empty());
    }

    #[test]
    fn the_line_edit_goes_before_the_line_break() {
        let text = "Some 300 boats.\r\nNext.";
        assert_eq!(ignore_line(text, 6), Insertion { at: 15, text: format!(" {LINE_MARKER}") });
        assert_eq!(ignore_line("x  \n", 0), Insertion { at: 3, text: LINE_MARKER.to_string() });
        assert_eq!(ignore_line("last 5", 99), Insertion { at: 6, text: format!(" {LINE_MARKER}") });
    }

    #[test]
    fn the_file_edit_goes_after_front_matter() {
        let text = "---\ntitle: x\n---\nBody 5.\n";
        let ins = ignore_all(text, "Body  5");
        assert_eq!(ins, Insertion { at: 17, text: "<!-- sourcecheck-ignore-all: Body 5 -->\n".to_string() });
        assert_eq!(ignore_all("Body 5.", "5").at, 0);
        assert_eq!(after_front_matter("---\nunterminated\n"), 0);
        // what the edit writes, the reader finds
        let edited = format!("{}{}{}", &text[..ins.at], ins.text, &text[ins.at..]);
        let body = edited.rfind("Body 5").unwrap();
        assert!(Ignores::find(&edited).covers(&edited, &(body..body + 6)));
    }
}
