//! What the store holds, counted with a handful of cheap requests: the store's side of "did
//! everything arrive?".
//!
//! One request per figure, one after another through the client's shared rate limiter (which
//! waits for `X-Rate-Limit-Time-Reset-Ms` once `X-Rate-Limit-Requests-Left` reaches 0, and after
//! a 429): the quota is shared with every app on the store, so nothing is paged through — except
//! the channel list, which is read to its end (at most [`MAX_CHANNEL_PAGES`] pages of 50).
//!
//! | figure | request (BigCommerce docs, repository bigcommerce/docs at 24f580ca) |
//! |---|---|
//! | multi-storefront? | `GET /v2/store` `features.multi_storefront_enabled` (`reference/store_information.v2.yml`) |
//! | products | `GET /v3/catalog/products?limit=1` `meta.pagination.total` (`reference/catalog/products_catalog.v3.yml`) |
//! | variants | `GET /v3/catalog/summary` `data.variant_count` (`reference/catalog/products_catalog.v3.yml`, Get a Catalog Summary) |
//! | categories | `GET /v3/catalog/trees/categories?limit=1` `meta.pagination.total`: the categories of every category tree (`reference/catalog/category-trees_catalog.v3.yml`, Get All Categories); `GET /v3/catalog/categories` is `deprecated: true` (`reference/catalog/categories_catalog.v3.yml`) |
//! | customers | `GET /v3/customers?limit=1` `meta.pagination.total` (`reference/customers.v3.yml`) |
//! | orders | `GET /v2/orders/count` `count` (`reference/orders.v2.oas2.yml`, Get a Count of Orders) |
//! | storefronts | `GET /v3/channels?limit=50&page=N` to the last page (`reference/channels.v3.yml`), only when multi-storefront is on: channels of `type` `storefront` that are in use ([`in_use`]) |
//!
//! `/v3/channels` requires only `id` and `name` of a channel: a channel without `type` (or
//! `status`) is read, not refused, and not counted as a storefront unless it says it is one.
//!
//! A figure the token may not read (403) is `None`, not an error: the others still count.

use serde::{Deserialize, Serialize};

use super::client::BigCommerceClient;
use crate::core1::channels::StorefrontRef;
use crate::error::{Error, Result};

/// The store's own figures. `None`: the key may not read that figure.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// Optional in the document (only `id` and `name` are required).
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    status: Option<String>,
}
#[derive(Deserialize, Default)]
struct ChannelPagination {
    #[serde(default)]
    total_pages: u32,
}
#[derive(Deserialize, Default)]
struct ChannelMeta {
    #[serde(default)]
    pagination: ChannelPagination,
}
#[derive(Deserialize)]
struct Channels {
    data: Vec<Channel>,
    #[serde(default)]
    meta: ChannelMeta,
}

/// The most channel pages read (of 50): 5,000 channels, far beyond any real store; a server
/// that keeps announcing more pages cannot keep the count going.
pub(crate) const MAX_CHANNEL_PAGES: u32 = 100;

/// Whether a storefront with this `status` is in use: `active` (live) or `prelaunch` (being
/// prepared — a new store's first storefront starts there), or no status given. `inactive`
/// (down for maintenance), `archived`, `deleted`, `terminated` (and the marketplace states
/// `connected` / `disconnected`) are not (BigCommerce docs, `reference/channels.v3.yml`,
/// `ChannelStatus`).
pub(crate) fn in_use(status: Option<&str>) -> bool {
    matches!(status, None | Some("active") | Some("prelaunch"))
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
    /// The store's storefront channels in use, the channel list read page by page to its end.
    async fn storefronts(&self) -> Result<Vec<StorefrontRef>> {
        let mut found = Vec::new();
        let mut page = 1;
        loop {
            let list = self
                .get_json::<Channels>(&format!("v3/channels?limit=50&page={page}"))
                .await?;
            let last = list.data.is_empty()
                || page >= list.meta.pagination.total_pages
                || page >= MAX_CHANNEL_PAGES;
            found.extend(
                list.data
                    .into_iter()
                    .filter(|c| {
                        c.kind.as_deref() == Some("storefront") && in_use(c.status.as_deref())
                    })
                    .map(|c| StorefrontRef {
                        channel_id: c.id,
                        name: c.name,
                    }),
            );
            if last {
                return Ok(found);
            }
            page += 1;
        }
    }

    /// Counts what the store holds (six requests, and the channel pages on a multi-storefront
    /// store; see the module doc).
    pub async fn counts(&self) -> Result<StoreCounts> {
        let store = readable(self.get_json::<Store>("v2/store").await)?;
        let multi_storefront = store.is_some_and(|s| s.features.multi_storefront_enabled);
        let total = |path: &'static str| async move {
            readable(self.get_json::<Page>(path).await).map(|p| p.map(|p| p.meta.pagination.total))
        };
        let products = total("v3/catalog/products?limit=1").await?;
        let variants = readable(self.get_json::<Summary>("v3/catalog/summary").await)?
            .map(|s| s.data.variant_count);
        let categories = total("v3/catalog/trees/categories?limit=1").await?;
        let customers = total("v3/customers?limit=1").await?;
        let orders =
            readable(self.get_json::<OrderCount>("v2/orders/count").await)?.map(|c| c.count);
        let storefronts = if multi_storefront {
            readable(self.storefronts().await)?.unwrap_or_default()
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
