//! "Did everything arrive?": Core1's synchronized figures beside the store's own, for a known
//! connection.
//!
//! The store's side needs the store's key, which this computer holds on roads 2 and 3 only; on
//! road 1 Actindo's connector holds it, so only Core1's side is shown and the UI says why.
//! Products, variants, categories and customers count towards "missing"; orders do not, because
//! the order filters (the first settings) decide which of the store's orders Core1 imports.

use serde::Serialize;

use super::engine::Engine;
use super::known::ConnectionKey;
use crate::bigcommerce::counts::StoreCounts;
use crate::core1::channels::{Phase, StorefrontRef, SyncStatistics};
use crate::error::Result;

/// Why the store's figures are not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum StoreHidden {
    /// Road 1: Actindo's connector holds the store's key, not this computer.
    ConnectorHoldsKey,
    /// The key is not on this computer (keyring cleared, or session-only storage).
    KeyMissing,
    /// The store could not be counted right now (see `store_code`).
    Unavailable,
}

/// Both sides, and the verdict.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Arrived {
    /// Whether the connection is active (figures still moving otherwise).
    pub active: bool,
    pub core1: SyncStatistics,
    pub store: Option<StoreCounts>,
    pub store_hidden: Option<StoreHidden>,
    /// Error code when the store could not be counted.
    pub store_code: Option<&'static str>,
    /// Products, variants, categories and customers the store has and Core1 not (yet); 0 when
    /// the store's side is not shown. A `u64`: four `u32` figures can add up beyond `u32`.
    pub missing: u64,
    /// The store has more than one storefront (multi-storefront on and `/v3/channels` lists
    /// several): the connection covers `core1.storefront` (when Core1 says), not all of them.
    pub several_storefronts: bool,
    pub storefronts: Vec<StorefrontRef>,
}

/// What the store has and Core1 does not, over the figures that must match.
pub(super) fn missing(store: &StoreCounts, core1: &SyncStatistics) -> u64 {
    [
        (store.products, core1.products),
        (store.variants, core1.variants),
        (store.categories, core1.categories),
        (store.customers, core1.customers),
    ]
    .into_iter()
    .filter_map(|(s, c)| s.map(|s| u64::from(s.saturating_sub(c))))
    .sum()
}

impl Engine {
    /// Core1's figures for connection `id`, and the store's where this computer holds its key.
    pub async fn arrived_check(&self, key: &ConnectionKey) -> Result<Arrived> {
        let (known, client) = self.known_with_client(key).await?;
        let action = self.action(super::Step::Manage, "arrived");
        let result = async {
            let connection = client.get_connection(key.id).await?;
            let statistics = client.get_statistics(key.id).await?;
            Ok((connection, statistics))
        }
        .await;
        let (connection, core1) = self.finish_action(action, result).await?;
        let (store, store_hidden, store_code) = if !known.road.holds_store_key() {
            (None, Some(StoreHidden::ConnectorHoldsKey), None)
        } else {
            match self
                .inner
                .secrets
                .get(&self.store_key(&known.store_hash))
                .await
            {
                Ok(Some(token)) => {
                    let counted = self.store_client(&known.store_hash, &token).counts().await;
                    match counted {
                        Ok(c) => (Some(c), None, None),
                        Err(e) => (None, Some(StoreHidden::Unavailable), Some(e.code())),
                    }
                }
                Ok(None) => (None, Some(StoreHidden::KeyMissing), None),
                Err(e) => (None, Some(StoreHidden::Unavailable), Some(e.code())),
            }
        };
        let missing = store.as_ref().map_or(0, |s| missing(s, &core1));
        let several_storefronts = store
            .as_ref()
            .is_some_and(|s| s.multi_storefront && s.storefronts.len() > 1);
        let storefronts = store
            .as_ref()
            .map(|s| s.storefronts.clone())
            .unwrap_or_default();
        tracing::info!(id = key.id, missing, several_storefronts, "arrived counted");
        Ok(Arrived {
            active: connection.phase == Phase::Active,
            core1,
            store,
            store_hidden,
            store_code,
            missing,
            several_storefronts,
            storefronts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_counts_what_must_match_and_skips_unreadable_figures() {
        let store = StoreCounts {
            products: Some(250),
            variants: Some(310),
            categories: None,
            customers: Some(9),
            orders: Some(42),
            multi_storefront: false,
            storefronts: Vec::new(),
        };
        let mut core1 = SyncStatistics {
            products: 240,
            variants: 300,
            categories: 0,
            customers: 9,
            orders: 3,
            storefront: None,
        };
        assert_eq!(missing(&store, &core1), 20, "orders follow the filters");
        core1.products = 260;
        core1.variants = 310;
        assert_eq!(missing(&store, &core1), 0, "more in Core1 is not missing");
    }

    #[test]
    fn the_largest_figures_add_up_without_overflow() {
        let store = StoreCounts {
            products: Some(u32::MAX),
            variants: Some(u32::MAX),
            categories: Some(u32::MAX),
            customers: Some(u32::MAX),
            orders: Some(u32::MAX),
            multi_storefront: false,
            storefronts: Vec::new(),
        };
        let core1 = SyncStatistics {
            products: 0,
            variants: 0,
            categories: 0,
            customers: 0,
            orders: 0,
            storefront: None,
        };
        assert_eq!(missing(&store, &core1), 4 * u64::from(u32::MAX));
    }
}
