//! The source corpus: every source file read, dated and indexed once, with
//! an inverted index from subject terms to source figures. Files are added,
//! replaced and removed one at a time, so a changed file re-indexes alone.

pub mod cache;
pub mod dating;
mod documents;
mod excerpts;
mod extra;
mod figure;
pub mod formats;
mod loading;
mod removal;
mod search;
mod slots;
mod source;
mod unit;

pub use excerpts::Excerpts;
pub use extra::Extra;
pub use figure::CompactFigure;
pub use loading::{
    discover, discover_under, is_source_file, load_file, load_folders, load_folders_cached, load_folders_except,
    not_read_reason, read_document, LoadReport, EXTENSIONS as SOURCE_EXTENSIONS,
};
pub use source::{Source, SourceFigure};
pub use unit::Unit;

use crate::subject::{Query, TermId};
use std::path::Path;
use std::sync::Arc;

/// A source figure's address: (slot, figure index).
pub type FigureRef = (u32, u32);

/// All sources and the term index over their figures.
#[derive(Default, Clone)]
pub struct Corpus {
    /// The sources, by slot, path and id.
    slots: slots::Slots,
    /// Source figures by subject term, indexed by `TermId::index`, each list sorted.
    postings: Vec<Vec<FigureRef>>,
    figure_count: usize,
    /// Sources by the terms of their whole text.
    documents: documents::DocumentIndex,
}

/// Why a citation key does not name one source.
#[derive(Debug, PartialEq, Eq)]
pub enum IdError {
    Unknown,
    Ambiguous(Vec<String>),
}

impl Corpus {
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Builds a corpus from sources already read.
    pub fn from_sources(sources: Vec<Source>) -> Corpus {
        let mut c = Corpus::new();
        for s in sources {
            c.insert(s, true);
        }
        c.slots.finish_bulk();
        for list in &mut c.postings {
            list.shrink_to_fit();
        }
        c.documents.shrink();
        c
    }

    /// Adds a source, replacing any source read from the same path.
    pub fn upsert(&mut self, source: Source) {
        self.insert(source, false);
    }

    /// `upsert`; with `bulk`, the id order is left to the caller's `finish_bulk`.
    fn insert(&mut self, source: Source, bulk: bool) {
        self.remove(&source.path.clone());
        let figures = source.figures.len();
        let slot = self.slots.insert(source, bulk);
        let Some(source) = self.slots.get(slot).cloned() else { return };
        for (k, f) in source.figures.iter().enumerate() {
            for t in f.subject.terms() {
                let i = t.id().index();
                if i >= self.postings.len() {
                    self.postings.resize_with(i + 1, Vec::new);
                }
                // kept sorted (a freed slot is reused) for `candidates`' binary search
                let (list, r) = (&mut self.postings[i], (slot, k as u32));
                match list.last() {
                    Some(last) if *last > r => list.insert(list.partition_point(|x| *x < r), r),
                    _ => list.push(r),
                }
            }
        }
        self.figure_count += figures;
        self.documents.insert(slot, &source.terms);
    }

    /// Every source, ordered by id.
    pub fn sources(&self) -> Vec<&Arc<Source>> {
        self.slots.by_id().collect()
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.len() == 0
    }

    pub fn figure_count(&self) -> usize {
        self.figure_count
    }

    pub fn by_path(&self, path: &Path) -> Option<&Arc<Source>> {
        self.slots.get(self.slots.find(path)?)
    }

    /// The slot of the source read from `path`: the first half of its figures' `FigureRef`s.
    pub fn slot_of(&self, path: &Path) -> Option<u32> {
        self.slots.find(path)
    }

    /// Every source whose text shares some of `terms` (a paragraph's,
    /// sorted by index), by slot, with the share of the terms' weight it
    /// uses, best first (`documents::DocumentIndex::sharing`).
    pub fn document_scores(&self, terms: &[TermId]) -> Vec<(u32, f32)> {
        self.documents.sharing(terms)
    }

    /// The source in `slot` (a `FigureRef`'s first part).
    pub fn source_at(&self, slot: u32) -> Option<&Arc<Source>> {
        self.slots.get(slot)
    }

    /// Does the text of any source use `term`?
    pub fn mentions(&self, term: TermId) -> bool {
        self.documents.mentions(term)
    }

    pub fn get(&self, r: FigureRef) -> Option<(&Arc<Source>, &SourceFigure)> {
        let s = self.slots.get(r.0)?;
        Some((s, s.figures.get(r.1 as usize)?))
    }

    /// The source a citation key names: its id, or a unique prefix of one.
    pub fn resolve_id(&self, key: &str) -> Result<&Arc<Source>, IdError> {
        if let Some(s) = self.slots.with_id(key) {
            return Ok(s);
        }
        let matches = self.slots.ids_with_prefix(key, 6);
        match matches.as_slice() {
            [one] => self.slots.with_id(one).ok_or(IdError::Unknown),
            [] => Err(IdError::Unknown),
            many => Err(IdError::Ambiguous(many.iter().map(|s| s.to_string()).collect())),
        }
    }

    /// How a source is named to people — in messages, hover, completion and
    /// `sources`: the shortest run of whole words its id (the file's stem)
    /// begins with that names it alone, as a citation key resolves it
    /// (`000_c28523b1df8d3a93` → `000`, `harbour` → `harbour`, and
    /// `harbour-fleet` beside `harbour-tugs` stays whole). Never a cut word:
    /// `har` for `harbour` reads as something else.
    pub fn short_id(&self, id: &str) -> String {
        let ends = id
            .char_indices()
            .filter(|&(i, c)| i > 0 && !c.is_alphanumeric() && id[..i].ends_with(char::is_alphanumeric))
            .map(|(i, _)| i)
            .chain(std::iter::once(id.len()));
        for n in ends {
            let prefix = &id[..n];
            // an exact id wins over a prefix, as in `resolve_id`
            let names_it = match self.slots.with_id(prefix) {
                Some(s) => s.id == id,
                None => self.slots.ids_with_prefix(prefix, 2).len() == 1,
            };
            if names_it {
                return prefix.to_string();
            }
        }
        id.to_string()
    }

    /// The source figures whose subject has `term`.
    fn postings(&self, term: TermId) -> &[FigureRef] {
        self.postings.get(term.index()).map_or(&[], Vec::as_slice)
    }

    /// Does any source figure's subject use `term`?
    pub fn uses(&self, term: TermId) -> bool {
        !self.postings(term).is_empty()
    }

    /// Inverse document frequency of a term over source figures.
    pub fn idf(&self, term: TermId) -> f32 {
        let n = self.figure_count as f32;
        let df = self.postings(term).len() as f32;
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// Source figures sharing distinctive terms with `subject`, at most
    /// `MAX_CANDIDATES`, those sharing the most (IDF-weighted) first; only
    /// those that can cover `min_share` of the subject's weight (as
    /// `Query::coverage` counts it). Terms common to a large part of the
    /// corpus only count for the counted noun.
    ///
    /// The lists are walked heaviest term first, and only until the terms
    /// left could not make up `min_share` between them: a figure in none of
    /// the walked lists cannot qualify. The rest are only looked up (binary
    /// search) for the figures found, so a figure that names something rare
    /// costs that term's list, not the lists of its common words.
    pub fn candidates(&self, subject: &Query, min_share: f32) -> Vec<FigureRef> {
        const MAX_CANDIDATES: usize = 120;
        let common = (self.figure_count / 10).max(200);
        let (mut total, mut unlisted) = (0.0f32, 0.0f32);
        let mut lists: Vec<(&[FigureRef], f32)> = Vec::new();
        for (term, weight) in &subject.terms {
            let w = weight.value() * self.idf(*term);
            total += w;
            let list = self.postings(*term);
            if list.len() > common && subject.noun != Some(*term) {
                unlisted += w; // shared by many figures, but never a reason to be a candidate
                continue;
            }
            if !list.is_empty() {
                lists.push((list, w));
            }
        }
        // heaviest first; of equal weight, the shorter list
        lists.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.len().cmp(&b.0.len())));
        // a little slack for rounding: never miss a figure that qualifies
        let need = min_share * total * 0.999 - unlisted;
        let mut left: f32 = lists.iter().map(|l| l.1).sum();
        let mut walked = 0;
        while walked < lists.len() && (walked == 0 || left >= need) {
            left -= lists[walked].1;
            walked += 1;
        }
        // sorted lists: scores by merging, not hashing
        let mut scores: Vec<(FigureRef, f32)> = Vec::new();
        for (list, w) in &lists[..walked] {
            scores = merge_add(&scores, list, *w);
        }
        for (list, w) in &lists[walked..] {
            add_where_listed(&mut scores, list, *w);
        }
        let mut ranked: Vec<(FigureRef, f32)> = scores.into_iter().filter(|(_, s)| *s >= need).collect();
        if ranked.len() > MAX_CANDIDATES {
            // ties go to the first figures, so that a check gives the same verdicts every run
            ranked.select_nth_unstable_by(MAX_CANDIDATES, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked.truncate(MAX_CANDIDATES);
        }
        let mut out: Vec<FigureRef> = ranked.into_iter().map(|(r, _)| r).collect();
        out.sort_unstable();
        out
    }

    /// The figures of the source read from `path` that share a term with
    /// `subject` (a cited source's, which count with less in common).
    pub fn figures_sharing(&self, path: &Path, subject: &Query) -> Vec<FigureRef> {
        let Some((slot, source)) = self.slots.find(path).and_then(|s| Some((s, self.slots.get(s)?))) else {
            return Vec::new();
        };
        source
            .figures
            .iter()
            .enumerate()
            .filter(|(_, f)| f.subject.terms().iter().any(|t| subject.weight_of(t.id()).is_some()))
            .map(|(k, _)| (slot, k as u32))
            .collect()
    }
}

/// The union of `scores` and `list` (both sorted), `w` added to each
/// figure of `list`.
fn merge_add(scores: &[(FigureRef, f32)], list: &[FigureRef], w: f32) -> Vec<(FigureRef, f32)> {
    let mut out = Vec::with_capacity(scores.len() + list.len());
    let (mut i, mut j) = (0, 0);
    while i < scores.len() || j < list.len() {
        match (scores.get(i), list.get(j)) {
            (Some(&(r, s)), Some(&l)) if r == l => {
                out.push((r, s + w));
                i += 1;
                j += 1;
            }
            (Some(&(r, s)), Some(&l)) if r < l => {
                out.push((r, s));
                i += 1;
            }
            (Some(&(r, s)), None) => {
                out.push((r, s));
                i += 1;
            }
            (_, Some(&l)) => {
                out.push((l, w));
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// Adds `w` to each figure of `scores` (sorted) that `list` (sorted) has:
/// a binary search each when the list is much longer, else one merge pass.
fn add_where_listed(scores: &mut [(FigureRef, f32)], list: &[FigureRef], w: f32) {
    if list.len() > 16 * scores.len() {
        for (r, s) in scores.iter_mut() {
            if list.binary_search(r).is_ok() {
                *s += w;
            }
        }
        return;
    }
    let mut j = 0;
    for (r, s) in scores.iter_mut() {
        while j < list.len() && list[j] < *r {
            j += 1;
        }
        if list.get(j) == Some(r) {
            *s += w;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::{self, Synonyms};
    use crate::workspace::Settings;

    fn source(name: &str, text: &str) -> Source {
        let s = Settings::default();
        Source::from_text(Path::new(name), text.to_string(), &s.synonyms, &s.conventions)
    }

    #[test]
    fn short_ids_are_whole_words_that_name_one_source() {
        let names = [
            "000_c28523b1df8d3a93.txt",
            "001_caefc18a87431509.txt",
            "harbour.txt",
            "harbour-fleet.txt",
            "harbour-fleet-2021.txt",
            "clinics.md",
            "ferries_2020.md",
        ];
        let corpus = Corpus::from_sources(names.iter().map(|n| source(n, "Title\n\nSome 5 boats.\n")).collect());
        let short = |id: &str| corpus.short_id(id);
        assert_eq!(short("000_c28523b1df8d3a93"), "000");
        // the whole stem, not "har" or "cli": a cut word reads as something else
        assert_eq!(short("clinics"), "clinics");
        assert_eq!(short("ferries_2020"), "ferries");
        // an exact id wins, as a citation key resolves it
        assert_eq!(short("harbour"), "harbour");
        assert_eq!(short("harbour-fleet"), "harbour-fleet");
        assert_eq!(short("harbour-fleet-2021"), "harbour-fleet-2021");
        // and every short id resolves back to its source
        for s in corpus.sources() {
            assert_eq!(corpus.resolve_id(&short(&s.id)).map(|r| r.id.as_str()), Ok(s.id.as_str()));
        }
    }

    fn query(text: &str) -> Query {
        let ex = crate::figures::extract(text, crate::text::Format::Plain);
        Query::of(&subject::of_figure(&ex.masked, &ex.figures[0], &[], &Synonyms::default()))
    }

    #[test]
    fn a_rare_term_finds_candidates_and_long_lists_only_add_to_them() {
        // 1,100 figures about refugees (a long list), two of them in Oakmere
        let mut sources: Vec<Source> = (0..1100)
            .map(|i| source(&format!("s{i:04}.txt"), &format!("About {} refugees crossed the border.", 1000 + i)))
            .collect();
        sources.push(source("t1.txt", "About 5,000 refugees crossed the border in Oakmere."));
        sources.push(source("t2.txt", "Oakmere has 300 hospitals."));
        let corpus = Corpus::from_sources(sources);
        let found = corpus.candidates(&query("About 5,000 refugees crossed the border in Oakmere."), 0.5);
        let names: Vec<&str> = found.iter().map(|r| corpus.get(*r).unwrap().0.id.as_str()).collect();
        assert_eq!(names, ["t1", "t2"]);
        // without a rare term, the long lists are walked
        assert_eq!(corpus.candidates(&query("About 5,000 refugees crossed the border."), 0.5).len(), 120);
    }

    #[test]
    fn candidates_tied_past_the_limit_are_the_first_figures() {
        let sources: Vec<Source> = (0..300)
            .map(|i| source(&format!("s{i:04}.txt"), &format!("About {} refugees crossed the border.", 1000 + i)))
            .collect();
        let corpus = Corpus::from_sources(sources);
        let first: Vec<FigureRef> = (0..120).map(|slot| (slot, 0)).collect();
        for _ in 0..3 {
            assert_eq!(corpus.candidates(&query("About 5,000 refugees crossed the border."), 0.5), first);
        }
    }

    #[test]
    fn a_freed_slot_reused_keeps_postings_sorted() {
        let mut corpus = Corpus::from_sources(vec![
            source("a.txt", "About 10 refugees crossed in Oakmere."),
            source("b.txt", "About 20 refugees crossed in Oakmere."),
        ]);
        corpus.remove(Path::new("a.txt"));
        corpus.upsert(source("c.txt", "About 30 refugees crossed in Oakmere."));
        for list in &corpus.postings {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        let found = corpus.candidates(&query("About 30 refugees crossed in Oakmere."), 0.5);
        let mut names: Vec<&str> = found.iter().map(|r| corpus.get(*r).unwrap().0.id.as_str()).collect();
        names.sort();
        assert_eq!(names, ["b", "c"]);
    }

    #[test]
    fn merging_sorted_lists_adds_weights_exactly() {
        let merged = merge_add(&[((0, 1), 1.0), ((2, 0), 2.0)], &[(0, 0), (0, 1), (3, 5)], 0.5);
        assert_eq!(merged, [((0, 0), 0.5), ((0, 1), 1.5), ((2, 0), 2.0), ((3, 5), 0.5)]);
        assert_eq!(merge_add(&[], &[(1, 1)], 2.0), [((1, 1), 2.0)]);
        let mut scores = vec![((0, 1), 1.0), ((2, 0), 2.0), ((4, 4), 0.0)];
        add_where_listed(&mut scores, &[(0, 0), (2, 0), (4, 4), (9, 9)], 0.25);
        assert_eq!(scores, [((0, 1), 1.0), ((2, 0), 2.25), ((4, 4), 0.25)]);
        // a list far longer than the scores: looked up by binary search
        let long: Vec<FigureRef> = (0..100).map(|i| (i, 0)).collect();
        let mut one = vec![((50, 0), 1.0), ((50, 1), 1.0)];
        add_where_listed(&mut one, &long, 1.0);
        assert_eq!(one, [((50, 0), 2.0), ((50, 1), 1.0)]);
    }

    #[test]
    fn every_figure_that_can_cover_the_share_is_a_candidate_and_here_no_other() {
        // towns and subjects mixed so that lists overlap in every way
        let towns = ["Oakmere", "Redford", "Ashby", "Kingsdale"];
        let what = ["refugees crossed the border", "refugees arrived by boat", "houses were flooded"];
        let sources: Vec<Source> = (0..240)
            .map(|i| {
                let text = format!("In {}, about {} {}.", towns[i % 4], 100 + i, what[i % 3]);
                source(&format!("s{i:03}.txt"), &text)
            })
            .collect();
        let corpus = Corpus::from_sources(sources);
        let idf = |t| corpus.idf(t);
        for note in ["About 5,000 refugees crossed the border in Oakmere.", "Some 70 houses were flooded in Ashby."] {
            let q = query(note);
            for share in [0.3f32, 0.5, 0.8] {
                let found = corpus.candidates(&q, share);
                let qualifying: Vec<FigureRef> = corpus
                    .slots
                    .iter()
                    .flat_map(|(s, src)| (0..src.figures.len() as u32).map(move |k| (s, k)))
                    .filter(|r| corpus.get(*r).is_some_and(|(_, sf)| q.coverage(&sf.subject, idf).0 >= share))
                    .collect();
                assert!(!qualifying.is_empty() && qualifying.len() <= 120, "the cap is not what this tests");
                assert_eq!(found, qualifying, "{note} at {share}");
            }
        }
    }
}
