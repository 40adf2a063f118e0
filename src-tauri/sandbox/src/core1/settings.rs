//! A connection's settings and what it synchronized — the ASSUMED `getSettings`,
//! `updateSettings` and `getStatistics`, mirrored from the core crate's `core1/channels.rs`.
//!
//! | endpoint | request | answer |
//! |---|---|---|
//! | `getSettings` | `{id}` | `{success, settings: ConnectionSettings}` |
//! | `updateSettings` | `{id, settings}` | `{success, settings}`; 20003 for an unknown option type, a status outside 0–14, no status, a day not `YYYY-MM-DD`, a negative or fractional ID |
//! | `getStatistics` | `{id}` | `{success, statistics: SyncStatistics}` |
//!
//! The practice Core1 really applies them: the orders it imports (counted in `statistics.orders`
//! once the connection is active) are the practice store's orders
//! ([`crate::bigcommerce::store_data`]) whose status is ticked, whose id is `ordersIdFrom` or
//! later (Actindo: "with an ID as of"), created on or after `ordersCreatedAfter` (from 00:00),
//! archived ones only with `importArchivedOrders`. The variant option type and
//! `onlyPushMappedAttributes` are kept and reported back.
//!
//! Statistics follow the run: nothing before the synchronization, the store's figures in
//! proportion while it runs, all of them once active — less the products a
//! [`crate::faults::Fault::ProductsLeftBehind`] left behind in that run (and their variants),
//! until a later run (`synchronize`) without the fault. Settings changes touch `updatedAt`.
//! Defaults of a new connection (assumed: Actindo documents the fields, not their defaults):
//! dropdown; statuses Awaiting Fulfillment (11), Awaiting Shipment (9), Awaiting Pickup (8) —
//! the orders ready to be fulfilled; no date or ID filter; no archived orders; all attributes
//! pushed (`onlyPushMappedAttributes: false`, the one default Actindo documents besides the
//! archived orders).

use super::channels::{invalid, ok_json, parse, unknown, view, Fail, Phase};
pub use super::model::{ConnectionSettings, StorefrontRef, SyncStatistics, VariantOptionType};
use crate::bigcommerce::store_data;
use crate::World;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::sync::Arc;

#[derive(Deserialize)]
struct IdReq {
    id: i64,
}

#[derive(Deserialize)]
struct UpdateReq {
    id: i64,
    settings: ConnectionSettings,
}

/// The three endpoints served here (routed by `super`, so `channels` needs no way back here).
pub(crate) const ENDPOINTS: [&str; 3] = [
    super::channels::GET_SETTINGS,
    super::channels::UPDATE_SETTINGS,
    super::channels::GET_STATISTICS,
];

/// One request to [`ENDPOINTS`], signed in as every connection endpoint is.
pub(crate) fn serve(
    world: &Arc<World>,
    ws: &str,
    endpoint: &str,
    headers: &axum::http::HeaderMap,
    body: &[u8],
) -> Response {
    if super::authenticate(world, ws, headers).is_none() {
        return super::not_logged_in();
    }
    handle(world, ws, endpoint, body).unwrap_or_else(axum::response::IntoResponse::into_response)
}

pub(crate) fn handle(
    world: &Arc<World>,
    ws: &str,
    endpoint: &str,
    body: &[u8],
) -> Result<Response, Fail> {
    match endpoint {
        super::channels::GET_SETTINGS => {
            let id = parse::<IdReq>(body)?.id;
            let s = settings(world, ws, id).ok_or_else(|| unknown(id))?;
            Ok(ok_json(json!({ "success": true, "settings": s })))
        }
        super::channels::UPDATE_SETTINGS => {
            let req = parse::<UpdateReq>(body)?;
            validate(&req.settings)?;
            let mut s = req.settings;
            s.order_statuses.sort_unstable();
            s.order_statuses.dedup();
            {
                let wall = world.wall_now();
                let mut st = world.state();
                let c = st
                    .core1
                    .get_mut(ws)
                    .and_then(|w| w.connections.get_mut(&req.id))
                    .ok_or_else(|| unknown(req.id))?;
                c.settings = s.clone();
                c.touch(wall);
            }
            Ok(ok_json(json!({ "success": true, "settings": s })))
        }
        _ => {
            let id = parse::<IdReq>(body)?.id;
            let s = statistics(world, ws, id).ok_or_else(|| unknown(id))?;
            Ok(ok_json(json!({ "success": true, "statistics": s })))
        }
    }
}

/// What `updateSettings` refuses (errno 20003) before it changes anything.
fn validate(s: &ConnectionSettings) -> Result<(), Fail> {
    if s.order_statuses.is_empty() || s.order_statuses.iter().any(|&id| id > 14) {
        return Err(invalid(
            "settings.orderStatuses must list BigCommerce status ids 0-14",
        ));
    }
    if let Some(d) = &s.orders_created_after {
        if store_data::parse_day(d).is_none() {
            return Err(invalid("settings.ordersCreatedAfter must be YYYY-MM-DD"));
        }
    }
    Ok(())
}

/// Connection `id`'s settings.
pub(crate) fn settings(world: &World, ws: &str, id: i64) -> Option<ConnectionSettings> {
    let st = world.state();
    Some(st.core1.get(ws)?.connections.get(&id)?.settings.clone())
}

/// The orders of the store that `s` lets Core1 import.
pub fn imported_orders(catalog: &crate::config::StoreCatalog, s: &ConnectionSettings) -> u32 {
    let after = s
        .orders_created_after
        .as_deref()
        .and_then(store_data::parse_day);
    store_data::all_orders(catalog)
        .filter(|o| s.order_statuses.contains(&o.status_id))
        .filter(|o| s.orders_id_from.is_none_or(|from| o.id >= from))
        .filter(|o| after.is_none_or(|after| o.created >= after))
        .filter(|o| s.import_archived_orders || !o.archived)
        .count() as u32
}

/// What connection `id` synchronized so far (see the module doc).
pub(crate) fn statistics(world: &World, ws: &str, id: i64) -> Option<SyncStatistics> {
    let view = view(world, ws, id)?;
    let (settings, left_behind) = {
        let st = world.state();
        let c = st.core1.get(ws)?.connections.get(&id)?;
        (c.settings.clone(), c.left_behind())
    };
    let store = world.config.store(&view.store_hash);
    let catalog = store.map(|s| s.catalog).unwrap_or_default();
    let part = |n: u32| -> u32 {
        if view.sync.total == 0 {
            return n;
        }
        ((u64::from(n) * u64::from(view.sync.done)) / u64::from(view.sync.total)) as u32
    };
    let synced = matches!(view.phase, Phase::Synchronizing | Phase::Active)
        || (view.phase == Phase::Failed && view.sync.done > 0)
        || (view.phase == Phase::Disabled && view.sync.done > 0);
    if !synced {
        return Some(SyncStatistics {
            products: 0,
            variants: 0,
            categories: 0,
            customers: 0,
            orders: 0,
            storefront: None,
        });
    }
    let done = view.sync.done >= view.sync.total;
    let behind = if done { left_behind } else { 0 };
    Some(SyncStatistics {
        products: part(catalog.products).saturating_sub(behind),
        variants: part(catalog.variants).saturating_sub(behind),
        categories: part(catalog.categories),
        customers: part(catalog.customers),
        orders: if view.phase == Phase::Active {
            imported_orders(&catalog, &settings)
        } else {
            0
        },
        storefront: store.map(|s| StorefrontRef {
            channel_id: 1,
            name: s.name.clone(),
        }),
    })
}

/// See [`crate::SandboxHandle::set_order_return_errors`].
pub(crate) fn set_order_return_errors(
    world: &World,
    ws: &str,
    id: i64,
    errors: bool,
) -> crate::Result<()> {
    let mut st = world.state();
    let c = st
        .core1
        .get_mut(ws)
        .and_then(|w| w.connections.get_mut(&id))
        .ok_or_else(|| crate::Error::UnknownWorkspace(format!("{ws} (connection {id})")))?;
    c.order_return_errors = errors;
    Ok(())
}

/// A connection's settings and statistics, as the control API shows them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    pub settings: ConnectionSettings,
    pub statistics: SyncStatistics,
}

/// See [`crate::SandboxHandle::applied_settings`].
pub(crate) fn applied(world: &World, ws: &str, id: i64) -> crate::Result<Applied> {
    let missing = || crate::Error::UnknownWorkspace(format!("{ws} (connection {id})"));
    Ok(Applied {
        settings: settings(world, ws, id).ok_or_else(missing)?,
        statistics: statistics(world, ws, id).ok_or_else(missing)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_decide_the_imported_orders() {
        let c = crate::config::StoreCatalog::default();
        let mut s = ConnectionSettings::default();
        assert_eq!(imported_orders(&c, &s), 21, "the awaiting-fulfillment half");
        s.order_statuses = vec![2, 11];
        assert_eq!(imported_orders(&c, &s), 42);
        s.orders_id_from = Some(130);
        assert_eq!(imported_orders(&c, &s), 13, "130 itself and later ones");
        s.orders_id_from = None;
        s.orders_created_after = Some("2024-02-01".into());
        assert_eq!(imported_orders(&c, &s), 42 - 17, "from 00:00 of that day");
        s.orders_created_after = None;
        s.order_statuses = vec![10];
        assert_eq!(imported_orders(&c, &s), 0);
        s.import_archived_orders = true;
        assert_eq!(imported_orders(&c, &s), 4);
    }
}
