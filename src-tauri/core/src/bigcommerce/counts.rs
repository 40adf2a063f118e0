//! What the store holds, counted with a handful of cheap requests: the store's side of "did
//! everything arrive?".
//!
//! One request per figure, one after another through the client's shared rate limiter (which
//! waits for `X-Rate-Limit-Time-Reset-Ms` once `X-Rate-Limit-Requests-Left` reaches 0, and after
//! a 429): the quota is shared with every app on the store, so nothing is paged through.
//!
//! | figure | request (BigCommerce docs, repository bigcommerce/docs) |
//! |---|---|
//! | multi-storefront? | `GET /v2/store` `features.multi_storefront_enabled` (`reference/store_information.v2.yml`) |
//! | products | `GET /v3/catalog/products?limit=1` `meta.pagination.total` (`reference/catalog/products_catalog.v3.yml`) |
//! | variants | `GET /v3/catalog/summary` `data.variant_count` (`reference/catalog.v3.yml`, Get a Catalog Summary) |
//! | categories | `GET /v3/catalog/categories?limit=1` `meta.pagination.total` (`reference/catalog/categories_catalog.v3.yml`) |
//! | customers | `GET /v3/customers?limit=1` `meta.pagination.total` (`reference/customers.v3.yml`) |
//! | orders | `GET /v2/orders/count` `count` (`reference/orders.v2.oas2.yml`, Get a Count of Orders) |
//! | storefronts | `GET /v3/channels` entries with `type: storefront` (`reference/channels.v3.yml`), only when multi-storefront is on |
//!
//! A figure the token may not read (403) is `None`, not an error: the others still count.

use serde::{Deserialize, Serialize};

use super::client::BigCommerceClient;
use crate::core1::channels::StorefrontRef;
use crate::error::{Error, Result};

/// The store's own figures. `None`: the key may not read that figure.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StoreCounts {
    pub products: Option<u32>,
    pub variants: Option<u32>,
    pub categories: Option<u32>,
    pub customers: Option<u32>,
    pub orders: Option<u32>,
    /// `features.multi_storefront_enabled` of `/v2/store`.
    pub multi_storefront: bool,
    /// The store's storefront channels (asked only when multi-storefront is on).
    pub storefronts: Vec<StorefrontRef>,
}

#[derive(Deserialize)]
struct Pagination {
    total: u32,
}
#[derive(Deserialize)]
struct Meta {
    pagination: Pagination,
}
#[derive(Deserialize)]
struct Page {
    meta: Meta,
}
#[derive(Deserialize)]
struct SummaryData {
    variant_count: u32,
}
#[derive(Deserialize)]
struct Summary {
    data: SummaryData,
}
#[derive(Deserialize)]
struct OrderCount {
    count: u32,
}
#[derive(Deserialize, Default)]
struct Features {
    #[serde(default)]
    multi_storefront_enabled: bool,
}
#[derive(Deserialize)]
struct Store {
    #[serde(default)]
    features: Features,
}
#[derive(Deserialize)]
struct Channel {
    id: u64,
    name: String,
    #[serde(rename = "type")]
    kind: String,
}
#[derive(Deserialize)]
struct Channels {
    data: Vec<Channel>,
}

/// `Ok(None)` for a figure the key may not read; other errors stop the count.
fn readable<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(Error::BigCommerceScopeMissing) => Ok(None),
        Err(e) => Err(e),
    }
}

impl BigCommerceClient {
    /// Counts what the store holds (at most seven requests; see the module doc).
    pub async fn counts(&self) -> Result<StoreCounts> {
        let store = readable(self.get_json::<Store>("v2/store").await)?;
        let multi_storefront = store.is_some_and(|s| s.features.multi_storefront_enabled);
        let total = |path: &'static str| async move {
            readable(self.get_json::<Page>(path).await).map(|p| p.map(|p| p.meta.pagination.total))
        };
        let products = total("v3/catalog/products?limit=1").await?;
        let variants = readable(self.get_json::<Summary>("v3/catalog/summary").await)?
            .map(|s| s.data.variant_count);
        let categories = total("v3/catalog/categories?limit=1").await?;
        let customers = total("v3/customers?limit=1").await?;
        let orders =
            readable(self.get_json::<OrderCount>("v2/orders/count").await)?.map(|c| c.count);
        let storefronts = if multi_storefront {
            readable(self.get_json::<Channels>("v3/channels?limit=50").await)?
                .map(|c| {
                    c.data
                        .into_iter()
                        .filter(|c| c.kind == "storefront")
                        .map(|c| StorefrontRef {
                            channel_id: c.id,
                            name: c.name,
                        })
                        .collect()
                })
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        Ok(StoreCounts {
            products,
            variants,
            categories,
            customers,
            orders,
            multi_storefront,
            storefronts,
        })
    }
}
