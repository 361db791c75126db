//! The source corpus: every source file read, dated and indexed once, with
//! an inverted index from subject terms to source figures. Files are added,
//! replaced and removed one at a time, so a changed file re-indexes alone.

pub mod dating;
mod loading;
mod source;

pub use loading::{discover, is_source_file, load_file, load_folders, LoadReport};
pub use source::{Source, SourceFigure};

use crate::subject::Subject;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A source figure's address: (slot, figure index).
pub type FigureRef = (u32, u32);

/// All sources and the term index over their figures.
#[derive(Default, Clone)]
pub struct Corpus {
    slots: Vec<Option<Arc<Source>>>,
    by_path: HashMap<PathBuf, u32>,
    postings: HashMap<String, Vec<FigureRef>>,
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
        c
    }

    /// Adds a source, replacing any source read from the same path.
    pub fn upsert(&mut self, source: Source) {
        self.remove(&source.path.clone());
        let slot = match self.slots.iter().position(Option::is_none) {
            Some(free) => free as u32,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as u32
            }
        };
        for (k, f) in source.figures.iter().enumerate() {
            for (term, _) in &f.subject.terms {
                self.postings.entry(term.clone()).or_default().push((slot, k as u32));
            }
        }
        self.figure_count += source.figures.len();
        self.by_path.insert(source.path.clone(), slot);
        self.slots[slot as usize] = Some(Arc::new(source));
    }

    /// Removes the source read from `path`; true if there was one.
    pub fn remove(&mut self, path: &Path) -> bool {
        let Some(slot) = self.by_path.remove(path) else { return false };
        if let Some(old) = self.slots[slot as usize].take() {
            self.figure_count -= old.figures.len();
            for f in &old.figures {
                for (term, _) in &f.subject.terms {
                    if let Some(list) = self.postings.get_mut(term) {
                        list.retain(|(s, _)| *s != slot);
                        if list.is_empty() {
                            self.postings.remove(term);
                        }
                    }
                }
            }
        }
        true
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

    /// The source a citation key names: its id, or a unique prefix of one.
    pub fn resolve_id(&self, key: &str) -> Result<&Arc<Source>, IdError> {
        let all = self.sources();
        if let Some(s) = all.iter().find(|s| s.id == key) {
            return Ok(s);
        }
        let matches: Vec<&&Arc<Source>> = all.iter().filter(|s| s.id.starts_with(key)).collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(IdError::Unknown),
            many => Err(IdError::Ambiguous(many.iter().map(|s| s.id.clone()).collect())),
        }
    }

    /// The shortest prefix of `id` that names it alone (what messages show).
    pub fn short_id(&self, id: &str) -> String {
        let all = self.sources();
        for n in 1..=id.len() {
            if !id.is_char_boundary(n) {
                continue;
            }
            let p = &id[..n];
            if n >= 3.min(id.len()) && all.iter().filter(|s| s.id.starts_with(p)).count() == 1 {
                return p.to_string();
            }
        }
        id.to_string()
    }

    /// Inverse document frequency of a term over source figures.
    pub fn idf(&self, term: &str) -> f32 {
        let n = self.figure_count as f32;
        let df = self.postings.get(term).map_or(0, Vec::len) as f32;
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// Source figures sharing a distinctive term with `subject`.
    pub fn candidates(&self, subject: &Subject) -> Vec<FigureRef> {
        let mut out: Vec<FigureRef> = Vec::new();
        let limit = (self.figure_count / 4).max(2000);
        for (term, _) in &subject.terms {
            if let Some(list) = self.postings.get(term) {
                if list.len() <= limit || subject.noun.as_deref() == Some(term.as_str()) {
                    out.extend_from_slice(list);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
