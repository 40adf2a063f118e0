//! BigCommerce rate limits: `X-Rate-Limit-Requests-Left`, `X-Rate-Limit-Time-Reset-Ms` and, on
//! a 429, `X-Retry-After` (seconds) — BigCommerce docs, repository bigcommerce/docs at 24f580ca,
//! `docs/start/about/index.mdx` ("BigCommerce-specific response headers").
//!
//! When a response says no requests are left, the next request waits for the reset. A 429
//! waits for the announced wait (bounded): the longer of `X-Retry-After` and
//! `X-Rate-Limit-Time-Reset-Ms` when both are there (`docs/start/migration/4_errors.md`, "Status
//! code 429"); a 429 with neither backs off exponentially (the caller's
//! [`crate::http::RetryPolicy`]).

use std::sync::Mutex;
use std::time::Duration;

use reqwest::header::HeaderMap;
use tokio::time::Instant;

/// Header: requests left in the current window.
pub(crate) const REQUESTS_LEFT: &str = "x-rate-limit-requests-left";
/// Header: milliseconds until the window resets.
pub(crate) const TIME_RESET_MS: &str = "x-rate-limit-time-reset-ms";
/// Header of a 429: seconds until the quota refreshes.
pub(crate) const RETRY_AFTER: &str = "x-retry-after";

/// Milliseconds until the window resets, if announced.
pub(crate) fn reset_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(TIME_RESET_MS)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_millis)
}

/// `X-Retry-After` (whole seconds), if announced.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// How long a 429 asks to wait: the longer of `X-Retry-After` and `X-Rate-Limit-Time-Reset-Ms`
/// (either alone when only one is there); `None` when neither is.
pub(crate) fn wait_after_429(headers: &HeaderMap) -> Option<Duration> {
    match (retry_after(headers), reset_after(headers)) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Requests left in the window, if announced.
pub(crate) fn requests_left(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(REQUESTS_LEFT)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
}

/// Remembers when the window resets once it is used up, shared by clones of a client.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    not_before: Mutex<Option<Instant>>,
}

impl RateLimiter {
    /// Wait, if the last response said the window is used up (at most `max`).
    pub(crate) async fn wait_turn(&self, max: Duration) {
        let until = self.not_before.lock().ok().and_then(|g| *g);
        if let Some(until) = until {
            let now = Instant::now();
            if until > now {
                let wait = (until - now).min(max);
                tracing::debug!(
                    wait_ms = wait.as_millis() as u64,
                    "BigCommerce rate limit: waiting for the reset"
                );
                tokio::time::sleep(wait).await;
            }
        }
    }

    /// Learn from a response's headers.
    pub(crate) fn observe(&self, headers: &HeaderMap) {
        let left = requests_left(headers);
        let reset = reset_after(headers);
        if let Ok(mut g) = self.not_before.lock() {
            *g = match (left, reset) {
                (Some(0), Some(reset)) => Some(Instant::now() + reset),
                _ => None,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn reads_headers() {
        let mut h = HeaderMap::new();
        assert_eq!(reset_after(&h), None);
        h.insert(TIME_RESET_MS, HeaderValue::from_static("1500"));
        h.insert(REQUESTS_LEFT, HeaderValue::from_static("0"));
        assert_eq!(reset_after(&h), Some(Duration::from_millis(1500)));
        assert_eq!(requests_left(&h), Some(0));
        h.insert(TIME_RESET_MS, HeaderValue::from_static("soon"));
        assert_eq!(reset_after(&h), None);
    }

    #[test]
    fn a_429_waits_the_longer_of_both_headers() {
        let mut h = HeaderMap::new();
        assert_eq!(wait_after_429(&h), None);
        h.insert(TIME_RESET_MS, HeaderValue::from_static("1500"));
        assert_eq!(wait_after_429(&h), Some(Duration::from_millis(1500)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(wait_after_429(&h), Some(Duration::from_secs(3)));
        h.insert(TIME_RESET_MS, HeaderValue::from_static("4500"));
        assert_eq!(wait_after_429(&h), Some(Duration::from_millis(4500)));
        h.remove(TIME_RESET_MS);
        assert_eq!(wait_after_429(&h), Some(Duration::from_secs(3)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("1.5"));
        assert_eq!(wait_after_429(&h), None, "whole seconds only");
    }

    #[tokio::test(start_paused = true)]
    async fn waits_when_used_up() {
        let l = RateLimiter::default();
        let mut h = HeaderMap::new();
        h.insert(TIME_RESET_MS, HeaderValue::from_static("3000"));
        h.insert(REQUESTS_LEFT, HeaderValue::from_static("0"));
        l.observe(&h);
        let t = Instant::now();
        l.wait_turn(Duration::from_secs(60)).await;
        assert!(t.elapsed() >= Duration::from_millis(2999));
        h.insert(REQUESTS_LEFT, HeaderValue::from_static("5"));
        l.observe(&h);
        let t = Instant::now();
        l.wait_turn(Duration::from_secs(60)).await;
        assert!(t.elapsed() < Duration::from_millis(1));
    }
}
