//! What a whole source is about: every term of its text, once each. The
//! matcher asks which source speaks most of a note figure's paragraph, and
//! an article's words are not only its figures' sentences: "the
//! 18-year-old spoke only to confirm his name" is the figure of an article
//! whose other sentences say "appeared at Westminster Magistrates' Court
//! charged with ... terrorism".

use super::{term, Synonyms, TermId};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Words already read on this thread, with their terms: a word is stemmed
/// once, however many sources write it (cleared past `MAX_WORDS`, and when
/// the synonyms change).
struct Seen {
    synonyms: u64,
    words: HashMap<Box<str>, Option<TermId>, BuildHasherDefault<WordHasher>>,
}

const MAX_WORDS: usize = 50_000;

thread_local! {
    static SEEN: RefCell<Seen> = RefCell::new(Seen { synonyms: 0, words: HashMap::default() });
}

/// A fast hash for short words (FxHash's multiply and rotate): the table
/// is a cache of this process's words, never keyed by anyone's input
/// alone, so it needs no defence against chosen collisions.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        // the table picks buckets by the low bits: mix the high ones down
        let x = (self.0 ^ (self.0 >> 32)).wrapping_mul(0xd6_e8_fe_b8_66_59_fd_93);
        x ^ (x >> 32)
    }
}

/// The words of `text`: runs of letters, with inner apostrophes
/// ("don't", "Turkey’s"); a run with a digit in it is no word.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let is_letter = |c: char| c.is_alphabetic() || c.is_ascii_digit();
    let mut rest = text;
    std::iter::from_fn(move || loop {
        let start = rest.find(is_letter)?;
        let tail = &rest[start..];
        let mut end = tail.len();
        let mut chars = tail.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_letter(c) {
                continue;
            }
            let inner = matches!(c, '\'' | '\u{2019}') && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
            if !inner {
                end = i;
                break;
            }
        }
        let word = &tail[..end];
        rest = &tail[end..];
        if !word.bytes().any(|b| b.is_ascii_digit()) {
            return Some(word);
        }
    })
}

/// The terms of `text` (a source's masked prose), interned, sorted by
/// index and once each.
pub fn document_terms(text: &str, synonyms: &Synonyms) -> Vec<TermId> {
    let mut out: Vec<TermId> = Vec::new();
    SEEN.with_borrow_mut(|seen| {
        let key = synonyms.fingerprint();
        if seen.synonyms != key || seen.words.len() > MAX_WORDS {
            seen.words.clear();
            seen.synonyms = key;
        }
        for word in words(text) {
            let id = match seen.words.get(word) {
                Some(id) => *id,
                None => {
                    let id = term(word, synonyms).map(|s| TermId::intern(&s)).filter(|id| *id != TermId::UNKNOWN);
                    seen.words.insert(word.into(), id);
                    id
                }
            };
            out.extend(id);
        }
    });
    out.sort_unstable_by_key(|t| t.index());
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_content_word_of_the_text_once() {
        let terms = document_terms("Courts, court and the COURT charged the man.", &Synonyms::default());
        let texts: Vec<&str> = terms.iter().filter_map(|t| t.text()).collect();
        let mut sorted = texts.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, ["charg", "court", "man"]);
    }

    #[test]
    fn words_are_letter_runs_with_inner_apostrophes_and_no_digits() {
        let found: Vec<&str> = words("The 18-year-old's “don’t”, Turkey’s 3rd COVID19 o'clock.").collect();
        assert_eq!(found, ["The", "year", "old's", "don’t", "Turkey’s", "o'clock"]);
    }
}
