//! The corpus's sources by slot number, found by path and by id without a
//! second copy of either: the path table holds slot numbers hashed and
//! compared through their source's path, and the id order is a sorted list
//! of slot numbers. (Keyed maps kept every path and id twice: about a
//! megabyte and two allocations a source at 10,000 articles.)

use super::Source;
use hashbrown::HashTable;
use std::collections::BTreeSet;
use std::hash::BuildHasher;
use std::path::Path;
use std::sync::Arc;

#[derive(Default, Clone)]
pub struct Slots {
    slots: Vec<Option<Arc<Source>>>,
    /// Empty slots, reused lowest first.
    free: BTreeSet<u32>,
    by_path: HashTable<u32>,
    hasher: std::hash::RandomState,
    /// Filled slots ordered by (id, path); unordered while `bulk`.
    by_id: Vec<u32>,
}

impl Slots {
    /// Puts `source` (whose path no slot holds) into a free slot; returns it.
    /// With `bulk`, the id order is left to `finish_bulk`.
    pub fn insert(&mut self, source: Source, bulk: bool) -> u32 {
        let hash = self.hasher.hash_one(&source.path);
        let slot = match self.free.pop_first() {
            Some(free) => free,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as u32
            }
        };
        self.slots[slot as usize] = Some(Arc::new(source));
        let (slots, hasher) = (&self.slots, &self.hasher);
        self.by_path.insert_unique(hash, slot, |s| hasher.hash_one(path_of(slots, *s)));
        if bulk {
            self.by_id.push(slot);
        } else {
            let at = self.by_id.partition_point(|s| self.key(*s) < self.key(slot));
            self.by_id.insert(at, slot);
        }
        slot
    }

    /// Orders the ids after `insert`s with `bulk`.
    pub fn finish_bulk(&mut self) {
        let mut by_id = std::mem::take(&mut self.by_id);
        by_id.sort_unstable_by(|a, b| self.key(*a).cmp(&self.key(*b)));
        self.by_id = by_id;
    }

    /// Takes out the source read from `path`, with its slot.
    pub fn remove(&mut self, path: &Path) -> Option<(u32, Arc<Source>)> {
        let hash = self.hasher.hash_one(path);
        let slots = &self.slots;
        let (slot, _) = self.by_path.find_entry(hash, |s| path_of(slots, *s) == path).ok()?.remove();
        if let Ok(at) = self.by_id.binary_search_by(|s| self.key(*s).cmp(&self.key(slot))) {
            self.by_id.remove(at);
        }
        self.free.insert(slot);
        Some((slot, self.slots[slot as usize].take()?))
    }

    /// The slot of the source read from `path`.
    pub fn find(&self, path: &Path) -> Option<u32> {
        let hash = self.hasher.hash_one(path);
        self.by_path.find(hash, |s| path_of(&self.slots, *s) == path).copied()
    }

    pub fn get(&self, slot: u32) -> Option<&Arc<Source>> {
        self.slots.get(slot as usize).and_then(Option::as_ref)
    }

    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    /// Every source, ordered by id (then path).
    pub fn by_id(&self) -> impl Iterator<Item = &Arc<Source>> {
        self.by_id.iter().filter_map(|s| self.get(*s))
    }

    /// Every source with its slot, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &Arc<Source>)> {
        self.slots.iter().enumerate().filter_map(|(i, s)| Some((i as u32, s.as_ref()?)))
    }

    /// The first source (by path) whose id is `id`.
    pub fn with_id(&self, id: &str) -> Option<&Arc<Source>> {
        let at = self.by_id.partition_point(|s| self.id(*s) < id);
        self.by_id.get(at).and_then(|s| self.get(*s)).filter(|s| s.id == id)
    }

    /// The distinct ids starting with `prefix`, in order (at most `limit`).
    pub fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Vec<&str> {
        let at = self.by_id.partition_point(|s| self.id(*s) < prefix);
        let mut out: Vec<&str> = Vec::new();
        for id in self.by_id[at..].iter().map(|s| self.id(*s)).take_while(|id| id.starts_with(prefix)) {
            if out.last() != Some(&id) {
                if out.len() == limit {
                    break;
                }
                out.push(id);
            }
        }
        out
    }

    fn id(&self, slot: u32) -> &str {
        self.get(slot).map_or("", |s| s.id.as_str())
    }

    fn key(&self, slot: u32) -> (&str, &Path) {
        self.get(slot).map_or(("", Path::new("")), |s| (s.id.as_str(), s.path.as_path()))
    }
}

fn path_of(slots: &[Option<Arc<Source>>], slot: u32) -> &Path {
    slots.get(slot as usize).and_then(Option::as_ref).map_or(Path::new(""), |s| s.path.as_path())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str) -> Source {
        Source::from_text(Path::new(path), "Title\n".to_string(), &Default::default(), &Default::default())
    }

    #[test]
    fn paths_and_ids_are_found_through_the_slots_and_follow_removals() {
        for bulk in [false, true] {
            let mut s = Slots::default();
            for p in ["b/002_x.txt", "a/002_x.txt", "a/001_y.txt", "a/010_z.txt"] {
                s.insert(source(p), bulk);
            }
            if bulk {
                s.finish_bulk();
            }
            let order: Vec<&Path> = s.by_id().map(|x| x.path.as_path()).collect();
            let want = ["a/001_y.txt", "a/002_x.txt", "b/002_x.txt", "a/010_z.txt"].map(Path::new);
            assert_eq!(order, want);
            assert_eq!(s.find(Path::new("b/002_x.txt")), Some(0));
            assert_eq!(s.with_id("002_x").map(|x| x.path.as_path()), Some(Path::new("a/002_x.txt")));
            assert_eq!(s.ids_with_prefix("00", 5), ["001_y", "002_x"]);
            assert_eq!(s.ids_with_prefix("00", 1), ["001_y"]);
            assert_eq!(s.ids_with_prefix("01", 5), ["010_z"]);

            let (slot, gone) = s.remove(Path::new("a/002_x.txt")).expect("was there");
            assert_eq!((slot, gone.path.as_path()), (1, Path::new("a/002_x.txt")));
            assert!(s.remove(Path::new("a/002_x.txt")).is_none());
            assert_eq!(s.find(Path::new("a/002_x.txt")), None);
            assert_eq!(s.with_id("002_x").map(|x| x.path.as_path()), Some(Path::new("b/002_x.txt")));
            assert_eq!(s.len(), 3);
            // the freed slot is reused, and the new source takes its place in the id order
            assert_eq!(s.insert(source("c/000_w.txt"), false), 1);
            assert_eq!(s.by_id().next().map(|x| x.id.as_str()), Some("000_w"));
            assert_eq!(s.iter().map(|(i, _)| i).collect::<Vec<_>>(), [0, 1, 2, 3]);
        }
    }
}
