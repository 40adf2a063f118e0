//! Who the sandbox answers: requests for its own address, and no writes from other sites.
//!
//! The app's practice mode runs this server on 127.0.0.1 while the user's browser is open. A
//! page of any site could otherwise reach it: by DNS rebinding (the site's own name made to
//! resolve to 127.0.0.1, so the browser treats the answers as that site's and lets its scripts
//! read them — the request then carries that site's name in `Host`), or by a plain cross-site
//! form `POST`, which browsers send without asking first. So:
//!
//! - a request whose `Host` (and absolute-form target, if any) is not exactly the sandbox's own
//!   `127.0.0.1:{port}` gets `421 Misdirected Request` (RFC 9110 §15.5.20) and nothing else;
//! - a request that may change something (not `GET`, `HEAD` or `OPTIONS`) coming from another
//!   origin — its `Origin` is not the sandbox's own, or it has none but the browser says
//!   `Sec-Fetch-Site: cross-site`/`same-site` (another port of 127.0.0.1 is the same site) —
//!   gets `403`. Programs (the core, the robot, curl) send neither header and pass; the
//!   sandbox's own pages post to their own origin.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::World;

/// The middleware (outermost, before faults are injected).
pub(crate) async fn layer(State(world): State<Arc<World>>, req: Request, next: Next) -> Response {
    let own_origin = world.base_url.as_str();
    let own_host = own_origin.trim_start_matches("http://");
    let host = req.headers().get(header::HOST).map(|h| h.as_bytes());
    let target = req.uri().authority().map(|a| a.as_str());
    if host != Some(own_host.as_bytes()) || target.is_some_and(|t| t != own_host) {
        tracing::info!("request for another host refused (421)");
        return (StatusCode::MISDIRECTED_REQUEST, "Misdirected request").into_response();
    }
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && from_another_site(&req, own_origin) {
        tracing::info!(method = %req.method(), "write from another site refused (403)");
        return (StatusCode::FORBIDDEN, "Forbidden").into_response();
    }
    next.run(req).await
}

fn from_another_site(req: &Request, own_origin: &str) -> bool {
    if let Some(origin) = req.headers().get(header::ORIGIN) {
        return origin.as_bytes() != own_origin.as_bytes();
    }
    matches!(
        req.headers().get("sec-fetch-site").map(|v| v.as_bytes()),
        Some(b"cross-site" | b"same-site")
    )
}
