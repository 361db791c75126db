//! Comparing a note with its neighbours costs what the edit touched: the
//! note's figures and subjects come from its check (`FigureCheck::subject`,
//! cached with the judgements), not from a second reading of the note.

mod support;

use serde_json::json;
use sourcecheck::check::{check_note_cached, JudgementCache};
use sourcecheck::corpus::{Corpus, Source};
use sourcecheck::figures;
use sourcecheck::subject;
use sourcecheck::text::Format;
use sourcecheck::workspace::Settings;
use std::path::Path;
use support::{Client, Workspace};

const NOTE: &str =
    "# Pace\n\nAbout 900 foreign fighters a month still join the group in Syria. Some 40 camps train them.\n";
const OTHER: &str = "# Elsewhere\n\nSome 1,500 foreign fighters a month still join the group in Syria.\n\n\
    Some 1,500 foreign fighters a month are killed in air strikes.\n\n\
    In 2014, some 1,500 foreign fighters a month joined the group in Syria.\n";

/// The named numeric fields of the next log line holding `line`, from the
/// server's log at the verbose trace level.
fn next_log<const N: usize>(client: &mut Client, line: &str, names: [&str; N]) -> [usize; N] {
    let m = client.message_where(|m| {
        m["method"] == "window/logMessage" && m["params"]["message"].as_str().unwrap_or("").contains(line)
    });
    let text = m["params"]["message"].as_str().unwrap_or("").to_string();
    names.map(|name| {
        let at = text.find(&format!(" {name}=")).unwrap_or_else(|| panic!("no {name} in {text:?}"));
        let digits: String = text[at + name.len() + 2..].chars().take_while(char::is_ascii_digit).collect();
        digits.parse::<usize>().unwrap_or_else(|_| panic!("{name} in {text:?}"))
    })
}

#[test]
fn an_edit_beside_another_note_reads_no_subject_again() {
    let ws = Workspace::empty();
    ws.write("sources/101_unrelated.txt", "Harbour report\n\nAbout 300 ships docked in Portvale last year.\n");
    ws.write("a.md", NOTE);
    ws.write("b.md", OTHER);
    let (mut client, _) = Client::start_with(&ws.root(), json!({}), json!({}), json!("verbose"));
    let uri = ws.uri("a.md");
    client.open(&uri, "markdown", NOTE);
    assert_eq!(next_log(&mut client, "figures judged", ["figures", "judged"]), [2, 2]);
    // the other note's three figures are read once; the note's own come from its check
    assert_eq!(next_log(&mut client, "figures compared", ["figures", "read"]), [2, 3]);
    let warned =
        |d: &[serde_json::Value]| d.iter().any(|d| d["message"].as_str().unwrap_or("").contains("Inconsistent"));
    assert!(warned(&client.diagnostics_where(&uri, |d| !d.is_empty())));
    // "40" becomes "45": that figure judged again, and no subject read for comparing
    let change =
        json!({"range": {"start": {"line": 2, "character": 71}, "end": {"line": 2, "character": 73}}, "text": "45"});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [change]}),
    );
    assert_eq!(next_log(&mut client, "figures judged", ["figures", "judged"]), [2, 1]);
    assert_eq!(next_log(&mut client, "figures compared", ["figures", "read"]), [2, 0]);
    assert_eq!(client.shutdown_and_exit(), 0);
}

/// Each figure's subject as comparing notes reads it: from the masked
/// note, the sentence's other figures set apart.
fn read_alone(text: &str, s: &Settings) -> Vec<subject::Subject> {
    let ex = figures::extract_with(text, Format::Markdown, &s.conventions);
    let others = |f: &figures::Figure| -> Vec<_> {
        ex.figures.iter().filter(|o| o.sentence == f.sentence && o.span != f.span).map(|o| o.span.clone()).collect()
    };
    ex.figures.iter().map(|f| subject::of_figure(&ex.masked, f, &others(f), &s.synonyms)).collect()
}

#[test]
fn a_checks_subjects_are_the_figures_own_even_where_a_link_cites_a_source() {
    let s = Settings::default();
    let harbour = "Harbour\n\nThe harbour tally gave 412 boats, the port said.\n";
    let corpus = Corpus::from_sources(vec![Source::from_text(
        Path::new("/notes/harbour.txt"),
        harbour.to_string(),
        &s.synonyms,
        &s.conventions,
    )]);
    let note = |word: &str| {
        format!("# Fleet\n\nThe [{word} tally](harbour.txt) gave 412 boats and 30 crews.\n\n| town | boats |\n|---|---|\n| Portvale | 77 |\n")
    };
    let mut cache = JudgementCache::default();
    // the link's words are blanked for judging (they name the source) but stay in the figure's own subject;
    // a second note differing only there is no cached subject of the first
    for word in ["whale", "cargo"] {
        let text = note(word);
        let check = check_note_cached(&text, Format::Markdown, Some(Path::new("/notes/a.md")), &corpus, &s, &mut cache);
        let subjects: Vec<subject::Subject> = check.figures.iter().map(|f| (*f.subject).clone()).collect();
        assert_eq!(subjects, read_alone(&text, &s), "{word}");
        let term = subject::term(word, &s.synonyms);
        assert!(subjects[0].terms.iter().any(|(t, _)| Some(t) == term.as_ref()), "{word}: {:?}", subjects[0].terms);
        assert_eq!(check.figures[0].cited.len(), 1);
    }
}
