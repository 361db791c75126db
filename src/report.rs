//! Words for people: intervals, figures and verdicts described the way an
//! analyst reads them. Shared by the CLI and the LSP hover.

use crate::figures::{DateSpec, Figure, Interval};
use std::ops::Range;

/// A number as an analyst writes it: 1,000; 1.5 million; 33.3.
pub fn number(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 && (v / 1e8).fract() == 0.0 {
        return format!("{} billion", trim(v / 1e9));
    }
    if a >= 1e6 && (v / 1e5).fract() == 0.0 {
        return format!("{} million", trim(v / 1e6));
    }
    if v.fract() == 0.0 && a < 1e15 {
        let s = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        return if v < 0.0 { format!("-{out}") } else { out };
    }
    trim((v * 100.0).round() / 100.0)
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// "44,500–45,500", "under 1,000", "at least 50", "exactly 7".
pub fn interval(iv: &Interval) -> String {
    match (iv.min, iv.max) {
        (Some(lo), Some(hi)) if lo.value == hi.value => format!("exactly {}", number(lo.value)),
        (Some(lo), Some(hi)) => format!("{}–{}", number(lo.value), number(hi.value)),
        (None, Some(hi)) => format!("{} {}", if hi.inclusive { "at most" } else { "under" }, number(hi.value)),
        (Some(lo), None) => format!("{} {}", if lo.inclusive { "at least" } else { "over" }, number(lo.value)),
        (None, None) => "any value".to_string(),
    }
}

/// "44,500–45,500 fighters", "180–220 per month".
pub fn describe_figure(f: &Figure) -> String {
    let mut s = interval(&f.shown_interval());
    if let Some(u) = &f.unit {
        s.push(' ');
        s.push_str(u);
    }
    if let Some(p) = f.per {
        s.push_str(" per ");
        s.push_str(p.name());
    }
    s
}

/// The figure's own words (its `span`) and the rest of its clause, up to
/// the end of its `sentence` at most, for messages:
/// "less than 1,000 militants remain in Iraq and Syria".
pub fn excerpt(text: &str, span: Range<usize>, sentence: Range<usize>) -> String {
    const MAX_WORDS_AFTER: usize = 12;
    let rest = &text[span.end..sentence.end];
    let mut end = span.end;
    let mut words = 0;
    for (i, c) in rest.char_indices() {
        if matches!(c, ',' | ';' | ':' | '—' | '(' | '"' | '\u{201c}' | '\u{201d}' | '[')
            || (c == '.' && rest[i + 1..].starts_with(char::is_whitespace))
        {
            break;
        }
        if c.is_whitespace() && !rest[..i].ends_with(char::is_whitespace) {
            words += 1;
            if words > MAX_WORDS_AFTER {
                break;
            }
        }
        end = span.end + i + c.len_utf8();
    }
    let s = text[span.start..end].trim_end_matches(['.', ' ']);
    collapse(s)
}

/// The figure's own words (its `span`), as written.
pub fn quote_figure(text: &str, span: Range<usize>) -> String {
    collapse(&text[span])
}

/// `s` with each run of white space as one space.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "fighters per month", "percent", "a count per week" — what a figure
/// measures; `None` for a bare number, which says nothing more than itself.
pub fn describe_measure(f: &Figure) -> Option<String> {
    let mut s = match (&f.unit, f.per) {
        (Some(u), _) => u.clone(),
        (None, Some(_)) => "a count".to_string(),
        (None, None) => return None,
    };
    if let Some(p) = f.per {
        s.push_str(" per ");
        s.push_str(p.name());
    }
    Some(s)
}

/// A date as precise as it is known, ISO 8601: "2016-09-12", "2016-09",
/// "2016"; `None` without a year.
pub fn iso_date(d: &DateSpec) -> Option<String> {
    let y = d.year?;
    Some(match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{y:04}-{m:02}-{day:02}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    })
}
