//! Manage's repairs of one known connection, and starting the wizard again from Manage.

use super::ConnectionHealth;
use crate::error::{Error, Result};
use crate::wizard::engine::Engine;
use crate::wizard::events::EventSink;
use crate::wizard::known::{ConnectionKey, KnownConnection, StoreRoad};
use crate::wizard::saved::now_ms;
use crate::wizard::step::Step;
use crate::wizard::store::connector_watch;
use crate::wizard::store::{credentials, summary};
use crate::wizard::WizardView;

impl Engine {
    /// Synchronize now.
    pub async fn manage_synchronize(&self, key: &ConnectionKey) -> Result<ConnectionHealth> {
        let (known, client) = self.known_with_client(key).await?;
        let action = self.action(Step::Manage, "synchronize").about(key);
        let result = client.synchronize(key.id).await;
        self.finish_action(action, result).await?;
        Ok(self.check(&known).await)
    }

    /// "Reinstall the connector" (road 1 again): opens the connector page and waits until the
    /// connector has updated this connection (or made a new one for the same store, which then
    /// takes its place in Manage). Cancelled with [`Engine::store_connector_stop`]. Only for a
    /// connection the connector made: on road 2 the merchant never installed it, and the
    /// store's access is the API account's key this computer holds (`WizardOutOfOrder`).
    pub async fn manage_reinstall_connector(
        &self,
        key: &ConnectionKey,
        sink: &dyn EventSink,
    ) -> Result<ConnectionHealth> {
        if self.known(key)?.road != StoreRoad::Connector {
            return Err(Error::WizardOutOfOrder);
        }
        let (known, client) = self.known_with_client(key).await?;
        let stop = self.new_connector_stop();
        let action = self.action(Step::Manage, "reinstall_connector").about(key);
        let result = async {
            let baseline = connector_watch::baseline(&client.list_connections().await?);
            self.open_connector_for(sink);
            let found = connector_watch::await_connector(
                &client,
                connector_watch::Since::baseline(&baseline),
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
    pub async fn manage_reconnect(
        &self,
        key: &ConnectionKey,
        sink: &dyn EventSink,
    ) -> Result<ConnectionHealth> {
        let known = self.known(key)?;
        let action = self.action(Step::Manage, "reconnect");
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
    pub async fn manage_set_access_key(
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
        let action = self.action(Step::Manage, "check_store_key");
        let result = self.check_store_access(hash, &token).await;
        let info = self.finish_action(action, result).await?;
        let client = self.core1_client(&known.key.workspace).await?;
        let action = self
            .action(Step::Manage, "update_credentials")
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
    pub async fn manage_core1_sign_in(
        &self,
        key: &ConnectionKey,
        sink: &dyn EventSink,
    ) -> Result<ConnectionHealth> {
        let known = self.known(key)?;
        let action = self.action(Step::Manage, "core1_sign_in");
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
    pub async fn manage_forget(&self, key: &ConnectionKey) -> Result<()> {
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
            if p.known.is_empty() && p.step == Step::Manage {
                p.step = Step::Welcome;
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

    /// From Manage: start the wizard again for another store or workspace.
    pub async fn manage_start_new(&self) -> Result<WizardView> {
        self.reset_run().await?;
        self.update(|p| {
            p.step = Step::Workspace;
            p.run_started_at = Some(now_ms());
            Ok(())
        })
        .await?;
        Ok(self.wizard_view().await)
    }
}
