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

/// Everything the sandbox starts with.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SandboxConfig {
    pub bigcommerce: BigCommerceConfig,
    pub core1: Core1Config,
}

/// The simulated BigCommerce: login accounts, stores, the connector app and limits.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BigCommerceConfig {
    pub accounts: Vec<BcAccount>,
    pub stores: Vec<BcStore>,
    pub app: BcApp,
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
}

/// The connector app as registered with BigCommerce.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BcApp {
    pub name: String,
    pub client_id: String,
    /// Treated as public (it ships in the app), but still recorded in the secrets ledger.
    pub client_secret: String,
    /// OAuth scopes the app asks for, e.g. `store_v2_information_read_only`.
    pub scopes: Vec<String>,
    /// The exact registered auth callback; consent redirects and the token call must match it.
    pub callback_url: String,
}

/// The simulated Core1: workspaces, users, the OAuth client and lifecycle timings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Core1Config {
    /// Workspace names, reachable at `{base}/core1/{name}`.
    pub workspaces: Vec<String>,
    pub users: Vec<Core1User>,
    pub client: Core1Client,
    /// `expires_in` of access tokens.
    pub access_token_lifetime: Duration,
    /// How long an unused refresh token stays valid.
    pub refresh_token_lifetime: Duration,
    /// How long an authorization code stays valid.
    pub code_ttl: Duration,
    pub lifecycle: LifecycleConfig,
}

/// A Core1 user; valid in every seeded workspace.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Core1User {
    pub email: String,
    pub name: String,
    pub password: String,
}

/// The wizard's OAuth client registration in Core1 (a native app, RFC 8252).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Core1Client {
    pub name: String,
    pub client_id: String,
    /// `None` = a public client (PKCE only); `Some` = the token call must present it.
    pub client_secret: Option<String>,
    /// Redirect URIs `http://127.0.0.1:{any port}{redirect_path}` (and `[::1]`) are accepted.
    pub redirect_path: String,
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
}

impl SandboxConfig {
    /// The default world with lifecycle phases of `phase` each, for fast tests.
    pub fn fast(phase: Duration) -> Self {
        let mut config = Self::default();
        let lc = &mut config.core1.lifecycle;
        lc.created = phase;
        lc.checking_credentials = phase;
        lc.creating_attributes = phase;
        lc.synchronizing = phase;
        config
    }

    /// The store with this hash.
    pub fn store(&self, hash: &str) -> Option<&BcStore> {
        self.bigcommerce.stores.iter().find(|s| s.hash == hash)
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
        }
    }
}

impl Default for BcApp {
    fn default() -> Self {
        Self {
            name: "Actindo Core1 Connector (practice)".into(),
            client_id: "practice-bc-client-id".into(),
            client_secret: "practice-bc-client-secret".into(),
            scopes: [
                "store_v2_information_read_only",
                "store_v2_products",
                "store_v2_orders",
                "store_v2_customers_read_only",
                "store_inventory",
                "store_channel_settings",
                "store_channel_listings",
            ]
            .map(String::from)
            .to_vec(),
            callback_url: DEFAULT_BC_CALLBACK.into(),
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
            }],
            client: Core1Client {
                name: "Core1 BigCommerce Setup".into(),
                client_id: "core1-bigcommerce-setup".into(),
                client_secret: None,
                redirect_path: "/core1/callback".into(),
            },
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
        }
    }
}
