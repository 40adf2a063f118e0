//! Manage: the health of each connection this computer set up, and the repairs.

use serde::Serialize;

use super::engine::{credentials, status_of, summary, Engine};
use super::events::{ConnectionStatus, EventSink};
use super::known::{ConnectionKey, KnownConnection, StoreRoad};
use super::status;
use crate::core1::channels::Phase;
use crate::core1::Core1Client;
use crate::error::{Error, Result};

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
    pub async fn health(&self) -> Vec<ConnectionHealth> {
        if self.ensure_hosts_confirmed().await.is_err() {
            return Vec::new();
        }
        let known = self.state().progress.known.clone();
        let checks = known.iter().map(|k| self.check(k));
        futures_util::future::join_all(checks).await
    }

    /// Synchronize now.
    pub async fn synchronize(&self, key: &ConnectionKey) -> Result<ConnectionHealth> {
        let (known, client) = self.known_with_client(key).await?;
        let action = self.action(super::Step::Manage, "synchronize").about(key);
        let result = client.synchronize(key.id).await;
        self.finish_action(action, result).await?;
        Ok(self.check(&known).await)
    }

    /// "Reinstall the connector" (road 1 again): opens the connector page and waits until the
    /// connector has updated this connection (or made a new one for the same store, which then
    /// takes its place in Manage). Cancelled with [`Engine::stop_connector`]. Only for a
    /// connection the connector made: on road 2 the merchant never installed it, and the
    /// store's access is the API account's key this computer holds (`WizardOutOfOrder`).
    pub async fn reinstall_connector(
        &self,
        key: &ConnectionKey,
        sink: &dyn EventSink,
    ) -> Result<ConnectionHealth> {
        if self.known(key)?.road != StoreRoad::Connector {
            return Err(Error::WizardOutOfOrder);
        }
        let (known, client) = self.known_with_client(key).await?;
        let stop = self.new_connector_stop();
        let action = self
            .action(super::Step::Manage, "reinstall_connector")
            .about(key);
        let result = async {
            let baseline = status::baseline(&client.list_connections().await?);
            self.open_connector_for(sink);
            let found = status::await_connector(
                &client,
                status::Since::baseline(&baseline),
                Some((known.key.id, known.store_hash.as_str())),
                sink,
                stop,
                self.inner.poll.connector,
            )
            .await?;
            found.into_iter().next().ok_or(Error::SignInCancelled)
        }
        .await;
        let (connection, _) = self.finish_action(action, result).await?;
        // As known now: its journal has this reinstall.
        let mut replaced = self.known(&known.key)?;
        replaced.key.id = connection.id;
        replaced.store_name = connection.name.clone();
        self.update(|p| {
            p.known.retain(|k| k.key != known.key);
            p.remember(replaced.clone());
            Ok(())
        })
        .await?;
        Ok(self.check(&replaced).await)
    }

    /// Reconnect: the BigCommerce sign-in again, then the new key goes to the same Core1
    /// connection. Signing in to another store is refused (`reconnect_other_store`).
    pub async fn reconnect(
        &self,
        key: &ConnectionKey,
        sink: &dyn EventSink,
    ) -> Result<ConnectionHealth> {
        let known = self.known(key)?;
        let action = self.action(super::Step::Manage, "reconnect");
        let result = self.bigcommerce_grant(sink).await;
        let (hash, token) = self.finish_action(action, result).await?;
        if hash != known.store_hash {
            return Err(Error::ReconnectOtherStore {
                expected: known.store_hash.to_string(),
            });
        }
        self.push_key(&known, token).await
    }

    /// Enter an access key by hand: checked against BigCommerce for this connection's store
    /// before it is sent to Core1.
    pub async fn set_access_token(
        &self,
        key: &ConnectionKey,
        access_token: &str,
    ) -> Result<ConnectionHealth> {
        let known = self.known(key)?;
        let token = crate::bigcommerce::parse_access_token(access_token)?;
        self.push_key(&known, token).await
    }

    async fn push_key(
        &self,
        known: &KnownConnection,
        token: crate::SecretString,
    ) -> Result<ConnectionHealth> {
        let hash = &known.store_hash;
        let action = self.action(super::Step::Manage, "check_store_key");
        let result = self.check_store_access(hash, &token).await;
        let info = self.finish_action(action, result).await?;
        let client = self.core1_client(&known.key.workspace).await?;
        let action = self
            .action(super::Step::Manage, "update_credentials")
            .about(&known.key);
        let result = client
            .update_credentials(known.key.id, &credentials(hash.as_str(), &token))
            .await;
        self.finish_action(action, result).await?;
        self.inner
            .secrets
            .set(&self.store_key(hash), &token)
            .await?;
        let store = summary(hash, &info, StoreRoad::ApiAccount);
        self.update(|p| {
            if let Some(k) = p.known.iter_mut().find(|k| k.key == known.key) {
                k.store_name = store.name.clone();
                if !store.domain.is_empty() {
                    k.store_domain = store.domain.clone();
                }
                // The connection now runs on a key this computer holds (and checks).
                if !k.road.holds_store_key() {
                    k.road = StoreRoad::ApiAccount;
                }
            }
            Ok(())
        })
        .await?;
        Ok(self.check(&self.known(&known.key)?).await)
    }

    /// Signs in to Core1 again for a known connection's workspace (its sign-in expired).
    pub async fn sign_in_core1_for(
        &self,
        key: &ConnectionKey,
        sink: &dyn EventSink,
    ) -> Result<ConnectionHealth> {
        let known = self.known(key)?;
        let action = self.action(super::Step::Manage, "core1_sign_in");
        let result = self
            .core1_browser_sign_in(known.key.workspace.clone(), sink)
            .await;
        self.finish_action(action, result).await?;
        Ok(self.check(&known).await)
    }

    /// Forgets a connection on this computer only (Core1 keeps it, and it keeps working): removes
    /// it from Manage, deletes its store key, and the workspace sign-in when no other connection
    /// here uses it. Nothing is revoked, because neither provider offers it: BigCommerce has no
    /// call to revoke an app's token (uninstalling the app in the store does) nor a store-level
    /// API account's (deleting the account in the control panel does) — BigCommerce docs, API
    /// accounts, "Revoking … credentials"; Core1 documents no token revocation. The UI says so.
    pub async fn forget(&self, key: &ConnectionKey) -> Result<()> {
        let known = self.known(key)?;
        let mut others_use_store = false;
        let mut others_use_ws = false;
        self.update(|p| {
            p.known.retain(|k| k.key != *key);
            others_use_store = p.known.iter().any(|k| k.store_hash == known.store_hash);
            others_use_ws = p
                .known
                .iter()
                .any(|k| k.key.workspace == known.key.workspace);
            if p.known.is_empty() && p.step == super::Step::Manage {
                p.step = super::Step::Welcome;
            }
            Ok(())
        })
        .await?;
        if !others_use_store {
            self.inner
                .secrets
                .delete(&self.store_key(&known.store_hash))
                .await?;
        }
        if !others_use_ws {
            let ws = &known.key.workspace;
            self.core1_client(ws).await?.sign_out().await?;
            self.state().core1.remove(&ws.to_string());
        }
        tracing::info!(id = key.id, workspace = %key.workspace, "connection forgotten on this computer");
        Ok(())
    }

    /// The workspace address the connector asks for: of a known connection (Manage), or of
    /// this run.
    pub async fn workspace_url_of(&self, key: Option<&ConnectionKey>) -> Result<String> {
        match key {
            Some(key) => Ok(self.known(key)?.key.workspace.to_string()),
            None => Ok(self.current_workspace().await?.to_string()),
        }
    }

    /// The connection this computer knows under `key` (workspace and id both).
    pub(super) fn known(&self, key: &ConnectionKey) -> Result<KnownConnection> {
        self.state()
            .progress
            .known
            .iter()
            .find(|k| k.key == *key)
            .cloned()
            .ok_or(Error::ConnectionNotKnown)
    }

    /// A connection this computer knows, and a client for its workspace.
    pub(super) async fn known_with_client(
        &self,
        key: &ConnectionKey,
    ) -> Result<(KnownConnection, Core1Client)> {
        let known = self.known(key)?;
        let client = self.core1_client(&known.key.workspace).await?;
        Ok((known, client))
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
                (state, None, Some(status_of(&c)))
            }
            Err(Error::Core1SignInRequired) => (Core1State::SignInNeeded, None, None),
            Err(Error::ConnectionNotFound) => (Core1State::Gone, None, None),
            Err(e) => (Core1State::Unknown, Some(e.code()), None),
        }
    }
}
