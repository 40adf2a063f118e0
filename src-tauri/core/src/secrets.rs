//! Secret storage: the OS keyring, or — when there is none — memory for this session only.
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
//! refresh token per workspace, and a BigCommerce client secret if one is configured.
//! The service name is configurable (the profile's `keyring_service`; tests use unique ones).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::secret::SecretString;

/// Default time a keyring call may take.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// What a secret is; decides its keyring account name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecretKey {
    /// The BigCommerce access token of one store, keyed by the API it belongs to and the store
    /// hash: a profile that points elsewhere never finds (and so never sends) it.
    BigCommerceToken { api: String, store_hash: String },
    /// The Core1 refresh token of one workspace (by its base URL).
    Core1RefreshToken { workspace: String },
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

    /// The keyring account name.
    pub fn account(&self) -> String {
        match self {
            SecretKey::BigCommerceToken { api, store_hash } => {
                format!("bigcommerce-token:{api}/stores/{store_hash}")
            }
            SecretKey::Core1RefreshToken { workspace } => {
                format!("core1-refresh-token:{workspace}")
            }
            SecretKey::BigCommerceClientSecret => "bigcommerce-client-secret".to_owned(),
            SecretKey::Probe => "self-check-probe".to_owned(),
        }
    }
}

/// Where secrets are kept, for the UI to explain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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

#[derive(Clone)]
enum Backend {
    Keyring {
        service: Arc<str>,
    },
    Memory {
        map: Arc<Mutex<HashMap<String, SecretString>>>,
        reason: Option<Error>,
    },
    /// The keyring once its self-check passed, else memory; decided on first use.
    Deferred {
        service: Arc<str>,
        decided: Arc<tokio::sync::OnceCell<Backend>>,
    },
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
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
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

    /// Why the keyring is not used, if it is not (and that is decided).
    pub fn session_reason(&self) -> Option<&Error> {
        let backend = match &self.backend {
            Backend::Deferred { decided, .. } => decided.get()?,
            other => other,
        };
        match backend {
            Backend::Memory { reason, .. } => reason.as_ref(),
            _ => None,
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

/// The keyring if the probe passes, else memory with the reason.
async fn decide(service: Arc<str>, timeout: Duration) -> Backend {
    let keyring = Backend::Keyring { service };
    match probe(&keyring, timeout).await {
        Ok(()) => keyring,
        Err(e) => {
            tracing::warn!(
                code = e.code(),
                "keyring unusable; keeping secrets for this session only"
            );
            Backend::Memory {
                map: Arc::default(),
                reason: Some(e),
            }
        }
    }
}

fn status_of(backend: &Backend) -> SecretStoreStatus {
    match backend {
        Backend::Keyring { .. } => SecretStoreStatus::Persistent,
        Backend::Memory { reason, .. } => SecretStoreStatus::SessionOnly {
            reason: reason.as_ref().map(|e| e.code().to_owned()),
        },
        Backend::Deferred { .. } => SecretStoreStatus::Checking,
    }
}

/// Write, read back and delete a probe entry on a decided backend.
async fn probe(backend: &Backend, timeout: Duration) -> Result<()> {
    let value = SecretString::new(crate::signin::pkce::random_token());
    set(backend, timeout, &SecretKey::Probe, &value).await?;
    let read = get(backend, timeout, &SecretKey::Probe).await;
    let deleted = delete(backend, timeout, &SecretKey::Probe).await;
    match read? {
        Some(v) if v == value => {}
        Some(_) => {
            return Err(Error::KeyringFailed {
                reason: "the probe read back differs".into(),
            })
        }
        None => {
            return Err(Error::KeyringFailed {
                reason: "the probe was not kept".into(),
            })
        }
    }
    deleted?;
    if get(backend, timeout, &SecretKey::Probe).await?.is_some() {
        return Err(Error::KeyringFailed {
            reason: "the probe could not be deleted".into(),
        });
    }
    Ok(())
}

async fn get(
    backend: &Backend,
    timeout: Duration,
    key: &SecretKey,
) -> Result<Option<SecretString>> {
    match backend {
        Backend::Memory { map, .. } => Ok(lock(map)?.get(&key.account()).cloned()),
        Backend::Keyring { service } => {
            let (service, account) = (service.clone(), key.account());
            blocking(timeout, move || {
                let entry = keyring::Entry::new(&service, &account).map_err(map_err)?;
                match entry.get_password() {
                    Ok(v) => Ok(Some(SecretString::new(v))),
                    Err(keyring::Error::NoEntry) => Ok(None),
                    Err(e) => Err(map_err(e)),
                }
            })
            .await
        }
        Backend::Deferred { .. } => Err(undecided()),
    }
}

async fn set(
    backend: &Backend,
    timeout: Duration,
    key: &SecretKey,
    value: &SecretString,
) -> Result<()> {
    match backend {
        Backend::Memory { map, .. } => {
            lock(map)?.insert(key.account(), value.clone());
            Ok(())
        }
        Backend::Keyring { service } => {
            let (service, account, value) = (service.clone(), key.account(), value.clone());
            blocking(timeout, move || {
                let entry = keyring::Entry::new(&service, &account).map_err(map_err)?;
                entry.set_password(value.expose()).map_err(map_err)
            })
            .await?;
            tracing::debug!(account = %key.account(), "secret stored");
            Ok(())
        }
        Backend::Deferred { .. } => Err(undecided()),
    }
}

async fn delete(backend: &Backend, timeout: Duration, key: &SecretKey) -> Result<()> {
    match backend {
        Backend::Memory { map, .. } => {
            lock(map)?.remove(&key.account());
            Ok(())
        }
        Backend::Keyring { service } => {
            let (service, account) = (service.clone(), key.account());
            blocking(timeout, move || {
                let entry = keyring::Entry::new(&service, &account).map_err(map_err)?;
                match entry.delete_credential() {
                    Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                    Err(e) => Err(map_err(e)),
                }
            })
            .await
        }
        Backend::Deferred { .. } => Err(undecided()),
    }
}

/// A deferred backend is always decided before use ([`SecretStore::backend`]).
fn undecided() -> Error {
    Error::internal("secret store used before its keyring check")
}

async fn blocking<T: Send + 'static>(
    timeout: Duration,
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    match tokio::time::timeout(timeout, tokio::task::spawn_blocking(f)).await {
        Err(_) => Err(Error::KeyringTimeout),
        Ok(Err(join)) => Err(Error::internal(format!("keyring task: {join}"))),
        Ok(Ok(result)) => result,
    }
}

fn lock<'a>(
    map: &'a Mutex<HashMap<String, SecretString>>,
) -> Result<std::sync::MutexGuard<'a, HashMap<String, SecretString>>> {
    map.lock()
        .map_err(|_| Error::internal("session secret store poisoned"))
}

/// Map a keyring error to ours. Keyring errors never contain the secret itself.
fn map_err(e: keyring::Error) -> Error {
    match e {
        keyring::Error::NoStorageAccess(inner) => {
            tracing::warn!(error = %inner, "keyring refused access");
            Error::KeyringLocked
        }
        keyring::Error::PlatformFailure(inner) => {
            let text = inner.to_string();
            let lower = text.to_ascii_lowercase();
            if [
                "dbus",
                "d-bus",
                "serviceunknown",
                "secret service",
                "no such file",
                "connection refused",
                "not provided by any .service",
                "session bus",
            ]
            .iter()
            .any(|needle| lower.contains(needle))
            {
                Error::KeyringUnavailable {
                    reason: shorten(&text),
                }
            } else {
                Error::KeyringFailed {
                    reason: shorten(&text),
                }
            }
        }
        other => Error::KeyringFailed {
            reason: shorten(&other.to_string()),
        },
    }
}

fn shorten(s: &str) -> String {
    s.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const API: &str = "https://api.bigcommerce.com";

    #[test]
    fn a_store_key_belongs_to_its_api() {
        let real = SecretKey::bigcommerce_token(API, "abc123").account();
        let other = SecretKey::bigcommerce_token("https://collector.example", "abc123").account();
        assert_ne!(real, other);
        assert_eq!(
            real,
            "bigcommerce-token:https://api.bigcommerce.com/stores/abc123"
        );
    }

    #[tokio::test]
    async fn session_only_store_works_and_says_so() {
        let s = SecretStore::session_only(Some(Error::KeyringLocked));
        assert!(!s.is_persistent());
        assert_eq!(
            s.status(),
            SecretStoreStatus::SessionOnly {
                reason: Some("keyring_locked".into())
            }
        );
        s.self_check().await.unwrap();
        let k = SecretKey::bigcommerce_token(API, "abc123");
        assert_eq!(s.get(&k).await.unwrap(), None);
        s.set(&k, &"tok".into()).await.unwrap();
        assert_eq!(s.require(&k).await.unwrap().expose(), "tok");
        s.delete(&k).await.unwrap();
        assert_eq!(s.require(&k).await.unwrap_err(), Error::SecretMissing);
        assert!(!format!("{s:?}").contains("tok"));
    }

    #[tokio::test]
    async fn a_deferred_store_decides_once_on_first_use() {
        // With or without a Secret Service around, the check decides once for every clone.
        let s =
            SecretStore::deferred("setup-core-unit-deferred").with_timeout(Duration::from_secs(5));
        assert_eq!(s.status(), SecretStoreStatus::Checking);
        assert!(!s.is_persistent());
        let clone = s.clone();
        let decided = s.ready().await;
        assert_ne!(decided, SecretStoreStatus::Checking);
        assert_eq!(clone.status(), decided, "clones share the decision");
        let k = SecretKey::bigcommerce_token(API, "abc123");
        clone.set(&k, &"tok".into()).await.unwrap();
        assert_eq!(s.require(&k).await.unwrap().expose(), "tok");
        s.delete(&k).await.unwrap();
    }

    #[test]
    fn accounts_are_distinct() {
        let ws = url::Url::parse("https://acme.actindo.com/").unwrap();
        assert_eq!(
            SecretKey::core1_refresh_token(&ws).account(),
            "core1-refresh-token:https://acme.actindo.com/"
        );
        assert_ne!(
            SecretKey::bigcommerce_token(API, "a").account(),
            SecretKey::bigcommerce_token(API, "b").account()
        );
    }
}
