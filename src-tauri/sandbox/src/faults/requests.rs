//! The request-level faults, applied by a middleware before a request reaches its handler.

use super::{covers, Area, Fault};
use crate::server::DropConnection;
use crate::World;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;

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
