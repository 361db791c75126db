//! Logs to the client: a `tracing` layer that forwards sourcecheck's own
//! log lines to `window/logMessage` at the level the client's trace setting
//! asks for (`off`: none, `messages`: info and above, `verbose`: debug and
//! above). stderr gets its lines from the fmt layer as before.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types::{MessageType, TraceValue};
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

const OFF: u8 = 0;
const MESSAGES: u8 = 1;
const VERBOSE: u8 = 2;

static TRACE: AtomicU8 = AtomicU8::new(OFF);

/// Where forwarded lines go: the task that sends them to the client.
type Sink = Mutex<Option<UnboundedSender<(MessageType, String)>>>;

fn sink() -> &'static Sink {
    static SINK: OnceLock<Sink> = OnceLock::new();
    SINK.get_or_init(|| Mutex::new(None))
}

/// Sets the client's trace level (from initialize or `$/setTrace`).
pub fn set_trace(value: TraceValue) {
    let level = match value {
        TraceValue::Off => OFF,
        TraceValue::Messages => MESSAGES,
        TraceValue::Verbose => VERBOSE,
    };
    TRACE.store(level, Ordering::Relaxed);
}

/// Routes forwarded log lines to `tx` (the task that sends them to the client).
pub fn connect(tx: UnboundedSender<(MessageType, String)>) {
    *sink().lock().unwrap_or_else(|e| e.into_inner()) = Some(tx);
}

/// The layer to add to the process's subscriber.
pub struct ClientLog;

struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0.insert_str(0, &format!("{value:?}"));
        } else {
            self.0.push_str(&format!(" {}={value:?}", field.name()));
        }
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.0.insert_str(0, value);
        } else {
            self.0.push_str(&format!(" {}={value}", field.name()));
        }
    }
}

/// Does the client want this event at its trace level? Also the layer's
/// filter (see main.rs), asked on every event: with tracing off, no event's
/// fields are even formatted.
pub fn wanted(meta: &Metadata<'_>) -> bool {
    // only our own lines: sending one must not log a line that is sent
    if !meta.target().starts_with("sourcecheck") {
        return false;
    }
    let level = *meta.level();
    match TRACE.load(Ordering::Relaxed) {
        OFF => false,
        MESSAGES => level <= Level::INFO,
        _ => level <= Level::DEBUG,
    }
}

impl<S: Subscriber> Layer<S> for ClientLog {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let meta = event.metadata();
        if !wanted(meta) {
            return;
        }
        let level = *meta.level();
        let Some(tx) = sink().lock().unwrap_or_else(|e| e.into_inner()).clone() else { return };
        let mut m = Message(String::new());
        event.record(&mut m);
        let typ = match level {
            Level::ERROR => MessageType::ERROR,
            Level::WARN => MessageType::WARNING,
            Level::INFO => MessageType::INFO,
            _ => MessageType::LOG,
        };
        let _ = tx.send((typ, format!("[{}] {}", level.as_str().to_lowercase(), m.0)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_levels_map_to_thresholds() {
        set_trace(TraceValue::Verbose);
        assert_eq!(TRACE.load(Ordering::Relaxed), VERBOSE);
        set_trace(TraceValue::Off);
        assert_eq!(TRACE.load(Ordering::Relaxed), OFF);
    }
}
