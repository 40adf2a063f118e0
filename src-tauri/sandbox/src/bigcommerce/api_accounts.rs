//! Settings › API › Store-level API accounts (road 2): the merchant makes credentials by hand.
//!
//! As BigCommerce documents it (BigCommerce docs, API Accounts & OAuth Scopes,
//! docs/start/authentication/api-accounts.mdx; Actindo docs, Manage BigCommerce connection): Create
//! API account, token type "V2/V3 API token", one None / Read-only / Modify choice per access
//! row; BigCommerce then shows Client ID, Client Secret, Access Token and the API path
//! `https://api.bigcommerce.com/stores/{hash}/v3/` once, and downloads them as a .txt file. At
//! most [`crate::config::BigCommerceConfig::api_accounts_per_store`] per store. Deleting an
//! account revokes its token. Uninstalling apps does not touch these tokens.
//!
//! Pages (all need the `bc_session`): `GET /bc-login/manage/settings/api-accounts` — the list
//! (`#api-account-list`, link `#create-api-account`, per account
//! `<form id="delete-api-account-{n}">`); `GET …/api-accounts/create` — the form
//! `<form id="api-account-form" method="post" action="/bc-login/manage/settings/api-accounts">`
//! with `name`, `token_type` (`v2_v3`), and one `<select name="{row.field}">` per
//! [`ACCESS_ROWS`] with values `none`, `read_only`, `modify`; `POST …/api-accounts` — 200 with
//! `#api-account-client-id`, `#api-account-client-secret`, `#api-account-access-token`,
//! `#api-account-api-path` and `<a id="api-account-txt" download href="data:…">` (the .txt), or
//! the form again with `#api-account-error` (400).
//!
//! The .txt layout is OBSERVED from files BigCommerce downloads, not documented: lines
//! `KEY: value` ending in CRLF, in this order: `ACCESS TOKEN`, `CLIENT NAME`, `API PATH`,
//! `CLIENT ID`, `CLIENT SECRET`, `NAME` (both names are the account's name).

use super::control_panel::{panel, Viewer, API_ACCOUNTS};
use super::{AccessToken, TokenOrigin};
use crate::pages::{self, esc};
use crate::util::random_token;
use crate::{Error, Result, SecretKind, World};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use base64::Engine;
use std::collections::HashMap;
use std::sync::Arc;

/// One access row of the Create API account form, in BigCommerce's words, with its scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessRow {
    /// The form field (`<select name>`).
    pub field: &'static str,
    /// The row's name in the control panel.
    pub label: &'static str,
    /// The scope "Modify" gives.
    pub modify: &'static str,
    /// The scope "Read-only" gives.
    pub read_only: &'static str,
}

const fn row(
    field: &'static str,
    label: &'static str,
    modify: &'static str,
    read_only: &'static str,
) -> AccessRow {
    AccessRow {
        field,
        label,
        modify,
        read_only,
    }
}

/// The access rows the practice form offers (a subset of BigCommerce's, covering what a Core1
/// connection can need).
pub const ACCESS_ROWS: [AccessRow; 10] = [
    row(
        "products",
        "Products",
        "store_v2_products",
        "store_v2_products_read_only",
    ),
    row(
        "orders",
        "Orders",
        "store_v2_orders",
        "store_v2_orders_read_only",
    ),
    row(
        "order_transactions",
        "Order transactions",
        "store_v2_transactions",
        "store_v2_transactions_read_only",
    ),
    row(
        "customers",
        "Customers",
        "store_v2_customers",
        "store_v2_customers_read_only",
    ),
    row(
        "information",
        "Information & settings",
        "store_v2_information",
        "store_v2_information_read_only",
    ),
    row(
        "inventory",
        "Store inventory",
        "store_inventory",
        "store_inventory_read_only",
    ),
    row(
        "locations",
        "Store locations",
        "store_locations",
        "store_locations_read_only",
    ),
    row(
        "sites",
        "Sites & routes",
        "store_sites",
        "store_sites_read_only",
    ),
    row(
        "channel_settings",
        "Channel settings",
        "store_channel_settings",
        "store_channel_settings_read_only",
    ),
    row(
        "channel_listings",
        "Channel listings",
        "store_channel_listings",
        "store_channel_listings_read_only",
    ),
];

/// A store-level API account as BigCommerce shows it once after creation.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiAccount {
    pub name: String,
    pub store_hash: String,
    pub client_id: String,
    pub client_secret: String,
    pub access_token: String,
    /// `{base}/bc-api/stores/{hash}/v3/` (stand-in for `https://api.bigcommerce.com/stores/{hash}/v3/`).
    pub api_path: String,
    pub scopes: Vec<String>,
}

impl ApiAccount {
    /// The downloaded .txt file's text (layout observed, not documented; see the module doc).
    pub fn txt(&self) -> String {
        [
            ("ACCESS TOKEN", &self.access_token),
            ("CLIENT NAME", &self.name),
            ("API PATH", &self.api_path),
            ("CLIENT ID", &self.client_id),
            ("CLIENT SECRET", &self.client_secret),
            ("NAME", &self.name),
        ]
        .iter()
        .map(|(k, v)| format!("{k}: {v}\r\n"))
        .collect()
    }

    /// A file name like BigCommerce's download (`{name}.txt`, unsafe characters replaced).
    pub fn txt_file_name(&self) -> String {
        let safe: String = self
            .name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("{safe}.txt")
    }
}

impl std::fmt::Debug for ApiAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiAccount")
            .field("name", &self.name)
            .field("store_hash", &self.store_hash)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("access_token", &"<redacted>")
            .field("api_path", &self.api_path)
            .field("scopes", &self.scopes)
            .finish()
    }
}

/// What the list shows later (never the secrets).
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct ApiAccountRecord {
    pub(crate) id: u64,
    pub(crate) store_hash: String,
    pub(crate) name: String,
    pub(crate) client_id: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) created: time::OffsetDateTime,
}

/// Whether `scope` is one a store-level API account can be given here.
fn known_scope(scope: &str) -> bool {
    ACCESS_ROWS
        .iter()
        .any(|r| r.modify == scope || r.read_only == scope)
}

/// Creates an API account with exactly `scopes` (see [`crate::SandboxHandle::create_api_account`]).
pub(crate) fn create(
    world: &World,
    store_hash: &str,
    name: Option<&str>,
    scopes: &[&str],
) -> Result<ApiAccount> {
    if world.config.store(store_hash).is_none() {
        return Err(Error::UnknownStore(store_hash.to_owned()));
    }
    if let Some(bad) = scopes.iter().find(|s| !known_scope(s)) {
        return Err(Error::UnknownScope((*bad).to_owned()));
    }
    let mut st = world.state();
    let existing = st
        .bc
        .api_accounts
        .iter()
        .filter(|a| a.store_hash == store_hash)
        .count();
    if existing >= world.config.bigcommerce.api_accounts_per_store {
        return Err(Error::ApiAccountLimit(store_hash.to_owned()));
    }
    let id = st.bc.api_accounts.iter().map(|a| a.id).max().unwrap_or(0) + 1;
    let name = name
        .map(str::to_owned)
        .unwrap_or_else(|| format!("Practice API account {id}"));
    let account = ApiAccount {
        name: name.clone(),
        store_hash: store_hash.to_owned(),
        client_id: random_token(31).to_lowercase(),
        client_secret: random_token(63).to_lowercase(),
        access_token: random_token(31).to_lowercase(),
        api_path: format!("{}/bc-api/stores/{store_hash}/v3/", world.base_url),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
    };
    st.record(SecretKind::ClientSecret, &account.client_secret);
    st.record(SecretKind::AccessToken, &account.access_token);
    st.bc.tokens.insert(
        account.access_token.clone(),
        AccessToken {
            store_hash: store_hash.to_owned(),
            scopes: account.scopes.clone(),
            origin: TokenOrigin::ApiAccount(account.client_id.clone()),
            revoked_at: None,
        },
    );
    st.bc.api_accounts.push(ApiAccountRecord {
        id,
        store_hash: store_hash.to_owned(),
        name,
        client_id: account.client_id.clone(),
        scopes: account.scopes.clone(),
        created: time::OffsetDateTime::now_utc(),
    });
    Ok(account)
}

fn scopes_in_words(scopes: &[String]) -> String {
    let words: Vec<String> = ACCESS_ROWS
        .iter()
        .filter_map(|r| {
            if scopes.iter().any(|s| s == r.modify) {
                Some(format!("{}: Modify", r.label))
            } else if scopes.iter().any(|s| s == r.read_only) {
                Some(format!("{}: Read-only", r.label))
            } else {
                None
            }
        })
        .collect();
    if words.is_empty() {
        "None".to_owned()
    } else {
        words.join(", ")
    }
}

pub(crate) async fn list_page(State(world): State<Arc<World>>, v: Viewer) -> Response {
    let rows: String = world
        .state()
        .bc
        .api_accounts
        .iter()
        .filter(|a| a.store_hash == v.store.hash)
        .map(|a| {
            format!(
                "<tr data-client-id=\"{cid}\"><td>{name}</td><td>{cid}</td><td>{created}</td>\
                 <td>{scopes}</td><td><form id=\"delete-api-account-{id}\" method=\"post\" \
                 action=\"{API_ACCOUNTS}/{id}/delete\"><button type=\"submit\" class=\"secondary\">\
                 Delete</button></form></td></tr>",
                id = a.id,
                cid = esc(&a.client_id),
                name = esc(&a.name),
                created = esc(&crate::util::rfc3339(a.created)),
                scopes = esc(&scopes_in_words(&a.scopes)),
            )
        })
        .collect();
    let table = if rows.is_empty() {
        "<p id=\"no-api-accounts\">This store has no API accounts yet.</p>".to_owned()
    } else {
        format!(
            "<table id=\"api-account-list\"><tr><th>Name</th><th>Client ID</th><th>Created</th>\
             <th>OAuth scopes</th><th></th></tr>{rows}</table>"
        )
    };
    let body = format!(
        "<h1 id=\"title\">Store-level API accounts</h1>\
         <p><a id=\"create-api-account\" href=\"{API_ACCOUNTS}/create\">Create API account</a></p>{table}"
    );
    panel(&v, StatusCode::OK, "Store-level API accounts", &body)
}

fn form_body(error: Option<&str>, name: &str, chosen: &HashMap<String, String>) -> String {
    let error = error
        .map(|e| {
            format!(
                "<p class=\"error\" id=\"api-account-error\" role=\"alert\">{}</p>",
                esc(e)
            )
        })
        .unwrap_or_default();
    let rows: String = ACCESS_ROWS
        .iter()
        .map(|r| {
            let current = chosen.get(r.field).map(String::as_str).unwrap_or("none");
            let options: String = [
                ("none", "None"),
                ("read_only", "Read-only"),
                ("modify", "Modify"),
            ]
            .iter()
            .map(|(value, text)| {
                let selected = if *value == current { " selected" } else { "" };
                format!("<option value=\"{value}\"{selected}>{text}</option>")
            })
            .collect();
            format!(
                "<tr><th><label for=\"access-{f}\">{label}</label></th><td>\
                 <select id=\"access-{f}\" name=\"{f}\">{options}</select></td></tr>",
                f = r.field,
                label = esc(r.label),
            )
        })
        .collect();
    format!(
        "<h1 id=\"title\">Create API account</h1>{error}\
         <form id=\"api-account-form\" method=\"post\" action=\"{API_ACCOUNTS}\">\
         <label for=\"api-account-name\">Name</label>\
         <input type=\"text\" id=\"api-account-name\" name=\"name\" value=\"{name}\" required>\
         <label for=\"api-account-token-type\">Token type</label>\
         <select id=\"api-account-token-type\" name=\"token_type\">\
         <option value=\"v2_v3\" selected>V2/V3 API token</option></select>\
         <h2>OAuth scopes</h2><table id=\"access-rows\">{rows}</table>\
         <button type=\"submit\" id=\"api-account-save\">Save</button></form>",
        name = esc(name),
    )
}

pub(crate) async fn form_page(v: Viewer) -> Response {
    panel(
        &v,
        StatusCode::OK,
        "Create API account",
        &form_body(None, "", &HashMap::new()),
    )
}

pub(crate) async fn create_submit(
    State(world): State<Arc<World>>,
    v: Viewer,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let name = f.get("name").map(|n| n.trim()).unwrap_or_default();
    let again = |error: &str| {
        panel(
            &v,
            StatusCode::BAD_REQUEST,
            "Create API account",
            &form_body(Some(error), name, &f),
        )
    };
    if name.is_empty() {
        return again("Enter a name for the API account.");
    }
    if f.get("token_type").map(String::as_str) != Some("v2_v3") {
        return again("Choose the token type V2/V3 API token.");
    }
    let mut scopes = Vec::new();
    for r in &ACCESS_ROWS {
        match f.get(r.field).map(String::as_str).unwrap_or("none") {
            "none" => {}
            "read_only" => scopes.push(r.read_only),
            "modify" => scopes.push(r.modify),
            _ => {
                return again(&format!(
                    "Choose None, Read-only or Modify for {}.",
                    r.label
                ))
            }
        }
    }
    let account = match create(&world, &v.store.hash, Some(name), &scopes) {
        Ok(a) => a,
        Err(Error::ApiAccountLimit(_)) => {
            return again("This store already has the maximum number of API accounts (50).")
        }
        Err(e) => return again(&e.to_string()),
    };
    let data = base64::engine::general_purpose::STANDARD.encode(account.txt());
    let body = format!(
        "<h1 id=\"title\">API account created</h1>\
         <p class=\"error\" id=\"shown-once\">Copy these now: the client secret and access token \
         are shown only once.</p>\
         <table id=\"api-account-credentials\">\
         <tr><th>Client ID</th><td id=\"api-account-client-id\" class=\"secret\">{cid}</td></tr>\
         <tr><th>Client secret</th><td id=\"api-account-client-secret\" class=\"secret\">{secret}</td></tr>\
         <tr><th>Access token</th><td id=\"api-account-access-token\" class=\"secret\">{token}</td></tr>\
         <tr><th>API path</th><td id=\"api-account-api-path\" class=\"secret\">{path}</td></tr>\
         </table>\
         <p><a id=\"api-account-txt\" download=\"{file}\" href=\"data:text/plain;charset=utf-8;base64,{data}\">\
         Download the credentials (.txt)</a></p>\
         <p><a id=\"api-account-done\" href=\"{API_ACCOUNTS}\">Done</a></p>",
        cid = esc(&account.client_id),
        secret = esc(&account.client_secret),
        token = esc(&account.access_token),
        path = esc(&account.api_path),
        file = esc(&account.txt_file_name()),
    );
    panel(&v, StatusCode::OK, "API account created", &body)
}

/// Deletes an API account of the viewer's store: its token stops working.
pub(crate) async fn delete_submit(
    State(world): State<Arc<World>>,
    Path(id): Path<u64>,
    v: Viewer,
) -> Response {
    delete_where(&world, |a| a.id == id && a.store_hash == v.store.hash);
    pages::see_other(API_ACCOUNTS)
}

/// Deletes the API accounts `pick` chooses; their tokens stop working. Returns how many.
pub(crate) fn delete_where(world: &World, pick: impl Fn(&ApiAccountRecord) -> bool) -> usize {
    let mut st = world.state();
    let (gone, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut st.bc.api_accounts)
        .into_iter()
        .partition(|a| pick(a));
    st.bc.api_accounts = kept;
    let now = std::time::Instant::now();
    for record in &gone {
        for t in st.bc.tokens.values_mut() {
            if t.origin == TokenOrigin::ApiAccount(record.client_id.clone()) {
                t.revoked_at.get_or_insert(now);
            }
        }
    }
    gone.len()
}
