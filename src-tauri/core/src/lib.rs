//! The setup wizard's brain, free of any Tauri dependency so it can be tested hard and fast.
//!
//! - [`signin`] — the loopback listener, the [`BrowserOpener`] abstraction and the
//!   [`LinkPolicy`] every opener applies;
//! - [`bigcommerce`] — the install/consent sign-in, the API-account road, the store client;
//! - [`core1`] — workspace URLs, the Core1 sign-in and client, Omni-Channel connections;
//! - [`SecretStore`] — the OS keyring (or session-only memory), [`Profile`] — endpoints and
//!   registrations, [`http`] — the one HTTP client builder, [`Error`] — the one error enum;
//! - [`updates`] — when the app looks for a signed update, what it remembers, what it offers.
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
//! The other tests fall back to session-only secret storage where no keyring exists;
//! `keyring_unavailable.rs` and `keyring_mock.rs` each change process-wide keyring state and
//! are their own test binaries.
#![deny(clippy::unwrap_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::panic))]

// The public API: the feature modules below as namespaces, and the crate-wide types re-exported
// at the root; the modules that hold those types are private, so what is public is chosen here.
pub mod bigcommerce;
pub mod core1;
pub mod http;
pub mod signin;
pub mod updates;
pub mod wizard;

mod error;
mod files;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod profile;
mod secret;
mod secrets;
#[cfg(feature = "test-support")]
pub mod testing;

pub use error::{Error, Result};
pub use files::{write_atomically, write_privately};
pub use profile::{
    BigCommerceProfile, Core1Profile, Profile, WorkspaceRules, DEFAULT_BIGCOMMERCE_CALLBACK_PATH,
    DEFAULT_BIGCOMMERCE_CALLBACK_PORT, DEFAULT_CONNECTOR_NAME, DEFAULT_CORE1_CALLBACK_PATH,
    DEFAULT_KEYRING_SERVICE,
};
pub use secret::SecretString;
pub use secrets::{SecretKey, SecretStore, SecretStoreStatus};
pub use signin::{BrowserOpener, LinkPolicy};
