//! Apps › Marketplace, an app's listing with Install, and Apps › My Apps with Uninstall.
//!
//! Hooks: search `<form id="marketplace-search" method="get">` (input `name="search"`, matched
//! case-insensitively against app names); each app `<a data-app="{app_id}" href="…/{app_id}">`;
//! the listing's `<form id="install-form" method="get" action="/bc-login/app/{client_id}/install">`
//! (hidden `source=marketplace`, so the callback gets no `external_install`); a decoy listing
//! has `#not-installable` instead. My Apps lists `<li data-app>` with
//! `<form id="uninstall-{app_id}" method="post" action="…/{app_id}/uninstall">`; after an
//! uninstall it shows `#uninstalled`. Installs start in the store (BigCommerce docs,
//! Implementing OAuth, docs/integrations/apps/guide/auth.mdx; Actindo docs, Manage BigCommerce
//! connection: Apps › Marketplace › Actindo Core1 DOP Connector › Install).

use super::apps;
use super::control_panel::{panel, Viewer, MARKETPLACE, MY_APPS};
use crate::pages::{self, esc};
use crate::World;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;

#[derive(Deserialize)]
pub(crate) struct Search {
    #[serde(default)]
    search: String,
}

pub(crate) async fn catalogue(
    State(world): State<Arc<World>>,
    Query(q): Query<Search>,
    v: Viewer,
) -> Response {
    let needle = q.search.trim().to_lowercase();
    let items: String = world
        .config
        .bigcommerce
        .marketplace
        .iter()
        .filter(|l| needle.is_empty() || l.name.to_lowercase().contains(&needle))
        .map(|l| {
            format!(
                "<li><a data-app=\"{id}\" href=\"{MARKETPLACE}/{id}\">{name}</a> \
                 <span class=\"note\">{dev} \u{2014} {summary}</span></li>",
                id = esc(&l.app_id),
                name = esc(&l.name),
                dev = esc(&l.developer),
                summary = esc(&l.summary),
            )
        })
        .collect();
    let list = if items.is_empty() {
        format!(
            "<p id=\"no-apps\">No apps match \u{201c}{}\u{201d}.</p>",
            esc(q.search.trim())
        )
    } else {
        format!("<ul id=\"app-list\">{items}</ul>")
    };
    let body = format!(
        "<h1 id=\"title\">Marketplace</h1>\
         <form id=\"marketplace-search\" method=\"get\" action=\"{MARKETPLACE}\">\
         <label for=\"search\">Search apps</label>\
         <input type=\"text\" id=\"search\" name=\"search\" value=\"{q}\">\
         <button type=\"submit\" id=\"search-submit\">Search</button></form>{list}",
        q = esc(q.search.trim()),
    );
    panel(&v, StatusCode::OK, "Marketplace", &body)
}

pub(crate) async fn listing(
    State(world): State<Arc<World>>,
    Path(app_id): Path<String>,
    v: Viewer,
) -> Response {
    let Some(l) = world
        .config
        .bigcommerce
        .marketplace
        .iter()
        .find(|l| l.app_id == app_id)
    else {
        return panel(
            &v,
            StatusCode::NOT_FOUND,
            "App not found",
            "<h1 id=\"title\">App not found</h1><p id=\"message\">The marketplace has no such app.</p>",
        );
    };
    let installed =
        l.client_id.is_some() && apps::installed(&world, &v.store.hash).contains(&app_id);
    let status = if installed {
        format!(
            "<p id=\"installed\">Installed on {}. Installing again asks for the access again \
             and gives the app a new access token.</p>",
            esc(&v.store.name)
        )
    } else {
        String::new()
    };
    let action = match &l.client_id {
        Some(client_id) => format!(
            "<form id=\"install-form\" method=\"get\" action=\"/bc-login/app/{}/install\">\
             <input type=\"hidden\" name=\"source\" value=\"marketplace\">\
             <button type=\"submit\" id=\"install\">Install</button></form>",
            esc(client_id)
        ),
        None => "<p id=\"not-installable\" class=\"note\">This practice listing is only here to \
                 be found among others; it cannot be installed.</p>"
            .to_owned(),
    };
    let body = format!(
        "<h1 id=\"title\">{name}</h1><p class=\"note\">by {dev}</p><p>{summary}</p>{status}{action}",
        name = esc(&l.name),
        dev = esc(&l.developer),
        summary = esc(&l.summary),
    );
    panel(&v, StatusCode::OK, &l.name, &body)
}

#[derive(Deserialize)]
pub(crate) struct Notice {
    #[serde(default)]
    uninstalled: Option<String>,
}

pub(crate) async fn my_apps(
    State(world): State<Arc<World>>,
    Query(n): Query<Notice>,
    v: Viewer,
) -> Response {
    let notice = n
        .uninstalled
        .as_deref()
        .and_then(|id| world.config.app_by_id(id))
        .map(|a| {
            format!(
                "<p id=\"uninstalled\" role=\"status\">{} was uninstalled. Its access token no \
                 longer works.</p>",
                esc(&a.name)
            )
        })
        .unwrap_or_default();
    let items: String = apps::installed_apps(&world, &v.store.hash)
        .into_iter()
        .map(|a| {
            format!(
                "<li data-app=\"{id}\">{name} \
                 <form id=\"uninstall-{id}\" method=\"post\" action=\"{MARKETPLACE}/{id}/uninstall\">\
                 <button type=\"submit\" class=\"secondary\">Uninstall</button></form></li>",
                id = esc(&a.app_id),
                name = esc(&a.name),
            )
        })
        .collect();
    let list = if items.is_empty() {
        "<p id=\"no-installed-apps\">No apps are installed on this store.</p>".to_owned()
    } else {
        format!("<ul id=\"installed-apps\">{items}</ul>")
    };
    let body = format!("<h1 id=\"title\">My Apps</h1>{notice}{list}");
    panel(&v, StatusCode::OK, "My Apps", &body)
}

/// Uninstall: tokens revoked, the uninstall callback called (waited for, briefly), then back to
/// My Apps with a notice.
pub(crate) async fn uninstall(
    State(world): State<Arc<World>>,
    Path(app_id): Path<String>,
    v: Viewer,
) -> Response {
    let installed = apps::installed(&world, &v.store.hash).contains(&app_id);
    let Some(app) = world.config.app_by_id(&app_id).filter(|_| installed) else {
        return panel(
            &v,
            StatusCode::NOT_FOUND,
            "Not installed",
            "<h1 id=\"title\">Not installed</h1><p id=\"message\">This app is not installed on this store.</p>",
        );
    };
    let (_, call) = apps::uninstall(&world, &v.store.hash, app, &v.email);
    if let Some(call) = call {
        let _ =
            tokio::time::timeout(Duration::from_secs(5), apps::call_uninstall(&world, call)).await;
    }
    let q = serde_urlencoded::to_string([("uninstalled", app_id.as_str())]).unwrap_or_default();
    pages::see_other(&format!("{MY_APPS}?{q}"))
}
