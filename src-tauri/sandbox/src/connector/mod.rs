//! The practice "Actindo Core1 DOP Connector": Actindo's BigCommerce app, served by the sandbox
//! at `{base}/connector` as the app itself (its own pages, not BigCommerce's), registered with
//! the practice BigCommerce as a marketplace app ([`crate::config::BcApp::connector`]).
//!
//! What it does, after Actindo docs, Manage BigCommerce connection (docs.actindo.com):
//! Install + Confirm in BigCommerce → the control panel loads `GET /connector/auth?code&scope
//! &context&account_uuid` in its iframe → the connector exchanges the code for the store's token
//! at the BigCommerce token endpoint (real HTTP) and shows "BigCommerce installation", asking
//! for the workspace URL → START SETUP (`POST /connector/setup`) → the browser is handed over to
//! the Core1 workspace (`{ws}/bigcommerce/connect?handoff=…`, in `core1::handover`), which
//! needs the user logged in there ("The Core1 Platform is being initialized…", as Actindo's
//! Shopify twin says), creates the Omni-Channel connection for the store — or updates the one
//! it already has (one connection per store) — and sends the browser to `GET /connector/done`:
//! "BigCommerce connected".
//!
//! | call | answer |
//! |---|---|
//! | `GET /connector/` | what this app is |
//! | `GET /connector/auth?code&scope&context&account_uuid[&external_install]` | "BigCommerce Installation": `<form id="connector-setup-form" method="post" action="/connector/setup">`, hidden `install` (opaque id), the text field `workspace` between `https://` and `.actindo.com`, button "START SETUP"; a missing or refused code: an error page (400, `#connector-error`) |
//! | `POST /connector/setup` (`install`, `workspace`) | 303 to `{base}/core1/{name}/bigcommerce/connect?handoff={single-use token, 5 min}`; an address no workspace answers at, or a workspace without the BigCommerce driver: the form again with `<p id="connector-error">` (400) naming it |
//! | `GET /connector/done?install=…` | "BigCommerce connected" (`#connector-connected`), naming the workspace and the store |
//! | `GET /connector/uninstall?signed_payload_jwt=…` | BigCommerce's server-side uninstall callback: the JWT is checked (HS256 with the client secret, `aud`, `iss`, `exp`, `sub`), the store's install forgotten; JSON |
//!
//! The workspace field is the real page's: a fixed `https://`, the workspace **name**, a fixed
//! `.actindo.com` (Actindo's Shopify twin explains it: "the part of the URL between https:// and
//! .actindo.com", `Shopify/Integration/01_ManageShopifyConnection.md`, branch ACD-1069). The
//! connector forms `https://{typed}.actindo.com`; in the practice world `{name}.actindo.com` and
//! `{name}.dev.actindo.com` (typed `name` or `name.dev`) mean the practice workspace `name`
//! (`workspace_name`). Anything else — a pasted `https://acme.actindo.com/` becomes
//! `https://https://acme.actindo.com/.actindo.com` — is an address no workspace answers at. The
//! connector checks the workspace answers, and has the BigCommerce driver, before handing over.

pub(crate) mod install;
pub(crate) mod setup;

use crate::pages::{self, esc, Brand};
use crate::World;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a hand-over token stays valid.
pub(crate) const HANDOFF_TTL: Duration = Duration::from_secs(300);

pub(crate) fn routes() -> Router<Arc<World>> {
    Router::new()
        .route("/connector", get(install::home))
        .route("/connector/", get(install::home))
        .route("/connector/auth", get(install::auth))
        .route("/connector/uninstall", get(install::uninstall))
        .route("/connector/setup", post(setup::submit))
        .route("/connector/done", get(setup::done))
}

/// The connector's own records (its database, in the real app); a persistent practice world
/// keeps the installs, not the hand-overs in flight.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct ConnectorState {
    /// Install id (opaque, handed to the browser) → the install.
    pub(crate) installs: HashMap<String, Install>,
    /// Hand-over token → where it may be used.
    #[serde(skip)]
    pub(crate) handoffs: HashMap<String, Handoff>,
}

/// One install of the app on a store, with the store's token (never shown).
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct Install {
    pub(crate) store_hash: String,
    pub(crate) access_token: String,
    /// Set when BigCommerce called the uninstall callback, or a newer install replaced it.
    pub(crate) gone: bool,
    /// The workspace and connection id once Core1 took the hand-over.
    pub(crate) connected: Option<(String, i64)>,
}

/// A single-use, short-lived hand-over of an install to a Core1 workspace.
pub(crate) struct Handoff {
    pub(crate) install: String,
    pub(crate) workspace: String,
    pub(crate) issued_at: Instant,
    pub(crate) used: bool,
}

/// An error page of the connector (HTTP 400), `#connector-error`.
pub(crate) fn error_page(title: &str, text: &str) -> Response {
    let body = format!(
        "<h1 id=\"title\">{}</h1><p class=\"error\" id=\"connector-error\" role=\"alert\">{}</p>",
        esc(title),
        esc(text)
    );
    pages::page(Brand::Connector, StatusCode::BAD_REQUEST, title, &body)
}

/// The fixed part before the connector's workspace field.
pub(crate) const FIELD_PREFIX: &str = "https://";
/// The fixed part after it.
pub(crate) const FIELD_SUFFIX: &str = ".actindo.com";

/// The practice workspace the connector reaches for what was typed into its field: the address
/// it forms is `https://{typed}.actindo.com`, which is a workspace when its host is
/// `{name}.actindo.com` or `{name}.dev.actindo.com` with `name` one DNS label (lowercased).
/// Whether that workspace exists is not checked here.
pub(crate) fn workspace_name(typed: &str) -> Option<String> {
    let address = format!("{FIELD_PREFIX}{}{FIELD_SUFFIX}", typed.trim());
    let url = url::Url::parse(&address).ok()?;
    let host = url.host_str()?;
    let whole = url.path() == "/" && url.query().is_none() && url.fragment().is_none();
    let name = host
        .strip_suffix(".dev.actindo.com")
        .or_else(|| host.strip_suffix(".actindo.com"))?;
    let label = !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    (whole && label && url.username().is_empty() && url.port().is_none()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::workspace_name;

    #[test]
    fn reads_the_name_between_the_fixed_parts() {
        for (typed, want) in [
            ("acme", Some("acme")),
            ("  acme ", Some("acme")),
            ("ACME", Some("acme")),
            ("acme.dev", Some("acme")),
            ("practice", Some("practice")),
            // What a pasted URL becomes between the fixed parts.
            ("https://acme.actindo.com/", None),
            ("acme.actindo.com", None),
            ("http://127.0.0.1:4000/core1/acme", None),
            ("", None),
            ("acme corp", None),
            ("a/b", None),
            ("evil.com/x?", None),
        ] {
            assert_eq!(workspace_name(typed).as_deref(), want, "{typed}");
        }
    }
}
