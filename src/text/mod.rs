//! Text primitives shared by every layer: line/column arithmetic, Markdown
//! masking, sentence splitting and tokenisation. Nothing here knows about
//! figures, sources or LSP.

pub mod lines;
pub mod markdown;
pub mod sentences;
pub mod tokens;

/// How a document's text is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown: parsed with pulldown-cmark; only prose is read.
    Markdown,
    /// Plain text: every line is prose; blank lines and headline lines end sentences.
    Plain,
}

impl Format {
    /// Markdown for `.md`/`.markdown` paths, plain text otherwise.
    pub fn from_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()) {
            Some(ext) if ext == "md" || ext == "markdown" || ext == "mdx" => Format::Markdown,
            _ => Format::Plain,
        }
    }
}
