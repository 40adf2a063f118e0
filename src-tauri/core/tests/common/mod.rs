//! Shared test helpers: the sandbox on an ephemeral port, the robot as the system browser,
//! profiles pointing at the sandbox, unique keyring service names, the engine as the flow tests
//! open it (`engine.rs`) and the captured logs (`logs.rs`).
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

mod engine;
mod logs;

#[allow(unused_imports)] // not every test binary uses them
pub use engine::fast_engine;
#[allow(unused_imports)]
pub use logs::{capture_logs, Captured};

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use setup_core::testing::http::{self, HttpConfig};
use setup_core::{BrowserOpener, Profile, SecretStore};
use setup_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use url::Url;

/// A sandbox with fast lifecycle phases; the profile offers all three roads (road 3 with the
/// sandbox's loopback partner app, registered for a free port). Its workspaces know the wizard's
/// Core1 app registration with a Redirect URI on another free port, and the profile carries that
/// registration's secret (as a consultant's prefilled one): the tests of the guided registration
/// start from [`world_unregistered`].
pub struct World {
    pub sandbox: SandboxHandle,
    pub profile: Profile,
    pub http: reqwest::Client,
}

pub async fn world() -> World {
    world_with(SandboxConfig::fast(Duration::from_millis(20))).await
}

pub async fn world_with(config: SandboxConfig) -> World {
    let core1_port = free_port();
    let redirect = format!("http://127.0.0.1:{core1_port}/core1/callback");
    let mut w = world_unregistered_with(config.with_core1_registration(&redirect)).await;
    w.profile.core1.callback_port = core1_port;
    w.profile.core1.client_secret = Some(setup_core::SecretString::from(
        setup_sandbox::config::PRACTICE_CORE1_CLIENT_SECRET,
    ));
    w
}

/// A world whose workspaces do not know the wizard's Core1 app yet (a merchant's, at first): the
/// profile carries no Core1 secret and names a free Core1 callback port.
pub async fn world_unregistered() -> World {
    let mut w = world_unregistered_with(SandboxConfig::fast(Duration::from_millis(20))).await;
    w.profile.core1.callback_port = free_port();
    w
}

async fn world_unregistered_with(config: SandboxConfig) -> World {
    let sandbox = Sandbox::start(config).await.expect("sandbox starts");
    let base = Url::parse(sandbox.base_url()).unwrap();
    let mut profile = Profile::demo_with_own_app(&base);
    let port = free_port();
    profile.bigcommerce.callback_port = port;
    profile.signin_timeout = Duration::from_secs(20);
    profile.request_timeout = Duration::from_secs(5);
    sandbox.register_bc_callback(format!(
        "http://127.0.0.1:{port}{}",
        profile.bigcommerce.callback_path
    ));
    let http = http::client(&HttpConfig {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(5),
    })
    .unwrap();
    World {
        sandbox,
        profile,
        http,
    }
}

/// A BigCommerce access token the sandbox accepts (the store-level key of roads 2 and Manage).
pub async fn store_token(w: &World) -> setup_core::SecretString {
    let robot = RobotBrowser::confirming();
    setup_core::testing::bigcommerce::sign_in(&w.profile, w.http.clone(), None, &robot)
        .await
        .unwrap()
        .access_token
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A keyring service name no other test uses.
pub fn unique_service(tag: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "setup-core-test-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// The OS keyring if one works here, else a session-only store (the flow tests pass with both;
/// the keyring tests in `keyring.rs` insist on the real one).
pub async fn secrets(tag: &str) -> SecretStore {
    SecretStore::open(&unique_service(tag)).await
}

/// The access Actindo's connector asks for, as the sandbox registers it.
#[allow(unused_imports)] // not every test binary uses it
pub use setup_sandbox::config::CONNECTOR_SCOPES;

/// The sandbox's browser robot as the system browser (the core's `testing::RobotOpener`).
pub use setup_core::testing::RobotOpener as RobotBrowser;

/// A browser that cannot be opened.
pub struct NoBrowser;

impl BrowserOpener for NoBrowser {
    fn open(&self, _url: &Url) -> setup_core::Result<()> {
        Err(setup_core::Error::BrowserOpenFailed {
            reason: "no browser here".into(),
        })
    }
}
