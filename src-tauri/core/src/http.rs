//! The one HTTP client builder, and the retry/backoff policy shared by the clients.
//!
//! Every client:
//! - has a connect timeout and a total timeout per request;
//! - follows **no redirects** (token endpoints must never be redirected; for API calls a
//!   redirect is an answer we report, not follow);
//! - uses rustls;
//! - honours the usual proxy variables (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`,
//!   upper or lower case) but **never** proxies loopback addresses (the sandbox, the callback)
//!   or `localhost` names.
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

/// Build the HTTP client, proxies taken from the process environment.
pub fn client(config: &HttpConfig) -> Result<reqwest::Client> {
    client_with_env(config, ProxyEnv::from_process())
}

/// Build the HTTP client with the given proxy settings.
pub fn client_with_env(config: &HttpConfig, env: ProxyEnv) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(config.connect_timeout)
        .timeout(config.request_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!(
            "core1-bigcommerce-setup/",
            env!("CARGO_PKG_VERSION")
        ))
        .no_proxy()
        .proxy(reqwest::Proxy::custom(move |url| env.proxy_for(url)))
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
    pub fn from_process() -> Self {
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
pub fn is_loopback_host(host: &str) -> bool {
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
    pub fn backoff(&self, retry: u32) -> Duration {
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
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

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
    // Sized once (up to the cap) so growing never leaves a copy behind in freed memory.
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
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A short, secret-free description of a transport error for logs.
pub(crate) fn describe(e: &reqwest::Error) -> &'static str {
    if e.is_timeout() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> ProxyEnv {
        ProxyEnv::from_vars(
            &pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn loopback_is_never_proxied() {
        let e = env(&[
            ("HTTPS_PROXY", "http://proxy:3128"),
            ("http_proxy", "proxy:3128"),
        ]);
        for u in [
            "http://127.0.0.1:4000/x",
            "https://localhost/",
            "http://[::1]:80/",
            "http://127.8.9.10/",
        ] {
            assert_eq!(e.proxy_for(&Url::parse(u).unwrap()), None, "{u}");
        }
        assert_eq!(
            e.proxy_for(&Url::parse("https://acme.actindo.com/").unwrap())
                .map(|u| u.to_string()),
            Some("http://proxy:3128/".to_owned())
        );
        assert_eq!(
            e.proxy_for(&Url::parse("http://example.com/").unwrap())
                .map(|u| u.to_string()),
            Some("http://proxy:3128/".to_owned())
        );
    }

    #[test]
    fn only_loopback_ip_literals_are_loopback() {
        for host in [
            "127.0.0.1",
            "127.8.9.10",
            "127.255.255.254",
            "[::1]",
            "::1",
            "[0:0:0:0:0:0:0:1]",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        // Names are resolved by someone else's rules (a resolver may send `*.localhost` to DNS),
        // so none of them counts as this machine.
        for host in [
            "localhost",
            "LOCALHOST",
            "localhost.",
            "evil.localhost",
            "a.b.LocalHost",
            "127.0.0.1.nip.io",
            "[::ffff:127.0.0.1]",
            "0.0.0.0",
            "[::]",
            "10.0.0.1",
            "example.com",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn a_profile_cannot_use_plain_http_to_a_localhost_name() {
        let at = |base: &str| crate::profile::Profile::demo(&Url::parse(base).unwrap()).validate();
        assert!(at("http://127.0.0.1:4000").is_ok());
        assert!(at("http://[::1]:4000").is_ok());
        for base in ["http://evil.localhost:4000", "http://localhost:4000"] {
            let err = at(base).expect_err(base);
            assert_eq!(err.code(), "profile_invalid", "{base}");
        }
    }

    #[test]
    fn localhost_names_are_still_never_proxied() {
        // Not trusted as loopback, but a proxy would resolve them on its own side: never sent
        // there.
        let e = env(&[("ALL_PROXY", "http://proxy:3128")]);
        for u in ["http://localhost:4000/", "http://evil.localhost/x"] {
            assert_eq!(e.proxy_for(&Url::parse(u).unwrap()), None, "{u}");
        }
    }

    #[test]
    fn no_proxy_is_honoured() {
        let e = env(&[
            ("ALL_PROXY", "http://proxy:3128"),
            ("NO_PROXY", ".actindo.com, api.bigcommerce.com:443"),
        ]);
        assert_eq!(
            e.proxy_for(&Url::parse("https://acme.actindo.com/").unwrap()),
            None
        );
        assert_eq!(
            e.proxy_for(&Url::parse("https://api.bigcommerce.com/").unwrap()),
            None
        );
        assert!(e
            .proxy_for(&Url::parse("https://login.bigcommerce.com/").unwrap())
            .is_some());
        assert!(env(&[("ALL_PROXY", "http://p:1"), ("no_proxy", "*")])
            .proxy_for(&Url::parse("https://x.com/").unwrap())
            .is_none());
    }

    #[test]
    fn backoff_grows_and_is_bounded() {
        let p = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            max_rate_limit_wait: Duration::from_secs(1),
        };
        assert!(p.backoff(0) >= Duration::from_millis(100));
        assert!(p.backoff(0) <= Duration::from_millis(125));
        assert!(p.backoff(2) >= Duration::from_millis(400));
        for i in 0..40 {
            assert!(p.backoff(i) <= Duration::from_secs(1));
        }
    }

    /// A one-shot local server answering `head` + `body` to one request.
    async fn answer_once(head: String, body: Vec<u8>) -> Url {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = Url::parse(&format!("http://{}/", l.local_addr().unwrap())).unwrap();
        tokio::spawn(async move {
            let (mut s, _) = l.accept().await.unwrap();
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf).await;
            let _ = s.write_all(head.as_bytes()).await;
            let _ = s.write_all(&body).await;
            let _ = s.shutdown().await;
        });
        url
    }

    async fn read_capped(head: &str, body: &[u8], cap: usize) -> Result<Vec<u8>, BodyError> {
        let url = answer_once(head.to_owned(), body.to_vec()).await;
        let response = client(&HttpConfig::default())
            .unwrap()
            .get(url)
            .send()
            .await
            .unwrap();
        read_body_capped(response, cap).await.map(|b| b.to_vec())
    }

    fn chunked(body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for part in body.chunks(5) {
            out.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            out.extend_from_slice(part);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"0\r\n\r\n");
        out
    }

    #[tokio::test]
    async fn bodies_are_read_up_to_the_cap_and_not_a_byte_more() {
        let ok = "HTTP/1.1 200 OK\r\nconnection: close\r\n";
        let sized = |n: usize| format!("{ok}content-length: {n}\r\n\r\n");
        let chunked_head = format!("{ok}transfer-encoding: chunked\r\n\r\n");
        let sixteen = b"0123456789abcdef";
        // Exactly at the cap: read, announced or streamed.
        assert_eq!(read_capped(&sized(16), sixteen, 16).await.unwrap(), sixteen);
        assert_eq!(
            read_capped(&chunked_head, &chunked(sixteen), 16)
                .await
                .unwrap(),
            sixteen
        );
        // One byte over: refused before reading (announced), cut (streamed).
        assert_eq!(
            read_capped(&sized(17), b"", 16).await,
            Err(BodyError::TooLarge)
        );
        assert_eq!(
            read_capped(&chunked_head, &chunked(b"0123456789abcdefg"), 16).await,
            Err(BodyError::TooLarge)
        );
        // Read until the connection closes (no length, no chunks): still capped.
        let to_close = format!("{ok}\r\n");
        assert_eq!(
            read_capped(&to_close, &[b'x'; 17], 16).await,
            Err(BodyError::TooLarge)
        );
        assert_eq!(read_capped(&to_close, b"{}", 16).await.unwrap(), b"{}");
        assert_eq!(MAX_BODY_BYTES, 1 << 20);
    }

    #[tokio::test]
    async fn client_builds() {
        client(&HttpConfig::default()).unwrap();
    }
}
