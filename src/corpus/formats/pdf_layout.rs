//! A PDF page's text as lines: the page's content operations walked with
//! the text position (`Td`, `TD`, `Tm`, `T*`, `TL`), each string shown
//! decoded through its font's encoding (lopdf's), strings at one height
//! making one line; a jump along the line (a table's next column) or a
//! wide `TJ` gap is a space. Then lines become paragraphs: a line starts a
//! new one when the gap above it is wider than the text's leading, it sits
//! higher than the last, or it is a table row (several columns); within a
//! paragraph a line ending in a word's hyphen joins the next without it.

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object, ObjectId};
use std::collections::BTreeMap;

/// One line of a page: where it sits, its font size, its text, and how
/// many jumps along the line it had (columns).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y: f32,
    pub size: f32,
    pub text: String,
    pub columns: usize,
}

/// A `TJ` gap wider than this (thousandths of the font size) is a space.
const SPACE_GAP: f32 = 180.0;

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// The lines of page `page`, content bounded by `limit` bytes decompressed.
pub fn page_lines(doc: &Document, page: ObjectId, limit: usize) -> Result<Vec<Line>, String> {
    let fonts = doc.get_page_fonts(page).map_err(|e| e.to_string())?;
    let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
        .into_iter()
        .filter_map(|(name, f)| Some((name, f.get_font_encoding_with_limit(doc, limit).ok()?)))
        .collect();
    let data = doc.get_page_content_with_limit(page, limit).map_err(|e| e.to_string())?;
    let content = Content::decode(&data).map_err(|e| e.to_string())?;
    let mut w =
        Walk { lines: Vec::new(), x: 0.0, y: 0.0, line_x: 0.0, size: 10.0, scale: 1.0, leading: 0.0, moved: false };
    let mut encoding: Option<&Encoding> = None;
    for op in &content.operations {
        let n = |i: usize| op.operands.get(i).and_then(number).unwrap_or(0.0);
        match op.operator.as_str() {
            "BT" => w.move_to(0.0, 0.0),
            "Tf" => {
                encoding = op.operands.first().and_then(|o| o.as_name().ok()).and_then(|name| encodings.get(name));
                w.size = n(1).abs().max(1.0);
            }
            "Td" => w.move_to(w.line_x + n(0) * w.scale, w.y + n(1) * w.scale),
            "TD" => {
                w.leading = -n(1);
                w.move_to(w.line_x + n(0) * w.scale, w.y + n(1) * w.scale);
            }
            "Tm" => {
                w.scale = n(3).abs().max(f32::EPSILON);
                w.move_to(n(4), n(5));
            }
            "TL" => w.leading = n(0),
            "T*" => w.move_to(w.line_x, w.y - w.leading * w.scale),
            "'" | "\"" => {
                w.move_to(w.line_x, w.y - w.leading * w.scale);
                if let Some(s) = op.operands.last() {
                    w.show(encoding, std::slice::from_ref(s));
                }
            }
            "Tj" | "TJ" => w.show(encoding, &op.operands),
            _ => {}
        }
    }
    w.lines.retain(|l| !l.text.trim().is_empty());
    for l in &mut w.lines {
        l.text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    Ok(w.lines)
}

struct Walk {
    lines: Vec<Line>,
    x: f32,
    y: f32,
    line_x: f32,
    size: f32,
    scale: f32,
    leading: f32,
    /// Moved since the last string shown.
    moved: bool,
}

impl Walk {
    fn move_to(&mut self, x: f32, y: f32) {
        (self.x, self.y, self.line_x, self.moved) = (x, y, x, true);
    }

    fn show(&mut self, encoding: Option<&Encoding>, operands: &[Object]) {
        let mut text = String::new();
        collect(&mut text, encoding, operands);
        let size = self.size * self.scale;
        let same_line = self.lines.last().is_some_and(|l| (l.y - self.y).abs() < size * 0.4);
        match self.lines.last_mut() {
            Some(line) if same_line => {
                if self.moved {
                    line.columns += 1;
                    if !line.text.ends_with(' ') && !text.starts_with(' ') {
                        line.text.push(' ');
                    }
                }
                line.text.push_str(&text);
            }
            _ => self.lines.push(Line { y: self.y, size, text, columns: 0 }),
        }
        self.moved = false;
    }
}

/// The characters of a `Tj`/`TJ`'s operands; wide gaps are spaces.
fn collect(text: &mut String, encoding: Option<&Encoding>, operands: &[Object]) {
    for o in operands {
        match o {
            Object::String(bytes, _) => match encoding.and_then(|e| Document::decode_text(e, bytes).ok()) {
                Some(s) => text.push_str(&s),
                None => text.extend(bytes.iter().map(|b| *b as char)),
            },
            Object::Array(items) => collect(text, encoding, items),
            _ => {
                if number(o).is_some_and(|g| g < -SPACE_GAP) && !text.ends_with(' ') {
                    text.push(' ');
                }
            }
        }
    }
}

/// A line's shape for telling repeated headers and footers: digits as `#`
/// ("Page 3 of 9" and "Page 4 of 9" are one shape).
pub fn shape(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect::<String>().to_lowercase()
}

/// The lines of each page less its running header and footer: a first or
/// last line (up to two at each edge) whose shape is at that edge of at
/// least half the pages, on two pages at least.
pub fn drop_running_lines(pages: &mut [Vec<Line>]) {
    if pages.len() < 2 {
        return;
    }
    let mut counts: BTreeMap<(bool, String), usize> = BTreeMap::new();
    for page in pages.iter() {
        let mut seen = std::collections::BTreeSet::new();
        for (top, line) in edges(page) {
            seen.insert((top, shape(&line.text)));
        }
        for k in seen {
            *counts.entry(k).or_default() += 1;
        }
    }
    let total = pages.len();
    let running = |top: bool, l: &Line| counts.get(&(top, shape(&l.text))).is_some_and(|n| *n >= 2 && n * 2 >= total);
    for page in pages.iter_mut() {
        let len = page.len();
        let mut keep: Vec<bool> = vec![true; len];
        for i in 0..len.min(2) {
            if running(true, &page[i]) {
                keep[i] = false;
            }
        }
        for i in len.saturating_sub(2)..len {
            if running(false, &page[i]) {
                keep[i] = false;
            }
        }
        let mut k = keep.into_iter();
        page.retain(|_| k.next().unwrap_or(true));
    }
}

/// The first two and last two lines of a page, each with whether it is at the top.
fn edges(page: &[Line]) -> impl Iterator<Item = (bool, &Line)> {
    let top = page.iter().take(2).map(|l| (true, l));
    let bottom = page.iter().skip(2).rev().take(2).map(|l| (false, l));
    top.chain(bottom)
}

/// The page's lines as text: paragraphs separated by blank lines, a
/// table row on a line of its own.
pub fn paragraphs(lines: &[Line]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Line> = None;
    for line in lines {
        let row = line.columns > 0;
        let new_block = match prev {
            None => true,
            Some(p) => {
                let gap = p.y - line.y;
                row || p.columns > 0
                    || gap < 0.0
                    || gap > 1.6 * p.size.max(line.size)
                    || (p.size - line.size).abs() > 1.0
            }
        };
        if new_block {
            if !out.is_empty() {
                let table = row && prev.is_some_and(|p| p.columns > 0);
                out.push_str(if table { "\n" } else { "\n\n" });
            }
            out.push_str(&line.text);
        } else {
            join_line(&mut out, &line.text);
        }
        prev = Some(line);
    }
    out
}

/// Appends the next line of a paragraph: a word broken by a hyphen at
/// the line's end is joined whole ("contain-" "ers" → "containers";
/// "36-" "hour" keeps its hyphen), else the lines join with a space.
fn join_line(out: &mut String, next: &str) {
    let starts_lower = next.chars().next().is_some_and(char::is_lowercase);
    let mut tail = out.chars().rev();
    let broken = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
    if broken && starts_lower {
        out.pop();
    } else if !out.ends_with('-') || !starts_lower {
        out.push(' ');
    }
    out.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f32, text: &str) -> Line {
        Line { y, size: 10.0, text: text.to_string(), columns: 0 }
    }

    #[test]
    fn lines_join_into_paragraphs_and_hyphenated_words_are_whole() {
        let lines = [
            line(700.0, "The port handled 1.2 million contain-"),
            line(688.0, "ers last year after a 36-"),
            line(676.0, "hour strike in May."),
            line(640.0, "A second paragraph."),
            Line { columns: 2, ..line(620.0, "North quay 6 14") },
            Line { columns: 2, ..line(608.0, "South quay 4 9") },
        ];
        assert_eq!(
            paragraphs(&lines),
            "The port handled 1.2 million containers last year after a 36-hour strike in May.\n\n\
             A second paragraph.\n\nNorth quay 6 14\nSouth quay 4 9"
        );
    }

    #[test]
    fn running_headers_and_footers_go_whatever_their_page_number() {
        let page = |n: u32, body: &str| {
            vec![
                line(800.0, "Harbour Authority Annual Report"),
                line(700.0, body),
                line(40.0, &format!("Page {n} of 2")),
            ]
        };
        let mut pages = vec![page(1, "Ships: 412."), page(2, "Cranes: 14.")];
        drop_running_lines(&mut pages);
        assert_eq!(pages, vec![vec![line(700.0, "Ships: 412.")], vec![line(700.0, "Cranes: 14.")]]);
        // one page alone has nothing running
        let mut one = vec![page(1, "Ships: 412.")];
        drop_running_lines(&mut one);
        assert_eq!(one[0].len(), 3);
    }
}
