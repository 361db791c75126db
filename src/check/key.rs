//! What a note figure's judgement and its own subject depend on, hashed:
//! the key of the judgement cache (`JudgementCache`).

use crate::figures::{DateSpec, Figure};
use std::ops::Range;
use std::path::PathBuf;

/// What a figure's judgement and its own subject depend on, hashed: its sentence's
/// [`sentence_digest`], where the figure stands in it, its row in `prose` (and in `masked` where they differ),
/// the words of its section's heading the sources use, the sources it cites and the note's date.
pub(super) fn judgement_key(
    (prose, masked): (&str, &str),
    figure: &Figure,
    sentence: u64,
    heading: &[String],
    context: &[String],
    cited: &[PathBuf],
    note_date: Option<DateSpec>,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let base = figure.sentence.start;
    sentence.hash(&mut h);
    (figure.span.start - base, figure.span.end - base).hash(&mut h);
    for c in &figure.context {
        hash_both(prose, masked, c, &mut h);
    }
    heading.hash(&mut h);
    context.hash(&mut h);
    cited.hash(&mut h);
    note_date.hash(&mut h);
    h.finish()
}

/// `range` of `prose` hashed, and of `masked` too where a citation blanked
/// in `prose` makes them differ (a figure's own subject reads `masked`).
fn hash_both(prose: &str, masked: &str, range: &Range<usize>, h: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    let (p, m) = (prose.get(range.clone()), masked.get(range.clone()));
    p.hash(h);
    if p != m {
        m.hash(h);
    }
}

/// Do `prose` and `masked` read alike over `range` (no citation blanked in it)?
pub(super) fn alike(prose: &str, masked: &str, range: &Range<usize>) -> bool {
    prose.get(range.clone()) == masked.get(range.clone())
}

/// A sentence's text in `prose` (and `masked`, where they differ) and where
/// its figures stand in it, hashed once for all of them.
pub(super) fn sentence_digest(texts: (&str, &str), sentence: &Range<usize>, spans: &[Range<usize>]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    hash_both(texts.0, texts.1, sentence, &mut h);
    for o in spans {
        (o.start.wrapping_sub(sentence.start), o.end.wrapping_sub(sentence.start)).hash(&mut h);
    }
    h.finish()
}
