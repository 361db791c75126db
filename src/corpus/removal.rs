//! Taking sources out of the corpus, one or many at once. A source's
//! figures are in the posting lists of their terms, each list sorted by
//! (slot, figure): one source leaves each of its terms' lists as a run
//! found by binary search; many leave each list they touch in one pass.
//! (Each source's figures retained out of each of its terms' lists, one
//! source at a time, made deleting 1,000 of 2,000 sources a pass over the
//! common terms' long lists per figure of each.)

use super::Corpus;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

impl Corpus {
    /// Removes the source read from `path`; true if there was one.
    pub fn remove(&mut self, path: &Path) -> bool {
        self.remove_all([path]) == 1
    }

    /// Removes the sources read from `paths`; how many there were.
    pub fn remove_all<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) -> usize {
        let mut gone: Vec<u32> = Vec::new();
        let mut terms: Vec<usize> = Vec::new();
        let mut words: Vec<usize> = Vec::new();
        for path in paths {
            let Some((slot, old)) = self.slots.remove(path) else { continue };
            self.figure_count -= old.figures.len();
            words.extend(old.terms.iter().map(|t| t.index()));
            terms.extend(old.figures.iter().flat_map(|f| f.subject.terms().iter().map(|t| t.id().index())));
            gone.push(slot);
        }
        terms.sort_unstable();
        terms.dedup();
        words.sort_unstable();
        words.dedup();
        let mut slots = gone.clone();
        slots.sort_unstable();
        self.documents.remove(&slots, words);
        match gone.as_slice() {
            [] => {}
            [slot] => {
                for &i in &terms {
                    let Some(list) = self.postings.get_mut(i) else { continue };
                    let lo = list.partition_point(|(s, _)| s < slot);
                    let hi = list.partition_point(|(s, _)| s <= slot);
                    list.drain(lo..hi);
                }
            }
            many => {
                let mut dead = vec![false; many.iter().max().map_or(0, |m| *m as usize + 1)];
                for s in many {
                    dead[*s as usize] = true;
                }
                for &i in &terms {
                    let Some(list) = self.postings.get_mut(i) else { continue };
                    list.retain(|(s, _)| !dead.get(*s as usize).copied().unwrap_or(false));
                }
            }
        }
        gone.len()
    }

    /// Removes every source read from `path` or from a file under it (a
    /// folder); how many.
    pub fn remove_under(&mut self, path: &Path) -> usize {
        self.remove_under_any(&[path.to_path_buf()])
    }

    /// Removes every source read from one of `paths` or from under one of
    /// them (files and folders that vanished); how many.
    pub fn remove_under_any(&mut self, paths: &[PathBuf]) -> usize {
        let set: HashSet<&Path> = paths.iter().map(PathBuf::as_path).collect();
        let gone: Vec<PathBuf> = self
            .slots
            .iter()
            .map(|(_, s)| &s.path)
            .filter(|p| p.ancestors().any(|a| set.contains(a)))
            .cloned()
            .collect();
        self.remove_all(gone.iter().map(PathBuf::as_path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;
    use crate::workspace::Settings;

    fn source(name: &str, text: &str) -> Source {
        let s = Settings::default();
        Source::from_text(Path::new(name), text.to_string(), &s.synonyms, &s.conventions)
    }

    fn sources(names: &[String]) -> Vec<Source> {
        let text = |i: usize| format!("About {} refugees crossed into Oakmere and {} fighters left.", 10 + i, 3 + i);
        names.iter().enumerate().map(|(i, n)| source(n, &text(i))).collect()
    }

    /// Every posting as (source path, figure), per term: what the index says.
    fn postings(c: &Corpus) -> Vec<Vec<(PathBuf, u32)>> {
        let mut out: Vec<Vec<(PathBuf, u32)>> = c
            .postings
            .iter()
            .map(|list| {
                assert!(list.windows(2).all(|w| w[0] < w[1]), "unsorted {list:?}");
                list.iter().map(|(s, k)| (c.slots.get(*s).map(|s| s.path.clone()).unwrap_or_default(), *k)).collect()
            })
            .collect();
        for list in &mut out {
            list.sort();
        }
        while out.last().is_some_and(Vec::is_empty) {
            out.pop();
        }
        out
    }

    #[test]
    fn sources_removed_at_once_leave_the_index_built_of_those_kept() {
        let names: Vec<String> = (0..40).map(|i| format!("{}/s{i:02}.txt", ["a", "b"][i % 3 / 2])).collect();
        let mut corpus = Corpus::from_sources(sources(&names));
        // a folder, one file of the other, and one that was never there
        let gone = [PathBuf::from("a"), PathBuf::from("b/s02.txt"), PathBuf::from("c/x.txt")];
        let removed = corpus.remove_under_any(&gone);
        let kept: Vec<String> = names.iter().filter(|n| n.starts_with("b/") && *n != "b/s02.txt").cloned().collect();
        assert_eq!((removed, corpus.len()), (names.len() - kept.len(), kept.len()));
        // the same figures under the same terms as an index of the kept alone
        let mut fresh = Corpus::new();
        for (n, s) in names.iter().zip(sources(&names)) {
            if kept.contains(n) {
                fresh.upsert(s);
            }
        }
        assert_eq!(corpus.figure_count(), fresh.figure_count());
        assert_eq!(postings(&corpus), postings(&fresh));
        // one at a time, and a freed slot reused, alike
        assert!(corpus.remove(Path::new("b/s05.txt")) && !corpus.remove(Path::new("b/s05.txt")));
        assert!(fresh.remove(Path::new("b/s05.txt")));
        let back = sources(&names).into_iter().nth(2).expect("source");
        corpus.upsert(back);
        fresh.upsert(sources(&names).into_iter().nth(2).expect("source"));
        assert_eq!(postings(&corpus), postings(&fresh));
    }
}
