//! The API resources a client probes, each behind its scope: 200 / 403 / 422 (400 for v2 orders,
//! 200 for an empty list of listings) as BigCommerce's documents say, with v2 and v3 error shapes
//! and the rate-limit headers.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use serde_json::{json, Value};
use setup_sandbox::SandboxHandle;

struct Probe {
    read: (&'static str, &'static str),
    write: (&'static str, &'static str, Value),
    modify: &'static str,
    read_only: &'static str,
    /// What the write answers with the modify scope.
    write_status: u16,
}

fn probes() -> Vec<Probe> {
    vec![
        Probe {
            read: ("GET", "v3/catalog/products?limit=1"),
            write: ("POST", "v3/catalog/products", json!({})),
            modify: "store_v2_products",
            read_only: "store_v2_products_read_only",
            write_status: 422,
        },
        Probe {
            read: ("GET", "v2/orders/count"),
            write: ("POST", "v2/orders", json!({})),
            modify: "store_v2_orders",
            read_only: "store_v2_orders_read_only",
            write_status: 400,
        },
        Probe {
            read: ("GET", "v3/inventory/items?limit=1"),
            write: ("PUT", "v3/inventory/adjustments/absolute", json!({})),
            modify: "store_inventory",
            read_only: "store_inventory_read_only",
            write_status: 422,
        },
        Probe {
            read: ("GET", "v3/channels"),
            write: ("POST", "v3/channels", json!({})),
            modify: "store_channel_settings",
            read_only: "store_channel_settings_read_only",
            write_status: 422,
        },
        Probe {
            read: ("GET", "v3/channels/1/listings?limit=1"),
            write: ("POST", "v3/channels/1/listings", json!([])),
            modify: "store_channel_listings",
            read_only: "store_channel_listings_read_only",
            // An empty array is a valid request (`reference/channels.v3.yml`): nothing created.
            write_status: 200,
        },
    ]
}

async fn call(
    sb: &SandboxHandle,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let url = format!("{}/stores/abc123/{path}", sb.bc_api_base());
    let mut req = client()
        .request(method.parse().unwrap(), url)
        .header("X-Auth-Token", token)
        .header("Accept", "application/json");
    if let Some(b) = body {
        req = req.json(b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let text = resp.text().await.unwrap();
    (
        status,
        headers,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

fn assert_error_shape(path: &str, status: u16, body: &Value) {
    if path.starts_with("v2/") {
        assert_eq!(body[0]["status"], status, "{path}: {body}");
        assert!(body[0]["message"].is_string(), "{path}: {body}");
    } else {
        assert_eq!(body["status"], status, "{path}: {body}");
        assert!(body["title"].is_string(), "{path}: {body}");
    }
}

#[tokio::test]
async fn each_probe_answers_by_scope() {
    let sb = sandbox().await;
    for p in probes() {
        let modify = sb.create_api_account("abc123", &[p.modify]).unwrap();
        let read_only = sb.create_api_account("abc123", &[p.read_only]).unwrap();
        let none = sb.create_api_account("abc123", &[]).unwrap();
        let (m, path) = p.read;
        for (who, token, status) in [
            ("modify", &modify.access_token, 200),
            ("read-only", &read_only.access_token, 200),
            ("none", &none.access_token, 403),
        ] {
            let (got, headers, body) = call(&sb, m, path, token, None).await;
            assert_eq!(got, status, "{path} with {who}: {body}");
            assert!(headers.contains_key("x-rate-limit-requests-left"), "{path}");
            if status == 403 {
                assert_error_shape(path, 403, &body);
            }
        }
        let (m, path, body) = &p.write;
        for (who, token, status) in [
            ("modify", &modify.access_token, p.write_status),
            ("read-only", &read_only.access_token, 403),
            ("none", &none.access_token, 403),
        ] {
            let (got, headers, answer) = call(&sb, m, path, token, Some(body)).await;
            assert_eq!(got, status, "{m} {path} with {who}: {answer}");
            assert!(headers.contains_key("x-rate-limit-requests-quota"));
            if status == 200 {
                assert_eq!(answer, json!({"data": [], "meta": {}}), "{path}");
            } else {
                assert_error_shape(path, status, &answer);
            }
        }
    }
}

#[tokio::test]
async fn the_counts_match_the_practice_store() {
    let sb = sandbox().await;
    let all = [
        "store_v2_products_read_only",
        "store_v2_orders_read_only",
        "store_v2_customers_read_only",
        "store_inventory_read_only",
        "store_channel_settings_read_only",
        "store_channel_listings_read_only",
    ];
    let t = sb.create_api_account("abc123", &all).unwrap().access_token;
    let catalog = sb.config().store("abc123").unwrap().catalog;
    assert_eq!(
        catalog.products,
        sb.config().core1.lifecycle.products,
        "the initial sync imports the store's products"
    );

    let (_, _, v) = call(&sb, "GET", "v3/catalog/products?limit=1", &t, None).await;
    assert_eq!(v["data"].as_array().unwrap().len(), 1);
    assert_eq!(v["meta"]["pagination"]["total"], catalog.products);
    assert_eq!(v["meta"]["pagination"]["per_page"], 1);
    assert!(v["data"][0]["name"].is_string());
    let (_, _, v) = call(&sb, "GET", "v3/catalog/summary", &t, None).await;
    assert_eq!(v["data"]["variant_count"], catalog.variants);
    let (_, _, v) = call(&sb, "GET", "v2/orders/count", &t, None).await;
    assert_eq!(v["count"], catalog.orders);
    let (_, _, v) = call(&sb, "GET", "v3/customers?limit=1", &t, None).await;
    assert_eq!(v["meta"]["pagination"]["total"], catalog.customers);
    assert_eq!(v["data"].as_array().unwrap().len(), 1);
    let (_, _, v) = call(&sb, "GET", "v3/inventory/items?limit=1", &t, None).await;
    assert_eq!(v["meta"]["pagination"]["total"], catalog.variants);
    let (_, _, v) = call(&sb, "GET", "v3/channels", &t, None).await;
    let ch = &v["data"][0];
    assert_eq!(ch["id"], 1);
    assert_eq!(ch["name"], "Practice Store");
    assert_eq!(ch["type"], "storefront");
    assert_eq!(ch["platform"], "bigcommerce");
    assert_eq!(v["meta"]["pagination"]["total"], 1);
    let (_, _, v) = call(&sb, "GET", "v3/channels/1/listings?limit=1", &t, None).await;
    assert_eq!(v["meta"]["pagination"]["total"], catalog.products);
    let (status, _, v) = call(&sb, "GET", "v3/channels/7/listings", &t, None).await;
    assert_eq!(
        status, 400,
        "an unknown channel: 'Invalid channel ID is provided.'"
    );
    assert_error_shape("v3/", 400, &v);
    let (_, _, v) = call(&sb, "GET", "v2/orders?limit=2", &t, None).await;
    assert_eq!(v.as_array().unwrap().len(), 2);
    // Pages past the end are empty.
    let (_, _, v) = call(&sb, "GET", "v3/catalog/products?limit=250&page=9", &t, None).await;
    assert!(v["data"].as_array().unwrap().is_empty());
    // Products read-only also reads the summary; no store information scope, no /v2/store.
    let (status, _, _) = call(&sb, "GET", "v2/store", &t, None).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn unknown_tokens_paths_and_methods() {
    let sb = sandbox().await;
    for path in ["v3/catalog/products", "v2/orders/count", "v3/nothing"] {
        let (status, headers, body) = call(&sb, "GET", path, "not-a-token", None).await;
        assert_eq!(status, 401, "{path}");
        assert!(!headers.contains_key("x-rate-limit-requests-left"));
        assert_error_shape(path, 401, &body);
    }
    let t = sb
        .create_api_account("abc123", &["store_v2_products"])
        .unwrap()
        .access_token;
    let (status, _, body) = call(&sb, "GET", "v3/nothing/here", &t, None).await;
    assert_eq!(status, 404);
    assert_error_shape("v3/", 404, &body);
    let (status, _, _) = call(&sb, "DELETE", "v3/catalog/summary", &t, None).await;
    assert_eq!(status, 405);
    let (status, _, _) = call(&sb, "POST", "v2/store", &t, None).await;
    assert_eq!(status, 405);
    // A body that is not JSON is a 400; a complete one still changes nothing.
    let url = format!("{}/stores/abc123/v3/catalog/products", sb.bc_api_base());
    let resp = client()
        .post(&url)
        .header("X-Auth-Token", &t)
        .body("{{")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let full = json!({"name": "x", "type": "physical", "weight": 1, "price": 2});
    let (status, _, body) = call(&sb, "POST", "v3/catalog/products", &t, Some(&full)).await;
    assert_eq!(status, 422);
    assert!(
        body["title"].as_str().unwrap().contains("read-only"),
        "{body}"
    );
    let (_, _, v) = call(&sb, "GET", "v3/catalog/products?limit=1", &t, None).await;
    assert_eq!(v["meta"]["pagination"]["total"], 250, "nothing was created");
}

#[tokio::test]
async fn the_connector_token_passes_every_probe_it_needs() {
    let sb = sandbox().await;
    connect_acme(&sb).await;
    // The connector's token is the connection's; find it among the ledger's access tokens.
    let token = sb
        .issued_secrets_by_kind()
        .into_iter()
        .find(|(k, s)| *k == setup_sandbox::SecretKind::AccessToken && s.len() == 31)
        .unwrap()
        .1;
    for p in probes() {
        let (m, path) = p.read;
        assert_eq!(call(&sb, m, path, &token, None).await.0, 200, "{path}");
        let (m, path, body) = &p.write;
        assert_eq!(
            call(&sb, m, path, &token, Some(body)).await.0,
            p.write_status,
            "{path}"
        );
    }
    assert_eq!(call(&sb, "GET", "v3/customers", &token, None).await.0, 200);
    let (status, _, _) = call(&sb, "GET", "v2/store", &token, None).await;
    assert_eq!(status, 200);
}

async fn connect_acme(sb: &SandboxHandle) {
    let out = setup_sandbox::robot::run(&sb.marketplace_url(), &road1_options(sb, "acme"))
        .await
        .unwrap();
    assert_eq!(
        out.stop,
        setup_sandbox::robot::RobotStop::ConnectorConnected,
        "{out:?}"
    );
}
