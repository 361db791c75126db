//! Word documents (`.docx`): the body's paragraphs and tables from
//! `word/document.xml`, title and date from `docProps/core.xml`, unzipped
//! with `zip` and read with `quick-xml`. Tables become Markdown pipe tables
//! (the text is read as Markdown), so a figure in a cell has its row for
//! context. Deleted text and field codes are left out. Places are
//! paragraphs, counted as Word counts them: every paragraph of the body and
//! of each table cell, in order.

use super::{iso_date, Document, Places, ReadError, Reader};
use quick_xml::events::{BytesRef, Event};
use std::io::Read;

pub struct DocxReader;

/// The most entries an archive may list: a Word file has a few dozen.
pub const MAX_ENTRIES: usize = 10_000;
/// The most bytes one part may unpack to: a zip bomb stops here.
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;

impl Reader for DocxReader {
    fn read(&self, _name: &str, bytes: Vec<u8>) -> Result<Document, ReadError> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| format!("not a Word file (no zip archive: {e})"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!("{} zip entries is over the {MAX_ENTRIES} limit", zip.len()));
        }
        let body = part(&mut zip, "word/document.xml")?
            .ok_or("not a Word file (no word/document.xml in the archive)".to_string())?;
        let (text, starts) = body_text(&body)?;
        let (title, date) = match part(&mut zip, "docProps/core.xml")? {
            Some(core) => core_properties(&core),
            None => (None, None),
        };
        Ok(Document { text, places: Places::Paragraphs(starts.into()), title, date, ..Document::default() })
    }
}

/// One part of the archive as text, unpacked to at most `MAX_PART_BYTES`
/// whatever size its header declares; `None` when the archive lacks it.
fn part(zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> Result<Option<String>, ReadError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let too_big = || format!("{name} unpacks to over {} MiB (a zip bomb?)", MAX_PART_BYTES >> 20);
    if file.size() > MAX_PART_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes).map(Some).map_err(|_| format!("{name} is not UTF-8"))
}

/// The character an entity reference stands for (`&amp;`, `&#8217;`).
fn reference(r: &BytesRef) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match &**r {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// Where the writing of the body is: in a table (and which row and cell), in a paragraph.
#[derive(Default)]
struct Body {
    out: String,
    /// Text offset each paragraph starts at.
    starts: Vec<u32>,
    /// Table nesting (only the outermost makes rows).
    tables: usize,
    /// Cells of the row being written, and of the table's first row.
    cells: usize,
    first_row_cells: Option<usize>,
    rows: usize,
    /// In a `w:t` (text to keep), and whether the paragraph has text yet.
    in_text: bool,
    para_has_text: bool,
}

impl Body {
    fn start_paragraph(&mut self) {
        if self.tables > 0 && self.para_has_text {
            self.out.push(' '); // a cell's paragraphs on one line
        }
        self.starts.push(self.out.len() as u32);
        self.para_has_text = false;
    }

    fn end_paragraph(&mut self) {
        if self.tables == 0 {
            let end = self.out.trim_end().len();
            self.out.truncate(end);
            if !self.out.is_empty() && !self.out.ends_with("\n\n") {
                self.out.push_str("\n\n");
            }
        }
    }

    fn text(&mut self, s: &str) {
        let s = if self.para_has_text { s } else { s.trim_start() };
        let s: String = if self.tables > 0 { s.replace('|', "\\|").replace('\n', " ") } else { s.to_string() };
        self.para_has_text |= !s.is_empty();
        self.out.push_str(&s);
    }

    fn start_row(&mut self) {
        self.out.push('|');
        self.cells = 0;
    }

    fn start_cell(&mut self) {
        self.out.push(' ');
        self.cells += 1;
        self.para_has_text = false;
    }

    fn end_cell(&mut self) {
        self.out.push_str(" |");
    }

    fn end_row(&mut self) {
        self.out.push('\n');
        self.rows += 1;
        if self.rows == 1 {
            self.first_row_cells = Some(self.cells);
            self.out.push('|');
            self.out.push_str(&" --- |".repeat(self.cells.max(1)));
            self.out.push('\n');
        }
    }

    fn start_table(&mut self) {
        let end = self.out.trim_end().len();
        self.out.truncate(end);
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.rows = 0;
    }

    fn end_table(&mut self) {
        self.out.push('\n');
    }
}

/// The text of `word/document.xml` and the offsets its paragraphs start at.
fn body_text(xml: &str) -> Result<(String, Vec<u32>), ReadError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut b = Body::default();
    loop {
        let event = reader.read_event().map_err(|e| format!("word/document.xml: {e}"))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => b.start_paragraph(),
                "t" => b.in_text = true,
                "tbl" => {
                    b.tables += 1;
                    if b.tables == 1 {
                        b.start_table();
                    }
                }
                "tr" if b.tables == 1 => b.start_row(),
                "tc" if b.tables == 1 => b.start_cell(),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "p" => b.end_paragraph(),
                "t" => b.in_text = false,
                "tbl" => {
                    b.tables -= 1;
                    if b.tables == 0 {
                        b.end_table();
                    }
                }
                "tr" if b.tables == 1 => b.end_row(),
                "tc" if b.tables == 1 => b.end_cell(),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" | "br" | "cr" if b.para_has_text => b.text(" "),
                "noBreakHyphen" => b.text("-"),
                "p" => {
                    b.start_paragraph();
                    b.end_paragraph();
                }
                _ => {}
            },
            Event::Text(t) if b.in_text => b.text(&t.xml10_content()),
            Event::GeneralRef(r) if b.in_text => {
                if let Some(c) = reference(&r) {
                    b.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let end = b.out.trim_end().len();
    b.out.truncate(end);
    Ok((b.out, b.starts))
}

/// `dc:title` and the date (`dcterms:created`, else `dcterms:modified`) of `docProps/core.xml`.
fn core_properties(xml: &str) -> (Option<String>, Option<crate::figures::DateSpec>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut title, mut created, mut modified) = (None, None, None);
    let mut field: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => field = Some(e.local_name().as_ref().to_string()),
            Ok(Event::End(_)) => field = None,
            Ok(Event::Text(t)) => {
                let value = t.xml10_content().trim().to_string();
                match field.as_deref() {
                    Some("title") if !value.is_empty() => title = Some(value),
                    Some("created") => created = iso_date(&value),
                    Some("modified") => modified = iso_date(&value),
                    _ => {}
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    (title, created.or(modified))
}

#[cfg(test)]
#[path = "docx_tests.rs"]
mod tests;
