//! The router with its layers, and the accept loop: hyper connections over axum, with a
//! per-connection "drop now" signal ([`DropConnection`]) so the dropped-connection fault can
//! close a socket without any response. A request's header must arrive within
//! [`HEADER_TIMEOUT`], and at most [`MAX_CONNECTIONS`] are served at once (more wait to be
//! accepted), so idle or trickling clients cannot tie the server up.

use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify, Semaphore};
use tower::Service;

#[cfg(feature = "control")]
use crate::control;
#[cfg(feature = "faults")]
use crate::faults;
use crate::{bigcommerce, connector, core1, guard, World};

/// How long a request's header may take to arrive.
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once; a browser opens a handful, the tests a few dozen.
pub(crate) const MAX_CONNECTIONS: usize = 256;

/// Request extension the server puts on every request (with the `faults` feature): firing it makes the server drop the
/// connection the request came on (the dropped-connection fault).
#[cfg(feature = "faults")]
#[derive(Clone)]
pub(crate) struct DropConnection(pub(crate) Arc<tokio::sync::Notify>);

#[cfg(feature = "faults")]
impl DropConnection {
    pub(crate) fn fire(&self) {
        self.0.notify_one();
    }
}

/// Every area's routes (the control API only with the `control` feature and never in the app's
/// practice server), under the fault layer and, outermost, the guard (`crate::guard`).
pub(crate) fn routes(world: Arc<World>) -> Router {
    let router = Router::new()
        .merge(bigcommerce::routes())
        .merge(core1::routes())
        .merge(connector::routes());
    // The control API: only with the `control` feature, and never in the app's practice server.
    #[cfg(feature = "control")]
    let router = if world.config.embedded {
        router
    } else {
        router.merge(control::routes())
    };
    let router = router.fallback(|| async { (axum::http::StatusCode::NOT_FOUND, "Not found") });
    #[cfg(feature = "faults")]
    let router = router.layer(axum::middleware::from_fn_with_state(
        world.clone(),
        faults::layer,
    ));
    router
        .layer(axum::middleware::from_fn_with_state(world.clone(), date))
        .layer(axum::middleware::from_fn_with_state(world.clone(), changed))
        .layer(axum::middleware::from_fn_with_state(
            world.clone(),
            guard::layer,
        ))
        .with_state(world)
}

/// Every answer's `Date` (RFC 9110 §6.6.1: an origin server with a clock sends it) on the
/// practice world's clock, so a moved clock ([`crate::SandboxHandle::advance_clock`]) shows there
/// too.
async fn date(
    axum::extract::State(world): axum::extract::State<Arc<World>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut resp = next.run(req).await;
    let now = std::time::SystemTime::from(world.wall_now());
    if let Ok(v) = axum::http::HeaderValue::from_str(&httpdate::fmt_http_date(now)) {
        resp.headers_mut().insert(axum::http::header::DATE, v);
    }
    resp
}

/// Every answered request may have changed the world (a sign-in, a token, a connection): a
/// persistent world saves soon after (`crate::snapshot`).
async fn changed(
    axum::extract::State(world): axum::extract::State<Arc<World>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let resp = next.run(req).await;
    world.changed();
    resp
}

/// Serves `app` on `listener` until `shutdown` turns true; then every open connection is closed.
pub(crate) async fn serve(listener: TcpListener, app: Router, shutdown: watch::Receiver<bool>) {
    let mut stop = shutdown.clone();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            _ = stop.wait_for(|s| *s) => break,
        };
        let Ok(slot) = slot else { break };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.wait_for(|s| *s) => break,
        };
        let Ok((stream, _)) = accepted else { continue };
        let app = app.clone();
        let mut stop = shutdown.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let notify = Arc::new(Notify::new());
            #[cfg(feature = "faults")]
            let signal = DropConnection(notify.clone());
            let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                #[cfg(feature = "faults")]
                let req = {
                    let mut req = req;
                    req.extensions_mut().insert(signal.clone());
                    req
                };
                let mut app = app.clone();
                app.call(req)
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = conn => {}
                _ = notify.notified() => {}
                _ = stop.wait_for(|s| *s) => {}
            }
        });
    }
}
