//! The seeded practice world: accounts, stores, app registrations, workspaces and timings.
//!
//! `SandboxConfig::default()` is a ready world a person can click through;
//! [`SandboxConfig::fast`] is the same world with lifecycle phases of a few milliseconds, for tests.

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Password of every seeded account (BigCommerce and Core1).
pub const PRACTICE_PASSWORD: &str = "practice-password";
/// The seeded BigCommerce merchant.
pub const BC_MERCHANT_EMAIL: &str = "merchant@example.com";
/// The seeded Core1 user.
pub const CORE1_CONSULTANT_EMAIL: &str = "consultant@example.com";
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

/// Everything the sandbox starts with.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SandboxConfig {
    pub bigcommerce: BigCommerceConfig,
    pub core1: Core1Config,
    /// The app's practice server ([`SandboxConfig::embedded`]): the control API
    /// (`/__sandbox/…`, [`crate::control`]: the secrets ledger, seeded accounts, faults, reset)
    /// is not served at all, even where the crate's `control` feature compiled it in. The tests
    /// and the standalone sandbox keep it (`false`).
    #[serde(default)]
    pub embedded: bool,
}

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
/// `products` matches [`LifecycleConfig::products`], the products of Core1's initial sync.
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

/// The simulated Core1: workspaces, users, app registrations and lifecycle timings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Core1Config {
    /// Workspace names, reachable at `{base}/core1/{name}`.
    pub workspaces: Vec<String>,
    pub users: Vec<Core1User>,
    /// App registrations every workspace starts with (*Dev Tools › API › App registrations*).
    /// None by default: an app is registered in the workspace itself ("the authorization is
    /// instance-specific", Actindo-AG/Documentation, branch ACD-1069, `PIM/API/02_GetStarted.md`),
    /// so a merchant's workspace does not know the wizard until someone registers it there.
    #[serde(default)]
    pub registrations: Vec<Core1Registration>,
    /// The Omni-Channel module's version (`None` = not installed). Actindo's BigCommerce pages
    /// need 4.5.0 or newer (`BigCommerce/Overview/01_General.md`, "Prerequisites").
    #[serde(default = "default_module_version")]
    pub omni_channel_version: Option<String>,
    /// The BigCommerce driver (plugin) version (`None` = not installed; 1.1.0 or newer needed).
    /// Switched off at run time by the `driver_missing` fault.
    #[serde(default = "default_driver_version")]
    pub bigcommerce_driver_version: Option<String>,
    /// `expires_in` of access tokens.
    pub access_token_lifetime: Duration,
    /// How long an unused refresh token stays valid.
    pub refresh_token_lifetime: Duration,
    /// How long an authorization code stays valid.
    pub code_ttl: Duration,
    pub lifecycle: LifecycleConfig,
}

fn default_module_version() -> Option<String> {
    Some("4.6.0".into())
}

fn default_driver_version() -> Option<String> {
    Some("1.2.0".into())
}

/// A Core1 user; valid in every seeded workspace.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Core1User {
    pub email: String,
    pub name: String,
    pub password: String,
    /// Whether the user may create connections in Omni-Channel (Actindo: "you have permission
    /// to create connections in Omni-Channel", `BigCommerce/Integration/01_ManageBigCommerceConnection.md`).
    #[serde(default = "yes")]
    pub may_create_connections: bool,
}

fn yes() -> bool {
    true
}

/// The name of the wizard's app registration, as the guide asks for it.
pub const CORE1_APP_NAME: &str = "Core1 BigCommerce Setup";
/// The wizard's Application (client) ID (the product's fixed one).
pub const CORE1_CLIENT_ID: &str = "core1_bigcommerce_setup";
/// The client secret of [`Core1Registration::practice`] (public: a practice value).
pub const PRACTICE_CORE1_CLIENT_SECRET: &str = "practice-core1-client-secret";

/// One app registration in a workspace (*Dev Tools › API › App registrations*): Name,
/// Application (client) ID, the toggle "Only authentication scopes openid profile email", one
/// Redirect URI, and the client secret Core1 shows once after SAVE.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Core1Registration {
    pub name: String,
    pub client_id: String,
    pub client_secret: String,
    /// The one registered Redirect URI; an authorize request must name exactly this.
    pub redirect_uri: String,
    /// The toggle "Only authentication scopes openid profile email" (off for the wizard).
    #[serde(default)]
    pub only_auth: bool,
    /// Not a Core1 option: a registration that also accepts any loopback port with the
    /// registered path (RFC 8252 §7.3), only to rehearse a profile whose registration allows it.
    #[serde(default)]
    pub any_loopback_port: bool,
}

impl Core1Registration {
    /// The wizard's registration with `redirect_uri` and the practice secret, as a consultant
    /// who prefills it would have it.
    pub fn practice(redirect_uri: &str) -> Self {
        Self {
            name: CORE1_APP_NAME.into(),
            client_id: CORE1_CLIENT_ID.into(),
            client_secret: PRACTICE_CORE1_CLIENT_SECRET.into(),
            redirect_uri: redirect_uri.into(),
            only_auth: false,
            any_loopback_port: false,
        }
    }
}

/// How a new Omni-Channel connection moves through its phases, and what it creates.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LifecycleConfig {
    pub created: Duration,
    pub checking_credentials: Duration,
    pub creating_attributes: Duration,
    pub synchronizing: Duration,
    pub attributes: u32,
    pub attribute_sets: u32,
    pub attribute_groups: u32,
    /// Products in the initial synchronization.
    pub products: u32,
    /// Core1 imports orders from an active connection on this schedule and re-checks the
    /// credentials then: a token revoked meanwhile (the app uninstalled) turns the connection
    /// `failed` with `credentials_rejected` at the first import after the revocation.
    #[serde(default = "default_scheduled_import")]
    pub scheduled_import: Duration,
}

fn default_scheduled_import() -> Duration {
    Duration::from_secs(60)
}

impl SandboxConfig {
    /// The default world as the app's practice mode (`--demo`) runs it: without the control
    /// API, so a page in the user's browser cannot read the practice secrets or steer the
    /// practice world (see [`crate::guard`] for what every sandbox refuses besides).
    pub fn embedded() -> Self {
        Self {
            embedded: true,
            ..Self::default()
        }
    }

    /// The default world with lifecycle phases of `phase` each and a scheduled import every
    /// 300 ms, for fast tests.
    pub fn fast(phase: Duration) -> Self {
        let mut config = Self::default();
        let lc = &mut config.core1.lifecycle;
        lc.created = phase;
        lc.checking_credentials = phase;
        lc.creating_attributes = phase;
        lc.synchronizing = phase;
        lc.scheduled_import = Duration::from_millis(300);
        config
    }

    /// The same world whose workspaces already know the wizard's app registration
    /// ([`Core1Registration::practice`] with `redirect_uri`), as a consultant who prefills it
    /// has it: the guided registration is skipped.
    pub fn with_core1_registration(mut self, redirect_uri: &str) -> Self {
        self.core1
            .registrations
            .push(Core1Registration::practice(redirect_uri));
        self
    }

    /// The store with this hash.
    pub fn store(&self, hash: &str) -> Option<&BcStore> {
        self.bigcommerce.stores.iter().find(|s| s.hash == hash)
    }

    /// Every app registration: the loopback partner app and the connector.
    pub fn apps(&self) -> [&BcApp; 2] {
        [&self.bigcommerce.app, &self.bigcommerce.connector]
    }

    /// The app registration with this client id.
    pub fn app(&self, client_id: &str) -> Option<&BcApp> {
        self.apps().into_iter().find(|a| a.client_id == client_id)
    }

    /// The app registration with this control-panel app id.
    pub fn app_by_id(&self, app_id: &str) -> Option<&BcApp> {
        self.apps()
            .into_iter()
            .find(|a| !a.app_id.is_empty() && a.app_id == app_id)
    }

    /// The BigCommerce login with this email.
    pub fn account(&self, email: &str) -> Option<&BcAccount> {
        self.bigcommerce
            .accounts
            .iter()
            .find(|a| a.email.eq_ignore_ascii_case(email.trim()))
    }

    /// Whether `name` is a seeded workspace.
    pub fn has_workspace(&self, name: &str) -> bool {
        self.core1.workspaces.iter().any(|w| w == name)
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

impl Default for Core1Config {
    fn default() -> Self {
        Self {
            workspaces: vec!["practice".into(), "acme".into()],
            users: vec![Core1User {
                email: CORE1_CONSULTANT_EMAIL.into(),
                name: "Casey Consultant".into(),
                password: PRACTICE_PASSWORD.into(),
                may_create_connections: true,
            }],
            registrations: Vec::new(),
            omni_channel_version: default_module_version(),
            bigcommerce_driver_version: default_driver_version(),
            access_token_lifetime: Duration::from_secs(3600),
            refresh_token_lifetime: Duration::from_secs(30 * 24 * 3600),
            code_ttl: Duration::from_secs(60),
            lifecycle: LifecycleConfig::default(),
        }
    }
}

impl Default for LifecycleConfig {
    fn default() -> Self {
        Self {
            created: Duration::from_secs(1),
            checking_credentials: Duration::from_secs(2),
            creating_attributes: Duration::from_secs(4),
            synchronizing: Duration::from_secs(8),
            attributes: 42,
            attribute_sets: 6,
            attribute_groups: 9,
            products: 250,
            scheduled_import: default_scheduled_import(),
        }
    }
}
