//! `sourcecheck figures`: every figure in each file, as text or JSON.
//!
//! Files are read and extracted in parallel (rayon), a window of them at a
//! time, and each file's output is written as soon as its window is done, in
//! the order the files were named: memory holds one window's files, not the
//! whole run's results. The JSON is one document, `{"files": [...]}`, written
//! piece by piece.

use super::position::{span1, Span1};
use super::OutputFormat;
use crate::figures::{self, Figure, Kind};
use crate::text::{lines::LineIndex, Format};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How many bytes of input a window of files holds at most (a larger file
/// is a window alone); with each file's results, what the command keeps in
/// memory at once.
const WINDOW_BYTES: u64 = 4 * 1024 * 1024;

/// One file in the JSON output. Keys in alphabetical order, here and in
/// `FigureOut`, as the output has always had them; the figures are
/// serialized one at a time, never collected.
struct FileOut<'a> {
    text: &'a str,
    index: &'a LineIndex,
    figures: &'a [Figure],
    path: String,
}

impl Serialize for FileOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Figures<'b>(&'b FileOut<'b>);
        impl Serialize for Figures<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let file = self.0;
                s.collect_seq(file.figures.iter().map(|f| figure_out(file.text, file.index, f)))
            }
        }
        let mut st = s.serialize_struct("FileOut", 2)?;
        st.serialize_field("figures", &Figures(self))?;
        st.serialize_field("path", &self.path)?;
        st.end()
    }
}

/// A number as JSON writes it for people: a whole number without a
/// fraction (`200`, not `200.0`), any other as it is (`4.5`).
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // whole and exactly representable: within ±2^53
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if self.0.fract() == 0.0 && self.0.abs() <= EXACT {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

#[derive(Serialize)]
struct FigureOut<'a> {
    column: u32,
    end_column: u32,
    end_line: u32,
    /// count, share, money, duration (`min`/`max` in seconds) or age (years).
    kind: Kind,
    line: u32,
    max: Option<Num>,
    min: Option<Num>,
    per: Option<&'static str>,
    stated: Vec<Num>,
    text: &'a str,
    unit: Option<&'a str>,
}

fn figure_out<'a>(text: &'a str, index: &LineIndex, f: &'a Figure) -> FigureOut<'a> {
    let Span1 { line, column, end_line, end_column } = span1(text, index, &f.span);
    FigureOut {
        column,
        end_column,
        end_line,
        kind: f.kind,
        line,
        max: f.interval.max.map(|b| Num(b.value)),
        min: f.interval.min.map(|b| Num(b.value)),
        per: f.per.map(|p| p.name()),
        stated: f.stated.iter().copied().map(Num).collect(),
        text: &text[f.span.clone()],
        unit: f.unit.as_deref(),
    }
}

/// One file's part of the output, made off the writing thread.
struct Rendered {
    /// Lines for stderr (a warning, or why the file was not read).
    messages: Vec<String>,
    /// The file's output: its text lines, or its JSON object (indented to
    /// stand in the `files` array); `None` when the file was not read.
    body: Option<Vec<u8>>,
}

fn render(format: OutputFormat, path: &Path) -> Rendered {
    let file = match crate::input::read_text(path) {
        Ok(f) => f,
        Err(e) => return Rendered { messages: vec![format!("sourcecheck: {e}")], body: None },
    };
    let messages = file.warning.iter().map(|w| format!("sourcecheck: warning: {w}")).collect();
    let text = &file.text;
    // only the figures are kept: the masked text and the rest go now
    let figures = figures::extract(text, Format::from_path(path)).figures;
    let index = LineIndex::new(text);
    let mut body = Vec::new();
    match format {
        OutputFormat::Text => {
            for fig in &figures {
                let at = span1(text, &index, &fig.span);
                let when =
                    fig.time.as_ref().map(|t| format!("  (when: {})", &text[t.span.clone()])).unwrap_or_default();
                let described = crate::report::describe_figure(fig);
                // writing to a Vec cannot fail
                let _ = writeln!(
                    body,
                    "{}:{}:{}: {}  →  {described}{when}",
                    path.display(),
                    at.line,
                    at.column,
                    &text[fig.span.clone()]
                );
            }
        }
        OutputFormat::Json => {
            let out = FileOut { text, index: &index, figures: &figures, path: path.display().to_string() };
            let mut w = Indented { inner: &mut body, indent: b"    " };
            // serializing to a Vec cannot fail
            let _ = serde_json::to_writer_pretty(&mut w, &out);
        }
    }
    Rendered { messages, body: Some(body) }
}

/// A writer that indents every line after the first by `indent`, so that a
/// value printed pretty on its own nests where the whole document's pretty
/// printing would have put it. (A JSON string holds no raw line break, so
/// every line break is the printer's.)
struct Indented<'a, W: Write> {
    inner: W,
    indent: &'a [u8],
}

impl<W: Write> Write for Indented<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = memchr::memchr(b'\n', rest) {
            self.inner.write_all(&rest[..=at])?;
            self.inner.write_all(self.indent)?;
            rest = &rest[at + 1..];
        }
        self.inner.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The files in windows of at most `WINDOW_BYTES` of input (by the sizes
/// the file system reports; a larger file alone), in order.
fn windows(files: &[PathBuf]) -> Vec<&[PathBuf]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, path) in files.iter().enumerate() {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if i > start && bytes + size > WINDOW_BYTES {
            out.push(&files[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

pub fn run(format: OutputFormat, files: &[PathBuf]) -> i32 {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    match write_all(&mut w, format, files).and_then(|status| w.flush().map(|()| status)) {
        Ok(status) => status,
        Err(e) => super::output_failed(&e),
    }
}

/// Writes every file's output to `w` in order; the exit status (2 when a
/// file could not be read).
fn write_all(w: &mut impl Write, format: OutputFormat, files: &[PathBuf]) -> std::io::Result<i32> {
    let json = format == OutputFormat::Json;
    let mut status = 0;
    let mut written = 0usize;
    if json {
        w.write_all(b"{\n  \"files\": [")?;
    }
    for window in windows(files) {
        let rendered: Vec<Rendered> = window.par_iter().map(|p| render(format, p)).collect();
        for r in rendered {
            for m in &r.messages {
                eprintln!("{m}");
            }
            let Some(body) = r.body else {
                status = 2;
                continue;
            };
            if json {
                w.write_all(if written == 0 { b"\n    " } else { b",\n    " })?;
            }
            w.write_all(&body)?;
            written += 1;
        }
    }
    if json {
        w.write_all(if written == 0 { b"]\n}\n" } else { b"\n  ]\n}\n" })?;
    }
    Ok(status)
}
