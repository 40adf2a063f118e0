//! The setup wizard's brain, free of any Tauri dependency so it can be tested hard and fast.
//!
//! Inside (all private; the list at the end of this file is what the app may name):
//! - `wizard` — the [`Engine`]: the wizard and Manage as one state machine, its [`WizardView`]s
//!   and [`Event`]s;
//! - `signin` — the loopback listener, the [`BrowserOpener`] abstraction and the
//!   [`LinkPolicy`] every opener applies;
//! - `bigcommerce` — the install/consent sign-in, the API-account road, the store client;
//! - `core1` — workspace URLs, the Core1 sign-in and client, Omni-Channel connections;
//! - `secret_store` — the OS keyring (or session-only memory) behind [`SecretStore`];
//!   `secret_string` — [`SecretString`], wiped on drop; `profile` — endpoints and
//!   registrations ([`Profile`]); `http` — the one HTTP client builder; `error` — the one error
//!   enum ([`Error`]);
//! - `updates` — when the app looks for a signed update, what it remembers, what it offers.
//!
//! The core only emits `tracing` events; it never prints, and never logs a secret.
//!
//! # Tests
//! The integration tests (`tests/*.rs`) run against the sandbox (`setup-sandbox`) over real
//! HTTP on 127.0.0.1, with its browser robot as the system browser. `tests/keyring.rs` needs a
//! real, unlocked Secret Service; run the crate's tests inside a private D-Bus session:
//!
//! ```text
//! export XDG_DATA_HOME=$(mktemp -d) XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 "$XDG_RUNTIME_DIR"
//! dbus-run-session -- sh -c 'eval "$(printf %s test-password | gnome-keyring-daemon --unlock --components=secrets)"; export GNOME_KEYRING_CONTROL; cargo test -p setup-core'
//! ```
//!
//! The tests reach the clients, sign-ins and listener through `setup_core::testing` (feature
//! `test-support`, which the crate's own dev-dependency on itself turns on).
//!
//! The other tests fall back to session-only secret storage where no keyring exists;
//! `keyring_unavailable.rs` and `keyring_mock.rs` each change process-wide keyring state and
//! are their own test binaries.
#![deny(clippy::unwrap_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::panic))]

// The public API is the one `pub use` list below: every module is private, so what the app
// (the Tauri shell, the benchmark, the end-to-end support) may name is chosen here, once, with
// one path per item. What only tests drive is in `testing`, behind the `test-support` feature.
mod bigcommerce;
mod core1;
mod error;
mod files;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod http;
mod profile;
mod secret_store;
mod secret_string;
mod signin;
#[cfg(feature = "test-support")]
pub mod testing;
mod updates;
mod wizard;

pub use bigcommerce::api_account::ACCOUNT_FILE_MAX_BYTES;
pub use bigcommerce::scopes::{ScopeAccess, ScopeSpec, REQUIRED_SCOPES};
pub use core1::channels::readiness::Readiness;
pub use core1::channels::{ConnectionSettings, Phase, VariantOptionType};
pub use core1::registration::FormField;
pub use core1::workspace_url::WorkspaceUrl;
pub use error::table::Error;
pub use error::Result;
pub use files::{write_atomically, write_privately};
pub use http::RetryPolicy;
pub use profile::{Profile, WorkspaceRules};
pub use secret_store::{SecretKey, SecretStore, SecretStoreStatus};
pub use secret_string::SecretString;
pub use signin::links::LinkPolicy;
pub use signin::BrowserOpener;
pub use updates::memory::{Restarted, UpdateFile, UpdateMemory};
pub use updates::notes::{ReleaseNotes, UpdateOffer};
pub use updates::{UpdateSituation, UpdateSkip};
pub use wizard::{
    now_ms, AppFacts, Arrived, Candidate, ConnectOutcome, ConnectionHealth, ConnectionKey,
    ConnectionStatus, ConnectorInfo, Core1Info, Core1State, Engine, EngineOptions, Event,
    EventSink, KnownConnection, Notice, PollConfig, PrefilledBy, Provider, SettingsForm, Step,
    StoreAccess, StoreHidden, StoreRoad, StoreSummary, UrlReport, WizardView, Words,
    WorkspacePreview, WorkspaceSummary, LANGUAGES,
};
