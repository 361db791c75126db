//! The code lens on a note's first line — "14 figures: 10 supported ·
//! 2 contradicted · 2 unsourced" — and its command, which moves the editor
//! to the next contradicted figure (through `window/showDocument`); on a
//! source's first line, "bears on 3 figures in 2 open notes" (a label).

use super::convert::Doc;
use super::state::Analysis;
use crate::check::NoteCheck;
use crate::verdict::Verdict;
use tower_lsp_server::ls_types::{CodeLens, Command, Location, Position, Range, Uri};

pub const NEXT_CONTRADICTED: &str = "sourcecheck.nextContradicted";

/// The lens title: the note's figures counted by verdict.
pub fn summary(check: &NoteCheck) -> String {
    let n = check.figures.len();
    let mut s = format!(
        "{n} figure{}: {} supported · {} contradicted · {} unsourced",
        if n == 1 { "" } else { "s" },
        check.count(Verdict::Supported),
        check.count(Verdict::Contradicted),
        check.count(Verdict::Unsourced)
    );
    if check.ignored > 0 {
        s.push_str(&format!(" · {} ignored", check.ignored));
    }
    s
}

pub fn lens(a: &Analysis, uri: &Uri) -> CodeLens {
    let top = Position { line: 0, character: 0 };
    CodeLens {
        range: Range { start: top, end: top },
        command: Some(Command {
            title: summary(&a.check),
            command: NEXT_CONTRADICTED.to_string(),
            arguments: Some(vec![serde_json::json!(uri.as_str())]),
        }),
        data: None,
    }
}

/// A source's lens from the open notes' figures it bears on
/// (`navigation::open_references`): a label (no command), "bears on 3
/// figures in 2 open notes"; Find references there also reads the notes on disk.
pub fn source_lens(refs: &[Location]) -> CodeLens {
    let mut notes: Vec<&Uri> = refs.iter().map(|l| &l.uri).collect();
    notes.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    notes.dedup();
    let title = match (refs.len(), notes.len()) {
        (0, _) => "bears on no figure of the open notes".to_string(),
        (1, _) => "bears on 1 figure in 1 open note".to_string(),
        (f, 1) => format!("bears on {f} figures in 1 open note"),
        (f, n) => format!("bears on {f} figures in {n} open notes"),
    };
    let top = Position { line: 0, character: 0 };
    CodeLens {
        range: Range { start: top, end: top },
        // an empty command: shown as a label, nothing to run
        command: Some(Command { title, command: String::new(), arguments: None }),
        data: None,
    }
}

/// The contradicted figure to show after the one at index `last` (in the
/// order of the note), wrapping round: its index and range.
pub fn next_contradicted(a: &Analysis, doc: &Doc, last: Option<usize>) -> Option<(usize, Range)> {
    let hits: Vec<usize> =
        (0..a.check.figures.len()).filter(|&i| a.check.figures[i].judgement.verdict == Verdict::Contradicted).collect();
    let next = hits.iter().copied().find(|&i| last.is_none_or(|l| i > l)).or_else(|| hits.first().copied())?;
    Some((next, doc.range(&a.check.figures[next].figure.span)))
}
