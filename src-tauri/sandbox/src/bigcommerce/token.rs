//! `POST /bc-login/oauth2/token`: the authorization code for the store's access token.

use super::{AccessToken, TokenOrigin};
use crate::config::AppKind;
use crate::util::{pkce_s256, random_token};
use crate::{SecretKind, World};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

/// The documented request fields (JSON or form-encoded).
#[derive(Deserialize, Default)]
struct TokenRequest {
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    client_secret: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    context: String,
    #[serde(default)]
    grant_type: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    code_verifier: Option<String>,
}

/// A BigCommerce-style error: `{"error": "text"}`.
fn error(status: StatusCode, text: &str) -> Response {
    (status, Json(json!({ "error": text }))).into_response()
}

fn parse(headers: &HeaderMap, body: &[u8]) -> Option<TokenRequest> {
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if form {
        serde_urlencoded::from_bytes(body).ok()
    } else {
        serde_json::from_slice(body).ok()
    }
}

pub(crate) async fn exchange(
    State(world): State<Arc<World>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(req) = parse(&headers, &body) else {
        return error(StatusCode::BAD_REQUEST, "Invalid request");
    };
    let mut st = world.state();
    if let Some(v) = req.code_verifier.as_deref() {
        st.record(SecretKind::PkceVerifier, v);
    }
    let Some(app) = world
        .config
        .app(&req.client_id)
        .filter(|a| a.client_secret == req.client_secret)
    else {
        return error(StatusCode::UNAUTHORIZED, "Invalid client id or secret");
    };
    if req.grant_type != "authorization_code" {
        return error(StatusCode::BAD_REQUEST, "Invalid grant type");
    }
    if st.callbacks.get(&app.client_id) != Some(&req.redirect_uri) {
        return error(StatusCode::BAD_REQUEST, "Invalid redirect_uri");
    }
    let Some(code) = st.bc.codes.get_mut(&req.code) else {
        return error(StatusCode::BAD_REQUEST, "Invalid code");
    };
    if code.used || code.client_id != app.client_id {
        return error(StatusCode::BAD_REQUEST, "Invalid code");
    }
    code.used = true;
    if code.issued_at.elapsed() > world.config.bigcommerce.code_ttl {
        return error(StatusCode::BAD_REQUEST, "Code expired");
    }
    if req.redirect_uri != code.redirect_uri {
        return error(StatusCode::BAD_REQUEST, "Invalid redirect_uri");
    }
    let context = format!("stores/{}", code.store_hash);
    if req.context != context {
        return error(StatusCode::BAD_REQUEST, "Invalid context");
    }
    if let Some(challenge) = code.challenge.as_deref() {
        let ok = req
            .code_verifier
            .as_deref()
            .is_some_and(|v| pkce_s256(v) == challenge);
        if !ok {
            return error(StatusCode::BAD_REQUEST, "Invalid code_verifier");
        }
    }
    let (email, store_hash, scopes) = (
        code.email.clone(),
        code.store_hash.clone(),
        code.scopes.clone(),
    );
    if app.kind == AppKind::Marketplace {
        // One live token per app and store: the new install's token replaces the previous one.
        st.bc.revoke_app_tokens(&store_hash, Some(&app.client_id));
    }
    let token = random_token(31).to_lowercase();
    st.record(SecretKind::AccessToken, &token);
    st.bc.tokens.insert(
        token.clone(),
        AccessToken {
            store_hash: store_hash.clone(),
            scopes: scopes.clone(),
            origin: TokenOrigin::App(app.client_id.clone()),
            revoked_at: None,
        },
    );
    drop(st);
    let accounts = &world.config.bigcommerce.accounts;
    let store = world.config.store(&store_hash);
    let person = |a: Option<&crate::config::BcAccount>| match a {
        Some(a) => json!({ "id": a.id, "username": a.username, "email": a.email }),
        None => json!(null),
    };
    let user = accounts
        .iter()
        .find(|a| a.email.eq_ignore_ascii_case(&email));
    let owner = store.and_then(|s| accounts.iter().find(|a| a.id == s.owner_id));
    let mut resp = Json(json!({
        "access_token": token,
        "scope": scopes.join(" "),
        "user": person(user),
        "owner": person(owner.or(user)),
        "context": context,
        "account_uuid": store.map(|s| s.account_uuid.clone()).unwrap_or_default(),
    }))
    .into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}
