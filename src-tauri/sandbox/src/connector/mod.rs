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
//! | `GET /connector/auth?code&scope&context&account_uuid[&external_install]` | "BigCommerce installation": `<form id="connector-setup-form" method="post" action="/connector/setup">`, hidden `install` (opaque id), text `workspace` ("Workspace URL"), button "START SETUP"; a missing or refused code: an error page (400, `#connector-error`) |
//! | `POST /connector/setup` (`install`, `workspace`) | 303 to `{base}/core1/{name}/bigcommerce/connect?handoff={single-use token, 5 min}`; an address it cannot reach: the form again with `<p id="connector-error">` (400) naming it |
//! | `GET /connector/done?install=…` | "BigCommerce connected" (`#connector-connected`), naming the workspace and the store |
//! | `GET /connector/uninstall?signed_payload_jwt=…` | BigCommerce's server-side uninstall callback: the JWT is checked (HS256 with the client secret, `aud`, `iss`, `exp`, `sub`), the store's install forgotten; JSON |
//!
//! What a person may type as the workspace: the sandbox URL `{base}/core1/{name}` (with or
//! without a trailing slash or a longer path), `name`, `name.actindo.com`,
//! `name.dev.actindo.com`, or `https://name.actindo.com/…` — all meaning the practice workspace
//! `name` (`workspace_name`). The connector checks the workspace answers before handing over.

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

/// The connector's own records (its database, in the real app).
#[derive(Default)]
pub(crate) struct ConnectorState {
    /// Install id (opaque, handed to the browser) → the install.
    pub(crate) installs: HashMap<String, Install>,
    /// Hand-over token → where it may be used.
    pub(crate) handoffs: HashMap<String, Handoff>,
}

/// One install of the app on a store, with the store's token (never shown).
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

/// The practice workspace a person meant by `input` (see the module doc), lowercased; `None`
/// when it is not a workspace address at all. Whether that workspace exists is not checked here.
pub(crate) fn workspace_name(base: &str, input: &str) -> Option<String> {
    let s = input.trim().trim_end_matches('/');
    if s.is_empty() {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let name = if let Some(rest) = lower.strip_prefix(&base.to_ascii_lowercase()) {
        rest.strip_prefix("/core1/")?
            .split(['/', '?', '#'])
            .next()?
            .to_owned()
    } else {
        let without_scheme = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .unwrap_or(&lower);
        let host = without_scheme.split(['/', '?', '#']).next()?;
        let host = host.split(':').next()?;
        if let Some(n) = host
            .strip_suffix(".dev.actindo.com")
            .or_else(|| host.strip_suffix(".actindo.com"))
        {
            n.to_owned()
        } else if without_scheme == lower && !lower.contains(['.', '/', ':']) {
            lower.clone()
        } else {
            return None;
        }
    };
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    valid.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::workspace_name;

    #[test]
    fn reads_what_a_person_pastes() {
        let base = "http://127.0.0.1:4000";
        for (input, want) in [
            ("http://127.0.0.1:4000/core1/acme", Some("acme")),
            ("http://127.0.0.1:4000/core1/acme/", Some("acme")),
            (
                "http://127.0.0.1:4000/core1/acme/some/page?x=1",
                Some("acme"),
            ),
            ("  acme ", Some("acme")),
            ("ACME", Some("acme")),
            ("acme.actindo.com", Some("acme")),
            ("acme.dev.actindo.com/", Some("acme")),
            ("https://acme.actindo.com/#/omni-channel", Some("acme")),
            ("https://Practice.actindo.com", Some("practice")),
            ("", None),
            ("https://example.com/acme", None),
            ("http://127.0.0.1:4000/elsewhere", None),
            ("acme corp", None),
            ("a/b", None),
        ] {
            assert_eq!(workspace_name(base, input).as_deref(), want, "{input}");
        }
    }
}
