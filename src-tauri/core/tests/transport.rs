//! Transport rules, over real sockets on 127.0.0.1 only:
//! - https is required for every non-loopback endpoint, in profiles and workspace addresses;
//! - the token endpoints never follow a redirect (a 302 is an error, its target never hit);
//! - `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` are honoured, and loopback is never proxied.
//!
//! Nothing here leaves 127.0.0.1: the "remote" host names are only ever sent to a local proxy
//! that answers itself.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use setup_core::testing::core1;
use setup_core::testing::http::{self, HttpConfig, ProxyEnv};
use setup_core::WorkspaceUrl;
use setup_core::{BrowserOpener, Profile, SecretStore};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use url::Url;

/// A tiny HTTP/1.1 server on 127.0.0.1 answering every request with the same response, and
/// recording each request's first line.
struct Canned {
    base: Url,
    seen: Arc<Mutex<Vec<String>>>,
}

async fn canned(response: &'static str) -> Canned {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = Url::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let log = log.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                // Read the head and a body of Content-Length bytes.
                loop {
                    let n = match sock.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => n,
                    };
                    buf.extend_from_slice(&chunk[..n]);
                    let text = String::from_utf8_lossy(&buf).into_owned();
                    if let Some(end) = text.find("\r\n\r\n") {
                        let len = text[..end]
                            .lines()
                            .find_map(|l| {
                                let (k, v) = l.split_once(':')?;
                                k.eq_ignore_ascii_case("content-length")
                                    .then(|| v.trim().parse::<usize>().ok())?
                            })
                            .unwrap_or(0);
                        if buf.len() >= end + 4 + len {
                            log.lock()
                                .unwrap()
                                .push(text.lines().next().unwrap_or_default().to_owned());
                            break;
                        }
                    }
                }
                let _ = sock.write_all(response.as_bytes()).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    Canned { base, seen }
}

const REDIRECT: &str =
    "HTTP/1.1 302 Found\r\nLocation: /stolen\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
const OK_JSON: &str = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\nConnection: close\r\n\r\n{\"success\":true}";

fn http_client() -> reqwest::Client {
    http::client_with_env(
        &HttpConfig {
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(5),
        },
        ProxyEnv::default(),
    )
    .unwrap()
}

/// Plays the provider: answers the sign-in at once by calling the loopback callback with the
/// state it was given.
struct InstantProvider;

impl BrowserOpener for InstantProvider {
    fn open(&self, url: &Url) -> setup_core::Result<()> {
        let q: HashMap<String, String> = url.query_pairs().into_owned().collect();
        let mut cb = Url::parse(&q["redirect_uri"]).unwrap();
        cb.query_pairs_mut()
            .append_pair("code", "a-code")
            .append_pair("state", &q["state"])
            .append_pair("scope", "store_v2_information_read_only")
            .append_pair("context", "stores/abc123");
        tokio::spawn(async move {
            let c = reqwest::Client::builder().no_proxy().build().unwrap();
            let _ = c.get(cb).send().await;
        });
        Ok(())
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn the_bigcommerce_token_endpoint_redirect_is_not_followed() {
    let server = canned(REDIRECT).await;
    let mut profile = Profile::demo_with_own_app(&server.base);
    profile.bigcommerce.callback_port = free_port();
    profile.signin_timeout = Duration::from_secs(5);
    let err =
        setup_core::testing::bigcommerce::sign_in(&profile, http_client(), None, &InstantProvider)
            .await
            .unwrap_err();
    let seen = server.seen.lock().unwrap().clone();
    assert!(
        seen.iter()
            .any(|l| l.starts_with("POST /bc-login/oauth2/token")),
        "{seen:?}"
    );
    assert!(
        !seen.iter().any(|l| l.contains("/stolen")),
        "the redirect was followed: {seen:?}"
    );
    assert!(
        matches!(
            err.code(),
            "bigcommerce_exchange_failed" | "bigcommerce_bad_response" | "bigcommerce_unavailable"
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_core1_token_endpoint_redirect_is_not_followed() {
    let server = canned(REDIRECT).await;
    let mut profile = Profile::demo(&server.base);
    profile.signin_timeout = Duration::from_secs(5);
    let ws = WorkspaceUrl::parse("acme", &profile.core1.workspace).unwrap();
    let secrets = SecretStore::session_only(None);
    let err = core1::sign_in(&profile, http_client(), ws, secrets, &InstantProvider)
        .await
        .unwrap_err();
    let seen = server.seen.lock().unwrap().clone();
    assert!(
        seen.iter()
            .any(|l| l.starts_with("POST ") && l.contains("OAuth2Token.getAccessToken")),
        "{seen:?}"
    );
    assert!(
        !seen.iter().any(|l| l.contains("/stolen")),
        "the redirect was followed: {seen:?}"
    );
    assert!(err.code().starts_with("core1_"), "{err:?}");
}

#[tokio::test]
async fn api_calls_report_a_redirect_instead_of_following_it() {
    let server = canned(REDIRECT).await;
    let profile = Profile::demo(&server.base);
    let ws = WorkspaceUrl::parse("acme", &profile.core1.workspace).unwrap();
    let r = core1::check_reachable(&http_client(), &ws, &setup_core::RetryPolicy::fast()).await;
    let seen = server.seen.lock().unwrap().clone();
    assert!(
        !seen.iter().any(|l| l.contains("/stolen")),
        "{seen:?}; {r:?}"
    );
}

#[test]
fn https_is_required_for_every_non_loopback_endpoint() {
    // Workspace addresses: http only for loopback (the sandbox), and only where allowed.
    let prod = Profile::production();
    for input in [
        "http://acme.actindo.com",
        "http://acme.actindo.com/",
        "http://acme.dev.actindo.com/x",
        "HTTP://ACME.ACTINDO.COM",
    ] {
        let e = WorkspaceUrl::parse(input, &prod.core1.workspace).unwrap_err();
        assert_eq!(e.code(), "workspace_insecure", "{input}");
    }
    for input in ["acme", "acme.actindo.com", "https://acme.actindo.com/x"] {
        let ws = WorkspaceUrl::parse(input, &prod.core1.workspace).unwrap();
        assert!(ws.to_string().starts_with("https://"), "{input} → {ws}");
    }
    assert!(WorkspaceUrl::parse("http://127.0.0.1:9/core1/acme/", &prod.core1.workspace).is_err());

    // Profiles: every BigCommerce and Core1 endpoint https, unless it names this machine.
    let demo = serde_json::json!({"base": "demo", "sandbox_url": "http://127.0.0.1:4000"});
    Profile::from_json(&demo.to_string()).unwrap();
    for (section, field, value) in [
        ("bigcommerce", "login_url", "http://login.bigcommerce.com"),
        ("bigcommerce", "api_url", "http://api.bigcommerce.com"),
        (
            "bigcommerce",
            "api_accounts_url",
            "http://login.bigcommerce.com/deep-links/settings/api-accounts",
        ),
        ("bigcommerce", "login_url", "ftp://login.bigcommerce.com"),
    ] {
        let overlay = serde_json::json!({ section: { field: value } });
        let e = Profile::from_json(&overlay.to_string())
            .err()
            .unwrap_or_else(|| panic!("{section}.{field} = {value} was accepted"));
        assert_eq!(e.code(), "profile_invalid", "{value}");
    }
    let overlay =
        serde_json::json!({"core1": {"workspace": {"name_url": "http://{name}.actindo.com/"}}});
    assert!(
        Profile::from_json(&overlay.to_string()).is_err(),
        "an http workspace template was accepted"
    );
    // Loopback http stays allowed (the practice sandbox).
    let overlay =
        serde_json::json!({"bigcommerce": {"login_url": "http://127.0.0.1:4000/bc-login"}});
    Profile::from_json(&overlay.to_string()).unwrap();
}

/// A local "proxy": answers every request itself (absolute-form GETs with a JSON body,
/// CONNECT with 403), recording what it was asked.
async fn proxy() -> Canned {
    canned("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\nConnection: close\r\n\r\n{\"proxied\":true}").await
}

fn proxied_client(vars: &[(&str, String)]) -> reqwest::Client {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    http::client_with_env(
        &HttpConfig {
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(5),
        },
        ProxyEnv::from_vars(&vars),
    )
    .unwrap()
}

#[tokio::test]
async fn proxies_are_honoured_and_loopback_is_never_proxied() {
    let p = proxy().await;
    let direct = canned(OK_JSON).await;
    let port = direct.base.port().unwrap();
    let proxy_url = p.base.to_string();
    let client = proxied_client(&[
        ("HTTPS_PROXY", proxy_url.clone()),
        ("http_proxy", proxy_url.clone()),
        ("NO_PROXY", "excluded.invalid".into()),
    ]);

    // A remote name goes to the proxy (absolute form), which answers it: no DNS, no traffic out.
    let body = client
        .get("http://example.invalid/store")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(body, "{\"proxied\":true}");
    // https to a remote name asks the proxy for a tunnel.
    let _ = client.get("https://acme.actindo.com/").send().await;
    let seen = p.seen.lock().unwrap().clone();
    assert!(
        seen.iter()
            .any(|l| l.starts_with("GET http://example.invalid/store")),
        "{seen:?}"
    );
    assert!(
        seen.iter()
            .any(|l| l.starts_with("CONNECT acme.actindo.com:443")),
        "{seen:?}"
    );

    // Loopback in every spelling goes straight to the local server.
    let before = p.seen.lock().unwrap().len();
    for url in [
        format!("http://127.0.0.1:{port}/a"),
        format!("http://localhost:{port}/b"),
        format!("http://127.0.0.1:{port}/c?x=1"),
    ] {
        let body = client.get(&url).send().await.unwrap().text().await.unwrap();
        assert_eq!(body, "{\"success\":true}", "{url}");
    }
    assert_eq!(p.seen.lock().unwrap().len(), before, "loopback was proxied");
    assert_eq!(direct.seen.lock().unwrap().len(), 3);

    // NO_PROXY: a host name this machine resolves to loopback from /etc/hosts (no DNS) goes
    // through the proxy unless NO_PROXY names it.
    if let Some(name) = hosts_loopback_name() {
        let url = format!("http://{name}:{port}/n");
        let via_proxy = proxied_client(&[("HTTP_PROXY", proxy_url.clone())]);
        let body = via_proxy
            .get(&url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(body, "{\"proxied\":true}");
        let excluded = proxied_client(&[
            ("HTTP_PROXY", proxy_url.clone()),
            ("NO_PROXY", format!("example.com, {name}")),
        ]);
        let body = excluded
            .get(&url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(body, "{\"success\":true}", "NO_PROXY ignored for {name}");
        println!("NO_PROXY checked over real sockets with {name}");
    } else {
        println!("no /etc/hosts name for loopback: NO_PROXY checked by ProxyEnv only");
    }
    let env = ProxyEnv::from_vars(
        &[
            ("HTTPS_PROXY".to_owned(), proxy_url.clone()),
            ("NO_PROXY".to_owned(), ".actindo.com".to_owned()),
        ]
        .into(),
    );
    assert!(env
        .proxy_for(&Url::parse("https://acme.actindo.com/").unwrap())
        .is_none());
    assert!(env
        .proxy_for(&Url::parse("https://login.bigcommerce.com/").unwrap())
        .is_some());
}

/// A name from /etc/hosts that maps to 127.x (not "localhost", which is never proxied anyway).
fn hosts_loopback_name() -> Option<String> {
    let hosts = std::fs::read_to_string("/etc/hosts").ok()?;
    hosts.lines().find_map(|line| {
        let line = line.split('#').next()?;
        let mut parts = line.split_whitespace();
        let ip: std::net::IpAddr = parts.next()?.parse().ok()?;
        if !ip.is_ipv4() || !ip.is_loopback() {
            return None;
        }
        parts
            .find(|n| {
                !n.eq_ignore_ascii_case("localhost")
                    && !n.to_ascii_lowercase().ends_with(".localhost")
                    && n.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            })
            .map(str::to_owned)
    })
}
