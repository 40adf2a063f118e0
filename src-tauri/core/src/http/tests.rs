//! Unit tests of `http`.

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

#[test]
fn a_streamed_body_grows_without_leaving_an_unwiped_copy() {
    let token = b"{\"access_token\":\"secret-token-answer\"}";
    let mut body = Zeroizing::new(Vec::new());
    let mut released = 0;
    let mut grown_to = Vec::new();
    for _ in 0..2_000 {
        if let Some(old) = reserve_wiping(&mut body, token.len(), 1 << 20) {
            assert!(
                old.iter().all(|b| *b == 0),
                "the buffer given up holds only zeros"
            );
            released += 1;
            grown_to.push(body.capacity());
        }
        let before = body.capacity();
        body.extend_from_slice(token);
        assert_eq!(body.capacity(), before, "Vec itself never reallocates");
    }
    assert_eq!(body.len(), 2_000 * token.len());
    assert!(body.chunks(token.len()).all(|c| c == token));
    println!("streamed body: {released} buffers released, all wiped; capacities {grown_to:?}");
    assert!(released >= 2, "the body did grow: {grown_to:?}");
    // The cap bounds the buffer unless the bytes need more (the reader refuses those first).
    let mut small = Zeroizing::new(Vec::new());
    reserve_wiping(&mut small, 10, 16);
    assert_eq!(small.capacity(), 16);
}

#[tokio::test]
async fn client_builds() {
    client(&HttpConfig::default()).unwrap();
}
