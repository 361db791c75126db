//! The terms of the passages around a note's figures (`Subject::context`),
//! read once for a whole note. Each figure's passage is a window of the
//! prose (its paragraph, at most some bytes either side of its sentence);
//! the windows of a long block, such as a wide table, overlap one another
//! almost whole, and tokenising each anew cost a pass of kilobytes per
//! figure. Here the note's words are read once, and a window costs its two
//! edges and how far it moved from the last one.
//!
//! Exactness: a window's words are those `tokenize` gives for it. Past a
//! *sync point* (a position after white space, at no digit) every
//! tokenisation that reaches it is in the same state — no token spans
//! white space there (a number's space-separated group needs digits after
//! it) — and no token before it looks past the white space. So the words
//! between a window's first and last sync points are the note's own words
//! there; only the edges are tokenised for the window.

use super::{term, Synonyms};
use crate::text::tokens::{tokenize, TokKind};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

/// A note's words and the window last read.
pub struct PassageTerms<'a> {
    prose: &'a str,
    synonyms: &'a Synonyms,
    /// The note's word tokens with a term: start, end, term (into `terms`).
    words: Vec<(u32, u32, u32)>,
    /// The note's distinct terms, sorted (an id's order is its term's).
    terms: Vec<String>,
    /// Whether `used` holds for each term.
    kept: Vec<bool>,
    /// The window of `words` last read, how often each term occurs in it,
    /// and the kept terms that do.
    current: Range<usize>,
    count: Vec<u32>,
    present: BTreeSet<u32>,
    used: &'a dyn Fn(&str) -> bool,
}

impl<'a> PassageTerms<'a> {
    /// Reads `region` of `prose` (a note's masked prose: a block whose
    /// windows are asked for, each inside it); a window's terms are those
    /// `used` keeps (the terms some source uses).
    pub fn new(
        prose: &'a str,
        region: Range<usize>,
        synonyms: &'a Synonyms,
        used: &'a dyn Fn(&str) -> bool,
    ) -> PassageTerms<'a> {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut words = Vec::new();
        for t in tokenize(prose, region) {
            let Some(term) = (t.kind == TokKind::Word).then(|| term(t.text(prose), synonyms)).flatten() else {
                continue;
            };
            let next = ids.len() as u32;
            let id = *ids.entry(term).or_insert(next);
            words.push((t.start as u32, t.end as u32, id));
        }
        let mut terms: Vec<(String, u32)> = ids.into_iter().collect();
        terms.sort_unstable();
        let mut rank = vec![0u32; terms.len()];
        for (r, (_, id)) in terms.iter().enumerate() {
            rank[*id as usize] = r as u32;
        }
        for w in &mut words {
            w.2 = rank[w.2 as usize];
        }
        let terms: Vec<String> = terms.into_iter().map(|(t, _)| t).collect();
        let kept = terms.iter().map(|t| used(t)).collect();
        let count = vec![0; terms.len()];
        PassageTerms { prose, synonyms, words, terms, kept, current: 0..0, count, present: BTreeSet::new(), used }
    }

    /// The terms of `window` (inside the region read) that `used` keeps,
    /// sorted and once each: what `subject::context_terms(prose, window)`
    /// gives, less the unused.
    pub fn of(&mut self, window: Range<usize>) -> Vec<String> {
        let prose = self.prose;
        let (Some(a), Some(b)) = (sync_after(prose, window.clone()), sync_before(prose, window.clone())) else {
            return self.read(window);
        };
        if a >= b {
            return self.read(window);
        }
        let from = self.words.partition_point(|w| (w.0 as usize) < a);
        let to = self.words.partition_point(|w| (w.1 as usize) <= b).max(from);
        self.slide(from..to);
        let mut out = self.read(window.start..a);
        out.extend(self.read(b..window.end));
        out.extend(self.present.iter().map(|id| self.terms[*id as usize].clone()));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The kept terms of `range`, tokenised alone.
    fn read(&self, range: Range<usize>) -> Vec<String> {
        let mut out: Vec<String> = tokenize(self.prose, range)
            .into_iter()
            .filter(|t| t.kind == TokKind::Word)
            .filter_map(|t| term(t.text(self.prose), self.synonyms))
            .filter(|t| (self.used)(t))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Moves the counted window of words to `to`.
    fn slide(&mut self, to: Range<usize>) {
        let from = self.current.clone();
        if to.start >= from.end || to.end <= from.start {
            // apart: empty it, then fill it
            self.change(from, false);
            self.change(to.clone(), true);
        } else {
            self.change(from.start.min(to.start)..to.start.max(from.start), to.start < from.start);
            self.change(from.end.min(to.end)..to.end.max(from.end), to.end > from.end);
        }
        self.current = to;
    }

    /// Counts the words of `range` in (`add`) or out.
    fn change(&mut self, range: Range<usize>, add: bool) {
        for k in range {
            let id = self.words[k].2;
            let c = &mut self.count[id as usize];
            if add {
                *c += 1;
                if *c == 1 && self.kept[id as usize] {
                    self.present.insert(id);
                }
            } else {
                *c -= 1;
                if *c == 0 {
                    self.present.remove(&id);
                }
            }
        }
    }
}

/// Is `at` a sync point of `prose`: after a white-space character, and at
/// no digit?
fn is_sync(prose: &str, at: usize) -> bool {
    prose.is_char_boundary(at)
        && prose[..at].chars().next_back().is_some_and(char::is_whitespace)
        && !prose.as_bytes().get(at).is_some_and(u8::is_ascii_digit)
}

/// The first sync point inside `window` (after its start).
fn sync_after(prose: &str, window: Range<usize>) -> Option<usize> {
    let text = prose.get(window.clone())?;
    text.char_indices().map(|(i, c)| window.start + i + c.len_utf8()).find(|&p| p < window.end && is_sync(prose, p))
}

/// The last sync point inside `window` (before its end).
fn sync_before(prose: &str, window: Range<usize>) -> Option<usize> {
    let text = prose.get(window.clone())?;
    text.char_indices().rev().map(|(i, _)| window.start + i).find(|&p| p > window.start && is_sync(prose, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::context_terms;

    /// Every window of `prose` from `starts` to `ends`, read as a note's check
    /// does (one after another) and alone, give the same terms.
    fn assert_same(prose: &str, windows: &[Range<usize>]) {
        let synonyms = Synonyms::default();
        let used = |t: &str| !t.starts_with('z');
        let mut passages = PassageTerms::new(prose, 0..prose.len(), &synonyms, &used);
        for w in windows {
            let mut alone = context_terms(prose, w.clone(), &synonyms);
            alone.retain(|t| used(t));
            assert_eq!(passages.of(w.clone()), alone, "window {w:?}: {:?}", &prose[w.clone()]);
        }
    }

    fn boundaries(prose: &str) -> Vec<usize> {
        (0..=prose.len()).filter(|&i| prose.is_char_boundary(i)).collect()
    }

    #[test]
    fn sliding_windows_read_what_each_window_read_alone_does() {
        let prose = "| Region 1 homes | Zone 2 homes |\n|---|---|\n| 1 000 homes in Ashford | 45 000 zebras \
                     (https://example.org/a_b) | don't stop | Turkey’s 3.5 tonnes | www.x.org/y 7,500 flats |\n\
                     \u{a0}12\u{a0}345 people, e-mail a@b.org or v1.2.3 — ten\u{2009}000 résumés, naïve zoo\n";
        let cuts = boundaries(prose);
        // every window of a stride, moving forward, back and apart
        let mut windows = Vec::new();
        for (i, &lo) in cuts.iter().enumerate().step_by(3) {
            for &hi in cuts[i..].iter().step_by(7) {
                windows.push(lo..hi);
            }
        }
        windows.extend([0..prose.len(), 5..40, 3..prose.len(), 0..0, 60..61]);
        assert_same(prose, &windows);
    }

    #[test]
    fn the_windows_of_a_wide_table_read_as_each_alone() {
        let width = 300;
        let row = |f: &dyn Fn(usize) -> String| format!("| {} |\n", (0..width).map(f).collect::<Vec<_>>().join(" | "));
        let mut table = row(&|c| format!("Region {c} homes"));
        table.push_str(&row(&|_| "---".into()));
        for r in 0..3 {
            table.push_str(&row(&|c| format!("{} homes zone{}", 10 + r * width + c, c % 7)));
        }
        let windows: Vec<Range<usize>> = boundaries(&table)
            .into_iter()
            .step_by(11)
            .map(|c| c.saturating_sub(1500)..(c + 1500).min(table.len()))
            .map(|w| {
                let floor = |mut i: usize| {
                    while !table.is_char_boundary(i) {
                        i -= 1;
                    }
                    i
                };
                floor(w.start)..floor(w.end)
            })
            .collect();
        assert_same(&table, &windows);
    }
}
