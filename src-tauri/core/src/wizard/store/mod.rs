//! The store step (BigCommerce): is Core1 ready for a BigCommerce connection, what the
//! connector's field needs for a workspace, and what the roads share — checking a store's key
//! and turning it into the store's one Core1 connection. The roads, each ending in a Core1
//! connection the wizard knows:
//!
//! 1. **The connector app** (default, `connector*.rs`): the merchant installs Actindo's "Actindo
//!    Core1 DOP Connector" from BigCommerce's marketplace and presses START SETUP with the
//!    workspace address; the connector creates (or updates) the connection. The wizard opens the
//!    page and watches the workspace's connections for it (docs.actindo.com, "Manage BigCommerce
//!    connection"). It never sees a BigCommerce key on this road.
//! 2. **A store-level API account** (always offered, `api_account.rs`).
//! 3. **The wizard's own BigCommerce app** over loopback (`own_app.rs`).

mod api_account;
mod connector;
mod connector_answer;
pub(super) mod connector_watch;
mod own_app;

use crate::bigcommerce::{BigCommerceClient, StoreHash, StoreInfo};
use crate::core1::channels::{Connection, Credentials, NewConnection, Readiness};
use crate::core1::Core1Client;
use crate::error::{Error, Result};
use crate::secret_string::SecretString;
use crate::wizard::engine::Engine;
use crate::wizard::events::{Event, EventSink};
use crate::wizard::known::{ConnectionKey, StoreRoad};
use crate::wizard::saved::{ConnectOutcome, StoreSummary};
use crate::wizard::step::Step;
use crate::wizard::WizardView;

impl Engine {
    /// Asks the workspace whether the Omni-Channel module and the BigCommerce driver are
    /// installed (new enough) and the signed-in user may create connections (the assumed
    /// `getSetupStatus`, `core1/channels.rs`). The store step shows what is missing, where to get
    /// it, and offers to check again.
    pub async fn store_readiness(&self) -> Result<Readiness> {
        self.expect_step(&[Step::BigCommerce]).await?;
        let client = self.core1_client(&self.current_workspace().await?).await?;
        let action = self.action(Step::BigCommerce, "core1_readiness");
        let result = client.readiness().await;
        let readiness = self.finish_action(action, result).await?;
        if !readiness.ready() {
            tracing::info!(problems = ?readiness.problems, "Core1 is not ready for a BigCommerce connection");
        }
        Ok(readiness)
    }

    /// What to type into the connector's workspace field (between `https://` and
    /// `.actindo.com`): for a known connection (Manage), or for this run.
    pub async fn store_connector_name(&self, key: Option<&ConnectionKey>) -> Result<String> {
        let ws = match key {
            Some(key) => self.known(key)?.key.workspace,
            None => self.current_workspace().await?,
        };
        Ok(ws.connector_field().name)
    }

    /// The store answers to the key (`/v2/store`, `/v2/time`) and the key has every access the
    /// connector needs (a 403 on a probe names the row to tick).
    pub(super) async fn check_store_access(
        &self,
        hash: &StoreHash,
        token: &SecretString,
    ) -> Result<StoreInfo> {
        let client = self.store_client(hash, token);
        let info = client.check_token().await?;
        client.server_time().await?;
        let missing = client.missing_access().await?;
        if !missing.is_empty() {
            return Err(Error::BigCommerceAccessMissing {
                rows: crate::bigcommerce::scopes::rows(&missing),
                missing: missing.iter().map(|s| s.label_key).collect(),
            });
        }
        Ok(info)
    }

    /// The store answers to the key (`GET /v2/store`): Manage's health check.
    pub(super) async fn check_store(
        &self,
        hash: &StoreHash,
        token: &SecretString,
    ) -> Result<StoreInfo> {
        self.store_client(hash, token).check_token().await
    }

    pub(super) fn store_client(&self, hash: &StoreHash, token: &SecretString) -> BigCommerceClient {
        BigCommerceClient::new(
            self.inner.http.clone(),
            &self.inner.profile,
            hash.clone(),
            token.clone(),
        )
        .with_retry(self.inner.retry)
    }

    /// Keeps the key, then creates the connection — or updates the one Core1 has for this
    /// store (one connection per store, as Actindo's connector does) — and goes to Status.
    async fn connect_store(
        &self,
        hash: StoreHash,
        token: SecretString,
        info: &StoreInfo,
        road: StoreRoad,
        sink: &dyn EventSink,
    ) -> Result<WizardView> {
        self.inner
            .secrets
            .set(&self.store_key(&hash), &token)
            .await?;
        let store = summary(&hash, info, road);
        sink.send(Event::StoreFound {
            store: store.clone(),
        });
        let client = self.core1_client(&self.current_workspace().await?).await?;
        let action = self.action(Step::BigCommerce, "connect");
        let result = create_or_update(&client, &store, &token).await;
        let (connection, outcome) = self.finish_action(action, result).await?;
        self.enter_status(&connection, store, outcome).await
    }
}

/// Creates the store's connection, or puts the key into the one Core1 already has for it
/// (found in `list`, or named by a duplicate error when another computer made one meanwhile).
async fn create_or_update(
    client: &Core1Client,
    store: &StoreSummary,
    token: &SecretString,
) -> Result<(Connection, ConnectOutcome)> {
    let existing = client.find_connection(&store.hash).await?.map(|c| c.id);
    let existing = match existing {
        Some(id) => id,
        None => {
            let new = NewConnection::bigcommerce(&store.name, &store.hash, token);
            match client.create_connection(&new).await {
                Ok(c) => return Ok((c, ConnectOutcome::Created)),
                Err(Error::ConnectionExists { existing_id }) => existing_id,
                Err(e) => return Err(e),
            }
        }
    };
    let updated = client
        .update_credentials(existing, &credentials(&store.hash, token))
        .await?;
    Ok((updated, ConnectOutcome::Updated))
}

pub(super) fn summary(hash: &StoreHash, info: &StoreInfo, road: StoreRoad) -> StoreSummary {
    StoreSummary {
        hash: hash.as_str().to_owned(),
        name: info.name.clone(),
        domain: info.domain.clone(),
        secure_url: info.secure_url.clone(),
        plan_name: info.plan_name.clone(),
        road,
    }
}

/// What Core1 needs to reach the store. Built right before sending; never kept.
pub(super) fn credentials(store_hash: &str, token: &SecretString) -> Credentials {
    Credentials {
        store_hash: store_hash.to_owned(),
        access_token: token.expose().to_owned(),
    }
}
