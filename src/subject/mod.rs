//! What a figure is about: the weighted, stemmed content words of its
//! clause and sentence, with synonyms folded to one term, and the entities
//! its clause names. Pure text; the corpus supplies IDF weights.

mod cells;
mod document;
mod indexed;
pub mod names;
mod passage;
#[cfg(test)]
mod reference;
mod sentence;
pub mod stem;
mod stopwords;
pub mod synonyms;
pub mod terms;

use crate::figures::Figure;
use crate::text::tokens::{tokenize, TokKind, Token};
pub use cells::Cells;
pub use document::document_terms;
pub use indexed::{Query, SourceSubject};
pub use names::{Name, NameTerm, Role};
pub use passage::PassageTerms;
pub use sentence::SentenceSubjects;
pub use synonyms::Synonyms;
pub use terms::{TermId, Weight, WeightedTerm};

/// A bag of terms with weights, sorted by term (the order every
/// comparison visits them in).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Subject {
    pub terms: Vec<(String, Weight)>,
    /// The counted noun's term, when the figure has one.
    pub noun: Option<String>,
    /// The entities its clause (or table row) names in a role, sorted.
    pub names: Vec<Name>,
    /// A note figure's paragraph: the terms of what the passage around it
    /// is about, sorted and once each (empty for a source figure). The
    /// matcher asks which source speaks most of them.
    pub context: Vec<String>,
    /// A note figure's companions: the numbers its sentence's other figures
    /// state ("16" of "33 goals in 16 matches"), sorted and once each (empty
    /// for a source figure, whose companions its source's figures say).
    pub companions: Vec<f64>,
}

/// The numbers the figures of `sentence` state besides `figure`'s own
/// (`Subject::companions`): each figure that is not `figure`, by its span.
pub fn companions<'a>(figure: &Figure, sentence: impl IntoIterator<Item = &'a Figure>) -> Vec<f64> {
    use crate::figures::Measure;
    companions_among(&figure.span, sentence.into_iter().map(|f| (&f.span, f.stated())))
}

/// `companions`, from each of the sentence's figures' span and stated numbers.
pub fn companions_among<'a>(
    own: &std::ops::Range<usize>,
    sentence: impl IntoIterator<Item = (&'a std::ops::Range<usize>, &'a [f64])>,
) -> Vec<f64> {
    let mut out: Vec<f64> =
        sentence.into_iter().filter(|(span, _)| *span != own).flat_map(|(_, stated)| stated.iter().copied()).collect();
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

/// Weights: the counted noun, words next to the figure, the rest of its
/// clause, the rest of its sentence.
const NOUN: Weight = Weight::Noun;
const NEAR: Weight = Weight::Near;
const CLAUSE: Weight = Weight::Clause;
const SENTENCE: Weight = Weight::Sentence;
/// Tokens either side of a figure that count as "next to" it.
const NEAR_TOKENS: usize = 4;

/// Normalises one word to its term: lower case, stemmed, synonyms folded.
/// `None` for stop words, numbers and time words.
pub fn term(word: &str, synonyms: &Synonyms) -> Option<String> {
    let lower = word.to_lowercase().replace('\u{2019}', "'");
    let lower = lower.strip_suffix("'s").unwrap_or(&lower);
    if lower.len() < 2 || stopwords::is_stop(lower) {
        return None;
    }
    if let Some(t) = synonyms.of_word(lower) {
        return Some(t);
    }
    let stemmed = stem::stem(lower);
    if stopwords::is_stop(&stemmed) {
        return None;
    }
    Some(synonyms.canonical(&stemmed).unwrap_or(stemmed))
}

/// The subject of `figure`, read from `text`: the masked prose of the
/// document it was found in (`figures::Extraction::masked`), so that link
/// targets, URLs, code and citation keys say nothing of it. `others` are the
/// spans of the sentence's other figures, whose words are left out so that
/// two figures in one sentence keep apart. (For several figures of one
/// sentence, [`SentenceSubjects`] reads the sentence once for all.)
pub fn of_figure(text: &str, figure: &Figure, others: &[std::ops::Range<usize>], synonyms: &Synonyms) -> Subject {
    SentenceSubjects::new(text, figure.sentence.clone(), others, synonyms, &Cells::default()).of(figure, 0)
}

/// The terms of `range` (a section's heading in a note) that the sources
/// use (`used`), in the heading's order and once each: all a heading
/// brings to its figures' subjects (`with_terms`), so a word typed into it
/// that no source uses changes no judgement.
pub fn used_terms(
    text: &str,
    range: std::ops::Range<usize>,
    synonyms: &Synonyms,
    used: impl Fn(TermId) -> bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokenize(text, range) {
        let Some(term) = (t.kind == TokKind::Word).then(|| term(t.text(text), synonyms)).flatten() else { continue };
        if used(TermId::lookup(&term)) && !out.contains(&term) {
            out.push(term);
        }
    }
    out
}

/// `subject` with `terms` (a section's heading's `used_terms` in a note) as
/// words of its sentence: those it lacks. A heading says what its section's
/// figures are about ("## Unemployment" over "A year before, the rate had
/// been 3.6 percent").
pub fn with_terms(mut subject: Subject, terms: &[String]) -> Subject {
    for term in terms {
        if !subject.terms.iter().any(|(s, _)| s == term) {
            subject.terms.push((term.clone(), SENTENCE));
        }
    }
    subject.terms = merge(subject.terms);
    subject
}

/// The terms of `range` (a note figure's paragraph), sorted and once each.
pub fn context_terms(text: &str, range: std::ops::Range<usize>, synonyms: &Synonyms) -> Vec<String> {
    let mut out: Vec<String> = tokenize(text, range)
        .into_iter()
        .filter(|t| t.kind == TokKind::Word)
        .filter_map(|t| term(t.text(text), synonyms))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The sentence's opening phrase, when it is a preposition's ("In Millwick,")
/// and the clause at `clause_start` follows it.
fn fronted_phrase(text: &str, toks: &[Token], clause_start: usize) -> Option<std::ops::Range<usize>> {
    let end = clause_start.checked_sub(1)?;
    let opens = toks.first().is_some_and(|t| t.kind == TokKind::Word && names::is_preposition(t.text(text)));
    let one_phrase = toks[..end].iter().all(|t| !is_break(t.text(text)));
    (opens && one_phrase && end > 0).then_some(0..end)
}

/// Does this word set a figure against another ("compared with", "versus")?
fn is_comparison(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "compared" | "versus" | "vs" | "against" | "than")
}

/// Does this token end a clause?
fn is_break(token: &str) -> bool {
    matches!(token, "," | ";" | ":" | "—" | "(" | ")" | "–")
}

/// Sorts and merges duplicate terms, keeping the largest weight.
fn merge(mut bag: Vec<(String, Weight)>) -> Vec<(String, Weight)> {
    bag.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    bag.dedup_by(|a, b| a.0 == b.0);
    bag
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::extract;
    use crate::text::Format;

    /// The terms of the first figure's subject, as the check reads it.
    fn terms_of(text: &str) -> Vec<(String, Weight)> {
        let ex = extract(text, Format::Markdown);
        of_figure(&ex.masked, &ex.figures[0], &[], &Synonyms::default()).terms
    }

    /// The terms of the `n`th figure's subject, the others set apart as the check does.
    fn terms_of_nth(text: &str, n: usize) -> Vec<(String, Weight)> {
        let ex = extract(text, Format::Markdown);
        let others: Vec<_> =
            ex.figures.iter().filter(|f| f.span != ex.figures[n].span).map(|f| f.span.clone()).collect();
        of_figure(&ex.masked, &ex.figures[n], &others, &Synonyms::default()).terms
    }

    fn t(term: &str, w: Weight) -> (String, Weight) {
        (term.to_string(), w)
    }

    #[test]
    fn a_link_target_says_nothing_of_a_subject_its_text_does() {
        let note = "The port's [harbour report](http://example.org/fishing-boats \"Whaling fleet\") counted 412 \
                    cargo ships.\n";
        let expected = [t("cargo", NEAR), t("count", NEAR), t("harbour", NEAR), t("port", NEAR), t("ship", NOUN)];
        assert_eq!(terms_of(note), expected);
    }

    #[test]
    fn verbs_that_only_state_a_level_and_comparisons_say_nothing_of_a_subject() {
        assert_eq!(terms_of("Unemployment stood at 8.1 percent, far lower than before.\n"), [t("unemploy", NEAR)]);
        assert_eq!(terms_of("Marlow came in lowest at 3.9 percent.\n"), [t("marlow", CLAUSE)]);
        assert_eq!(terms_of("Sales were 6 percent higher, compared with May.\n"), [t("sale", NEAR)]);
    }

    #[test]
    fn a_figure_set_against_another_takes_that_figures_words() {
        // and counts what it counts ("compared with roughly 1,000" potholes)
        let note = "Crews repaired 7,500 potholes in March, compared with roughly 1,000 in the winter storms.\n";
        let expected = [t("crew", CLAUSE), t("pothol", NOUN), t("repair", CLAUSE), t("storm", NEAR), t("winter", NEAR)];
        assert_eq!(terms_of_nth(note, 1), expected);
        // so does the value a figure changed from
        let note = "Crews repaired 7,500 potholes, up from the 1,000 of the winter storms.\n";
        assert!(terms_of_nth(note, 1).contains(&t("pothol", CLAUSE)));
        // a figure in a clause of its own keeps the other's words apart
        let note = "Crews repaired 7,500 potholes in March, and roughly 1,000 roads were closed by winter storms.\n";
        assert!(terms_of_nth(note, 1).contains(&t("pothol", SENTENCE)));
    }

    #[test]
    fn general_synonyms_fold_to_one_term() {
        let s = Synonyms::default();
        assert_eq!(term("jobless", &s), term("unemployment", &s));
        assert_eq!(term("residents", &s), term("people", &s));
        assert_eq!(term("posts", &s), term("positions", &s));
        // job postings are advertisements, not the posts they advertise
        assert_ne!(term("postings", &s), term("posts", &s));
    }

    #[test]
    fn code_spans_bare_urls_and_citation_keys_say_nothing_of_a_subject() {
        let note = "The port counted 412 cargo ships `fishing_boats` (https://example.org/trawlers) [@whaling-2016].\n";
        assert_eq!(terms_of(note), [t("cargo", NEAR), t("count", NEAR), t("port", NEAR), t("ship", NOUN)]);
    }
}
