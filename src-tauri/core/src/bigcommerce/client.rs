//! The BigCommerce store API client: store info and token check, with rate limits and safe
//! retries. Statuses as BigCommerce documents them (repository bigcommerce/docs at 24f580ca:
//! `docs/start/about/status-codes.mdx`, `docs/start/migration/4_errors.md`):
//!
//! - GETs are idempotent, so transient server errors (500, 502, 503, 504, …) and timeouts are
//!   retried with exponential backoff (bounded by the [`RetryPolicy`]). **501 and 505 are not
//!   retried**: "persistent and should be logged and investigated rather than retried" →
//!   [`Error::BigCommerceRequestUnsupported`]. The only writes are the access probes of
//!   [`super::scopes`]: sent once.
//! - 429 waits for the longer of `X-Retry-After` and `X-Rate-Limit-Time-Reset-Ms` (bounded;
//!   [`ratelimit::wait_after_429`]); without either, exponential backoff.
//! - 401 → [`Error::BigCommerceTokenInvalid`], 403 → [`Error::BigCommerceScopeMissing`],
//!   404 → [`Error::BigCommerceStoreNotFound`]. A 403 on the first call, the store check
//!   ([`BigCommerceClient::check_token`]), is [`Error::BigCommerceStoreRefused`]: besides a
//!   missing scope it can mean "URL requested is incorrect … Are the endpoint and store hash
//!   correct?" (status-codes.mdx, Troubleshooting), i.e. a key of another store.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

use super::ratelimit::{self, RateLimiter};
use super::scopes::{self, ScopeSpec};
use super::{StoreHash, StoreInfo};
use crate::error::{Error, Result};
use crate::http::{describe, read_body, transport_error, RetryPolicy};
use crate::profile::{profile_url, Profile};
use crate::secret_string::SecretString;

/// A client for one store with one access token. Cheap to clone; clones share the rate limit.
#[derive(Clone)]
pub struct BigCommerceClient {
    http: reqwest::Client,
    api_url: String,
    store_hash: StoreHash,
    token: SecretString,
    retry: RetryPolicy,
    limiter: Arc<RateLimiter>,
}

impl std::fmt::Debug for BigCommerceClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BigCommerceClient")
            .field("api_url", &self.api_url)
            .field("store_hash", &self.store_hash)
            .finish_non_exhaustive()
    }
}

impl BigCommerceClient {
    /// A client for `store_hash` with `token`, against the profile's API host.
    pub fn new(
        http: reqwest::Client,
        profile: &Profile,
        store_hash: StoreHash,
        token: SecretString,
    ) -> Self {
        BigCommerceClient {
            http,
            api_url: profile.bigcommerce.api_url.trim_end_matches('/').to_owned(),
            store_hash,
            token,
            retry: RetryPolicy::default(),
            limiter: Arc::default(),
        }
    }

    /// The same client with another retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// `GET /v2/store`.
    pub async fn store_info(&self) -> Result<StoreInfo> {
        self.get_json("v2/store").await
    }

    /// Check that the token is valid and may read the store: `GET /v2/store`. A 403 here is
    /// [`Error::BigCommerceStoreRefused`] (a missing scope or another store's key; module doc).
    pub async fn check_token(&self) -> Result<StoreInfo> {
        match self.store_info().await {
            Err(Error::BigCommerceScopeMissing) => Err(Error::BigCommerceStoreRefused),
            other => other,
        }
    }

    /// `GET /v2/time`: the store's clock (Unix seconds).
    pub async fn server_time(&self) -> Result<i64> {
        #[derive(serde::Deserialize)]
        struct Time {
            time: i64,
        }
        Ok(self.get_json::<Time>("v2/time").await?.time)
    }

    /// `GET {api}/stores/{hash}/{path}` as JSON, with rate limits and retries.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        match self.send(reqwest::Method::GET, path, None).await? {
            Answer::Ok(body) => decode_json(path, &body),
            Answer::Refused(403) => Err(Error::BigCommerceScopeMissing),
            Answer::Refused(status) => Err(Error::BigCommerceBadResponse {
                detail: format!("{path}: HTTP {status}"),
            }),
        }
    }

    /// Checks every access the connector needs (the probes of [`scopes::REQUIRED_SCOPES`]) and
    /// returns the ones the token lacks — never changing the store. A 403 means missing; any
    /// other answer (the write probes' 400/422, or 200 for the empty listing) means granted.
    pub(crate) async fn missing_access(&self) -> Result<Vec<&'static ScopeSpec>> {
        let mut missing = Vec::new();
        for spec in scopes::REQUIRED_SCOPES {
            let read = self
                .send(reqwest::Method::GET, spec.read_probe, None)
                .await?;
            let granted = match read {
                Answer::Refused(403) => false,
                _ => match spec.write_probe {
                    None => true,
                    Some(w) => {
                        let method = reqwest::Method::from_bytes(w.method.as_bytes())
                            .map_err(|_| Error::internal("write probe method"))?;
                        !matches!(
                            self.send(method, w.path, Some(w.body)).await?,
                            Answer::Refused(403)
                        )
                    }
                },
            };
            if !granted {
                tracing::info!(scope = spec.scope, "BigCommerce access missing");
                missing.push(spec);
            }
        }
        Ok(missing)
    }

    /// One request with the rate limiter; GETs retried on transport and server errors.
    /// 401, 404 and exhausted retries are errors; other 4xx come back as [`Answer::Refused`].
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&'static str>,
    ) -> Result<Answer> {
        let url = profile_url(&format!(
            "{}/stores/{}/{}",
            self.api_url,
            self.store_hash,
            path.trim_start_matches('/')
        ))?;
        let retry_errors = method == reqwest::Method::GET;
        let policy = self.retry;
        let mut failures = 0u32;
        let mut limited = 0u32;
        loop {
            self.limiter.wait_turn(policy.max_rate_limit_wait).await;
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .header("X-Auth-Token", self.token.expose())
                .header(reqwest::header::ACCEPT, "application/json");
            if let Some(body) = body {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body);
            }
            let response = match request.send().await {
                Ok(r) => r,
                Err(e) => {
                    failures += 1;
                    tracing::info!(
                        path,
                        error = describe(&e),
                        attempt = failures,
                        "BigCommerce request failed"
                    );
                    let error = transport_error(&e, Error::BigCommerceUnreachable);
                    if !error.is_transient() || !retry_errors || failures >= policy.max_attempts {
                        return Err(error);
                    }
                    tokio::time::sleep(policy.backoff(failures - 1)).await;
                    continue;
                }
            };
            self.limiter.observe(response.headers());
            let status = response.status().as_u16();
            match status {
                200..=299 => {
                    return read_body(response).await.map(Answer::Ok).map_err(|e| {
                        e.into_error("BigCommerce", |why| Error::BigCommerceBadResponse {
                            detail: format!("{path}: {why}"),
                        })
                    })
                }
                401 => return Err(Error::BigCommerceTokenInvalid),
                404 => return Err(Error::BigCommerceStoreNotFound),
                429 => {
                    limited += 1;
                    if limited >= policy.max_attempts {
                        return Err(Error::BigCommerceRateLimited);
                    }
                    let wait = match ratelimit::wait_after_429(response.headers()) {
                        Some(announced) => announced.min(policy.max_rate_limit_wait),
                        None => policy.backoff(limited - 1),
                    };
                    tracing::info!(
                        path,
                        wait_ms = wait.as_millis() as u64,
                        "BigCommerce rate limit (429): waiting"
                    );
                    tokio::time::sleep(wait).await;
                }
                400..=499 => return Ok(Answer::Refused(status)),
                501 | 505 => {
                    tracing::info!(
                        path,
                        status,
                        "BigCommerce: persistent server error, not retried"
                    );
                    return Err(Error::BigCommerceRequestUnsupported { status });
                }
                500..=599 => {
                    failures += 1;
                    tracing::info!(path, status, attempt = failures, "BigCommerce server error");
                    if !retry_errors || failures >= policy.max_attempts {
                        return Err(Error::BigCommerceUnavailable { status });
                    }
                    tokio::time::sleep(policy.backoff(failures - 1)).await;
                }
                _ => {
                    return Err(Error::BigCommerceBadResponse {
                        detail: format!("{path}: HTTP {status}"),
                    })
                }
            }
        }
    }
}

/// How BigCommerce answered a request that did not fail outright.
enum Answer {
    /// The body, wiped from memory when dropped (it may echo secrets).
    Ok(Zeroizing<Vec<u8>>),
    /// A 4xx other than 401, 404 and 429.
    Refused(u16),
}

/// Decode the 2xx body of `GET …/{path}` into `T`, or [`Error::BigCommerceBadResponse`].
/// No I/O (fuzzed in `src-tauri/core/fuzz`).
pub(crate) fn decode_json<T: DeserializeOwned>(path: &str, body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| Error::BigCommerceBadResponse {
        detail: format!("{path}: {}", crate::error::json_problem(&e)),
    })
}
