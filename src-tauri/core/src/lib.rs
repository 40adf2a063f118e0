//! The setup wizard's brain, free of any Tauri dependency so it can be tested hard and fast.
//!
//! - [`signin`] — the loopback listener and the [`signin::BrowserOpener`] abstraction;
//! - [`bigcommerce`] — the install/consent sign-in, the API-account road, the store client;
//! - [`core1`] — workspace URLs, the Core1 sign-in and client, Omni-Channel connections;
//! - [`secrets`] — the OS keyring (or session-only memory), [`profile`] — endpoints and
//!   registrations, [`http`] — the one HTTP client builder, [`error`] — the one error enum.
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

pub mod bigcommerce;
pub mod core1;
pub mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod http;
pub mod profile;
pub mod secret;
pub mod secrets;
pub mod signin;
pub mod wizard;

pub use error::{Error, Result};
pub use profile::Profile;
pub use secret::SecretString;
pub use secrets::{SecretKey, SecretStore, SecretStoreStatus};
pub use signin::BrowserOpener;
