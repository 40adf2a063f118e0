//! The simulated BigCommerce: the login host with the store control panel (`{base}/bc-login`)
//! and the API host (`{base}/bc-api`).
//!
//! Login host:
//! - `GET /bc-login/login?next=…`, `POST /bc-login/login` (form `email`, `password`, `next`):
//!   sets the `bc_session` cookie; a wrong password re-renders the form (HTTP 401) with `#login-error`.
//! - `GET /bc-login/deep-links/{path}`: after login, 303 to the control panel page
//!   `/bc-login/manage/{path without a leading "manage/"}` of the login's store (`control_panel`).
//! - `GET /bc-login/manage/…`: the practice control panel — Apps › Marketplace, a listing with
//!   Install, Apps › My Apps with Uninstall (`marketplace`), Settings › API › Store-level API
//!   accounts ([`api_accounts`]).
//! - `GET /bc-login/app/{client_id}/install`: the install link (BigCommerce docs, Creating an
//!   External Installation Button, docs/integrations/apps/guide/buttons.mdx); Confirm page for all
//!   of the app's scopes (`consent`).
//! - `POST /bc-login/consent` (form `request`, `action=confirm|cancel`): for a marketplace app, a
//!   control-panel page (200) with `<iframe id="app-frame">` loading the registered auth callback
//!   with `code, scope, context=stores/{hash}, account_uuid[, external_install=1]` and no `state`
//!   (BigCommerce docs, Implementing OAuth, docs/integrations/apps/guide/auth.mdx); Cancel shows
//!   "Installation cancelled" and calls nothing. For the loopback partner app: a 302 to the
//!   callback (with `state` when it came through `/oauth2/authorize`), or
//!   `error=access_denied, error_description[, state]`.
//! - `GET /bc-login/oauth2/authorize?response_type=code&client_id&redirect_uri&scope&state
//!   &code_challenge&code_challenge_method=S256`: NOT documented by BigCommerce (which starts
//!   installs in the store, never with `state` or PKCE); kept only for the loopback partner app.
//!   `redirect_uri` must equal the registered callback exactly (else an HTML 400, no redirect);
//!   `scope` (space-separated) must be a subset of the app's scopes (default: all of them).
//! - `POST /bc-login/oauth2/token`: JSON (or form) body `client_id, client_secret, code, context,
//!   scope, grant_type=authorization_code, redirect_uri[, code_verifier]`. Success: `access_token,
//!   scope, user{id,username,email}, owner{id,username,email}, context, account_uuid`.
//!   Errors are `{"error": "text"}`: 401 `Invalid client id or secret`; 400 `Invalid grant type`,
//!   `Invalid redirect_uri`, `Invalid code` (unknown, already used, or another app's), `Code
//!   expired`, `Invalid context`, `Invalid code_verifier`, `Invalid request`. A marketplace app
//!   has one live token per store: a new one revokes the previous.
//!
//! API host (header `X-Auth-Token`): see `api` (`/v2/store`, `/v2/time`) and `probes`
//! (catalog, categories, orders, customers, inventory, channels, listings; the records both
//! sides agree on are in [`store_data`]). Errors: v2-style
//! `[{"status": N, "message": "…"}]`, v3-style `{"status": N, "title": "…", "type", "errors"}`:
//! 404 unknown store or resource, 401 unknown/revoked token (or a token of another store), 403
//! missing scope, 429 past the rate limit. Every authenticated answer carries the
//! `X-Rate-Limit-*` headers (`ratelimit`).

pub(crate) mod api;
pub mod api_accounts;
pub(crate) mod apps;
pub(crate) mod call;
pub(crate) mod consent;
pub(crate) mod control_panel;
pub(crate) mod login;
pub(crate) mod marketplace;
pub(crate) mod probes;
pub mod ratelimit;
pub(crate) mod records;
pub mod store_data;
pub(crate) mod token;

use crate::World;
use axum::routing::{any, get, post};
use axum::Router;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

/// Scopes that allow `GET /v2/store`.
pub const STORE_INFO_SCOPES: [&str; 2] = ["store_v2_information_read_only", "store_v2_information"];

pub(crate) fn routes() -> Router<Arc<World>> {
    Router::new()
        .route("/bc-login", get(login::home))
        .route("/bc-login/", get(login::home))
        .route("/bc-login/login", get(login::form).post(login::submit))
        .route(
            "/bc-login/deep-links/{*rest}",
            get(control_panel::deep_link),
        )
        .route("/bc-login/manage", get(control_panel::home))
        .route("/bc-login/manage/", get(control_panel::home))
        .route(
            "/bc-login/manage/marketplace/apps",
            get(marketplace::catalogue),
        )
        .route(
            "/bc-login/manage/marketplace/apps/my-apps",
            get(marketplace::my_apps),
        )
        .route(
            "/bc-login/manage/marketplace/apps/{app_id}",
            get(marketplace::listing),
        )
        .route(
            "/bc-login/manage/marketplace/apps/{app_id}/uninstall",
            post(marketplace::uninstall),
        )
        .route(
            "/bc-login/manage/settings/api-accounts",
            get(api_accounts::list_page).post(api_accounts::create_submit),
        )
        .route(
            "/bc-login/manage/settings/api-accounts/create",
            get(api_accounts::form_page),
        )
        .route(
            "/bc-login/manage/settings/api-accounts/{id}/delete",
            post(api_accounts::delete_submit),
        )
        .route("/bc-login/manage/{*rest}", get(control_panel::not_found))
        .route("/bc-login/app/{client_id}/install", get(consent::install))
        .route("/bc-login/oauth2/authorize", get(consent::authorize))
        .route("/bc-login/consent", post(consent::decide))
        .route("/bc-login/oauth2/token", post(token::exchange))
        .route("/bc-api/stores/{hash}/v2/{*rest}", any(api::v2))
        .route("/bc-api/stores/{hash}/v3/{*rest}", any(api::v3))
}

/// Run-time state of the simulated BigCommerce. A persistent practice world
/// ([`crate::Sandbox::start_persistent`]) keeps it but for what is in flight (consents, codes,
/// rate windows).
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct BcState {
    /// Session id → account email.
    pub(crate) sessions: HashMap<String, String>,
    #[serde(skip)]
    pub(crate) consents: HashMap<String, PendingConsent>,
    #[serde(skip)]
    pub(crate) codes: HashMap<String, IssuedCode>,
    pub(crate) tokens: HashMap<String, AccessToken>,
    #[serde(skip)]
    pub(crate) rate: HashMap<String, ratelimit::Window>,
    /// Installed apps: (store hash, client id) → when.
    #[serde(with = "crate::saved_forms::pairs")]
    pub(crate) installs: HashMap<(String, String), time::OffsetDateTime>,
    pub(crate) api_accounts: Vec<api_accounts::ApiAccountRecord>,
    /// What was switched at run time per store hash (storefronts, channels, products).
    pub(crate) shapes: HashMap<String, store_data::StoreShape>,
}

impl BcState {
    /// Revokes every app token of a store (of `client_id`, or of every app); API account
    /// tokens stay. Returns how many were live.
    pub(crate) fn revoke_app_tokens(&mut self, hash: &str, client_id: Option<&str>) -> usize {
        let now = Instant::now();
        let mut n = 0;
        for t in self.tokens.values_mut() {
            let app = match &t.origin {
                TokenOrigin::App(id) => id.as_str(),
                TokenOrigin::ApiAccount(_) => continue,
            };
            if t.store_hash == hash && t.revoked_at.is_none() && client_id.is_none_or(|c| c == app)
            {
                t.revoked_at = Some(now);
                n += 1;
            }
        }
        n
    }

    /// When the token was revoked (`None`: live, or unknown to BigCommerce).
    pub(crate) fn revoked_at(&self, token: &str) -> Option<Instant> {
        self.tokens.get(token).and_then(|t| t.revoked_at)
    }
}

/// A Confirm page shown and not yet answered.
pub(crate) struct PendingConsent {
    pub(crate) client_id: String,
    pub(crate) session: String,
    pub(crate) email: String,
    pub(crate) store_hash: String,
    pub(crate) redirect_uri: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) state: Option<String>,
    pub(crate) challenge: Option<String>,
    /// Started from the install link rather than the marketplace's Install button.
    pub(crate) external_install: bool,
}

/// An authorization code handed to the callback.
pub(crate) struct IssuedCode {
    pub(crate) client_id: String,
    pub(crate) email: String,
    pub(crate) store_hash: String,
    pub(crate) redirect_uri: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) challenge: Option<String>,
    pub(crate) issued_at: Instant,
    pub(crate) used: bool,
}

/// Who a token was issued to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum TokenOrigin {
    /// An app install (client id).
    App(String),
    /// A store-level API account (its client id).
    ApiAccount(String),
}

/// A store-level access token.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct AccessToken {
    pub(crate) store_hash: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) origin: TokenOrigin,
    #[serde(with = "crate::saved_forms::opt_instant")]
    pub(crate) revoked_at: Option<Instant>,
}

/// The scope names in words, for the Confirm page.
pub fn scope_in_words(scope: &str) -> String {
    let words = match scope {
        "store_v2_information_read_only" => "See your store's information (name, address, plan)",
        "store_v2_information" => "See and change your store's information",
        "store_v2_products" => "See and change your products",
        "store_v2_products_read_only" => "See your products",
        "store_v2_orders" => "See and change your orders",
        "store_v2_orders_read_only" => "See your orders",
        "store_v2_customers" => "See and change your customers",
        "store_v2_customers_read_only" => "See your customers",
        "store_inventory" => "See and change your inventory",
        "store_inventory_read_only" => "See your inventory",
        "store_channel_settings" => "See and change your sales channels",
        "store_channel_settings_read_only" => "See your sales channels",
        "store_channel_listings" => "See and change your channel listings",
        "store_channel_listings_read_only" => "See your channel listings",
        other => return format!("Access: {other}"),
    };
    words.to_owned()
}
