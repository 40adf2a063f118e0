//! Manage: the health of each connection this computer set up (the repairs are in `repairs.rs`).

use serde::Serialize;

mod repairs;

use super::engine::Engine;
use super::events::ConnectionStatus;
use super::known::{ConnectionKey, KnownConnection, StoreRoad};
use crate::core1::channels::Phase;
use crate::error::Error;

/// Is the store's access key still accepted by BigCommerce?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum StoreAccess {
    Valid,
    /// Revoked, or the app was deleted in BigCommerce: reconnect or enter a key manually.
    Invalid,
    /// The key is not on this computer (keyring cleared, or session-only storage).
    Missing,
    /// Road 1: Actindo's connector holds the store's key, not this computer; Core1's own check
    /// (`credentialsValid`) tells whether BigCommerce still accepts it.
    NotHeld,
    /// Could not be checked right now (see `store_code`).
    Unknown,
}

/// How Core1 sees the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Core1State {
    Active,
    /// Still being set up or synchronizing.
    Working,
    /// Stopped on an error (see the connection's error code).
    Failed,
    Disabled,
    /// The Core1 sign-in has expired: sign in again to check or repair.
    SignInNeeded,
    /// Core1 no longer has this connection.
    Gone,
    /// Could not be checked right now (see `core1_code`).
    Unknown,
}

/// One row of Manage.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConnectionHealth {
    /// Which connection: what the page hands back to every repair.
    pub key: ConnectionKey,
    /// [`ConnectionKey::tag`], for the page's element ids.
    pub tag: String,
    pub store_hash: String,
    pub store_name: String,
    /// The store's own address (empty on road 1, where the wizard never sees it): with the name,
    /// what the merchant knows the store by. The hash is for the support report.
    pub store_domain: String,
    /// The full address, for the connector and the support report.
    pub workspace_url: String,
    /// The workspace as the merchant knows it ([`crate::core1::WorkspaceUrl::display`]).
    pub workspace_display: String,
    /// What the connector's workspace field takes for it (Reinstall the connector).
    pub connector_name: String,
    /// How the store was connected: decides the repairs offered and what Forget says.
    pub road: StoreRoad,
    pub store_access: StoreAccess,
    /// Error code when the store could not be checked.
    pub store_code: Option<&'static str>,
    pub core1: Core1State,
    pub core1_code: Option<&'static str>,
    pub connection: Option<ConnectionStatus>,
    /// Anything the merchant should act on.
    pub needs_attention: bool,
}

impl Engine {
    /// Checks every known connection (concurrently): the store key against BigCommerce, the
    /// connection against Core1.
    pub async fn manage_health(&self) -> Vec<ConnectionHealth> {
        if self.ensure_hosts_confirmed().await.is_err() {
            return Vec::new();
        }
        let known = self.state().run.known.clone();
        let checks = known.iter().map(|k| self.check(k));
        futures_util::future::join_all(checks).await
    }

    async fn check(&self, k: &KnownConnection) -> ConnectionHealth {
        let (store_access, store_code) = self.store_health(k).await;
        let (core1, core1_code, connection) = self.check_core1(k).await;
        let rejected = connection
            .as_ref()
            .is_some_and(|c| c.credentials_valid == Some(false));
        let order_errors = connection
            .as_ref()
            .is_some_and(|c| c.order_return_errors == Some(true));
        let needs_attention = !matches!(store_access, StoreAccess::Valid | StoreAccess::NotHeld)
            || rejected
            || order_errors
            || !matches!(core1, Core1State::Active | Core1State::Working);
        ConnectionHealth {
            key: k.key.clone(),
            tag: k.key.tag(),
            store_hash: k.store_hash.to_string(),
            store_name: k.store_name.clone(),
            store_domain: k.store_domain.clone(),
            workspace_url: k.key.workspace.to_string(),
            workspace_display: self.workspace_display(&k.key.workspace),
            connector_name: k.key.workspace.connector_field().name,
            road: k.road,
            store_access,
            store_code,
            core1,
            core1_code,
            connection,
            needs_attention,
        }
    }

    async fn store_health(&self, k: &KnownConnection) -> (StoreAccess, Option<&'static str>) {
        if !k.road.holds_store_key() {
            return (StoreAccess::NotHeld, None);
        }
        let key = self.store_key(&k.store_hash);
        let token = match self.inner.secrets.get(&key).await {
            Ok(Some(t)) => t,
            Ok(None) => return (StoreAccess::Missing, None),
            Err(e) => return (StoreAccess::Unknown, Some(e.code())),
        };
        match self.check_store(&k.store_hash, &token).await {
            Ok(_) => (StoreAccess::Valid, None),
            Err(Error::BigCommerceTokenInvalid) => (StoreAccess::Invalid, None),
            Err(e) => (StoreAccess::Unknown, Some(e.code())),
        }
    }

    async fn check_core1(
        &self,
        k: &KnownConnection,
    ) -> (Core1State, Option<&'static str>, Option<ConnectionStatus>) {
        let client = match self.core1_client(&k.key.workspace).await {
            Ok(c) => c,
            Err(e) => return (Core1State::Unknown, Some(e.code()), None),
        };
        match client.has_stored_sign_in().await {
            Ok(false) => return (Core1State::SignInNeeded, None, None),
            Err(e) => return (Core1State::Unknown, Some(e.code()), None),
            Ok(true) => {}
        }
        match client.get_connection(k.key.id).await {
            Ok(c) => {
                let state = match c.phase {
                    Phase::Active => Core1State::Active,
                    Phase::Failed => Core1State::Failed,
                    Phase::Disabled => Core1State::Disabled,
                    _ => Core1State::Working,
                };
                (state, None, Some(ConnectionStatus::of(&c)))
            }
            Err(Error::Core1SignInRequired) => (Core1State::SignInNeeded, None, None),
            Err(Error::ConnectionNotFound) => (Core1State::Gone, None, None),
            Err(e) => (Core1State::Unknown, Some(e.code()), None),
        }
    }
}
