//! Subjects as the index compares them: a source figure's subject as
//! interned terms (four bytes a term), a note figure's as a `Query` looked
//! up against the interner, the IDF-weighted coverage between the two, and
//! whether they name different entities.

use super::names::{self, NameRef, NameTerm, Role};
use super::terms::{TermId, Weight, WeightedTerm};
use super::Subject;

/// A source figure's subject: its terms in the order of their text (the
/// order `Subject` sorts them in), its counted noun's term, and the names
/// its clause gives in a role.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceSubject {
    terms: Box<[WeightedTerm]>,
    noun: Option<TermId>,
    names: Box<[NameTerm]>,
}

impl SourceSubject {
    /// Interns `subject`'s terms (a source's: they join the vocabulary).
    pub fn intern(subject: &Subject) -> SourceSubject {
        let terms = subject.terms.iter().filter_map(|(t, w)| WeightedTerm::new(TermId::intern(t), *w)).collect();
        let noun = subject.noun.as_deref().map(TermId::intern).filter(|n| *n != TermId::UNKNOWN);
        SourceSubject { terms, noun, names: names::pack(&subject.names, TermId::intern) }
    }

    /// From terms already interned, in text order (the index cache).
    pub fn from_parts(terms: Vec<WeightedTerm>, noun: Option<TermId>, names: Vec<NameTerm>) -> SourceSubject {
        SourceSubject { terms: terms.into_boxed_slice(), noun, names: names.into_boxed_slice() }
    }

    /// The names, each name's terms after its first (see `names::unpack`).
    pub fn names(&self) -> &[NameTerm] {
        &self.names
    }

    fn has_term(&self, t: TermId) -> bool {
        t != TermId::UNKNOWN && self.terms.iter().any(|w| w.id() == t)
    }

    pub fn terms(&self) -> &[WeightedTerm] {
        &self.terms
    }

    pub fn noun(&self) -> Option<TermId> {
        self.noun
    }
}

/// A note figure's subject, looked up (never interned): terms no source
/// uses are `TermId::UNKNOWN` and match nothing, but still weigh in the
/// note's side of the coverage.
#[derive(Clone, Debug)]
pub struct Query {
    /// In text order, as in `Subject`.
    pub terms: Vec<(TermId, Weight)>,
    /// `Some(UNKNOWN)` when the note counts a noun no source uses.
    pub noun: Option<TermId>,
    /// The names; a term no source uses is `UNKNOWN`.
    pub names: Vec<NameRef<String>>,
    /// (term, position in `terms`), sorted by id, for matching.
    by_id: Vec<(TermId, usize)>,
    /// The paragraph's terms that some source uses, sorted by id.
    pub context: Vec<TermId>,
    /// `Subject::companions`: the numbers of the note sentence's other figures.
    pub companions: Vec<f64>,
}

impl Query {
    pub fn of(subject: &Subject) -> Query {
        let terms: Vec<(TermId, Weight)> = subject.terms.iter().map(|(t, w)| (TermId::lookup(t), *w)).collect();
        let mut by_id: Vec<(TermId, usize)> =
            terms.iter().enumerate().filter(|(_, (t, _))| *t != TermId::UNKNOWN).map(|(i, (t, _))| (*t, i)).collect();
        by_id.sort_unstable_by_key(|(t, _)| t.index());
        let names = subject
            .names
            .iter()
            .map(|n| NameRef { role: n.role, terms: n.terms.iter().map(|t| (TermId::lookup(t), t.clone())).collect() })
            .collect();
        let mut context: Vec<TermId> =
            subject.context.iter().map(|t| TermId::lookup(t)).filter(|t| *t != TermId::UNKNOWN).collect();
        context.sort_unstable_by_key(|t| t.index());
        context.dedup();
        let companions = subject.companions.clone();
        Query { terms, noun: subject.noun.as_deref().map(TermId::lookup), names, by_id, context, companions }
    }

    /// Do the two clauses name different entities in the same role, neither
    /// of which the other's sentence mentions ("in Yorkmere" against "in
    /// Millwick")? Then they are not the same measure. A clause that names
    /// nothing conflicts with nothing: the article may imply the place.
    pub fn names_conflict(&self, other: &SourceSubject) -> bool {
        let in_role = |r: Role| r != Role::Mention;
        if !self.names.iter().any(|n| in_role(n.role)) || !other.names.iter().any(|t| in_role(t.role())) {
            return false;
        }
        let theirs: Vec<NameRef<&str>> = names::unpack(other.names())
            .map(|name| NameRef {
                role: name[0].role(),
                terms: name.iter().map(|t| (t.id(), t.id().text().unwrap_or(""))).collect(),
            })
            .collect();
        names::conflict(&self.names, |t| self.weight_of(t).is_some(), &theirs, |t| other.has_term(t))
    }

    pub fn weight_of(&self, t: TermId) -> Option<Weight> {
        let i = self.by_id.binary_search_by_key(&t.index(), |(id, _)| id.index()).ok()?;
        Some(self.terms[self.by_id[i].1].1)
    }

    /// How much of the note's subject the source's covers, and how much of
    /// the source's the note's covers, combined as a weighted geometric mean
    /// that leans on the note's side: sources are verbose, notes are terse
    /// paraphrases.
    pub fn coverage_similarity(&self, other: &SourceSubject, idf: impl Fn(TermId) -> f32, note_weight: f32) -> f32 {
        let (ca, cb) = self.coverage(other, idf);
        ca.powf(note_weight) * cb.powf(1.0 - note_weight)
    }

    /// The share of the note figure's own phrase (its counted noun and the
    /// words next to it), weighted by IDF, that the source figure's subject
    /// has anywhere: what extra context in either sentence cannot dilute.
    pub fn phrase_coverage(&self, other: &SourceSubject, idf: impl Fn(TermId) -> f32) -> f32 {
        let (mut shared, mut all) = (0.0f32, 0.0f32);
        for (t, w) in self.terms.iter().filter(|(_, w)| *w >= Weight::Near) {
            let x = w.value() * idf(*t);
            all += x;
            if other.has_term(*t) {
                shared += x;
            }
        }
        if all == 0.0 {
            0.0
        } else {
            shared / all
        }
    }

    /// The share of the source figure's own phrase that the note figure's
    /// subject has anywhere.
    pub fn source_phrase_coverage(&self, other: &SourceSubject, idf: impl Fn(TermId) -> f32) -> f32 {
        let (mut shared, mut all) = (0.0f32, 0.0f32);
        for wt in other.terms().iter().filter(|w| w.weight() >= Weight::Near) {
            let x = wt.weight().value() * idf(wt.id());
            all += x;
            if self.weight_of(wt.id()).is_some() {
                shared += x;
            }
        }
        if all == 0.0 {
            0.0
        } else {
            shared / all
        }
    }

    /// (share of the note's subject found in the source's, share of the
    /// source's found in the note's), each weighted by term weight and IDF.
    /// Shared terms are visited in text order, as the weights are summed.
    pub fn coverage(&self, other: &SourceSubject, idf: impl Fn(TermId) -> f32) -> (f32, f32) {
        let (mut shared_a, mut shared_b, mut all_a, mut all_b) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
        for (t, w) in &self.terms {
            all_a += w.value() * idf(*t);
        }
        for wt in other.terms() {
            let (t, b) = (wt.id(), wt.weight().value());
            let w = idf(t);
            all_b += b * w;
            if let Some(a) = self.weight_of(t).map(Weight::value) {
                // a term counts as far as both sides weight it
                shared_a += a.min(b * 2.0) * w;
                shared_b += b.min(a * 2.0) * w;
            }
        }
        if all_a == 0.0 || all_b == 0.0 {
            return (0.0, 0.0);
        }
        ((shared_a / all_a).min(1.0), (shared_b / all_b).min(1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(terms: &[(&str, Weight)], noun: Option<&str>) -> Subject {
        let mut terms: Vec<(String, Weight)> = terms.iter().map(|(t, w)| (t.to_string(), *w)).collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        Subject {
            terms,
            noun: noun.map(str::to_string),
            names: Vec::new(),
            context: Vec::new(),
            companions: Vec::new(),
        }
    }

    #[test]
    fn a_note_term_no_source_uses_weighs_in_but_matches_nothing() {
        let src = SourceSubject::intern(&subject(
            &[("indexed-test-fighter", Weight::Noun), ("indexed-test-region", Weight::Clause)],
            Some("indexed-test-fighter"),
        ));
        let idf = |_: TermId| 1.0;
        let same = Query::of(&subject(&[("indexed-test-fighter", Weight::Noun)], Some("indexed-test-fighter")));
        assert_eq!(same.coverage(&src, idf), (1.0, 2.5 / 3.5));
        let with_unknown = Query::of(&subject(
            &[("indexed-test-fighter", Weight::Noun), ("indexed-test-nowhere", Weight::Noun)],
            Some("indexed-test-nowhere"),
        ));
        assert_eq!(with_unknown.noun, Some(TermId::UNKNOWN));
        assert_eq!(with_unknown.coverage(&src, idf), (0.5, 2.5 / 3.5));
        assert_eq!(TermId::lookup("indexed-test-nowhere"), TermId::UNKNOWN, "a query never interns");
    }

    #[test]
    fn shared_terms_count_as_far_as_both_sides_weight_them() {
        let src = SourceSubject::intern(&subject(&[("indexed-test-cases", Weight::Sentence)], None));
        let q = Query::of(&subject(&[("indexed-test-cases", Weight::Noun)], None));
        let (a, b) = q.coverage(&src, |_| 2.0);
        assert_eq!(a, (0.35 * 2.0 * 2.0) / (2.5 * 2.0));
        assert_eq!(b, 1.0);
    }
}
