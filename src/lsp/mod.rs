//! The language server: a thin adapter over the core. `server` holds the
//! handlers; `state` the shared state; `analysis` the debounced checking;
//! `indexing` the corpus in the background; `convert` the position boundary.

mod actions;
mod analysis;
mod capabilities;
mod changes;
mod completion;
mod consistency;
pub mod convert;
mod debounce;
mod diagnostics;
mod documents;
mod heap;
mod hover;
mod indexing;
mod inlay;
mod lens;
pub mod logging;
mod navigation;
mod notes;
mod options;
mod panic_guard;
mod publish;
mod pull;
mod roots;
mod server;
mod state;
mod symbols;
mod transport;

use state::State;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tower_lsp_server::{LspService, Server};

/// Serves LSP over stdin/stdout until `exit` or end of input; returns the
/// process exit code: 0 after `shutdown`, 1 otherwise.
pub fn run_stdio() -> i32 {
    heap::limit_arenas();
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("sourcecheck: cannot start the async runtime: {e}");
            return 2;
        }
    };
    let state = Arc::new(State::new());
    let st = state.clone();
    let st_out = state.clone();
    rt.block_on(async move {
        let (service, socket) = LspService::build(move |client| server::Backend::new(client, st))
            .custom_method("$/setTrace", server::Backend::set_trace)
            .custom_method("sourcecheck/crashTest", server::Backend::crash_test)
            .finish();
        let service = panic_guard::PanicGuard(service);
        let (input, output, outbox, guard) = transport::guarded_stdio(tokio::io::stdin(), std::io::stdout());
        st_out.connect(outbox);
        Server::new(input, output, socket).serve(service).await;
        // let the last replies reach the client
        guard.finish().await;
    });
    rt.shutdown_timeout(std::time::Duration::from_millis(200));
    if state.shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}
