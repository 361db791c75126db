//! Source formats: one reader per format, each turning a file's bytes into
//! a [`Document`] — the text to index, where each part of it stands in the
//! file, the pages or paragraphs it falls in, and the title and date the
//! file declares. The rest of the pipeline sees only the document.

mod docx;
mod html;
mod html_meta;
pub mod mapped;
mod pdf;
mod pdf_layout;
#[doc(hidden)]
pub mod samples;

pub use mapped::{Anchor, MappedText};

use crate::figures::DateSpec;
use std::path::Path;

/// The formats sources are read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SourceFormat {
    Text,
    Markdown,
    Html,
    Pdf,
    Docx,
}

/// The extensions of each format, lower case.
const BY_EXTENSION: &[(&str, SourceFormat)] = &[
    ("txt", SourceFormat::Text),
    ("text", SourceFormat::Text),
    ("md", SourceFormat::Markdown),
    ("markdown", SourceFormat::Markdown),
    ("html", SourceFormat::Html),
    ("htm", SourceFormat::Html),
    ("pdf", SourceFormat::Pdf),
    ("docx", SourceFormat::Docx),
];

/// Every extension read as a source.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "html", "htm", "pdf", "docx"];

impl SourceFormat {
    /// The format a path's extension names, if it is one the corpus reads.
    pub fn of_path(path: &Path) -> Option<SourceFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        BY_EXTENSION.iter().find(|(e, _)| *e == ext).map(|(_, f)| *f)
    }

    /// How `sourcecheck sources` names it.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Markdown => "markdown",
            SourceFormat::Html => "html",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Docx => "docx",
        }
    }

    /// A binary format: positions in it are pages or paragraphs, not lines.
    pub fn is_binary(self) -> bool {
        matches!(self, SourceFormat::Pdf | SourceFormat::Docx)
    }

    /// The most bytes a file of this format may have.
    pub fn max_bytes(self) -> u64 {
        match self {
            SourceFormat::Pdf | SourceFormat::Docx => MAX_BINARY_BYTES,
            _ => crate::input::MAX_BYTES,
        }
    }

    /// How the extracted text is read for figures: Markdown only for Markdown.
    pub fn text_format(self) -> crate::text::Format {
        match self {
            // a Word file's tables are written as Markdown tables
            SourceFormat::Markdown | SourceFormat::Docx => crate::text::Format::Markdown,
            _ => crate::text::Format::Plain,
        }
    }

    /// The reader of this format.
    fn reader(self) -> &'static dyn Reader {
        match self {
            SourceFormat::Text | SourceFormat::Markdown => &PlainReader,
            SourceFormat::Html => &html::HtmlReader,
            SourceFormat::Pdf => &pdf::PdfReader,
            SourceFormat::Docx => &docx::DocxReader,
        }
    }
}

/// PDF and Word files larger than this are refused (a report runs to a few MiB).
pub const MAX_BINARY_BYTES: u64 = 64 * 1024 * 1024;

/// Where the parts of a binary document's text are: the text offset each
/// page (PDF) or paragraph (Word) begins at, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Places {
    /// Positions are lines and columns of the file (text, Markdown, HTML).
    #[default]
    Lines,
    Pages(Box<[u32]>),
    Paragraphs(Box<[u32]>),
}

/// Where an offset of a source's text is, as people cite it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// 1-based line.
    Line(usize),
    /// 1-based page.
    Page(usize),
    /// 1-based paragraph (tables' cells count as paragraphs).
    Paragraph(usize),
}

impl Places {
    /// The page or paragraph `offset` falls in (`None` for line-based sources).
    pub fn at(&self, offset: usize) -> Option<Place> {
        let (starts, make): (&[u32], fn(usize) -> Place) = match self {
            Places::Lines => return None,
            Places::Pages(s) => (s, Place::Page),
            Places::Paragraphs(s) => (s, Place::Paragraph),
        };
        Some(make(starts.partition_point(|s| *s as usize <= offset).max(1)))
    }
}

impl std::fmt::Display for Place {
    /// "12" (a line, after a colon), "p. 12", "para. 4".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(n) => write!(f, "{n}"),
            Place::Page(n) => write!(f, "p. {n}"),
            Place::Paragraph(n) => write!(f, "para. {n}"),
        }
    }
}

/// A file's content as the corpus reads it.
#[derive(Debug, Default)]
pub struct Document {
    /// The text to index: blocks separated by blank lines.
    pub text: String,
    /// Where the text's runs stand in the file (empty: the text is the file's own).
    pub anchors: Vec<Anchor>,
    pub places: Places,
    /// The title the file declares (`<title>`, core properties), if any.
    pub title: Option<String>,
    /// The date the file declares (meta tags, JSON-LD, core properties), if any.
    pub date: Option<DateSpec>,
    /// Something the reader wants said about the file (invalid UTF-8).
    pub warning: Option<String>,
    /// The file's text, when positions are counted in it rather than in
    /// `text` (HTML: anchors are offsets into it).
    pub file: Option<String>,
}

/// Why a file of a known format could not be read; said after its path.
pub type ReadError = String;

/// One format's reader: the file's bytes in, its document out.
pub trait Reader: Sync {
    fn read(&self, name: &str, bytes: Vec<u8>) -> Result<Document, ReadError>;
}

/// Reads `bytes` (the file `name`) in `format`.
pub fn read(format: SourceFormat, name: &str, bytes: Vec<u8>) -> Result<Document, ReadError> {
    format.reader().read(name, bytes)
}

/// Plain text and Markdown: the text is the file's own.
struct PlainReader;

impl Reader for PlainReader {
    fn read(&self, name: &str, bytes: Vec<u8>) -> Result<Document, ReadError> {
        let file = crate::input::decode(name, bytes).map_err(|e| e.to_string())?;
        Ok(Document { text: file.text, warning: file.warning, ..Document::default() })
    }
}

/// A date written `2024-03-05`, `2024-03-05T10:00:00Z`, `2024-03` or `2024`
/// (ISO 8601, as meta tags, JSON-LD and core properties write them).
pub fn iso_date(s: &str) -> Option<DateSpec> {
    let s = s.trim();
    let mut parts = s.get(..s.find('T').unwrap_or(s.len()).min(10))?.split('-');
    let year: i32 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month = match parts.next() {
        Some(m) => Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match parts.next() {
        Some(d) => Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    Some(DateSpec { year: Some(year), month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_as_pages_and_documents_write_them() {
        let d = |y, m, d| Some(DateSpec { year: Some(y), month: m, day: d });
        assert_eq!(iso_date("2024-03-05T10:00:00+01:00"), d(2024, Some(3), Some(5)));
        assert_eq!(iso_date(" 2024-03-05 "), d(2024, Some(3), Some(5)));
        assert_eq!(iso_date("2024-03"), d(2024, Some(3), None));
        assert_eq!(iso_date("2024"), d(2024, None, None));
        assert_eq!(iso_date("2024-13-01"), None);
        assert_eq!(iso_date("March 5"), None);
    }

    #[test]
    fn pages_and_paragraphs_are_found_by_offset() {
        let pages = Places::Pages(vec![0, 100, 250].into());
        assert_eq!(pages.at(0), Some(Place::Page(1)));
        assert_eq!(pages.at(99), Some(Place::Page(1)));
        assert_eq!(pages.at(100), Some(Place::Page(2)));
        assert_eq!(pages.at(9999), Some(Place::Page(3)));
        assert_eq!(Places::Lines.at(5), None);
        assert_eq!(Place::Page(12).to_string(), "p. 12");
        assert_eq!(Places::Paragraphs(vec![0, 10].into()).at(12).map(|p| p.to_string()), Some("para. 2".into()));
    }

    #[test]
    fn extensions_name_formats_whatever_their_case() {
        assert_eq!(SourceFormat::of_path(Path::new("a/Report.PDF")), Some(SourceFormat::Pdf));
        assert_eq!(SourceFormat::of_path(Path::new("page.htm")), Some(SourceFormat::Html));
        assert_eq!(SourceFormat::of_path(Path::new("notes.odt")), None);
        for ext in EXTENSIONS {
            assert!(BY_EXTENSION.iter().any(|(e, _)| e == ext), "{ext}");
        }
    }
}
