//! Test support: an LSP client that drives the built server over stdio as an
//! editor does, and a small fixture language for notes.
//!
//! Fixture language: in a note, `$0` marks the cursor and `«…»` marks an
//! expected range; both are removed from the text the server sees.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// A note with its cursor and expected ranges, in a chosen encoding.
pub struct Fixture {
    pub text: String,
    pub cursor: Option<Value>,
    pub ranges: Vec<Value>,
}

impl Fixture {
    /// Parses the fixture; positions count UTF-16 units, or bytes with `utf8`.
    pub fn parse(src: &str, utf8: bool) -> Fixture {
        let mut text = String::new();
        let mut cursor = None;
        let mut ranges = Vec::new();
        let mut open: Option<Value> = None;
        let (mut line, mut col) = (0u32, 0u32);
        let mut chars = src.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '$' && chars.peek() == Some(&'0') {
                chars.next();
                cursor = Some(json!({"line": line, "character": col}));
                continue;
            }
            if c == '«' {
                open = Some(json!({"line": line, "character": col}));
                continue;
            }
            if c == '»' {
                let start = open.take().expect("» without «");
                ranges.push(json!({"start": start, "end": {"line": line, "character": col}}));
                continue;
            }
            text.push(c);
            if c == '\n' {
                line += 1;
                col = 0;
            } else {
                col += if utf8 { c.len_utf8() as u32 } else { c.len_utf16() as u32 };
            }
        }
        Fixture { text, cursor, ranges }
    }
}

/// A workspace folder with a copy of the seeds.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    /// An empty workspace folder.
    pub fn empty() -> Workspace {
        Workspace { dir: tempfile::tempdir().expect("tempdir") }
    }

    pub fn with_seeds() -> Workspace {
        let dir = tempfile::tempdir().expect("tempdir");
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        std::fs::create_dir_all(dir.path().join("seeds")).expect("mkdir");
        for e in std::fs::read_dir(&seeds).expect("seeds").flatten() {
            std::fs::copy(e.path(), dir.path().join("seeds").join(e.file_name())).expect("copy");
        }
        Workspace { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().canonicalize().expect("canonical root")
    }

    pub fn uri(&self, rel: &str) -> String {
        format!("file://{}", self.root().join(rel).display())
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.root().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, text).expect("write");
        p
    }
}

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications seen while waiting for something else.
    pub backlog: Vec<Value>,
    /// Requests the server sent, oldest first.
    pub server_requests: Vec<Value>,
    /// What to answer a server request with, by method (null when absent).
    pub answers: std::collections::HashMap<String, Value>,
}

impl Client {
    /// Starts the server in `root` and initializes it.
    pub fn start(root: &Path, init_options: Value, utf8: bool) -> (Client, Value) {
        let mut caps = json!({
            "textDocument": {"definition": {"linkSupport": true}, "publishDiagnostics": {"relatedInformation": true}},
            "window": {"workDoneProgress": false}
        });
        if utf8 {
            caps["general"] = json!({"positionEncodings": ["utf-8", "utf-16"]});
        }
        Client::start_with(root, init_options, caps, Value::Null)
    }

    /// Starts the server with these client capabilities and trace level.
    pub fn start_with(root: &Path, init_options: Value, caps: Value, trace: Value) -> (Client, Value) {
        Client::start_in(root, &[root.to_path_buf()], init_options, caps, trace)
    }

    /// Starts the server in `cwd` with these workspace folders (the first is
    /// also the root URI).
    pub fn start_in(
        cwd: &Path,
        folders: &[PathBuf],
        init_options: Value,
        caps: Value,
        trace: Value,
    ) -> (Client, Value) {
        let root = folders.first().map_or(cwd, |f| f.as_path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_sourcecheck"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(match std::env::var_os("SOURCECHECK_TEST_STDERR") {
                Some(path) => std::fs::File::create(path).map(Stdio::from).unwrap_or_else(|_| Stdio::null()),
                None => Stdio::null(),
            })
            .spawn()
            .expect("server starts");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap_or(0);
                    }
                }
                let mut buf = vec![0; len];
                if r.read_exact(&mut buf).is_err() {
                    return;
                }
                if let Ok(v) = serde_json::from_slice::<Value>(&buf) {
                    if tx.send(v).is_err() {
                        return;
                    }
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            rx,
            next_id: 1,
            backlog: Vec::new(),
            server_requests: Vec::new(),
            answers: Default::default(),
        };
        let root_uri = format!("file://{}", root.display());
        let folders: Vec<Value> = folders
            .iter()
            .map(|f| json!({"uri": format!("file://{}", f.display()), "name": f.file_name().map(|n| n.to_string_lossy().into_owned())}))
            .collect();
        let init = c.request(
            "initialize",
            json!({"processId": null, "rootUri": root_uri, "capabilities": caps, "initializationOptions": init_options,
                   "workspaceFolders": folders, "trace": trace}),
        );
        c.notify("initialized", json!({}));
        (c, init)
    }

    /// The server's process id (for memory readings).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        if let Some(stdin) = self.stdin.as_mut() {
            let _ = stdin.write_all(bytes);
            let _ = stdin.flush();
        }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits (10 s at most) for its response; returns it whole.
    pub fn request_full(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if m.get("id") == Some(&json!(id)) && m.get("method").is_none() => return m,
                Ok(m) if m.get("method").is_some() && m.get("id").is_some() => {
                    // a request from the server (registerCapability, workDoneProgress/create): accept it
                    self.answer(m);
                }
                Ok(m) => self.backlog.push(m),
                Err(_) => panic!("no response to {method} within 10 s"),
            }
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.request_full(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// Waits for diagnostics of `uri` satisfying `pred`; returns them.
    pub fn diagnostics_where(&mut self, uri: &str, pred: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut last: Option<Vec<Value>> = None;
        let mine = |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
        let check = |m: &Value, last: &mut Option<Vec<Value>>| -> Option<Vec<Value>> {
            if mine(m) {
                let d = m["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
                *last = Some(d.clone());
                if pred(&d) {
                    return Some(d);
                }
            }
            None
        };
        // this document's earlier publications are used up; others' are kept
        let backlog = std::mem::take(&mut self.backlog);
        let (own, others): (Vec<Value>, Vec<Value>) = backlog.into_iter().partition(|m| mine(m));
        self.backlog = others;
        for m in &own {
            if let Some(d) = check(m, &mut last) {
                return d;
            }
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) => {
                    if m.get("method").is_some() && m.get("id").is_some() {
                        self.answer(m);
                        continue;
                    }
                    if let Some(d) = check(&m, &mut last) {
                        return d;
                    }
                    if !mine(&m) {
                        self.backlog.push(m);
                    }
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    panic!("diagnostics for {uri} never matched; last published: {last:?}")
                }
            }
        }
    }

    /// Waits (30 s at most) for any message satisfying `pred`, from the
    /// backlog first; everything else stays in the backlog.
    pub fn message_where(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if m.get("method").is_some() && m.get("id").is_some() => self.answer(m),
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.backlog.push(m),
                Err(_) => panic!("no such message within 30 s; seen: {:?}", self.backlog),
            }
        }
    }

    /// Waits (30 s at most) for the server's request number `n` (from 1)
    /// with `method`, answering it and any other; returns it.
    pub fn server_request(&mut self, method: &str, n: usize) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(r) = self.server_requests.iter().filter(|r| r["method"] == method).nth(n - 1) {
                return r.clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if m.get("method").is_some() && m.get("id").is_some() => self.answer(m),
                Ok(m) => self.backlog.push(m),
                Err(_) => panic!("no request {method} number {n} within 30 s"),
            }
        }
    }

    /// Answers a request from the server (registerCapability,
    /// workDoneProgress/create, configuration, showDocument) and keeps it.
    fn answer(&mut self, m: Value) {
        let method = m["method"].as_str().unwrap_or("");
        let result = self.answers.get(method).cloned().unwrap_or(Value::Null);
        self.send(json!({"jsonrpc": "2.0", "id": m["id"].clone(), "result": result}));
        self.server_requests.push(m);
    }

    /// Waits (10 s at most) for a notification with `method` satisfying
    /// `pred`, answering server requests meanwhile; returns its params.
    pub fn notification_where(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(|m| m["method"] == method && pred(&m["params"])) {
            return self.backlog.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if m.get("method").is_some() && m.get("id").is_some() => {
                    self.answer(m);
                }
                Ok(m) if m["method"] == method && pred(&m["params"]) => return m["params"].clone(),
                Ok(m) => self.backlog.push(m),
                Err(_) => panic!("no {method} notification matched within 10 s"),
            }
        }
    }

    pub fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// shutdown, exit, and the process's exit code.
    pub fn shutdown_and_exit(mut self) -> i32 {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// exit alone (after a `shutdown` sent by the test), and the exit code.
    pub fn exit(mut self) -> i32 {
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// The server's resident memory in KiB, from /proc/<pid>/status.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).expect("proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    pub fn exit_without_shutdown(mut self) -> i32 {
        self.notify("exit", Value::Null);
        self.wait()
    }

    pub fn close_stdin(mut self) -> i32 {
        self.stdin.take();
        self.wait()
    }

    fn wait(mut self) -> i32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code().unwrap_or(-1);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("server did not exit within 10 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A workspace with the seeds and the server started on it, with `fixture`
/// written to note.md and opened: (workspace, client, fixture, note URI).
pub fn open_note(utf8: bool, fixture: &str) -> (Workspace, Client, Fixture, String) {
    let ws = Workspace::with_seeds();
    let fx = Fixture::parse(fixture, utf8);
    ws.write("note.md", &fx.text);
    let (mut client, _) = Client::start(&ws.root(), json!({}), utf8);
    let uri = ws.uri("note.md");
    client.open(&uri, "markdown", &fx.text);
    (ws, client, fx, uri)
}

/// The diagnostic with `code`, if any.
pub fn with_code<'a>(diags: &'a [Value], code: &str) -> Option<&'a Value> {
    diags.iter().find(|d| d["code"] == code)
}

/// The line a typing test's note starts with: the figure "more than 5,000
/// militants" (line 2) is contradicted by the seeds.
#[allow(dead_code)]
pub const TYPING_NOTE_START: &str =
    "# Briefing\n\nThe coalition says more than 5,000 militants remain in Iraq and Syria [@004].\n\n";

/// Types into the open note `uri` (at version one, begun with
/// `TYPING_NOTE_START`) as a writer does, 5 keystrokes a second: letters at
/// the end of the heading, then a last keystroke that turns "5,000" into
/// "500". Waits for the diagnostics that have the figure as it left it ("more
/// than 500 militants"); returns them and how long after it they came.
#[allow(dead_code)]
pub fn type_then_edit_the_figure(client: &mut Client, uri: &str, keystrokes: u32) -> (Vec<Value>, Duration) {
    let change = |version: u32, at: (u32, u32, u32), text: &str| {
        let range = json!({"start": {"line": at.0, "character": at.1}, "end": {"line": at.0, "character": at.2}});
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": text}]})
    };
    let heading = "# Briefing".len() as u32;
    for i in 0..keystrokes - 1 {
        client.notify("textDocument/didChange", change(i + 2, (0, heading + i, heading + i), "x"));
        std::thread::sleep(Duration::from_millis(200));
    }
    client.notify("textDocument/didChange", change(keystrokes + 1, (2, 29, 34), "500"));
    let last = Instant::now();
    let d = client.diagnostics_where(uri, |d| {
        d.iter().any(|x| {
            x["range"]["start"] == json!({"line": 2, "character": 19})
                && x["range"]["end"] == json!({"line": 2, "character": 42})
        })
    });
    (d, last.elapsed())
}
