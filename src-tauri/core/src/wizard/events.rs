//! What the engine reports while it works; the shell forwards these through a channel.

use serde::Serialize;

use super::saved::StoreSummary;
use crate::core1::channels::{Connection, Phase, Progress};

/// Which sign-in a browser event belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Provider {
    /// Road 3's sign-in with the wizard's own app.
    BigCommerce,
    Core1,
    /// Road 1: Actindo's connector app page (no sign-in comes back to the wizard).
    Connector,
}

/// One progress event. Serialised as `{ "event": "...", "data": {...} }`. Holds no secret: the
/// sign-in link carries only public parameters (client id, state, PKCE challenge).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", content = "data", rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Event {
    /// The browser was asked to open the sign-in page.
    #[serde(rename_all = "camelCase")]
    BrowserOpened { provider: Provider, url: String },
    /// No browser could be opened; the UI offers "copy link".
    #[serde(rename_all = "camelCase")]
    BrowserNotOpened { provider: Provider, url: String },
    /// The browser came back; the wizard finishes the sign-in.
    #[serde(rename_all = "camelCase")]
    SigningIn { provider: Provider },
    /// BigCommerce access is in place for this store.
    #[serde(rename_all = "camelCase")]
    StoreFound { store: StoreSummary },
    /// The connection moved on.
    #[serde(rename_all = "camelCase")]
    Status { connection: ConnectionStatus },
    /// A passing problem (maintenance, server error); the wizard tries again by itself.
    #[serde(rename_all = "camelCase")]
    Retrying { code: &'static str, in_ms: u64 },
    /// The go-live check read `done` of the store's `total` products (after each page).
    #[serde(rename_all = "camelCase")]
    ProductsRead { done: u32, total: u32 },
}

/// A connection as the Status screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConnectionStatus {
    pub id: i64,
    pub name: String,
    pub store_hash: String,
    pub phase: Phase,
    pub enabled: bool,
    pub credentials_valid: Option<bool>,
    pub attributes: Progress,
    pub attribute_sets: Progress,
    pub attribute_groups: Progress,
    pub sync: Progress,
    /// Code of the error the connection stopped on (e.g. `credentials_rejected`).
    pub error_code: Option<String>,
    /// Core1's own words for it (shown as detail only).
    pub error_message: Option<String>,
    /// Core1's "Order/Return have errors" (assumed field; `None` when Core1 does not say).
    pub order_return_errors: Option<bool>,
}

impl ConnectionStatus {
    /// What the UI is told about connection `c` (never its credentials).
    pub(crate) fn of(c: &Connection) -> Self {
        ConnectionStatus {
            id: c.id,
            name: c.name.clone(),
            store_hash: c.store_hash.clone(),
            phase: c.phase,
            enabled: c.enabled,
            credentials_valid: c.credentials_valid,
            attributes: c.attributes,
            attribute_sets: c.attribute_sets,
            attribute_groups: c.attribute_groups,
            sync: c.sync,
            error_code: c.last_error.as_ref().map(|e| e.code.clone()),
            error_message: c.last_error.as_ref().map(|e| e.message.clone()),
            order_return_errors: c.order_return_errors,
        }
    }
}

/// Where the engine sends events. `Fn` so one sink serves a whole long-running call.
pub trait EventSink: Send + Sync {
    fn send(&self, event: Event);
}

impl<F: Fn(Event) + Send + Sync> EventSink for F {
    fn send(&self, event: Event) {
        self(event)
    }
}
