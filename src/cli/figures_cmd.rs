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
struct FigureOut {
    text: String,
    #[serde(flatten)]
    at: Span1,
    stated: Vec<Num>,
    min: Option<Num>,
    max: Option<Num>,
    unit: Option<String>,
    per: Option<&'static str>,
    /// count, share, money, duration (`min`/`max` in seconds) or age (years).
    kind: Kind,
}

fn figure_out(text: &str, index: &LineIndex, f: &Figure) -> FigureOut {
    FigureOut {
        text: text[f.span.clone()].to_string(),
        at: span1(text, index, &f.span),
        stated: f.stated.iter().copied().map(Num).collect(),
        min: f.interval.min.map(|b| Num(b.value)),
        max: f.interval.max.map(|b| Num(b.value)),
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
                    let line = writeln!(
                        w,
                        "{}:{}:{}: {}  →  {}{when}",
                        path.display(),
                        f.at.line,
                        f.at.column,
                        f.text,
                        crate::report::describe_figure(fig)
                    );
                    if let Err(e) = line {
                        return super::output_failed(&e);
                    }
                }
            }
            OutputFormat::Json => out.push(FileOut { path: path.display().to_string(), figures: figs }),
        }
    }
    let written = match format {
        OutputFormat::Json => super::write_json(&mut w, &serde_json::json!({ "files": out })),
        OutputFormat::Text => w.flush(),
    };
    match written {
        Ok(()) => status,
        Err(e) => super::output_failed(&e),
    }
}
