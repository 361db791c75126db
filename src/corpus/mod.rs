//! The source corpus: every source file read, dated and indexed once, with
//! an inverted index from subject terms to source figures. Files are added,
//! replaced and removed one at a time, so a changed file re-indexes alone.

pub mod cache;
pub mod dating;
mod loading;
mod search;
mod source;

pub use loading::{
    discover, discover_under, is_source_file, load_file, load_folders, load_folders_cached, load_folders_except,
    LoadReport,
};
pub use source::{Source, SourceFigure};

use crate::subject::{Query, TermId};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A source figure's address: (slot, figure index).
pub type FigureRef = (u32, u32);

/// All sources and the term index over their figures.
#[derive(Default, Clone)]
pub struct Corpus {
    slots: Vec<Option<Arc<Source>>>,
    /// Empty slots, reused lowest first.
    free: std::collections::BTreeSet<u32>,
    by_path: HashMap<PathBuf, u32>,
    /// Source figures by subject term, indexed by `TermId::index`, each list sorted.
    postings: Vec<Vec<FigureRef>>,
    /// Source ids in order, for citation keys and prefixes.
    ids: std::collections::BTreeMap<String, Vec<u32>>,
    figure_count: usize,
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
            c.upsert(s);
        }
        for list in &mut c.postings {
            list.shrink_to_fit();
        }
        c
    }

    /// Adds a source, replacing any source read from the same path.
    pub fn upsert(&mut self, source: Source) {
        self.remove(&source.path.clone());
        let slot = match self.free.pop_first() {
            Some(free) => free,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as u32
            }
        };
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
        self.figure_count += source.figures.len();
        self.ids.entry(source.id.clone()).or_default().push(slot);
        self.by_path.insert(source.path.clone(), slot);
        self.slots[slot as usize] = Some(Arc::new(source));
    }

    /// Removes the source read from `path`; true if there was one.
    pub fn remove(&mut self, path: &Path) -> bool {
        let Some(slot) = self.by_path.remove(path) else { return false };
        self.free.insert(slot);
        if let Some(old) = self.slots[slot as usize].take() {
            self.figure_count -= old.figures.len();
            if let Some(list) = self.ids.get_mut(&old.id) {
                list.retain(|s| *s != slot);
                if list.is_empty() {
                    self.ids.remove(&old.id);
                }
            }
            for f in &old.figures {
                for t in f.subject.terms() {
                    if let Some(list) = self.postings.get_mut(t.id().index()) {
                        list.retain(|(s, _)| *s != slot);
                    }
                }
            }
        }
        true
    }

    /// Removes every source read from `path` or from a file under it (a
    /// folder); how many.
    pub fn remove_under(&mut self, path: &Path) -> usize {
        let gone: Vec<PathBuf> = self.by_path.keys().filter(|p| p.starts_with(path)).cloned().collect();
        gone.iter().filter(|p| self.remove(p)).count()
    }

    /// Every source, ordered by id.
    pub fn sources(&self) -> Vec<&Arc<Source>> {
        let mut v: Vec<&Arc<Source>> = self.slots.iter().flatten().collect();
        v.sort_by(|a, b| a.id.cmp(&b.id).then(a.path.cmp(&b.path)));
        v
    }

    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    pub fn figure_count(&self) -> usize {
        self.figure_count
    }

    pub fn by_path(&self, path: &Path) -> Option<&Arc<Source>> {
        self.by_path.get(path).and_then(|s| self.slots[*s as usize].as_ref())
    }

    pub fn get(&self, r: FigureRef) -> Option<(&Arc<Source>, &SourceFigure)> {
        let s = self.slots.get(r.0 as usize)?.as_ref()?;
        Some((s, s.figures.get(r.1 as usize)?))
    }

    fn slot(&self, s: u32) -> Option<&Arc<Source>> {
        self.slots.get(s as usize).and_then(Option::as_ref)
    }

    /// Ids starting with `prefix`, in order (at most `limit`).
    fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Vec<&String> {
        self.ids
            .range(prefix.to_string()..)
            .take_while(|(id, _)| id.starts_with(prefix))
            .map(|(id, _)| id)
            .take(limit)
            .collect()
    }

    /// The source a citation key names: its id, or a unique prefix of one.
    pub fn resolve_id(&self, key: &str) -> Result<&Arc<Source>, IdError> {
        if let Some(slots) = self.ids.get(key) {
            if let Some(s) = slots.first().and_then(|s| self.slot(*s)) {
                return Ok(s);
            }
        }
        let matches = self.ids_with_prefix(key, 6);
        match matches.as_slice() {
            [one] => self.ids.get(*one).and_then(|v| v.first()).and_then(|s| self.slot(*s)).ok_or(IdError::Unknown),
            [] => Err(IdError::Unknown),
            many => Err(IdError::Ambiguous(many.iter().map(|s| s.to_string()).collect())),
        }
    }

    /// The shortest prefix of `id` (at least three characters) that names it
    /// alone — what messages show.
    pub fn short_id(&self, id: &str) -> String {
        for n in 3.min(id.len())..=id.len() {
            if !id.is_char_boundary(n) {
                continue;
            }
            if self.ids_with_prefix(&id[..n], 2).len() == 1 {
                return id[..n].to_string();
            }
        }
        id.to_string()
    }

    /// The source figures whose subject has `term`.
    fn postings(&self, term: TermId) -> &[FigureRef] {
        self.postings.get(term.index()).map_or(&[], Vec::as_slice)
    }

    /// Inverse document frequency of a term over source figures.
    pub fn idf(&self, term: TermId) -> f32 {
        let n = self.figure_count as f32;
        let df = self.postings(term).len() as f32;
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// Source figures sharing distinctive terms with `subject`, at most
    /// `MAX_CANDIDATES`, those sharing the most (IDF-weighted) first. Terms
    /// common to a large part of the corpus only count for the counted noun.
    /// When a rarer term finds candidates, lists longer than `LONG_LIST` are
    /// not walked: they only add to the figures found (binary search), so a
    /// check does not grow with the corpus.
    pub fn candidates(&self, subject: &Query) -> Vec<FigureRef> {
        const MAX_CANDIDATES: usize = 120;
        const LONG_LIST: usize = 1024;
        let common = (self.figure_count / 10).max(200);
        let mut lists: Vec<(&[FigureRef], f32)> = Vec::new();
        for (term, weight) in &subject.terms {
            let list = self.postings(*term);
            if list.is_empty() || (list.len() > common && subject.noun != Some(*term)) {
                continue;
            }
            lists.push((list, weight.value() * self.idf(*term)));
        }
        let some_short = lists.iter().any(|(l, _)| l.len() <= LONG_LIST);
        let mut scores: HashMap<FigureRef, f32> = HashMap::new();
        for (list, w) in lists.iter().filter(|(l, _)| !some_short || l.len() <= LONG_LIST) {
            for r in *list {
                *scores.entry(*r).or_default() += w;
            }
        }
        if some_short {
            for (list, w) in lists.iter().filter(|(l, _)| l.len() > LONG_LIST) {
                for (r, score) in scores.iter_mut() {
                    if list.binary_search(r).is_ok() {
                        *score += w;
                    }
                }
            }
        }
        let mut ranked: Vec<(FigureRef, f32)> = scores.into_iter().collect();
        if ranked.len() > MAX_CANDIDATES {
            ranked.select_nth_unstable_by(MAX_CANDIDATES, |a, b| b.1.total_cmp(&a.1));
            ranked.truncate(MAX_CANDIDATES);
        }
        let mut out: Vec<FigureRef> = ranked.into_iter().map(|(r, _)| r).collect();
        out.sort_unstable();
        out
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
        let found = corpus.candidates(&query("About 5,000 refugees crossed the border in Oakmere."));
        let names: Vec<&str> = found.iter().map(|r| corpus.get(*r).unwrap().0.id.as_str()).collect();
        assert_eq!(names, ["t1", "t2"]);
        // without a rare term, the long lists are walked
        assert_eq!(corpus.candidates(&query("About 5,000 refugees crossed the border.")).len(), 120);
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
        let found = corpus.candidates(&query("About 30 refugees crossed in Oakmere."));
        let mut names: Vec<&str> = found.iter().map(|r| corpus.get(*r).unwrap().0.id.as_str()).collect();
        names.sort();
        assert_eq!(names, ["b", "c"]);
    }
}
