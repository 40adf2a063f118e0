//! A faithful local BigCommerce and Core1 workspace, over real HTTP on 127.0.0.1, with faults on
//! demand — for the tests, the app's practice mode, and anyone checking the app from outside.
//!
//! # URL layout
//! One listener, `base = http://127.0.0.1:{port}`:
//!
//! | real host | in the sandbox |
//! |---|---|
//! | `https://login.bigcommerce.com` | `{base}/bc-login` — `/app/{client_id}/install`, `/oauth2/authorize`, `POST /oauth2/token`, `/login` |
//! | `https://api.bigcommerce.com` | `{base}/bc-api` — `/stores/{hash}/v2/store`, `/stores/{hash}/v2/time` |
//! | `https://{name}.actindo.com` | `{base}/core1/{name}` — `/Actindo.CoreModules.Auth.OAuth2.authorize`, `POST /Actindo.CoreModules.Auth.OAuth2Token.getAccessToken`, `POST /Actindo.CoreModules.Tools.TenantTest.ping`, `POST /Actindo.Modules.Actindo.Channels.Connections.*`, `GET /` (reachability) |
//! | — | `{base}/__sandbox/…` — the control API ([`control`]) |
//!
//! An unknown workspace name answers 404 on everything. See the modules for each contract:
//! [`bigcommerce`], [`core1`], [`faults`], [`control`], [`robot`].
//!
//! # Seeds ([`SandboxConfig::default`])
//! - BigCommerce logins `merchant@example.com` (store `abc123` "Practice Store", Plus, live) and
//!   `second-merchant@example.com` (store `def456`), password `practice-password`.
//! - BigCommerce app `practice-bc-client-id` / `practice-bc-client-secret`, registered callback
//!   `http://127.0.0.1:53682/bigcommerce/callback` (replace it with
//!   [`SandboxHandle::register_bc_callback`]).
//! - Core1 workspaces `practice` and `acme`; user `consultant@example.com` / `practice-password`;
//!   public OAuth client `core1-bigcommerce-setup`, redirect `http://127.0.0.1:{any}/core1/callback`.
//!
//! # Use from Rust
//! ```no_run
//! # async fn demo() -> setup_sandbox::Result<()> {
//! use setup_sandbox::{Sandbox, SandboxConfig, faults::Fault};
//! let sandbox = Sandbox::start(SandboxConfig::default()).await?;
//! sandbox.register_bc_callback("http://127.0.0.1:53682/bigcommerce/callback");
//! println!("install at {}", sandbox.bc_install_url());
//! sandbox.set_fault(Fault::Frozen { workspace: "acme".into() }, None);
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

pub mod bigcommerce;
pub mod config;
pub mod control;
pub mod core1;
mod error;
pub mod faults;
mod pages;
pub mod robot;
mod server;
mod util;

pub use config::SandboxConfig;
pub use core1::channels::Connection;
pub use error::{Error, Result};
pub use faults::{Area, Fault, FaultRule};

use faults::FaultSet;
use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// What a secret in the ledger ([`SandboxHandle::issued_secrets_by_kind`]) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    /// An app registration's client secret (BigCommerce, and Core1's when it has one).
    ClientSecret,
    /// An OAuth authorization code (BigCommerce install/consent, Core1 sign-in).
    AuthorizationCode,
    /// A PKCE code verifier the sandbox received at a token endpoint.
    PkceVerifier,
    /// An access token: BigCommerce's store access key, or a Core1 access token.
    AccessToken,
    /// A Core1 refresh token.
    RefreshToken,
    /// The store access key a Core1 connection was given as credentials.
    ConnectionCredential,
}

/// The shared world behind every handler: seeds, mutable state, and the sandbox's own address.
pub(crate) struct World {
    pub(crate) config: SandboxConfig,
    pub(crate) base_url: String,
    /// Client for the sandbox's calls to itself (Core1 checking BigCommerce credentials).
    pub(crate) http: reqwest::Client,
    state: Mutex<State>,
}

/// Everything that changes at run time.
pub(crate) struct State {
    pub(crate) faults: FaultSet,
    pub(crate) ledger: Vec<(SecretKind, String)>,
    pub(crate) bc_callback: String,
    pub(crate) bc: bigcommerce::BcState,
    pub(crate) core1: HashMap<String, core1::WorkspaceState>,
}

impl State {
    fn new(config: &SandboxConfig, bc_callback: String) -> Self {
        let mut ledger = vec![(
            SecretKind::ClientSecret,
            config.bigcommerce.app.client_secret.clone(),
        )];
        if let Some(secret) = &config.core1.client.client_secret {
            ledger.push((SecretKind::ClientSecret, secret.clone()));
        }
        Self {
            faults: FaultSet::default(),
            ledger,
            bc_callback,
            bc: bigcommerce::BcState::default(),
            core1: config
                .core1
                .workspaces
                .iter()
                .map(|w| (w.clone(), core1::WorkspaceState::default()))
                .collect(),
        }
    }

    /// Records a secret the sandbox issued or received, for leak tests.
    pub(crate) fn record(&mut self, kind: SecretKind, secret: &str) {
        if !secret.is_empty() && !self.ledger.iter().any(|(_, s)| s == secret) {
            self.ledger.push((kind, secret.to_owned()));
        }
    }
}

impl World {
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Fires the first switched-on fault matching `pred`.
    pub(crate) fn take_fault(&self, pred: impl Fn(&Fault) -> bool) -> Option<Fault> {
        self.state().faults.take(pred)
    }

    pub(crate) fn set_fault(&self, fault: Fault, count: Option<u32>) -> u64 {
        self.state().faults.add(fault, count)
    }

    pub(crate) fn uninstall_app(&self, store_hash: &str) -> Result<usize> {
        if self.config.store(store_hash).is_none() {
            return Err(Error::UnknownStore(store_hash.to_owned()));
        }
        Ok(self.state().bc.revoke_store(store_hash))
    }

    pub(crate) fn freeze(&self, workspace: &str, frozen: bool) -> Result<()> {
        if !self.config.has_workspace(workspace) {
            return Err(Error::UnknownWorkspace(workspace.to_owned()));
        }
        let mut state = self.state();
        state
            .faults
            .remove_where(|f| matches!(f, Fault::Frozen { workspace: w } if w == workspace));
        if frozen {
            state.faults.add(
                Fault::Frozen {
                    workspace: workspace.to_owned(),
                },
                None,
            );
        }
        Ok(())
    }

    pub(crate) fn connections(&self, workspace: &str) -> Result<Vec<Connection>> {
        let now = std::time::Instant::now();
        let state = self.state();
        let ws = state
            .core1
            .get(workspace)
            .ok_or_else(|| Error::UnknownWorkspace(workspace.to_owned()))?;
        Ok(ws
            .connections
            .values()
            .map(|c| c.view(&self.config.core1.lifecycle, now))
            .collect())
    }

    pub(crate) fn reset(&self) {
        let mut state = self.state();
        let callback = state.bc_callback.clone();
        *state = State::new(&self.config, callback);
    }
}

/// Starts sandboxes.
pub struct Sandbox;

impl Sandbox {
    /// Starts the sandbox on an ephemeral port of 127.0.0.1 (tests can run in parallel).
    pub async fn start(config: SandboxConfig) -> Result<SandboxHandle> {
        Self::start_on_port(config, 0).await
    }

    /// Starts the sandbox on 127.0.0.1:`port` (`0` = ephemeral), e.g. for the `sandbox` binary.
    pub async fn start_on_port(config: SandboxConfig, port: u16) -> Result<SandboxHandle> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))
            .await
            .map_err(|source| Error::Bind { port, source })?;
        let addr = listener.local_addr()?;
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()?;
        let callback = config.bigcommerce.app.callback_url.clone();
        let world = Arc::new(World {
            state: Mutex::new(State::new(&config, callback)),
            config,
            base_url: format!("http://{addr}"),
            http,
        });
        let app = routes(world.clone());
        let (shutdown, rx) = watch::channel(false);
        let task = tokio::spawn(server::serve(listener, app, rx));
        tracing::info!(%addr, "sandbox listening");
        Ok(SandboxHandle {
            world,
            addr,
            shutdown,
            task: Some(task),
        })
    }
}

fn routes(world: Arc<World>) -> axum::Router {
    axum::Router::new()
        .merge(bigcommerce::routes())
        .merge(core1::routes())
        .merge(control::routes())
        .fallback(|| async { (axum::http::StatusCode::NOT_FOUND, "Not found") })
        .layer(axum::middleware::from_fn_with_state(
            world.clone(),
            faults::layer,
        ))
        .with_state(world)
}

/// A running sandbox. Dropping it stops the server; [`SandboxHandle::shutdown`] also waits for it.
pub struct SandboxHandle {
    world: Arc<World>,
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl SandboxHandle {
    /// `http://127.0.0.1:{port}`.
    pub fn base_url(&self) -> &str {
        &self.world.base_url
    }

    /// The bound socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stand-in for `https://login.bigcommerce.com`.
    pub fn bc_login_base(&self) -> String {
        format!("{}/bc-login", self.base_url())
    }

    /// Stand-in for `https://api.bigcommerce.com`.
    pub fn bc_api_base(&self) -> String {
        format!("{}/bc-api", self.base_url())
    }

    /// The app's install link, `{bc_login_base}/app/{client_id}/install`.
    pub fn bc_install_url(&self) -> String {
        format!(
            "{}/app/{}/install",
            self.bc_login_base(),
            self.world.config.bigcommerce.app.client_id
        )
    }

    /// Stand-in for `https://{name}.actindo.com` (no trailing slash).
    pub fn core1_workspace_url(&self, name: &str) -> String {
        format!("{}/core1/{name}", self.base_url())
    }

    /// Base of the control API, `{base}/__sandbox`.
    pub fn control_url(&self) -> String {
        format!("{}/__sandbox", self.base_url())
    }

    /// The seeds the sandbox was started with.
    pub fn config(&self) -> &SandboxConfig {
        &self.world.config
    }

    /// Switches a fault on, for the next `count` matching events or (`None`) until cleared.
    /// Returns the rule id.
    pub fn set_fault(&self, fault: Fault, count: Option<u32>) -> u64 {
        self.world.set_fault(fault, count)
    }

    /// The faults currently switched on.
    pub fn faults(&self) -> Vec<FaultRule> {
        self.world.state().faults.list()
    }

    /// Switches every fault off (this also unfreezes every workspace).
    pub fn clear_faults(&self) {
        self.world.state().faults.clear();
    }

    /// "Uninstall the app" from a store: revokes every BigCommerce token the app got for it.
    /// Returns how many tokens were revoked.
    pub fn uninstall_app(&self, store_hash: &str) -> Result<usize> {
        self.world.uninstall_app(store_hash)
    }

    /// Freezes (HTTP 530 everywhere) or unfreezes a workspace.
    pub fn freeze(&self, workspace: &str, frozen: bool) -> Result<()> {
        self.world.freeze(workspace, frozen)
    }

    /// Registers (replaces) the BigCommerce app's exact callback URL.
    pub fn register_bc_callback(&self, url: impl Into<String>) {
        self.world.state().bc_callback = url.into();
    }

    /// The BigCommerce app's currently registered callback URL.
    pub fn bc_callback(&self) -> String {
        self.world.state().bc_callback.clone()
    }

    /// Every secret the sandbox issued or received so far (codes, tokens, client secrets,
    /// PKCE verifiers, connection credentials), for leak tests.
    pub fn issued_secrets(&self) -> Vec<String> {
        let st = self.world.state();
        st.ledger.iter().map(|(_, s)| s.clone()).collect()
    }

    /// [`Self::issued_secrets`] with what each one is, e.g. to check that a leak test searched
    /// for at least one access token, refresh token and authorization code.
    pub fn issued_secrets_by_kind(&self) -> Vec<(SecretKind, String)> {
        self.world.state().ledger.clone()
    }

    /// The Omni-Channel connections of a workspace, as `Connections.list` would show them.
    pub fn connections(&self, workspace: &str) -> Result<Vec<Connection>> {
        self.world.connections(workspace)
    }

    /// Back to the seeded world: faults, sessions, codes, tokens, connections and the ledger are
    /// cleared. The registered BigCommerce callback is kept.
    pub fn reset(&self) {
        self.world.reset();
    }

    /// Asks the server to stop (without waiting), e.g. when the handle is shared behind an `Arc`.
    pub fn stop(&self) {
        let _ = self.shutdown.send(true);
    }

    /// Stops the server and waits until it has stopped accepting.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}
