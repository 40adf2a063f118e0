//! Core1 OAuth2 (authorization code + PKCE, refresh tokens rotated on every use) against the
//! workspace's own app registrations (`super::registrations`).
//!
//! What Actindo documents (Actindo-AG/Documentation, branch ACD-1069, `PIM/API/02_GetStarted.md`,
//! "Set up the OAuth authorization"): an app is registered in the workspace with one Redirect
//! URI and gets a client secret; the authorize request carries `client_id`, `redirect_uri`,
//! `scope` **`profile`**, `response_type=code`, `state`, `nonce`; every token call is
//! form-encoded and carries `client_id` **and `client_secret`**; the answer is `{access_token,
//! expires_in: 3600, token_type: "bearer", scope, refresh_token}`, and each refresh returns a
//! new refresh token. The code belongs to the user logged in while authorizing.
//!
//! Authorize: `GET {ws}/Actindo.CoreModules.Auth.OAuth2.authorize?client_id&redirect_uri&scope
//! &response_type=code&state&nonce[&code_challenge&code_challenge_method=S256]`. A `client_id`
//! the workspace has no registration for, or a `redirect_uri` other than the registered one
//! (another loopback port included), gives an HTML 400 without redirecting (RFC 6749 §4.1.2.1:
//! never redirect to an unverified URI). A request whose `scope` lacks `profile` is sent back
//! with `error=invalid_scope` (RFC 6749 §4.1.2.1). After login and Confirm: 302
//! `redirect_uri?code&state`; Cancel: `error=access_denied&error_description&state`.
//!
//! Token: `POST {ws}/Actindo.CoreModules.Auth.OAuth2Token.getAccessToken`, form-encoded.
//! `grant_type=authorization_code` (`code, redirect_uri, client_id, client_secret[, code_verifier]`)
//! or `grant_type=refresh_token` (`refresh_token, client_id, client_secret`). A client the
//! workspace does not know, or a missing or wrong secret, is 401 `invalid_client` **before** the
//! grant is looked at (RFC 6749 §5.2: the client authenticates first) — so a made-up code with
//! the right secret gets `invalid_grant`, with a wrong one `invalid_client`. Success:
//! `{access_token, token_type:"bearer", expires_in, refresh_token, scope}`; the used refresh
//! token is dead afterwards (a replay gets `invalid_grant`). Errors per RFC 6749 §5.2:
//! `{error, error_description}` — 400 `invalid_request`, `invalid_grant`,
//! `unsupported_grant_type`; 401 `invalid_client`. A code or refresh token is only good for the
//! client it was issued to. Deleting a registration ends its tokens (assumed).
mod authorize;
mod token;

pub(crate) use authorize::{authorize, decide, login_form, login_submit};
pub(crate) use token::token;

use super::WorkspaceState;
use crate::pages::{self, Brand};
use crate::util::cookie;
use crate::World;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::time::Instant;

/// The authorize endpoint.
pub const AUTHORIZE: &str = "Actindo.CoreModules.Auth.OAuth2.authorize";
/// The token endpoint.
pub const TOKEN: &str = "Actindo.CoreModules.Auth.OAuth2Token.getAccessToken";
/// Session cookie of the Core1 login (path `/core1/{ws}`).
pub(crate) const SESSION_COOKIE: &str = "core1_session";

pub(crate) struct PendingConsent {
    client_id: String,
    session: String,
    user: String,
    redirect_uri: String,
    scope: String,
    state: Option<String>,
    challenge: Option<String>,
}

pub(crate) struct IssuedCode {
    client_id: String,
    user: String,
    redirect_uri: String,
    scope: String,
    challenge: Option<String>,
    issued_at: Instant,
    used: bool,
}

/// A live access token.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct Access {
    client_id: String,
    pub(crate) user: String,
    #[serde(with = "crate::saved_forms::instant")]
    pub(crate) expires_at: Instant,
}

/// A refresh token; `used` once it has been exchanged (rotation).
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct Refresh {
    client_id: String,
    user: String,
    scope: String,
    #[serde(with = "crate::saved_forms::instant")]
    issued_at: Instant,
    used: bool,
}

/// Whether `uri` is a loopback redirect with the registered path (any port, RFC 8252 §7.3):
/// only for a registration that allows it ([`crate::config::Core1Registration::any_loopback_port`]).
pub fn redirect_allowed(uri: &str, registered_path: &str) -> bool {
    let Ok(url) = url::Url::parse(uri) else {
        return false;
    };
    let loopback = matches!(url.host_str(), Some("127.0.0.1") | Some("[::1]"));
    url.scheme() == "http"
        && loopback
        && url.port().is_some()
        && url.path() == registered_path
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
}

/// Whether `uri` is the Redirect URI of `registration`: exactly the registered one (or, for a
/// registration that allows it, any loopback port with the registered path).
pub fn redirect_matches(registration: &crate::config::Core1Registration, uri: &str) -> bool {
    if uri == registration.redirect_uri {
        return true;
    }
    registration.any_loopback_port
        && url::Url::parse(&registration.redirect_uri)
            .is_ok_and(|r| redirect_allowed(uri, r.path()))
}

/// The scope Actindo's guide asks for in the authorize request.
pub const REQUIRED_SCOPE: &str = "profile";

/// Ends every code and token issued to `client_id` (its registration was deleted).
pub(crate) fn end_client(w: &mut WorkspaceState, client_id: &str) {
    w.codes.retain(|_, c| c.client_id != client_id);
    w.access.retain(|_, a| a.client_id != client_id);
    w.refresh.retain(|_, r| r.client_id != client_id);
    w.consents.retain(|_, c| c.client_id != client_id);
}

/// The Core1 browser session (`core1_session` cookie) of workspace `ws`: (session id, user).
pub(crate) fn session(world: &World, ws: &str, headers: &HeaderMap) -> Option<(String, String)> {
    let sid = cookie(headers, SESSION_COOKIE)?;
    let st = world.state();
    let user = st.core1.get(ws)?.sessions.get(&sid)?.clone();
    Some((sid, user))
}

fn bad_request(title: &str, text: &str) -> Response {
    pages::message(Brand::Core1, StatusCode::BAD_REQUEST, title, text)
}
