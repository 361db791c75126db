//! Property tests of the framing guard: any stream of frames, well formed
//! or not, with any body, and junk between them; the guard never panics,
//! ends when its input ends, passes on only messages the protocol library
//! takes, and answers every whole frame it does not pass on.
//! `PROPTEST_CASES` sets how many streams.

use super::*;
use proptest::prelude::*;

/// Bodies a client might send: messages, almost-messages, not JSON.
const BODIES: &[&str] = &[
    r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#,
    r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    r#"{"jsonrpc":"2.0","id":"x","result":null}"#,
    r#"{"jsonrpc":"2.0","id":2,"error":{"code":-1,"message":"m"}}"#,
    r#"{}"#,
    r#"{"jsonrpc":"2.0","id":9223372036854775808,"method":"x"}"#,
    r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
    r#"{"jsonrpc":"2.0","id":true,"method":"x"}"#,
    r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#,
    r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#,
    r#"{"jsonrpc":"1.0","id":3,"method":"x"}"#,
    r#"{"jsonrpc":"2.0","id":4,"method":5}"#,
    r#"[1]"#,
    "42",
    "{bad}",
    "",
    "\u{fffd}",
];

/// One frame: a body (a listed one or any text) behind a header.
fn frame_strategy() -> impl Strategy<Value = String> {
    prop_oneof![prop::sample::select(BODIES).prop_map(str::to_string), ".{0,40}"]
}

/// What the guard does with `input`: the bodies it passes on, and its replies.
fn guard(input: Vec<u8>) -> (Vec<Vec<u8>>, Vec<serde_json::Value>) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async move {
        let (server_in, guard_in) = tokio::io::duplex(1 << 16);
        let (tx, mut rx) = mpsc::unbounded_channel();
        let reading = tokio::spawn(async move {
            let mut bodies = Vec::new();
            let mut r = BufReader::new(server_in);
            while let Some(Ok(len)) = read_header(&mut r).await {
                let mut body = vec![0; len];
                if r.read_exact(&mut body).await.is_err() {
                    break;
                }
                bodies.push(body);
            }
            bodies
        });
        let run = guard_input(std::io::Cursor::new(input), guard_in, tx);
        tokio::time::timeout(std::time::Duration::from_secs(10), run).await.expect("the guard ends with its input");
        let bodies = reading.await.expect("reader");
        let mut replies = Vec::new();
        while let Ok(Out::Frame(parts)) = rx.try_recv() {
            let whole = parts.concat();
            let at = whole.windows(4).position(|w| w == b"\r\n\r\n").map_or(0, |p| p + 4);
            replies.push(serde_json::from_slice(&whole[at..]).expect("a reply is JSON"));
        }
        (bodies, replies)
    })
}

fn library_takes(body: &[u8]) -> bool {
    serde_json::from_slice::<tower_lsp_server::jsonrpc::Response>(body).is_ok()
        || serde_json::from_slice::<tower_lsp_server::jsonrpc::Request>(body).is_ok()
}

proptest! {
    #[test]
    fn whole_frames_are_passed_on_exactly_when_the_library_takes_them_and_answered_otherwise(
        bodies in prop::collection::vec(frame_strategy(), 0..12)
    ) {
        let input: Vec<u8> = bodies
            .iter()
            .flat_map(|b| format!("Content-Length: {}\r\n\r\n{b}", b.len()).into_bytes())
            .collect();
        let (passed, replies) = guard(input);
        let taken: Vec<&[u8]> = bodies.iter().map(|b| b.as_bytes()).filter(|b| library_takes(b)).collect();
        prop_assert_eq!(passed.iter().map(Vec::as_slice).collect::<Vec<_>>(), taken.clone());
        prop_assert_eq!(replies.len(), bodies.len() - taken.len());
        for r in &replies {
            let code = r["error"]["code"].as_i64();
            prop_assert!(code == Some(-32600) || code == Some(-32700), "{}", r);
        }
    }

    #[test]
    fn any_bytes_end_without_a_panic_and_pass_on_only_what_the_library_takes(
        chunks in prop::collection::vec(prop_oneof![
            frame_strategy().prop_map(|b| format!("Content-Length: {}\r\n\r\n{b}", b.len())),
            "Content-Length: [0-9]{0,3}\r\n(Content-Type: x\r\n)?\r\n",
            ".{0,20}",
            "\r\n|\n|\r",
            Just("x".repeat(MAX_HEADER_LINE + 10)),
        ], 0..10)
    ) {
        let (passed, _) = guard(chunks.concat().into_bytes());
        for body in passed {
            prop_assert!(library_takes(&body), "{}", String::from_utf8_lossy(&body));
        }
    }
}
