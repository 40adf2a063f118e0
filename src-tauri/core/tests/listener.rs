//! The loopback listener over real sockets, with plain HTTP clients playing the browser.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::time::{Duration, Instant};

use setup_core::testing::listener::{self, CallbackParams, ListenerConfig};
use setup_core::testing::signin::PendingSignIn;
use setup_core::BrowserOpener;
use setup_core::Error;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;
use url::Url;

const STATE: &str = "the-real-state-value";

fn config() -> ListenerConfig {
    ListenerConfig::new(0, "/test/callback", Duration::from_secs(20), "Test")
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

async fn get(url: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let r = browser().get(url).send().await.unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, headers, r.text().await.unwrap())
}

async fn start(
    config: ListenerConfig,
) -> (Url, u16, JoinHandle<setup_core::Result<CallbackParams>>) {
    let listening = listener::start(config, STATE.to_owned()).await.unwrap();
    let uri = listening.redirect_uri().clone();
    let port = listening.local_addr().port();
    (uri, port, tokio::spawn(listening.wait()))
}

fn with_query(uri: &Url, pairs: &[(&str, &str)]) -> String {
    let mut u = uri.clone();
    u.query_pairs_mut().extend_pairs(pairs);
    u.to_string()
}

async fn port_is_closed(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).await.is_err()
}

#[tokio::test]
async fn redirect_uri_is_the_ip_literal_with_the_exact_path() {
    let listening = listener::start(config(), STATE.into()).await.unwrap();
    let uri = listening.redirect_uri();
    assert_eq!(uri.scheme(), "http");
    assert_eq!(uri.host_str(), Some("127.0.0.1"));
    assert_eq!(uri.path(), "/test/callback");
    assert_eq!(uri.port(), Some(listening.local_addr().port()));
    assert!(listening.local_addr().ip().is_loopback());
    assert_ne!(listening.local_addr().port(), 0);
}

#[tokio::test]
async fn valid_callback_is_redirected_to_a_clean_page_and_closes_the_listener() {
    let (uri, port, waiting) = start(config()).await;
    let (status, headers, body) = get(&with_query(
        &uri,
        &[
            ("code", "the-code"),
            ("state", STATE),
            ("scope", "a b"),
            ("context", "stores/abc123"),
        ],
    ))
    .await;
    assert_eq!(
        status, 303,
        "the decided callback redirects to the clean result page"
    );
    assert!(body.contains("You can close this tab"), "{body}");
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("default-src 'none'"));
    assert!(
        !body.contains("http://") && !body.contains("https://"),
        "no external resources"
    );
    let params = waiting.await.unwrap().unwrap();
    assert_eq!(params.code.expose(), "the-code");
    assert_eq!(params.params["scope"], "a b");
    assert_eq!(params.params["context"], "stores/abc123");
    assert!(!params.params.contains_key("state"));
    assert!(
        !format!("{params:?}").contains("the-code"),
        "code never in Debug"
    );
    assert!(
        port_is_closed(port).await,
        "closed after the first valid callback"
    );
}

#[tokio::test]
async fn forged_or_missing_state_gets_400_and_the_listener_keeps_waiting() {
    let (uri, _port, waiting) = start(config()).await;
    for pairs in [
        vec![("code", "evil"), ("state", "forged")],
        vec![("code", "evil")],
        vec![("code", "evil"), ("state", STATE), ("state", STATE)],
        vec![("code", "evil"), ("state", &STATE[..STATE.len() - 1])],
        // state is checked before error responses too
        vec![("error", "access_denied"), ("state", "forged")],
        vec![("error", "access_denied")],
    ] {
        let (status, headers, body) = get(&with_query(&uri, &pairs)).await;
        assert_eq!(status, 400, "{pairs:?}");
        assert_eq!(headers["cache-control"], "no-store");
        assert!(body.contains("still waiting"), "{body}");
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        !waiting.is_finished(),
        "a forged callback must not end the wait"
    );
    let (status, _, _) = get(&with_query(&uri, &[("code", "real"), ("state", STATE)])).await;
    assert_eq!(status, 303);
    assert_eq!(waiting.await.unwrap().unwrap().code.expose(), "real");
}

#[tokio::test]
async fn strays_favicon_and_other_methods_are_refused_and_ignored() {
    let (uri, port, waiting) = start(config()).await;
    let base = format!("http://127.0.0.1:{port}");
    for path in [
        "/favicon.ico".to_owned(),
        "/".to_owned(),
        "/test/callback/extra".to_owned(),
        "/TEST/callback".to_owned(),
        "/test".to_owned(),
        format!("/other?code=x&state={STATE}"),
    ] {
        let (status, headers, _) = get(&format!("{base}{path}")).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer");
    }
    let post = browser()
        .post(with_query(&uri, &[("code", "x"), ("state", STATE)]))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status().as_u16(), 405);
    assert!(!waiting.is_finished());
    get(&with_query(&uri, &[("code", "real"), ("state", STATE)])).await;
    assert_eq!(waiting.await.unwrap().unwrap().code.expose(), "real");
}

#[tokio::test]
async fn an_idle_preconnect_does_not_stall_the_real_callback() {
    let (uri, port, waiting) = start(config()).await;
    // A browser's speculative pre-connect that never sends anything, and one stuck mid-request.
    let _idle = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let mut half = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    half.write_all(b"GET /test/callback?state=").await.unwrap();
    let started = Instant::now();
    let (status, _, _) = get(&with_query(&uri, &[("code", "real"), ("state", STATE)])).await;
    assert_eq!(status, 303);
    assert_eq!(waiting.await.unwrap().unwrap().code.expose(), "real");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_junk_connections_do_not_stall_the_real_callback() {
    let (uri, port, waiting) = start(config()).await;
    let mut held = Vec::new();
    for i in 0..1000u32 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        match i % 4 {
            0 => {} // idle
            1 => {
                let _ = s.write_all(b"\x16\x03\x01\x02\x00garbage\r\n\r\n").await;
            }
            2 => {
                let _ = s
                    .write_all(b"GET /test/callback?state=nope HTTP/1.1\r\nHost: x\r\n")
                    .await;
            }
            _ => {
                let _ = s
                    .write_all(b"GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n")
                    .await;
            }
        }
        held.push(s);
    }
    assert!(!waiting.is_finished());
    let started = Instant::now();
    let (status, _, body) = get(&with_query(&uri, &[("code", "real"), ("state", STATE)])).await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(waiting.await.unwrap().unwrap().code.expose(), "real");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    drop(held);
}

#[tokio::test]
async fn times_out_and_closes() {
    let mut c = config();
    c.timeout = Duration::from_millis(300);
    let (_uri, port, waiting) = start(c).await;
    let started = Instant::now();
    let err = waiting.await.unwrap().unwrap_err();
    assert!(matches!(err, Error::SignInTimeout { .. }), "{err:?}");
    assert_eq!(err.code(), "signin_timeout");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(port_is_closed(port).await);
}

#[tokio::test]
async fn cancel_from_another_task_closes_it() {
    let listening = listener::start(config(), STATE.into()).await.unwrap();
    let port = listening.local_addr().port();
    let canceller = listening.canceller();
    let waiting = tokio::spawn(listening.wait());
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        canceller.cancel();
    });
    let err = waiting.await.unwrap().unwrap_err();
    assert_eq!(err, Error::SignInCancelled);
    assert!(port_is_closed(port).await);
}

#[tokio::test]
async fn dropping_the_wait_closes_it() {
    let listening = listener::start(config(), STATE.into()).await.unwrap();
    let port = listening.local_addr().port();
    drop(listening);
    let mut closed = false;
    for _ in 0..50 {
        if port_is_closed(port).await {
            closed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(closed);
}

#[tokio::test]
async fn a_busy_fixed_port_is_a_typed_error_at_once() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut c = config();
    c.port = port;
    let started = Instant::now();
    let err = listener::start(c.clone(), STATE.into()).await.unwrap_err();
    assert_eq!(err, Error::SignInPortBusy { port });
    assert_eq!(err.code(), "signin_port_busy");
    assert!(started.elapsed() < Duration::from_millis(500));
    drop(taken);

    // Our own listener on a fixed port makes a second sign-in on it fail the same way.
    let first = listener::start(c.clone(), STATE.into()).await.unwrap();
    assert_eq!(first.local_addr().port(), port);
    assert_eq!(
        listener::start(c, STATE.into()).await.unwrap_err(),
        Error::SignInPortBusy { port }
    );
}

#[tokio::test]
async fn a_fixed_port_can_be_used_again_right_after_a_sign_in() {
    let port = common::free_port();
    let mut c = config();
    c.port = port;
    for round in 0..3 {
        let (uri, p, waiting) = start(c.clone()).await;
        assert_eq!(p, port);
        // A stray, a forged and the real callback: several connections the listener closes.
        get(&format!("http://127.0.0.1:{port}/favicon.ico")).await;
        get(&with_query(&uri, &[("code", "x"), ("state", "forged")])).await;
        let (status, _, body) = get(&with_query(&uri, &[("code", "real"), ("state", STATE)])).await;
        assert_eq!(status, 303, "round {round}: {body}");
        assert_eq!(waiting.await.unwrap().unwrap().code.expose(), "real");
    }
}

#[tokio::test]
async fn access_denied_is_typed_and_the_page_escapes_parameters() {
    let (uri, port, waiting) = start(config()).await;
    let (status, headers, body) = get(&with_query(
        &uri,
        &[
            ("error", "access_denied"),
            (
                "error_description",
                "<script>alert('x')</script> & \"more\"",
            ),
            ("state", STATE),
        ],
    ))
    .await;
    assert_eq!(status, 303);
    assert_eq!(headers["cache-control"], "no-store");
    assert!(!body.contains("<script>alert"), "{body}");
    assert!(body.contains("&lt;script&gt;"), "{body}");
    assert_eq!(waiting.await.unwrap().unwrap_err(), Error::SignInDenied);
    assert!(port_is_closed(port).await);
}

#[tokio::test]
async fn other_provider_errors_are_typed() {
    let (uri, _port, waiting) = start(config()).await;
    get(&with_query(
        &uri,
        &[("error", "server_error"), ("state", STATE)],
    ))
    .await;
    let err = waiting.await.unwrap().unwrap_err();
    assert_eq!(err.code(), "signin_provider_error");
    assert!(matches!(err, Error::SignInProviderError { ref error, .. } if error == "server_error"));
}

#[tokio::test]
async fn iss_is_checked_when_present() {
    let mut c = config();
    c.expected_issuer = Some("https://acme.actindo.com".into());
    let (uri, _port, waiting) = start(c.clone()).await;
    get(&with_query(
        &uri,
        &[
            ("code", "c"),
            ("state", STATE),
            ("iss", "https://evil.example"),
        ],
    ))
    .await;
    assert_eq!(
        waiting.await.unwrap().unwrap_err(),
        Error::SignInIssuerMismatch
    );

    let (uri, _port, waiting) = start(c).await;
    get(&with_query(
        &uri,
        &[
            ("code", "c"),
            ("state", STATE),
            ("iss", "https://acme.actindo.com/"),
        ],
    ))
    .await;
    assert_eq!(waiting.await.unwrap().unwrap().code.expose(), "c");
}

struct PlainGetBrowser;

impl BrowserOpener for PlainGetBrowser {
    fn open(&self, url: &Url) -> setup_core::Result<()> {
        // "The provider": redirect straight back with the state it was given.
        let state = url
            .query_pairs()
            .find(|(k, _)| k == "state")
            .map(|(_, v)| v.into_owned())
            .unwrap();
        let redirect = url
            .query_pairs()
            .find(|(k, _)| k == "redirect_uri")
            .map(|(_, v)| v.into_owned())
            .unwrap();
        let target = format!("{redirect}?code=from-provider&state={state}");
        tokio::spawn(async move { browser().get(target).send().await });
        Ok(())
    }
}

#[tokio::test]
async fn pending_sign_in_builds_fresh_values_and_survives_a_failed_open() {
    let build = |redirect: &Url, state: &str, pkce: &setup_core::testing::signin::Pkce| {
        let mut u = Url::parse("https://provider.example/authorize").unwrap();
        u.query_pairs_mut()
            .append_pair("redirect_uri", redirect.as_str())
            .append_pair("state", state)
            .append_pair("code_challenge", &pkce.challenge);
        Ok(u)
    };
    let a = PendingSignIn::start(config(), build).await.unwrap();
    let b = PendingSignIn::start(config(), build).await.unwrap();
    let q = |p: &PendingSignIn, k: &str| {
        p.authorize_url()
            .query_pairs()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.into_owned())
            .unwrap()
    };
    assert_ne!(q(&a, "state"), q(&b, "state"));
    assert_ne!(q(&a, "code_challenge"), q(&b, "code_challenge"));
    assert_ne!(a.redirect_uri(), b.redirect_uri());
    drop(b);

    // No browser: a typed error, and the attempt is still usable ("copy link").
    let err = a.open_with(&common::NoBrowser).unwrap_err();
    assert_eq!(err.code(), "browser_open_failed");
    a.open_with(&PlainGetBrowser).unwrap();
    let verifier_challenge = q(&a, "code_challenge");
    let auth = a.wait().await.unwrap();
    assert_eq!(auth.callback.code.expose(), "from-provider");
    assert_eq!(
        setup_core::testing::signin::Pkce::from_verifier(auth.pkce_verifier.clone()).challenge,
        verifier_challenge
    );
}

#[tokio::test]
async fn idle_connections_are_closed_by_the_listener() {
    let mut c = config();
    c.header_timeout = Duration::from_millis(100);
    let (uri, port, waiting) = start(c).await;
    let mut idle = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let mut buf = [0u8; 16];
    let read = tokio::time::timeout(
        Duration::from_secs(2),
        tokio::io::AsyncReadExt::read(&mut idle, &mut buf),
    )
    .await
    .expect("the listener closes an idle connection by itself");
    assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
    assert!(!waiting.is_finished());
    get(&with_query(&uri, &[("code", "real"), ("state", STATE)])).await;
    assert_eq!(waiting.await.unwrap().unwrap().code.expose(), "real");
}

// ----- Host, the redirect to a clean page, connection limit, header timeout, iss -----

/// Sends `GET {target}` with the given `Host` header lines over a fresh connection and returns
/// the status line and the header block of the answer ("" when the connection was closed).
async fn raw_get(port: u16, target: &str, host_lines: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let req = format!("GET {target} HTTP/1.1\r\n{host_lines}Connection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf)).await;
    let text = String::from_utf8_lossy(&buf).into_owned();
    text.split("\r\n\r\n").next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn only_host_127_0_0_1_with_the_port_is_served() {
    let (uri, port, waiting) = start(config()).await;
    let target = format!("/test/callback?code=rebound&state={STATE}");
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 reaches the port with
    // its own name in Host — even with the right state it must not decide anything.
    for host in [
        "Host: evil.example:{port}\r\n".to_owned(),
        "Host: localhost:{port}\r\n".to_owned(),
        "Host: 127.0.0.1\r\n".to_owned(),
        "Host: 127.0.0.1:1\r\n".to_owned(),
        "Host: [::1]:{port}\r\n".to_owned(),
        "Host: 127.0.0.1:{port}\r\nHost: evil.example\r\n".to_owned(),
        String::new(),
    ] {
        let host = host.replace("{port}", &port.to_string());
        let head = raw_get(port, &target, &host).await;
        let status = head.lines().next().unwrap_or_default().to_owned();
        assert!(status.starts_with("HTTP/1.1 4"), "{host:?} got {status:?}");
        assert!(!waiting.is_finished(), "{host:?} decided the sign-in");
    }
    let (status, _, _) = get(&with_query(&uri, &[("code", "real"), ("state", STATE)])).await;
    assert_eq!(status, 303);
    assert_eq!(waiting.await.unwrap().unwrap().code.expose(), "real");
}

#[tokio::test]
async fn the_decided_callback_redirects_to_a_clean_result_page() {
    let (uri, port, waiting) = start(config()).await;
    // The result page does not exist before the outcome is known.
    let (status, _, _) = get(&format!("http://127.0.0.1:{port}/done")).await;
    assert_eq!(status, 404);
    // One client, so the redirect is followed on the kept-alive connection, as browsers do
    // (the listener stops accepting new connections once the outcome is known).
    let browser = browser();
    let r = browser
        .get(with_query(
            &uri,
            &[("code", "c0de-in-url"), ("state", STATE)],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        location, "/done",
        "a clean path: no code or state in the address bar"
    );
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert_eq!(r.headers()["referrer-policy"], "no-referrer");
    let body = r.text().await.unwrap();
    assert!(body.contains("You can close this tab"), "{body}");
    assert!(!body.contains("c0de-in-url") && !body.contains(STATE));
    let page = browser
        .get(format!("http://127.0.0.1:{port}{location}"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    let text = page.text().await.unwrap();
    assert!(text.contains("You can close this tab"), "{text}");
    assert_eq!(waiting.await.unwrap().unwrap().code.expose(), "c0de-in-url");

    // A provider error is decided the same way: 303 to the page that says so.
    let (uri, port, waiting) = start(config()).await;
    let browser = self::browser();
    let r = browser
        .get(with_query(
            &uri,
            &[("error", "access_denied"), ("state", STATE)],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let page = browser
        .get(format!("http://127.0.0.1:{port}/done"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("not granted"), "{page}");
    assert_eq!(waiting.await.unwrap().unwrap_err(), Error::SignInDenied);
}

/// Whether the server closed `s` (EOF or reset) within `within`.
async fn closed_by_server(s: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 1];
    matches!(
        tokio::time::timeout(within, s.read(&mut buf)).await,
        Ok(Ok(0) | Err(_))
    )
}

#[tokio::test]
async fn at_most_64_connections_the_oldest_idle_one_dropped_first() {
    let mut c = config();
    c.header_timeout = Duration::from_secs(20);
    let (uri, port, waiting) = start(c).await;
    let mut idle = Vec::new();
    for _ in 0..100 {
        idle.push(TcpStream::connect(("127.0.0.1", port)).await.unwrap());
        // Accepted one by one, so "oldest" is well defined.
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut closed = Vec::new();
    for (i, s) in idle.iter_mut().enumerate() {
        if closed_by_server(s, Duration::from_millis(20)).await {
            closed.push(i);
        }
    }
    assert_eq!(
        closed,
        (0..36).collect::<Vec<_>>(),
        "exactly the 36 oldest of 100 idle connections are dropped"
    );
    // The browser's real callback is the newest connection: it gets through.
    let (status, _, _) = get(&with_query(&uri, &[("code", "real"), ("state", STATE)])).await;
    assert_eq!(status, 303);
    assert_eq!(waiting.await.unwrap().unwrap().code.expose(), "real");
}

#[tokio::test]
async fn the_default_header_timeout_is_a_few_seconds_even_for_a_trickle() {
    let (_uri, port, waiting) = start(config()).await;
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let started = Instant::now();
    // A slowloris: one byte of a never-ending header every 200 ms.
    let mut closed = false;
    for b in b"GET /test/callback HTTP/1.1\r\nX-Slow: "
        .iter()
        .cycle()
        .take(60)
    {
        if s.write_all(&[*b]).await.is_err() {
            closed = true;
            break;
        }
        if closed_by_server(&mut s, Duration::from_millis(200)).await {
            closed = true;
            break;
        }
    }
    let after = started.elapsed();
    assert!(closed, "still open after {after:?}");
    assert!(
        after >= Duration::from_secs(2) && after < Duration::from_secs(6),
        "closed after {after:?}"
    );
    assert!(!waiting.is_finished());
}

#[tokio::test]
async fn a_repeated_iss_is_refused() {
    let mut c = config();
    c.expected_issuer = Some("https://acme.actindo.com".into());
    let (uri, _port, waiting) = start(c).await;
    get(&with_query(
        &uri,
        &[
            ("code", "c"),
            ("state", STATE),
            ("iss", "https://acme.actindo.com"),
            ("iss", "https://acme.actindo.com"),
        ],
    ))
    .await;
    assert_eq!(
        waiting.await.unwrap().unwrap_err(),
        Error::SignInIssuerMismatch
    );
}

#[tokio::test]
async fn where_the_provider_advertises_iss_exactly_one_is_required() {
    let mut c = config();
    c.expected_issuer = Some("https://acme.actindo.com".into());
    c.require_issuer = true;
    for (pairs, ok) in [
        (vec![("code", "c"), ("state", STATE)], false),
        (
            vec![
                ("code", "c"),
                ("state", STATE),
                ("iss", "https://acme.actindo.com"),
                ("iss", "https://evil.example"),
            ],
            false,
        ),
        (
            vec![
                ("code", "c"),
                ("state", STATE),
                ("iss", "https://evil.example"),
            ],
            false,
        ),
        (
            vec![
                ("code", "c"),
                ("state", STATE),
                ("iss", "https://acme.actindo.com"),
            ],
            true,
        ),
    ] {
        let (uri, _port, waiting) = start(c.clone()).await;
        get(&with_query(&uri, &pairs)).await;
        let outcome = waiting.await.unwrap();
        match ok {
            true => assert_eq!(outcome.unwrap().code.expose(), "c", "{pairs:?}"),
            false => assert_eq!(
                outcome.unwrap_err(),
                Error::SignInIssuerMismatch,
                "{pairs:?}"
            ),
        }
    }
}

#[tokio::test]
async fn a_callback_path_of_done_gets_another_result_path() {
    let c = ListenerConfig::new(0, "/done", Duration::from_secs(20), "Test");
    let (uri, port, waiting) = start(c).await;
    let browser = browser();
    let r = browser
        .get(with_query(&uri, &[("code", "c"), ("state", STATE)]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(r.headers()["location"], "/signed-in");
    let page = browser
        .get(format!("http://127.0.0.1:{port}/signed-in"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert_eq!(waiting.await.unwrap().unwrap().code.expose(), "c");
}
