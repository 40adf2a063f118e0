//! BigCommerce: install through the robot, token exchange, and the API with that token.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;

#[tokio::test]
async fn full_install_gives_a_token_that_reads_the_store() {
    let (sb, cb) = bc_world().await;
    let q = bc_install(&sb, &cb).await;
    assert_eq!(q["context"], "stores/abc123");
    assert!(q["scope"].contains("store_v2_information_read_only"));
    assert!(!q.contains_key("state"));
    assert_eq!(
        q["account_uuid"],
        sb.config().store("abc123").unwrap().account_uuid
    );

    let (status, body) = bc_token_request(&sb, &bc_token_body(&sb, &cb, &q)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["context"], "stores/abc123");
    assert_eq!(body["user"]["email"], "merchant@example.com");
    assert_eq!(body["owner"]["id"], 1001);
    assert_eq!(body["scope"], q["scope"]);
    let token = body["access_token"].as_str().unwrap();

    let resp = bc_get(&sb, "abc123", "store", token).await;
    assert_eq!(resp.status(), 200);
    let store: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(store["name"], "Practice Store");
    assert_eq!(store["plan_name"], "Plus");
    assert_eq!(store["status"], "live");
    assert_eq!(store["id"], "abc123");
    assert!(store["secure_url"]
        .as_str()
        .unwrap()
        .starts_with("https://"));

    let secrets = sb.issued_secrets();
    assert!(secrets.contains(&token.to_owned()));
    assert!(secrets.contains(&q["code"]));
    sb.shutdown().await;
}
