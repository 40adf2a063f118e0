//! A faithful local BigCommerce and Core1 workspace, with Actindo's connector app, over real
//! HTTP on 127.0.0.1, with faults on demand — for the tests, the app's practice mode, and anyone
//! checking the app from outside. Faithful means it refuses what the real services refuse: a
//! marketplace app gets no `state` and no loopback callback.
//!
//! # URL layout
//! One listener, `base = http://127.0.0.1:{port}`:
//!
//! | real host | in the sandbox |
//! |---|---|
//! | `https://login.bigcommerce.com` | `{base}/bc-login` — `/login`, `/deep-links/{path}`, `/app/{client_id}/install`, `POST /consent`, `POST /oauth2/token`, `/oauth2/authorize` (loopback partner app only) |
//! | the store control panel | `{base}/bc-login/manage/…` — `marketplace/apps[?search=]`, `marketplace/apps/{app_id}`, `marketplace/apps/my-apps`, `POST marketplace/apps/{app_id}/uninstall`, `settings/api-accounts` (list, `POST` create), `settings/api-accounts/create`, `POST settings/api-accounts/{n}/delete` |
//! | `https://api.bigcommerce.com` | `{base}/bc-api/stores/{hash}/` — `v2/store`, `v2/time`, `v2/orders[/count]`, `v3/catalog/products`, `v3/catalog/summary`, `v3/catalog/categories`, `v3/customers`, `v3/inventory/items`, `v3/inventory/adjustments/absolute`, `v3/channels`, `v3/channels/{id}/listings` |
//! | Actindo's connector app | `{base}/connector` — `/auth`, `/uninstall`, `POST /setup`, `/done` ([`connector`]) |
//! | `https://{name}.actindo.com` | `{base}/core1/{name}` — `/Actindo.CoreModules.Auth.OAuth2.authorize`, `POST /Actindo.CoreModules.Auth.OAuth2Token.getAccessToken`, `POST /Actindo.CoreModules.Tools.TenantTest.ping`, `POST /Actindo.Modules.Actindo.Channels.Connections.*`, `/login`, `/bigcommerce/connect?handoff=` (the connector's hand-over), `GET /` (reachability) |
//! | — | `{base}/__sandbox/…` — the control API (`control`: only with the crate's `control` feature, a default one, and never in the app's practice server, [`SandboxConfig::embedded`]) |
//!
//! An unknown workspace name answers 404 on everything. Every request must name the sandbox's
//! own `127.0.0.1:{port}` in `Host` (else 421), and writes from another site are refused (403):
//! see `guard`. See the modules for each contract:
//! [`bigcommerce`], [`connector`], [`core1`], [`faults`], `control`, [`robot`].
//!
//! # The roads a merchant takes
//! - Road 1, Actindo's connector: [`SandboxHandle::marketplace_url`] (deep link to Apps ›
//!   Marketplace) → login → search → the listing → Install → Confirm → the connector in the
//!   control panel's iframe → workspace URL → START SETUP → Core1 (login if needed) →
//!   "BigCommerce connected"; the connection is created, or the store's existing one updated.
//!   Uninstall in My Apps revokes the token; Core1 notices at its next scheduled import.
//! - Road 2, a store-level API account: [`SandboxHandle::api_accounts_url`], or
//!   [`SandboxHandle::create_api_account`]; its token answers the API probes by scope.
//! - Road 3, the wizard's own app: only the loopback partner registration
//!   (`practice-bc-client-id`), which real BigCommerce would not accept for a marketplace app.
//!
//! # Seeds ([`SandboxConfig::default`])
//! - BigCommerce logins `merchant@example.com` (store `abc123` "Practice Store", Plus, live; 250
//!   products, 310 variants, 6 categories, 9 customers, 42 orders) and
//!   `second-merchant@example.com` (store `def456`), password `practice-password`.
//! - The connector app "Actindo Core1 DOP Connector" (`actindo-core1-dop-connector`), client
//!   `practice-connector-client-id`, callbacks `{base}/connector/auth` and `…/uninstall`; two
//!   decoy apps in the marketplace.
//! - The loopback partner app `practice-bc-client-id` / `practice-bc-client-secret`, registered
//!   callback `http://127.0.0.1:53682/bigcommerce/callback` (replace it with
//!   [`SandboxHandle::register_bc_callback`]).
//! - Core1 workspaces `practice` and `acme`; user `consultant@example.com` / `practice-password`;
//!   public OAuth client `core1-bigcommerce-setup`, redirect `http://127.0.0.1:{any}/core1/callback`.
//!
//! # Use from Rust
//! ```no_run
//! # async fn demo() -> setup_sandbox::Result<()> {
//! use setup_sandbox::{Sandbox, SandboxConfig, faults::Fault};
//! use setup_sandbox::robot::{self, RobotOptions};
//! let sandbox = Sandbox::start(SandboxConfig::default()).await?;
//! let opts = RobotOptions {
//!     workspace: Some(sandbox.core1_workspace_url("acme")),
//!     ..RobotOptions::default()
//! };
//! robot::run(&sandbox.marketplace_url(), &opts).await?; // "BigCommerce connected"
//! println!("{:?}", sandbox.connections("acme")?);
//! sandbox.set_fault(Fault::Frozen { workspace: "acme".into() }, None);
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

pub mod bigcommerce;
pub mod config;
pub mod connector;
#[cfg(feature = "control")]
pub mod control;
pub mod core1;
mod error;
pub mod faults;
mod guard;
mod jwt;
#[cfg(feature = "network")]
pub mod network;
mod pages;
#[cfg(feature = "robot")]
pub mod robot;
mod saved_forms;
mod server;
mod snapshot;
mod util;

pub use bigcommerce::api_accounts::ApiAccount;
pub use config::SandboxConfig;
pub use core1::channels::Connection;
pub use core1::settings::{Applied, ConnectionSettings, SyncStatistics, VariantOptionType};
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
    /// An app registration's client secret (BigCommerce, and Core1's when it has one), or a
    /// store-level API account's client secret.
    ClientSecret,
    /// An OAuth authorization code (BigCommerce install/consent, Core1 sign-in), or the
    /// connector's single-use hand-over token to Core1.
    AuthorizationCode,
    /// A PKCE code verifier the sandbox received at a token endpoint.
    PkceVerifier,
    /// An access token: BigCommerce's store access key (app or API account), or a Core1 access
    /// token.
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
    /// Client for the sandbox's calls to itself (Core1 checking BigCommerce credentials, the
    /// connector exchanging its code, BigCommerce calling the uninstall callback).
    pub(crate) http: reqwest::Client,
    /// The runtime the server runs on, for background work started from synchronous handle calls.
    pub(crate) runtime: tokio::runtime::Handle,
    /// The port the server listens on.
    pub(crate) port: u16,
    /// Told of every change, for a persistent world's saver (`snapshot`).
    pub(crate) dirty: tokio::sync::Notify,
    state: Mutex<State>,
}

/// Everything that changes at run time.
pub(crate) struct State {
    pub(crate) faults: FaultSet,
    pub(crate) ledger: Vec<(SecretKind, String)>,
    /// The registered auth callback of each app, by client id (absolute URLs).
    pub(crate) callbacks: HashMap<String, String>,
    pub(crate) bc: bigcommerce::BcState,
    pub(crate) core1: HashMap<String, core1::WorkspaceState>,
    pub(crate) connector: connector::ConnectorState,
    /// How far the practice world's clock is ahead of this computer's
    /// ([`SandboxHandle::advance_clock`]): what Core1 reports as times, and its `Date` header.
    pub(crate) clock_offset: time::Duration,
}

impl State {
    fn new(config: &SandboxConfig, callbacks: HashMap<String, String>) -> Self {
        let mut state = Self {
            faults: FaultSet::default(),
            ledger: Vec::new(),
            callbacks,
            bc: bigcommerce::BcState::default(),
            core1: config
                .core1
                .workspaces
                .iter()
                .map(|w| (w.clone(), core1::WorkspaceState::seeded(&config.core1)))
                .collect(),
            connector: connector::ConnectorState::default(),
            clock_offset: time::Duration::ZERO,
        };
        for app in config.apps() {
            state.record(SecretKind::ClientSecret, &app.client_secret);
        }
        for r in &config.core1.registrations {
            state.record(SecretKind::ClientSecret, &r.client_secret);
        }
        state
    }

    /// Records a secret the sandbox issued or received, for leak tests.
    pub(crate) fn record(&mut self, kind: SecretKind, secret: &str) {
        if !secret.is_empty() && !self.ledger.iter().any(|(_, s)| s == secret) {
            self.ledger.push((kind, secret.to_owned()));
        }
    }
}

impl World {
    /// Something may have changed: a persistent world saves soon (`snapshot`).
    pub(crate) fn changed(&self) {
        self.dirty.notify_one();
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Now on the practice world's clock (this computer's, moved by
    /// [`SandboxHandle::advance_clock`]).
    pub(crate) fn wall_now(&self) -> time::OffsetDateTime {
        time::OffsetDateTime::now_utc() + self.state().clock_offset
    }

    /// A registered URL as an absolute one: a leading `/` means the sandbox's own origin.
    pub(crate) fn resolve(&self, url: &str) -> String {
        if url.starts_with('/') {
            format!("{}{url}", self.base_url)
        } else {
            url.to_owned()
        }
    }

    /// The registered auth callback of app `client_id`.
    pub(crate) fn callback(&self, client_id: &str) -> Option<String> {
        self.state().callbacks.get(client_id).cloned()
    }

    /// Fires the first switched-on fault matching `pred`.
    pub(crate) fn take_fault(&self, pred: impl Fn(&Fault) -> bool) -> Option<Fault> {
        self.state().faults.take(pred)
    }

    pub(crate) fn set_fault(&self, fault: Fault, count: Option<u32>) -> u64 {
        self.state().faults.add(fault, count)
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
        if !self.config.has_workspace(workspace) {
            return Err(Error::UnknownWorkspace(workspace.to_owned()));
        }
        Ok(core1::channels::list_views(self, workspace))
    }

    pub(crate) fn reset(&self) {
        let mut state = self.state();
        let callbacks = std::mem::take(&mut state.callbacks);
        *state = State::new(&self.config, callbacks);
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
        Self::serve(config, listener, None, None)
    }

    /// Starts a practice world that outlives the process: the world saved at `path` (see
    /// `snapshot` for what is kept) on its saved port, or a fresh one on a new port. When the
    /// saved port is taken the world moves to a new one and [`SandboxHandle::moved_from`] says
    /// from which: pages of the old address no longer reach it. The world is saved to `path`
    /// shortly after every change and when the server stops.
    pub async fn start_persistent(
        config: SandboxConfig,
        path: &std::path::Path,
    ) -> Result<SandboxHandle> {
        let saved = snapshot::Saved::read(path);
        let wanted = saved.as_ref().map_or(0, |s| s.port);
        let (listener, moved_from) =
            match tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, wanted)).await {
                Ok(listener) => (listener, None),
                Err(e) if wanted != 0 => {
                    tracing::warn!(port = wanted, error = %e, "saved practice port taken; moving");
                    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                        .await
                        .map_err(|source| Error::Bind { port: 0, source })?;
                    (listener, Some(wanted))
                }
                Err(source) => return Err(Error::Bind { port: 0, source }),
            };
        let mut handle = Self::serve(config, listener, saved, Some(path.to_owned()))?;
        handle.moved_from = moved_from;
        Ok(handle)
    }

    fn serve(
        config: SandboxConfig,
        listener: tokio::net::TcpListener,
        saved: Option<snapshot::Saved>,
        persist: Option<std::path::PathBuf>,
    ) -> Result<SandboxHandle> {
        let addr = listener.local_addr()?;
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()?;
        let base_url = format!("http://{addr}");
        let callbacks = config
            .apps()
            .into_iter()
            .map(|a| {
                let url = if a.callback_url.starts_with('/') {
                    format!("{base_url}{}", a.callback_url)
                } else {
                    a.callback_url.clone()
                };
                (a.client_id.clone(), url)
            })
            .collect();
        let mut state = State::new(&config, callbacks);
        let resumed = saved.is_some();
        if let Some(saved) = saved {
            saved.restore(&mut state);
        }
        let world = Arc::new(World {
            state: Mutex::new(state),
            config,
            base_url,
            http,
            runtime: tokio::runtime::Handle::current(),
            port: addr.port(),
            dirty: tokio::sync::Notify::new(),
        });
        if resumed {
            core1::lifecycle::resume_checks(&world);
        }
        let app = server::routes(world.clone());
        let (shutdown, rx) = watch::channel(false);
        let saver = persist.as_ref().map(|path| {
            snapshot::save_logged(&world, path);
            let saving = snapshot::keep_saving(world.clone(), path.clone(), rx.clone());
            tokio::spawn(saving)
        });
        let task = tokio::spawn(server::serve(listener, app, rx));
        tracing::info!(%addr, "sandbox listening");
        Ok(SandboxHandle {
            world,
            addr,
            shutdown,
            task: Some(task),
            persist,
            saver,
            moved_from: None,
        })
    }
}

/// A running sandbox. Dropping it stops the server; [`SandboxHandle::shutdown`] also waits for it.
pub struct SandboxHandle {
    world: Arc<World>,
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
    /// Where a persistent world is saved ([`Sandbox::start_persistent`]).
    persist: Option<std::path::PathBuf>,
    /// Saves a persistent world after changes, and once more when the server stops.
    saver: Option<JoinHandle<()>>,
    moved_from: Option<u16>,
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

    /// The saved port a persistent world could not have again (another program holds it), so
    /// it moved to [`Self::addr`].
    pub fn moved_from(&self) -> Option<u16> {
        self.moved_from
    }

    /// Writes a persistent world to its file now (nothing for another sandbox).
    pub fn save_now(&self) -> Result<()> {
        match &self.persist {
            Some(path) => Ok(snapshot::save(&self.world, path)?),
            None => Ok(()),
        }
    }

    /// "Start practice over": back to the seeded world ([`Self::reset`]), saved at once, on the
    /// same port.
    pub fn start_over(&self) -> Result<()> {
        self.world.reset();
        self.save_now()
    }

    /// Stand-in for `https://login.bigcommerce.com`.
    pub fn bc_login_base(&self) -> String {
        format!("{}/bc-login", self.base_url())
    }

    /// Stand-in for `https://api.bigcommerce.com`.
    pub fn bc_api_base(&self) -> String {
        format!("{}/bc-api", self.base_url())
    }

    /// The loopback partner app's install link, `{bc_login_base}/app/{client_id}/install`.
    pub fn bc_install_url(&self) -> String {
        format!(
            "{}/app/{}/install",
            self.bc_login_base(),
            self.world.config.bigcommerce.app.client_id
        )
    }

    /// The connector app's install link (`https://login.bigcommerce.com/app/{client_id}/install`).
    pub fn connector_install_url(&self) -> String {
        format!(
            "{}/app/{}/install",
            self.bc_login_base(),
            self.world.config.bigcommerce.connector.client_id
        )
    }

    /// A control-panel deep link, `{bc_login_base}/deep-links/{path}` (stand-in for
    /// `https://login.bigcommerce.com/deep-links/{path}`), e.g. `manage/marketplace/apps/my-apps`.
    pub fn bc_deep_link(&self, path: &str) -> String {
        format!(
            "{}/deep-links/{}",
            self.bc_login_base(),
            path.trim_start_matches('/')
        )
    }

    /// Deep link to Apps › Marketplace (where a person searches for the connector).
    pub fn marketplace_url(&self) -> String {
        self.bc_deep_link("manage/marketplace/apps")
    }

    /// Deep link to the connector's marketplace listing (with its Install button).
    pub fn connector_listing_url(&self) -> String {
        self.bc_deep_link(&format!(
            "manage/marketplace/apps/{}",
            self.world.config.bigcommerce.connector.app_id
        ))
    }

    /// Deep link to Apps › My Apps (installed apps, with Uninstall).
    pub fn my_apps_url(&self) -> String {
        self.bc_deep_link("manage/marketplace/apps/my-apps")
    }

    /// Deep link to Settings › API › Store-level API accounts.
    pub fn api_accounts_url(&self) -> String {
        self.bc_deep_link("settings/api-accounts")
    }

    /// Base of the practice connector app, `{base}/connector`.
    pub fn connector_url(&self) -> String {
        format!("{}/connector", self.base_url())
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

    /// Switches the fault rule `id` (from [`Self::set_fault`]) off; whether it was on.
    pub fn remove_fault(&self, id: u64) -> bool {
        self.world.state().faults.remove_id(id)
    }

    /// Switches every fault off (this also unfreezes every workspace).
    pub fn clear_faults(&self) {
        self.world.state().faults.clear();
    }

    /// "Uninstall the app" from a store, for every installed app (the partner app and the
    /// connector): revokes every token the apps got for it (store-level API accounts are not
    /// touched) and calls each app's uninstall callback in the background. Returns how many
    /// tokens were revoked.
    pub fn uninstall_app(&self, store_hash: &str) -> Result<usize> {
        bigcommerce::apps::uninstall_all(&self.world, store_hash)
    }

    /// How many `Connections.list` calls a workspace has answered (how often a client polls).
    pub fn connection_list_calls(&self, workspace: &str) -> u64 {
        self.world
            .state()
            .core1
            .get(workspace)
            .map_or(0, |w| w.list_calls)
    }

    /// Deletes every store-level API account of a store (Settings › API): their tokens stop
    /// working. Returns how many were deleted.
    pub fn delete_api_accounts(&self, store_hash: &str) -> usize {
        bigcommerce::api_accounts::delete_where(&self.world, |a| a.store_hash == store_hash)
    }

    /// The app ids installed on a store (Apps › My Apps).
    pub fn installed_apps(&self, store_hash: &str) -> Result<Vec<String>> {
        if self.world.config.store(store_hash).is_none() {
            return Err(Error::UnknownStore(store_hash.to_owned()));
        }
        Ok(bigcommerce::apps::installed(&self.world, store_hash))
    }

    /// Whether the practice connector app holds a live install (a token) for the store — what
    /// its own records say; `false` once BigCommerce called its uninstall callback.
    pub fn connector_installed(&self, store_hash: &str) -> bool {
        self.world
            .state()
            .connector
            .installs
            .values()
            .any(|i| i.store_hash == store_hash && !i.gone)
    }

    /// Creates a store-level API account (token type V2/V3) with exactly `scopes`, as Settings ›
    /// API › Store-level API accounts › Create API account would; its secrets go to the ledger.
    pub fn create_api_account(&self, store_hash: &str, scopes: &[&str]) -> Result<ApiAccount> {
        bigcommerce::api_accounts::create(&self.world, store_hash, None, scopes)
    }

    /// Puts an existing Omni-Channel connection for `store_hash` into `workspace`, as if it had
    /// been made earlier: its credentials are a fresh, valid store-level API account token (so
    /// the connection runs through its normal lifecycle to `active`). For "one connection per
    /// store" tests: the connector then updates this connection instead of adding one.
    pub fn seed_connection(
        &self,
        workspace: &str,
        store_hash: &str,
        name: &str,
    ) -> Result<Connection> {
        core1::channels::seed(&self.world, workspace, store_hash, name)
    }

    /// [`Self::seed_connection`] with its `updatedAt` (and `createdAt`) set back by `age`: a
    /// connection last changed before now — e.g. before a wizard started waiting.
    pub fn seed_connection_changed_ago(
        &self,
        workspace: &str,
        store_hash: &str,
        name: &str,
        age: std::time::Duration,
    ) -> Result<Connection> {
        let c = core1::channels::seed(&self.world, workspace, store_hash, name)?;
        core1::channels::backdate(&self.world, workspace, c.id, age);
        self.world
            .connections(workspace)?
            .into_iter()
            .find(|x| x.id == c.id)
            .ok_or_else(|| Error::UnknownWorkspace(workspace.to_owned()))
    }

    /// Registers an app in `workspace` as *Dev Tools › API › App registrations* › `+` › SAVE
    /// would (a colleague did it, or a consultant prefills it); returns the client secret Core1
    /// shows once.
    pub fn register_core1_app(
        &self,
        workspace: &str,
        name: &str,
        client_id: &str,
        redirect_uri: &str,
    ) -> Result<String> {
        if !self.world.config.has_workspace(workspace) {
            return Err(Error::UnknownWorkspace(workspace.to_owned()));
        }
        let secret = format!("{}__", util::random_token(22));
        core1::registrations::add(
            &self.world,
            workspace,
            config::Core1Registration {
                name: name.to_owned(),
                client_id: client_id.to_owned(),
                client_secret: secret.clone(),
                redirect_uri: redirect_uri.to_owned(),
                only_auth: false,
                any_loopback_port: false,
            },
        )
        .map_err(Error::RegistrationRefused)?;
        Ok(secret)
    }

    /// The app registrations of `workspace` (secrets included: for tests).
    pub fn core1_registrations(&self, workspace: &str) -> Vec<config::Core1Registration> {
        core1::registrations::all(&self.world, workspace)
    }

    /// Deletes the app registration of `client_id` in `workspace` (its tokens stop working);
    /// whether there was one.
    pub fn delete_core1_registration(&self, workspace: &str, client_id: &str) -> bool {
        core1::registrations::remove(&self.world, workspace, client_id)
    }

    /// Moves the practice world's clock forward by `by` ("a day later"): the times Core1
    /// reports (`createdAt`, `updatedAt`, the `Date` header) from now on.
    pub fn advance_clock(&self, by: std::time::Duration) {
        let by = time::Duration::try_from(by).unwrap_or(time::Duration::ZERO);
        let mut st = self.world.state();
        st.clock_offset += by;
    }

    /// Connection `id`'s settings as the practice Core1 keeps them, and what it synchronized
    /// (orders imported through those settings).
    pub fn applied_settings(&self, workspace: &str, id: i64) -> Result<Applied> {
        core1::settings::applied(&self.world, workspace, id)
    }

    /// Gives a store `count` storefronts (active `storefront` channels, ids 1…): more than one
    /// makes it a multi-storefront store (`/v2/store` `features.multi_storefront_enabled`), one
    /// a single-storefront store again. `/v2/store` and `/v3/channels` report them from now on.
    pub fn set_storefronts(&self, store_hash: &str, count: u32) -> Result<()> {
        bigcommerce::store_data::set_storefronts(&self.world, store_hash, count, None)
    }

    /// Switches BigCommerce's multi-storefront feature of a store on or off, whatever its
    /// storefronts (a plan can have it on with one storefront).
    pub fn set_multi_storefront(&self, store_hash: &str, on: bool) -> Result<()> {
        bigcommerce::store_data::reshape(&self.world, store_hash, |s| {
            s.multi_storefront = Some(on);
        })
    }

    /// Adds a channel to a store after its storefronts (`kind` is its `type`, `None` for a
    /// channel without one; `status` e.g. `archived`); answers its id.
    pub fn add_channel(
        &self,
        store_hash: &str,
        name: &str,
        kind: Option<&str>,
        status: &str,
    ) -> Result<u64> {
        let add = bigcommerce::store_data::add_channel;
        add(&self.world, store_hash, name, kind, status)
    }

    /// Gives a store `count` products (ids 111…; BigCommerce's side only: the practice Core1
    /// keeps synchronizing the catalog's number).
    pub fn set_products(&self, store_hash: &str, count: u32) -> Result<()> {
        bigcommerce::store_data::reshape(&self.world, store_hash, |s| {
            s.products = Some(count);
        })
    }

    /// Sets product `product_id`'s `custom_url.url` (e.g. to one another product has).
    pub fn set_custom_url(&self, store_hash: &str, product_id: u64, url: &str) -> Result<()> {
        bigcommerce::store_data::reshape(&self.world, store_hash, |s| {
            s.custom_urls.insert(product_id, url.to_owned());
        })
    }

    /// Sets a connection's "Order/Return have errors" (the assumed `orderReturnErrors`), as when
    /// Core1's order import met an order it could not take (e.g. one with several shipping
    /// addresses).
    pub fn set_order_return_errors(&self, workspace: &str, id: i64, errors: bool) -> Result<()> {
        core1::settings::set_order_return_errors(&self.world, workspace, id, errors)
    }

    /// Freezes (HTTP 530 everywhere) or unfreezes a workspace.
    pub fn freeze(&self, workspace: &str, frozen: bool) -> Result<()> {
        self.world.freeze(workspace, frozen)
    }

    /// Registers (replaces) the loopback partner app's exact callback URL (any URL: a partner
    /// registration is what lets a loopback listener receive it).
    pub fn register_bc_callback(&self, url: impl Into<String>) {
        let id = self.world.config.bigcommerce.app.client_id.clone();
        self.world.state().callbacks.insert(id, url.into());
    }

    /// Registers (replaces) the auth callback of app `client_id`. A marketplace app (the
    /// connector) gets [`Error::CallbackRefused`] for anything but a URL on the sandbox's own
    /// origin — the stand-in for "publicly available, fully qualified, served over TLS/SSL"
    /// (BigCommerce docs, Implementing OAuth, docs/integrations/apps/guide/auth.mdx); a loopback
    /// listener on another port is exactly what BigCommerce refuses.
    pub fn register_app_callback(&self, client_id: &str, url: &str) -> Result<()> {
        bigcommerce::apps::register_callback(&self.world, client_id, url)
    }

    /// The loopback partner app's currently registered callback URL.
    pub fn bc_callback(&self) -> String {
        let id = &self.world.config.bigcommerce.app.client_id;
        self.world.callback(id).unwrap_or_default()
    }

    /// The currently registered auth callback of app `client_id`.
    pub fn app_callback(&self, client_id: &str) -> Option<String> {
        self.world.callback(client_id)
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

    /// Back to the seeded world: faults, sessions, codes, tokens, installs, API accounts,
    /// connections and the ledger are cleared. The registered app callbacks are kept.
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
        if let Some(saver) = self.saver.take() {
            let _ = saver.await;
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}
