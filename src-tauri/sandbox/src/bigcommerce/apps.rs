//! App registrations at run time: which callbacks BigCommerce accepts, which apps a store has
//! installed, and uninstalling (tokens revoked, the app's uninstall callback called).
//!
//! Uninstall (Apps › My Apps › Uninstall, or [`crate::SandboxHandle::uninstall_app`]) revokes
//! the app's tokens for the store — "deleting it invalidates the access token" (Actindo docs,
//! Manage BigCommerce connection) — and BigCommerce then calls the app's uninstall callback
//! server-side, `GET {uninstall}?signed_payload_jwt=…` (BigCommerce docs, Single-Click App
//! Callback Handlers, docs/integrations/apps/guide/callbacks.mdx). The JWT is HS256, signed with
//! the app's client secret, claims `aud` (client id), `iss: "bc"`, `iat`, `nbf`, `exp` (+24 h),
//! `jti`, `sub: "stores/{hash}"`, `user`, `owner`, `url: "/"`, `channel_id: null`.

use crate::config::{AppKind, BcApp};
use crate::util::random_token;
use crate::{Error, Result, World};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// Whether `url` is on the sandbox's own origin (the stand-in for a public HTTPS host).
pub(crate) fn on_own_origin(world: &World, url: &str) -> bool {
    let (Ok(url), Ok(base)) = (
        url::Url::parse(&world.resolve(url)),
        url::Url::parse(&world.base_url),
    ) else {
        return false;
    };
    url.origin() == base.origin()
}

/// Registers app `client_id`'s auth callback (see [`crate::SandboxHandle::register_app_callback`]).
pub(crate) fn register_callback(world: &World, client_id: &str, url: &str) -> Result<()> {
    let app = world
        .config
        .app(client_id)
        .ok_or_else(|| Error::UnknownApp(client_id.to_owned()))?;
    if app.kind == AppKind::Marketplace && !on_own_origin(world, url) {
        return Err(Error::CallbackRefused {
            client_id: client_id.to_owned(),
            reason: "a marketplace app's callbacks must be public HTTPS URLs; in the sandbox only \
                     URLs on the sandbox's own origin stand in for them (a loopback listener is \
                     refused)"
                .to_owned(),
        });
    }
    let resolved = world.resolve(url);
    world
        .state()
        .callbacks
        .insert(client_id.to_owned(), resolved);
    Ok(())
}

/// Marks `client_id` installed on `store_hash`.
pub(crate) fn mark_installed(world: &World, store_hash: &str, client_id: &str) {
    world.state().bc.installs.insert(
        (store_hash.to_owned(), client_id.to_owned()),
        time::OffsetDateTime::now_utc(),
    );
}

/// The installed apps of a store as registrations, in registration order.
pub(crate) fn installed_apps<'a>(world: &'a World, store_hash: &str) -> Vec<&'a BcApp> {
    let st = world.state();
    world
        .config
        .apps()
        .into_iter()
        .filter(|a| {
            st.bc
                .installs
                .contains_key(&(store_hash.to_owned(), a.client_id.clone()))
        })
        .collect()
}

/// The installed app ids of a store.
pub(crate) fn installed(world: &World, store_hash: &str) -> Vec<String> {
    installed_apps(world, store_hash)
        .into_iter()
        .map(|a| a.app_id.clone())
        .collect()
}

/// An uninstall callback still to call: its URL with the signed payload.
pub(crate) struct UninstallCall {
    url: String,
}

/// Uninstalls one app from a store; returns the revoked token count and the callback to call.
pub(crate) fn uninstall(
    world: &World,
    store_hash: &str,
    app: &BcApp,
    email: &str,
) -> (usize, Option<UninstallCall>) {
    let revoked = {
        let mut st = world.state();
        st.bc
            .installs
            .remove(&(store_hash.to_owned(), app.client_id.clone()));
        st.bc.revoke_app_tokens(store_hash, Some(&app.client_id))
    };
    let call = app.uninstall_callback_url.as_ref().map(|u| UninstallCall {
        url: crate::util::with_query(
            &world.resolve(u),
            &[(
                "signed_payload_jwt",
                &signed_payload(world, store_hash, app, email),
            )],
        ),
    });
    (revoked, call)
}

/// Uninstalls every app of a store (every app with a live token counts as installed, so that
/// tokens from before a reset of the install list are revoked too); callbacks run in the
/// background. Returns how many tokens were revoked.
pub(crate) fn uninstall_all(world: &Arc<World>, store_hash: &str) -> Result<usize> {
    let Some(store) = world.config.store(store_hash) else {
        return Err(Error::UnknownStore(store_hash.to_owned()));
    };
    let owner = world
        .config
        .bigcommerce
        .accounts
        .iter()
        .find(|a| a.id == store.owner_id)
        .map(|a| a.email.clone())
        .unwrap_or_default();
    let mut total = 0;
    for app in installed_apps(world, store_hash) {
        let (n, call) = uninstall(world, store_hash, app, &owner);
        total += n;
        if let Some(call) = call {
            let w = world.clone();
            world
                .runtime
                .spawn(async move { call_uninstall(&w, call).await });
        }
    }
    // Tokens of apps not (or no longer) marked installed.
    total += world.state().bc.revoke_app_tokens(store_hash, None);
    Ok(total)
}

/// BigCommerce calling the app's uninstall callback; the app's answer is not needed.
pub(crate) async fn call_uninstall(world: &World, call: UninstallCall) {
    let sent = world
        .http
        .get(&call.url)
        .header("Accept", "application/json")
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    if let Err(e) = sent {
        tracing::warn!(error = %e.without_url(), "uninstall callback failed");
    }
}

fn signed_payload(world: &World, store_hash: &str, app: &BcApp, email: &str) -> String {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let accounts = &world.config.bigcommerce.accounts;
    let user = accounts
        .iter()
        .find(|a| a.email.eq_ignore_ascii_case(email));
    let owner = world
        .config
        .store(store_hash)
        .and_then(|s| accounts.iter().find(|a| a.id == s.owner_id));
    let person = |a: Option<&crate::config::BcAccount>| match a {
        Some(a) => json!({ "id": a.id, "email": a.email }),
        None => json!(null),
    };
    let mut user_claim = person(user.or(owner));
    if user_claim.is_object() {
        user_claim["locale"] = json!("en-US");
    }
    let claims = json!({
        "aud": app.client_id,
        "iss": "bc",
        "iat": now,
        "nbf": now,
        "exp": now + 24 * 3600,
        "jti": random_token(32),
        "sub": format!("stores/{store_hash}"),
        "user": user_claim,
        "owner": person(owner),
        "url": "/",
        "channel_id": null,
    });
    crate::jwt::sign(&claims, &app.client_secret)
}
