//! BigCommerce rate limits: `X-Rate-Limit-Requests-Left` and `X-Rate-Limit-Time-Reset-Ms`.
//!
//! When a response says no requests are left, the next request waits for the reset. A 429
//! waits for the announced reset (bounded); a 429 without the headers backs off exponentially
//! (the caller's [`crate::http::RetryPolicy`]).

use std::sync::Mutex;
use std::time::Duration;

use reqwest::header::HeaderMap;
use tokio::time::Instant;

/// Header: requests left in the current window.
pub const REQUESTS_LEFT: &str = "x-rate-limit-requests-left";
/// Header: milliseconds until the window resets.
pub const TIME_RESET_MS: &str = "x-rate-limit-time-reset-ms";

/// Milliseconds until the window resets, if announced.
pub fn reset_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(TIME_RESET_MS)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_millis)
}

/// Requests left in the window, if announced.
pub fn requests_left(headers: &HeaderMap) -> Option<u64> {
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
pub struct RateLimiter {
    not_before: Mutex<Option<Instant>>,
}

impl RateLimiter {
    /// Wait, if the last response said the window is used up (at most `max`).
    pub async fn wait_turn(&self, max: Duration) {
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
    pub fn observe(&self, headers: &HeaderMap) {
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
