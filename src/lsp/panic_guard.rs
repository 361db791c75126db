//! A panic in any handler becomes an error response (or, for a
//! notification, nothing) and a log line; the server keeps serving. This
//! wraps the whole service, so no handler can forget it.

use futures::future::{BoxFuture, FutureExt};
use std::panic::AssertUnwindSafe;
use std::task::{Context, Poll};
use tower::Service;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Request, Response};

pub struct PanicGuard<S>(pub S);

/// The panic's message, when it carried one.
pub fn panic_message(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| e.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}

fn failed(method: &str, id: Option<tower_lsp_server::jsonrpc::Id>, msg: String) -> Option<Response> {
    tracing::error!("{method} panicked: {msg}");
    id.map(|id| {
        Response::from_error(
            id,
            Error {
                code: ErrorCode::InternalError,
                message: format!("sourcecheck: {method} failed: {msg}").into(),
                data: None,
            },
        )
    })
}

impl<S> Service<Request> for PanicGuard<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Option<Response>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let method = req.method().to_string();
        let id = req.id().cloned();
        let inner = &mut self.0;
        match std::panic::catch_unwind(AssertUnwindSafe(|| inner.call(req))) {
            Ok(fut) => AssertUnwindSafe(fut)
                .catch_unwind()
                .map(move |r| match r {
                    Ok(r) => r,
                    Err(e) => Ok(failed(&method, id, panic_message(&*e))),
                })
                .boxed(),
            Err(e) => {
                let r = failed(&method, id, panic_message(&*e));
                async move { Ok(r) }.boxed()
            }
        }
    }
}
