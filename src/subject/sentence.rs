//! A sentence read once for the subjects of all its figures: its tokens and
//! their terms, where its clauses break, which tokens other figures' words
//! cover, the terms of each stretch between two breaks, and its names. A
//! figure's subject then costs the stretches of its clause, the tokens next
//! to it and the sentence's terms (which every subject holds), never a pass
//! over the sentence per token: one sentence of 8,000 figures is read in
//! about the time of 8,000 short ones.

use super::{fronted_phrase, is_break, is_comparison, merge, names, term, Cells, Subject, Synonyms, Weight};
use super::{CLAUSE, NEAR, NEAR_TOKENS, NOUN, SENTENCE};
use crate::figures::Figure;
use crate::text::tokens::{tokenize, TokKind, Token};
use std::ops::Range;

/// One sentence, read for its figures' subjects.
pub struct SentenceSubjects<'a> {
    text: &'a str,
    synonyms: &'a Synonyms,
    toks: Vec<Token>,
    /// The sentence's distinct terms, sorted (a subject lists them so).
    terms: Vec<String>,
    /// Each token's term, as an index into `terms` (words that have one).
    term_at: Vec<Option<u32>>,
    /// How many tokens have each term.
    occurs: Vec<u32>,
    /// How many of the given figure spans cover each token.
    cover: Vec<u32>,
    /// The given figure spans, sorted (to count a figure's own).
    spans: Vec<Range<usize>>,
    /// Indices of the tokens that end a clause.
    break_at: Vec<usize>,
    /// Counts over `toks[..k]`, at `k`: breaks, words with a term, words
    /// that set a figure against another.
    breaks_before: Vec<u32>,
    termed_before: Vec<u32>,
    comparisons_before: Vec<u32>,
    /// Per stretch between breaks, its terms with their counts: of all its
    /// words, and of those no figure span covers.
    stretch_all: Vec<Vec<(u32, u32)>>,
    stretch_free: Vec<Vec<(u32, u32)>>,
    names: names::SentenceNames,
    /// The document's table cells, read once for all their figures.
    cells: &'a Cells,
}

/// Each term with how often it occurs.
fn counted(mut ids: Vec<u32>) -> Vec<(u32, u32)> {
    ids.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        match out.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => out.push((id, 1)),
        }
    }
    out
}

/// Running counts of `hit` over `0..n`, one more than `n` long.
fn prefix(n: usize, hit: impl Fn(usize) -> bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(n + 1);
    let mut c = 0;
    out.push(0);
    for k in 0..n {
        c += u32::from(hit(k));
        out.push(c);
    }
    out
}

impl<'a> SentenceSubjects<'a> {
    /// Reads `sentence` of `text` (masked prose), whose figures' spans are
    /// `spans` (their words count only as the sentence's in other figures'
    /// subjects); `cells` holds the words of the document's table cells.
    pub fn new(
        text: &'a str,
        sentence: Range<usize>,
        spans: &[Range<usize>],
        synonyms: &'a Synonyms,
        cells: &'a Cells,
    ) -> SentenceSubjects<'a> {
        let toks = tokenize(text, sentence);
        let n = toks.len();
        let strings: Vec<Option<String>> =
            toks.iter().map(|t| if t.kind == TokKind::Word { term(t.text(text), synonyms) } else { None }).collect();
        let mut terms: Vec<String> = strings.iter().flatten().cloned().collect();
        terms.sort_unstable();
        terms.dedup();
        let term_at: Vec<Option<u32>> =
            strings.iter().map(|s| s.as_ref().and_then(|s| terms.binary_search(s).ok()).map(|i| i as u32)).collect();
        let mut occurs = vec![0u32; terms.len()];
        for id in term_at.iter().flatten() {
            occurs[*id as usize] += 1;
        }
        // tokens a span covers are a run: those starting in it up to those ending in it
        let mut delta = vec![0i64; n + 1];
        for s in spans {
            let lo = toks.partition_point(|t| t.start < s.start);
            let hi = toks.partition_point(|t| t.end <= s.end);
            if lo < hi {
                delta[lo] += 1;
                delta[hi] -= 1;
            }
        }
        let mut running = 0i64;
        let cover: Vec<u32> = delta[..n]
            .iter()
            .map(|d| {
                running += d;
                running.max(0) as u32
            })
            .collect();
        let is_brk: Vec<bool> = toks.iter().map(|t| is_break(t.text(text))).collect();
        let break_at: Vec<usize> = (0..n).filter(|&k| is_brk[k]).collect();
        let mut all = vec![Vec::new(); break_at.len() + 1];
        let mut free = vec![Vec::new(); break_at.len() + 1];
        let mut stretch = 0;
        for k in 0..n {
            if is_brk[k] {
                stretch += 1;
            } else if let Some(id) = term_at[k] {
                all[stretch].push(id);
                if cover[k] == 0 {
                    free[stretch].push(id);
                }
            }
        }
        let mut spans = spans.to_vec();
        spans.sort_unstable_by_key(|s| (s.start, s.end));
        SentenceSubjects {
            text,
            synonyms,
            breaks_before: prefix(n, |k| is_brk[k]),
            termed_before: prefix(n, |k| term_at[k].is_some()),
            comparisons_before: prefix(n, |k| is_comparison(toks[k].text(text))),
            names: names::SentenceNames::new(names::found_in(text, &toks, synonyms)),
            stretch_all: all.into_iter().map(counted).collect(),
            stretch_free: free.into_iter().map(counted).collect(),
            cells,
            toks,
            terms,
            term_at,
            occurs,
            cover,
            spans,
            break_at,
        }
    }

    /// How many of the spans this was read with are `span`.
    pub fn count_of(&self, span: &Range<usize>) -> usize {
        let key = |s: &Range<usize>| (s.start, s.end);
        let lo = self.spans.partition_point(|s| key(s) < key(span));
        let hi = self.spans.partition_point(|s| key(s) <= key(span));
        hi - lo
    }

    /// Where the clause around tokens `first..=last` starts: after the last
    /// break before `first`.
    fn clause_start(&self, first: usize) -> usize {
        match self.breaks_before[first] {
            0 => 0,
            b => self.break_at[b as usize - 1] + 1,
        }
    }

    /// Where it ends: at the first break after `last`.
    fn clause_end(&self, last: usize) -> usize {
        let b = self.breaks_before[last + 1] as usize;
        self.break_at.get(b).copied().unwrap_or(self.toks.len())
    }

    /// The subject of `figure`, one of this sentence's: the other figures
    /// are the spans this was read with, less `own` of those that are
    /// `figure`'s (0 when they were read without it).
    pub fn of(&self, figure: &Figure, own: usize) -> Subject {
        let (text, toks, synonyms) = (self.text, &self.toks, self.synonyms);
        let n = toks.len();
        // a duration, an age or a physical unit says what kind of measure it is,
        // not what it is about: "36 hours" and "a day and a half" of one siege
        let measured = matches!(figure.kind, crate::figures::Kind::Duration | crate::figures::Kind::Age)
            || figure.unit.as_deref().is_some_and(|u| crate::figures::units::of(u).is_some());
        let noun_term = figure.noun.as_ref().filter(|_| !measured).and_then(|r| term(&text[r.clone()], synonyms));
        let mut weights = vec![SENTENCE; self.terms.len()];
        let mut names = Vec::new();
        if n > 0 {
            names = self.clause_terms(figure, own, &mut weights);
        }
        let mut bag: Vec<(String, Weight)> = self.terms.iter().cloned().zip(weights).collect();
        if measured {
            // the figure's own words ("hours", "year-old") are no part of its subject
            let only = self.only_inside(&figure.span);
            let mut k = 0;
            bag.retain(|_| {
                k += 1;
                !only[k - 1]
            });
        }
        let mut extra = false;
        for (k, r) in figure.context.iter().enumerate() {
            // the row's cells read like the figure's clause; the header (last) less so
            let weight = if k + 1 == figure.context.len() { SENTENCE } else { CLAUSE };
            let cell = self.cells.words(text, r.clone(), synonyms);
            names.extend(names::pick(&cell.found, |_| weight == CLAUSE));
            for term in &cell.terms {
                bag.push((term.clone(), weight));
                extra = true;
            }
        }
        if let Some(unit) = figure.unit.as_ref().filter(|_| figure.noun.is_none() && !measured) {
            if let Some(t) = term(unit, synonyms) {
                bag.push((t, NOUN));
                extra = true;
            }
        }
        let terms = if extra { merge(bag) } else { bag };
        Subject { terms, noun: noun_term, names: names::merge(names), context: Vec::new(), companions: Vec::new() }
    }

    /// For each of the sentence's terms: does it stand only in `span` (a
    /// run of tokens: its occurrences there are all it has)?
    fn only_inside(&self, span: &Range<usize>) -> Vec<bool> {
        let mut only = vec![false; self.terms.len()];
        let lo = self.toks.partition_point(|t| t.start < span.start);
        let hi = self.toks.partition_point(|t| t.end <= span.end).max(lo);
        let mut inside: Vec<u32> = self.term_at[lo..hi].iter().flatten().copied().collect();
        inside.sort_unstable();
        for run in inside.chunk_by(|a, b| a == b) {
            only[run[0] as usize] = run.len() as u32 == self.occurs[run[0] as usize];
        }
        only
    }

    /// Raises `weights` for the figure's clause and neighbours; returns
    /// the names its clause gives.
    fn clause_terms(&self, figure: &Figure, own: usize, weights: &mut [Weight]) -> Vec<names::Name> {
        let (text, toks) = (self.text, &self.toks);
        let n = toks.len();
        let span = &figure.span;
        let first = Some(toks.partition_point(|t| t.start < span.start)).filter(|&k| k < n).unwrap_or(0);
        let last = toks.partition_point(|t| t.end <= span.end).checked_sub(1).unwrap_or(first);
        let mut clause_start = self.clause_start(first);
        let clause_end = self.clause_end(last);
        // words with a term in a..b, less the figure's own
        let content = |a: usize, b: usize| {
            let all = self.termed_before[b] - self.termed_before[a.min(b)];
            let (oa, ob) = (a.max(first), b.min(last + 1));
            let own = if oa < ob { self.termed_before[ob] - self.termed_before[oa] } else { 0 };
            all - own
        };
        let word_before = |m: usize| first.checked_sub(m).filter(|k| *k >= clause_start).map(|k| toks[k].text(text));
        let changed_from =
            word_before(1) == Some("from") || word_before(1) == Some("the") && word_before(2) == Some("from");
        let compared =
            changed_from || self.comparisons_before[first] > self.comparisons_before[clause_start.min(first)];
        let elliptical = (content(clause_start, clause_end) == 0 || compared) && clause_start > 0;
        if elliptical {
            clause_start = self.clause_start(clause_start - 1);
        }
        let lead = fronted_phrase(text, toks, clause_start).unwrap_or(0..0);
        let names = self.names.pick(clause_start..clause_end, lead);

        // the clause's words away from the figure: clause weight where no
        // figure covers them (all of them when the clause is elliptical)
        let lo = first.saturating_sub(NEAR_TOKENS);
        let hi = (last + NEAR_TOKENS).min(n - 1);
        let counts_in_clause = |k: usize| {
            (clause_start..clause_end).contains(&k) && self.term_at[k].is_some() && (elliptical || self.cover[k] == 0)
        };
        if clause_start < clause_end {
            let stretches = if elliptical { &self.stretch_all } else { &self.stretch_free };
            let from = self.breaks_before[clause_start] as usize;
            let to = self.breaks_before[clause_end] as usize;
            let mut count = vec![0u32; self.terms.len()];
            for stretch in &stretches[from..=to.min(stretches.len() - 1)] {
                for &(id, c) in stretch {
                    count[id as usize] += c;
                }
            }
            for k in (lo..=hi).filter(|&k| counts_in_clause(k)) {
                if let Some(id) = self.term_at[k] {
                    count[id as usize] -= 1;
                }
            }
            for (w, c) in weights.iter_mut().zip(count) {
                if c > 0 {
                    *w = (*w).max(CLAUSE);
                }
            }
        }
        // the tokens next to the figure and its noun, each weighed whole
        let noun_at = figure.noun.as_ref().map(|r| toks.partition_point(|t| t.start < r.start)).filter(|&k| k < n);
        let own_covers = |k: usize| span.start <= toks[k].start && toks[k].end <= span.end;
        let weigh = |k: usize| {
            let covered = (self.cover[k] as usize).saturating_sub(if own_covers(k) { own } else { 0 });
            let in_other = covered > 0 && !(elliptical && k >= clause_start && k < clause_end);
            if in_other {
                SENTENCE
            } else if figure.noun.as_ref().is_some_and(|r| r.start == toks[k].start) {
                NOUN
            } else if k + NEAR_TOKENS >= first && k <= last + NEAR_TOKENS {
                NEAR
            } else if k >= clause_start && k < clause_end {
                CLAUSE
            } else {
                SENTENCE
            }
        };
        for k in (lo..=hi).chain(noun_at) {
            if let Some(id) = self.term_at[k] {
                let w = &mut weights[id as usize];
                *w = (*w).max(weigh(k));
            }
        }
        names
    }
}
