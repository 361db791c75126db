//! `sourcecheck figures`: every figure in each file, as text or JSON.

use super::position::{span1, Span1};
use super::OutputFormat;
use crate::figures::{self, Figure, Kind};
use crate::text::{lines::LineIndex, Format};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Serialize)]
struct FileOut {
    path: String,
    figures: Vec<FigureOut>,
}

#[derive(Serialize)]
struct FigureOut {
    text: String,
    #[serde(flatten)]
    at: Span1,
    stated: Vec<f64>,
    min: Option<f64>,
    max: Option<f64>,
    unit: Option<String>,
    per: Option<&'static str>,
    /// count, share, money, duration (`min`/`max` in seconds) or age (years).
    kind: Kind,
}

fn figure_out(text: &str, index: &LineIndex, f: &Figure) -> FigureOut {
    FigureOut {
        text: text[f.span.clone()].to_string(),
        at: span1(text, index, &f.span),
        stated: f.stated.clone(),
        min: f.interval.min.map(|b| b.value),
        max: f.interval.max.map(|b| b.value),
        unit: f.unit.clone(),
        per: f.per.map(|p| p.name()),
        kind: f.kind,
    }
}

pub fn run(format: OutputFormat, files: &[PathBuf]) -> i32 {
    let mut status = 0;
    let mut out = Vec::new();
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    for path in files {
        let Some(file) = super::read_input(path, &mut status) else { continue };
        let text = &file.text;
        let ex = figures::extract(text, Format::from_path(path));
        let index = LineIndex::new(text);
        let figs: Vec<FigureOut> = ex.figures.iter().map(|f| figure_out(text, &index, f)).collect();
        match format {
            OutputFormat::Text => {
                for (f, fig) in figs.iter().zip(&ex.figures) {
                    let when =
                        fig.time.as_ref().map(|t| format!("  (when: {})", &text[t.span.clone()])).unwrap_or_default();
                    let _ = writeln!(
                        w,
                        "{}:{}:{}: {}  →  {}{when}",
                        path.display(),
                        f.at.line,
                        f.at.column,
                        f.text,
                        crate::report::describe_figure(fig)
                    );
                }
            }
            OutputFormat::Json => out.push(FileOut { path: path.display().to_string(), figures: figs }),
        }
    }
    if format == OutputFormat::Json {
        let doc = serde_json::json!({ "files": out });
        let _ = writeln!(w, "{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    }
    status
}
