//! Labelled cases made from a set of real articles and the human summaries
//! written from them (`<set>/articles/<id>.txt` or `<id>_<k>.txt`,
//! `<set>/summaries/<id>.txt`), without asking the engine anything:
//!
//! - **supported**: a summary number whose value (digits, words, scales
//!   normalised by `mentions`) its own article states, checked against all
//!   the set's articles;
//! - **contradicted**: the same summary with that number made three times
//!   larger (or smaller, after "fewer than", "up to" and the like, so that
//!   the bound moves away from the article's value), where no number of the
//!   article is within a fifth of the new value;
//! - **unsourced**: a supported case checked without its own article(s),
//!   only where no other article states that value.
//!
//! Each case is in the **fit** part or the **check** part by a hash of its
//! pair's id: weights and thresholds are chosen on fit, check is only reported.

use super::mentions::{mentions, Key, Mention};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Supported,
    Contradicted,
    Unsourced,
}

impl Label {
    pub const ALL: [Label; 3] = [Label::Supported, Label::Contradicted, Label::Unsourced];
    pub fn name(self) -> &'static str {
        match self {
            Label::Supported => "supported",
            Label::Contradicted => "contradicted",
            Label::Unsourced => "unsourced",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Fit,
    Check,
}

/// A summary and the article(s) it was written from.
#[derive(Clone, Debug)]
pub struct Pair {
    pub id: String,
    pub summary: String,
    pub articles: Vec<PathBuf>,
    /// The numbers the summary states.
    pub mentions: Vec<Mention>,
}

/// One labelled case: the note text, where its number stands, what the
/// verdict should be.
#[derive(Clone, Debug)]
pub struct Case {
    pub pair: usize,
    pub label: Label,
    pub part: Part,
    pub note: String,
    /// The number's place in `note`.
    pub span: Range<usize>,
    /// The value the summary states there (before a contradicted case changed it).
    pub value: f64,
}

/// A set: its pairs, the folder of its articles and its cases.
#[derive(Debug)]
pub struct Set {
    pub name: String,
    pub articles_dir: PathBuf,
    pub pairs: Vec<Pair>,
    pub cases: Vec<Case>,
}

/// FNV-1a of the pair id: which part a pair's cases are in, and slices.
pub fn pair_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

pub fn part_of(id: &str) -> Part {
    if pair_hash(id).is_multiple_of(2) {
        Part::Fit
    } else {
        Part::Check
    }
}

/// The pair id an article file belongs to: its stem, or for a set with
/// several articles per summary (`mn12_3`), the stem without `_k`.
fn pair_id_of(stem: &str, summaries: &HashSet<String>) -> String {
    if summaries.contains(stem) {
        return stem.to_string();
    }
    match stem.rsplit_once('_') {
        Some((id, k)) if k.chars().all(|c| c.is_ascii_digit()) => id.to_string(),
        _ => stem.to_string(),
    }
}

fn stems(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "txt") {
            if let Some(s) = p.file_stem().and_then(|s| s.to_str()) {
                out.push((s.to_string(), p.clone()));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Words before a number that make it a bound from above: making it
/// smaller moves it away from the value.
fn upper_bound_before(note: &str, at: usize) -> bool {
    let head = note[..at].to_ascii_lowercase();
    let head = head.trim_end().trim_end_matches(['$', '£', '€']).trim_end();
    ["fewer than", "less than", "under", "up to", "below", "nearly", "almost", "at most", "no more than", "just under"]
        .iter()
        .any(|w| head.ends_with(w))
}

/// `m`'s number written as `value` in the same style (separators,
/// decimals); `None` when it would round to nothing.
fn rewrite(note: &str, m: &Mention, factor: f64) -> Option<String> {
    let raw = &note[m.number.clone()];
    if m.words {
        let v = (m.value * factor).round();
        return (v >= 1.0).then(|| format!("{v}"));
    }
    let digits: f64 = raw.replace(',', "").parse().ok()?;
    let decimals = raw.split_once('.').map_or(0, |(_, d)| d.len());
    let v = digits * factor;
    let s = format!("{v:.decimals$}");
    if s.trim_start_matches(['0', '.']).is_empty() {
        return None;
    }
    if !raw.contains(',') {
        return Some(s);
    }
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    Some(frac.map_or(grouped.clone(), |f| format!("{grouped}.{f}")))
}

/// Reads set `dir` and makes its cases.
pub fn read_set(dir: &Path) -> Result<Set, String> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let summary_files = stems(&dir.join("summaries"))?;
    let summary_ids: HashSet<String> = summary_files.iter().map(|(s, _)| s.clone()).collect();
    let articles_dir = dir.join("articles");
    // Files of the same text are one article (a set may repeat an article
    // for each of its summaries, or share one between examples): a text is
    // named by its first file's stem, and a pair owns the texts of its files.
    let mut text_name: HashMap<u64, String> = HashMap::new();
    let mut files_of_text: HashMap<String, Vec<PathBuf>> = HashMap::new();
    let mut texts_of_pair: HashMap<String, Vec<String>> = HashMap::new();
    // which texts state each number
    let mut stated_by: HashMap<Key, HashSet<String>> = HashMap::new();
    for (stem, path) in stems(&articles_dir)? {
        let id = pair_id_of(&stem, &summary_ids);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = text_name.entry(pair_hash(&text)).or_insert_with(|| stem.clone()).clone();
        if name == stem {
            for m in mentions(&text) {
                stated_by.entry(m.key()).or_default().insert(name.clone());
            }
        }
        files_of_text.entry(name.clone()).or_default().push(path);
        texts_of_pair.entry(id).or_default().push(name);
    }
    let own_values = |texts: &[String]| -> Vec<Key> {
        let mut out: Vec<Key> =
            stated_by.iter().filter(|(_, by)| texts.iter().any(|t| by.contains(t))).map(|(k, _)| *k).collect();
        out.sort();
        out
    };
    let mut pairs = Vec::new();
    let mut cases = Vec::new();
    for (id, path) in summary_files {
        let Some(texts) = texts_of_pair.get(&id) else { continue };
        let mut arts: Vec<PathBuf> = texts.iter().filter_map(|t| files_of_text.get(t)).flatten().cloned().collect();
        arts.sort();
        arts.dedup();
        let summary = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let ms = mentions(&summary);
        let part = part_of(&id);
        let pair = pairs.len();
        let own = if ms.is_empty() { Vec::new() } else { own_values(texts) };
        for m in &ms {
            let key = m.key();
            let by = stated_by.get(&key);
            if !by.is_some_and(|by| texts.iter().any(|t| by.contains(t))) {
                continue; // the article does not state it: no label can be made
            }
            cases.push(Case {
                pair,
                label: Label::Supported,
                part,
                note: summary.clone(),
                span: m.span.clone(),
                value: m.value,
            });
            if by.is_some_and(|by| by.iter().all(|t| texts.contains(t))) {
                cases.push(Case {
                    pair,
                    label: Label::Unsourced,
                    part,
                    note: summary.clone(),
                    span: m.span.clone(),
                    value: m.value,
                });
            }
            let mut factor = if upper_bound_before(&summary, m.span.start) { 1.0 / 3.0 } else { 3.0 };
            if m.percent && m.value * factor > 100.0 {
                factor = 1.0 / 3.0;
            }
            let new_value = m.value * factor;
            let near = own.iter().any(|k| {
                k.percent == m.percent && {
                    let v = k.milli as f64 / 1000.0;
                    (v - new_value).abs() <= 0.2 * new_value.abs().max(v.abs())
                }
            });
            if near {
                continue;
            }
            if let Some(text) = rewrite(&summary, m, factor) {
                let mut note = summary.clone();
                note.replace_range(m.number.clone(), &text);
                let end = m.span.end + text.len() - m.number.len();
                cases.push(Case {
                    pair,
                    label: Label::Contradicted,
                    part,
                    note,
                    span: m.span.start..end,
                    value: m.value,
                });
            }
        }
        pairs.push(Pair { id, summary, articles: arts, mentions: ms });
    }
    Ok(Set { name, articles_dir, pairs, cases })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewriting_keeps_the_style() {
        let note = "About 1,200 staff and 4.5bn and six men";
        let ms = mentions(note);
        assert_eq!(rewrite(note, &ms[0], 3.0).as_deref(), Some("3,600"));
        assert_eq!(rewrite(note, &ms[1], 3.0).as_deref(), Some("13.5"));
        assert_eq!(rewrite(note, &ms[2], 3.0).as_deref(), Some("18"));
        assert_eq!(rewrite(note, &ms[0], 1.0 / 3.0).as_deref(), Some("400"));
    }

    #[test]
    fn bounds_from_above_are_moved_down() {
        assert!(upper_bound_before("fewer than 1,000", 11));
        assert!(upper_bound_before("up to $5m", 7));
        assert!(!upper_bound_before("more than 1,000", 10));
    }

    #[test]
    fn parts_split_by_id() {
        let ids = (0..1000).map(|i| format!("id{i}"));
        let fit = ids.filter(|id| part_of(id) == Part::Fit).count();
        assert!((400..600).contains(&fit), "{fit}");
    }
}
