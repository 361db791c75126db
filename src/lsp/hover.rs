//! Hover cards: on a figure, the verdict, its interval in words and each
//! passage quoted with its figure in bold, source title, date and a
//! file:line link; on a citation, the source's title, date and opening.

use super::convert::path_to_uri;
use crate::check::{FigureCheck, NoteCheck};
use crate::corpus::formats::Place;
use crate::corpus::Source;
use crate::report::{self, collapse};
use crate::verdict::{Evidence, Stance, Verdict};

/// The Markdown card for a figure of the note checked as `check`.
pub fn figure_card(f: &FigureCheck, check: &NoteCheck, note_text: &str) -> String {
    let j = &f.judgement;
    let title = match j.verdict {
        Verdict::Supported => "✓ **Supported**",
        Verdict::Contradicted => "✗ **Contradicted**",
        Verdict::Unsourced => "? **Unsourced**",
    };
    let mut s = format!("{title} — `{}`\n\n", report::quote_figure(note_text, f.figure.span.clone()));
    s.push_str(&format!("Claims: {}.\n", report::describe_figure(&f.figure)));
    if j.evidence.is_empty() {
        s.push_str("\nNo source gives a figure for this measure.\n");
    }
    for e in j.evidence.iter().take(5) {
        s.push_str("\n---\n\n");
        s.push_str(&passage(e, check.short_id(&e.source.id)));
    }
    for n in j.notes.iter().chain(f.citation_warning.iter()) {
        s.push_str(&format!("\n> ⚠ {n}\n"));
    }
    s
}

/// One quoted passage: the source (by its short id) and its stance, the
/// sentence with the figure in bold.
fn passage(e: &Evidence, short_id: &str) -> String {
    let src = &e.source;
    let fig = &e.source_figure().figure;
    let sentence = &fig.sentence();
    let part = |r| src.text_of(r).map(collapse).unwrap_or_default();
    let before = part(sentence.start..fig.span().start);
    let bold = part(fig.span());
    let after = part(fig.span().end..sentence.end);
    let stance = match e.stance {
        Stance::Supports => "supports",
        Stance::Contradicts => "contradicts",
    };
    // a line is linked to; a PDF's page or a Word paragraph is named (editors open such files whole)
    let place = src.place(fig.span().start).unwrap_or(Place::Line(1));
    let at = src.place_suffix(fig.span().start);
    let link = match (path_to_uri(&src.path), place) {
        (Some(u), Place::Line(line)) => format!("[{}{at}]({}#L{line})", file_name(src), u.as_str()),
        (Some(u), _) => format!("[{}]({}){at}", file_name(src), u.as_str()),
        (None, _) => format!("{}{at}", file_name(src)),
    };
    let date = src.date.map(|d| format!(", {}", d.display())).unwrap_or_default();
    let mut quote = format!("> {}{}**{}**{}{}\n", before, space(&before), bold, space_before(&after), after);
    quote = quote.replace("\n\n", "\n");
    format!("*{} {stance}* — {}{date} — {link}\n\n{quote}", escape(short_id), escape(&src.title))
}

fn space(s: &str) -> &'static str {
    if s.is_empty() {
        ""
    } else {
        " "
    }
}

fn space_before(s: &str) -> &'static str {
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_punctuation()) {
        ""
    } else {
        " "
    }
}

fn escape(s: &str) -> String {
    s.replace('*', "\\*").replace('_', "\\_")
}

fn file_name(src: &Source) -> String {
    src.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| src.id.clone())
}

/// The Markdown card for a cited source, cited as `@short_id`; its opening
/// lines are read from the file as it is now, by its format's reader (only
/// figures' sentences are kept in memory).
pub fn citation_card(src: &Source, short_id: &str) -> String {
    let date = src.date.map(|d| format!(" — {}", d.display())).unwrap_or_default();
    let text = crate::corpus::read_document(&src.path).map(|(_, d)| d.text).unwrap_or_default();
    let opening: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).skip(1).take(3).collect();
    let mut s = format!(
        "**{}**{date}\n\n`@{short_id}` · `{}` · {} figures\n\n",
        escape(&src.title),
        file_name(src),
        src.figures.len()
    );
    for l in opening {
        let l: String = l.chars().take(300).collect();
        s.push_str(&format!("> {l}\n>\n"));
    }
    s
}
