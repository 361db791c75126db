//! The command line: the JSON contracts, compiler-style text, exit codes, and
//! bad input (binary, non-UTF-8, missing folders) named in clear messages.

use serde_json::Value;
use std::process::{Command, Output};

fn run(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcecheck")).args(args).current_dir(dir).output().expect("runs")
}

fn repo() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn figures_json_gives_exact_positions_and_intervals() {
    let out = run(&["figures", "--format", "json", "seeds/000_c28523b1df8d3a93.txt"], repo());
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let figs = v["files"][0]["figures"].as_array().expect("figures");
    let about = figs.iter().find(|f| f["text"] == "about 200 a month").expect("about 200 a month");
    assert_eq!(about["line"], 8);
    assert_eq!(about["column"], 154);
    assert_eq!(about["end_line"], 8);
    assert_eq!(about["end_column"], 171);
    // whole numbers print as integers, as the README shows them
    assert_eq!(about["stated"].to_string(), "[200]");
    assert_eq!(about["min"].to_string(), "180");
    assert_eq!(about["max"].to_string(), "220");
    assert_eq!(about["unit"], Value::Null);
    assert_eq!(about["per"], "month");
    let many = figs.iter().find(|f| f["text"] == "as many as 31,000 foreign fighters").expect("31,000");
    assert_eq!(many["min"], Value::Null);
    assert_eq!(many["max"].to_string(), "31000");
    assert_eq!(many["unit"], "fighters");
    assert_eq!(many["kind"], "count");
}

/// Several files, streamed one by one: one pretty JSON document, the files in
/// the order named, each as it is alone; a file that cannot be read is named
/// on stderr, left out, and makes the status 2.
#[test]
fn figures_json_of_many_files_is_one_document_in_the_order_named() {
    let mut seeds: Vec<String> = std::fs::read_dir(repo().join("seeds"))
        .expect("seeds")
        .map(|e| format!("seeds/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    seeds.sort();
    seeds.reverse();
    let mut args = vec!["figures", "--format", "json"];
    args.extend(seeds.iter().map(String::as_str));
    args.insert(4, "seeds/missing.txt");
    let out = run(&args, repo());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("seeds/missing.txt"));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("{\n  \"files\": [\n    {\n      \"figures\": [\n        {\n"), "{}", &text[..80]);
    assert!(text.ends_with("}\n  ]\n}\n"), "{}", &text[text.len() - 80..]);
    let v: Value = serde_json::from_str(&text).expect("json");
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), seeds.len());
    for (file, seed) in files.iter().zip(&seeds) {
        let alone: Value =
            serde_json::from_slice(&run(&["figures", "--format", "json", seed], repo()).stdout).expect("json");
        assert_eq!(file, &alone["files"][0], "{seed}");
    }
    let none = run(&["figures", "--format", "json", "seeds/missing.txt"], repo());
    assert_eq!(String::from_utf8_lossy(&none.stdout), "{\n  \"files\": []\n}\n");
}

#[test]
fn figures_json_gives_a_durations_kind_and_seconds() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("n.md"), "The siege lasted 36 hours; the gunman, aged 27, surrendered.\n")
        .expect("write");
    let out = run(&["figures", "--format", "json", "n.md"], dir.path());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let figs = v["files"][0]["figures"].as_array().expect("figures");
    assert_eq!(figs.len(), 2, "{figs:?}");
    assert_eq!(
        (&figs[0]["text"], &figs[0]["kind"], &figs[0]["unit"]),
        (&"36 hours".into(), &"duration".into(), &"hours".into())
    );
    assert_eq!((&figs[0]["min"], &figs[0]["max"]), (&129_600.into(), &129_600.into()));
    assert_eq!((&figs[1]["text"], &figs[1]["kind"], &figs[1]["min"]), (&"aged 27".into(), &"age".into(), &27.into()));
}

#[test]
fn check_text_reads_like_a_compiler_and_exits_1_on_a_contradiction() {
    let out = run(&["check", "examples/briefing.md"], repo());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("examples/briefing.md:14:1: warning: Contradicted: 004 says less than 1,000 militants remain in Iraq and Syria."), "{text}");
    assert!(text.contains("    seeds/004_373bdf90062bec4d.txt:1: contradicts: \"The United States-led"), "{text}");
    assert!(text.contains("info: Unsourced: no source gives a figure for airstrikes per week."), "{text}");
    assert!(text.contains("note: Supported: 000 says about 200 a month."), "{text}");
    // "in the 18 months before the drawdown began" is the source's "in the past 18 months", not an earlier time
    assert!(
        text.contains("examples/briefing.md:7:18: note: Supported: 000 says as many as 31,000 foreign fighters"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "examples/briefing.md: 10 figures: 8 supported, 1 contradicted, 1 unsourced (5 sources); \
             1 contradicted: exit status 1\n"
        ),
        "{text}"
    );
}

#[test]
fn check_json_follows_the_contract() {
    let out = run(&["check", "--format", "json", "examples/briefing.md"], repo());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let note = &v["notes"][0];
    assert_eq!(note["path"], "examples/briefing.md");
    let c = note["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .find(|f| f["verdict"] == "contradicted")
        .expect("contradicted");
    assert_eq!(c["text"], "More than 5,000 militants");
    assert_eq!(
        (c["line"].as_u64(), c["column"].as_u64(), c["end_line"].as_u64(), c["end_column"].as_u64()),
        (Some(14), Some(1), Some(14), Some(26))
    );
    let e = c["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .find(|e| e["source"] == "seeds/004_373bdf90062bec4d.txt")
        .expect("004");
    assert_eq!((e["line"].as_u64(), e["column"].as_u64(), e["end_column"].as_u64()), (Some(1), Some(94), Some(119)));
    assert_eq!(e["stance"], "contradicts");
    assert!(e["text"].as_str().unwrap_or("").ends_with("less than 1,000 militants remain in Iraq and Syria."));
    let cit = note["citations"].as_array().expect("citations").iter().find(|c| c["id"] == "004").expect("citation");
    assert_eq!(cit["source"], "seeds/004_373bdf90062bec4d.txt");
}

/// `check`'s text output for a note `n.md` of `note` against the seeds.
fn checked_against_seeds(note: &str) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("n.md"), note).expect("write");
    let seeds = repo().join("seeds");
    let out = run(&["check", "--sources", seeds.to_str().unwrap_or("seeds"), "n.md"], dir.path());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_seeds_disagreement_about_50_is_reported() {
    let text = checked_against_seeds(
        "US intelligence says the inflow of foreign recruits has dropped to as few as 50 a month [@002].\n",
    );
    assert!(text.contains("Supported: 002 says as few as 50 per month."), "{text}");
    assert!(
        text.contains("Sources disagree: 001 gives 50 as a total, not per month: 50 since the beginning of 2016."),
        "{text}"
    );
}

#[test]
fn the_passage_stating_the_note_s_number_is_quoted_before_one_that_only_bounds_it() {
    let text = checked_against_seeds(
        "By spring 2016 a US general put the monthly intake of foreign recruits into ISIS at roughly 200.\n",
    );
    // 000's "as many as 31,000 foreign fighters" bounds 200 too, and shares more words
    assert!(text.contains("n.md:1:85: note: Supported: 000 says 200 a month."), "{text}");
    let first = text.lines().nth(1).unwrap_or_default();
    assert!(first.contains("supports: \"US general says figure down to 200 a month"), "{text}");
}

#[test]
fn binary_and_non_utf8_files_are_named_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("bin.txt"), b"\x00\x01\x02 binary").expect("write");
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 owners counted 45,000 visitors.\n").expect("write");
    std::fs::write(dir.path().join("ok.txt"), "About 200 people came.\n").expect("write");
    let out = run(&["figures", "bin.txt", "latin1.txt", "ok.txt"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("bin.txt: binary file (contains NUL bytes), skipped"), "{err}");
    assert!(err.contains("latin1.txt: not valid UTF-8 (first bad byte at offset 3)"), "{err}");
    assert!(text.contains("latin1.txt:1:"), "{text}");
    assert!(text.contains("ok.txt:1:1: About 200 people"), "{text}");
}

#[test]
fn no_sources_names_every_folder_searched_and_what_to_do() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("n.md"), "About 200 people came.\n").expect("write");
    let out = run(&["check", "n.md"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.ends_with(
            "sourcecheck: no source files (.txt, .md, .markdown, .text, .html, .htm, .pdf, .docx) found in seeds, \
             sources; \
             pass --sources DIR, or set `sources` in sourcecheck.toml\n"
        ),
        "{err}"
    );
    // given folders: they are what to check, not a flag to pass again
    let out = run(&["check", "--sources", "nope", "n.md"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.ends_with("found in nope; check the paths given\n"), "{err}");
}

#[test]
fn a_missing_sources_folder_is_named() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("n.md"), "About 200 people came.\n").expect("write");
    let out = run(&["check", "--sources", "nowhere", "n.md"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("nowhere: source folder not found"), "{err}");
}

#[test]
fn a_markdown_link_to_a_source_file_is_a_citation() {
    let dir = tempfile::tempdir().expect("tmp");
    let seeds = dir.path().join("seeds");
    std::fs::create_dir_all(&seeds).expect("mkdir");
    for e in std::fs::read_dir(repo().join("seeds")).expect("seeds").flatten() {
        std::fs::copy(e.path(), seeds.join(e.file_name())).expect("copy");
    }
    std::fs::write(
        dir.path().join("n.md"),
        "At its peak the group had more than 45,000 fighters ([Heat Street](seeds/004_373bdf90062bec4d.txt)).\n",
    )
    .expect("write");
    let out = run(&["check", "--format", "json", "n.md"], dir.path());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let cit = &v["notes"][0]["citations"][0];
    assert_eq!(cit["id"], "004_373bdf90062bec4d");
    assert_eq!(cit["source"], "seeds/004_373bdf90062bec4d.txt");
    assert_eq!(v["notes"][0]["figures"][0]["verdict"], "supported");
}

#[test]
fn a_newer_source_with_a_different_figure_is_named() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("n.md"),
        "The number of foreign fighters joining ISIS has fallen to about 200 a month [@000].\n",
    )
    .expect("write");
    let seeds = repo().join("seeds");
    let out = run(&["check", "--sources", seeds.to_str().unwrap_or("seeds"), "n.md"], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("n.md:1:59: note: Supported: 000 says about 200 a month."), "{text}");
    assert!(text.contains("    Newer: 002, Sep 2016: as few as 50 per month."), "{text}");
}

#[test]
fn a_figure_about_one_town_is_not_judged_by_a_source_about_another() {
    let dir = tempfile::tempdir().expect("tmp");
    let sources = dir.path().join("sources");
    std::fs::create_dir_all(&sources).expect("mkdir");
    std::fs::write(
        sources.join("millwick.txt"),
        "Flights in Millwick\n\nUp to 144,000 flights were cancelled a month in Millwick, the ministry said.\n",
    )
    .expect("write");
    std::fs::write(
        sources.join("caldford.txt"),
        "Flights in Caldford\n\nAn estimated 3,791 flights were cancelled a month in Caldford.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("n.md"),
        "- 15 flights were cancelled a month in Yorkmere, the ministry said.\n\
         - About 3,800 flights were cancelled a month in Caldford.\n\
         - 15 flights were cancelled a month in Caldford.\n",
    )
    .expect("write");
    let out = run(&["check", "--sources", "sources", "--format", "json", "n.md"], dir.path());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let got: Vec<(String, String, Vec<String>)> = v["notes"][0]["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .map(|f| {
            let evidence = f["evidence"].as_array().expect("evidence");
            let sources = evidence.iter().map(|e| e["source"].as_str().unwrap_or("").to_string()).collect();
            (f["text"].as_str().unwrap_or("").to_string(), f["verdict"].as_str().unwrap_or("").to_string(), sources)
        })
        .collect();
    let want = |text: &str, verdict: &str, sources: &[&str]| {
        (text.to_string(), verdict.to_string(), sources.iter().map(|s| s.to_string()).collect::<Vec<String>>())
    };
    assert_eq!(
        got,
        [
            want("15 flights", "unsourced", &[]),
            want("About 3,800 flights", "supported", &["sources/caldford.txt"]),
            want("15 flights", "contradicted", &["sources/caldford.txt"]),
        ]
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn output_that_cannot_be_written_is_an_error_exit_2_with_a_message() {
    let full = |args: &[&str]| {
        let dev_full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
        Command::new(env!("CARGO_BIN_EXE_sourcecheck"))
            .args(args)
            .current_dir(repo())
            .stdout(dev_full)
            .output()
            .expect("runs")
    };
    for args in [
        &["check", "--format", "sarif", "--sources", "seeds", "examples/briefing.md"][..],
        &["check", "--format", "json", "--sources", "seeds", "examples/briefing.md"][..],
        &["check", "--sources", "seeds", "examples/briefing.md"][..],
        &["figures", "seeds/000_c28523b1df8d3a93.txt"][..],
        &["figures", "--format", "json", "seeds/000_c28523b1df8d3a93.txt"][..],
        &["sources", "seeds"][..],
        &["sources", "--format", "json", "seeds"][..],
    ] {
        let out = full(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(
            err.trim_end(),
            "sourcecheck: cannot write the output: No space left on device (os error 28)",
            "{args:?}"
        );
    }
}
