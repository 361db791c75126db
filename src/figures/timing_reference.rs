//! The time attachment as it was before it was made n·log n in the clause
//! (every figure re-scanned the clause, every cue compared with every
//! figure): kept as the reference the fast one must match exactly.

use super::scan::Ctx;
use super::time::{Cue, TimeRef};
use super::timing::{measured_against, Clauses};
use super::Figure;

/// Gives each figure the time cues of its clause, or else those of the
/// sentence's opening clause ("By the end of 2015, ...").
pub(super) fn attach_time_reference(cx: &Ctx, cues: &[(usize, usize, Cue)], found: &mut [(Figure, usize, usize)]) {
    // each token's clause, found once for the sentence (linear in its length)
    let mut clauses = Clauses::of(cx);
    let clause_of = |k: usize| clauses.of_token(k);
    let opening = clause_of(0);
    let opening_has_figure = found.iter().any(|(_, f, _)| *f < opening.1);
    let figure_ends: Vec<usize> = found.iter().map(|(_, _, e)| *e).collect();
    let spans: Vec<(usize, usize)> = found.iter().map(|(_, f, e)| (*f, *e)).collect();
    for (index, (fig, first, end)) in found.iter_mut().enumerate() {
        if fig.time.is_some() {
            continue; // already placed ("from 81 percent" after a verb of change)
        }
        let (s, e) = clause_of(*first);
        let (first, end) = (*first, *end);
        let distance = |c: &(usize, usize, Cue)| if c.1 <= first { first - c.1 } else { c.0.saturating_sub(end) };
        // Cues in the figure's clause; "once" only before it ("the land it once held");
        // none after "from" or "than" ("down by a third from a year earlier"):
        // that is the time the figure is measured against, not its own.
        // a cue belongs to the figure nearest to it in its own clause (any
        // figure's, when its clause has none)
        let nearest_figure = |c: &(usize, usize, Cue)| {
            let (cs, ce) = clause_of(c.0);
            let same_clause = spans.iter().any(|(f, _)| cs <= *f && *f < ce);
            spans
                .iter()
                .enumerate()
                .filter(|(_, (f, _))| !same_clause || (cs <= *f && *f < ce))
                .min_by_key(|(_, (f, e))| if c.1 <= *f { f - c.1 } else { c.0.saturating_sub(*e) })
                .map(|(k, _)| k)
        };
        let mine = Some(index);
        let mut in_clause: Vec<&(usize, usize, Cue)> = cues
            .iter()
            .filter(|c| c.0 >= s && c.1 <= e && (c.1 <= first || c.0 >= end))
            .filter(|c| !(c.0 >= end && cx.word(c.0) == Some("once")))
            .filter(|c| !(c.0 >= end && measured_against(cx, c.0, end)))
            .filter(|c| nearest_figure(c) == mine)
            .collect();
        in_clause.sort_by_key(|c| distance(c));
        let inherited = in_clause.is_empty();
        let mut picked: Vec<&(usize, usize, Cue)> = match in_clause.first() {
            // every cue of the clause that is nearest to this figure, nearest first
            Some(_) => in_clause.clone(),
            None => {
                // an earlier clause's time with no other figure in between:
                // "in spring 2015, between 1,500 and 2,000 a month joined"
                let prior = cues
                    .iter()
                    .filter(|c| c.1 <= first && !figure_ends.iter().any(|fe| *fe > c.1 && *fe <= first))
                    .filter(|c| cx.word(c.0) != Some("once"))
                    .max_by_key(|c| c.1);
                match prior {
                    Some(p) => cues.iter().filter(|c| c.0 + 2 >= p.0 && c.1 <= p.1 + 2 && c.1 <= first).collect(),
                    None if !opening_has_figure => {
                        cues.iter().filter(|c| c.0 >= opening.0 && c.1 <= opening.1).collect()
                    }
                    None => Vec::new(),
                }
            }
        };
        if inherited {
            super::timing::drop_participial(cx, &clauses, (s, e), &mut picked);
        }
        let Some(nearest) = picked.first() else { continue };
        fig.time = Some(TimeRef { span: cx.span(nearest.0, nearest.1), cues: picked.iter().map(|c| c.2).collect() });
    }
    // no date, but a clause about the future: "will lay off about 1,350 workers"
    for (fig, first, end) in found.iter_mut().filter(|(f, _, _)| f.time.is_none()) {
        if let Some(k) = clauses.future_marker(cx, *first, *end) {
            fig.time = Some(TimeRef { span: cx.toks[k].range(), cues: vec![Cue::Ahead] });
        }
    }
}

thread_local! {
    /// When set, every sentence's attachment is also made by the reference,
    /// and each sentence where the two differ is recorded (its byte range).
    static COMPARE: std::cell::RefCell<Option<Vec<std::ops::Range<usize>>>> = const { std::cell::RefCell::new(None) };
}

/// Called by the scan with the figures before and after `attach_time`.
pub(super) fn compare(
    cx: &Ctx,
    cues: &[(usize, usize, Cue)],
    mut before: Vec<(Figure, usize, usize)>,
    after: &[(Figure, usize, usize)],
) {
    COMPARE.with(|cell| {
        if let Some(differ) = cell.borrow_mut().as_mut() {
            attach_time_reference(cx, cues, &mut before);
            if before != after {
                differ.push(cx.span(0, cx.toks.len()));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::COMPARE;
    use crate::figures::extract;
    use crate::text::Format;
    use std::path::{Path, PathBuf};

    /// The sentences of `text` whose attachment differs from the reference's,
    /// and how many figures the text has.
    fn differences(text: &str, format: Format) -> (Vec<String>, usize) {
        COMPARE.with(|c| *c.borrow_mut() = Some(Vec::new()));
        let figures = extract(text, format).figures.len();
        let differ = COMPARE.with(|c| c.borrow_mut().take()).unwrap_or_default();
        (differ.into_iter().map(|r| text[r].chars().take(200).collect()).collect(), figures)
    }

    fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files_under(&path, out);
            } else if matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                out.push(path);
            }
        }
    }

    #[test]
    fn the_fast_attachment_matches_the_reference_on_every_text_in_the_repo() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["seeds", "tests/eval", "tests/fixtures/figures"] {
            files_under(&root.join(dir), &mut files);
        }
        files.sort();
        assert!(files.len() >= 20, "found only {} texts", files.len());
        let mut figures = 0;
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let (differ, n) = differences(&text, Format::from_path(path));
            assert!(differ.is_empty(), "{}: {differ:#?}", path.display());
            figures += n;
        }
        assert!(figures > 1_000, "only {figures} figures read");
    }

    #[test]
    fn the_fast_attachment_matches_the_reference_on_long_clauses() {
        let clauses = [
            // counts, bare numbers and years, no comma
            (1..=400)
                .map(|i| match i % 4 {
                    0 => (1700 + i).to_string(),
                    2 => i.to_string(),
                    _ => format!("{i} homes"),
                })
                .collect::<Vec<_>>()
                .join(" "),
            (0..200).map(|i| format!("{} people", 100 + i * 100)).collect::<Vec<_>>().join(" "),
            // cues between the figures, before and after them, "once", "from", "than"
            (0..150)
                .map(|i| match i % 6 {
                    0 => format!("in {} there were {} homes", 1900 + i, 10 + i),
                    1 => format!("{} flights in May {}", 20 + i, 1900 + i),
                    2 => format!("up {}% from a year earlier", i + 1),
                    3 => format!("more than {} in 2010 and once {} workers", i + 5, i + 7),
                    4 => format!("{} cases last year and {} cases two years ago", i, i + 1),
                    _ => format!("will reach {} fighters by March and {} in 2031", i * 3, i * 4),
                })
                .collect::<Vec<_>>()
                .join(" and "),
            // a time at the start only, then a long run of figures
            format!(
                "By the end of 2015 {}",
                (0..200).map(|i| format!("{} homes", i + 2)).collect::<Vec<_>>().join(" ")
            ),
            // clauses of growing length, with breaks, quotes and brackets
            (0..120)
                .map(|i| {
                    let sep = [", ", "; ", " (", ") ", " \u{201c}", "\u{201d} ", " - ", " "][i % 8];
                    format!("{} workers in {} {sep}", 50 + i, 1990 + i % 30)
                })
                .collect::<String>(),
        ];
        for text in &clauses {
            for format in [Format::Plain, Format::Markdown] {
                let (differ, n) = differences(text, format);
                assert!(n >= 50, "only {n} figures in {:?}", &text[..80]);
                assert!(differ.is_empty(), "{differ:#?}");
            }
        }
    }
}
