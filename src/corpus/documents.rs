//! Sources by the terms of their whole text (`Source::terms`): which
//! sources speak most of a note figure's paragraph. The figure index
//! (`Corpus::candidates`) knows only the sentences figures stand in; an
//! article is about every sentence of it.

use crate::subject::TermId;

/// Slots by term, indexed by `TermId::index`, each list sorted.
#[derive(Default, Clone)]
pub struct DocumentIndex {
    postings: Vec<Vec<u32>>,
    count: usize,
}

impl DocumentIndex {
    pub fn insert(&mut self, slot: u32, terms: &[TermId]) {
        for t in terms {
            let i = t.index();
            if i >= self.postings.len() {
                self.postings.resize_with(i + 1, Vec::new);
            }
            // kept sorted (a freed slot is reused)
            let list = &mut self.postings[i];
            match list.last() {
                Some(last) if *last > slot => list.insert(list.partition_point(|x| *x < slot), slot),
                Some(last) if *last == slot => {}
                _ => list.push(slot),
            }
        }
        self.count += 1;
    }

    /// Forgets the sources in `slots` (sorted), whose terms are `terms`.
    pub fn remove(&mut self, slots: &[u32], terms: impl IntoIterator<Item = usize>) {
        for i in terms {
            let Some(list) = self.postings.get_mut(i) else { continue };
            list.retain(|s| slots.binary_search(s).is_err());
        }
        self.count = self.count.saturating_sub(slots.len());
    }

    pub fn shrink(&mut self) {
        for list in &mut self.postings {
            list.shrink_to_fit();
        }
    }

    fn postings(&self, term: TermId) -> &[u32] {
        self.postings.get(term.index()).map_or(&[], Vec::as_slice)
    }

    /// Does any source's text use `term`?
    pub fn mentions(&self, term: TermId) -> bool {
        !self.postings(term).is_empty()
    }

    /// A term's weight: the rarer among sources, the more it says.
    pub fn idf(&self, term: TermId) -> f32 {
        let n = self.count as f32;
        let df = self.postings(term).len() as f32;
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// Is `term` used by so many sources that it tells none apart ("said",
    /// "year")? Such terms count for no source.
    pub fn common(&self, term: TermId) -> bool {
        self.count >= 20 && self.postings(term).len() * 4 > self.count
    }

    /// Every source sharing some of `terms` (sorted by index, once each),
    /// with the share of their weight it uses, best first; terms common to
    /// most sources left out.
    pub fn sharing(&self, terms: &[TermId]) -> Vec<(u32, f32)> {
        let mut total = 0.0f32;
        let mut score: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
        for t in terms {
            // a term no source here uses (another corpus's) tells none apart
            if self.common(*t) || !self.mentions(*t) {
                continue;
            }
            let w = self.idf(*t);
            total += w;
            for slot in self.postings(*t) {
                *score.entry(*slot).or_default() += w;
            }
        }
        if total == 0.0 {
            return Vec::new();
        }
        let mut ranked: Vec<(u32, f32)> = score.into_iter().map(|(s, w)| (s, w / total)).collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }
}
