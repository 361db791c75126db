//! A framing guard between stdio and the protocol library. Every message is
//! read here first: a body that is not JSON, or a header without a usable
//! Content-Length (or with a line over [`MAX_HEADER_LINE`] bytes), is
//! answered with a JSON-RPC parse error and skipped; JSON that is no
//! request or response (`{}`, an id of 1.5, `"jsonrpc": "1.0"`) with an
//! Invalid Request error ([`envelope`]); and the connection goes on
//! (tower-lsp-server alone would stop reading at either). Output
//! from the server, our error replies and what the server sends through its
//! [`Outbox`] are written whole, one after another, by a thread of its own
//! straight from their parts (a megabyte of diagnostics is never copied
//! into a frame, nor into an async writer's buffer).

mod envelope;
#[cfg(test)]
mod props;

use envelope::Verdict;
use std::io::Write;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::{mpsc, oneshot};

/// Largest message accepted (a whole document in a didOpen fits easily).
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// Longest header line kept (LSP headers are a few dozen bytes); the rest of
/// a longer line is skipped as it arrives, never held.
pub const MAX_HEADER_LINE: usize = 4096;

/// What the writer receives: a whole frame (header and body, in parts
/// written one after another), or word that the server has stopped (senders
/// outlive it, so the channel alone never closes).
enum Out {
    Frame(Vec<Vec<u8>>),
    End,
}

/// Notifications the server writes itself, past the protocol library: their
/// parameters are serialized straight to bytes. (The library first turns
/// parameters into a `serde_json::Value`; a note's thousand diagnostics are
/// 1 MB of JSON and over 13 MB as a `Value`.) Frames keep their order among
/// themselves; relative to the library's messages they are unordered, so
/// only self-contained notifications such as publishDiagnostics go here.
#[derive(Clone)]
pub struct Outbox(Option<mpsc::UnboundedSender<Out>>);

impl Outbox {
    /// An outbox that drops what it is given (no connection).
    pub fn detached() -> Outbox {
        Outbox(None)
    }

    /// Sends a notification whose `params` are already JSON (in parts, one
    /// after another, written as they are); false when the connection is gone.
    pub fn notify(&self, method: &str, params: Vec<Vec<u8>>) -> bool {
        let Some(tx) = &self.0 else { return false };
        tx.send(Out::Frame(notification(method, params))).is_ok()
    }
}

/// An outbox whose frames the returned function takes, one per call (tests).
#[cfg(test)]
pub fn capture() -> (Outbox, impl FnMut() -> Option<Vec<u8>>) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let take = move || match rx.try_recv() {
        Ok(Out::Frame(f)) => Some(f.concat()),
        _ => None,
    };
    (Outbox(Some(tx)), take)
}

/// A notification with these JSON `params` (given in parts: they may be a
/// megabyte, and are never copied), framed.
fn notification(method: &str, params: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let method = serde_json::to_string(method).unwrap_or_default();
    let mut parts = vec![format!("{{\"jsonrpc\":\"2.0\",\"method\":{method},\"params\":").into_bytes()];
    parts.extend(params);
    parts.push(b"}".to_vec());
    frame(parts)
}

/// A message whose body is `parts`, one after another, behind its header.
fn frame(mut parts: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let len: usize = parts.iter().map(Vec::len).sum();
    parts.insert(0, format!("Content-Length: {len}\r\n\r\n").into_bytes());
    parts
}

fn parse_error(detail: &str) -> Vec<Vec<u8>> {
    let body = serde_json::json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": format!("Parse error: {detail}")}});
    frame(vec![body.to_string().into_bytes()])
}

fn invalid_request(id: serde_json::Value, detail: &str) -> Vec<Vec<u8>> {
    let body = serde_json::json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32600, "message": format!("Invalid request: {detail}")}});
    frame(vec![body.to_string().into_bytes()])
}

/// Reads one line, through its newline, into `line`, keeping at most
/// [`MAX_HEADER_LINE`] bytes of it; returns the bytes read (0 at end of
/// input) and whether the line was longer.
async fn read_line_capped<R: AsyncRead + Unpin>(
    r: &mut BufReader<R>,
    line: &mut Vec<u8>,
) -> std::io::Result<(usize, bool)> {
    let (mut read, mut cut) = (0, false);
    loop {
        let buf = r.fill_buf().await?;
        if buf.is_empty() {
            return Ok((read, cut));
        }
        let (take, ends) = match buf.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (buf.len(), false),
        };
        let room = MAX_HEADER_LINE.saturating_sub(line.len());
        cut |= take > room;
        line.extend_from_slice(&buf[..take.min(room)]);
        r.consume(take);
        read += take;
        if ends {
            return Ok((read, cut));
        }
    }
}

/// Reads one header block; returns the Content-Length it names, `Err` with
/// a reason when it names none usable, `None` at end of input.
async fn read_header<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> Option<Result<usize, String>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_any = false;
    let mut too_long = false;
    loop {
        let mut line = Vec::new();
        let (n, cut) = read_line_capped(r, &mut line).await.ok()?;
        if n == 0 {
            return if saw_any { Some(Err("truncated header".into())) } else { None };
        }
        if cut {
            // skipped whole: what it held is not read as a header
            too_long = true;
            saw_any = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let trimmed = text.trim();
        if trimmed.is_empty() {
            if too_long {
                return Some(Err(format!("a header line over {MAX_HEADER_LINE} bytes")));
            }
            if saw_any {
                return Some(length.unwrap_or_else(|| Err("no Content-Length header".into())));
            }
            continue;
        }
        saw_any = true;
        // tolerate garbage before the header (resynchronising after bad input)
        if let Some(at) = trimmed.to_ascii_lowercase().find("content-length:") {
            let value = trimmed[at + "content-length:".len()..].trim();
            length = Some(match value.parse::<usize>() {
                Ok(n) if n <= MAX_MESSAGE => Ok(n),
                Ok(n) => Err(format!("Content-Length {n} is over the limit")),
                Err(_) => Err(format!("bad Content-Length '{value}'")),
            });
        }
    }
}

/// Copies client input to the server, dropping malformed messages with a
/// parse error sent back through `errors`.
async fn guard_input<R: AsyncRead + Unpin>(input: R, mut to_server: DuplexStream, errors: mpsc::UnboundedSender<Out>) {
    let mut r = BufReader::new(input);
    while let Some(header) = read_header(&mut r).await {
        let len = match header {
            Ok(len) => len,
            Err(why) => {
                tracing::warn!("dropped a message: {why}");
                let _ = errors.send(Out::Frame(parse_error(&why)));
                continue;
            }
        };
        let mut body = vec![0; len];
        if r.read_exact(&mut body).await.is_err() {
            break;
        }
        match envelope::classify(&body) {
            Verdict::Message => {
                let header = format!("Content-Length: {len}\r\n\r\n");
                if to_server.write_all(header.as_bytes()).await.is_err() || to_server.write_all(&body).await.is_err() {
                    break;
                }
            }
            Verdict::Invalid { id, why } => {
                tracing::warn!("dropped a message that is no request or response: {why}");
                let _ = errors.send(Out::Frame(invalid_request(id, &why)));
            }
            Verdict::NotJson(why) => {
                tracing::warn!("dropped a message that is not JSON: {why}");
                let _ = errors.send(Out::Frame(parse_error(&why)));
            }
        }
    }
    let _ = to_server.shutdown().await;
}

/// Copies whole frames from the server to the output channel; when the
/// server closes its output, tells the writer to end.
async fn relay_output(from_server: DuplexStream, out: mpsc::UnboundedSender<Out>) {
    let mut r = BufReader::new(from_server);
    while let Some(Ok(len)) = read_header(&mut r).await {
        let mut body = vec![0; len];
        if r.read_exact(&mut body).await.is_err() {
            break;
        }
        if out.send(Out::Frame(frame(vec![body]))).is_err() {
            break;
        }
    }
    let _ = out.send(Out::End);
}

/// Writes frames to `output` one at a time, part by part, until the server
/// has stopped (on a thread: the parts go to the file as they are).
fn write_output(mut output: impl Write, mut rx: mpsc::UnboundedReceiver<Out>) {
    while let Some(Out::Frame(parts)) = rx.blocking_recv() {
        if parts.iter().any(|p| output.write_all(p).is_err()) || output.flush().is_err() {
            break;
        }
    }
}

/// The guard's input task and word of its writer thread's end.
pub struct Guard {
    input: tokio::task::JoinHandle<()>,
    written: oneshot::Receiver<()>,
}

impl Guard {
    /// Stops reading input and waits (briefly) for the last output to be written.
    pub async fn finish(self) {
        self.input.abort();
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), self.written).await;
    }
}

/// Wraps stdio: returns the (reader, writer) the protocol library should use,
/// the outbox for notifications the server writes itself, and the guard
/// tasks it spawns.
pub fn guarded_stdio<R, W>(input: R, output: W) -> (DuplexStream, DuplexStream, Outbox, Guard)
where
    R: AsyncRead + Unpin + Send + 'static,
    W: Write + Send + 'static,
{
    let (server_in, guard_in) = tokio::io::duplex(1 << 20);
    let (guard_out, server_out) = tokio::io::duplex(1 << 20);
    let (tx, rx) = mpsc::unbounded_channel();
    let input = tokio::spawn(guard_input(input, guard_in, tx.clone()));
    let outbox = Outbox(Some(tx.clone()));
    tokio::spawn(relay_output(guard_out, tx));
    let (done, written) = oneshot::channel();
    let writer = std::thread::Builder::new().name("lsp-output".into()).spawn(move || {
        write_output(output, rx);
        let _ = done.send(());
    });
    if let Err(e) = writer {
        tracing::error!("cannot start the output thread: {e}");
    }
    (server_in, server_out, outbox, Guard { input, written })
}
