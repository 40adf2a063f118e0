//! The practice store's records that both sides must agree on: its orders (which the practice
//! Core1 imports through the connection's order filters), its channels and storefronts
//! (BigCommerce multi-storefront: one `storefront` channel each, BigCommerce docs
//! `reference/channels.v3.yml`), and what can be switched at run time ([`StoreShape`]).
//!
//! Storefronts: a store is a **single-storefront** store by default (`/v2/store`
//! `features.multi_storefront_enabled: false`, one channel, id 1, the store's own storefront);
//! [`crate::SandboxHandle::set_storefronts`] with more than one makes it a multi-storefront
//! store, and [`crate::SandboxHandle::add_channel`] adds channels of any type and status (an
//! archived storefront, a channel without `type`, a marketplace).
//!
//! Products: as many as the catalog says (or [`crate::SandboxHandle::set_products`]), ids 111…,
//! each with `custom_url` `/practice-product-{n}/` unless set otherwise (to seed colliding
//! URLs).
//!
//! Orders: `orders` live ones, ids 101…, created one a day from 2024-01-15, alternately
//! *Awaiting Fulfillment* (status 11) and *Shipped* (2) — as `/v2/orders/count` reports — and
//! `orders / 10` archived ones after them (BigCommerce: `is_deleted: true`, left out of
//! `/v2/orders` and its count), *Completed* (10), created from 2023-06-01.

use crate::config::{BcStore, StoreCatalog};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use time::{Date, Duration, Month};

/// One channel of the practice store as `/v3/channels` lists it (BigCommerce docs,
/// `reference/channels.v3.yml`: only `id` and `name` are required, so `type` may be missing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeChannel {
    pub id: u64,
    pub name: String,
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// `active`, `prelaunch`, `inactive`, `archived`, `deleted`, `terminated`, …
    pub status: String,
}

/// What of a practice store can be switched at run time (the rest is its [`BcStore`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct StoreShape {
    /// Storefronts (active `storefront` channels, ids 1…); `None`: the catalog's.
    pub(crate) storefronts: Option<u32>,
    /// `features.multi_storefront_enabled`; `None`: on when there is more than one storefront.
    pub(crate) multi_storefront: Option<bool>,
    /// Channels after the storefronts ([`crate::SandboxHandle::add_channel`]).
    pub(crate) extra_channels: Vec<PracticeChannel>,
    /// Products; `None`: the catalog's.
    pub(crate) products: Option<u32>,
    /// Product id → `custom_url.url`, where not the generated one.
    pub(crate) custom_urls: HashMap<u64, String>,
}

impl StoreShape {
    /// How many storefronts `store` has now.
    pub(crate) fn storefronts(&self, store: &BcStore) -> u32 {
        self.storefronts.unwrap_or(store.catalog.storefronts).max(1)
    }

    /// Whether `store` is a multi-storefront store now.
    pub(crate) fn multi_storefront(&self, store: &BcStore) -> bool {
        self.multi_storefront
            .unwrap_or_else(|| self.storefronts(store) > 1)
    }

    /// How many products `store` has now.
    pub(crate) fn products(&self, store: &BcStore) -> u32 {
        self.products.unwrap_or(store.catalog.products)
    }

    /// Every channel of `store`: its storefronts, then the added ones.
    pub(crate) fn channels(&self, store: &BcStore) -> Vec<PracticeChannel> {
        storefronts(&store.name, self.storefronts(store))
            .into_iter()
            .map(|(id, name)| PracticeChannel {
                id,
                name,
                kind: Some("storefront".into()),
                status: "active".into(),
            })
            .chain(self.extra_channels.iter().cloned())
            .collect()
    }

    /// Product `id`'s `custom_url.url`.
    pub(crate) fn custom_url(&self, id: u64) -> String {
        self.custom_urls
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("/practice-product-{}/", id.saturating_sub(PRODUCT_ID_BASE)))
    }
}

/// Changes store `hash`'s run-time shape (the `SandboxHandle` switches).
pub(crate) fn reshape(
    world: &crate::World,
    hash: &str,
    change: impl FnOnce(&mut StoreShape),
) -> crate::Result<()> {
    if world.config.store(hash).is_none() {
        return Err(crate::Error::UnknownStore(hash.to_owned()));
    }
    change(world.state().bc.shapes.entry(hash.to_owned()).or_default());
    Ok(())
}

/// `count` storefronts (see [`crate::SandboxHandle::set_storefronts`]); `multi_storefront`
/// overrides what the count implies.
pub(crate) fn set_storefronts(
    world: &crate::World,
    hash: &str,
    count: u32,
    multi_storefront: Option<bool>,
) -> crate::Result<()> {
    reshape(world, hash, |s| {
        s.storefronts = Some(count.max(1));
        s.multi_storefront = multi_storefront;
    })
}

/// See [`crate::SandboxHandle::add_channel`].
pub(crate) fn add_channel(
    world: &crate::World,
    hash: &str,
    name: &str,
    kind: Option<&str>,
    status: &str,
) -> crate::Result<u64> {
    let mut id = 0;
    reshape(world, hash, |s| {
        id = 1001 + s.extra_channels.len() as u64;
        s.extra_channels.push(PracticeChannel {
            id,
            name: name.to_owned(),
            kind: kind.map(str::to_owned),
            status: status.to_owned(),
        });
    })?;
    Ok(id)
}

/// Product `n` (from 1) has id `PRODUCT_ID_BASE + n`.
pub const PRODUCT_ID_BASE: u64 = 110;

/// One practice order as both sides see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderFacts {
    pub id: u64,
    pub status_id: u32,
    pub created: Date,
    pub archived: bool,
}

pub const STATUS_AWAITING_FULFILLMENT: u32 = 11;
pub const STATUS_SHIPPED: u32 = 2;
pub const STATUS_COMPLETED: u32 = 10;

fn day(y: i32, m: Month, d: u8) -> Date {
    Date::from_calendar_date(y, m, d).unwrap_or(Date::MIN)
}

/// How many archived orders the store keeps besides its live ones.
pub fn archived_orders(c: &StoreCatalog) -> u32 {
    c.orders / 10
}

/// Live order `i` (0-based, `i < orders`) or, past them, archived order `i - orders`.
pub fn order_facts(c: &StoreCatalog, i: u32) -> OrderFacts {
    if i < c.orders {
        OrderFacts {
            id: 101 + u64::from(i),
            status_id: if i % 2 == 0 {
                STATUS_AWAITING_FULFILLMENT
            } else {
                STATUS_SHIPPED
            },
            created: day(2024, Month::January, 15) + Duration::days(i64::from(i)),
            archived: false,
        }
    } else {
        let j = i - c.orders;
        OrderFacts {
            id: 101 + u64::from(i),
            status_id: STATUS_COMPLETED,
            created: day(2023, Month::June, 1) + Duration::days(i64::from(j)),
            archived: true,
        }
    }
}

/// Every order, live and archived.
pub fn all_orders(c: &StoreCatalog) -> impl Iterator<Item = OrderFacts> + '_ {
    (0..c.orders + archived_orders(c)).map(move |i| order_facts(c, i))
}

/// The store's storefront channels: id 1 named as the store, then "{store} 2", … (ids 2, …).
pub fn storefronts(store_name: &str, count: u32) -> Vec<(u64, String)> {
    (1..=count.max(1))
        .map(|n| {
            let name = if n == 1 {
                store_name.to_owned()
            } else {
                format!("{store_name} {n}")
            };
            (u64::from(n), name)
        })
        .collect()
}

/// `YYYY-MM-DD` as a date.
pub fn parse_day(s: &str) -> Option<Date> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

/// RFC 2822 as BigCommerce's v2 orders write dates (`Mon, 15 Jan 2024 10:00:00 +0000`).
pub fn v2_date(d: Date) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{}, {:02} {} {} 10:00:00 +0000",
        DAYS[usize::from(d.weekday().number_days_from_monday())],
        d.day(),
        MONTHS[usize::from(u8::from(d.month()) - 1)],
        d.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_match_the_count_and_dates_parse() {
        let c = StoreCatalog::default();
        let live: Vec<_> = all_orders(&c).filter(|o| !o.archived).collect();
        assert_eq!(live.len() as u32, c.orders);
        assert_eq!(
            live.iter()
                .filter(|o| o.status_id == STATUS_SHIPPED)
                .count() as u32,
            c.orders / 2
        );
        assert_eq!(
            v2_date(order_facts(&c, 0).created),
            "Mon, 15 Jan 2024 10:00:00 +0000"
        );
        assert_eq!(
            parse_day("2024-02-29"),
            Some(day(2024, Month::February, 29))
        );
        assert_eq!(parse_day("2023-02-29"), None);
        assert_eq!(parse_day("2024-2-01"), None);
        assert_eq!(storefronts("Shop", 2)[1], (2, "Shop 2".to_owned()));
    }
}
