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
mod panel_pages;

pub(crate) use panel_pages::{create_submit, delete_submit, form_page, list_page};

use super::{AccessToken, TokenOrigin};
use crate::util::random_token;
use crate::{Error, Result, SecretKind, World};

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
