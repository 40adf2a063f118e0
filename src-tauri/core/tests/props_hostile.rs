//! Property tests over real TCP on 127.0.0.1 (in the normal test run; the coverage-guided
//! fuzzing of the same parsers is `bash tests/fuzz/run.sh`, replayed by `tests/fuzz_corpus.rs`):
//! - the loopback listener gets arbitrary request targets (paths, query strings, raw bytes):
//!   never a panic, it keeps serving, and the real callback still succeeds afterwards;
//! - the BigCommerce and Core1 clients get arbitrary JSON-ish bodies with arbitrary statuses
//!   from a tiny local server: a typed error with a listed code (or a value), never a panic or
//!   a hang.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use proptest::prelude::*;
use setup_core::testing::bigcommerce::{BigCommerceClient, StoreHash};
use setup_core::testing::core1::Core1Client;
use setup_core::testing::http::{self, HttpConfig, ProxyEnv};
use setup_core::testing::listener::{self, ListenerConfig};
use setup_core::RetryPolicy;
use setup_core::WorkspaceUrl;
use setup_core::{Error, Profile, SecretKey, SecretStore};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::Url;

fn rt() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

fn listed(e: &Error) -> bool {
    Error::ALL_CODES.contains(&e.code())
}

// ----- the loopback listener -----

const STATE: &str = "prop-state-0123456789";
static LISTENER_CASES: AtomicUsize = AtomicUsize::new(0);

/// Sends raw bytes as a request target; returns the status line (if any answer came).
async fn raw_request(port: u16, target: &[u8]) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let mut req = b"GET ".to_vec();
    req.extend_from_slice(target);
    // The listener serves only `Host: 127.0.0.1:{port}` (see `listener.rs`).
    req.extend_from_slice(
        format!(" HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    s.write_all(&req).await.ok()?;
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf)).await;
    let text = String::from_utf8_lossy(&buf);
    text.lines().next().map(str::to_owned)
}

fn target() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // Arbitrary bytes (no CR/LF/space: those end the request line and are not a target).
        proptest::collection::vec(any::<u8>(), 0..200)
            .prop_map(|v| v.into_iter().filter(|b| !b" \r\n".contains(b)).collect()),
        // The callback path with arbitrary query strings.
        "[ -~]{0,300}".prop_map(|q| format!("/prop/callback?{}", q.replace(' ', "+")).into_bytes()),
        // Plausible forgeries: the right keys with wrong or repeated values.
        (
            "[a-zA-Z0-9_%=&-]{0,80}",
            prop_oneof![Just("state"), Just("code"), Just("error"), Just("iss")]
        )
            .prop_map(|(v, k)| format!("/prop/callback?{k}={v}&code=x&state={v}").into_bytes()),
        "/[a-z/.%]{0,40}".prop_map(String::into_bytes),
    ]
}

#[test]
fn the_listener_survives_arbitrary_requests_and_then_takes_the_real_callback() {
    let (port, waiting) = rt().block_on(async {
        let l = listener::start(
            ListenerConfig::new(0, "/prop/callback", Duration::from_secs(120), "Prop"),
            STATE.to_owned(),
        )
        .await
        .unwrap();
        let port = l.local_addr().port();
        (port, tokio::spawn(l.wait()))
    });
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    runner
        .run(&target(), |t| {
            LISTENER_CASES.fetch_add(1, Ordering::SeqCst);
            let status = rt().block_on(raw_request(port, &t));
            // Every probe gets an answer (never a dropped listener); none ends the wait.
            let status = status.unwrap_or_default();
            prop_assert!(status.starts_with("HTTP/1.1 "), "no answer: {status:?}");
            prop_assert!(
                !status.starts_with("HTTP/1.1 200") && !status.starts_with("HTTP/1.1 303"),
                "a forged request was accepted"
            );
            prop_assert!(!waiting.is_finished(), "a probe ended the wait");
            Ok(())
        })
        .unwrap();
    let code = rt().block_on(async {
        let status = raw_request(
            port,
            format!("/prop/callback?code=real&state={STATE}").as_bytes(),
        )
        .await
        .unwrap();
        assert!(status.starts_with("HTTP/1.1 303"), "{status}");
        waiting.await.unwrap().unwrap().code.expose().to_owned()
    });
    assert_eq!(code, "real");
    println!(
        "listener: {} arbitrary requests, then the real callback succeeded",
        LISTENER_CASES.load(Ordering::SeqCst)
    );
}

// ----- response decoding -----

/// What the local server answers: (status, extra headers, body) for API paths; token paths get
/// a valid token unless `fuzz_token`.
#[derive(Clone, Default)]
struct Answer {
    status: u16,
    headers: String,
    body: Vec<u8>,
    fuzz_token: bool,
}

struct Server {
    base: Url,
    answer: Arc<Mutex<Answer>>,
}

const TOKEN: &str = r#"{"access_token":"prop-access","token_type":"Bearer","expires_in":3600,"refresh_token":"prop-refresh"}"#;

fn server() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| {
        rt().block_on(async {
            let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let base = Url::parse(&format!("http://{}", l.local_addr().unwrap())).unwrap();
            let answer: Arc<Mutex<Answer>> = Arc::default();
            let a = answer.clone();
            tokio::spawn(async move {
                loop {
                    let Ok((mut sock, _)) = l.accept().await else {
                        return;
                    };
                    let a = a.clone();
                    tokio::spawn(async move {
                        let mut buf = Vec::new();
                        let mut chunk = [0u8; 8192];
                        let head_end = loop {
                            let n = match sock.read(&mut chunk).await {
                                Ok(0) | Err(_) => return,
                                Ok(n) => n,
                            };
                            buf.extend_from_slice(&chunk[..n]);
                            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                                break i;
                            }
                        };
                        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
                        let len = head
                            .lines()
                            .find_map(|l| {
                                let (k, v) = l.split_once(':')?;
                                k.eq_ignore_ascii_case("content-length")
                                    .then(|| v.trim().parse::<usize>().ok())?
                            })
                            .unwrap_or(0);
                        while buf.len() < head_end + 4 + len {
                            match sock.read(&mut chunk).await {
                                Ok(0) | Err(_) => break,
                                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                            }
                        }
                        let ans = a.lock().unwrap().clone();
                        let token_path = head.lines().next().unwrap_or_default().contains("Token");
                        let (status, headers, body) = if token_path && !ans.fuzz_token {
                            (200, String::new(), TOKEN.as_bytes().to_vec())
                        } else {
                            (ans.status, ans.headers.clone(), ans.body.clone())
                        };
                        let mut resp = format!(
                            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        )
                        .into_bytes();
                        resp.extend_from_slice(&body);
                        let _ = sock.write_all(&resp).await;
                        let _ = sock.shutdown().await;
                    });
                }
            });
            Server { base, answer }
        })
    })
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|f| serde_json::json!(f)),
        ".{0,20}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::hash_map(
                prop_oneof![
                    Just("success".to_owned()),
                    Just("errno".to_owned()),
                    Just("error".to_owned()),
                    Just("id".to_owned()),
                    Just("name".to_owned()),
                    Just("phase".to_owned()),
                    Just("domain".to_owned()),
                    Just("connection".to_owned()),
                    Just("connections".to_owned()),
                    Just("access_token".to_owned()),
                    Just("expires_in".to_owned()),
                    Just("data".to_owned()),
                    "[a-z_]{1,10}",
                ],
                inner,
                0..8
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Real-looking bodies with one field replaced by an arbitrary value.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let bases = vec![
        r#"{"id":1,"name":"S","domain":"s.example","secure_url":"https://s.example","plan_name":"Plus","status":"live"}"#,
        r#"{"success":true,"result":{"id":1,"name":"c","storeHash":"abc123","phase":"active","enabled":true}}"#,
        r#"{"success":false,"errno":10000,"error":"not logged in"}"#,
        r#"{"success":true,"connections":[{"id":1,"storeHash":"abc123","phase":"synchronizing"}]}"#,
        r#"{"success":true,"tenant":"acme"}"#,
    ];
    (
        proptest::sample::select(bases),
        "[a-zA-Z_]{1,12}",
        arb_json(),
    )
        .prop_map(|(b, k, v)| {
            let mut base: serde_json::Value = serde_json::from_str(b).unwrap();
            if let Some(o) = base.as_object_mut() {
                let key = o.keys().nth(k.len() % o.len()).cloned().unwrap();
                o.insert(key, v);
            }
            serde_json::to_vec(&base).unwrap()
        })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        ".{0,200}".prop_map(String::into_bytes),
        arb_json().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        mutated(),
        mutated(),
    ]
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(200),
        Just(201),
        Just(204),
        Just(301),
        Just(400),
        Just(401),
        Just(403),
        Just(404),
        Just(429),
        Just(500),
        Just(503),
        Just(530),
        200u16..600,
    ]
}

fn headers() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (any::<i64>(), any::<i64>()).prop_map(|(l, r)| format!(
            "X-Rate-Limit-Requests-Left: {l}\r\nX-Rate-Limit-Time-Reset-Ms: {r}\r\n"
        )),
        "[ -~]{0,12}".prop_map(|v| format!("X-Rate-Limit-Time-Reset-Ms: {v}\r\n")),
    ]
}

fn quick_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(2),
        max_rate_limit_wait: Duration::from_millis(20),
    }
}

fn client() -> reqwest::Client {
    http::client_with_env(
        &HttpConfig {
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(3),
        },
        ProxyEnv::default(),
    )
    .unwrap()
}

static DECODE_CASES: AtomicUsize = AtomicUsize::new(0);
/// The two decoding properties share the one server: one case at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn set_answer(status: u16, headers: String, body: Vec<u8>, fuzz_token: bool) {
    *server().answer.lock().unwrap() = Answer {
        status,
        headers,
        body,
        fuzz_token,
    };
}

/// Runs `f` with a hang guard; a panic inside fails the property.
fn guarded<T>(f: impl std::future::Future<Output = T>) -> Option<T> {
    rt().block_on(async { tokio::time::timeout(Duration::from_secs(10), f).await.ok() })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn bigcommerce_decoding_never_panics(status in status(), headers in headers(), body in body()) {
        let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let s = server();
        set_answer(status, headers, body, false);
        let profile = Profile::demo(&s.base);
        let c = BigCommerceClient::new(client(), &profile, StoreHash::parse("abc123").unwrap(), "tok".into())
            .with_retry(quick_retry());
        let r = guarded(async { (c.store_info().await, c.check_token().await, c.server_time().await) });
        DECODE_CASES.fetch_add(1, Ordering::SeqCst);
        let (a, b, t) = r.expect("no hang");
        for e in [a.err(), b.err(), t.err()].into_iter().flatten() {
            prop_assert!(listed(&e), "{e:?}");
        }
    }

    #[test]
    fn core1_decoding_never_panics(status in status(), headers in headers(), body in body(), fuzz_token in any::<bool>()) {
        let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let s = server();
        set_answer(status, headers, body, fuzz_token);
        let profile = Profile::demo(&s.base);
        let ws = WorkspaceUrl::parse("acme", &profile.core1.workspace).unwrap();
        let r = guarded(async {
            let secrets = SecretStore::session_only(None);
            secrets
                .set(&SecretKey::core1_refresh_token(ws.base()), &"prop-refresh".into())
                .await
                .unwrap();
            let c = Core1Client::new(client(), &profile, ws.clone(), secrets)
                .unwrap()
                .with_retry(quick_retry());
            let reach = setup_core::testing::core1::check_reachable(&client(), &ws, &quick_retry()).await;
            (reach.err(), c.ping().await.err(), c.get_connection(1).await.err(), c.list_connections().await.err(), c.find_connection("abc123").await.err())
        });
        DECODE_CASES.fetch_add(1, Ordering::SeqCst);
        let (a, b, c, d, e) = r.expect("no hang");
        for e in [a, b, c, d, e].into_iter().flatten() {
            prop_assert!(listed(&e), "{e:?}");
        }
    }
}
