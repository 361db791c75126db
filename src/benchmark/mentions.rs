//! The numbers a text states, found without the extractor: digits (with
//! thousands separators and decimals), number words, scale words and
//! suffixes ("1.2 million", "$4.5bn", "2,000", "twenty-one", "six"), each
//! with its value and whether it is a percentage. What the benchmark
//! labels its cases by, so that the labels never depend on the engine they
//! measure. Years, dates, times of day, ordinals, scores and identifiers
//! ("G20", "Covid-19") are no mentions.

use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// One number a text states.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// The number as written, with its scale and percent sign: "1.2 million", "12%".
    pub span: Range<usize>,
    /// Where its digits or number words are (what a changed case rewrites).
    pub number: Range<usize>,
    pub value: f64,
    pub percent: bool,
    /// Written in words ("six", "twenty-one").
    pub words: bool,
}

impl Mention {
    /// The key two mentions of the same number share.
    pub fn key(&self) -> Key {
        Key::of(self.value, self.percent)
    }
}

/// A mention's value, rounded so that equal numbers compare equal, and
/// whether it is a percentage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub milli: i64,
    pub percent: bool,
}

impl Key {
    pub fn of(value: f64, percent: bool) -> Key {
        Key { milli: (value * 1000.0).round() as i64, percent }
    }
}

const MONTHS: [&str; 21] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
];

fn digits_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?ix)
            (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
            (?P<scale>\s?(?:thousand|million|billion|trillion|bn|mn|m|k|tn)\b)?
            (?P<pct>\s?(?:%|per\s?cent\b|percent\b))?",
        )
        .expect("digits pattern")
    })
}

fn word_value(w: &str) -> Option<f64> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    let w = w.to_ascii_lowercase();
    if let Some(i) = SMALL.iter().position(|s| *s == w) {
        return Some(i as f64);
    }
    TENS.iter().position(|s| *s == w).map(|i| (i as f64 + 2.0) * 10.0)
}

fn scale_value(w: &str) -> Option<f64> {
    match w.trim().to_ascii_lowercase().as_str() {
        "hundred" => Some(1e2),
        "thousand" | "k" => Some(1e3),
        "million" | "m" | "mn" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" | "tn" => Some(1e12),
        _ => None,
    }
}

fn is_month(w: &str) -> bool {
    MONTHS.contains(&w.trim_end_matches('.').to_ascii_lowercase().as_str())
}

/// The word before `at` (letters only) and the word after `end`.
fn word_before(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end();
    let start =
        head.char_indices().rev().find(|(_, c)| !c.is_alphanumeric() && *c != '.').map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

fn word_after(text: &str, end: usize) -> &str {
    let tail = text[end..].trim_start();
    let stop = tail.find(|c: char| !c.is_alphanumeric()).unwrap_or(tail.len());
    &tail[..stop]
}

/// Every number `text` states, in order.
pub fn mentions(text: &str) -> Vec<Mention> {
    let mut out = digit_mentions(text);
    out.extend(word_mentions(text));
    out.sort_by_key(|m| m.span.start);
    out
}

fn digit_mentions(text: &str) -> Vec<Mention> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for c in digits_re().captures_iter(text) {
        let Some(num) = c.name("num") else { continue };
        let whole = c.get(0).map_or(num.range(), |m| m.range());
        let (s, e) = (num.start(), whole.end);
        let prev = s.checked_sub(1).map(|i| bytes[i]);
        let next = text[num.end()..].chars().next();
        // part of an identifier, a decimal, a time, a score or a list of numbers
        if prev.is_some_and(|b| {
            b.is_ascii_alphanumeric()
                || b == b'.'
                || b == b':'
                || b == b'/'
                || b == b'-' && s >= 2 && bytes[s - 2].is_ascii_alphanumeric()
        }) {
            continue;
        }
        if next.is_some_and(|ch| ch.is_alphabetic() && c.name("scale").is_none() && c.name("pct").is_none()) {
            continue; // "1st", "3pm", "4G"
        }
        if matches!(next, Some(':') | Some('/')) && text[num.end() + 1..].starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        if next == Some('-') && text[num.end() + 1..].starts_with(|ch: char| ch.is_ascii_digit()) {
            continue; // a score or a span of years: "3-1", "2015-16"
        }
        let raw = num.as_str().replace(',', "");
        let Ok(mut value) = raw.parse::<f64>() else { continue };
        let scale = c.name("scale").map(|m| m.as_str());
        let pct = c.name("pct").is_some();
        let money = prev.is_some_and(|b| b == b'$') || text[..s].ends_with('£') || text[..s].ends_with('€');
        if scale.is_none() && !pct && !money && !num.as_str().contains([',', '.']) {
            let after = word_after(text, num.end());
            let before = word_before(text, s);
            if (1800.0..=2100.0).contains(&value) && raw.len() == 4 {
                continue; // a year
            }
            if (1.0..=31.0).contains(&value) && (is_month(after) || is_month(before)) {
                continue; // a date
            }
            if after.eq_ignore_ascii_case("am") || after.eq_ignore_ascii_case("pm") || after.starts_with("a.m") {
                continue;
            }
        }
        if let Some(f) = scale.and_then(scale_value) {
            value *= f;
        }
        if value <= 0.0 {
            continue;
        }
        out.push(Mention { span: s..e, number: num.range(), value, percent: pct, words: false });
    }
    out
}

/// Number words: "six", "twenty-one", "three hundred", "two million", "a dozen".
fn word_mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let words: Vec<(usize, &str)> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    // the scan above assumes one-byte separators; keep only words whose text is where it says
    let words: Vec<(usize, &str)> = words.into_iter().filter(|(s, w)| text.get(*s..*s + w.len()) == Some(*w)).collect();
    let mut i = 0;
    while i < words.len() {
        let (start, w) = words[i];
        let Some(first) = number_word(w) else {
            i += 1;
            continue;
        };
        let mut total = 0.0;
        let mut current = first;
        let mut end = start + w.len();
        let mut j = i + 1;
        let mut scaled = false;
        while j < words.len() {
            let (s, w) = words[j];
            if !text[end..s].trim().is_empty() {
                break; // punctuation between
            }
            if let Some(f) = scale_value(w).filter(|_| w.len() > 2) {
                if f == 100.0 {
                    current *= f;
                } else {
                    total += current * f;
                    current = 0.0;
                }
                scaled = true;
            } else if w.eq_ignore_ascii_case("and")
                && words.get(j + 1).is_some_and(|(_, n)| number_word(n).is_some())
                && scaled
            {
            } else if let Some(v) = number_word(w).filter(|v| *v < 100.0 && (current % 100.0 == 0.0 || total > 0.0)) {
                current += v;
            } else {
                break;
            }
            end = s + w.len();
            j += 1;
        }
        let value = total + current;
        let alone_one = value == 1.0 && j == i + 1;
        if value > 0.0 && !alone_one {
            out.push(Mention { span: start..end, number: start..end, value, percent: false, words: true });
        }
        i = j.max(i + 1);
    }
    out
}

fn number_word(w: &str) -> Option<f64> {
    if let Some((a, b)) = w.split_once('-') {
        let (t, u) = (word_value(a)?, word_value(b)?);
        return (t >= 20.0 && t % 10.0 == 0.0 && u < 10.0).then_some(t + u);
    }
    if w.eq_ignore_ascii_case("dozen") {
        return Some(12.0);
    }
    word_value(w).filter(|v| *v > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, f64, bool)> {
        mentions(text).into_iter().map(|m| (text[m.span].to_string(), m.value, m.percent)).collect()
    }

    #[test]
    fn digits_scales_and_percentages() {
        assert_eq!(
            values("Sales rose 12% to $4.5bn, with 1,200 staff and 3.6 million users; 40 per cent agreed."),
            vec![
                ("12%".into(), 12.0, true),
                ("4.5bn".into(), 4.5e9, false),
                ("1,200".into(), 1200.0, false),
                ("3.6 million".into(), 3.6e6, false),
                ("40 per cent".into(), 40.0, true),
            ]
        );
    }

    #[test]
    fn years_dates_times_scores_and_identifiers_are_no_mentions() {
        assert_eq!(
            values("In 2015, on 5 May at 10:30 and 3pm, the G20 met after Covid-19; they won 3-1 in the 1st leg."),
            vec![]
        );
    }

    #[test]
    fn number_words() {
        assert_eq!(
            values("Six men, twenty-one women, three hundred children and two million pounds; one of them."),
            vec![
                ("Six".into(), 6.0, false),
                ("twenty-one".into(), 21.0, false),
                ("three hundred".into(), 300.0, false),
                ("two million".into(), 2e6, false),
            ]
        );
    }
}
