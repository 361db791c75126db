//! Bad source folders, as the command line reports them: invalid UTF-8 read
//! with one warning, binary and oversized files skipped with the reason,
//! unreadable files and symlink loops reported, and symlinks leading out of
//! the source folders never read. Each message names the file. And the
//! server over the same: a FIFO as sourcecheck.toml or among the sources
//! never holds up initialize or shutdown.

mod support;

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `sourcecheck args` in `dir`, failing the test if it takes over 10 s.
fn run(args: &[&str], dir: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sourcecheck"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("sourcecheck {args:?} did not finish within 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// A workspace with `sources/ok.txt` (one figure) and a note citing it.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(dir.path().join("sources")).expect("mkdir");
    std::fs::write(
        dir.path().join("sources/ok.txt"),
        "Town fair\n\nAbout 200 people came to the fair on 3 May 2016.\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("n.md"), "About 200 people came to the fair [@ok].\n").expect("write");
    dir
}

fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

#[test]
fn an_invalid_utf8_source_is_read_with_exactly_one_warning_naming_it() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("sources/latin1.txt"),
        b"Visitors\n\nCaf\xe9 owners counted 45,000 visitors in March 2016, officials said.\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("n.md"), "Cafe owners counted 45,000 visitors in March 2016 [@latin1].\n")
        .expect("write");
    let out = run(&["check", "n.md"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    let text = String::from_utf8_lossy(&out.stdout);
    let warnings = lines_with(&err, "latin1.txt");
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].starts_with("sourcecheck: warning: ")
            && warnings[0].ends_with(
                "sources/latin1.txt: not valid UTF-8 (first bad byte at offset 13); decoded with replacement characters"
            ),
        "{err}"
    );
    assert!(text.contains("n.md:1:21: note: Supported: lat"), "{text}");
    assert!(text.contains("sources/latin1.txt:3: supports: \"Caf\u{fffd} owners counted 45,000 visitors"), "{text}");
    assert_eq!(out.status.code(), Some(0), "{text}");
}

#[test]
fn binary_and_oversized_sources_are_skipped_with_the_reason() {
    let dir = workspace();
    let src = dir.path().join("sources");
    std::fs::write(src.join("image.txt"), b"GIF89a\x00\x01\x02 not text").expect("write");
    // no NUL byte, but hardly a character of text
    let noise: Vec<u8> = (0..4000u32).map(|i| 0x80 + (i * 7919 % 0x7f) as u8).collect();
    std::fs::write(src.join("noise.md"), noise).expect("write");
    let huge = std::fs::File::create(src.join("huge.txt")).expect("create");
    huge.set_len(sourcecheck::input::MAX_BYTES + 1).expect("grow");
    let out = run(&["check", "n.md"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(err.contains("sources/image.txt: binary file (contains NUL bytes), skipped"), "{err}");
    assert!(err.contains("sources/noise.md: binary file (mostly non-text bytes), skipped"), "{err}");
    assert!(err.contains("sources/huge.txt: 16777217 bytes is over the 16 MiB limit, skipped"), "{err}");
    // the good source is still read and used
    assert!(text.contains("n.md: 1 figure: 1 supported, 0 contradicted, 0 unsourced (1 source)"), "{text}");
    assert_eq!(out.status.code(), Some(0));
}

fn running_as_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

#[test]
fn an_unreadable_source_is_reported_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace();
    let locked = dir.path().join("sources/locked.txt");
    std::fs::write(&locked, "Locked\n\nAbout 300 people came to the fair on 3 May 2016.\n").expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let out = run(&["check", "n.md"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    let text = String::from_utf8_lossy(&out.stdout);
    if running_as_root() {
        // root reads it anyway: nothing to report, both sources used
        assert!(text.contains("(2 sources)"), "{text}");
    } else {
        assert!(err.contains("sources/locked.txt: cannot read: Permission denied"), "{err}");
        assert!(text.contains("(1 source)"), "{text}");
    }
    assert_eq!(out.status.code(), Some(0), "{err}");
}

#[test]
fn symlink_loops_end_and_each_file_is_read_once() {
    use std::os::unix::fs::symlink;
    let dir = workspace();
    let src = dir.path().join("sources");
    std::fs::create_dir_all(src.join("a/b")).expect("mkdir");
    symlink("../..", src.join("a/b/up")).expect("symlink"); // back to sources/
    symlink("../a", src.join("a/b/again")).expect("symlink"); // back to a/
    symlink("self.txt", src.join("self.txt")).expect("symlink"); // a link to itself
    let out = run(&["check", "--format", "json", "n.md"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sources/self.txt: cannot read: Too many levels of symbolic links"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let figure = &v["notes"][0]["figures"][0];
    assert_eq!(figure["verdict"], "supported");
    let sources: Vec<&str> =
        figure["evidence"].as_array().expect("evidence").iter().filter_map(|e| e["source"].as_str()).collect();
    assert_eq!(sources.len(), 1, "{sources:?}");
    assert!(sources[0].ends_with("sources/ok.txt"), "{sources:?}");
}

/// A secret outside the workspace, and a source folder whose symlinks lead
/// to it; a note cites and links it every way it can.
fn workspace_with_a_secret_outside() -> (tempfile::TempDir, std::path::PathBuf) {
    use std::os::unix::fs::symlink;
    let top = tempfile::tempdir().expect("tmp");
    let outside = top.path().join("outside");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(
        outside.join("secret.txt"),
        "Ledger SECRETMARK\n\nThe vault holds 987,654 gold bars on 3 May 2016.\n",
    )
    .expect("write");
    let ws = top.path().join("ws");
    std::fs::create_dir_all(ws.join("sources")).expect("mkdir");
    std::fs::write(ws.join("sources/ok.txt"), "Town fair\n\nAbout 200 people came to the fair on 3 May 2016.\n")
        .expect("write");
    symlink(outside.join("secret.txt"), ws.join("sources/secret.txt")).expect("symlink");
    symlink(&outside, ws.join("sources/more")).expect("symlink");
    let abs = outside.join("secret.txt");
    std::fs::write(
        ws.join("n.md"),
        format!(
            "The vault holds 987,654 gold bars [@secret] [@../../outside/secret] [@/etc/passwd].\n\n\
             The vault holds 987,654 gold bars ([a]({}), [b](../outside/secret.txt), [c](/etc/passwd)).\n",
            abs.display()
        ),
    )
    .expect("write");
    (top, ws)
}

#[test]
fn symlinks_and_links_out_of_the_source_folders_are_never_read() {
    let (_top, ws) = workspace_with_a_secret_outside();
    let out = run(&["check", "--format", "json", "n.md"], &ws);
    let err = String::from_utf8_lossy(&out.stderr);
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(err.contains("sources/secret.txt: links outside the source folders, skipped"), "{err}");
    assert!(err.contains("sources/more: links outside the source folders, skipped"), "{err}");
    for shown in [&err, &json] {
        assert!(!shown.contains("SECRETMARK") && !shown.contains("root:"), "{shown}");
    }
    let v: Value = serde_json::from_str(&json).expect("json");
    let figures = v["notes"][0]["figures"].as_array().expect("figures");
    assert_eq!(figures.len(), 2);
    for f in figures {
        assert_eq!(f["verdict"], "unsourced", "{f}");
        assert_eq!(f["evidence"], serde_json::json!([]));
    }
    // no citation or link names a source
    for c in v["notes"][0]["citations"].as_array().expect("citations") {
        assert_eq!(c["source"], Value::Null, "{c}");
    }
}

/// Makes a FIFO at `path` (no writer ever opens it).
fn fifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().map(|s| s.success()).unwrap_or(false);
    assert!(ok, "mkfifo {}", path.display());
}

/// Runs `sourcecheck args` in `dir`, asserting it is done within 1 s (issue
/// 17: a FIFO, `/dev/zero` and a device skipped with a message in under 1 s;
/// about 20 ms here).
fn run_quickly(args: &[&str], dir: &Path) -> (Output, String) {
    let t = Instant::now();
    let out = run(args, dir);
    let took = t.elapsed();
    eprintln!("sourcecheck {args:?}: {took:?}");
    assert!(took < Duration::from_secs(1), "sourcecheck {args:?} took {took:?}");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, err)
}

#[test]
fn a_fifo_or_a_device_among_the_sources_is_skipped_at_once_with_what_it_is() {
    let dir = workspace();
    fifo(&dir.path().join("sources/pipe.txt"));
    // a device needs root to make; /dev/zero is one for everybody else
    let device = running_as_root()
        && Command::new("mknod")
            .args([dir.path().join("sources/zero.md").to_str().unwrap_or(""), "c", "1", "5"])
            .status()
            .is_ok_and(|s| s.success());
    for args in [&["check", "n.md"][..], &["sources"][..]] {
        let (out, err) = run_quickly(args, dir.path());
        assert!(err.contains("sources/pipe.txt: not a regular file (a FIFO), skipped"), "{err}");
        if device {
            assert!(err.contains("sources/zero.md: not a regular file (a character device), skipped"), "{err}");
        }
        assert_eq!(out.status.code(), Some(0), "{err}");
    }
    let (out, _) = run_quickly(&["check", "n.md"], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("n.md: 1 figure: 1 supported, 0 contradicted, 0 unsourced (1 source)"), "{text}");
    // a note that is a FIFO or a device: refused, exit 2
    fifo(&dir.path().join("pipe.md"));
    let (out, err) = run_quickly(&["check", "pipe.md"], dir.path());
    assert!(err.contains("pipe.md: not a regular file (a FIFO), skipped"), "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
    let (out, err) = run_quickly(&["check", "/dev/zero"], dir.path());
    assert!(err.contains("/dev/zero: not a regular file (a character device), skipped"), "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
}

#[test]
fn a_sourcecheck_toml_that_is_a_fifo_or_dev_zero_is_refused_at_once() {
    let dir = workspace();
    let config = dir.path().join("sourcecheck.toml");
    fifo(&config);
    let (out, err) = run_quickly(&["check", "n.md"], dir.path());
    assert!(err.contains("sourcecheck.toml: not a regular file (a FIFO)"), "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
    std::fs::remove_file(&config).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", &config).expect("symlink");
    let (out, err) = run_quickly(&["sources"], dir.path());
    assert!(err.contains("sourcecheck.toml: not a regular file (a character device)"), "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
}

#[test]
fn the_server_answers_at_once_with_a_fifo_as_sourcecheck_toml_and_fifos_and_devices_among_the_sources() {
    let dir = workspace();
    fifo(&dir.path().join("sourcecheck.toml"));
    fifo(&dir.path().join("sources/pipe.txt"));
    if running_as_root() {
        let zero = dir.path().join("sources/zero.md");
        let made = Command::new("mknod").arg(&zero).args(["c", "1", "5"]).status().is_ok_and(|s| s.success());
        assert!(made, "mknod {}", zero.display());
    }
    let t = Instant::now();
    let (mut client, _) = support::Client::start(dir.path(), json!({}), false);
    let initialized = t.elapsed();
    assert!(initialized < Duration::from_secs(1), "initialize answered after {initialized:?}");
    let warning = client.notification_where("window/showMessage", |p| {
        p["message"].as_str().is_some_and(|m| m.contains("sourcecheck.toml: not a regular file (a FIFO)"))
    });
    assert_eq!(warning["type"], 2, "{warning}");
    // the one regular source is indexed and judges the note
    let uri = format!("file://{}/n.md", dir.path().display());
    client.open(&uri, "markdown", "About 200 people came to the fair [@ok].\n");
    let hover = |client: &mut support::Client| {
        let at = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 7}});
        client.request("textDocument/hover", at).to_string()
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while !hover(&mut client).contains("Supported") {
        assert!(Instant::now() < deadline, "never judged: {}", hover(&mut client));
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!("initialize answered after {initialized:?}, the note judged after {:?}", t.elapsed());
    let t = Instant::now();
    assert_eq!(client.shutdown_and_exit(), 0);
    assert!(t.elapsed() < Duration::from_secs(1), "shutdown and exit took {:?}", t.elapsed());
}
