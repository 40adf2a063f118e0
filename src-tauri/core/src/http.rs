//! The one HTTP client builder, and the retry/backoff policy shared by the clients.
//!
//! Every client:
//! - has a connect timeout and a total timeout per request;
//! - follows **no redirects** (token endpoints must never be redirected; for API calls a
//!   redirect is an answer we report, not follow);
//! - uses rustls, verifying servers against the operating system's trust store ([`trust`]);
//! - honours the usual proxy variables (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`,
//!   upper or lower case), or when none is set the system's proxy settings on Windows and
//!   macOS ([`system_proxy`]), but **never** proxies loopback addresses (the sandbox, the
//!   callback) or `localhost` names.
//!
//! A request that fails because the certificate is not trusted here, or because the proxy wants
//! a password, gets its own error rather than "unreachable" ([`failure`]).
//!
//! Every response body is read through [`read_body`], which stops at [`MAX_BODY_BYTES`]: a
//! hostile or broken server cannot make the wizard buffer more than that.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration;

use url::Url;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Timeouts of a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpConfig {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// Build the HTTP client: proxies from the process environment, else from the system's
/// settings.
pub fn client(config: &HttpConfig) -> Result<reqwest::Client> {
    let env = ProxyEnv::from_process();
    let system = if env.is_empty() {
        system_proxy::SystemProxy::read()
    } else {
        None
    };
    build(config, env, system)
}

/// Build the HTTP client with exactly the given proxy settings (nothing from the system's).
#[cfg(feature = "test-support")]
pub fn client_with_env(config: &HttpConfig, env: ProxyEnv) -> Result<reqwest::Client> {
    build(config, env, None)
}

fn build(
    config: &HttpConfig,
    env: ProxyEnv,
    system: Option<system_proxy::SystemProxy>,
) -> Result<reqwest::Client> {
    let (tls, source) = trust::client_config()?;
    tracing::debug!(?source, "TLS trust store");
    reqwest::Client::builder()
        .use_preconfigured_tls(tls)
        .connect_timeout(config.connect_timeout)
        .timeout(config.request_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!(
            "core1-bigcommerce-setup/",
            env!("CARGO_PKG_VERSION")
        ))
        .no_proxy()
        .proxy(reqwest::Proxy::custom(move |url| {
            if env.is_empty() {
                system.as_ref().and_then(|s| s.proxy_for(url))
            } else {
                env.proxy_for(url)
            }
        }))
        .build()
        .map_err(|e| Error::internal(format!("HTTP client: {e}")))
}

/// Proxy settings read from the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyEnv {
    pub https: Option<Url>,
    pub http: Option<Url>,
    pub all: Option<Url>,
    /// `NO_PROXY` entries, lower case.
    pub no_proxy: Vec<String>,
}

impl ProxyEnv {
    /// Read `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY` (either case).
    pub(crate) fn from_process() -> Self {
        let vars: HashMap<String, String> = std::env::vars().collect();
        Self::from_vars(&vars)
    }

    /// Read the proxy settings from a map of variables.
    pub fn from_vars(vars: &HashMap<String, String>) -> Self {
        let get = |name: &str| {
            vars.get(&name.to_ascii_lowercase())
                .or_else(|| vars.get(name))
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        let url = |name: &str| {
            get(name).and_then(|s| {
                if s.contains("://") {
                    Url::parse(&s).ok()
                } else {
                    Url::parse(&format!("http://{s}")).ok()
                }
            })
        };
        ProxyEnv {
            https: url("HTTPS_PROXY"),
            http: url("HTTP_PROXY"),
            all: url("ALL_PROXY"),
            no_proxy: get("NO_PROXY")
                .map(|s| {
                    s.split(',')
                        .map(|e| e.trim().to_ascii_lowercase())
                        .filter(|e| !e.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// Whether no proxy is set (`NO_PROXY` alone sets none).
    pub(crate) fn is_empty(&self) -> bool {
        self.https.is_none() && self.http.is_none() && self.all.is_none()
    }

    /// The proxy to use for `url`, if any. Loopback is never proxied.
    pub fn proxy_for(&self, url: &Url) -> Option<Url> {
        let host = url.host_str()?.to_ascii_lowercase();
        if never_proxied(&host) {
            return None;
        }
        if self.excluded(&host) {
            return None;
        }
        match url.scheme() {
            "https" => self.https.clone().or_else(|| self.all.clone()),
            "http" => self.http.clone().or_else(|| self.all.clone()),
            _ => None,
        }
    }

    fn excluded(&self, host: &str) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        self.no_proxy.iter().any(|entry| {
            if entry == "*" {
                return true;
            }
            let entry = entry.trim_start_matches("*.").trim_start_matches('.');
            // Ports in NO_PROXY entries are ignored for matching.
            let entry = match entry.rsplit_once(':') {
                Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) && !h.contains(':') => h,
                _ => entry,
            };
            host == entry || host.ends_with(&format!(".{entry}"))
        })
    }
}

/// Whether `host` (as in a URL) is a loopback IP literal: `127.0.0.0/8` or `::1` (with or
/// without brackets). Names never are, `localhost` and `*.localhost` included: what they resolve
/// to is up to the resolver (some send `*.localhost` to DNS), and what passes here may be
/// spoken to in plain http (profile endpoints, the practice workspace).
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Whether requests to `host` must bypass a proxy: loopback literals, and the `localhost` names,
/// which a proxy would resolve on its own side. Not a statement of trust (see
/// [`is_loopback_host`]).
fn never_proxied(host: &str) -> bool {
    let lower = host.to_ascii_lowercase();
    let name = lower.trim_end_matches('.');
    is_loopback_host(host) || name == "localhost" || name.ends_with(".localhost")
}

/// How often and how long to retry a safe request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included (1 = no retry).
    pub max_attempts: u32,
    /// Delay before the first retry; doubled each time.
    pub base_delay: Duration,
    /// Upper bound of one backoff delay.
    pub max_delay: Duration,
    /// Upper bound of one wait for a rate-limit reset announced by the server.
    pub max_rate_limit_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_rate_limit_wait: Duration::from_secs(35),
        }
    }
}

impl RetryPolicy {
    /// A policy for tests: same shape, short delays.
    pub fn fast() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(100),
            max_rate_limit_wait: Duration::from_secs(5),
        }
    }

    /// The exponential backoff before retry number `retry` (0-based), with a little jitter.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(retry.min(16)));
        let capped = exp.min(self.max_delay);
        let jitter_ms = rand::random::<u64>() % (capped.as_millis() as u64 / 4 + 1);
        (capped + Duration::from_millis(jitter_ms)).min(self.max_delay)
    }
}

/// The most of one response body the core reads: 1 MiB. The largest answer the wizard expects
/// (a Core1 connection list) is a few kilobytes; anything near the cap is a broken or hostile
/// server.
pub(crate) const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Why a response body could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// Announced (`Content-Length`) or streamed past [`MAX_BODY_BYTES`].
    TooLarge,
    /// The transport failed while reading (timeout, reset): [`describe`]'s words.
    Transport(&'static str),
}

impl BodyError {
    /// The crate error: [`Error::ResponseTooLarge`] naming `service`, or what `transport`
    /// makes of a transport failure.
    pub(crate) fn into_error(
        self,
        service: &'static str,
        transport: impl FnOnce(&'static str) -> Error,
    ) -> Error {
        match self {
            BodyError::TooLarge => Error::ResponseTooLarge { service },
            BodyError::Transport(why) => transport(why),
        }
    }
}

/// Read `response`'s body, at most [`MAX_BODY_BYTES`]: a `Content-Length` over the cap is
/// refused before a byte is read, a streamed body is cut (and the connection dropped) as soon
/// as it passes the cap. The one way the core reads a body.
/// The body comes back in [`Zeroizing`]: wiped when dropped (token answers carry secrets).
pub(crate) async fn read_body(
    response: reqwest::Response,
) -> Result<Zeroizing<Vec<u8>>, BodyError> {
    read_body_capped(response, MAX_BODY_BYTES).await
}

async fn read_body_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<Zeroizing<Vec<u8>>, BodyError> {
    let announced = response.content_length();
    if announced.is_some_and(|n| n > cap as u64) {
        tracing::info!(
            announced,
            cap,
            "response body announced over the cap: not read"
        );
        return Err(BodyError::TooLarge);
    }
    // Sized once when announced; a streamed (chunked) body grows through `reserve_wiping`, so no
    // reallocation leaves an unwiped copy of a token answer in freed memory.
    let mut body = Zeroizing::new(Vec::with_capacity(
        announced.map_or(0, |n| n as usize).min(cap),
    ));
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| BodyError::Transport(describe(&e)))?
    {
        if body.len() + chunk.len() > cap {
            tracing::info!(cap, "response body streamed past the cap: cut");
            return Err(BodyError::TooLarge);
        }
        drop(reserve_wiping(&mut body, chunk.len(), cap));
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The first buffer of a streamed body, when its length was not announced.
const FIRST_STREAMED_CAPACITY: usize = 8 * 1024;

/// Makes room for `extra` more bytes in `body` without `Vec`'s own growth, which frees the old
/// buffer as it is: a new buffer (double the old, at least [`FIRST_STREAMED_CAPACITY`], never
/// beyond `cap` unless the bytes need it) takes the bytes, and the old one is wiped. Returns the
/// old buffer, already wiped, for the caller to drop (`None` when there was room).
fn reserve_wiping(
    body: &mut Zeroizing<Vec<u8>>,
    extra: usize,
    cap: usize,
) -> Option<Zeroizing<Vec<u8>>> {
    let needed = body.len() + extra;
    if needed <= body.capacity() {
        return None;
    }
    let capacity = (body.capacity() * 2)
        .max(FIRST_STREAMED_CAPACITY)
        .min(cap)
        .max(needed);
    let mut grown = Zeroizing::new(Vec::with_capacity(capacity));
    grown.extend_from_slice(body);
    let mut old = std::mem::replace(body, grown);
    zeroize::Zeroize::zeroize(old.as_mut_slice());
    Some(old)
}

/// A short, secret-free description of a transport error for logs.
pub(crate) fn describe(e: &reqwest::Error) -> &'static str {
    if let Some(blocked) = failure::blocked(e) {
        blocked.describe()
    } else if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_decode() || e.is_body() {
        "response body unreadable"
    } else if e.is_request() {
        "request failed"
    } else {
        "transport error"
    }
}

mod failure;
mod system_proxy;
pub(crate) mod trust;

pub(crate) use failure::transport_error;

#[cfg(test)]
mod tests;
