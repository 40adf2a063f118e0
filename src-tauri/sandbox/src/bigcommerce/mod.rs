//! The simulated BigCommerce: the login host (`{base}/bc-login`) and the API host (`{base}/bc-api`).
//!
//! Login host:
//! - `GET /bc-login/login?next=…`, `POST /bc-login/login` (form `email`, `password`, `next`):
//!   sets the `bc_session` cookie; a wrong password re-renders the form (HTTP 401) with `#login-error`.
//! - `GET /bc-login/app/{client_id}/install`: the install link; consent for the app's registered
//!   scopes, redirect to the registered callback, no `state`.
//! - `GET /bc-login/oauth2/authorize?response_type=code&client_id&redirect_uri&scope&state
//!   &code_challenge&code_challenge_method=S256`: `redirect_uri` must equal the registered
//!   callback exactly (else an HTML 400, no redirect); `scope` (space-separated) must be a subset of
//!   the app's scopes (default: all of them).
//! - `POST /bc-login/consent` (form `request`, `action=confirm|cancel`): 302 to the callback with
//!   `code, scope, context=stores/{hash}, account_uuid[, state]`, or
//!   `error=access_denied, error_description[, state]`.
//! - `POST /bc-login/oauth2/token`: JSON (or form) body `client_id, client_secret, code, context,
//!   scope, grant_type=authorization_code, redirect_uri[, code_verifier]`. Success: `access_token,
//!   scope, user{id,username,email}, owner{id,username,email}, context, account_uuid`.
//!   Errors are `{"error": "text"}`: 401 `Invalid client id or secret`; 400 `Invalid grant type`,
//!   `Invalid redirect_uri`, `Invalid code` (unknown or already used), `Code expired`,
//!   `Invalid context`, `Invalid code_verifier`, `Invalid request`.
//!
//! API host: `GET /bc-api/stores/{hash}/v2/store` (needs scope `store_v2_information_read_only`
//! or `store_v2_information`) and `GET /bc-api/stores/{hash}/v2/time` (any valid token), header
//! `X-Auth-Token`. Errors are v2-style `[{"status": N, "message": "…"}]`: 404 unknown store or
//! resource, 401 unknown/revoked token (or a token of another store), 403 missing scope, 429 past
//! the rate limit. Every authenticated answer carries the `X-Rate-Limit-*` headers ([`ratelimit`]).

pub(crate) mod api;
pub(crate) mod consent;
pub(crate) mod login;
pub mod ratelimit;
pub(crate) mod token;

use crate::World;
use axum::routing::{get, post};
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
        .route("/bc-login/app/{client_id}/install", get(consent::install))
        .route("/bc-login/oauth2/authorize", get(consent::authorize))
        .route("/bc-login/consent", post(consent::decide))
        .route("/bc-login/oauth2/token", post(token::exchange))
        .route("/bc-api/stores/{hash}/v2/{resource}", get(api::v2))
}

/// Run-time state of the simulated BigCommerce.
#[derive(Default)]
pub(crate) struct BcState {
    /// Session id → account email.
    pub(crate) sessions: HashMap<String, String>,
    pub(crate) consents: HashMap<String, PendingConsent>,
    pub(crate) codes: HashMap<String, IssuedCode>,
    pub(crate) tokens: HashMap<String, AccessToken>,
    pub(crate) rate: HashMap<String, ratelimit::Window>,
}

impl BcState {
    /// Revokes every token of a store; returns how many were live.
    pub(crate) fn revoke_store(&mut self, hash: &str) -> usize {
        let mut n = 0;
        for t in self.tokens.values_mut() {
            if t.store_hash == hash && !t.revoked {
                t.revoked = true;
                n += 1;
            }
        }
        n
    }
}

/// A consent page shown and not yet answered.
pub(crate) struct PendingConsent {
    pub(crate) session: String,
    pub(crate) email: String,
    pub(crate) store_hash: String,
    pub(crate) redirect_uri: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) state: Option<String>,
    pub(crate) challenge: Option<String>,
}

/// An authorization code handed to the callback.
pub(crate) struct IssuedCode {
    pub(crate) email: String,
    pub(crate) store_hash: String,
    pub(crate) redirect_uri: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) challenge: Option<String>,
    pub(crate) issued_at: Instant,
    pub(crate) used: bool,
}

/// A store-level access token of the app.
pub(crate) struct AccessToken {
    pub(crate) store_hash: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) revoked: bool,
}

/// The scope names in words, for the consent page.
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
        "store_channel_listings" => "See and change your channel listings",
        other => return format!("Access: {other}"),
    };
    words.to_owned()
}
