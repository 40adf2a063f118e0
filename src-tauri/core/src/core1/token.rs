//! Core1's OAuth2 endpoints on the `oauth2` crate: the authorize URL (`state`, PKCE S256, the
//! loopback redirect), the authorization-code exchange and the refresh-token grant against the
//! form-encoded token endpoint (RFC 6749 §4.1, §6; RFC 7636).
//!
//! oauth2 is built without an HTTP client of its own: every request goes through [`Token::send`]
//! over our `reqwest` client (`crate::http`: timeouts, no redirects, loopback rules) and reads the
//! body through the one capped reader. `send` also turns away what is not a token answer or an
//! RFC 6749 §5.2 rejection (HTTP 404, 530, 5xx), so those keep their own error codes, and it
//! retries a refresh where the request certainly did not run (HTTP 530, no connection).
//!
//! oauth2's secret types (code, verifier, tokens) do not zeroize; they live only for one request
//! and its answer, which is moved into [`SecretString`]s at once.

use std::borrow::Cow;
use std::time::Duration;

use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet,
    EndpointSet, HttpRequest, HttpResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl,
    RefreshToken, RequestTokenError, Scope, StandardRevocableToken, TokenUrl,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::endpoints;
use super::workspace_url::WorkspaceUrl;
use crate::error::{Error, Result};
use crate::http::{describe, read_body, transport_error, RetryPolicy};
use crate::profile::Profile;
use crate::secret_string::SecretString;
use crate::signin::pkce::Pkce;

/// oauth2's client with Core1's token answer ([`Answer`]) and both endpoints set.
type OAuth = oauth2::Client<
    BasicErrorResponse,
    Answer,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// One workspace's authorize and token endpoints, with our client registration.
pub(crate) struct Token {
    oauth: OAuth,
    http: reqwest::Client,
    scope: String,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token").finish_non_exhaustive()
    }
}

/// A token endpoint answer. The tokens go straight into [`SecretString`]s.
pub(crate) struct TokenResponse {
    pub access_token: SecretString,
    pub expires_in: Option<u64>,
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
    /// An RFC 6749 §5.2 error (`invalid_grant`, `invalid_client`, …), at most 60 characters.
    Rejected {
        error: String,
    },
    Other(Error),
}

impl Token {
    /// The endpoints of `workspace` with the profile's client id and `secret`, the workspace's
    /// registration secret (Actindo's token calls always carry `client_secret`). Client
    /// credentials go in the form body, as Actindo's examples send them (not HTTP Basic).
    pub(crate) fn new(
        http: reqwest::Client,
        profile: &Profile,
        workspace: &WorkspaceUrl,
        secret: Option<&SecretString>,
    ) -> Result<Self> {
        let mut oauth = oauth2::Client::new(ClientId::new(profile.core1_client_id()?.to_owned()))
            .set_auth_type(AuthType::RequestBody)
            .set_auth_uri(AuthUrl::from_url(workspace.endpoint(endpoints::AUTHORIZE)?))
            .set_token_uri(TokenUrl::from_url(workspace.endpoint(endpoints::TOKEN)?));
        if let Some(secret) = secret {
            oauth = oauth.set_client_secret(ClientSecret::new(secret.expose().to_owned()));
        }
        Ok(Token {
            oauth,
            http,
            scope: profile.core1.scope.clone(),
        })
    }

    /// The registration check of [`super::registration::probe`]: an authorization-code request
    /// with a made-up `code` and no PKCE verifier (there was no authorize request). Sent once.
    pub(crate) async fn probe(
        &self,
        code: &SecretString,
        redirect: &Url,
    ) -> std::result::Result<TokenResponse, TokenError> {
        self.code_request(code, None, redirect).await
    }

    /// The authorize URL for one attempt: `response_type=code`, `client_id`, `redirect_uri`,
    /// the profile's `scope` (if any), `state`, and the S256 challenge of `pkce` (oauth2 computes
    /// it and requires 43–128 characters: our verifiers are always 43, `signin::pkce`).
    pub(crate) fn authorize_url(&self, redirect: &Url, state: &str, pkce: &Pkce) -> Url {
        let verifier = PkceCodeVerifier::new(pkce.verifier.expose().to_owned());
        let mut request = self
            .oauth
            .authorize_url(|| CsrfToken::new(state.to_owned()))
            .set_redirect_uri(Cow::Owned(RedirectUrl::from_url(redirect.clone())))
            .set_pkce_challenge(PkceCodeChallenge::from_code_verifier_sha256(&verifier));
        if !self.scope.is_empty() {
            request = request.add_scope(Scope::new(self.scope.clone()));
        }
        request.url().0
    }

    /// Exchange an authorization code (sent once: a code is single-use).
    pub(crate) async fn exchange_code(
        &self,
        code: &SecretString,
        verifier: &SecretString,
        redirect: &Url,
    ) -> std::result::Result<TokenResponse, TokenError> {
        self.code_request(code, Some(verifier), redirect).await
    }

    /// The one authorization-code request of both: with the attempt's PKCE verifier, or none.
    async fn code_request(
        &self,
        code: &SecretString,
        verifier: Option<&SecretString>,
        redirect: &Url,
    ) -> std::result::Result<TokenResponse, TokenError> {
        let http = self.http.clone();
        let send = move |request| send(http.clone(), request, None);
        let mut request = self
            .oauth
            .exchange_code(AuthorizationCode::new(code.expose().to_owned()))
            .set_redirect_uri(Cow::Owned(RedirectUrl::from_url(redirect.clone())));
        if let Some(verifier) = verifier {
            request =
                request.set_pkce_verifier(PkceCodeVerifier::new(verifier.expose().to_owned()));
        }
        accept(request.request_async(&send).await)
    }

    /// Use a refresh token; retried by `retry` where the request certainly did not run.
    pub(crate) async fn refresh(
        &self,
        refresh: &SecretString,
        retry: RetryPolicy,
    ) -> std::result::Result<TokenResponse, TokenError> {
        let http = self.http.clone();
        let send = move |request| send(http.clone(), request, Some(retry));
        let token = RefreshToken::new(refresh.expose().to_owned());
        let answer = self
            .oauth
            .exchange_refresh_token(&token)
            .request_async(&send)
            .await;
        accept(answer)
    }
}

/// oauth2's HTTP client: one POST over our client `http`, retried by `retry` (refresh only) on
/// HTTP 530 or when no connection was made; the answer screened by [`screen`]. Owns what it
/// uses, so the request future is `Send` for any caller.
async fn send(
    http: reqwest::Client,
    request: HttpRequest,
    retry: Option<RetryPolicy>,
) -> Result<HttpResponse> {
    let (parts, body) = request.into_parts();
    let max_attempts = retry.map_or(1, |r| r.max_attempts);
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let sent = http
            .request(parts.method.clone(), parts.uri.to_string())
            .headers(parts.headers.clone())
            .body(body.clone())
            .send()
            .await;
        let retry_safe = match &sent {
            Err(e) => e.is_connect() && transport_error(e, Error::Core1Unreachable).is_transient(),
            Ok(r) => r.status().as_u16() == 530,
        };
        if let (Some(policy), true) = (retry, retry_safe && attempt < max_attempts) {
            if let Err(e) = &sent {
                tracing::info!(error = describe(e), "Core1 token call failed; retrying");
            }
            tokio::time::sleep(policy.backoff(attempt - 1)).await;
            continue;
        }
        let response = sent.map_err(|e| {
            tracing::info!(error = describe(&e), "Core1 token call failed");
            transport_error(&e, Error::Core1Unreachable)
        })?;
        let status = response.status().as_u16();
        let bytes = read_body(response).await.map_err(|e| {
            e.into_error("Core1", |why| Error::Core1BadResponse {
                detail: format!("token: {why}"),
            })
        })?;
        return screen(status, &bytes);
    }
}

/// What of a token endpoint's answer reaches oauth2: a 2xx as 200 with its body (oauth2 needs
/// JSON with a non-empty `access_token`); a 400/401 as an RFC 6749 §5.2 error carrying only its
/// `error` text (`HTTP 400` where there is none). 404 → the workspace has no such endpoint;
/// 530 → frozen; 5xx → unavailable; anything else is not understood. No I/O.
fn screen(status: u16, bytes: &[u8]) -> Result<HttpResponse> {
    let (status, body) = match status {
        200..=299 => (200, bytes.to_vec()),
        400 | 401 => {
            let error = serde_json::from_slice::<serde_json::Value>(bytes)
                .ok()
                .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_owned))
                .unwrap_or_else(|| format!("HTTP {status}"));
            (
                400,
                serde_json::json!({ "error": error })
                    .to_string()
                    .into_bytes(),
            )
        }
        530 => return Err(Error::Core1Frozen),
        404 => return Err(Error::WorkspaceNotFound),
        s if s >= 500 => return Err(Error::Core1Unavailable { status: s }),
        s => {
            return Err(Error::Core1BadResponse {
                detail: format!("token: HTTP {s}"),
            })
        }
    };
    oauth2::http::Response::builder()
        .status(status)
        .body(body)
        .map_err(|_| Error::Core1BadResponse {
            detail: "token response not understood".into(),
        })
}

/// oauth2's verdict in our terms: tokens (a non-empty access token), a §5.2 rejection, or an
/// error with its own code.
fn accept(
    answer: std::result::Result<Answer, RequestTokenError<Error, BasicErrorResponse>>,
) -> std::result::Result<TokenResponse, TokenError> {
    let not_understood = |detail: &str| {
        TokenError::Other(Error::Core1BadResponse {
            detail: detail.into(),
        })
    };
    match answer {
        Ok(answer) => {
            let access_token = SecretString::new(answer.access_token.into_secret());
            if access_token.is_empty() {
                return Err(not_understood("empty access token"));
            }
            Ok(TokenResponse {
                access_token,
                expires_in: answer.expires_in,
                refresh_token: answer
                    .refresh_token
                    .map(|r| SecretString::new(r.into_secret())),
            })
        }
        Err(RequestTokenError::ServerResponse(e)) => Err(TokenError::Rejected {
            error: e.error().as_ref().chars().take(60).collect(),
        }),
        Err(RequestTokenError::Request(e)) => Err(TokenError::Other(e)),
        Err(RequestTokenError::Parse(..) | RequestTokenError::Other(_)) => {
            Err(not_understood("token response not understood"))
        }
    }
}

/// Decode a token endpoint's answer (`status`, `body`) exactly as a refresh would, without I/O:
/// [`screen`], then oauth2's parsing (fuzzed in `src-tauri/core/fuzz`).
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn decode_token_answer(
    status: u16,
    bytes: &[u8],
) -> std::result::Result<TokenResponse, TokenError> {
    let not_understood = || {
        TokenError::Other(Error::Core1BadResponse {
            detail: "token response not understood".into(),
        })
    };
    // Never contacted: the answer is handed over by `answered`.
    let Ok(endpoint) = Url::parse("http://127.0.0.1:9/token") else {
        return Err(not_understood());
    };
    let oauth = oauth2::Client::<
        BasicErrorResponse,
        Answer,
        BasicTokenIntrospectionResponse,
        StandardRevocableToken,
        BasicRevocationErrorResponse,
    >::new(ClientId::new("fuzz".into()))
    .set_token_uri(TokenUrl::from_url(endpoint));
    use futures_util::FutureExt as _;
    let answered = |_request: HttpRequest| std::future::ready(screen(status, bytes));
    let token = RefreshToken::new("fuzz".into());
    let answer = oauth
        .exchange_refresh_token(&token)
        .request_async(&answered)
        .now_or_never();
    answer.map_or_else(|| Err(not_understood()), accept)
}

/// Core1's token answer as oauth2 parses it: `{access_token, token_type, expires_in,
/// refresh_token}`. `token_type` is not relied on (the token is always used as a bearer), so an
/// answer without it, or with an odd one, is not turned away for it.
#[derive(Debug, Serialize, Deserialize)]
struct Answer {
    access_token: oauth2::AccessToken,
    #[serde(default = "bearer", deserialize_with = "any_token_type")]
    token_type: BasicTokenType,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<RefreshToken>,
}

fn bearer() -> BasicTokenType {
    BasicTokenType::Bearer
}

fn any_token_type<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<BasicTokenType, D::Error> {
    serde::de::IgnoredAny::deserialize(d).map(|_| BasicTokenType::Bearer)
}

impl oauth2::TokenResponse for Answer {
    type TokenType = BasicTokenType;

    fn access_token(&self) -> &oauth2::AccessToken {
        &self.access_token
    }

    fn token_type(&self) -> &BasicTokenType {
        &self.token_type
    }

    fn expires_in(&self) -> Option<Duration> {
        self.expires_in.map(Duration::from_secs)
    }

    fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
    }

    fn scopes(&self) -> Option<&Vec<Scope>> {
        None
    }
}

#[cfg(test)]
mod tests;
