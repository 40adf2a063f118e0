//! The practice store control panel: deep links, the session's store, and the page frame.
//!
//! `GET /bc-login/deep-links/{path}` stands in for `https://login.bigcommerce.com/deep-links/…`,
//! which opens the store's control panel after login (BigCommerce docs, Locating the ID of an
//! App, docs/integrations/apps/guide/id.mdx, links `deep-links/manage/marketplace/apps/my-apps`):
//! without a `bc_session` it asks to log in (`#login-form`) and comes back; then 303 to
//! `/bc-login/manage/{path without a leading "manage/"}` (query kept) for the login's store — the
//! first store of the account. Every `/bc-login/manage/…` page needs the session too.

use super::login::{login_redirect, session};
use crate::config::BcStore;
use crate::pages::{self, esc, Brand, Layout};
use crate::World;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use std::sync::Arc;

/// Apps › Marketplace.
pub(crate) const MARKETPLACE: &str = "/bc-login/manage/marketplace/apps";
/// Apps › My Apps.
pub(crate) const MY_APPS: &str = "/bc-login/manage/marketplace/apps/my-apps";
/// Settings › API › Store-level API accounts.
pub(crate) const API_ACCOUNTS: &str = "/bc-login/manage/settings/api-accounts";

/// Who is looking at the control panel, and which store. As a handler argument it answers with
/// the login (or "no store") page itself when there is no session.
pub(crate) struct Viewer {
    pub(crate) email: String,
    pub(crate) store: BcStore,
}

impl axum::extract::FromRequestParts<Arc<World>> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        world: &Arc<World>,
    ) -> Result<Self, Response> {
        viewer(world, &parts.headers, &parts.uri).map_err(|answer| *answer)
    }
}

/// The signed-in viewer and their store, or the answer to give instead (login, or no store).
pub(crate) fn viewer(
    world: &World,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<Viewer, Box<Response>> {
    let Some((_, email)) = session(world, headers) else {
        let here = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        return Err(Box::new(login_redirect(here)));
    };
    let store = world
        .config
        .account(&email)
        .and_then(|a| a.stores.first())
        .and_then(|h| world.config.store(h));
    match store {
        Some(store) => Ok(Viewer {
            email,
            store: store.clone(),
        }),
        None => Err(Box::new(pages::message(
            Brand::BigCommerce,
            StatusCode::FORBIDDEN,
            "No store",
            "This login has no store.",
        ))),
    }
}

/// A control-panel page: the store's name, the menu, then `body`.
pub(crate) fn panel(v: &Viewer, status: StatusCode, title: &str, body: &str) -> Response {
    let nav = format!(
        "<nav id=\"panel-nav\"><strong id=\"store-name\">{store}</strong> \u{b7} \
         <a id=\"nav-marketplace\" href=\"{MARKETPLACE}\">Apps \u{203a} Marketplace</a>\
         <a id=\"nav-my-apps\" href=\"{MY_APPS}\">Apps \u{203a} My Apps</a>\
         <a id=\"nav-api-accounts\" href=\"{API_ACCOUNTS}\">Settings \u{203a} API</a>\
         <span class=\"note\">{email}</span></nav>",
        store = esc(&v.store.name),
        email = esc(&v.email),
    );
    pages::render(
        Brand::BigCommerce,
        status,
        title,
        &format!("{nav}{body}"),
        Layout::Panel,
    )
}

pub(crate) async fn deep_link(
    State(world): State<Arc<World>>,
    Path(rest): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if let Err(answer) = viewer(&world, &headers, &uri) {
        return *answer;
    }
    let rest = rest.trim_start_matches('/');
    let rest = rest
        .strip_prefix("manage/")
        .or_else(|| (rest == "manage").then_some(""))
        .unwrap_or(rest);
    let mut target = format!("/bc-login/manage/{rest}");
    if let Some(q) = uri.query() {
        target.push('?');
        target.push_str(q);
    }
    pages::see_other(&target)
}

pub(crate) async fn home(v: Viewer) -> Response {
    let body = format!(
        "<h1 id=\"title\">Dashboard</h1><p>Welcome to the control panel of {}.</p>\
         <p class=\"note\">Apps are installed from Apps \u{203a} Marketplace; API credentials are \
         made under Settings \u{203a} API \u{203a} Store-level API accounts.</p>",
        esc(&v.store.name)
    );
    panel(&v, StatusCode::OK, "Dashboard", &body)
}

pub(crate) async fn not_found(v: Viewer) -> Response {
    panel(
        &v,
        StatusCode::NOT_FOUND,
        "Page not found",
        "<h1 id=\"title\">Page not found</h1><p id=\"message\">The practice control panel has no such page.</p>",
    )
}
