//! The practice Core1's seeds: workspaces, users, app registrations and how a connection's
//! lifecycle is paced.

use super::PRACTICE_PASSWORD;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The seeded Core1 user.
pub const CORE1_CONSULTANT_EMAIL: &str = "consultant@example.com";
/// The name of the wizard's app registration, as the guide asks for it.
pub const CORE1_APP_NAME: &str = "Core1 BigCommerce Setup";
/// The wizard's Application (client) ID (the product's fixed one).
pub const CORE1_CLIENT_ID: &str = "core1_bigcommerce_setup";
/// The client secret of [`Core1Registration::practice`] (public: a practice value).
pub const PRACTICE_CORE1_CLIENT_SECRET: &str = "practice-core1-client-secret";

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
