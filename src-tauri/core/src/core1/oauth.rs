//! The Core1 browser sign-in: OAuth2 authorization code with `state` and PKCE (S256)
//! through the loopback listener (ephemeral port: Core1 accepts any loopback port with the
//! registered path), and the form-encoded token endpoint.
//!
//! Refresh tokens rotate on every use; the new one is written to the secret store **before** it
//! is used or anything is returned (see [`super::api`]).

use std::time::Duration;

use serde::Deserialize;
use url::Url;

use super::api::Core1Client;
use super::endpoints;
use super::workspace_url::WorkspaceUrl;
use crate::error::{Error, Result};
use crate::http::{describe, read_body};
use crate::profile::Profile;
use crate::secret::SecretString;
use crate::secrets::SecretStore;
use crate::signin::{BrowserOpener, Canceller, ListenerConfig, PendingSignIn};

/// A Core1 sign-in waiting for the browser.
#[derive(Debug)]
pub struct Core1SignIn {
    pending: PendingSignIn,
    client: Core1Client,
}

impl Core1SignIn {
    /// Bind the listener and build the authorize URL for `workspace`.
    pub async fn start(
        profile: &Profile,
        http: reqwest::Client,
        workspace: WorkspaceUrl,
        secrets: SecretStore,
    ) -> Result<Self> {
        let client = Core1Client::new(http, profile, workspace.clone(), secrets)?;
        let authorize = workspace.endpoint(endpoints::AUTHORIZE)?;
        let mut config = ListenerConfig::new(
            profile.core1.callback_port,
            &profile.core1.callback_path,
            profile.signin_timeout,
            "Core1",
        );
        config.expected_issuer = Some(workspace.origin_str().to_owned());
        let client_id = profile.core1_client_id()?.to_owned();
        let scope = profile.core1.scope.clone();
        let pending = PendingSignIn::start(config, move |redirect, state, pkce| {
            let mut url = authorize;
            {
                let mut q = url.query_pairs_mut();
                q.append_pair("response_type", "code")
                    .append_pair("client_id", &client_id)
                    .append_pair("redirect_uri", redirect.as_str());
                if !scope.is_empty() {
                    q.append_pair("scope", &scope);
                }
                q.append_pair("state", state)
                    .append_pair("code_challenge", &pkce.challenge)
                    .append_pair("code_challenge_method", "S256");
            }
            Ok(url)
        })
        .await?;
        Ok(Core1SignIn { pending, client })
    }

    /// The URL to open (also for "open again" / "copy link").
    pub fn authorize_url(&self) -> &Url {
        self.pending.authorize_url()
    }

    /// The loopback redirect URI.
    pub fn redirect_uri(&self) -> &Url {
        self.pending.redirect_uri()
    }

    /// Cancel from any task.
    pub fn canceller(&self) -> Canceller {
        self.pending.canceller()
    }

    /// Open the authorize URL in the browser.
    pub fn open_with(&self, opener: &dyn BrowserOpener) -> Result<()> {
        self.pending.open_with(opener)
    }

    /// Wait for the callback, exchange the code, store the refresh token, and return a
    /// signed-in client.
    pub async fn finish(self) -> Result<Core1Client> {
        let auth = self.pending.wait().await?;
        let started = std::time::Instant::now();
        let mut form: TokenForm = vec![
            ("grant_type", "authorization_code"),
            ("code", auth.callback.code.expose()),
            ("redirect_uri", auth.redirect_uri.as_str()),
            ("code_verifier", auth.pkce_verifier.expose()),
        ];
        self.client.add_client_auth(&mut form);
        let tokens = match self.client.token_request(&form, false).await {
            Ok(t) => t,
            Err(TokenError::Rejected { error, .. }) => {
                return Err(Error::Core1ExchangeFailed { reason: error })
            }
            Err(TokenError::Other(e)) => return Err(e),
        };
        self.client.accept_tokens(tokens).await?;
        tracing::info!(
            workspace = %self.client.workspace(),
            exchange_ms = started.elapsed().as_millis() as u64,
            "Core1 sign-in complete"
        );
        Ok(self.client)
    }
}

/// Sign in with the browser end to end: start, open, wait, exchange.
pub async fn sign_in(
    profile: &Profile,
    http: reqwest::Client,
    workspace: WorkspaceUrl,
    secrets: SecretStore,
    opener: &dyn BrowserOpener,
) -> Result<Core1Client> {
    let signin = Core1SignIn::start(profile, http, workspace, secrets).await?;
    signin.open_with(opener)?;
    signin.finish().await
}

/// A token endpoint answer. The tokens go straight into [`SecretString`]s.
#[derive(Deserialize)]
pub(crate) struct TokenResponse {
    pub access_token: SecretString,
    #[serde(default)]
    pub expires_in: Option<u64>,
    #[serde(default)]
    pub refresh_token: Option<SecretString>,
}

/// The longest access-token lifetime believed: a longer `expires_in` only means an earlier
/// refresh (which is harmless), while an absurd one must not overflow the clock.
const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

impl TokenResponse {
    /// `expires_in` (1 hour if absent), at most [`MAX_TOKEN_LIFETIME`].
    pub(crate) fn lifetime(&self) -> Duration {
        Duration::from_secs(self.expires_in.unwrap_or(3600)).min(MAX_TOKEN_LIFETIME)
    }

    /// When the access token expires, counted from `now`.
    pub(crate) fn expires_at(&self, now: tokio::time::Instant) -> tokio::time::Instant {
        now + self.lifetime()
    }
}

/// Why a token request failed.
pub(crate) enum TokenError {
    /// An RFC 6749 §5.2 error (`invalid_grant`, `invalid_client`, …).
    Rejected {
        error: String,
    },
    Other(Error),
}

/// Turn a token endpoint's HTTP answer into tokens or a [`TokenError`].
pub(crate) async fn read_token_response(
    response: std::result::Result<reqwest::Response, reqwest::Error>,
) -> std::result::Result<TokenResponse, TokenError> {
    let response = response.map_err(|e| {
        tracing::info!(error = describe(&e), "Core1 token call failed");
        TokenError::Other(Error::Core1Unreachable)
    })?;
    let status = response.status().as_u16();
    let bytes = read_body(response).await.map_err(|e| {
        TokenError::Other(e.into_error("Core1", |why| Error::Core1BadResponse {
            detail: format!("token: {why}"),
        }))
    })?;
    decode_token_answer(status, &bytes)
}

/// Turn a token endpoint's answer (`status`, `body`) into tokens or a [`TokenError`]. No I/O
/// (fuzzed in `src-tauri/core/fuzz`). 2xx needs JSON with a non-empty `access_token`; 400/401
/// are RFC 6749 §5.2 rejections (the `error` text, at most 60 characters); 404 → the workspace
/// has no such endpoint; 530 → frozen; 5xx → unavailable.
pub(crate) fn decode_token_answer(
    status: u16,
    bytes: &[u8],
) -> std::result::Result<TokenResponse, TokenError> {
    match status {
        200..=299 => {
            let t: TokenResponse = serde_json::from_slice(bytes).map_err(|_| {
                TokenError::Other(Error::Core1BadResponse {
                    detail: "token response not understood".into(),
                })
            })?;
            if t.access_token.is_empty() {
                return Err(TokenError::Other(Error::Core1BadResponse {
                    detail: "empty access token".into(),
                }));
            }
            Ok(t)
        }
        530 => Err(TokenError::Other(Error::Core1Frozen)),
        404 => Err(TokenError::Other(Error::WorkspaceNotFound)),
        400 | 401 => {
            let error = serde_json::from_slice::<serde_json::Value>(bytes)
                .ok()
                .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_owned))
                .map(|e| e.chars().take(60).collect::<String>())
                .unwrap_or_else(|| format!("HTTP {status}"));
            Err(TokenError::Rejected { error })
        }
        s if s >= 500 => Err(TokenError::Other(Error::Core1Unavailable { status: s })),
        s => Err(TokenError::Other(Error::Core1BadResponse {
            detail: format!("token: HTTP {s}"),
        })),
    }
}

/// Secret-bearing form fields for the token endpoint, borrowed from the [`SecretString`]s that
/// hold them: no plain copies (reqwest's encoded request body is the one left).
pub(crate) type TokenForm<'a> = Vec<(&'static str, &'a str)>;

#[cfg(test)]
mod tests {
    use super::*;

    /// Found while writing the `core1_response` fuzz target (its invariant "the client can
    /// compute the expiry"; the fuzzer itself did not reach such a number in 8 minutes):
    /// `expires_in` ≥ 2^63 made the expiry panic ("overflow when adding duration to instant")
    /// right after a sign-in or refresh.
    #[test]
    fn an_absurd_expires_in_does_not_overflow_the_clock() {
        for expires_in in ["18446744073709551615", "9223372036854775807", "86401", "0"] {
            let body = format!(r#"{{"access_token":"a","expires_in":{expires_in}}}"#);
            let Ok(t) = decode_token_answer(200, body.as_bytes()) else {
                panic!("{body} not accepted");
            };
            let now = tokio::time::Instant::now();
            let at = t.expires_at(now);
            assert!(at >= now && at <= now + MAX_TOKEN_LIFETIME, "{body}");
        }
    }
}
