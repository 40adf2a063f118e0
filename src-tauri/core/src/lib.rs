//! The setup wizard's brain, free of any Tauri dependency so it can be tested hard and fast.
//!
//! - [`signin`] — the loopback listener and the [`signin::BrowserOpener`] abstraction;
//! - [`bigcommerce`] — the install/consent sign-in, the API-account road, the store client;
//! - [`core1`] — workspace URLs, the Core1 sign-in and client, Omni-Channel connections;
//! - [`secrets`] — the OS keyring (or session-only memory), [`profile`] — endpoints and
//!   registrations, [`http`] — the one HTTP client builder, [`error`] — the one error enum.
//!
//! The core only emits `tracing` events; it never prints, and never logs a secret.
#![deny(clippy::unwrap_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::panic))]

pub mod bigcommerce;
pub mod core1;
pub mod error;
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
