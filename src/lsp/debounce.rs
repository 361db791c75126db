//! How long an edit waits before its note is checked. An edit that closes
//! something — the writer has just typed a space or punctuation after a
//! number, a word or a sentence ("1,500 ", "people.") — is checked at once:
//! the check re-judges only the sentences it changed (the others'
//! judgements are reused). While a token is still being typed — a number
//! (after a digit, or a digit and a separator that may go on: "1," "4."; or
//! right before a digit) or a word — the edit waits `DEBOUNCE`, dropped if
//! another comes: judging each digit would flash verdicts on numbers the
//! writer never meant, and each keystroke of a word would start a check the
//! next one cancels.

use ropey::Rope;
use std::time::Duration;

/// The wait while a number is being typed (and after an edit that says
/// nothing of where the writer is: the whole document replaced).
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// The wait before checking a note after an edit that left the writer at
/// char index `cursor` of `rope` (`None`: unknown).
pub fn after_edit(rope: &Rope, cursor: Option<usize>) -> Duration {
    match cursor {
        Some(at) if !still_typing(rope, at) => Duration::ZERO,
        _ => DEBOUNCE,
    }
}

/// Is the writer at `at` in the middle of a token: right after a letter or
/// digit, right after a digit and a separator that may go on ("1," "4."),
/// or right before a digit (editing a number from its front)?
fn still_typing(rope: &Rope, at: usize) -> bool {
    let at = at.min(rope.len_chars());
    let char_at = |i: usize| (i < rope.len_chars()).then(|| rope.char(i));
    let before = at.checked_sub(1).and_then(char_at);
    let two_before = at.checked_sub(2).and_then(char_at);
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    before.is_some_and(char::is_alphanumeric)
        || (matches!(before, Some(',' | '.')) && digit(two_before))
        || digit(char_at(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wait after typing up to `|` in `text`.
    fn wait(text: &str) -> Duration {
        let at = text.find('|').expect("cursor");
        let rope = Rope::from_str(&text.replace('|', ""));
        after_edit(&rope, Some(text[..at].chars().count()))
    }

    #[test]
    fn an_edit_that_closes_a_number_or_a_sentence_is_checked_at_once() {
        // a number on its way
        assert_eq!(wait("About 1| people"), DEBOUNCE);
        assert_eq!(wait("About 1,|"), DEBOUNCE);
        assert_eq!(wait("It rose 4.|"), DEBOUNCE);
        assert_eq!(wait("About |500 people"), DEBOUNCE);
        // a word on its way
        assert_eq!(wait("About 1,500p|"), DEBOUNCE);
        assert_eq!(wait("About 500 people came tod|"), DEBOUNCE);
        assert_eq!(wait("Über 5| Menschen"), DEBOUNCE);
        // a number closed, a sentence closed, a clause closed
        assert_eq!(wait("About 1,500 |"), Duration::ZERO);
        assert_eq!(wait("About 1,500 people.|"), Duration::ZERO);
        assert_eq!(wait("It rose 4.5%|"), Duration::ZERO);
        assert_eq!(wait("It rose 4.5% |to"), Duration::ZERO);
        assert_eq!(wait("Many, |"), Duration::ZERO);
        // non-ASCII before the cursor is counted in chars
        assert_eq!(wait("Über |"), Duration::ZERO);
        assert_eq!(wait("|"), Duration::ZERO);
    }

    #[test]
    fn a_whole_document_replaced_waits() {
        assert_eq!(after_edit(&Rope::from_str("About 500 people."), None), DEBOUNCE);
    }
}
