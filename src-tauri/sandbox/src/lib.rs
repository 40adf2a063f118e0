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

/// Whether a behaviour fault matching the pattern is switched on, firing it
/// (`World::take_fault`). Without the `faults` feature (the app's practice world) none ever is,
/// and the pattern is not compiled.
macro_rules! fault_fires {
    ($world:expr, $($pattern:tt)+) => {{
        #[cfg(feature = "faults")]
        let fires = $world.take_fault(|f| matches!(f, $($pattern)+)).is_some();
        #[cfg(not(feature = "faults"))]
        let fires = {
            let _ = &$world;
            false
        };
        fires
    }};
}

pub mod bigcommerce;
pub mod config;
pub mod connector;
#[cfg(feature = "control")]
pub mod control;
pub mod core1;
mod error;
#[cfg(feature = "faults")]
pub mod faults;
mod guard;
mod handle;
mod jwt;
#[cfg(feature = "network")]
pub mod network;
mod pages;
#[cfg(feature = "robot")]
pub mod robot;
mod saved_forms;
mod server;
mod snapshot;
mod start;
mod util;
mod world;

pub use bigcommerce::api_accounts::ApiAccount;
pub use config::SandboxConfig;
pub use core1::channels::Connection;
pub use core1::settings::{Applied, ConnectionSettings, SyncStatistics, VariantOptionType};
pub use error::{Error, Result};
#[cfg(feature = "faults")]
pub use faults::{Area, Fault, FaultRule};
pub use handle::SandboxHandle;
pub use start::Sandbox;
pub use world::SecretKind;
pub(crate) use world::{State, World};
