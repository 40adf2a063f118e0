//! Where the secrets go: the keyring's entries (each call on the blocking pool, with a timeout)
//! or this session's memory; the probe that decides between them; keyring errors in our terms.
//!
//! Entries hold the secret's UTF-8 bytes (`set_secret` / `get_secret`). On Linux and macOS
//! that is what `set_password` stores too; on Windows `set_password` would store UTF-16, so the
//! Credential Manager's 2,560-byte blob would hold only 1,280 characters of a token instead of
//! 2,560. A longer secret is refused by the keyring crate before anything is written
//! ([`Error::KeyringSecretTooLong`]), never cut.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{SecretKey, SecretStoreStatus};
use crate::error::{Error, Result};
use crate::secret_string::SecretString;

#[derive(Clone)]
pub(super) enum Backend {
    Keyring {
        service: Arc<str>,
    },
    Memory {
        map: Arc<Mutex<HashMap<String, SecretString>>>,
        reason: Option<Error>,
    },
    /// Practice mode's file (`super::practice_file`): memory, written through on every change.
    PracticeFile {
        path: Arc<std::path::Path>,
        map: super::practice_file::Map,
    },
    /// The keyring once its self-check passed, else memory; decided on first use.
    Deferred {
        service: Arc<str>,
        decided: Arc<tokio::sync::OnceCell<Backend>>,
    },
}

/// The keyring if the probe passes, else memory with the reason.
pub(super) async fn decide(service: Arc<str>, timeout: Duration) -> Backend {
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

pub(super) fn status_of(backend: &Backend) -> SecretStoreStatus {
    match backend {
        Backend::Keyring { .. } | Backend::PracticeFile { .. } => SecretStoreStatus::Persistent,
        Backend::Memory { reason, .. } => SecretStoreStatus::SessionOnly {
            reason: reason.as_ref().map(|e| e.code().to_owned()),
        },
        Backend::Deferred { .. } => SecretStoreStatus::Checking,
    }
}

/// Write, read back and delete a probe entry on a decided backend.
pub(super) async fn probe(backend: &Backend, timeout: Duration) -> Result<()> {
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

pub(super) async fn get(
    backend: &Backend,
    timeout: Duration,
    key: &SecretKey,
) -> Result<Option<SecretString>> {
    match backend {
        Backend::Memory { map, .. } | Backend::PracticeFile { map, .. } => {
            Ok(lock(map)?.get(&key.account()).cloned())
        }
        Backend::Keyring { service } => {
            let (service, account) = (service.clone(), key.account());
            blocking(timeout, move || {
                let entry = keyring::Entry::new(&service, &account).map_err(map_err)?;
                match entry.get_secret() {
                    Ok(bytes) => String::from_utf8(bytes)
                        .map(|text| Some(SecretString::new(text)))
                        .map_err(|e| {
                            zeroize::Zeroize::zeroize(&mut e.into_bytes());
                            Error::KeyringFailed {
                                reason: "a stored entry is not text".into(),
                            }
                        }),
                    Err(keyring::Error::NoEntry) => Ok(None),
                    Err(e) => Err(map_err(e)),
                }
            })
            .await
        }
        Backend::Deferred { .. } => Err(undecided()),
    }
}

pub(super) async fn set(
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
        Backend::PracticeFile { path, map } => {
            let mut map = lock(map)?;
            map.insert(key.account(), value.clone());
            super::practice_file::save(path, &map)
        }
        Backend::Keyring { service } => {
            let (service, account, value) = (service.clone(), key.account(), value.clone());
            blocking(timeout, move || {
                let entry = keyring::Entry::new(&service, &account).map_err(map_err)?;
                entry.set_secret(value.expose().as_bytes()).map_err(map_err)
            })
            .await?;
            tracing::debug!(account = %key.account(), "secret stored");
            Ok(())
        }
        Backend::Deferred { .. } => Err(undecided()),
    }
}

pub(super) async fn delete(backend: &Backend, timeout: Duration, key: &SecretKey) -> Result<()> {
    match backend {
        Backend::Memory { map, .. } => {
            lock(map)?.remove(&key.account());
            Ok(())
        }
        Backend::PracticeFile { path, map } => {
            let mut map = lock(map)?;
            map.remove(&key.account());
            super::practice_file::save(path, &map)
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

/// Forgets every secret of a store that can list them (memory, the practice file); the keyring
/// cannot list its items, so it is refused there.
pub(super) fn clear(backend: &Backend) -> Result<()> {
    match backend {
        Backend::Memory { map, .. } => {
            lock(map)?.clear();
            Ok(())
        }
        Backend::PracticeFile { path, map } => {
            let mut map = lock(map)?;
            map.clear();
            super::practice_file::save(path, &map)
        }
        Backend::Keyring { .. } | Backend::Deferred { .. } => Err(Error::internal(
            "only a practice or session store forgets everything at once",
        )),
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
        // The value itself (keyring names it "secret", or "password…"); a too-long entry name
        // is a bug of ours and stays `KeyringFailed`.
        keyring::Error::TooLong(field, limit)
            if field.contains("secret") || field.contains("password") =>
        {
            Error::KeyringSecretTooLong { limit }
        }
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
