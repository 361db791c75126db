//! A framing guard between stdio and the protocol library. Every message is
//! read here first: a body that is not JSON, or a header without a usable
//! Content-Length, is answered with a JSON-RPC parse error and skipped, and
//! the connection goes on (tower-lsp-server alone would stop reading). Output
//! from the server and our error replies are written whole, one after another.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc;

/// Largest message accepted (a whole document in a didOpen fits easily).
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn parse_error(detail: &str) -> Vec<u8> {
    let body = serde_json::json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": format!("Parse error: {detail}")}});
    frame(body.to_string().as_bytes())
}

/// Reads one header block; returns the Content-Length it names, `Err` with
/// a reason when it names none usable, `None` at end of input.
async fn read_header<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> Option<Result<usize, String>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_any = false;
    loop {
        let mut line = Vec::new();
        let n = r.read_until(b'\n', &mut line).await.ok()?;
        if n == 0 {
            return if saw_any { Some(Err("truncated header".into())) } else { None };
        }
        let text = String::from_utf8_lossy(&line);
        let trimmed = text.trim();
        if trimmed.is_empty() {
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
async fn guard_input<R: AsyncRead + Unpin>(
    input: R,
    mut to_server: DuplexStream,
    errors: mpsc::UnboundedSender<Vec<u8>>,
) {
    let mut r = BufReader::new(input);
    while let Some(header) = read_header(&mut r).await {
        let len = match header {
            Ok(len) => len,
            Err(why) => {
                tracing::warn!("dropped a message: {why}");
                let _ = errors.send(parse_error(&why));
                continue;
            }
        };
        let mut body = vec![0; len];
        if r.read_exact(&mut body).await.is_err() {
            break;
        }
        match serde_json::from_slice::<serde_json::Value>(&body) {
            Ok(v) if v.is_object() => {
                if to_server.write_all(&frame(&body)).await.is_err() {
                    break;
                }
            }
            Ok(_) => {
                let _ = errors.send(parse_error("a message must be a JSON object"));
            }
            Err(e) => {
                tracing::warn!("dropped a message that is not JSON: {e}");
                let _ = errors.send(parse_error(&e.to_string()));
            }
        }
    }
    let _ = to_server.shutdown().await;
}

/// Copies whole frames from the server to the output channel.
async fn relay_output(from_server: DuplexStream, out: mpsc::UnboundedSender<Vec<u8>>) {
    let mut r = BufReader::new(from_server);
    while let Some(Ok(len)) = read_header(&mut r).await {
        let mut body = vec![0; len];
        if r.read_exact(&mut body).await.is_err() {
            break;
        }
        if out.send(frame(&body)).is_err() {
            break;
        }
    }
}

/// Writes frames to `output` one at a time.
async fn write_output<W: AsyncWrite + Unpin>(mut output: W, mut rx: mpsc::UnboundedReceiver<Vec<u8>>) {
    while let Some(f) = rx.recv().await {
        if output.write_all(&f).await.is_err() || output.flush().await.is_err() {
            break;
        }
    }
}

/// The guard's tasks, to end them when the server stops.
pub struct Guard {
    input: tokio::task::JoinHandle<()>,
    writer: tokio::task::JoinHandle<()>,
}

impl Guard {
    /// Stops reading input and waits (briefly) for the last output to be written.
    pub async fn finish(self) {
        self.input.abort();
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), self.writer).await;
    }
}

/// Wraps stdio: returns the (reader, writer) the protocol library should use,
/// and spawns the guard tasks.
pub fn guarded_stdio<R, W>(input: R, output: W) -> (DuplexStream, DuplexStream, Guard)
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let (server_in, guard_in) = tokio::io::duplex(1 << 20);
    let (guard_out, server_out) = tokio::io::duplex(1 << 20);
    let (tx, rx) = mpsc::unbounded_channel();
    let input = tokio::spawn(guard_input(input, guard_in, tx.clone()));
    tokio::spawn(relay_output(guard_out, tx));
    let writer = tokio::spawn(write_output(output, rx));
    (server_in, server_out, Guard { input, writer })
}
