//! sourcecheck.toml as the command line reads it: unknown keys and bad
//! values named with the file, severities in text output and the exit
//! status, ignore patterns for notes and sources.

mod cli_support;

use cli_support::{harbour_workspace, run, stderr, stdout, write};

const NOTE: &str = "The ferry operator runs 30 ferries a week between the islands.\n\
    Officials counted 45 cranes on the quays.\n\
    Pilots guided 70 tugboats through the channel last winter.\n";

#[test]
fn an_unknown_key_is_named_with_the_file() {
    let ws = harbour_workspace();
    write(ws.path(), "n.md", NOTE);
    write(ws.path(), "sourcecheck.toml", "sources = [\"corpus\"]\n[severity]\nunsorced = \"hint\"\n");
    for args in [&["check", "n.md"][..], &["sources"][..]] {
        let out = run(args, ws.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        let file = ws.path().join("sourcecheck.toml");
        assert!(err.starts_with(&format!("sourcecheck: {}: ", file.display())), "{err}");
        assert!(err.contains("unknown field `unsorced`"), "{err}");
        assert_eq!(stdout(&out), "");
    }
    write(ws.path(), "sourcecheck.toml", "round_tolerance = 1.5\n");
    let err = stderr(&run(&["check", "n.md"], ws.path()));
    assert!(err.contains("sourcecheck.toml: round_tolerance must be between 0 and 1"), "{err}");
    write(ws.path(), "sourcecheck.toml", "ignore = [\"notes/{a,b\"]\n");
    let err = stderr(&run(&["check", "n.md"], ws.path()));
    assert!(err.contains("sourcecheck.toml: ") && err.contains("ignore pattern \"notes/{a,b\""), "{err}");
}

#[test]
fn text_output_follows_the_configured_severities() {
    let ws = harbour_workspace();
    write(ws.path(), "n.md", NOTE);
    let out = run(&["check", "n.md"], ws.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("n.md:1:25: warning: Contradicted: ferries says 14 ferries a week between the islands."),
        "{text}"
    );
    assert!(text.contains("n.md:2:19: note: Supported: harbour says 45 cranes on the quays."), "{text}");
    assert!(text.contains("n.md:3:15: info: Unsourced: "), "{text}");

    write(
        ws.path(),
        "sourcecheck.toml",
        "sources = [\"corpus\"]\n[severity]\ncontradicted = \"off\"\nsupported = \"off\"\nunsourced = \"error\"\n",
    );
    let out = run(&["check", "n.md"], ws.path());
    // a contradiction set to off neither shows nor fails the run; an unsourced figure
    // raised to error fails it (every code at fail_on, warning, or above)
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(!text.contains("Contradicted") && !text.contains("Supported"), "{text}");
    assert!(!text.contains("ferries says"), "the passages of a verdict left out go too: {text}");
    assert!(text.contains("n.md:3:15: error: Unsourced: "), "{text}");
    // the summary still counts every figure
    assert!(
        text.ends_with(
            "n.md: 3 figures: 1 supported, 1 contradicted, 1 unsourced (2 sources); 1 unsourced: exit status 1\n"
        ),
        "{text}"
    );
}

#[test]
fn ignored_notes_and_sources_are_left_out() {
    let ws = harbour_workspace();
    let d = ws.path();
    write(d, "corpus/old/tugs.txt", "Tug census\n\nPilots guided 70 tugboats through the channel last winter.\n");
    write(d, "notes/n.md", NOTE);
    write(d, "notes/drafts/d.md", NOTE);
    // without the pattern, the old source supports the third figure
    let text = stdout(&run(&["check", "notes/n.md"], d));
    assert!(text.contains("notes/n.md:3:15: note: Supported: tug"), "{text}");

    write(d, "sourcecheck.toml", "sources = [\"corpus\"]\nignore = [\"corpus/old\", \"notes/drafts/**\"]\n");
    let out = run(&["check", "notes/n.md", "notes/drafts/d.md"], d);
    let (text, err) = (stdout(&out), stderr(&out));
    assert!(text.contains("notes/n.md:3:15: info: Unsourced: "), "{text}");
    assert!(text.contains("(2 sources)"), "{text}");
    assert!(!text.contains("notes/drafts/d.md"), "{text}");
    assert!(
        err.contains(
            "sourcecheck: notes/drafts/d.md: ignored (matches ignore pattern \"notes/drafts/**\" in sourcecheck.toml)"
        ),
        "{err}"
    );
    let text = stdout(&run(&["sources"], d));
    assert!(!text.contains("tugs"), "{text}");
}

#[test]
fn the_exit_status_follows_fail_on_for_every_code_and_the_summary_says_why() {
    let ws = harbour_workspace();
    // supported by harbour, but cited to ferries: a citation mismatch (warning) and nothing else
    write(ws.path(), "n.md", "About 1,200 container ships docked at Port Veyra last year [@ferries].\n");
    let out = run(&["check", "n.md"], ws.path());
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).ends_with(
            "n.md: 1 figure: 1 supported, 0 contradicted, 0 unsourced (2 sources); 1 citation-mismatch: exit status 1\n"
        ),
        "{}",
        stdout(&out)
    );
    // fail_on = "error": a warning passes, and the summary claims nothing
    write(ws.path(), "sourcecheck.toml", "sources = [\"corpus\"]\nfail_on = \"error\"\n");
    let out = run(&["check", "n.md"], ws.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("(2 sources)\n"), "{}", stdout(&out));
    // fail_on = "information": an unsourced figure fails too
    write(ws.path(), "sourcecheck.toml", "sources = [\"corpus\"]\nfail_on = \"information\"\n");
    write(ws.path(), "u.md", "Roughly 900 tourists visited the lighthouse.\n");
    let out = run(&["check", "u.md"], ws.path());
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("; 1 unsourced: exit status 1\n"), "{}", stdout(&out));
    // a bad level is named with the file
    write(ws.path(), "sourcecheck.toml", "fail_on = \"sometimes\"\n");
    let out = run(&["check", "u.md"], ws.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sourcecheck.toml"), "{}", stderr(&out));
}
