//! The practice BigCommerce's seeds: the merchants and their stores, the partner app and
//! Actindo's connector, the marketplace, and the API's limits.

use super::PRACTICE_PASSWORD;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The seeded BigCommerce merchant.
pub const BC_MERCHANT_EMAIL: &str = "merchant@example.com";
/// The seeded BigCommerce store hash.
pub const STORE_HASH: &str = "abc123";
/// Default registered callback of the BigCommerce app (the wizard's loopback listener).
pub const DEFAULT_BC_CALLBACK: &str = "http://127.0.0.1:53682/bigcommerce/callback";
/// Client id of the loopback partner app (the wizard's own app, road 3).
pub const PARTNER_CLIENT_ID: &str = "practice-bc-client-id";
/// Marketplace id of Actindo's connector app (`…/manage/marketplace/apps/{id}`).
pub const CONNECTOR_APP_ID: &str = "actindo-core1-dop-connector";
/// The connector app's name, as the marketplace lists it.
pub const CONNECTOR_APP_NAME: &str = "Actindo Core1 DOP Connector";
/// Client id of the practice connector app.
pub const CONNECTOR_CLIENT_ID: &str = "practice-connector-client-id";
/// The practice connector's auth callback, on the sandbox's own origin (a path = `{base}{path}`).
pub const CONNECTOR_AUTH_PATH: &str = "/connector/auth";
/// The practice connector's uninstall callback, on the sandbox's own origin.
pub const CONNECTOR_UNINSTALL_PATH: &str = "/connector/uninstall";

/// The simulated BigCommerce: login accounts, stores, app registrations, the marketplace, limits.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BigCommerceConfig {
    pub accounts: Vec<BcAccount>,
    pub stores: Vec<BcStore>,
    /// The loopback partner app ([`AppKind::LoopbackPartner`]): the wizard's own BigCommerce app
    /// (road 3). Its callback is replaced at run time with `SandboxHandle::register_bc_callback`.
    pub app: BcApp,
    /// Actindo's connector app ([`AppKind::Marketplace`]), served by the sandbox at `{base}/connector`.
    #[serde(default = "BcApp::connector")]
    pub connector: BcApp,
    /// What Apps › Marketplace lists (the connector and a few decoys).
    #[serde(default = "MarketplaceListing::defaults")]
    pub marketplace: Vec<MarketplaceListing>,
    /// Store-level API accounts allowed per store (BigCommerce: 50).
    #[serde(default = "default_api_account_limit")]
    pub api_accounts_per_store: usize,
    /// How long an authorization code stays valid (BigCommerce: a short while).
    pub code_ttl: Duration,
    /// API requests allowed per store per window (`X-Rate-Limit-Requests-Quota`).
    pub rate_limit_quota: u32,
    /// Length of the rate-limit window (BigCommerce: 30 s).
    pub rate_limit_window: Duration,
}

/// A BigCommerce login (a person), owner or user of some stores.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BcAccount {
    pub id: u64,
    pub email: String,
    pub username: String,
    pub password: String,
    /// Hashes of the stores this login can install apps on; the first is used on consent.
    pub stores: Vec<String>,
}

/// A BigCommerce store, with the fields `GET /v2/store` reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BcStore {
    pub hash: String,
    pub id: String,
    pub name: String,
    pub domain: String,
    pub secure_url: String,
    pub plan_name: String,
    pub plan_level: String,
    pub status: String,
    pub account_uuid: String,
    pub owner_id: u64,
    pub admin_email: String,
    pub first_name: String,
    pub last_name: String,
    pub address: String,
    pub country: String,
    pub country_code: String,
    pub phone: String,
    pub currency: String,
    pub language: String,
    pub timezone: String,
    /// How much the store holds, as the API's counts report it.
    #[serde(default)]
    pub catalog: StoreCatalog,
}

/// The practice store's contents, as counts (the API generates matching records on demand).
/// `products` matches [`LifecycleConfig::products`](super::LifecycleConfig::products), the products of Core1's initial sync.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct StoreCatalog {
    pub products: u32,
    /// Variants, including each product's base variant (`/v3/catalog/summary` `variant_count`).
    pub variants: u32,
    pub categories: u32,
    pub customers: u32,
    /// Live orders (`/v2/orders/count`); archived ones come on top (`bigcommerce::store_data`).
    pub orders: u32,
    /// Storefronts (BigCommerce multi-storefront channels); switchable at run time.
    #[serde(default = "one")]
    pub storefronts: u32,
}

fn one() -> u32 {
    1
}

impl Default for StoreCatalog {
    fn default() -> Self {
        Self {
            products: 250,
            variants: 310,
            categories: 6,
            customers: 9,
            orders: 42,
            storefronts: 1,
        }
    }
}

/// How BigCommerce treats an app registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppKind {
    /// A published app (BigCommerce docs, Implementing OAuth, docs/integrations/apps/guide/auth.mdx:
    /// "all app callback URLs must be publicly available, fully qualified, and served over
    /// TLS/SSL"). Installs start in the store (Marketplace › Install, or the install link); after
    /// Confirm the control panel loads the auth callback in an iframe with `code, scope, context,
    /// account_uuid` and no `state`. In the sandbox only callbacks on the sandbox's own origin
    /// stand in for public HTTPS; a loopback listener of another port is refused.
    Marketplace,
    /// Exists only to rehearse the wizard's own-app road (road 3) that a partner arrangement
    /// would need: real BigCommerce requires public HTTPS callbacks, so a desktop app's loopback
    /// listener cannot receive a marketplace install. This registration may use any callback,
    /// is never listed in the marketplace, and alone may use the undocumented
    /// `/oauth2/authorize` (state + PKCE).
    LoopbackPartner,
}

fn default_app_kind() -> AppKind {
    AppKind::LoopbackPartner
}

fn default_api_account_limit() -> usize {
    50
}

/// An app as registered with BigCommerce (its app profile in the Developer Portal).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BcApp {
    pub name: String,
    pub client_id: String,
    /// Treated as public (it ships in the app), but still recorded in the secrets ledger.
    pub client_secret: String,
    /// OAuth scopes the app asks for, e.g. `store_v2_information_read_only`.
    pub scopes: Vec<String>,
    /// The exact registered auth callback; consent redirects and the token call must match it.
    /// A value starting with `/` is a path on the sandbox's own origin (`{base}{path}`).
    pub callback_url: String,
    #[serde(default = "default_app_kind")]
    pub kind: AppKind,
    /// The app's id in control-panel URLs (`…/manage/marketplace/apps/{app_id}`).
    #[serde(default)]
    pub app_id: String,
    /// The uninstall callback BigCommerce calls server-side (`GET …?signed_payload_jwt=…`), if
    /// registered (BigCommerce docs, Single-Click App Callback Handlers,
    /// docs/integrations/apps/guide/callbacks.mdx). A leading `/` means the sandbox's origin.
    #[serde(default)]
    pub uninstall_callback_url: Option<String>,
}

/// One entry of Apps › Marketplace.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MarketplaceListing {
    /// Id in `…/manage/marketplace/apps/{app_id}`.
    pub app_id: String,
    pub name: String,
    pub developer: String,
    pub summary: String,
    /// The registration Install installs; `None` = a decoy that cannot be installed here.
    pub client_id: Option<String>,
}

impl MarketplaceListing {
    /// The connector and two decoys (so finding the right app is part of the practice).
    pub fn defaults() -> Vec<Self> {
        vec![
            Self {
                app_id: "practice-label-printer".into(),
                name: "Practice Label Printer".into(),
                developer: "Example Shipping Ltd.".into(),
                summary: "Print shipping labels for your orders.".into(),
                client_id: None,
            },
            Self {
                app_id: CONNECTOR_APP_ID.into(),
                name: CONNECTOR_APP_NAME.into(),
                developer: "Actindo AG".into(),
                summary: "Connect your store to the Omni-Channel module of your Actindo Core1 workspace: products, orders, customers and stock.".into(),
                client_id: Some(CONNECTOR_CLIENT_ID.into()),
            },
            Self {
                app_id: "practice-reviews".into(),
                name: "Practice Reviews".into(),
                developer: "Example Reviews Inc.".into(),
                summary: "Collect product reviews from your customers.".into(),
                client_id: None,
            },
        ]
    }
}

impl Default for BigCommerceConfig {
    fn default() -> Self {
        Self {
            accounts: vec![
                BcAccount {
                    id: 1001,
                    email: BC_MERCHANT_EMAIL.into(),
                    username: "Pat Merchant".into(),
                    password: PRACTICE_PASSWORD.into(),
                    stores: vec![STORE_HASH.into()],
                },
                BcAccount {
                    id: 1002,
                    email: "second-merchant@example.com".into(),
                    username: "Sam Second".into(),
                    password: PRACTICE_PASSWORD.into(),
                    stores: vec!["def456".into()],
                },
            ],
            stores: vec![
                BcStore::practice(STORE_HASH, "1000001", "Practice Store", 1001),
                BcStore::practice("def456", "1000002", "Second Practice Store", 1002),
            ],
            app: BcApp::default(),
            connector: BcApp::connector(),
            marketplace: MarketplaceListing::defaults(),
            api_accounts_per_store: default_api_account_limit(),
            code_ttl: Duration::from_secs(60),
            rate_limit_quota: 150,
            rate_limit_window: Duration::from_secs(30),
        }
    }
}

impl BcStore {
    /// A realistic store record for the practice world.
    pub fn practice(hash: &str, id: &str, name: &str, owner_id: u64) -> Self {
        let slug = name.to_lowercase().replace(' ', "-");
        Self {
            hash: hash.into(),
            id: id.into(),
            name: name.into(),
            domain: format!("{slug}.example.com"),
            secure_url: format!("https://{slug}.example.com"),
            plan_name: "Plus".into(),
            plan_level: "Plus".into(),
            status: "live".into(),
            account_uuid: format!("6f1c2a8e-0000-4000-8000-{id:0>12}"),
            owner_id,
            admin_email: BC_MERCHANT_EMAIL.into(),
            first_name: "Pat".into(),
            last_name: "Merchant".into(),
            address: "1 Practice Way\nAustin, TX 78701".into(),
            country: "United States".into(),
            country_code: "US".into(),
            phone: "+1 512 555 0100".into(),
            currency: "USD".into(),
            language: "en".into(),
            timezone: "America/Chicago".into(),
            catalog: StoreCatalog::default(),
        }
    }
}

/// The scopes Actindo's connector needs (and the wizard's partner app asks for the same); tests
/// create API accounts with them.
pub const CONNECTOR_SCOPES: [&str; 7] = [
    "store_v2_information_read_only",
    "store_v2_products",
    "store_v2_orders",
    "store_v2_customers_read_only",
    "store_inventory",
    "store_channel_settings",
    "store_channel_listings",
];

impl BcApp {
    /// The practice "Actindo Core1 DOP Connector" registration: a marketplace app whose
    /// callbacks live on the sandbox's own origin (`{base}/connector/auth`, `…/uninstall`).
    pub fn connector() -> Self {
        Self {
            name: CONNECTOR_APP_NAME.into(),
            client_id: CONNECTOR_CLIENT_ID.into(),
            client_secret: "practice-connector-client-secret".into(),
            scopes: CONNECTOR_SCOPES.map(String::from).to_vec(),
            callback_url: CONNECTOR_AUTH_PATH.into(),
            kind: AppKind::Marketplace,
            app_id: CONNECTOR_APP_ID.into(),
            uninstall_callback_url: Some(CONNECTOR_UNINSTALL_PATH.into()),
        }
    }
}

impl Default for BcApp {
    fn default() -> Self {
        Self {
            name: "Core1 BigCommerce Setup (partner app)".into(),
            client_id: PARTNER_CLIENT_ID.into(),
            client_secret: "practice-bc-client-secret".into(),
            scopes: CONNECTOR_SCOPES.map(String::from).to_vec(),
            callback_url: DEFAULT_BC_CALLBACK.into(),
            kind: AppKind::LoopbackPartner,
            app_id: "core1-bigcommerce-setup-partner".into(),
            uninstall_callback_url: None,
        }
    }
}
