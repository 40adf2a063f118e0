//! The merchant's own network, played on 127.0.0.1 by setup-sandbox's `network` feature: the
//! practice sandbox behind HTTPS with a certificate from a test CA, an HTTPS-inspecting proxy's
//! re-signed certificate, and a `CONNECT` proxy that counts its tunnels and may ask for a
//! password. Real clients (`http::client_with_env`), real core calls (the workspace check, the
//! API-account check), nothing mocked, nothing leaves this machine (the proxy sends every
//! tunnel to a local listener, whatever name was asked for).
//!
//! The test CA reaches the trust store the way the platform reads it: on Linux the bundle named
//! by `SSL_CERT_FILE`, set once for this test binary before any client is built. Windows and
//! macOS do not read that variable (their stores are the system's), so there the practice CA is
//! as unknown as an inspecting proxy's: tests say per platform what they expect.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use setup_core::testing::core1::check_reachable;
use setup_core::testing::http::{self, HttpConfig, ProxyEnv};
use setup_core::Profile;
use setup_core::RetryPolicy;
use setup_core::WorkspaceUrl;
use setup_sandbox::network::{ConnectProxy, HttpsFront, TestCa};
use setup_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use url::Url;

/// The host name the office's clients use for the practice services, which only the practice
/// proxy knows how to reach.
const NAME: &str = "practice.test";

/// Whether `SSL_CERT_FILE` decides what this platform's verifier trusts.
const STORE_FROM_ENV: bool = cfg!(not(any(windows, target_os = "macos")));

/// The two CAs of this run: the practice CA (put into the trust store) and an inspecting
/// proxy's (never put there).
struct Cas {
    practice: TestCa,
    inspector: TestCa,
    _dir: tempfile::TempDir,
}

fn cas() -> &'static Cas {
    static CAS: OnceLock<Cas> = OnceLock::new();
    CAS.get_or_init(|| {
        let practice = TestCa::new("Core1 Setup Practice Root").unwrap();
        let inspector = TestCa::new("Office HTTPS Inspection CA").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let bundle: PathBuf = dir.path().join("trusted.pem");
        practice.write_pem(&bundle).unwrap();
        // Before any client exists (every test calls `cas()` first): the OS trust store of this
        // process is the practice CA alone.
        std::env::set_var("SSL_CERT_FILE", &bundle);
        std::env::remove_var("SSL_CERT_DIR");
        Cas {
            practice,
            inspector,
            _dir: dir,
        }
    })
}

/// The sandbox, behind HTTPS with the practice CA's certificate, and behind an inspecting
/// proxy's re-signing front (its own CA).
struct Net {
    sandbox: SandboxHandle,
    front: HttpsFront,
    inspected: HttpsFront,
}

async fn net() -> Net {
    let cas = cas();
    let sandbox = Sandbox::start(SandboxConfig::fast(Duration::from_millis(20)))
        .await
        .unwrap();
    let names = ["127.0.0.1", NAME];
    let front = HttpsFront::start(sandbox.base_url(), cas.practice.issue(&names).unwrap())
        .await
        .unwrap();
    let inspected = HttpsFront::start(sandbox.base_url(), cas.inspector.issue(&names).unwrap())
        .await
        .unwrap();
    Net {
        sandbox,
        front,
        inspected,
    }
}

fn client(vars: &[(&str, String)]) -> reqwest::Client {
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

/// The practice workspace `acme` at `base` (`https://…`), checked as the wizard's Workspace step
/// does.
async fn workspace_check(http: &reqwest::Client, base: &str) -> setup_core::Result<()> {
    let profile = Profile::demo(&Url::parse(base).unwrap());
    let workspace = WorkspaceUrl::parse("acme", &profile.core1.workspace).unwrap();
    check_reachable(http, &workspace, &RetryPolicy::fast()).await
}

/// Road 2's check of a store-level API account against the BigCommerce API at `base`.
async fn api_account_check(
    http: &reqwest::Client,
    net: &Net,
    base: &str,
) -> setup_core::Result<String> {
    let account = net
        .sandbox
        .create_api_account("abc123", &["store_v2_information_read_only"])
        .unwrap();
    let profile = Profile::demo(&Url::parse(base).unwrap());
    let api_path = format!("{}/stores/abc123/v3/", profile.bigcommerce.api_url);
    setup_core::testing::bigcommerce::validate_api_account(
        http.clone(),
        &profile,
        &api_path,
        &account.access_token,
    )
    .await
    .map(|v| v.store.name)
}

fn assert_intercepted(result: setup_core::Result<impl std::fmt::Debug>) {
    let err = result.unwrap_err();
    // Its own code, not `*_unreachable`: the user's words (the locales) name what IT must allow.
    assert_eq!(err.code(), "connection_intercepted", "{err:?}");
}

#[tokio::test]
async fn the_practice_server_over_https_is_trusted_through_the_os_store() {
    let net = net().await;
    let http = client(&[]);
    let reachable = workspace_check(&http, &net.front.url()).await;
    let store = api_account_check(&http, &net, &net.front.url()).await;
    if STORE_FROM_ENV {
        reachable.unwrap();
        assert_eq!(store.unwrap(), "Practice Store");
        assert!(net.front.requests() >= 2);
    } else {
        // The platform's own store does not know a CA made a moment ago.
        assert_intercepted(reachable);
        assert_intercepted(store);
    }
    net.sandbox.shutdown().await;
}

#[tokio::test]
async fn a_re_signed_connection_has_its_own_code_and_words_and_is_not_retried() {
    let net = net().await;
    let http = client(&[]);
    assert_intercepted(workspace_check(&http, &net.inspected.url()).await);
    // One connection, nothing sent over it: a certificate problem is not retried (the workspace
    // check retries a dead network up to 4 times).
    assert_eq!(net.inspected.connections(), 1);
    assert_eq!(net.inspected.requests(), 0);

    assert_intercepted(api_account_check(&http, &net, &net.inspected.url()).await);
    assert_eq!(net.inspected.connections(), 2);
    assert_eq!(net.inspected.requests(), 0);

    // A dead address is still "unreachable", not a certificate problem.
    let closed = format!("https://{}", free_addr());
    let err = workspace_check(&http, &closed).await.unwrap_err();
    assert_eq!(err.code(), "core1_unreachable");
    net.sandbox.shutdown().await;
}

#[tokio::test]
async fn requests_pass_through_the_proxy_and_are_counted() {
    let net = net().await;
    let proxy = ConnectProxy::start(net.front.addr()).await.unwrap();
    let http = client(&[("HTTPS_PROXY", proxy.url())]);
    let base = format!("https://{NAME}");

    let reachable = workspace_check(&http, &base).await;
    let store = api_account_check(&http, &net, &base).await;
    let tunnels = proxy.tunnels();
    assert!(!tunnels.is_empty(), "nothing went through the proxy");
    assert!(
        tunnels.iter().all(|t| t == &format!("{NAME}:443")),
        "{tunnels:?}"
    );
    if STORE_FROM_ENV {
        reachable.unwrap();
        assert_eq!(store.unwrap(), "Practice Store");
        assert!(net.front.requests() >= 2);
    } else {
        assert_intercepted(reachable);
        assert_intercepted(store);
    }

    // The office's proxy starts inspecting: its tunnels now end at a re-signing front.
    proxy.send_tunnels_to(net.inspected.addr());
    let http = client(&[("HTTPS_PROXY", proxy.url())]);
    assert_intercepted(workspace_check(&http, &base).await);
    assert_eq!(net.inspected.connections(), 1);
    assert_eq!(net.inspected.requests(), 0);
    proxy.shutdown().await;
    net.sandbox.shutdown().await;
}

#[tokio::test]
async fn a_proxy_that_asks_for_a_password_gets_its_own_words() {
    let net = net().await;
    let proxy = ConnectProxy::with_password(net.front.addr(), "merchant", "office-password")
        .await
        .unwrap();
    let base = format!("https://{NAME}");

    let http = client(&[("HTTPS_PROXY", proxy.url())]);
    let err = workspace_check(&http, &base).await.unwrap_err();
    assert_eq!(err.code(), "proxy_auth_required", "{err:?}");
    // Asked once: a proxy's 407 is not retried.
    assert_eq!(proxy.refused(), vec![format!("{NAME}:443")]);
    assert!(proxy.tunnels().is_empty());
    let err = api_account_check(&http, &net, &base).await.unwrap_err();
    assert_eq!(err.code(), "proxy_auth_required", "{err:?}");

    // With the user and password in the proxy variable, the tunnel opens.
    let http = client(&[("HTTPS_PROXY", proxy.url_with("merchant", "office-password"))]);
    let reachable = workspace_check(&http, &base).await;
    assert_eq!(proxy.tunnels(), vec![format!("{NAME}:443")]);
    if STORE_FROM_ENV {
        reachable.unwrap();
    } else {
        assert_intercepted(reachable);
    }
    proxy.shutdown().await;
    net.sandbox.shutdown().await;
}

#[tokio::test]
async fn loopback_never_goes_to_the_proxy() {
    let net = net().await;
    let proxy = ConnectProxy::start(net.front.addr()).await.unwrap();
    let http = client(&[
        ("HTTPS_PROXY", proxy.url()),
        ("HTTP_PROXY", proxy.url()),
        ("ALL_PROXY", proxy.url()),
    ]);
    // The plain practice sandbox on 127.0.0.1, as practice mode uses it.
    workspace_check(&http, net.sandbox.base_url())
        .await
        .unwrap();
    // And the HTTPS front on 127.0.0.1.
    let direct = workspace_check(&http, &net.front.url()).await;
    if STORE_FROM_ENV {
        direct.unwrap();
    } else {
        assert_intercepted(direct);
    }
    assert!(proxy.tunnels().is_empty(), "{:?}", proxy.tunnels());
    assert!(proxy.refused().is_empty());
    proxy.shutdown().await;
    net.sandbox.shutdown().await;
}

fn free_addr() -> std::net::SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}
