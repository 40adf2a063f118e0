//! Faults on demand: one serde enum shared by the Rust API and the `/__sandbox/faults` control API.
//!
//! A fault is switched on with an optional `count` ("the next N matching requests/events"); without
//! a count it stays until cleared. Request-level faults (latency, 5xx, 429, 530, dropped connection,
//! endless body, slow body) are applied by `layer` before a request reaches its handler; behaviour
//! faults
//! (consent denied, wrong/missing state, revoked token, refresh-token and lifecycle faults) are
//! consumed by the handler they affect.

use crate::util::random_token;
use crate::World;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

/// Request extension the server puts on every request: firing it makes the server drop the
/// connection the request came on (the dropped-connection fault).
#[derive(Clone)]
pub(crate) struct DropConnection(pub(crate) Arc<tokio::sync::Notify>);

impl DropConnection {
    pub(crate) fn fire(&self) {
        self.0.notify_one();
    }
}

/// The part of the sandbox a fault targets, by URL prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    /// `{base}/bc-login/…` (login.bigcommerce.com).
    BcLogin,
    /// `{base}/bc-api/…` (api.bigcommerce.com).
    BcApi,
    /// `{base}/core1/…` (every workspace).
    Core1,
    /// `{base}/connector/…` (Actindo's connector app).
    Connector,
}

impl Area {
    /// The area a request path belongs to; `None` for the control API and strays.
    pub fn of_path(path: &str) -> Option<Self> {
        let first = path.trim_start_matches('/').split('/').next()?;
        match first {
            "bc-login" => Some(Self::BcLogin),
            "bc-api" => Some(Self::BcApi),
            "core1" => Some(Self::Core1),
            "connector" => Some(Self::Connector),
            _ => None,
        }
    }
}

/// A fault the sandbox can inject. `area: None` means every area; `workspace: None` every workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Fault {
    /// Delay each matching request by `ms` before handling it.
    Latency {
        ms: u64,
        #[serde(default)]
        area: Option<Area>,
    },
    /// Answer matching requests with HTTP `status` (a 5xx) and no real handling.
    ServerError {
        #[serde(default = "default_5xx")]
        status: u16,
        #[serde(default)]
        area: Option<Area>,
        /// Only requests whose path contains this (e.g. `/oauth2/token`).
        #[serde(default)]
        path_contains: Option<String>,
    },
    /// Answer matching requests with 429, with or without the `X-Rate-Limit-*` headers.
    TooManyRequests {
        #[serde(default)]
        area: Option<Area>,
        with_headers: bool,
        /// `X-Rate-Limit-Time-Reset-Ms` to announce when `with_headers`.
        #[serde(default = "default_reset_ms")]
        reset_ms: u64,
        /// `X-Retry-After` (seconds) to announce, if any.
        #[serde(default)]
        retry_after_s: Option<u64>,
    },
    /// The workspace is "frozen": HTTP 530 on all its endpoints (same as [`crate::SandboxHandle::freeze`]).
    Frozen { workspace: String },
    /// Close the TCP connection without sending any response.
    DropConnection {
        #[serde(default)]
        area: Option<Area>,
        #[serde(default)]
        path_contains: Option<String>,
    },
    /// Trickle the response body: `chunk_bytes` every `chunk_delay_ms`.
    SlowBody {
        #[serde(default)]
        area: Option<Area>,
        #[serde(default = "default_chunk_delay")]
        chunk_delay_ms: u64,
        #[serde(default = "default_chunk_bytes")]
        chunk_bytes: usize,
    },
    /// A hostile or broken server: HTTP 200 (`application/json`) whose body never ends —
    /// `chunk_bytes` every `chunk_delay_ms`, until the client hangs up. With `declared_length`
    /// a `Content-Length` of that many bytes is announced first (`chunk_bytes: 0` then sends
    /// headers only, so a client that reads the body waits until its timeout). Paced, so a
    /// client without a size limit grows by at most ~64 MB per second instead of exhausting
    /// the machine's memory at loopback speed.
    EndlessBody {
        #[serde(default)]
        area: Option<Area>,
        #[serde(default)]
        path_contains: Option<String>,
        #[serde(default)]
        declared_length: Option<u64>,
        #[serde(default = "default_endless_chunk")]
        chunk_bytes: usize,
        #[serde(default = "default_endless_delay")]
        chunk_delay_ms: u64,
    },
    /// Confirm on a consent page behaves as Cancel (`error=access_denied`).
    ConsentDenied {
        #[serde(default)]
        area: Option<Area>,
    },
    /// The redirect after consent carries a `state` different from the one sent.
    WrongState {
        #[serde(default)]
        area: Option<Area>,
    },
    /// The redirect after consent carries no `state`.
    MissingState {
        #[serde(default)]
        area: Option<Area>,
    },
    /// The BigCommerce API treats every token (of `store_hash`, or all) as revoked: 401.
    RevokedBcToken {
        #[serde(default)]
        store_hash: Option<String>,
    },
    /// Core1's refresh grant answers `invalid_grant` (refresh token expired).
    ExpiredRefreshToken {
        #[serde(default)]
        workspace: Option<String>,
    },
    /// Core1's refresh grant answers `invalid_grant` as if the token had been used already.
    ReplayedRefreshToken {
        #[serde(default)]
        workspace: Option<String>,
    },
    /// A connection run started while this is on fails at half of its initial sync
    /// (`phase: failed`, `lastError.code: sync_failed`).
    SyncFailsHalfway {
        #[serde(default)]
        workspace: Option<String>,
    },
    /// A connection run started while this is on synchronizes all but `products` of the store's
    /// products (and as many variants): Core1's statistics fall short of the store's counts until
    /// a later run (Synchronize now) without the fault.
    ProductsLeftBehind {
        #[serde(default)]
        workspace: Option<String>,
        products: u32,
    },
    /// A connection run started while this is on finds its BigCommerce credentials rejected
    /// (`credentials_rejected`) without asking BigCommerce.
    CredentialsRejected {
        #[serde(default)]
        workspace: Option<String>,
    },
    /// The workspace (or every one) lacks the BigCommerce driver, as if nobody had installed it
    /// from the Actindo Appstore: `getSetupStatus` reports no driver, `create` and the
    /// connector's START SETUP are refused. Stays until cleared (Actindo's connector page: "make
    /// sure you have installed the BigCommerce driver from the Actindo Appstore").
    DriverMissing {
        #[serde(default)]
        workspace: Option<String>,
    },
}

fn default_5xx() -> u16 {
    500
}
fn default_reset_ms() -> u64 {
    1000
}
fn default_chunk_delay() -> u64 {
    50
}
fn default_chunk_bytes() -> usize {
    16
}
fn default_endless_chunk() -> usize {
    64 * 1024
}
fn default_endless_delay() -> u64 {
    1
}

/// A fault as switched on, with how many more times it fires (`None` = until cleared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultRule {
    pub id: u64,
    pub fault: Fault,
    pub remaining: Option<u32>,
}

/// Body of `POST /__sandbox/faults`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetFault {
    pub fault: Fault,
    #[serde(default)]
    pub count: Option<u32>,
}

/// The switched-on faults.
#[derive(Debug, Default)]
pub(crate) struct FaultSet {
    rules: Vec<FaultRule>,
    next_id: u64,
}

impl FaultSet {
    pub(crate) fn add(&mut self, fault: Fault, count: Option<u32>) -> u64 {
        self.next_id += 1;
        let id = self.next_id;
        if count != Some(0) {
            self.rules.push(FaultRule {
                id,
                fault,
                remaining: count,
            });
        }
        id
    }

    pub(crate) fn list(&self) -> Vec<FaultRule> {
        self.rules.clone()
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    pub(crate) fn remove_id(&mut self, id: u64) -> bool {
        let before = self.rules.len();
        self.rules.retain(|r| r.id != id);
        before != self.rules.len()
    }

    pub(crate) fn remove_where(&mut self, pred: impl Fn(&Fault) -> bool) {
        self.rules.retain(|r| !pred(&r.fault));
    }

    /// Fires the first rule matching `pred`: returns its fault and counts it down.
    pub(crate) fn take(&mut self, pred: impl Fn(&Fault) -> bool) -> Option<Fault> {
        let idx = self.rules.iter().position(|r| pred(&r.fault))?;
        let rule = &mut self.rules[idx];
        let fault = rule.fault.clone();
        if let Some(n) = rule.remaining.as_mut() {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.rules.remove(idx);
            }
        }
        Some(fault)
    }
}

/// Whether an optional area filter covers `area`.
pub(crate) fn covers(filter: Option<Area>, area: Area) -> bool {
    filter.is_none_or(|f| f == area)
}

/// Whether an optional name filter covers `name`.
/// The redirect `state` after the wrong/missing-state faults.
pub(crate) fn faulted_state(world: &World, area: Area, state: Option<String>) -> Option<String> {
    if world
        .take_fault(|f| matches!(f, Fault::MissingState { area: a } if covers(*a, area)))
        .is_some()
    {
        return None;
    }
    if world
        .take_fault(|f| matches!(f, Fault::WrongState { area: a } if covers(*a, area)))
        .is_some()
    {
        return Some(format!("wrong-{}", random_token(16)));
    }
    state
}

pub(crate) fn names(filter: &Option<String>, name: &str) -> bool {
    filter.as_deref().is_none_or(|f| f == name)
}

/// The workspace name of a `/core1/{name}/…` path.
pub(crate) fn workspace_of(path: &str) -> Option<&str> {
    path.strip_prefix("/core1/")?.split('/').next()
}

/// Middleware applying the request-level faults, in order: 530, latency, drop, 5xx, 429, endless
/// body, slow body.
pub(crate) async fn layer(State(world): State<Arc<World>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let Some(area) = Area::of_path(&path) else {
        return next.run(req).await;
    };
    tracing::info!(method = %req.method(), path = %path, "request");
    let ws = workspace_of(&path)
        .filter(|w| world.config.has_workspace(w))
        .map(str::to_owned);
    if let Some(ws) = ws.as_deref() {
        if world
            .take_fault(|f| matches!(f, Fault::Frozen { workspace } if workspace == ws))
            .is_some()
        {
            return frozen_response();
        }
    }
    if let Some(Fault::Latency { ms, .. }) =
        world.take_fault(|f| matches!(f, Fault::Latency { area: a, .. } if covers(*a, area)))
    {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let path_matches = |p: &Option<String>| p.as_deref().is_none_or(|p| path.contains(p));
    if world
        .take_fault(|f| matches!(f, Fault::DropConnection { area: a, path_contains } if covers(*a, area) && path_matches(path_contains)))
        .is_some()
    {
        if let Some(signal) = req.extensions().get::<DropConnection>() {
            signal.fire();
        }
        // The connection is dropped by the server loop; never answer.
        return std::future::pending().await;
    }
    if let Some(Fault::ServerError { status, .. }) = world.take_fault(|f| {
        matches!(f, Fault::ServerError { area: a, path_contains, .. } if covers(*a, area) && path_matches(path_contains))
    }) {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return (status, format!("{status} (injected by the sandbox)")).into_response();
    }
    if let Some(Fault::TooManyRequests {
        with_headers,
        reset_ms,
        retry_after_s,
        ..
    }) = world
        .take_fault(|f| matches!(f, Fault::TooManyRequests { area: a, .. } if covers(*a, area)))
    {
        let mut resp = (StatusCode::TOO_MANY_REQUESTS, "Too many requests").into_response();
        if with_headers {
            let quota = world.config.bigcommerce.rate_limit_quota;
            let window = world.config.bigcommerce.rate_limit_window.as_millis();
            crate::bigcommerce::ratelimit::put_headers(&mut resp, 0, reset_ms, quota, window);
        }
        if let Some(secs) = retry_after_s {
            resp.headers_mut()
                .insert("x-retry-after", HeaderValue::from(secs));
        }
        return resp;
    }
    if let Some(Fault::EndlessBody {
        declared_length,
        chunk_bytes,
        chunk_delay_ms,
        ..
    }) = world.take_fault(|f| {
        matches!(f, Fault::EndlessBody { area: a, path_contains, .. } if covers(*a, area) && path_matches(path_contains))
    }) {
        return endless(
            declared_length,
            chunk_bytes,
            Duration::from_millis(chunk_delay_ms),
        );
    }
    let slow =
        world.take_fault(|f| matches!(f, Fault::SlowBody { area: a, .. } if covers(*a, area)));
    let resp = next.run(req).await;
    match slow {
        Some(Fault::SlowBody {
            chunk_delay_ms,
            chunk_bytes,
            ..
        }) => trickle(resp, Duration::from_millis(chunk_delay_ms), chunk_bytes).await,
        _ => resp,
    }
}

/// HTTP 530 "site frozen", as Core1 answers during maintenance.
pub(crate) fn frozen_response() -> Response {
    let status = StatusCode::from_u16(530).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let mut resp = (
        status,
        "<!doctype html><title>Site frozen</title><h1>Practice Core1: site frozen</h1>\
         <p>This workspace is in maintenance. Please try again later.</p>",
    )
        .into_response();
    resp.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    resp
}

/// HTTP 200 with a JSON-looking body that never ends (see [`Fault::EndlessBody`]).
fn endless(declared_length: Option<u64>, chunk: usize, delay: Duration) -> Response {
    let filler = axum::body::Bytes::from(vec![b'x'; chunk]);
    let head = futures_util::stream::once(async {
        Ok::<_, std::io::Error>(axum::body::Bytes::from_static(b"{\"data\":\""))
    });
    let rest = futures_util::stream::unfold(filler, move |filler| async move {
        if filler.is_empty() {
            // Headers only: never a byte of body.
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(delay).await;
        Some((Ok(filler.clone()), filler))
    });
    let body = if chunk == 0 {
        Body::from_stream(rest)
    } else {
        Body::from_stream(futures_util::StreamExt::chain(head, rest))
    };
    let mut resp = Response::new(body);
    let h = resp.headers_mut();
    h.insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Some(n) = declared_length {
        h.insert(axum::http::header::CONTENT_LENGTH, HeaderValue::from(n));
    }
    resp
}

/// Re-sends `resp`'s body in small chunks with a pause before each.
async fn trickle(resp: Response, delay: Duration, chunk: usize) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "body error").into_response(),
    };
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let chunks: Vec<axum::body::Bytes> = bytes
        .chunks(chunk.max(1))
        .map(axum::body::Bytes::copy_from_slice)
        .collect();
    let stream = futures_util::stream::unfold(chunks.into_iter(), move |mut it| async move {
        let next = it.next()?;
        tokio::time::sleep(delay).await;
        Some((Ok::<_, std::io::Error>(next), it))
    });
    Response::from_parts(parts, Body::from_stream(stream))
}
