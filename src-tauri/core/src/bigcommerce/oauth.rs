//! The BigCommerce install/consent sign-in through the loopback listener.
//!
//! **Assumption about BigCommerce**: its docs show only the install link
//! (`{login}/app/{client_id}/install`) and a callback with `code, scope, context,
//! account_uuid`. We open the OAuth authorize endpoint instead
//! (`{login}{authorize_path}?response_type=code&client_id&redirect_uri&scope&state&code_challenge&code_challenge_method=S256`,
//! path configurable in the profile) so that `state` and PKCE protect the loopback callback.
//! The token call is exactly the documented one (JSON: `client_id, client_secret, code,
//! context, scope, grant_type=authorization_code, redirect_uri`) plus `code_verifier`.
//!
//! **Written by hand, not on the `oauth2` crate** (which Core1's sign-in uses, `core1/token.rs`):
//! BigCommerce's token endpoint takes a JSON body with the store's `context` and `scope` echoed
//! back, and answers with the store and user (`context`, `user`), none of which `oauth2` (RFC 6749
//! form bodies, standard token fields) can send or read.
//!
//! The callback must reach the exactly registered URL, so the listener binds the profile's
//! fixed port ([`crate::Error::SignInPortBusy`] if taken).

use serde::{Deserialize, Serialize};
use url::Url;

use super::{scopes, string_or_number, StoreHash};
use crate::error::{Error, Result};
use crate::http::{describe, read_body, transport_error};
use crate::profile::{profile_url, Profile};
use crate::secret_string::SecretString;
use crate::signin::{Canceller, ListenerConfig, PendingSignIn};

/// A BigCommerce user as the token response names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BigCommerceUser {
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// What a completed sign-in yields: the store and its access token.
///
/// The app uses the store and the token; the rest of BigCommerce's answer is kept for the tests
/// that check it is read right.
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "test-support"), allow(dead_code))]
pub struct BigCommerceGrant {
    pub store_hash: StoreHash,
    /// Never expires by itself; an uninstall or scope change invalidates it.
    pub access_token: SecretString,
    /// Granted scopes (space-separated), see [`scopes::missing`].
    pub scope: String,
    pub user: Option<BigCommerceUser>,
    pub owner: Option<BigCommerceUser>,
    pub account_uuid: Option<String>,
}

/// A BigCommerce sign-in waiting for the browser.
#[derive(Debug)]
pub struct BigCommerceSignIn {
    pending: PendingSignIn,
    http: reqwest::Client,
    token_url: Url,
    client_id: String,
    client_secret: Option<SecretString>,
}

impl BigCommerceSignIn {
    /// Bind the listener on the profile's fixed callback port and build the authorize URL.
    ///
    /// `client_secret` overrides the profile's (e.g. one kept in the keyring under
    /// [`crate::secret_store::SecretKey::BigCommerceClientSecret`]).
    pub async fn start(
        profile: &Profile,
        http: reqwest::Client,
        client_secret: Option<SecretString>,
    ) -> Result<Self> {
        let client_id = profile.bigcommerce_client_id()?.to_owned();
        let bc = &profile.bigcommerce;
        let login = bc.login_url.trim_end_matches('/');
        let authorize = profile_url(&format!("{login}{}", bc.authorize_path))?;
        let token_url = profile_url(&format!("{login}{}", bc.token_path))?;
        let config = ListenerConfig::new(
            bc.callback_port,
            &bc.callback_path,
            profile.signin_timeout,
            "BigCommerce",
        );
        let id = client_id.clone();
        let pending = PendingSignIn::start(config, move |redirect, state, pkce| {
            let mut url = authorize;
            url.query_pairs_mut()
                .append_pair("response_type", "code")
                .append_pair("client_id", &id)
                .append_pair("redirect_uri", redirect.as_str())
                .append_pair("scope", &scopes::scope_param())
                .append_pair("state", state)
                .append_pair("code_challenge", &pkce.challenge)
                .append_pair("code_challenge_method", "S256");
            Ok(url)
        })
        .await?;
        Ok(BigCommerceSignIn {
            pending,
            http,
            token_url,
            client_id,
            client_secret: client_secret.or_else(|| bc.client_secret.clone()),
        })
    }

    /// The URL to open (also for "open again" / "copy link").
    pub fn authorize_url(&self) -> &Url {
        self.pending.authorize_url()
    }

    /// The loopback redirect URI.
    #[cfg(feature = "test-support")]
    pub fn redirect_uri(&self) -> &Url {
        self.pending.redirect_uri()
    }

    /// Cancel from any task.
    pub(crate) fn canceller(&self) -> Canceller {
        self.pending.canceller()
    }

    /// Open the authorize URL in the browser.
    #[cfg(feature = "test-support")]
    pub fn open_with(&self, opener: &dyn crate::BrowserOpener) -> Result<()> {
        self.pending.open_with(opener)
    }

    /// Wait for the callback and exchange the code for the store's access token.
    pub async fn finish(self) -> Result<BigCommerceGrant> {
        let auth = self.pending.wait().await?;
        let params = &auth.callback.params;
        let context =
            params
                .get("context")
                .cloned()
                .ok_or_else(|| Error::BigCommerceExchangeFailed {
                    reason: "the answer named no store".into(),
                })?;
        let scope = params.get("scope").cloned().unwrap_or_default();
        let started = std::time::Instant::now();

        #[derive(Serialize)]
        struct TokenRequest<'a> {
            client_id: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            client_secret: Option<&'a str>,
            code: &'a str,
            context: &'a str,
            scope: &'a str,
            grant_type: &'a str,
            redirect_uri: &'a str,
            code_verifier: &'a str,
        }
        let body = TokenRequest {
            client_id: &self.client_id,
            client_secret: self.client_secret.as_ref().map(|s| s.expose()),
            code: auth.callback.code.expose(),
            context: &context,
            scope: &scope,
            grant_type: "authorization_code",
            redirect_uri: auth.redirect_uri.as_str(),
            code_verifier: auth.pkce_verifier.expose(),
        };
        // A code is single-use: the token call is never retried.
        let response = self
            .http
            .post(self.token_url.clone())
            .header(reqwest::header::ACCEPT, "application/json")
            .json(&body)
            .send()
            .await
            .map_err(|e| {
                tracing::info!(error = describe(&e), "BigCommerce token call failed");
                transport_error(&e, Error::BigCommerceUnreachable)
            })?;
        let status = response.status().as_u16();
        let bytes = read_body(response).await.map_err(|e| {
            e.into_error("BigCommerce", |why| Error::BigCommerceBadResponse {
                detail: format!("token: {why}"),
            })
        })?;
        let grant = read_token_answer(
            status,
            &bytes,
            &context,
            &scope,
            params.get("account_uuid").map(String::as_str),
        )?;
        tracing::info!(
            store_hash = %grant.store_hash,
            exchange_ms = started.elapsed().as_millis() as u64,
            "BigCommerce sign-in complete"
        );
        Ok(grant)
    }
}

/// Turn the token endpoint's answer (`status`, `body`) into the grant, for the store the
/// callback confirmed (`context`, e.g. `stores/abc123`). `scope` and `account_uuid` from the
/// callback fill in what the answer leaves out. No I/O (fuzzed in `src-tauri/core/fuzz`).
///
/// Non-2xx: 5xx → [`Error::BigCommerceUnavailable`], else [`Error::BigCommerceExchangeFailed`]
/// with the provider's short error text. 2xx: the JSON must carry a non-blank `access_token`
/// and exactly the confirmed `context`, else [`Error::BigCommerceBadResponse`] (whose detail
/// never quotes the body).
pub(crate) fn read_token_answer(
    status: u16,
    body: &[u8],
    context: &str,
    scope: &str,
    account_uuid: Option<&str>,
) -> Result<BigCommerceGrant> {
    if !(200..300).contains(&status) {
        return Err(match status {
            500..=599 => Error::BigCommerceUnavailable { status },
            _ => Error::BigCommerceExchangeFailed {
                reason: format!("HTTP {status}{}", error_text(body)),
            },
        });
    }

    #[derive(Deserialize)]
    struct TokenResponse {
        access_token: SecretString,
        #[serde(default)]
        scope: Option<String>,
        #[serde(default)]
        user: Option<BigCommerceUser>,
        #[serde(default)]
        owner: Option<BigCommerceUser>,
        context: String,
        #[serde(default)]
        account_uuid: Option<String>,
    }
    let token: TokenResponse =
        serde_json::from_slice(body).map_err(|e| Error::BigCommerceBadResponse {
            detail: format!("token response: {}", e.classify_name()),
        })?;
    if token.context != context {
        return Err(Error::BigCommerceBadResponse {
            detail: "the token is for another store than the one confirmed".into(),
        });
    }
    let store_hash = store_hash_from_context(&token.context)?;
    if token.access_token.expose().trim().is_empty() {
        return Err(Error::BigCommerceBadResponse {
            detail: "empty access token".into(),
        });
    }
    Ok(BigCommerceGrant {
        store_hash,
        access_token: token.access_token,
        scope: token.scope.unwrap_or_else(|| scope.to_owned()),
        user: token.user,
        owner: token.owner,
        account_uuid: token
            .account_uuid
            .or_else(|| account_uuid.map(str::to_owned)),
    })
}

/// `stores/{hash}` → the hash.
pub(crate) fn store_hash_from_context(context: &str) -> Result<StoreHash> {
    context
        .trim()
        .strip_prefix("stores/")
        .ok_or_else(|| Error::BigCommerceBadResponse {
            detail: "unexpected store context".into(),
        })
        .and_then(|h| {
            StoreHash::parse(h).map_err(|_| Error::BigCommerceBadResponse {
                detail: "unexpected store context".into(),
            })
        })
}

/// A short provider error text (`error`, `message` or `title`) from a JSON error body.
pub(crate) fn error_text(bytes: &[u8]) -> String {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return String::new();
    };
    ["error", "message", "title"]
        .iter()
        .find_map(|k| v.get(k).and_then(|x| x.as_str()))
        .map(|s| format!(": {}", s.chars().take(100).collect::<String>()))
        .unwrap_or_default()
}

pub(crate) trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "unreadable",
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => "not JSON",
            serde_json::error::Category::Data => "fields missing or of the wrong type",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_to_hash() {
        assert_eq!(
            store_hash_from_context("stores/abc123").unwrap().as_str(),
            "abc123"
        );
        assert!(store_hash_from_context("abc123").is_err());
        assert!(store_hash_from_context("stores/").is_err());
    }
}
