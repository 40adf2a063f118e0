//! The Omni-Channel connection contract of Core1 — **an assumption**.
//!
//! Actindo does not publish the Omni-Channel (`Actindo.Modules.Actindo.Channels`) connection
//! endpoints. Everything in this module — endpoint names, request and response fields, status
//! values, error numbers — is our best guess, kept here and only here (this file and
//! `channels/`) so that correcting it later is a change in one place. The sandbox
//! (`setup-sandbox`, `core1/channels.rs`) mirrors exactly this.
//!
//! Transport (public, per Core1 docs): `POST {workspace}/{Endpoint.name}`, JSON body, header
//! `Authorization: Bearer {access_token}`. Every response is HTTP 200 with `success: bool`;
//! failures are `{ "success": false, "errno": N, "error": "text" }`. errno 10000 = not logged in.
//! HTTP 530 = the workspace is frozen (maintenance).
//!
//! Endpoints (assumed):
//!
//! | endpoint (appended to `Actindo.Modules.Actindo.Channels.Connections.`) | request | success response |
//! |---|---|---|
//! | `create` | `{ "connection": NewConnection }` | `{ "success": true, "connection": Connection }` |
//! | `get` | `{ "id": i64 }` | `{ "success": true, "connection": Connection }` |
//! | `list` | `{}` | `{ "success": true, "connections": [Connection] }` |
//! | `synchronize` | `{ "id": i64 }` | `{ "success": true, "connection": Connection }` |
//! | `setEnabled` | `{ "id": i64, "enabled": bool }` | `{ "success": true, "connection": Connection }` |
//! | `updateCredentials` | `{ "id": i64, "credentials": Credentials }` | `{ "success": true, "connection": Connection }` |
//! | `getSettings` | `{ "id": i64 }` | `{ "success": true, "settings": ConnectionSettings }` |
//! | `updateSettings` | `{ "id": i64, "settings": ConnectionSettings }` | `{ "success": true, "settings": ConnectionSettings }` |
//! | `getStatistics` | `{ "id": i64 }` | `{ "success": true, "statistics": SyncStatistics }` |
//! | `getSetupStatus` | `{ "driver": "bigcommerce" }` | `{ "success": true, "setup": SetupStatus }` |
//!
//! The settings pair stands for what Actindo documents in the connection's *Settings* tab
//! (Actindo-AG/Documentation at bd453b86, `BigCommerce/Integration/01_ManageBigCommerceConnection.md`,
//! "Configure BigCommerce connection", and `BigCommerce/UserInterface/01a_Connections.md`):
//! *Variant option type used for variants* (Dropdown, Rectangles, Radio buttons), the *Order
//! filters* — the order statuses to import, "Import only orders with an ID as of" (that ID
//! included), "Import only orders created as of" (valid from 00:00), "Import archived orders" —
//! and *Offers* › "Only push mapped attributes" ("By default, this toggle is disabled"). The docs
//! name the fields, not the calls nor (except the two toggles) their defaults: a new
//! connection's `getSettings` answer IS the default (the wizard shows what Core1 says and
//! invents none). `getStatistics` stands for the counts Core1 shows of what a connection
//! synchronized, and for the storefront (BigCommerce channel) it covers.
//!
//! `getSetupStatus` stands for what Actindo's BigCommerce pages ask to be in place before a
//! connection (`BigCommerce/Overview/01_General.md`, "Prerequisites": Omni-Channel 4.5.0 or
//! higher, the BigCommerce plugin 1.1.0 or higher; `Integration/01_ManageBigCommerceConnection.md`:
//! "you have permission to create connections in Omni-Channel"; the connector's page: "make sure
//! you have installed the BigCommerce driver from the Actindo Appstore"). A workspace without the
//! Omni-Channel module has none of these endpoints (HTTP 404).
//!
//! Error numbers (assumed, besides 10000): 20001 duplicate — a connection for this store hash
//! exists, the response carries `"existingId": i64`; 20002 unknown connection id; 20003 invalid
//! request (missing or malformed field); 20004 the BigCommerce credentials were rejected by
//! BigCommerce when Core1 checked them; 20005 the user may not create connections; 20006 the
//! BigCommerce driver is not installed.
//!
//! Lifecycle: after `create` (or `updateCredentials`, or `synchronize`) the connection moves
//! through `phase` values over time: `created` → `checking_credentials` → `creating_attributes`
//! → `synchronizing` → `active`. A failure stops it at `failed` with `lastError` set; credentials
//! that BigCommerce rejects give `failed` with `lastError.code = "credentials_rejected"` and
//! `credentialsValid = false`. `setEnabled(false)` gives `disabled`.

use serde::{Deserialize, Serialize};

/// Full endpoint names.
pub(crate) const CREATE: &str = "Actindo.Modules.Actindo.Channels.Connections.create";
pub(crate) const GET: &str = "Actindo.Modules.Actindo.Channels.Connections.get";
pub(crate) const LIST: &str = "Actindo.Modules.Actindo.Channels.Connections.list";
pub(crate) const SYNCHRONIZE: &str = "Actindo.Modules.Actindo.Channels.Connections.synchronize";
#[cfg(feature = "test-support")]
pub(crate) const SET_ENABLED: &str = "Actindo.Modules.Actindo.Channels.Connections.setEnabled";
pub(crate) const UPDATE_CREDENTIALS: &str =
    "Actindo.Modules.Actindo.Channels.Connections.updateCredentials";
pub(crate) const GET_SETTINGS: &str = "Actindo.Modules.Actindo.Channels.Connections.getSettings";
pub(crate) const UPDATE_SETTINGS: &str =
    "Actindo.Modules.Actindo.Channels.Connections.updateSettings";
pub(crate) const GET_STATISTICS: &str =
    "Actindo.Modules.Actindo.Channels.Connections.getStatistics";
pub(crate) const GET_SETUP_STATUS: &str =
    "Actindo.Modules.Actindo.Channels.Connections.getSetupStatus";

/// The driver name Core1 uses for BigCommerce connections.
pub(crate) const DRIVER_BIGCOMMERCE: &str = "bigcommerce";

/// errno values of the assumed contract.
pub(crate) const ERRNO_NOT_LOGGED_IN: i64 = 10000;
pub(crate) const ERRNO_DUPLICATE: i64 = 20001;
pub(crate) const ERRNO_UNKNOWN_CONNECTION: i64 = 20002;
pub(crate) const ERRNO_INVALID_REQUEST: i64 = 20003;
pub(crate) const ERRNO_CREDENTIALS_REJECTED: i64 = 20004;
pub(crate) const ERRNO_NOT_PERMITTED: i64 = 20005;
pub(crate) const ERRNO_DRIVER_MISSING: i64 = 20006;

/// What the driver needs to reach the store. Secret: never log or persist it. The access token
/// is wiped (zeroize) when this is dropped.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Credentials {
    pub store_hash: String,
    pub access_token: String,
}

impl Drop for Credentials {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.access_token);
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("store_hash", &self.store_hash)
            .field("access_token", &"<redacted>")
            .finish()
    }
}

/// Body of `create`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewConnection {
    /// Always [`DRIVER_BIGCOMMERCE`].
    pub driver: String,
    /// Shown in Core1's connection list, e.g. the store's name.
    pub name: String,
    pub credentials: Credentials,
}

/// Where a connection is in its life.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Phase {
    Created,
    CheckingCredentials,
    CreatingAttributes,
    Synchronizing,
    Active,
    Failed,
    Disabled,
}

/// A count of things created or processed out of an expected total.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

/// The error a connection stopped on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ConnectionError {
    /// e.g. `credentials_rejected`, `sync_failed`.
    pub code: String,
    pub message: String,
}

/// A connection as Core1 reports it. Carries no secret (Core1 never echoes the token).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    pub id: i64,
    pub driver: String,
    pub name: String,
    pub store_hash: String,
    pub phase: Phase,
    pub enabled: bool,
    /// `None` until Core1 has checked them.
    pub credentials_valid: Option<bool>,
    pub attributes: Progress,
    pub attribute_sets: Progress,
    pub attribute_groups: Progress,
    /// Products synchronized in the initial (or latest) synchronization.
    pub sync: Progress,
    pub last_error: Option<ConnectionError>,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
    /// **Assumed field** (`orderReturnErrors`): the connection list's documented column
    /// "Order/Return have errors" — Yes / No (Actindo-AG/Documentation at bd453b86,
    /// `Channels/UserInterface/07a_Connections.md`). `None` when Core1 does not say.
    #[serde(default)]
    pub order_return_errors: Option<bool>,
}

/// How the store shows a product's variant choices (Actindo: *Variant option type*).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum VariantOptionType {
    Dropdown,
    Rectangles,
    RadioButtons,
}

/// A connection's settings (Actindo: the *Settings* tab of the connection).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConnectionSettings {
    pub variant_option_type: VariantOptionType,
    /// BigCommerce order status ids (`status_id`, 0–14) whose orders Core1 imports.
    pub order_statuses: Vec<u32>,
    /// Only orders created on or after this day (`YYYY-MM-DD`, from 00:00), if set.
    pub orders_created_after: Option<String>,
    /// Only orders with this ID and later ones ("with an ID as of": inclusive), if set.
    pub orders_id_from: Option<u64>,
    /// Whether archived orders are imported too.
    pub import_archived_orders: bool,
    /// *Offers* › "Only push mapped attributes": send only the attributes the ETL mapping maps
    /// to the offer (Actindo: off by default).
    #[serde(default)]
    pub only_push_mapped_attributes: bool,
}

/// A BigCommerce storefront (a channel of type `storefront`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StorefrontRef {
    pub channel_id: u64,
    pub name: String,
}

/// What Core1 synchronized from the store so far.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncStatistics {
    pub products: u32,
    pub variants: u32,
    pub categories: u32,
    pub customers: u32,
    /// Orders imported (after the order filters).
    pub orders: u32,
    /// The storefront the connection covers, when Core1 says.
    pub storefront: Option<StorefrontRef>,
}

pub(crate) mod operations;
pub(crate) mod readiness;
pub(crate) use operations::ManyConnections;
pub(crate) use readiness::Readiness;

// ----- errors of the assumed contract -----

/// The crate error for an errno of this contract (10000 is handled by the client itself).
pub(crate) fn error_for(
    errno: i64,
    message: &str,
    envelope: &serde_json::Value,
) -> Option<crate::Error> {
    use crate::Error;
    Some(match errno {
        ERRNO_DUPLICATE => Error::ConnectionExists {
            existing_id: envelope
                .get("existingId")
                .and_then(|v| v.as_i64())
                .unwrap_or(0),
        },
        ERRNO_UNKNOWN_CONNECTION => Error::ConnectionNotFound,
        ERRNO_INVALID_REQUEST => Error::ConnectionRequestRejected {
            message: message.to_owned(),
        },
        ERRNO_CREDENTIALS_REJECTED => Error::ConnectionCredentialsRejected,
        ERRNO_NOT_PERMITTED => Error::Core1NotPermitted,
        ERRNO_DRIVER_MISSING => Error::Core1DriverMissing,
        _ => return None,
    })
}

impl NewConnection {
    /// A BigCommerce connection named `name` for `store_hash` with `access_token`.
    pub fn bigcommerce(name: &str, store_hash: &str, access_token: &crate::SecretString) -> Self {
        NewConnection {
            driver: DRIVER_BIGCOMMERCE.to_owned(),
            name: name.to_owned(),
            credentials: Credentials {
                store_hash: store_hash.to_owned(),
                access_token: access_token.expose().to_owned(),
            },
        }
    }
}

impl Connection {
    /// Whether the connection stopped moving (`active`, `failed` or `disabled`).
    pub fn is_settled(&self) -> bool {
        matches!(self.phase, Phase::Active | Phase::Failed | Phase::Disabled)
    }
}
