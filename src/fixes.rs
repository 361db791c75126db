//! Quick fixes for a checked figure, as plain text edits on byte offsets:
//! take the source's figure (and cite it), cite a supporting source, or
//! ignore the figure. The server turns them into WorkspaceEdits; nothing is
//! applied unless the writer picks one.

use crate::check::{FigureCheck, NoteCheck};
use crate::corpus::{Corpus, Source};
use crate::figures::{duration, units, Measure};
use crate::ignore;
use crate::report::collapse;
use crate::verdict::{Stance, Verdict};
use std::ops::Range;
use std::sync::Arc;

/// How many sources a "cite" or "use the figure" fix is offered for.
const MAX_SOURCES: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    /// Changes what the note says (or cites): a quick fix for the diagnostic.
    QuickFix,
    /// Tells the checker to leave figures alone.
    Ignore,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub kind: FixKind,
    pub preferred: bool,
    /// Disjoint edits, in order.
    pub edits: Vec<Edit>,
}

/// Every fix for the figure `f` of a note `text` checked as `check`.
pub fn fixes_for(text: &str, check: &NoteCheck, f: &FigureCheck, corpus: &Corpus) -> Vec<Fix> {
    let mut out = Vec::new();
    let j = &f.judgement;
    match j.verdict {
        Verdict::Contradicted => {
            let mut seen: Vec<(String, String)> = Vec::new();
            for e in j.evidence.iter().filter(|e| e.stance == Stance::Contradicts) {
                let sf = &e.source_figure().figure;
                // the numbers alone only when the rest reads the same: same
                // period, and a unit of measure or time written alike ("155 mph"
                // is not fixed to "250 mph" by "250 km/h"; "1,000 fighters" to
                // "3,000 fighters" by "3,000 militants")
                let measured =
                    |u: Option<&str>| u.is_some_and(|u| units::of(u).is_some() || duration::seconds(u).is_some());
                let same_unit = sf.unit() == f.figure.unit.as_deref()
                    || !(measured(sf.unit()) || measured(f.figure.unit.as_deref()));
                let same_measure = sf.per() == f.figure.per && same_unit;
                let (replace, wording) = if same_measure {
                    (f.figure.quantity.clone(), e.source.text_of(sf.quantity()))
                } else {
                    (f.figure.span.clone(), e.source.text_of(sf.span()))
                };
                let Some(wording) = wording.map(collapse) else { continue };
                let id = corpus.short_id(&e.source.id);
                if seen.contains(&(wording.clone(), id.clone())) {
                    continue;
                }
                seen.push((wording.clone(), id.clone()));
                let wording = match_case(text, &f.figure.sentence, &replace, &wording);
                let mut edits = vec![Edit { range: replace, text: wording.clone() }];
                edits.extend(cite_edit(text, check, f, &e.source, &id));
                out.push(Fix {
                    title: format!("Use the source's figure: ‘{wording}’ [@{id}]"),
                    kind: FixKind::QuickFix,
                    preferred: out.is_empty(),
                    edits: merged(edits),
                });
                if seen.len() == MAX_SOURCES {
                    break;
                }
            }
        }
        // no citation, or only ones that do not give the figure
        Verdict::Supported if !cites_a_supporter(check, f) => {
            let mut seen: Vec<&Arc<Source>> = Vec::new();
            for e in j.evidence.iter().filter(|e| e.stance == Stance::Supports) {
                if seen.iter().any(|s| s.path == e.source.path) {
                    continue;
                }
                seen.push(&e.source);
                let id = corpus.short_id(&e.source.id);
                let Some(edit) = cite_edit(text, check, f, &e.source, &id) else { continue };
                if let Some((wrong, range)) = wrong_key(text, check, f) {
                    out.push(Fix {
                        title: format!("Cite {id} instead of {}", corpus.short_id(&wrong)),
                        kind: FixKind::QuickFix,
                        preferred: out.is_empty(),
                        edits: vec![Edit { range, text: format!("@{id}") }],
                    });
                }
                out.push(Fix {
                    title: format!("Cite {id}"),
                    kind: FixKind::QuickFix,
                    preferred: out.is_empty(),
                    edits: vec![edit],
                });
                if seen.len() == MAX_SOURCES {
                    break;
                }
            }
        }
        _ => {}
    }
    let one = ignore::ignore_figure(text, &f.figure.span);
    out.push(Fix {
        title: "Ignore this figure".to_string(),
        kind: FixKind::Ignore,
        preferred: false,
        edits: vec![Edit { range: one.at..one.at, text: one.text }],
    });
    let wording = &text[f.figure.span.clone()];
    let all = ignore::ignore_all(text, wording);
    out.push(Fix {
        title: format!("Ignore figures like ‘{}’ in this file", collapse(wording)),
        kind: FixKind::Ignore,
        preferred: false,
        edits: vec![Edit { range: all.at..all.at, text: all.text }],
    });
    out
}

/// Does one of the figure's citations name a source that supports it?
fn cites_a_supporter(check: &NoteCheck, f: &FigureCheck) -> bool {
    let supporters: Vec<&Arc<Source>> =
        f.judgement.evidence.iter().filter(|e| e.stance == Stance::Supports).map(|e| &e.source).collect();
    f.cited
        .iter()
        .filter_map(|i| check.citations.get(*i).and_then(|c| c.source.as_ref()))
        .any(|s| supporters.iter().any(|p| p.path == s.path))
}

/// The edit that cites `source` (as `@id`) for figure `f`: inside the
/// figure's own citation group when it has one, else a new `[@id]` at the
/// end of its sentence, before the closing punctuation. `None` when the
/// figure already cites it.
fn cite_edit(text: &str, check: &NoteCheck, f: &FigureCheck, source: &Arc<Source>, id: &str) -> Option<Edit> {
    let cited: Vec<_> = f.cited.iter().filter_map(|i| check.citations.get(*i)).collect();
    if cited.iter().any(|c| c.source.as_ref().is_some_and(|s| s.path == source.path)) {
        return None;
    }
    // the last of the figure's keys that sits in a [...] group
    let group_key = cited.iter().rev().find(|c| is_key(text, c));
    if let Some(key) = group_key {
        if let Some(close) = text[key.range.end..].find(']').map(|i| key.range.end + i) {
            if !text[key.range.end..close].contains('\n') {
                return Some(Edit { range: close..close, text: format!("; @{id}") });
            }
        }
    }
    let at = sentence_end(text, &f.figure.sentence);
    Some(Edit { range: at..at, text: format!(" [@{id}]") })
}

/// The last of the figure's Pandoc keys that names a source not giving the
/// figure: that source's id and the key's range (`@000`), for a fix that
/// replaces it rather than citing beside it.
fn wrong_key(text: &str, check: &NoteCheck, f: &FigureCheck) -> Option<(String, Range<usize>)> {
    let supporters: Vec<&Arc<Source>> =
        f.judgement.evidence.iter().filter(|e| e.stance == Stance::Supports).map(|e| &e.source).collect();
    f.cited.iter().rev().filter_map(|i| check.citations.get(*i)).find_map(|c| {
        let source = c.source.as_ref()?;
        let wrong = is_key(text, c) && !supporters.iter().any(|p| p.path == source.path);
        wrong.then(|| (source.id.clone(), c.range.clone()))
    })
}

/// A source's `wording` in the case of the note text at `replace` (in
/// `sentence`): a headline's Title Case or capitals, and the capital a
/// source's sentence opens with, are the source's; the note's sentence
/// start gets a capital, its middle none.
fn match_case(text: &str, sentence: &Range<usize>, replace: &Range<usize>, wording: &str) -> String {
    let initial = |w: &str| w.chars().find(|c| c.is_alphabetic());
    let lettered: Vec<&str> = wording.split(' ').filter(|w| initial(w).is_some()).collect();
    let headline = lettered.len() > 1 && lettered.iter().all(|w| initial(w).is_some_and(char::is_uppercase));
    let mut out = if headline { wording.to_lowercase() } else { wording.to_string() };
    // a capitalised first word (not an acronym: "UN", "NHS")
    if let Some(first) = out.split(' ').next().filter(|w| {
        let mut letters = w.chars().filter(|c| c.is_alphabetic());
        letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_lowercase)
    }) {
        let lowered = first.to_lowercase();
        out.replace_range(..first.len(), &lowered);
    }
    let opens_sentence = text.get(sentence.start..replace.start).is_some_and(|before| {
        before.trim_start_matches(|c: char| c.is_whitespace() || "*_\"'“‘(#>-".contains(c)).is_empty()
    });
    let replaced_capital = text.get(replace.clone()).and_then(initial).is_some_and(char::is_uppercase);
    if opens_sentence || replaced_capital {
        if let Some(c) = out.chars().next().filter(|c| c.is_lowercase()) {
            out.replace_range(..c.len_utf8(), &c.to_uppercase().to_string());
        }
    }
    out
}

/// Is the citation a Pandoc key (`@id`) rather than a Markdown link?
fn is_key(text: &str, c: &crate::check::Citation) -> bool {
    text[c.range.clone()].starts_with('@')
}

/// Where a citation goes in `sentence`: before its closing punctuation
/// (and closing quotes or brackets), after its last word.
fn sentence_end(text: &str, sentence: &Range<usize>) -> usize {
    let s = &text[sentence.clone()];
    let body = s.trim_end();
    let words = body.trim_end_matches(['.', '!', '?', ':', ';', '"', '\'', '”', '’', ')', '*', '_']);
    // keep closing quotes/brackets with the words when they close something inside
    let cut = if words.len() < body.len() && body[words.len()..].starts_with(['"', '”', '’', ')', '*', '_']) {
        let tail = &body[words.len()..];
        let keep = tail.len() - tail.trim_start_matches(['"', '”', '’', ')', '*', '_']).len();
        words.len() + keep
    } else {
        words.len()
    };
    sentence.start + cut
}

/// Sorted edits with touching ones joined (an insertion right after a
/// replaced span), so no two edits share a position.
fn merged(mut edits: Vec<Edit>) -> Vec<Edit> {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out: Vec<Edit> = Vec::new();
    for e in edits {
        match out.last_mut() {
            Some(last) if last.range.end >= e.range.start => {
                last.text.push_str(&e.text);
                last.range.end = last.range.end.max(e.range.end);
            }
            _ => out.push(e),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_go_before_closing_punctuation() {
        let t = "It had 30 boats. Next.";
        assert_eq!(sentence_end(t, &(0..16)), 15);
        let t = "He said \"30 boats.\" Next";
        assert_eq!(sentence_end(t, &(0..19)), 17);
        let t = "It had 30 boats (or so). ";
        assert_eq!(sentence_end(t, &(0..25)), 23);
        assert_eq!(sentence_end("30 boats", &(0..8)), 8);
    }

    #[test]
    fn a_sources_wording_takes_the_case_of_what_it_replaces() {
        let m = |text: &str, at: &str, wording: &str| {
            let start = text.find(at).expect("at");
            match_case(text, &(0..text.len()), &(start..start + at.len()), wording)
        };
        // a headline's Title Case, mid-sentence and at its start
        assert_eq!(m("The fleet has more than 200 boats.", "more than 200", "Fewer Than 80"), "fewer than 80");
        assert_eq!(m("More than 200 boats sail.", "More than 200", "Fewer Than 80"), "Fewer than 80");
        assert_eq!(m("MORE THAN 200 boats sail.", "MORE THAN 200", "FEWER THAN 80"), "Fewer than 80");
        // a source's sentence start, in the middle of the note's sentence
        assert_eq!(m("The fleet has 200 boats.", "200", "Fewer than 80"), "fewer than 80");
        // the note's sentence start, though the replaced text begins with a digit
        assert_eq!(m("200 boats sail.", "200", "fewer than 80"), "Fewer than 80");
        assert_eq!(m("**200** boats sail.", "200", "fewer than 80"), "Fewer than 80");
        // names and acronyms inside the wording keep their case
        assert_eq!(m("It had 20 UN staff.", "20 UN staff", "UN staff of 12"), "UN staff of 12");
        assert_eq!(m("It had 20 boats.", "20", "80"), "80");
    }

    #[test]
    fn touching_edits_are_joined() {
        let e = merged(vec![
            Edit { range: 10..10, text: " [@a]".into() },
            Edit { range: 7..10, text: "40".into() },
            Edit { range: 0..1, text: "x".into() },
        ]);
        assert_eq!(e, vec![Edit { range: 0..1, text: "x".into() }, Edit { range: 7..10, text: "40 [@a]".into() }]);
    }
}
