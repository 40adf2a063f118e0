//! The go-live check on Status (and in Manage) once a connection is active: Actindo's known
//! pitfalls, one of which the wizard can look for itself — products whose custom URLs collide
//! ([`crate::bigcommerce::custom_urls`]), read with the store's key where this computer holds it
//! (roads 2 and 3). On road 1 Actindo's connector holds the key: the screen says how to check by
//! hand. The other pitfalls (several shipping addresses per order, shared variant options) are
//! settings in BigCommerce's control panel that its API does not show: the screen names them
//! with where to fix them.

use serde::Serialize;

use super::arrived::StoreHidden;
use super::engine::Engine;
use super::events::{Event, EventSink};
use super::journal::UrlCheckRecord;
use super::known::{ConnectionKey, KnownConnection};
use super::saved::now_ms;
use crate::bigcommerce::custom_urls::UrlCheck;
use crate::bigcommerce::BigCommerceClient;
use crate::error::Result;

/// What the custom-URL check found, or why it could not look.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UrlReport {
    pub check: Option<UrlCheck>,
    /// Why the store was not read (road 1, or the key is gone).
    pub store_hidden: Option<StoreHidden>,
}

impl Engine {
    /// Reads every product's custom URL of connection `key`'s store (progress as
    /// [`Event::ProductsRead`] after each page) and names the colliding products.
    pub async fn golive_check_urls(
        &self,
        key: &ConnectionKey,
        sink: &dyn EventSink,
    ) -> Result<UrlReport> {
        let known = self.known(key)?;
        let client = match self.known_store_client(&known).await? {
            Ok(client) => client,
            Err(hidden) => {
                return Ok(UrlReport {
                    check: None,
                    store_hidden: Some(hidden),
                })
            }
        };
        let action = self.action(super::Step::Manage, "custom_urls").about(key);
        let progress = |done, total| sink.send(Event::ProductsRead { done, total });
        let result = client.custom_url_collisions(&progress).await;
        let check = self.finish_action(action, result).await?;
        let record = UrlCheckRecord::new(&check, now_ms());
        self.journal(key, |j| j.url_check = Some(record)).await;
        tracing::info!(
            id = key.id,
            products = check.products,
            collisions = check.collisions.len(),
            "custom URLs checked"
        );
        Ok(UrlReport {
            check: Some(check),
            store_hidden: None,
        })
    }

    /// A client for a known connection's store, or why this computer cannot have one.
    async fn known_store_client(
        &self,
        known: &KnownConnection,
    ) -> Result<std::result::Result<BigCommerceClient, StoreHidden>> {
        if !known.road.holds_store_key() {
            return Ok(Err(StoreHidden::ConnectorHoldsKey));
        }
        Ok(
            match self
                .inner
                .secrets
                .get(&self.store_key(&known.store_hash))
                .await?
            {
                Some(token) => Ok(self.store_client(&known.store_hash, &token)),
                None => Err(StoreHidden::KeyMissing),
            },
        )
    }
}
