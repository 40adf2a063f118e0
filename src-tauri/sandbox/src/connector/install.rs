//! The connector's BigCommerce callbacks: `GET /connector/auth` (the install, rendered in the
//! control panel's iframe) and `GET /connector/uninstall` (server-side, signed JWT).
//!
//! The auth callback follows BigCommerce docs, Implementing OAuth
//! (docs/integrations/apps/guide/auth.mdx): it requests the token with a JSON body `client_id,
//! client_secret, code, context, scope, grant_type=authorization_code, redirect_uri` (identical to
//! the registered callback) before answering, checks the granted scopes, keeps the token per
//! store, and answers with its first page.

use super::{error_page, setup, ConnectorState, Install};
use crate::pages::{self, Brand};
use crate::util::random_token;
use crate::World;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) async fn home() -> Response {
    pages::message(
        Brand::Connector,
        StatusCode::OK,
        "Actindo Core1 DOP Connector",
        "This app connects a BigCommerce store to the Omni-Channel module of an Actindo Core1 \
         workspace. Install it from Apps \u{203a} Marketplace in your store's control panel.",
    )
}

pub(crate) async fn auth(
    State(world): State<Arc<World>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let param = |k: &str| q.get(k).map(String::as_str).unwrap_or_default();
    let (code, context, scope) = (param("code"), param("context"), param("scope"));
    let Some(hash) = context.strip_prefix("stores/").filter(|h| !h.is_empty()) else {
        return error_page(
            "Installation failed",
            "BigCommerce did not say which store this is. Start the installation again from \
             Apps \u{203a} Marketplace in your store's control panel.",
        );
    };
    if code.is_empty() {
        return error_page(
            "Installation failed",
            "BigCommerce sent no authorization code. Start the installation again from Apps \
             \u{203a} Marketplace in your store's control panel.",
        );
    }
    let app = &world.config.bigcommerce.connector;
    let body = json!({
        "client_id": app.client_id,
        "client_secret": app.client_secret,
        "code": code,
        "context": context,
        "scope": scope,
        "grant_type": "authorization_code",
        "redirect_uri": world.resolve(&app.callback_url),
    });
    let answer = world
        .http
        .post(format!("{}/bc-login/oauth2/token", world.base_url))
        .header("Accept", "application/json")
        .json(&body)
        .send()
        .await;
    let (status, reply) = match answer {
        Ok(r) => (r.status(), r.json::<Value>().await.unwrap_or(Value::Null)),
        Err(_) => return error_page(
            "Installation failed",
            "The connector could not reach BigCommerce. Try the installation again in a moment.",
        ),
    };
    let token = reply["access_token"].as_str().unwrap_or_default();
    if !status.is_success() || token.is_empty() || reply["context"] != context {
        let why = reply["error"].as_str().unwrap_or("no access token");
        return error_page(
            "Installation failed",
            &format!(
                "BigCommerce did not accept the installation ({why}). Start it again from Apps \
                 \u{203a} Marketplace in your store's control panel."
            ),
        );
    }
    let granted: Vec<&str> = reply["scope"]
        .as_str()
        .unwrap_or_default()
        .split(' ')
        .collect();
    if let Some(missing) = app.scopes.iter().find(|s| !granted.contains(&s.as_str())) {
        return error_page(
            "Installation failed",
            &format!("The app was not given all the access it needs (missing {missing})."),
        );
    }
    let install = random_token(24);
    let store_name = world
        .config
        .store(hash)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| hash.to_owned());
    {
        let mut st = world.state();
        remember(&mut st.connector, &install, hash, token);
    }
    setup::page(&install, &store_name, "", None)
}

/// Keeps the store's new token; an older install of the same store is replaced.
fn remember(c: &mut ConnectorState, install: &str, hash: &str, token: &str) {
    for old in c.installs.values_mut() {
        if old.store_hash == hash {
            old.gone = true;
        }
    }
    c.installs.insert(
        install.to_owned(),
        Install {
            store_hash: hash.to_owned(),
            access_token: token.to_owned(),
            gone: false,
            connected: None,
        },
    );
}

/// BigCommerce's uninstall callback: verify the signed payload, forget the store's install.
pub(crate) async fn uninstall(
    State(world): State<Arc<World>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let app = &world.config.bigcommerce.connector;
    let jwt = q
        .get("signed_payload_jwt")
        .map(String::as_str)
        .unwrap_or_default();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let claims = crate::jwt::verify(jwt, &app.client_secret).filter(|c| {
        c["aud"] == app.client_id.as_str()
            && c["iss"] == "bc"
            && c["exp"].as_i64().is_some_and(|exp| exp > now)
    });
    let hash = claims
        .as_ref()
        .and_then(|c| c["sub"].as_str())
        .and_then(|s| s.strip_prefix("stores/"))
        .map(str::to_owned);
    let Some(hash) = hash else {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "invalid signed_payload_jwt" })),
        )
            .into_response();
    };
    let mut forgotten = 0;
    for install in world.state().connector.installs.values_mut() {
        if install.store_hash == hash && !install.gone {
            install.gone = true;
            install.access_token.clear();
            forgotten += 1;
        }
    }
    Json(json!({ "uninstalled": hash, "installs": forgotten })).into_response()
}
