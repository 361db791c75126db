//! Time expressions in a sentence — "a year ago", "at its peak", "in
//! December 2015", "since the beginning of 2016", "now" — and the month
//! arithmetic that resolves them against a document's date.

use super::lexicon as lx;
use super::scan::Ctx;
use super::Period;
use crate::text::tokens::TokKind;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A calendar date, as precise as the text made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
pub struct DateSpec {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl DateSpec {
    /// Months since year 0 of the date's first month, if it has a year.
    pub fn month_index(&self) -> Option<i64> {
        Some(self.year? as i64 * 12 + self.month.unwrap_or(1) as i64 - 1)
    }

    /// "Sep 2016", "12 Sep 2016", "2016".
    pub fn display(&self) -> String {
        const M: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let month = self.month.and_then(|m| M.get(m as usize - 1)).copied();
        match (self.day, month, self.year) {
            (Some(d), Some(m), Some(y)) => format!("{d} {m} {y}"),
            (None, Some(m), Some(y)) => format!("{m} {y}"),
            (_, None, Some(y)) => y.to_string(),
            (Some(d), Some(m), None) => format!("{d} {m}"),
            (None, Some(m), None) => m.to_string(),
            _ => String::new(),
        }
    }
}

/// One time cue.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cue {
    /// "at its peak", "a monthly peak of", "at the height of".
    Peak,
    /// "a year ago", "two years ago": months before the text's date.
    Ago { months: f64 },
    /// "last year", "last month".
    Last(Period),
    /// A calendar date: "in December 2015", "in 2015", "by the end of 2015", "Dec. 5".
    Date(DateSpec),
    /// Cumulative up to the text's date: "since January", "this year", "in the past 18 months", "so far".
    Window,
    /// Unspecified past: "previously", "in previous years", "once", "formerly".
    Earlier,
    /// The present: "now", "currently", "today", "at present".
    Now,
    /// A month without a year in a sentence about the future ("will close
    /// by the end of March", "would open in January"): the next such month.
    Coming(DateSpec),
    /// A figure in a sentence about the future with no date ("will lay off
    /// about 1,350 workers"): some time after the text's date.
    Ahead,
}

/// The time a figure is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeRef {
    /// The expression(s) in the text.
    pub span: Range<usize>,
    pub cues: Vec<Cue>,
}

/// A span of months (inclusive), as month indexes.
pub type MonthRange = (i64, i64);

impl TimeRef {
    pub fn is_peak(&self) -> bool {
        self.cues.contains(&Cue::Peak)
    }

    /// Only a time after the text's: "will lay off about 1,350 workers".
    pub fn is_ahead(&self) -> bool {
        self.cues.iter().all(|c| matches!(c, Cue::Ahead))
    }

    /// Only a vague past: "previously", "in previous years".
    pub fn is_vague_past(&self) -> bool {
        self.cues.contains(&Cue::Earlier)
            && !self.cues.iter().any(|c| matches!(c, Cue::Date(_) | Cue::Coming(_) | Cue::Ago { .. } | Cue::Last(_)))
    }

    /// Does it place the figure before the text's own date?
    /// Dates count by the last month they reach ("in January and February"
    /// in March is the latest news, not the past).
    pub fn is_past(&self, doc: Option<DateSpec>) -> bool {
        let dates_end = self.cues.iter().filter_map(|c| resolve_cue_date(c, doc)).map(|r| r.1).max();
        self.cues.iter().any(|c| match c {
            Cue::Peak | Cue::Ago { .. } | Cue::Last(_) | Cue::Earlier => true,
            Cue::Date(d) => match (doc.and_then(|d| d.month_index()), dates_end) {
                (Some(now), Some(end)) => end < now - 1,
                _ => d.year.is_some() || d.month.is_some(),
            },
            Cue::Window | Cue::Now | Cue::Coming(_) | Cue::Ahead => false,
        })
    }

    /// The months it refers to, resolved against the text's date; several
    /// dates ("between 2014 and 2016") span from the first to the last.
    pub fn months(&self, doc: Option<DateSpec>) -> Option<MonthRange> {
        let dates: Vec<MonthRange> = self.cues.iter().filter_map(|c| resolve_cue_date(c, doc)).collect();
        // a date is the most precise: "the last quarter of 2023" is in 2023
        if !dates.is_empty() {
            let lo = dates.iter().map(|d| d.0).min()?;
            let hi = dates.iter().map(|d| d.1).max()?;
            return Some((lo, hi));
        }
        let now = doc.and_then(|d| d.month_index());
        self.cues.iter().find_map(|c| match c {
            Cue::Ago { months } => {
                let now = now?;
                let m = months.round() as i64;
                let slack = (m / 4).max(1);
                Some((now - m - slack, now - m + slack))
            }
            Cue::Last(p) => {
                let now = now?;
                let year = now / 12;
                match p {
                    Period::Year => Some(((year - 1) * 12, (year - 1) * 12 + 11)),
                    Period::Month => Some((now - 1, now - 1)),
                    _ => Some((now - 1, now)),
                }
            }
            Cue::Date(_) | Cue::Coming(_) => resolve_cue_date(c, doc),
            // "previously", "in previous years": some time before the text's date
            Cue::Earlier => Some((i64::MIN / 4, now? - 1)),
            _ => None,
        })
    }

    /// A month without a year ("the previous February", "on 1 March and
    /// on 29 March"), the only time given: its month of year.
    pub fn yearless_month(&self) -> Option<u32> {
        let month = |c: &Cue| match c {
            Cue::Date(DateSpec { year: None, month: Some(m), .. })
            | Cue::Coming(DateSpec { year: None, month: Some(m), .. }) => Some(*m),
            _ => None,
        };
        let first = month(self.cues.first()?)?;
        self.cues.iter().all(|c| month(c) == Some(first)).then_some(first)
    }
}

/// The months of a date cue: a past or present date's, or a coming month's
/// (the first such month after the document's).
fn resolve_cue_date(c: &Cue, doc: Option<DateSpec>) -> Option<MonthRange> {
    match c {
        Cue::Date(d) => resolve_date(*d, doc),
        Cue::Coming(d) => {
            let (i, _) = resolve_date(*d, doc)?;
            let now = doc?.month_index()?;
            let i = if i < now { i + 12 } else { i };
            Some((i, i))
        }
        _ => None,
    }
}

/// The months a date names; a date without a year takes the latest such
/// month not after the document's date.
pub fn resolve_date(d: DateSpec, doc: Option<DateSpec>) -> Option<MonthRange> {
    match (d.year, d.month) {
        (Some(y), Some(m)) => {
            let i = y as i64 * 12 + m as i64 - 1;
            Some((i, i))
        }
        (Some(y), None) => Some((y as i64 * 12, y as i64 * 12 + 11)),
        (None, Some(m)) => {
            let now = doc?.month_index()?;
            let mut y = now / 12;
            if y * 12 + m as i64 - 1 > now {
                y -= 1;
            }
            let i = y * 12 + m as i64 - 1;
            Some((i, i))
        }
        (None, None) => None,
    }
}

/// Every time cue in a sentence: (first token, end token, cue).
pub(super) fn cues(cx: &Ctx) -> Vec<(usize, usize, Cue)> {
    let mut out = Vec::new();
    let n = cx.toks.len();
    let mut i = 0;
    // once a sentence speaks of a coming month, its later months come too
    let mut coming = false;
    while i < n {
        if let Some((end, cue)) = cue_at(cx, i) {
            let start = match cue {
                Cue::Ago { .. } => ago_start(cx, i).max(out.last().map_or(0, |c: &(usize, usize, Cue)| c.1)),
                _ => i,
            };
            let cue = match cue {
                Cue::Date(d) if d.year.is_none() && d.month.is_some() && (coming || future_before(cx, start)) => {
                    coming = true;
                    Cue::Coming(d)
                }
                c => c,
            };
            out.push((start, end, cue));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Is the word at `k` a future marker, a word before a date that puts it in
/// the future: "will", "would", "plans to", "scheduled"? (A match, not a
/// search of a list: this is asked of the 15 words before every date.)
pub(super) fn is_future_marker(cx: &Ctx, k: usize) -> bool {
    cx.word(k).is_some_and(|w| {
        matches!(w, "will" | "would" | "shall" | "plans" | "planned" | "plan" | "scheduled" | "expects" | "intends")
    })
}

/// Does a future marker come shortly before token `k` in its sentence?
fn future_before(cx: &Ctx, k: usize) -> bool {
    (k.saturating_sub(15)..k).any(|j| is_future_marker(cx, j))
}

fn year_at(cx: &Ctx, i: usize) -> Option<i32> {
    if cx.kind(i) != Some(TokKind::Num) {
        return None;
    }
    let raw = cx.raw(i);
    if raw.len() != 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = raw.parse().ok()?;
    let glued_alnum = cx.glued(i + 1) && matches!(cx.kind(i + 1), Some(TokKind::Word | TokKind::Num));
    ((1000..=2100).contains(&y) && !glued_alnum).then_some(y)
}

fn day_at(cx: &Ctx, i: usize) -> Option<u32> {
    if cx.kind(i) != Some(TokKind::Num) {
        return None;
    }
    let d: u32 = cx.raw(i).parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A month name (capitalised, or an abbreviation with its period) at `i`:
/// (month, next token).
fn month_at(cx: &Ctx, i: usize) -> Option<(u32, usize)> {
    let raw = cx.raw_at(i)?;
    if cx.kind(i) != Some(TokKind::Word) || !raw.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let w = cx.word(i)?;
    // "December's rate"
    let m = lx::month(w.strip_suffix("'s").or_else(|| w.strip_suffix("\u{2019}s")).unwrap_or(w))?;
    let mut next = i + 1;
    if cx.raw_at(next) == Some(".") && cx.glued(next) && raw.len() <= 4 {
        next += 1;
    }
    // "May" and "March" are also verbs and names ("Theresa May", "the March
    // on Washington"): require a date-like neighbour or a preposition. ("Mar."
    // is only a month.)
    if m == 5 || (m == 3 && raw.len() > 3) {
        let prev_ok = i > 0
            && (day_at(cx, i - 1).is_some()
                || matches!(
                    cx.word(i - 1),
                    Some(
                        "in" | "since"
                            | "by"
                            | "until"
                            | "early"
                            | "late"
                            | "mid"
                            | "last"
                            | "next"
                            | "of"
                            | "on"
                            | "from"
                            | "through"
                            | "this"
                            | "to"
                            | "during"
                            | "before"
                            | "after"
                            | "between"
                            | "throughout"
                            | "till"
                            | "each"
                            | "every"
                    )
                )
                // "April and May", "March or April"
                || (matches!(cx.word(i - 1), Some("and" | "or" | "-" | "\u{2013}"))
                    && i >= 2
                    && cx.word(i - 2).and_then(lx::month).is_some()));
        if !prev_ok && day_at(cx, next).is_none() && year_at(cx, next).is_none() {
            return None;
        }
    }
    Some((m, next))
}

/// A calendar date at `i`: "December 2015", "Dec. 5", "April 28, 2016",
/// "12 September 2016", "2016-04-28", or a year after a time preposition.
pub(super) fn date_at(cx: &Ctx, i: usize) -> Option<(usize, DateSpec)> {
    // "12 September 2016"
    if let Some(day) = day_at(cx, i) {
        if let Some((m, next)) = month_at(cx, i + 1) {
            let (year, end) = match year_at(cx, next) {
                Some(y) => (Some(y), next + 1),
                None => (None, next),
            };
            return Some((end, DateSpec { year, month: Some(m), day: Some(day) }));
        }
    }
    if let Some((m, next)) = month_at(cx, i) {
        let mut end = next;
        let mut day = None;
        if let Some(d) = day_at(cx, next) {
            if year_at(cx, next).is_none() {
                day = Some(d);
                end = next + 1;
                if cx.raw_at(end) == Some(",") && year_at(cx, end + 1).is_some() {
                    end += 1;
                }
            }
        }
        let mut year = None;
        if let Some(y) = year_at(cx, end) {
            year = Some(y);
            end += 1;
        }
        return Some((end, DateSpec { year, month: Some(m), day }));
    }
    // ISO 2016-04-28
    if let Some(y) = year_at(cx, i) {
        if cx.raw_at(i + 1) == Some("-") && cx.glued(i + 1) {
            if let (Some(m), Some(d)) = (day_at(cx, i + 2), day_at(cx, i + 4)) {
                if cx.raw_at(i + 3) == Some("-") && m <= 12 {
                    return Some((i + 5, DateSpec { year: Some(y), month: Some(m), day: Some(d) }));
                }
            }
        }
        if i > 0 && cx.word(i - 1).is_some_and(lx::is_time_preposition) {
            return Some((i + 1, DateSpec { year: Some(y), month: None, day: None }));
        }
    }
    None
}

fn cue_at(cx: &Ctx, i: usize) -> Option<(usize, Cue)> {
    // cheap rejects: cues start with a number, a capital (month) or one of a few words
    match cx.kind(i) {
        Some(TokKind::Num) => {}
        Some(TokKind::Word) => {
            let raw = cx.raw(i);
            let capital = raw.starts_with(|c: char| c.is_uppercase());
            let w = cx.word(i).unwrap_or("");
            let starter = matches!(
                w,
                "peak"
                    | "peaked"
                    | "top"
                    | "topped"
                    | "tops"
                    | "before"
                    | "height"
                    | "heyday"
                    | "zenith"
                    | "now"
                    | "currently"
                    | "today"
                    | "presently"
                    | "nowadays"
                    | "previously"
                    | "formerly"
                    | "once"
                    | "earlier"
                    | "previous"
                    | "past"
                    | "prior"
                    | "since"
                    | "so"
                    | "this"
                    | "last"
                    | "ago"
                    | "in"
                    | "over"
                    | "during"
                    | "within"
            );
            if !capital && !starter {
                return None;
            }
        }
        _ => return None,
    }
    if let Some((end, d)) = date_at(cx, i) {
        // "by the end of 2015" → December
        let end_of = i >= 2 && cx.word(i - 1) == Some("of") && matches!(cx.word(i - 2), Some("end"));
        let d = if end_of && d.month.is_none() { DateSpec { month: Some(12), ..d } } else { d };
        return Some((end, Cue::Date(d)));
    }
    let w = cx.word(i)?;
    match w {
        "peak" | "peaked" | "height" | "heyday" | "zenith" => Some((i + 1, Cue::Peak)),
        // "to top out at 5.5 percent"
        "top" | "topped" | "tops" if cx.word(i + 1) == Some("out") => Some((i + 2, Cue::Peak)),
        // "a year before", "the month before (that)": before the time just spoken of; "the 18 months
        // before the drawdown" is a span before some event, which no cue places
        "before"
            if i > 0
                && cx.word(i - 1).is_some_and(lx::is_time_unit)
                && cx.word(i + 1).is_none_or(|w| matches!(w, "that" | "then")) =>
        {
            Some((i + 1, Cue::Earlier))
        }
        "now" | "currently" | "today" | "presently" | "nowadays" => Some((i + 1, Cue::Now)),
        "previously" | "formerly" | "once" | "earlier" if w != "earlier" || !matches!(cx.word(i + 1), Some("this")) => {
            Some((i + 1, Cue::Earlier))
        }
        "previous" | "past" | "prior"
            if matches!(cx.word(i + 1), Some("years" | "months" | "decades"))
                && !matches!(cx.word(i.wrapping_sub(1)), Some("the")) =>
        {
            Some((i + 2, Cue::Earlier))
        }
        "since" | "so" if w == "since" || cx.word(i + 1) == Some("far") => {
            // "since Dec. 5 when ...": the figure is at that date
            if w == "since" {
                if let Some((end, d)) = date_at(cx, i + 1) {
                    if cx.word(end) == Some("when") {
                        return Some((end, Cue::Date(d)));
                    }
                }
            }
            // the window's start: "since the beginning of 2016", "since January"
            let end = (i + 1..(i + 6).min(cx.toks.len())).find_map(|j| date_at(cx, j).map(|(e, _)| e)).unwrap_or(i + 1);
            Some((end, Cue::Window))
        }
        "this" => cx.word(i + 1).and_then(lx::period_noun).map(|_| (i + 2, Cue::Window)),
        "last" => match cx.word(i + 1) {
            Some(n) => {
                if let Some(p) = lx::period_noun(n) {
                    Some((i + 2, Cue::Last(p)))
                } else if let Some((m, next)) = month_at(cx, i + 1) {
                    Some((next, Cue::Date(DateSpec { year: None, month: Some(m), day: None })))
                } else {
                    None
                }
            }
            None => None,
        },
        "ago" => ago_before(cx, i).map(|months| (i + 1, Cue::Ago { months })),
        _ => {
            // "in the past 18 months", "over the last two years": a window
            if matches!(w, "in" | "over" | "during" | "within")
                && cx.word(i + 1) == Some("the")
                && matches!(cx.word(i + 2), Some("past" | "last"))
            {
                let mut j = i + 3;
                while j < i + 6 && cx.raw_at(j).is_some() && !cx.word(j).is_some_and(lx::is_time_unit) {
                    j += 1;
                }
                if cx.word(j).is_some_and(lx::is_time_unit) {
                    return Some((j + 1, Cue::Window));
                }
            }
            None
        }
    }
}

/// The first token of "about a year ago", "18 months ago".
fn ago_start(cx: &Ctx, ago: usize) -> usize {
    let mut s = ago.saturating_sub(2);
    if s > 0 && matches!(cx.word(s - 1), Some("about" | "just" | "roughly" | "nearly" | "some" | "around" | "almost")) {
        s -= 1;
    }
    s
}

/// "a year ago", "two years ago", "18 months ago": how many months.
/// "a year earlier", "18 months before", "two years ago" starting at token
/// `i`, after a value a figure changed from: how many months before the
/// text's date, and the token after the phrase.
pub(super) fn offset_at(cx: &Ctx, i: usize) -> Option<(f64, usize)> {
    let k = i + 2;
    if !matches!(cx.word(k), Some("earlier" | "before" | "ago")) || !cx.word(i + 1).is_some_and(lx::is_time_unit) {
        return None;
    }
    ago_before(cx, k).map(|m| (m, k + 1))
}

fn ago_before(cx: &Ctx, ago: usize) -> Option<f64> {
    let unit_i = ago.checked_sub(1)?;
    let unit = cx.word(unit_i)?;
    let months_per = match unit.trim_end_matches('s') {
        "year" => 12.0,
        "month" => 1.0,
        "week" => 0.25,
        "day" => 1.0 / 30.0,
        "decade" => 120.0,
        _ => return Some(6.0).filter(|_| false),
    };
    let n_i = unit_i.checked_sub(1)?;
    let n = match cx.word(n_i) {
        Some("a" | "an") => 1.0,
        Some("few") | Some("several") => 3.0,
        Some(w) => lx::small_number(w)?,
        None => cx.raw_at(n_i)?.parse::<f64>().ok()?,
    };
    Some(n * months_per)
}
