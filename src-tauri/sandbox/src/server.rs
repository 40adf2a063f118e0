//! The accept loop: hyper connections over axum, with a per-connection "drop now" signal so the
//! dropped-connection fault can close a socket without any response.

use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tower::Service;

/// Request extension: firing it makes the server drop the connection the request came on.
#[derive(Clone)]
pub(crate) struct DropConnection(Arc<Notify>);

impl DropConnection {
    pub(crate) fn fire(&self) {
        self.0.notify_one();
    }
}

/// Serves `app` on `listener` until `shutdown` turns true; then every open connection is closed.
pub(crate) async fn serve(listener: TcpListener, app: Router, shutdown: watch::Receiver<bool>) {
    let mut stop = shutdown.clone();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.wait_for(|s| *s) => break,
        };
        let Ok((stream, _)) = accepted else { continue };
        let app = app.clone();
        let mut stop = shutdown.clone();
        tokio::spawn(async move {
            let notify = Arc::new(Notify::new());
            let signal = DropConnection(notify.clone());
            let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(signal.clone());
                let mut app = app.clone();
                app.call(req)
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = conn => {}
                _ = notify.notified() => {}
                _ = stop.wait_for(|s| *s) => {}
            }
        });
    }
}
