//! PDF reports: text per page with `lopdf` (pure Rust) and our own layout
//! (`pdf_layout`): lines, paragraphs, hyphenated words joined, running
//! headers and footers dropped. Places are pages, counted from 1 in the
//! file's order. A PDF whose pages have no text (a scan) is refused as
//! such. Bounds: at most `MAX_OBJECTS` objects (the rest are never kept:
//! a file of millions stops there), `MAX_PAGES` pages, and any one stream
//! decompressed to at most `MAX_STREAM_BYTES`; lopdf bounds nesting and
//! cuts loops in the page tree.

use super::pdf_layout::{self, Line};
use super::{Document, Places, ReadError, Reader};
use crate::figures::DateSpec;
use std::cell::Cell;

pub struct PdfReader;

/// The most objects a PDF may have (a long report has tens of thousands).
pub const MAX_OBJECTS: usize = 400_000;
/// The most pages read.
pub const MAX_PAGES: usize = 5_000;
/// The most bytes any one stream may decompress to.
pub const MAX_STREAM_BYTES: usize = 16 * 1024 * 1024;

thread_local! {
    /// Objects kept by the load running on this thread (lopdf's filter is a plain `fn`).
    static OBJECTS: Cell<usize> = const { Cell::new(0) };
}

/// Keeps objects up to `MAX_OBJECTS`; past it, none (and the load is
/// refused after). lopdf keeps an object of the file as it is and one of an
/// object stream as returned, so the object is returned as a copy.
fn count_object(id: (u32, u16), object: &mut lopdf::Object) -> Option<((u32, u16), lopdf::Object)> {
    let n = OBJECTS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    (n <= MAX_OBJECTS).then(|| (id, object.clone()))
}

impl Reader for PdfReader {
    fn read(&self, _name: &str, bytes: Vec<u8>) -> Result<Document, ReadError> {
        if !bytes.starts_with(b"%PDF-") && !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
            return Err("not a PDF file (no %PDF- header)".into());
        }
        // objects written out in the file are counted before any is parsed
        let written = memchr::memmem::find_iter(&bytes, b"endobj").count();
        if written > MAX_OBJECTS {
            return Err(format!("over {MAX_OBJECTS} objects (it has {written}), refused"));
        }
        OBJECTS.with(|c| c.set(0));
        let options = lopdf::LoadOptions {
            filter: Some(count_object),
            max_decompressed_size: Some(MAX_STREAM_BYTES),
            ..Default::default()
        };
        let loaded = lopdf::Document::load_mem_with_options(&bytes, options);
        let objects = OBJECTS.with(|c| c.replace(0));
        if objects > MAX_OBJECTS {
            return Err(format!("over {MAX_OBJECTS} objects (it has {objects}), refused"));
        }
        let doc = loaded.map_err(|e| format!("cannot parse: {e}"))?;
        if doc.is_encrypted() {
            return Err("encrypted; save a copy without a password to check it".into());
        }
        let pages = doc.get_pages();
        if pages.len() > MAX_PAGES {
            return Err(format!("{} pages is over the {MAX_PAGES}-page limit", pages.len()));
        }
        let mut lines: Vec<Vec<Line>> = Vec::with_capacity(pages.len());
        for id in pages.values() {
            // a page that cannot be read is left empty, the others still count
            lines.push(pdf_layout::page_lines(&doc, *id, MAX_STREAM_BYTES).unwrap_or_default());
        }
        if lines.iter().all(Vec::is_empty) {
            return Err(match pages.len() {
                0 => "no pages".to_string(),
                n => format!("no text layer in its {n} page(s) (a scan?); it needs OCR before it can be checked"),
            });
        }
        pdf_layout::drop_running_lines(&mut lines);
        let mut text = String::new();
        let mut starts = Vec::with_capacity(lines.len());
        for page in &lines {
            if !page.is_empty() && !text.is_empty() {
                text.push_str("\n\n");
            }
            starts.push(text.len() as u32);
            text.push_str(&pdf_layout::paragraphs(page));
        }
        let (title, date) = info(&doc);
        Ok(Document { text, places: Places::Pages(starts.into()), title, date, ..Document::default() })
    }
}

/// A PDF text string: UTF-16BE with its byte-order mark, else PDFDocEncoding (read as Latin-1).
fn pdf_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|b| *b as char).collect(),
    }
}

/// `/Title` and `/CreationDate` (`D:20231120…`) of the document information dictionary.
fn info(doc: &lopdf::Document) -> (Option<String>, Option<DateSpec>) {
    let dict = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
        lopdf::Object::Dictionary(d) => Some(d),
        _ => None,
    });
    let Some(dict) = dict else { return (None, None) };
    let text = |key: &[u8]| match dict.get(key) {
        Ok(lopdf::Object::String(bytes, _)) => Some(pdf_string(bytes)),
        _ => None,
    };
    let title = text(b"Title").map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let date = text(b"CreationDate").and_then(|d| {
        let digits = d.trim_start_matches("D:");
        let (y, m, day) = (digits.get(..4)?, digits.get(4..6), digits.get(6..8));
        let iso = match (m, day) {
            (Some(m), Some(d)) => format!("{y}-{m}-{d}"),
            (Some(m), None) => format!("{y}-{m}"),
            _ => y.to_string(),
        };
        super::iso_date(&iso)
    });
    (title, date)
}

#[cfg(test)]
#[path = "pdf_tests.rs"]
mod tests;
