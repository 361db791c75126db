//! Verdicts that flipped between two checks of a note: a figure whose
//! sentence is unchanged, supported before and contradicted now (a newer
//! article added to the sources), is "newly contradicted" by the source
//! that contradicts it — and stays so while its sentence is unchanged and
//! it is contradicted.
//!
//! Figures are matched across checks by their sentence's text and their
//! place in it, never by offset: an edit elsewhere in the note moves a
//! figure, an edit of its sentence makes it another figure.

use crate::check::{FigureCheck, NoteCheck};
use crate::verdict::{Stance, Verdict};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// A figure's place as text: its sentence's text, and its span's within it.
pub type FigureKey = u64;

/// Each figure's verdict in one check, by key.
pub type Verdicts = HashMap<FigureKey, Verdict>;

/// The figures newly contradicted, by key, with the short id of the source
/// that contradicts each.
pub type Flips = HashMap<FigureKey, String>;

/// The key of a figure of the note `text`.
pub fn key(text: &str, f: &FigureCheck) -> FigureKey {
    let (sentence, span) = (&f.figure.sentence, &f.figure.span);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.get(sentence.clone()).hash(&mut h);
    span.start.checked_sub(sentence.start).hash(&mut h);
    text.get(span.clone()).hash(&mut h);
    h.finish()
}

/// Every figure's verdict in `check` of the note `text`.
pub fn verdicts(text: &str, check: &NoteCheck) -> Verdicts {
    check.figures.iter().map(|f| (key(text, f), f.judgement.verdict)).collect()
}

/// The flips after checking `text` again (`now`): those kept from `flips`
/// whose figure is still contradicted, and every figure contradicted now
/// that `before` found supported.
pub fn update(flips: &Flips, before: &Verdicts, text: &str, now: &NoteCheck) -> Flips {
    let mut out = Flips::new();
    for f in now.figures.iter().filter(|f| f.judgement.verdict == Verdict::Contradicted) {
        let k = key(text, f);
        if let Some(by) = flips.get(&k) {
            out.insert(k, by.clone());
        } else if before.get(&k) == Some(&Verdict::Supported) {
            let by = f.judgement.evidence.iter().find(|e| e.stance == Stance::Contradicts);
            if let Some(e) = by {
                out.insert(k, now.short_id(&e.source.id).to_string());
            }
        }
    }
    out
}

/// A newly contradicted figure's message: "Newly contradicted by 005: …"
/// in place of "Contradicted: …".
pub fn message(by: &str, message: &str) -> String {
    let rest = message.strip_prefix("Contradicted: ").unwrap_or(message);
    format!("Newly contradicted by {by}: {rest}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_note;
    use crate::corpus::{Corpus, Source};
    use crate::text::Format;
    use crate::workspace::Settings;
    use std::path::Path;

    fn corpus(texts: &[(&str, &str)]) -> Corpus {
        let s = Settings::default();
        Corpus::from_sources(
            texts
                .iter()
                .map(|(path, text)| Source::from_text(Path::new(path), text.to_string(), &s.synonyms, &s.conventions))
                .collect(),
        )
    }

    const OLD: (&str, &str) = ("/s/101_old.txt", "Harbour report\n\nAbout 300 ships docked in Portvale last year.\n");
    const NEW: (&str, &str) =
        ("/s/102_new.txt", "Harbour audit\n\nOnly 120 ships docked in Portvale last year, the audit found.\n");
    const NOTE: &str = "Last year 300 ships docked in Portvale.\n\nLast year 41 herons nested in Portvale.\n";

    #[test]
    fn a_figure_supported_then_contradicted_is_newly_contradicted_by_the_new_source() {
        let s = Settings::default();
        let before = check_note(NOTE, Format::Markdown, None, &corpus(&[OLD]), &s);
        assert_eq!(before.figures[0].judgement.verdict, Verdict::Supported);
        let after = check_note(NOTE, Format::Markdown, None, &corpus(&[NEW]), &s);
        assert_eq!(after.figures[0].judgement.verdict, Verdict::Contradicted);
        let flips = update(&Flips::new(), &verdicts(NOTE, &before), NOTE, &after);
        assert_eq!(flips.into_values().collect::<Vec<_>>(), ["102"]);
    }

    #[test]
    fn a_flip_stays_while_its_sentence_does_and_goes_with_an_edit_of_it() {
        let s = Settings::default();
        let (old, new) = (corpus(&[OLD]), corpus(&[NEW]));
        let before = check_note(NOTE, Format::Markdown, None, &old, &s);
        let after = check_note(NOTE, Format::Markdown, None, &new, &s);
        let flips = update(&Flips::new(), &verdicts(NOTE, &before), NOTE, &after);
        // an edit elsewhere moves the figure: still newly contradicted
        let moved = format!("# Harbour\n\n{NOTE}");
        let again = check_note(&moved, Format::Markdown, None, &new, &s);
        let kept = update(&flips, &verdicts(NOTE, &after), &moved, &again);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept.get(&key(&moved, &again.figures[0])).map(String::as_str), Some("102"));
        // its sentence edited: another figure, no flip
        let edited = moved.replace("docked in", "moored in");
        let third = check_note(&edited, Format::Markdown, None, &new, &s);
        assert_eq!(third.figures[0].judgement.verdict, Verdict::Contradicted);
        assert!(update(&kept, &verdicts(&moved, &again), &edited, &third).is_empty());
    }

    #[test]
    fn contradicted_before_is_no_flip() {
        let s = Settings::default();
        let new = corpus(&[NEW]);
        let before = check_note(NOTE, Format::Markdown, None, &new, &s);
        let after = check_note(NOTE, Format::Markdown, None, &new, &s);
        assert!(update(&Flips::new(), &verdicts(NOTE, &before), NOTE, &after).is_empty());
        assert_eq!(
            message("102", "Contradicted: 102 says only 120 ships."),
            "Newly contradicted by 102: 102 says only 120 ships."
        );
    }
}
