//! The date of a source: a "Date:"/"Published" line, else a full date in
//! its first or last lines (datelines, print-edition notes), else the
//! latest full date it mentions, moved forward by later month-only dates.

use crate::figures::{DateSpec, Extraction};

/// The date of a note: labelled ("Date:", "prepared on", "as of"), or a full
/// date in its first three lines. Dates in a note's body are its subject,
/// not its date.
pub fn note_date(text: &str, ex: &Extraction) -> Option<DateSpec> {
    date_with(text, ex, false)
}

/// The date of a source article.
pub fn date_of(text: &str, ex: &Extraction) -> Option<DateSpec> {
    date_with(text, ex, true)
}

fn date_with(text: &str, ex: &Extraction, article: bool) -> Option<DateSpec> {
    let full: Vec<(usize, DateSpec)> =
        ex.dates.iter().filter(|(_, d)| d.year.is_some() && d.month.is_some()).map(|(r, d)| (r.start, *d)).collect();
    // 1. labelled: "Date: 12 September 2016", "Published April 3, 2024"
    for (at, d) in &full {
        let line_start = text[..*at].rfind('\n').map_or(0, |i| i + 1);
        let before = text[line_start..*at].to_lowercase();
        let label = [
            "date",
            "published",
            "posted",
            "updated",
            "dated",
            "print edition",
            "appeared in",
            "prepared",
            "written",
            "as of",
            "compiled",
        ];
        let tail: String = before.chars().rev().take(40).collect::<String>().chars().rev().collect();
        if label.iter().any(|l| tail.contains(l)) {
            return Some(*d);
        }
    }
    // 2. a full date in the first three or last three lines
    let lines: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_no = |at: usize| lines.partition_point(|s| *s <= at).saturating_sub(1);
    let non_empty: Vec<usize> = (0..lines.len())
        .filter(|i| {
            let s = lines[*i];
            let e = lines.get(i + 1).copied().unwrap_or(text.len());
            !text[s..e].trim().is_empty()
        })
        .collect();
    let tail = if article { 3 } else { 0 };
    let edge: Vec<usize> = non_empty.iter().take(3).chain(non_empty.iter().rev().take(tail)).copied().collect();
    if let Some((_, d)) =
        full.iter().filter(|(at, d)| d.day.is_some() && edge.contains(&line_no(*at))).max_by_key(|(_, d)| *d)
    {
        return Some(*d);
    }
    if !article {
        return None;
    }
    // 3. the latest full date, moved forward by month-day dates written after it without a year
    let latest = full.iter().map(|(_, d)| *d).max()?;
    let latest_index = latest.month_index()?;
    let mut best = latest;
    for (_, d) in &ex.dates {
        if d.year.is_none() && d.day.is_some() {
            if let Some(m) = d.month {
                let year = latest.year? + if (m as i64) < latest_index % 12 + 1 { 1 } else { 0 };
                let cand = DateSpec { year: Some(year), month: Some(m), day: d.day };
                if cand > best && cand.month_index()? - latest_index <= 12 {
                    best = cand;
                }
            }
        }
    }
    Some(best)
}
