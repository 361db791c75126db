//! Ignore markers a writer puts in a note, honoured by the CLI and the
//! server alike:
//!
//! - `<!-- sourcecheck-ignore: fewer than 1,000 fighters -->` anywhere on a
//!   line: the figure written that way (case and spacing aside) on that line
//!   is not checked, and no other figure of the line is touched (what the
//!   "Ignore this figure" quick fix writes);
//! - `<!-- sourcecheck-ignore -->` anywhere on a line: every figure on that
//!   line is not checked (the older marker, still read);
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
const FIGURE_PREFIX: &str = "sourcecheck-ignore:";
const ALL_PREFIX: &str = "sourcecheck-ignore-all:";

/// The markers found in a note.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ignores {
    /// Byte ranges of the lines that carry a line marker.
    lines: Vec<Range<usize>>,
    /// A line's byte range and the figure wording ignored on it, normalised.
    on_lines: Vec<(Range<usize>, String)>,
    /// Figure wordings ignored in the whole file, normalised.
    wordings: Vec<String>,
}

fn marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"<!--[ \t]*sourcecheck-ignore(?:(-all)?:[ \t]*([^\n]*?))?[ \t]*-->").expect("static regex")
    })
}

/// Lower case with runs of white space as one space, and `--` (which may
/// not appear in an HTML comment) as `- -`: how wordings compare, so a
/// wording compares equal to what a marker written for it holds.
pub fn normalise(wording: &str) -> String {
    marker_wording(wording).to_lowercase()
}

/// A figure's wording as a marker writes it: runs of white space as one
/// space, and no `--`.
fn marker_wording(wording: &str) -> String {
    let mut w = collapse(wording);
    while w.contains("--") {
        w = w.replace("--", "- -");
    }
    w
}

impl Ignores {
    /// Reads the markers of `text`.
    pub fn find(text: &str) -> Ignores {
        let mut out = Ignores::default();
        for caps in marker_re().captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            let wording = caps.get(2).map(|w| normalise(w.as_str()));
            match (caps.get(1).is_some(), wording) {
                (true, Some(w)) => {
                    if !w.is_empty() && !out.wordings.contains(&w) {
                        out.wordings.push(w);
                    }
                }
                // a marker naming no figure names none: it does not widen to the line
                (false, Some(w)) => {
                    if !w.is_empty() {
                        out.on_lines.push((line_around(text, whole.start()), w));
                    }
                }
                (_, None) => out.lines.push(line_around(text, whole.start())),
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.on_lines.is_empty() && self.wordings.is_empty()
    }

    /// Is the figure at `span` of `text` ignored?
    pub fn covers(&self, text: &str, span: &Range<usize>) -> bool {
        let on = |l: &Range<usize>| l.start <= span.start && span.start <= l.end;
        if self.lines.iter().any(on) {
            return true;
        }
        if self.on_lines.is_empty() && self.wordings.is_empty() {
            return false;
        }
        let Some(wording) = text.get(span.clone()).map(normalise) else { return false };
        // a figure marker goes on the line a figure ends on; one on its first line counts too
        let on_either = |l: &Range<usize>| on(l) || (l.start <= span.end && span.end <= l.end);
        self.wordings.contains(&wording) || self.on_lines.iter().any(|(l, w)| on_either(l) && *w == wording)
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

/// The edit that ignores the figure at `span` of `text`, and no other: a
/// marker naming its wording at the end of the line the figure ends on
/// (before a `\r`), so a figure wrapped over two lines keeps its wording.
pub fn ignore_figure(text: &str, span: &Range<usize>) -> Insertion {
    let (start, end) = (floor_char_boundary(text, span.start), floor_char_boundary(text, span.end));
    let wording = marker_wording(text.get(start..end).unwrap_or(""));
    let line = line_around(text, end.max(start));
    let content = text[line.clone()].trim_end_matches('\r');
    let end = line.start + content.len();
    let sep = if content.ends_with([' ', '\t']) || content.is_empty() { "" } else { " " };
    Insertion { at: end, text: format!("{sep}<!-- {FIGURE_PREFIX} {wording} -->") }
}

/// The edit that ignores every figure worded like `wording` in the file: a
/// marker line after the front matter (or at the top).
pub fn ignore_all(text: &str, wording: &str) -> Insertion {
    let wording = marker_wording(wording);
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
    fn a_figure_marker_covers_that_figure_on_its_line_only() {
        let text = "Fewer than 1,000 fighters and 40 boats. <!-- sourcecheck-ignore:  40   Boats -->\n40 boats.\n";
        let ig = Ignores::find(text);
        let fighters = text.find("Fewer").unwrap();
        assert!(!ig.covers(text, &(fighters..fighters + 25)));
        let boats = text.find("40 boats").unwrap();
        assert!(ig.covers(text, &(boats..boats + 8)));
        let next_line = text.rfind("40 boats").unwrap();
        assert!(!ig.covers(text, &(next_line..next_line + 8)));
        // a marker that names nothing ignores nothing
        let text = "Some 300 boats. <!-- sourcecheck-ignore: -->\n";
        assert!(Ignores::find(text).is_empty());
    }

    #[test]
    fn the_figure_edit_names_the_figure_before_the_line_break() {
        let text = "Some 300 boats.\r\nNext.";
        let marker = "<!-- sourcecheck-ignore: 300 boats -->";
        assert_eq!(ignore_figure(text, &(5..14)), Insertion { at: 15, text: format!(" {marker}") });
        assert_eq!(
            ignore_figure("x 5  \n", &(2..3)),
            Insertion { at: 5, text: "<!-- sourcecheck-ignore: 5 -->".into() }
        );
        // a wording across a line break, or holding `--`, is written so the reader finds it again
        let text = "It was 300--400\nboats.\n";
        let ins = ignore_figure(text, &(7..21));
        assert_eq!(ins, Insertion { at: 22, text: " <!-- sourcecheck-ignore: 300- -400 boats -->".into() });
        let edited = format!("{}{}{}", &text[..ins.at], ins.text, &text[ins.at..]);
        let ig = Ignores::find(&edited);
        assert!(ig.covers(&edited, &(7..21)), "{edited:?}");
        assert!(!ig.covers(&edited, &(7..10)));
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
