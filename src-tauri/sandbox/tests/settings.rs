//! The assumed `getSettings` / `updateSettings` / `getStatistics` over HTTP: defaults, what is
//! refused (as the core's contract module expects), the order import really filtered, products
//! left behind until a later run; the store's categories, storefronts and orders that the counts
//! read; the control API's view of it.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use serde_json::{json, Value};
use setup_sandbox::Fault;
use std::time::Duration;

const P: &str = "Actindo.Modules.Actindo.Channels.Connections.";

impl World {
    async fn active_connection(&self) -> i64 {
        let c = self.call("create", json!({"connection": {"driver": "bigcommerce", "name": "Practice Store", "credentials": {"storeHash": "abc123", "accessToken": self.bc_token}}})).await;
        let id = c["connection"]["id"].as_i64().unwrap();
        wait_phase(&self.sb, "acme", &self.core1, id, "active").await;
        id
    }
    async fn v3(&self, path: &str) -> (u16, Value) {
        let r = client()
            .get(format!("{}/stores/abc123/v3/{path}", self.sb.bc_api_base()))
            .header("X-Auth-Token", &self.bc_token)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
    }
}

fn settings(statuses: Value, after: Value, from: Value) -> Value {
    json!({"variantOptionType": "rectangles", "orderStatuses": statuses, "ordersCreatedAfter": after, "ordersIdFrom": from, "importArchivedOrders": false, "onlyPushMappedAttributes": true})
}

#[tokio::test]
async fn settings_defaults_refusals_and_the_filtered_import() {
    let w = world().await;
    for op in ["getSettings", "updateSettings", "getStatistics"] {
        let (_, v) = core1_call(&w.sb, "acme", &format!("{P}{op}"), "bad", json!({})).await;
        assert_eq!(v["errno"], 10000, "{op}");
    }
    let id = w.active_connection().await;
    let got = w.call("getSettings", json!({"id": id})).await;
    assert_eq!(
        got["settings"],
        json!({"variantOptionType": "dropdown", "orderStatuses": [8, 9, 11], "ordersCreatedAfter": null, "ordersIdFrom": null, "importArchivedOrders": false, "onlyPushMappedAttributes": false})
    );
    let stats = w.call("getStatistics", json!({"id": id})).await;
    assert_eq!(stats["statistics"]["orders"], 21);
    assert_eq!(stats["statistics"]["products"], 250);
    assert_eq!(stats["statistics"]["storefront"]["channelId"], 1);

    for bad in [
        json!({"id": id, "settings": {"variantOptionType": "swatches", "orderStatuses": [11], "importArchivedOrders": false}}),
        json!({"id": id, "settings": settings(json!([15]), json!(null), json!(null))}),
        json!({"id": id, "settings": settings(json!([]), json!(null), json!(null))}),
        json!({"id": id, "settings": settings(json!([11]), json!("2024-02-30"), json!(null))}),
        json!({"id": id, "settings": settings(json!([11]), json!(null), json!(-1))}),
        json!({"id": id, "settings": settings(json!([11]), json!(null), json!(1.5))}),
    ] {
        let v = w.call("updateSettings", bad.clone()).await;
        assert_eq!(v["errno"], 20003, "{bad}");
    }
    let v = w
        .call(
            "updateSettings",
            json!({"id": id + 99, "settings": settings(json!([11]), json!(null), json!(null))}),
        )
        .await;
    assert_eq!(v["errno"], 20002);
    let before = w.call("get", json!({"id": id})).await["connection"]["updatedAt"].clone();
    tokio::time::sleep(Duration::from_millis(5)).await;

    let v = w
        .call(
            "updateSettings",
            json!({"id": id, "settings": settings(json!([11, 2, 2]), json!("2024-02-01"), json!(120))}),
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    assert_eq!(v["settings"]["orderStatuses"], json!([2, 11]));
    let after = w.call("get", json!({"id": id})).await["connection"]["updatedAt"].clone();
    assert_ne!(before, after, "a settings change touches updatedAt");
    // From 1 February (ids 118…) and from order 120 on (inclusive, as Actindo's "as of"):
    // ids 120–142.
    let applied = w.sb.applied_settings("acme", id).unwrap();
    assert_eq!(applied.statistics.orders, 23);
    assert!(applied.settings.only_push_mapped_attributes, "kept");
    let over_http: Value = client()
        .get(format!(
            "{}/__sandbox/core1/acme/connections/{id}/settings",
            w.sb.base_url()
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(over_http["statistics"]["orders"], 23);
    assert_eq!(over_http["settings"]["variantOptionType"], "rectangles");
}

#[tokio::test]
async fn products_left_behind_until_a_later_run() {
    let w = world().await;
    w.sb.set_fault(
        Fault::ProductsLeftBehind {
            workspace: None,
            products: 4,
        },
        Some(1),
    );
    let id = w.active_connection().await;
    let s = w.call("getStatistics", json!({"id": id})).await["statistics"].clone();
    assert_eq!(
        (s["products"].as_u64(), s["variants"].as_u64()),
        (Some(246), Some(306))
    );
    w.call("synchronize", json!({"id": id})).await;
    wait_phase(&w.sb, "acme", &w.core1, id, "active").await;
    let s = w.call("getStatistics", json!({"id": id})).await["statistics"].clone();
    assert_eq!(s["products"], 250);
}

#[tokio::test]
async fn the_store_counts_categories_storefronts_and_dated_orders() {
    let w = world().await;
    let (status, v) = w.v3("catalog/categories?limit=1").await;
    assert_eq!(status, 200);
    assert_eq!(v["meta"]["pagination"]["total"], 6);
    let (status, v) = w.v3("catalog/trees/categories?limit=1").await;
    assert_eq!(status, 200);
    assert_eq!(v["meta"]["pagination"]["total"], 6);
    assert_eq!(v["data"][0]["tree_id"], 1);
    let (_, v) = w.v3("channels").await;
    assert_eq!(v["data"].as_array().unwrap().len(), 1);
    let store: Value = bc_get(&w.sb, "abc123", "store", &w.bc_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        store["features"]["multi_storefront_enabled"], false,
        "a single-storefront store by default"
    );
    assert_eq!(store["features"]["storefront_limits"]["active"], 1);

    // Switched at run time, over the control API.
    let r = client()
        .post(format!(
            "{}/__sandbox/bigcommerce/stores/abc123/storefronts",
            w.sb.base_url()
        ))
        .json(&json!({"count": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (_, v) = w.v3("channels").await;
    let names: Vec<&str> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Practice Store", "Practice Store 2"]);
    let store: Value = bc_get(&w.sb, "abc123", "store", &w.bc_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(store["features"]["multi_storefront_enabled"], true);
    assert_eq!(store["features"]["storefront_limits"]["active"], 2);
    assert!(w.sb.set_storefronts("nope", 2).is_err());
    // Other channels: an archived storefront and one without a type, over the control API too.
    let r = client()
        .post(format!(
            "{}/__sandbox/bigcommerce/stores/abc123/channels",
            w.sb.base_url()
        ))
        .json(&json!({"name": "Old shop", "type": "storefront", "status": "archived"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let id =
        w.sb.add_channel("abc123", "No type", None, "active")
            .unwrap();
    let (_, v) = w.v3("channels").await;
    assert_eq!(v["meta"]["pagination"]["total"], 4);
    assert_eq!(v["data"][2]["status"], "archived");
    assert_eq!(v["data"][3]["id"], id);
    assert!(v["data"][3].get("type").is_none());
    let store: Value = bc_get(&w.sb, "abc123", "store", &w.bc_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(store["features"]["storefront_limits"]["active"], 2);
    assert_eq!(
        store["features"]["storefront_limits"]["total_including_inactive"],
        3
    );

    let orders: Value = bc_get(&w.sb, "abc123", "orders?limit=2", &w.bc_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(orders[0]["status_id"], 11);
    assert_eq!(orders[1]["status_id"], 2);
    assert_eq!(orders[1]["date_created"], "Tue, 16 Jan 2024 10:00:00 +0000");
    assert_eq!(orders[0]["is_deleted"], false);
}
