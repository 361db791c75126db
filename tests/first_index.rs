//! Issue 17 case 6: sources deleted while the first index runs leave it.
//! Small articles are read first; long sources sorted after them keep the
//! index running while half the small ones are deleted and reported; once
//! the index is done, none of the deleted is indexed, and hover and
//! definition never show one. (File-change events that came during a full
//! index are read after it, on the new corpus: `lsp::changes`.)

mod support;

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use support::{Client, Workspace};

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// A word of its own for article `i` ("qzbcdk"), to find it by.
fn word_of(i: usize) -> String {
    let letters: String = format!("{i:04}").bytes().map(|d| (b'b' + (d - b'0')) as char).collect();
    format!("qz{letters}k")
}

/// A word of long source `seed`'s own ("qzlongbk"), to find it by.
fn long_word(seed: usize) -> String {
    word_of(seed).replacen("qz", "qzlong", 1)
}

/// Sources of many figures each, to keep the first index reading well after
/// the small articles before them are read: ~4 MB, 130,000 figures each.
fn long_source(seed: usize) -> String {
    let places = ["farm", "mill", "harbour", "market", "clinic", "depot", "bridge", "quarry", "orchard"];
    let mut s = format!("Ledger {seed}\n\nThe {} fair drew 40 traders on 3 May 2016.\n\n", long_word(seed));
    for i in 0..32_000 {
        let (a, b) = (places[i % places.len()], places[(i * 7 + seed) % places.len()]);
        s.push_str(&format!(
            "The {a} near the {b} sold {} tonnes of grain worth ${}.{} million to {} buyers in {}.\n",
            i % 900 + 10,
            i % 97 + 1,
            i % 10,
            i % 60 + 3,
            2000 + i % 20
        ));
        if i % 5 == 4 {
            s.push('\n');
        }
    }
    s
}

#[test]
fn sources_deleted_after_the_first_index_read_them_leave_it_and_hover_and_definition_never_show_them() {
    let ws = Workspace::empty();
    // small articles, read first, then long sources (sorted after them) that
    // keep the index running while the small ones are deleted
    const N: usize = 200;
    for i in 0..N {
        let text =
            format!("Fair {w}\n\nAbout {} people came to the {w} fair on 3 May 2016.\n", 100 + i, w = word_of(i));
        ws.write(&format!("sources/a{i:04}.txt"), &text);
    }
    for k in 0..2 {
        ws.write(&format!("sources/z{k}.txt"), &long_source(k));
    }
    // the note's first figure is only in a0000 (deleted), its second only in a0001 (kept)
    let note = format!(
        "# Fairs\n\nAbout 100 people came to the {} fair on 3 May 2016.\n\nAbout 101 people came to the {} fair on 3 May 2016.\n",
        word_of(0),
        word_of(1)
    );
    ws.write("notes/fairs.md", &note);
    let uri = ws.uri("notes/fairs.md");
    let (mut client, _) = Client::start(&ws.root(), json!({}), false);
    client.open(&uri, "markdown", &note);
    let t = Instant::now();
    let found = |client: &mut Client, word: &str, file: &str| {
        let r = client.request("workspace/symbol", json!({"query": word}));
        r.as_array().is_some_and(|a| a.iter().any(|s| s["location"]["uri"].as_str().is_some_and(|u| u.ends_with(file))))
    };
    // the small articles are read within the first second or so; the long ones take seconds more
    std::thread::sleep(Duration::from_millis(1_500));
    let mut events = Vec::new();
    for i in (0..N).step_by(2) {
        let path = ws.root().join(format!("sources/a{i:04}.txt"));
        std::fs::remove_file(&path).expect("rm");
        events.push(json!({"uri": ws.uri(&format!("sources/a{i:04}.txt")), "type": 3}));
    }
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": events}));
    // the deletions came while the first index ran: else this test proves nothing
    assert!(
        !found(&mut client, &long_word(1), "/sources/z1.txt"),
        "the first index ended {:?} after the start, before the deletions: make the long sources longer",
        t.elapsed()
    );
    let deadline = Instant::now() + Duration::from_secs(90);
    while !found(&mut client, &long_word(1), "/sources/z1.txt") {
        assert!(Instant::now() < deadline, "never indexed");
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("indexed {:?} after the start", t.elapsed());
    // the kept article supports the second figure: hover shows sources
    let kept = |client: &mut Client| client.request("textDocument/hover", at(&uri, 4, 7)).to_string();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !kept(&mut client).contains("a0001.txt") {
        assert!(Instant::now() < deadline, "hover never showed the kept a0001.txt: {}", kept(&mut client));
        std::thread::sleep(Duration::from_millis(100));
    }
    // and the deleted ones leave the index, hover and definition, for good
    let shown = |client: &mut Client| {
        let hover = client.request("textDocument/hover", at(&uri, 2, 7)).to_string();
        let definition = client.request("textDocument/definition", at(&uri, 2, 7)).to_string();
        (hover.contains("a0000.txt") || definition.contains("a0000.txt")).then_some((hover, definition))
    };
    let mut stale: Vec<usize> = (0..N).step_by(2).collect();
    let deadline = Instant::now() + Duration::from_secs(10);
    while (!stale.is_empty() || shown(&mut client).is_some()) && Instant::now() < deadline {
        stale.retain(|&i| found(&mut client, &word_of(i), &format!("/sources/a{i:04}.txt")));
        std::thread::sleep(Duration::from_millis(100));
    }
    if let Some((hover, definition)) = shown(&mut client) {
        panic!("the deleted a0000.txt is still shown: hover {hover}, definition {definition}");
    }
    assert!(stale.is_empty(), "{} deleted sources still indexed, such as a{:04}.txt", stale.len(), stale[0]);
    for i in (1..N).step_by(2).take(20) {
        assert!(found(&mut client, &word_of(i), &format!("/sources/a{i:04}.txt")), "a{i:04}.txt is not indexed");
    }
    assert_eq!(client.shutdown_and_exit(), 0);
}
