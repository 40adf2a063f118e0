//! BigCommerce's per-store rate limit: a fixed window (30 s by default) with a request quota.
//!
//! Headers on every authenticated API answer: `X-Rate-Limit-Requests-Left`,
//! `X-Rate-Limit-Time-Reset-Ms` (until the window resets), `X-Rate-Limit-Requests-Quota`,
//! `X-Rate-Limit-Time-Window-Ms`. Past the quota: 429 with the same headers and `X-Retry-After`
//! (whole seconds until the quota refreshes; BigCommerce docs, `docs/start/about/index.mdx`,
//! "BigCommerce-specific response headers").

use axum::http::HeaderValue;
use axum::response::Response;
use std::time::{Duration, Instant};

/// One store's current window.
pub(crate) struct Window {
    started: Instant,
    used: u32,
}

/// What the limiter decided for one request.
pub(crate) struct Decision {
    pub(crate) allowed: bool,
    pub(crate) left: u32,
    pub(crate) reset_ms: u64,
}

/// Counts one request for a store in `windows`.
pub(crate) fn hit(
    windows: &mut std::collections::HashMap<String, Window>,
    store: &str,
    now: Instant,
    quota: u32,
    length: Duration,
) -> Decision {
    let w = windows.entry(store.to_owned()).or_insert(Window {
        started: now,
        used: 0,
    });
    if now.duration_since(w.started) >= length {
        w.started = now;
        w.used = 0;
    }
    let reset_ms = length
        .saturating_sub(now.duration_since(w.started))
        .as_millis() as u64;
    if w.used >= quota {
        return Decision {
            allowed: false,
            left: 0,
            reset_ms,
        };
    }
    w.used += 1;
    Decision {
        allowed: true,
        left: quota - w.used,
        reset_ms,
    }
}

/// Writes the four `X-Rate-Limit-*` headers.
pub fn put_headers(resp: &mut Response, left: u32, reset_ms: u64, quota: u32, window_ms: u128) {
    let h = resp.headers_mut();
    h.insert("x-rate-limit-requests-left", HeaderValue::from(left));
    h.insert("x-rate-limit-time-reset-ms", HeaderValue::from(reset_ms));
    h.insert("x-rate-limit-requests-quota", HeaderValue::from(quota));
    let window = u64::try_from(window_ms).unwrap_or(u64::MAX);
    h.insert("x-rate-limit-time-window-ms", HeaderValue::from(window));
}

/// Writes `X-Retry-After`: the seconds until the window resets, rounded up.
pub fn put_retry_after(resp: &mut Response, reset_ms: u64) {
    resp.headers_mut()
        .insert("x-retry-after", HeaderValue::from(reset_ms.div_ceil(1000)));
}
