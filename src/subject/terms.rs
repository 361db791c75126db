//! Subject terms interned once per process: the corpus index and every
//! source figure's subject hold a `TermId` (a u32), not a string. Only
//! sources intern; a note's terms are looked up, and a term no source has
//! used stays `TermId::UNKNOWN`, which matches nothing.

use lasso::{Key, Spur, ThreadedRodeo};
use std::sync::LazyLock;

/// Process-wide, append-only: ids stay valid for every corpus, cache and
/// thread (sources are read in parallel, before any corpus holds them).
static TERMS: LazyLock<ThreadedRodeo<Spur>> = LazyLock::new(ThreadedRodeo::new);

/// Ids at or above this do not fit a `WeightedTerm`.
const ID_LIMIT: u32 = 1 << 30;

/// An interned term.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct TermId(u32);

impl TermId {
    /// A term no source has used (or past the id limit): matches nothing.
    pub const UNKNOWN: TermId = TermId(u32::MAX);

    /// The id of a source's term, interning it if new.
    pub fn intern(term: &str) -> TermId {
        match TERMS.try_get_or_intern(term) {
            Ok(k) if (k.into_usize() as u64) < ID_LIMIT as u64 => TermId(k.into_usize() as u32),
            _ => TermId::UNKNOWN,
        }
    }

    /// The id of a term if some source has used it, else `UNKNOWN`; never
    /// grows the interner.
    pub fn lookup(term: &str) -> TermId {
        match TERMS.get(term) {
            Some(k) if (k.into_usize() as u64) < ID_LIMIT as u64 => TermId(k.into_usize() as u32),
            _ => TermId::UNKNOWN,
        }
    }

    /// The term's text (`None` for `UNKNOWN`).
    pub fn text(self) -> Option<&'static str> {
        let key = Spur::try_from_usize(self.index())?;
        let terms: &'static ThreadedRodeo<Spur> = &TERMS;
        terms.try_resolve(&key)
    }

    /// A dense index, for tables indexed by term.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The id with this index (a packed term's).
    pub(super) fn from_index(index: u32) -> TermId {
        TermId(index)
    }
}

/// How strongly a term belongs to a figure's subject, weakest first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub enum Weight {
    /// Elsewhere in the sentence, or in another figure's words.
    Sentence,
    /// In the figure's clause (or its table row).
    Clause,
    /// Next to the figure.
    Near,
    /// The counted noun (or the unit).
    Noun,
}

impl Weight {
    const ALL: [Weight; 4] = [Weight::Sentence, Weight::Clause, Weight::Near, Weight::Noun];

    /// The weight stored as `bits` (two bits: `self as u32`).
    pub fn from_bits(bits: u32) -> Weight {
        Weight::ALL[(bits & 3) as usize]
    }

    pub fn value(self) -> f32 {
        match self {
            Weight::Sentence => 0.35,
            Weight::Clause => 1.0,
            Weight::Near => 1.5,
            Weight::Noun => 2.5,
        }
    }
}

/// A term and its weight in four bytes: the id in the low 30 bits, the
/// weight in the top two.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct WeightedTerm(u32);

impl WeightedTerm {
    /// `None` when `id` is `UNKNOWN` (a term past the id limit).
    pub fn new(id: TermId, weight: Weight) -> Option<WeightedTerm> {
        (id.0 < ID_LIMIT).then_some(WeightedTerm(id.0 | (weight as u32) << 30))
    }

    pub fn id(self) -> TermId {
        TermId(self.0 & (ID_LIMIT - 1))
    }

    pub fn weight(self) -> Weight {
        Weight::from_bits(self.0 >> 30)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_terms_round_trip_and_lookup_never_interns() {
        let id = TermId::intern("terms-test-interned");
        assert_eq!(TermId::intern("terms-test-interned"), id);
        assert_eq!(TermId::lookup("terms-test-interned"), id);
        assert_eq!(id.text(), Some("terms-test-interned"));
        assert_eq!(TermId::lookup("terms-test-never-seen"), TermId::UNKNOWN);
        assert_eq!(TermId::lookup("terms-test-never-seen"), TermId::UNKNOWN);
        assert_eq!(TermId::UNKNOWN.text(), None);
    }

    #[test]
    fn weighted_terms_pack_id_and_weight() {
        let id = TermId::intern("terms-test-packed");
        for w in Weight::ALL {
            let p = WeightedTerm::new(id, w).unwrap();
            assert_eq!((p.id(), p.weight()), (id, w));
            assert_eq!(Weight::from_bits(w as u32), w);
        }
        assert_eq!(WeightedTerm::new(TermId::UNKNOWN, Weight::Noun), None);
        assert!(Weight::Sentence < Weight::Clause && Weight::Near < Weight::Noun);
    }
}
