//! The subject reading as it was before `sentence` read each sentence once
//! (cubic in a sentence's figures), kept to hold the new one to the same
//! output.

use super::*;

/// The subject of `figure`, read from `text`: the masked prose of the
/// document it was found in (`figures::Extraction::masked`), so that link
/// targets, URLs, code and citation keys say nothing of it. `others` are the
/// spans of the sentence's other figures, whose words are left out so that
/// two figures in one sentence keep apart.
pub fn of_figure_reference(
    text: &str,
    figure: &Figure,
    others: &[std::ops::Range<usize>],
    synonyms: &Synonyms,
) -> Subject {
    let toks = tokenize(text, figure.sentence.clone());
    let first = toks.iter().position(|t| t.start >= figure.span.start).unwrap_or(0);
    let last = toks.iter().rposition(|t| t.end <= figure.span.end).unwrap_or(first);
    let is_break = |k: usize| is_break(toks[k].text(text));
    let mut clause_start = first;
    while clause_start > 0 && !is_break(clause_start - 1) {
        clause_start -= 1;
    }
    let mut clause_end = last + 1;
    while clause_end < toks.len() && !is_break(clause_end) {
        clause_end += 1;
    }
    // A clause that says nothing of its own ("…, down from 96 percent five
    // years earlier") takes its words from the clause before it.
    let content = |a: usize, b: usize| {
        toks[a..b]
            .iter()
            .enumerate()
            .filter(|(k, t)| {
                t.kind == TokKind::Word && !(first..=last).contains(&(a + k)) && term(t.text(text), synonyms).is_some()
            })
            .count()
    };
    // So does one that sets the figure against another ("…, compared with
    // roughly 1,000 in the first fortnight"): both count the same thing, and
    // the other figure's words are this one's too.
    let word_before = |n: usize| first.checked_sub(n).filter(|k| *k >= clause_start).map(|k| toks[k].text(text));
    // "from the 5.2 percent it first published": the value a figure changed from
    let changed_from =
        word_before(1) == Some("from") || word_before(1) == Some("the") && word_before(2) == Some("from");
    let compared = changed_from || (clause_start..first).any(|k| is_comparison(toks[k].text(text)));
    let elliptical = (content(clause_start, clause_end) == 0 || compared) && clause_start > 0;
    if elliptical {
        let mut s = clause_start - 1;
        while s > 0 && !is_break(s - 1) {
            s -= 1;
        }
        clause_start = s;
    }
    // "In Millwick, 300 flights were cancelled": the opening phrase places the clause
    let lead = fronted_phrase(text, &toks, clause_start).unwrap_or(0..0);
    let in_clause = |k: usize| (clause_start..clause_end).contains(&k) || lead.contains(&k);
    let mut names = names::of_sentence(text, &toks, in_clause, synonyms);
    let mut bag: Vec<(String, Weight)> = Vec::new();
    // a duration, an age or a physical unit says what kind of measure it is,
    // not what it is about: "36 hours" and "a day and a half" of one siege
    let measured = matches!(figure.kind, crate::figures::Kind::Duration | crate::figures::Kind::Age)
        || figure.unit.as_deref().is_some_and(|u| crate::figures::units::of(u).is_some());
    let noun_term = figure.noun.as_ref().filter(|_| !measured).and_then(|n| term(&text[n.clone()], synonyms));
    for (k, t) in toks.iter().enumerate() {
        if t.kind != TokKind::Word {
            continue;
        }
        if measured && figure.span.start <= t.start && t.end <= figure.span.end {
            continue;
        }
        let Some(term) = term(t.text(text), synonyms) else { continue };
        let in_other = others.iter().any(|o| o.start <= t.start && t.end <= o.end)
            && !(elliptical && k >= clause_start && k < clause_end);
        let weight = if in_other {
            SENTENCE // another figure's words: part of the scene, not of this measure
        } else if figure.noun.as_ref().is_some_and(|n| n.start == t.start) {
            NOUN
        } else if k + NEAR_TOKENS >= first && k <= last + NEAR_TOKENS {
            NEAR
        } else if k >= clause_start && k < clause_end {
            CLAUSE
        } else {
            SENTENCE
        };
        bag.push((term, weight));
    }
    for (k, r) in figure.context.iter().enumerate() {
        // the row's cells read like the figure's clause; the header (last) less so
        let weight = if k + 1 == figure.context.len() { SENTENCE } else { CLAUSE };
        let cell = tokenize(text, r.clone());
        names.extend(names::of_sentence(text, &cell, |_| weight == CLAUSE, synonyms));
        for t in cell {
            if t.kind == TokKind::Word {
                if let Some(term) = term(t.text(text), synonyms) {
                    bag.push((term, weight));
                }
            }
        }
    }
    if let Some(unit) = figure.unit.as_ref().filter(|_| figure.noun.is_none() && !measured) {
        if let Some(t) = term(unit, synonyms) {
            bag.push((t, NOUN));
        }
    }
    Subject {
        terms: merge(bag),
        noun: noun_term,
        names: names::merge(names),
        context: Vec::new(),
        companions: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::extract;
    use crate::text::Format;
    use std::path::Path;

    /// Every figure of `text`, read the old way and the new three ways (one
    /// figure at a time; a sentence at once as a note's check does, the
    /// others by span; as a source's indexing does, the others by entry).
    fn assert_same(name: &str, text: &str, format: Format) -> usize {
        let synonyms = Synonyms::default();
        let ex = extract(text, format);
        let masked = &ex.masked;
        // one document's cells, read once for all its sentences
        let cells = Cells::default();
        for (i, f) in ex.figures.iter().enumerate() {
            let same = |g: &Figure| g.sentence == f.sentence;
            let by_span: Vec<_> =
                ex.figures.iter().filter(|g| same(g) && g.span != f.span).map(|g| g.span.clone()).collect();
            let by_entry: Vec<_> = ex
                .figures
                .iter()
                .enumerate()
                .filter(|(j, g)| same(g) && *j != i)
                .map(|(_, g)| g.span.clone())
                .collect();
            let all: Vec<_> = ex.figures.iter().filter(|g| same(g)).map(|g| g.span.clone()).collect();
            let old = of_figure_reference(masked, f, &by_span, &synonyms);
            assert_eq!(
                of_figure(masked, f, &by_span, &synonyms),
                old,
                "{name}: figure {i} ({:?})",
                &text[f.span.clone()]
            );
            let sentence = SentenceSubjects::new(masked, f.sentence.clone(), &all, &synonyms, &cells);
            assert_eq!(sentence.of(f, sentence.count_of(&f.span)), old, "{name}: figure {i}, by span");
            let old = of_figure_reference(masked, f, &by_entry, &synonyms);
            assert_eq!(sentence.of(f, 1), old, "{name}: figure {i}, by entry");
        }
        ex.figures.len()
    }

    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else if matches!(p.extension().and_then(|x| x.to_str()), Some("md" | "txt")) {
                out.push(p);
            }
        }
    }

    #[test]
    fn subjects_read_a_sentence_at_once_are_those_read_one_figure_at_a_time() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        files(&root.join("seeds"), &mut paths);
        files(&root.join("tests/eval"), &mut paths);
        let mut figures = 0;
        for p in &paths {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            figures += assert_same(&p.display().to_string(), &text, Format::from_path(p));
        }
        assert!(figures > 500, "{figures} figures in {} files", paths.len());
        // long sentences, clauses that say nothing of their own, comparisons, tables
        let mut long = String::from("In Raqqa, officials counted ");
        for i in 0..120 {
            long.push_str(&format!("{} fighters in Mosul", 100 + i * 7));
            long.push_str(["; ", " and ", ", compared with ", ", down from the "][i % 4]);
        }
        long.push_str("5 homes.\n");
        assert_same("long", &long, Format::Markdown);
        // names in roles and mentions across clauses, a duration and a distance among counts
        // (each once: a measured figure's unit said by another figure too is weighed
        // as its noun here and not in the old reading, an old difference kept as it is)
        let mut named = String::from("In Raqqa, after 36 hours French officials counted 12 km of road and ");
        for i in 0..90 {
            let what = ["fighters from Syria into Turkey", "people in talks in Mosul", "jobs at Acme's plant"];
            named.push_str(&format!("{} {} in {}", 100 + i * 7, what[i % 3], ["Ashford", "Caldford"][i % 2]));
            named.push_str(["; ", " and ", ", compared with ", " from "][i % 4]);
        }
        named.push_str("5 homes, Ortiz said.\n");
        assert_same("named", &named, Format::Markdown);
        let table = "| Town | Homes | Flights |\n|---|---|---|\n| Ashford | 120 homes | 40 flights, up from 12 |\n";
        assert_same("table", table, Format::Markdown);
    }
}
