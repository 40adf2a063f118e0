//! The Core1 API client: bearer tokens with refresh rotation, the `{success, errno, error}`
//! envelope, HTTP 530 and safe retries.
//!
//! - Calls are `POST {workspace}/{endpoint}` with a JSON body and `Authorization: Bearer`.
//! - The access token is kept in memory with its expiry; it is refreshed (one refresh at a
//!   time) when it is missing or about to expire, and once more when Core1 answers errno 10000
//!   (not logged in) or HTTP 401. If that does not help: [`Error::Core1SignInRequired`].
//! - Refresh tokens rotate on every use: the new refresh token is written to the secret store
//!   **before** the new access token is used or returned, so a crash cannot lose it. A
//!   refresh token that Core1 rejects (`invalid_grant`) is removed from the store.
//! - HTTP 530 → [`Error::Core1Frozen`]; 429/530 are retried with backoff for every call (the
//!   request was turned away before it ran), 5xx and timeouts only for idempotent calls.

use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::endpoints;
use super::envelope::{decode_value, envelope, Envelope};
use super::token::{Token, TokenError, TokenResponse};
use super::workspace_url::WorkspaceUrl;
use crate::error::{Error, Result};
use crate::http::{describe, read_body, transport_error, RetryPolicy};
use crate::profile::Profile;
use crate::secret_store::{SecretKey, SecretStore};
use crate::secret_string::SecretString;

/// Refresh this long before the access token expires.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

/// A client for one workspace. Cheap to clone; clones share the token cache.
#[derive(Clone)]
pub struct Core1Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    workspace: WorkspaceUrl,
    token: Token,
    secrets: SecretStore,
    retry: RetryPolicy,
    access: Mutex<Option<AccessToken>>,
}

struct AccessToken {
    value: SecretString,
    expires_at: Instant,
}

impl std::fmt::Debug for Core1Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Core1Client")
            .field("workspace", &self.inner.workspace.base().as_str())
            .finish_non_exhaustive()
    }
}

/// What `ping` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PingInfo {
    #[serde(default)]
    pub workspace: Option<String>,
    #[serde(default)]
    pub user: Option<PingUser>,
    #[serde(default)]
    pub time: Option<String>,
}

/// The signed-in Core1 user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PingUser {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

impl Core1Client {
    /// A client for `workspace` using the refresh token stored for it (if any), with the
    /// registration secret the profile carries (if any; see [`Self::with_client_secret`]). Use
    /// [`Self::has_stored_sign_in`] to know whether a browser sign-in is needed first.
    #[cfg(feature = "test-support")]
    pub fn new(
        http: reqwest::Client,
        profile: &Profile,
        workspace: WorkspaceUrl,
        secrets: SecretStore,
    ) -> Result<Self> {
        let secret = profile.core1.client_secret.clone();
        Self::with_client_secret(http, profile, workspace, secrets, secret.as_ref())
    }

    /// [`Self::new`] with the workspace's own registration secret (kept in the keyring for it).
    pub fn with_client_secret(
        http: reqwest::Client,
        profile: &Profile,
        workspace: WorkspaceUrl,
        secrets: SecretStore,
        client_secret: Option<&SecretString>,
    ) -> Result<Self> {
        Ok(Core1Client {
            inner: Arc::new(Inner {
                token: Token::new(http.clone(), profile, &workspace, client_secret)?,
                http,
                workspace,
                secrets,
                retry: RetryPolicy::default(),
                access: Mutex::new(None),
            }),
        })
    }

    /// The same client with another retry policy (tests use [`RetryPolicy::fast`]). Call
    /// before cloning.
    pub fn with_retry(self, retry: RetryPolicy) -> Self {
        match Arc::try_unwrap(self.inner) {
            Ok(mut inner) => {
                inner.retry = retry;
                Core1Client {
                    inner: Arc::new(inner),
                }
            }
            Err(inner) => Core1Client { inner },
        }
    }

    /// The workspace.
    pub(crate) fn workspace(&self) -> &WorkspaceUrl {
        &self.inner.workspace
    }

    /// The secret-store key of this workspace's refresh token.
    pub fn refresh_token_key(&self) -> SecretKey {
        SecretKey::core1_refresh_token(self.inner.workspace.base())
    }

    /// Whether a refresh token is stored for this workspace.
    pub async fn has_stored_sign_in(&self) -> Result<bool> {
        Ok(self
            .inner
            .secrets
            .get(&self.refresh_token_key())
            .await?
            .is_some())
    }

    /// Forget the sign-in: the cached access token and the stored refresh token.
    pub async fn sign_out(&self) -> Result<()> {
        *self.inner.access.lock().await = None;
        self.inner.secrets.delete(&self.refresh_token_key()).await
    }

    /// `TenantTest.ping`: proves the sign-in works; reports workspace and user.
    pub async fn ping(&self) -> Result<PingInfo> {
        match self
            .call(endpoints::PING, &serde_json::json!({}), true)
            .await
        {
            Err(Error::Core1ModuleMissing) => Err(Error::WorkspaceNotFound),
            other => other,
        }
    }

    /// `POST {workspace}/{endpoint}` with `body`; the successful envelope is deserialised into
    /// `T` (the whole object, `success` included). `idempotent` allows retrying 5xx answers
    /// and timeouts.
    pub async fn call<B, T>(&self, endpoint: &str, body: &B, idempotent: bool) -> Result<T>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        Ok(self.call_dated(endpoint, body, idempotent).await?.0)
    }

    /// [`Self::call`], also giving the answer's `Date` header: the time on Core1's own clock
    /// (RFC 9110 §6.6.1), when it sent one that could be read.
    pub(crate) async fn call_dated<B, T>(
        &self,
        endpoint: &str,
        body: &B,
        idempotent: bool,
    ) -> Result<(T, Option<std::time::SystemTime>)>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let url = self.inner.workspace.endpoint(endpoint)?;
        let policy = self.inner.retry;
        let mut refreshed = false;
        let mut retries = 0u32;
        loop {
            let token = self.access_token().await?;
            let sent = self
                .inner
                .http
                .post(url.clone())
                .bearer_auth(token.expose())
                .header(reqwest::header::ACCEPT, "application/json")
                .json(body)
                .send()
                .await;
            let transient = match sent {
                Err(e) => {
                    tracing::info!(endpoint, error = describe(&e), "Core1 request failed");
                    let error = transport_error(&e, Error::Core1Unreachable);
                    if !error.is_transient() || !(idempotent || e.is_connect()) {
                        return Err(error);
                    }
                    error
                }
                Ok(response) => {
                    let status = response.status().as_u16();
                    match status {
                        530 => Error::Core1Frozen,
                        429 => Error::Core1Unavailable { status },
                        500..=599 if idempotent => Error::Core1Unavailable { status },
                        500..=599 => return Err(Error::Core1Unavailable { status }),
                        404 => return Err(Error::Core1ModuleMissing),
                        401 => {
                            if refreshed {
                                return Err(Error::Core1SignInRequired);
                            }
                            refreshed = true;
                            self.invalidate(&token).await;
                            continue;
                        }
                        200..=299 => {
                            let date = response
                                .headers()
                                .get(reqwest::header::DATE)
                                .and_then(|v| v.to_str().ok())
                                .and_then(|v| httpdate::parse_http_date(v).ok());
                            let bytes = read_body(response).await.map_err(|e| {
                                e.into_error("Core1", |why| Error::Core1BadResponse {
                                    detail: format!("{endpoint}: {why}"),
                                })
                            })?;
                            match envelope(endpoint, &bytes) {
                                Ok(value) => return Ok((decode_value(endpoint, value)?, date)),
                                Err(Envelope::NotLoggedIn) if !refreshed => {
                                    refreshed = true;
                                    self.invalidate(&token).await;
                                    continue;
                                }
                                Err(Envelope::NotLoggedIn) => {
                                    return Err(Error::Core1SignInRequired)
                                }
                                Err(Envelope::Failed(e)) => return Err(e),
                            }
                        }
                        s => {
                            return Err(Error::Core1BadResponse {
                                detail: format!("{endpoint}: HTTP {s}"),
                            })
                        }
                    }
                }
            };
            retries += 1;
            if retries >= policy.max_attempts {
                return Err(transient);
            }
            tracing::info!(
                endpoint,
                code = transient.code(),
                retry = retries,
                "Core1: retrying"
            );
            tokio::time::sleep(policy.backoff(retries - 1)).await;
        }
    }

    /// A valid access token: the cached one, or a fresh one from the stored refresh token.
    async fn access_token(&self) -> Result<SecretString> {
        let mut cache = self.inner.access.lock().await;
        if let Some(t) = cache.as_ref() {
            if t.expires_at > Instant::now() + EXPIRY_MARGIN {
                return Ok(t.value.clone());
            }
        }
        let fresh = self.refresh_locked().await?;
        let value = fresh.value.clone();
        *cache = Some(fresh);
        Ok(value)
    }

    /// Drop the cached access token if it is still `used` (another task may have refreshed).
    async fn invalidate(&self, used: &SecretString) {
        let mut cache = self.inner.access.lock().await;
        if cache.as_ref().is_some_and(|t| &t.value == used) {
            *cache = None;
        }
    }

    /// Force a refresh now (rotates the refresh token), for the tests of the rotation.
    #[cfg(feature = "test-support")]
    pub async fn refresh_now(&self) -> Result<()> {
        let mut cache = self.inner.access.lock().await;
        let fresh = self.refresh_locked().await?;
        *cache = Some(fresh);
        Ok(())
    }

    /// Refresh with the stored refresh token; the caller holds the access-token lock, so only
    /// one refresh runs at a time.
    async fn refresh_locked(&self) -> Result<AccessToken> {
        let key = self.refresh_token_key();
        let Some(refresh) = self.inner.secrets.get(&key).await? else {
            return Err(Error::Core1SignInRequired);
        };
        match self.inner.token.refresh(&refresh, self.inner.retry).await {
            Ok(tokens) => self.store_tokens(tokens).await,
            Err(TokenError::Rejected { error }) if error == "invalid_client" => {
                tracing::info!(workspace = %self.inner.workspace, "Core1 refused the app registration");
                Err(Error::Core1RegistrationRefused)
            }
            Err(TokenError::Rejected { error }) => {
                tracing::info!(workspace = %self.inner.workspace, error = %error, "Core1 refresh token rejected; sign-in needed");
                if error == "invalid_grant" {
                    if let Err(e) = self.inner.secrets.delete(&key).await {
                        tracing::warn!(
                            code = e.code(),
                            "could not remove the rejected refresh token"
                        );
                    }
                }
                Err(Error::Core1SignInRequired)
            }
            Err(TokenError::Other(e)) => Err(e),
        }
    }

    /// Persist the rotated refresh token first, then hand out the access token.
    async fn store_tokens(&self, tokens: TokenResponse) -> Result<AccessToken> {
        let expires_at = tokens.expires_at(Instant::now());
        if let Some(refresh) = tokens.refresh_token.filter(|r| !r.is_empty()) {
            self.inner
                .secrets
                .set(&self.refresh_token_key(), &refresh)
                .await?;
        }
        Ok(AccessToken {
            value: tokens.access_token,
            expires_at,
        })
    }

    /// After the code exchange: store the refresh token, then cache the access token.
    pub(crate) async fn accept_tokens(&self, tokens: TokenResponse) -> Result<()> {
        let mut cache = self.inner.access.lock().await;
        let fresh = self.store_tokens(tokens).await?;
        *cache = Some(fresh);
        Ok(())
    }

    /// The workspace's authorize and token endpoints.
    pub(crate) fn token(&self) -> &Token {
        &self.inner.token
    }

    /// Whether the workspace knows this client id and secret ([`super::registration::probe`];
    /// no browser, nothing stored). `redirect` is the registration's Redirect URI.
    pub async fn check_registration(
        &self,
        redirect: &url::Url,
    ) -> Result<super::registration::Verdict> {
        super::registration::probe(&self.inner.token, redirect).await
    }
}
