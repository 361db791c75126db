//! Issue 17's "done when" for typing: 30 keystrokes at 5 a second in a
//! 240 KB pathological note (80,000 emphasis delimiters, which cost
//! pulldown-cmark's inline matching 2.5 s per check before
//! `text::markdown::crowded`) — the final diagnostics within 1 s of the last
//! keystroke, and the server alive after.

mod support;

use serde_json::json;
use std::time::{Duration, Instant};
use support::{open_note, type_then_edit_the_figure, TYPING_NOTE_START};

#[test]
fn thirty_keystrokes_at_5_a_second_in_a_240_kb_pathological_note_get_their_final_diagnostics_within_1_s() {
    let mut note = String::from(TYPING_NOTE_START);
    note.push_str(&"*a ".repeat(40_000));
    note.push_str(&" b_".repeat(40_000));
    note.push('\n');
    assert!(note.len() > 240_000, "{} bytes", note.len());
    let (_ws, mut client, _fx, uri) = open_note(false, &note);
    let t = Instant::now();
    client.diagnostics_where(&uri, |d| !d.is_empty());
    let first = t.elapsed();
    // 29 keystrokes at the end of the heading, the 30th editing the figure
    let (_, took) = type_then_edit_the_figure(&mut client, &uri, 30);
    eprintln!("first diagnostics {first:?}; final diagnostics {took:?} after the last keystroke");
    assert!(took < Duration::from_secs(1), "final diagnostics {took:?} after the last keystroke");
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 30}}));
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("`more than 500 militants`"), "{hover}");
    assert_eq!(client.shutdown_and_exit(), 0);
}
