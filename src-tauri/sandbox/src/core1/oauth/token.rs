//! The token endpoint: the client authenticated first, then the code or refresh grant, and the
//! token pair issued (the refresh token rotated on every use).

use super::{Access, Refresh};
use crate::core1::WorkspaceState;
#[cfg(feature = "faults")]
use crate::faults::{names, Fault};
use crate::util::{pkce_s256, random_token};
use crate::{SecretKind, World};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::collections::HashMap;
use std::time::Instant;

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
    let authenticated = crate::core1::registration(world, ws, &client_id)
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
