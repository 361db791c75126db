//! Searching source figures by words ("fighters remain"): the query's
//! terms go through the same inverted index as a note figure's subject, and
//! hits rank by how much of the query their subject covers.

use super::{Corpus, Source};
use crate::subject::{self, Query, Subject, Synonyms, Weight};
use std::sync::Arc;

impl Corpus {
    /// Up to `limit` source figures about the words of `query`, best first
    /// (every query term found before some). An empty query lists figures
    /// in corpus order.
    pub fn search(&self, query: &str, synonyms: &Synonyms, limit: usize) -> Vec<(Arc<Source>, usize)> {
        let mut terms: Vec<(String, Weight)> = query
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .filter_map(|w| subject::term(w, synonyms))
            .map(|t| (t, Weight::Clause))
            .collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        terms.dedup_by(|a, b| a.0 == b.0);
        if terms.is_empty() {
            if !query.trim().is_empty() {
                return Vec::new(); // only stop words: nothing to look for
            }
            return self
                .sources()
                .into_iter()
                .flat_map(|s| (0..s.figures.len()).map(move |i| (s.clone(), i)))
                .take(limit)
                .collect();
        }
        let q =
            Query::of(&Subject { terms, noun: None, names: Vec::new(), context: Vec::new(), companions: Vec::new() });
        let mut hits: Vec<(f32, f32, Arc<Source>, usize)> = self
            .candidates(&q, 0.0)
            .into_iter()
            .filter_map(|r| {
                let (src, sf) = self.get(r)?;
                let (found, focus) = q.coverage(&sf.subject, |t| self.idf(t));
                (found > 0.0).then(|| (found, focus, src.clone(), r.1 as usize))
            })
            .collect();
        hits.sort_by(|a, b| {
            b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.id.cmp(&b.2.id)).then(a.3.cmp(&b.3))
        });
        hits.into_iter().take(limit).map(|(_, _, s, i)| (s, i)).collect()
    }
}
