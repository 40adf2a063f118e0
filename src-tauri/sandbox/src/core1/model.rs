//! The Omni-Channel connection contract — the ASSUMED endpoint names, errnos and JSON types,
//! mirrored field for field from the core crate's `core1/channels.rs` (kept independent on
//! purpose: the sandbox checks it). Its own file so that the endpoints (`super::channels`) and
//! the lifecycle (`super::lifecycle`) both build on it without reaching into each other.

use serde::{Deserialize, Serialize};

/// Common prefix of every connection endpoint.
pub const ENDPOINT_PREFIX: &str = "Actindo.Modules.Actindo.Channels.Connections.";
pub const CREATE: &str = "Actindo.Modules.Actindo.Channels.Connections.create";
pub const GET: &str = "Actindo.Modules.Actindo.Channels.Connections.get";
pub const LIST: &str = "Actindo.Modules.Actindo.Channels.Connections.list";
pub const SYNCHRONIZE: &str = "Actindo.Modules.Actindo.Channels.Connections.synchronize";
pub const SET_ENABLED: &str = "Actindo.Modules.Actindo.Channels.Connections.setEnabled";
pub const UPDATE_CREDENTIALS: &str =
    "Actindo.Modules.Actindo.Channels.Connections.updateCredentials";
pub const GET_SETTINGS: &str = "Actindo.Modules.Actindo.Channels.Connections.getSettings";
pub const UPDATE_SETTINGS: &str = "Actindo.Modules.Actindo.Channels.Connections.updateSettings";
pub const GET_STATISTICS: &str = "Actindo.Modules.Actindo.Channels.Connections.getStatistics";
pub const GET_SETUP_STATUS: &str = "Actindo.Modules.Actindo.Channels.Connections.getSetupStatus";

/// The driver name Core1 uses for BigCommerce connections.
pub const DRIVER_BIGCOMMERCE: &str = "bigcommerce";

pub const ERRNO_NOT_LOGGED_IN: i64 = 10000;
pub const ERRNO_DUPLICATE: i64 = 20001;
pub const ERRNO_UNKNOWN_CONNECTION: i64 = 20002;
pub const ERRNO_INVALID_REQUEST: i64 = 20003;
pub const ERRNO_CREDENTIALS_REJECTED: i64 = 20004;
pub const ERRNO_NOT_PERMITTED: i64 = 20005;
pub const ERRNO_DRIVER_MISSING: i64 = 20006;

/// What `getSetupStatus` answers (`{ "success": true, "setup": SetupStatus }`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SetupStatus {
    /// The Omni-Channel module's version.
    pub module_version: String,
    /// The requested driver's version; `None` when it is not installed.
    pub driver_version: Option<String>,
    /// Whether the signed-in user may create connections.
    pub may_create_connections: bool,
}

/// What the driver needs to reach the store.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Credentials {
    pub store_hash: String,
    pub access_token: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("store_hash", &self.store_hash)
            .field("access_token", &"<redacted>")
            .finish()
    }
}

/// Body of `create` (`{ "connection": NewConnection }`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewConnection {
    pub driver: String,
    pub name: String,
    pub credentials: Credentials,
}

/// Where a connection is in its life.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Created,
    CheckingCredentials,
    CreatingAttributes,
    Synchronizing,
    Active,
    Failed,
    Disabled,
}

/// A count of things done out of an expected total.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

/// The error a connection stopped on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ConnectionError {
    pub code: String,
    pub message: String,
}

/// A connection as Core1 reports it (never with the token).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    pub id: i64,
    pub driver: String,
    pub name: String,
    pub store_hash: String,
    pub phase: Phase,
    pub enabled: bool,
    pub credentials_valid: Option<bool>,
    pub attributes: Progress,
    pub attribute_sets: Progress,
    pub attribute_groups: Progress,
    pub sync: Progress,
    pub last_error: Option<ConnectionError>,
    pub created_at: String,
    pub updated_at: String,
    /// Assumed: the list's "Order/Return have errors" column.
    #[serde(default)]
    pub order_return_errors: Option<bool>,
}

/// How the store shows a product's variant choices.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum VariantOptionType {
    Dropdown,
    Rectangles,
    RadioButtons,
}

/// A connection's settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionSettings {
    pub variant_option_type: VariantOptionType,
    pub order_statuses: Vec<u32>,
    pub orders_created_after: Option<String>,
    /// "Import only orders with an ID as of": that ID and later ones.
    pub orders_id_from: Option<u64>,
    pub import_archived_orders: bool,
    /// *Offers* › "Only push mapped attributes" (off by default, as Actindo documents).
    #[serde(default)]
    pub only_push_mapped_attributes: bool,
}

impl Default for ConnectionSettings {
    fn default() -> Self {
        Self {
            variant_option_type: VariantOptionType::Dropdown,
            order_statuses: vec![8, 9, 11],
            orders_created_after: None,
            orders_id_from: None,
            import_archived_orders: false,
            only_push_mapped_attributes: false,
        }
    }
}

/// A storefront (BigCommerce channel).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StorefrontRef {
    pub channel_id: u64,
    pub name: String,
}

/// What a connection synchronized.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatistics {
    pub products: u32,
    pub variants: u32,
    pub categories: u32,
    pub customers: u32,
    pub orders: u32,
    pub storefront: Option<StorefrontRef>,
}
