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

use super::WorkspaceState;
#[cfg(feature = "faults")]
use crate::faults::{covers, faulted_state, names, Area, Fault};
use crate::pages::{self, Brand};
use crate::util::{cookie, pkce_s256, random_token, with_query};
use crate::{SecretKind, World};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;
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

pub(crate) fn authorize(world: &World, ws: &str, headers: &HeaderMap, uri: &Uri) -> Response {
    let q: HashMap<String, String> =
        serde_urlencoded::from_str(uri.query().unwrap_or_default()).unwrap_or_default();
    let param = |k: &str| q.get(k).map(String::as_str).unwrap_or_default();
    let client_id = param("client_id").to_owned();
    let Some(registration) = super::registration(world, ws, &client_id) else {
        return bad_request(
            "Unknown client",
            "This workspace has no app registration with this Application (client) ID.",
        );
    };
    let redirect_uri = param("redirect_uri").to_owned();
    if !redirect_matches(&registration, &redirect_uri) {
        return bad_request(
            "Wrong redirect_uri",
            "The redirect_uri is not the Redirect URI registered for this app.",
        );
    }
    let state = q.get("state").cloned();
    let fail = |error: &str, description: &str| {
        let mut params = vec![("error", error), ("error_description", description)];
        if let Some(s) = state.as_deref() {
            params.push(("state", s));
        }
        pages::redirect(&with_query(&redirect_uri, &params))
    };
    if param("response_type") != "code" {
        return fail("unsupported_response_type", "response_type must be code");
    }
    if !param("scope").split(' ').any(|s| s == REQUIRED_SCOPE) {
        return fail("invalid_scope", "the scope must include profile");
    }
    let challenge = q.get("code_challenge").filter(|c| !c.is_empty()).cloned();
    if challenge.is_some() && param("code_challenge_method") != "S256" {
        return fail("invalid_request", "code_challenge_method must be S256");
    }
    let Some((sid, user)) = session(world, ws, headers) else {
        let here = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let next = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
        return pages::redirect(&format!("/core1/{ws}/login?{next}"));
    };
    let id = random_token(24);
    let scope = param("scope").to_owned();
    world
        .state()
        .core1
        .entry(ws.to_owned())
        .or_default()
        .consents
        .insert(
            id.clone(),
            PendingConsent {
                client_id: client_id.clone(),
                session: sid,
                user: user.clone(),
                redirect_uri: redirect_uri.clone(),
                scope,
                state: state.clone(),
                challenge,
            },
        );
    pages::consent(
        Brand::Core1,
        &pages::Consent {
            action: &format!("/core1/{ws}/consent"),
            request_id: &id,
            heading: &format!("Allow {}?", registration.name),
            intro: &format!(
                "{} asks to work in the workspace \u{201c}{ws}\u{201d} as {user}. It will be able to:",
                registration.name
            ),
            items: vec![
                "Read your workspace's basic information".to_owned(),
                "Create and manage Omni-Channel connections".to_owned(),
            ],
        },
    )
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub(crate) fn login_form(uri: &Uri) -> Response {
    let q: HashMap<String, String> =
        serde_urlencoded::from_str(uri.query().unwrap_or_default()).unwrap_or_default();
    let next = q.get("next").map(String::as_str).unwrap_or_default();
    pages::login(Brand::Core1, uri.path(), next, "", None)
}

pub(crate) fn login_submit(world: &World, ws: &str, body: &[u8]) -> Response {
    let action = format!("/core1/{ws}/login");
    let Ok(f) = serde_urlencoded::from_bytes::<LoginForm>(body) else {
        return pages::login(
            Brand::Core1,
            &action,
            "",
            "",
            Some("Please fill in the form."),
        );
    };
    let user = world
        .config
        .core1
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(f.email.trim()) && u.password == f.password);
    let Some(user) = user else {
        return pages::login(
            Brand::Core1,
            &action,
            &f.next,
            &f.email,
            Some("That email and password do not match a practice Core1 user. Please try again."),
        );
    };
    let sid = random_token(32);
    world
        .state()
        .core1
        .entry(ws.to_owned())
        .or_default()
        .sessions
        .insert(sid.clone(), user.email.clone());
    let prefix = format!("/core1/{ws}/");
    let next = if f.next.starts_with(&prefix) {
        f.next.as_str()
    } else {
        prefix.as_str()
    };
    pages::redirect_with_cookie(
        next,
        &format!("{SESSION_COOKIE}={sid}; Path=/core1/{ws}; HttpOnly; SameSite=Lax"),
    )
}

#[derive(Deserialize)]
struct Decision {
    #[serde(default)]
    request: String,
    #[serde(default)]
    action: String,
}

pub(crate) fn decide(world: &World, ws: &str, headers: &HeaderMap, body: &[u8]) -> Response {
    let d: Decision = serde_urlencoded::from_bytes(body).unwrap_or(Decision {
        request: String::new(),
        action: String::new(),
    });
    let sid = session(world, ws, headers).map(|(sid, _)| sid);
    let pending = world
        .state()
        .core1
        .get_mut(ws)
        .and_then(|w| w.consents.remove(&d.request));
    let Some(p) = pending.filter(|p| Some(&p.session) == sid.as_ref()) else {
        return bad_request(
            "Sign-in expired",
            "This page is no longer valid. Start the sign-in again from the app.",
        );
    };
    let confirmed = d.action == "confirm"
        && !fault_fires!(world, Fault::ConsentDenied { area } if covers(*area, Area::Core1));
    let state = p.state.clone();
    #[cfg(feature = "faults")]
    let state = faulted_state(world, Area::Core1, state);
    let mut params: Vec<(&str, String)> = Vec::new();
    if confirmed {
        let code = random_token(40);
        params.push(("code", code.clone()));
        let mut st = world.state();
        st.record(SecretKind::AuthorizationCode, &code);
        st.core1.entry(ws.to_owned()).or_default().codes.insert(
            code,
            IssuedCode {
                client_id: p.client_id,
                user: p.user,
                redirect_uri: p.redirect_uri.clone(),
                scope: p.scope,
                challenge: p.challenge,
                issued_at: Instant::now(),
                used: false,
            },
        );
    } else {
        params.push(("error", "access_denied".into()));
        params.push(("error_description", "The user denied the sign-in.".into()));
    }
    if let Some(s) = state {
        params.push(("state", s));
    }
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    pages::redirect(&with_query(&p.redirect_uri, &pairs))
}

/// An RFC 6749 §5.2 error.
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    no_store(
        (
            status,
            Json(json!({ "error": error, "error_description": description })),
        )
            .into_response(),
    )
}

fn no_store(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    resp
}

fn invalid_grant(description: &str) -> Response {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", description)
}

pub(crate) fn token(world: &World, ws: &str, body: &[u8]) -> Response {
    let Ok(form) = serde_urlencoded::from_bytes::<HashMap<String, String>>(body) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the body must be form-encoded",
        );
    };
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or_default();
    if let Some(v) = form.get("code_verifier") {
        world.state().record(SecretKind::PkceVerifier, v);
    }
    let client_id = field("client_id").to_owned();
    let authenticated = super::registration(world, ws, &client_id)
        .is_some_and(|r| !r.client_secret.is_empty() && field("client_secret") == r.client_secret);
    if !authenticated {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "unknown client or wrong client secret",
        );
    }
    match field("grant_type") {
        "" => oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "grant_type is missing",
        ),
        "authorization_code" => code_grant(world, ws, &client_id, &form),
        "refresh_token" => refresh_grant(world, ws, &client_id, field("refresh_token")),
        _ => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "only authorization_code and refresh_token are supported",
        ),
    }
}

fn code_grant(
    world: &World,
    ws: &str,
    client_id: &str,
    form: &HashMap<String, String>,
) -> Response {
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or_default();
    let mut st = world.state();
    let Some(w) = st.core1.get_mut(ws) else {
        return invalid_grant("unknown workspace");
    };
    let Some(code) = w.codes.get_mut(field("code")) else {
        return invalid_grant("the authorization code is invalid");
    };
    if code.used {
        return invalid_grant("the authorization code has already been used");
    }
    code.used = true;
    if code.client_id != client_id {
        return invalid_grant("the authorization code was issued to another client");
    }
    if code.issued_at.elapsed() > world.config.core1.code_ttl {
        return invalid_grant("the authorization code has expired");
    }
    if field("redirect_uri") != code.redirect_uri {
        return invalid_grant("redirect_uri differs from the one used to authorize");
    }
    if let Some(challenge) = code.challenge.as_deref() {
        if form
            .get("code_verifier")
            .is_none_or(|v| pkce_s256(v) != challenge)
        {
            return invalid_grant("the PKCE code_verifier does not match the code_challenge");
        }
    }
    let (user, scope) = (code.user.clone(), code.scope.clone());
    issue(world, &mut st, ws, client_id, &user, &scope)
}

fn refresh_grant(world: &World, ws: &str, client_id: &str, presented: &str) -> Response {
    if fault_fires!(world, Fault::ExpiredRefreshToken { workspace } if names(workspace, ws)) {
        return invalid_grant("the refresh token has expired");
    }
    if fault_fires!(world, Fault::ReplayedRefreshToken { workspace } if names(workspace, ws)) {
        return invalid_grant("the refresh token has already been used");
    }
    let mut st = world.state();
    let Some(w) = st.core1.get_mut(ws) else {
        return invalid_grant("unknown workspace");
    };
    let Some(r) = w.refresh.get_mut(presented) else {
        return invalid_grant("the refresh token is invalid");
    };
    if r.used {
        return invalid_grant("the refresh token has already been used");
    }
    r.used = true;
    if r.client_id != client_id {
        return invalid_grant("the refresh token was issued to another client");
    }
    if r.issued_at.elapsed() > world.config.core1.refresh_token_lifetime {
        return invalid_grant("the refresh token has expired");
    }
    let (user, scope) = (r.user.clone(), r.scope.clone());
    issue(world, &mut st, ws, client_id, &user, &scope)
}

/// Issues a fresh access and refresh token pair.
fn issue(
    world: &World,
    st: &mut crate::State,
    ws: &str,
    client_id: &str,
    user: &str,
    scope: &str,
) -> Response {
    let access = random_token(48);
    let refresh = random_token(48);
    st.record(SecretKind::AccessToken, &access);
    st.record(SecretKind::RefreshToken, &refresh);
    let lifetime = world.config.core1.access_token_lifetime;
    let now = Instant::now();
    let w: &mut WorkspaceState = st.core1.entry(ws.to_owned()).or_default();
    w.access.insert(
        access.clone(),
        Access {
            client_id: client_id.to_owned(),
            user: user.to_owned(),
            expires_at: now + lifetime,
        },
    );
    w.refresh.insert(
        refresh.clone(),
        Refresh {
            client_id: client_id.to_owned(),
            user: user.to_owned(),
            scope: scope.to_owned(),
            issued_at: now,
            used: false,
        },
    );
    no_store(
        Json(json!({
            "access_token": access,
            "token_type": "bearer",
            "expires_in": lifetime.as_secs(),
            "refresh_token": refresh,
            "scope": scope,
        }))
        .into_response(),
    )
}
