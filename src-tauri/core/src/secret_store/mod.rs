//! Secret storage: the OS keyring, or — when there is none — memory for this session only;
//! practice mode's toy secrets in a file of the practice folder ([`SecretStore::practice_file`]).
//!
//! - The keyring is reached through the `keyring` crate with its platform stores named
//!   (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows; see the
//!   crate's `Cargo.toml`).
//! - Every keyring call is blocking, so it runs on the blocking pool (`spawn_blocking`) with a
//!   timeout ([`Error::KeyringTimeout`]): an unlock prompt can never freeze the async runtime.
//! - **No plaintext fallback.** When no keyring is usable, [`SecretStore::open`] gives a
//!   session-only store that keeps secrets in memory until the app quits;
//!   [`SecretStore::status`] says so, with the reason, for the UI to explain.
//! - [`SecretStore::self_check`] writes, reads back and deletes a probe entry, to prove the
//!   store really keeps what it is given.
//!
//! What is stored ([`SecretKey`]): the BigCommerce access token per store hash, the Core1
//! refresh token per workspace, the client secret of the wizard's app registration per
//! workspace, and a BigCommerce client secret if one is configured.
//! The service name is configurable (the profile's `keyring_service`; tests use unique ones).

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use self::backend::{clear, decide, delete, get, probe, set, status_of, Backend};
use crate::error::{Error, Result};
use crate::secret_string::SecretString;

/// Default time a keyring call may take.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// What a secret is; decides its keyring account name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecretKey {
    /// The BigCommerce access token of one store, keyed by the API it belongs to and the store
    /// hash: a profile that points elsewhere never finds (and so never sends) it.
    BigCommerceToken { api: String, store_hash: String },
    /// The Core1 refresh token of one workspace (by its base URL).
    Core1RefreshToken { workspace: String },
    /// The client secret of the wizard's app registration in one workspace (by its base URL and
    /// the client id): Core1 shows it once, the merchant pastes it once.
    Core1ClientSecret {
        workspace: String,
        client_id: String,
    },
    /// The BigCommerce app's client secret, where one is entered rather than built in.
    BigCommerceClientSecret,
    /// The self-check's probe.
    Probe,
}

impl SecretKey {
    /// The BigCommerce access token of `store_hash` on the API at `api_url` (the profile's
    /// `bigcommerce.api_url`).
    pub fn bigcommerce_token(api_url: &str, store_hash: &str) -> Self {
        SecretKey::BigCommerceToken {
            api: api_url.trim_end_matches('/').to_owned(),
            store_hash: store_hash.to_owned(),
        }
    }

    /// The Core1 refresh token of `workspace` (use [`crate::core1::WorkspaceUrl::base`]).
    pub fn core1_refresh_token(workspace: &url::Url) -> Self {
        SecretKey::Core1RefreshToken {
            workspace: workspace.as_str().to_owned(),
        }
    }

    /// The registration secret of `client_id` in `workspace` (use
    /// [`crate::core1::WorkspaceUrl::base`]).
    pub fn core1_client_secret(workspace: &url::Url, client_id: &str) -> Self {
        SecretKey::Core1ClientSecret {
            workspace: workspace.as_str().to_owned(),
            client_id: client_id.to_owned(),
        }
    }

    /// The keyring account name.
    pub(crate) fn account(&self) -> String {
        match self {
            SecretKey::BigCommerceToken { api, store_hash } => {
                format!("bigcommerce-token:{api}/stores/{store_hash}")
            }
            SecretKey::Core1RefreshToken { workspace } => {
                format!("core1-refresh-token:{workspace}")
            }
            SecretKey::Core1ClientSecret {
                workspace,
                client_id,
            } => format!("core1-client-secret:{client_id}@{workspace}"),
            SecretKey::BigCommerceClientSecret => "bigcommerce-client-secret".to_owned(),
            SecretKey::Probe => "self-check-probe".to_owned(),
        }
    }
}

/// Where secrets are kept, for the UI to explain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SecretStoreStatus {
    /// In the OS keyring: kept across restarts.
    Persistent,
    /// In memory only, until the app quits. `reason` is the error code of why the keyring
    /// could not be used (`None` when chosen on purpose).
    SessionOnly { reason: Option<String> },
    /// The keyring's self-check has not finished yet (see [`SecretStore::deferred`]).
    Checking,
}

/// The secret store. Cheap to clone (shared).
#[derive(Clone)]
pub struct SecretStore {
    backend: Backend,
    timeout: Duration,
}

impl std::fmt::Debug for SecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretStore")
            .field("status", &self.status())
            .finish_non_exhaustive()
    }
}

impl SecretStore {
    /// The OS keyring under `service`, without checking it works (see [`Self::open`]).
    pub fn keyring(service: &str) -> Self {
        SecretStore {
            backend: Backend::Keyring {
                service: Arc::from(service),
            },
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Memory for this session only; `reason` = why the keyring is not used.
    pub fn session_only(reason: Option<Error>) -> Self {
        SecretStore {
            backend: Backend::Memory {
                map: Arc::default(),
                reason,
            },
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Practice mode's store: the file at `path` (mode 0600), kept across restarts together
    /// with the practice world that issued its secrets, and never the keyring (see
    /// `practice_file` for why this one file may hold secrets). Status [`SecretStoreStatus::Persistent`].
    pub fn practice_file(path: &std::path::Path) -> Self {
        SecretStore {
            backend: Backend::PracticeFile {
                map: practice_file::load(path),
                path: Arc::from(path),
            },
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The keyring if its self-check passes; otherwise a session-only store whose status
    /// carries the reason (never a plaintext file).
    pub async fn open(service: &str) -> Self {
        SecretStore {
            backend: decide(Arc::from(service), DEFAULT_TIMEOUT).await,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Like [`Self::open`], but the self-check runs on first use (or on [`Self::ready`]), so an
    /// app can show its first screen while the keyring answers — or while it shows an unlock
    /// prompt, which may take as long as the merchant needs to type a password.
    pub fn deferred(service: &str) -> Self {
        SecretStore {
            backend: Backend::Deferred {
                service: Arc::from(service),
                decided: Arc::default(),
            },
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Runs the self-check if it has not run yet (once, shared by every clone) and says where
    /// secrets are kept.
    pub async fn ready(&self) -> SecretStoreStatus {
        status_of(self.backend().await)
    }

    /// The same store with another timeout per keyring call.
    #[cfg(test)]
    pub(crate) fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Whether secrets survive a restart (false while a deferred check has not finished).
    pub fn is_persistent(&self) -> bool {
        self.status() == SecretStoreStatus::Persistent
    }

    /// Where secrets are kept, for the UI; [`SecretStoreStatus::Checking`] until a deferred
    /// self-check has finished.
    pub fn status(&self) -> SecretStoreStatus {
        match &self.backend {
            Backend::Deferred { decided, .. } => {
                decided.get().map_or(SecretStoreStatus::Checking, status_of)
            }
            other => status_of(other),
        }
    }

    /// Write, read back and delete a probe entry.
    pub async fn self_check(&self) -> Result<()> {
        probe(self.backend().await, self.timeout).await
    }

    /// The secret under `key`, if any.
    pub async fn get(&self, key: &SecretKey) -> Result<Option<SecretString>> {
        get(self.backend().await, self.timeout, key).await
    }

    /// Store `value` under `key` (replacing any previous value).
    pub async fn set(&self, key: &SecretKey, value: &SecretString) -> Result<()> {
        set(self.backend().await, self.timeout, key, value).await
    }

    /// Remove the secret under `key`; removing a missing secret is fine.
    pub async fn delete(&self, key: &SecretKey) -> Result<()> {
        delete(self.backend().await, self.timeout, key).await
    }

    /// Forgets every secret ("Start practice over"): for the practice file and session memory
    /// only, since the keyring cannot list what it holds.
    pub(crate) async fn forget_all(&self) -> Result<()> {
        clear(self.backend().await)
    }

    /// The secret under `key`, or [`Error::SecretMissing`].
    pub async fn require(&self, key: &SecretKey) -> Result<SecretString> {
        self.get(key).await?.ok_or(Error::SecretMissing)
    }

    /// The backend in use, deciding a deferred one first.
    async fn backend(&self) -> &Backend {
        match &self.backend {
            Backend::Deferred { service, decided } => {
                decided
                    .get_or_init(|| decide(service.clone(), self.timeout))
                    .await
            }
            other => other,
        }
    }
}

mod backend;
mod practice_file;

#[cfg(test)]
mod tests;
