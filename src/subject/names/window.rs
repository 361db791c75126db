//! A sentence's names read once and picked per clause. Every figure's
//! subject holds all the sentence's mentions and the names in a role of its
//! own clause (and of a fronted phrase): the mentions are merged once, and
//! the names in a role of each clause are found by binary search over the
//! names in text order and merged once per clause, whatever the number of
//! figures in it. (Picked per figure, a clause of 8,000 figures, each with
//! a name, cost 8,000 passes over 8,000 names.)

use super::{merge, Found, Name, Role};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

/// The names of one sentence, by clause.
pub struct SentenceNames {
    /// The names in a role, in text order (their token ranges never overlap).
    roled: Vec<Found>,
    /// Every name in no role, as a mention: sorted, once each.
    mentions: Vec<Name>,
    /// The names in a role of each token window asked for, sorted, once each.
    picked: RefCell<HashMap<(usize, usize), Vec<Name>>>,
}

impl SentenceNames {
    /// The names `found` in a sentence (`super::found_in`).
    pub fn new(found: Vec<Found>) -> SentenceNames {
        let (roled, mentions): (Vec<Found>, Vec<Found>) = found.into_iter().partition(|f| f.role.is_some());
        let mentions = merge(mentions.into_iter().map(|f| Name { role: Role::Mention, terms: f.terms }).collect());
        SentenceNames { roled, mentions, picked: RefCell::default() }
    }

    /// What `merge(pick(found, in_clause))` gives when `in_clause` holds the
    /// tokens of `clause` and of `lead` (`lead`, when not empty, ends
    /// before `clause` starts): the names in a role all of whose tokens are
    /// in one of them, and every mention.
    pub fn pick(&self, clause: Range<usize>, lead: Range<usize>) -> Vec<Name> {
        let touching = lead.end >= clause.start && lead.start <= clause.end;
        let mut out = if lead.is_empty() {
            self.in_window(clause)
        } else if touching {
            // one stretch of tokens (a name is never cut by the break between them)
            self.in_window(lead.start.min(clause.start)..lead.end.max(clause.end))
        } else {
            let mut both = self.in_window(lead);
            both.extend(self.in_window(clause));
            merge(both)
        };
        out.extend(self.mentions.iter().cloned());
        // mentions sort last (`Role::Mention` is the last role): merged already
        if !out.windows(2).all(|w| w[0] < w[1]) {
            out = merge(out);
        }
        out
    }

    /// The names in a role whose tokens all lie in `window`, sorted, once each.
    fn in_window(&self, window: Range<usize>) -> Vec<Name> {
        if window.start >= window.end {
            return Vec::new();
        }
        let key = (window.start, window.end);
        if let Some(names) = self.picked.borrow().get(&key) {
            return names.clone();
        }
        let lo = self.roled.partition_point(|f| f.start < window.start);
        let hi = self.roled.partition_point(|f| f.end <= window.end).max(lo);
        let names = merge(
            self.roled[lo..hi].iter().filter_map(|f| Some(Name { role: f.role?, terms: f.terms.clone() })).collect(),
        );
        self.picked.borrow_mut().insert(key, names.clone());
        names
    }
}
