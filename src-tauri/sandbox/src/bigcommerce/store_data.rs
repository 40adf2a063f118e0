//! The practice store's records that both sides must agree on: its orders (which the practice
//! Core1 imports through the connection's order filters) and its storefronts (BigCommerce
//! multi-storefront: one `storefront` channel each, BigCommerce docs `reference/channels.v3.yml`).
//!
//! Orders: `orders` live ones, ids 101…, created one a day from 2024-01-15, alternately
//! *Awaiting Fulfillment* (status 11) and *Shipped* (2) — as `/v2/orders/count` reports — and
//! `orders / 10` archived ones after them (BigCommerce: `is_deleted: true`, left out of
//! `/v2/orders` and its count), *Completed* (10), created from 2023-06-01.

use crate::config::StoreCatalog;
use time::{Date, Duration, Month};

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
