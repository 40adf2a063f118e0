//! Core1: authorize → token → ping, and a connection through its lifecycle to active.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use serde_json::json;

const CREATE: &str = "Actindo.Modules.Actindo.Channels.Connections.create";
const PING: &str = "Actindo.CoreModules.Tools.TenantTest.ping";

#[tokio::test]
async fn sign_in_then_ping() {
    let sb = sandbox().await;
    let tokens = core1_sign_in(&sb, "acme").await;
    assert_eq!(
        tokens["token_type"], "bearer",
        "as Actindo's guide shows it"
    );
    assert_eq!(tokens["expires_in"], 3600);
    let access = tokens["access_token"].as_str().unwrap();
    let (status, body) = core1_call(&sb, "acme", PING, access, json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(body["success"], true, "{body}");
    assert_eq!(body["user"]["email"], "consultant@example.com");

    let (_, body) = core1_call(&sb, "acme", PING, "nope", json!({})).await;
    assert_eq!(body["success"], false);
    assert_eq!(body["errno"], 10000);
    // A token of one workspace does not open another.
    let (_, body) = core1_call(&sb, "practice", PING, access, json!({})).await;
    assert_eq!(body["errno"], 10000);
}

#[tokio::test]
async fn connection_reaches_active_with_counts() {
    let (sb, cb) = bc_world().await;
    let bc_token = bc_access_token(&sb, &cb).await;
    let tokens = core1_sign_in(&sb, "acme").await;
    let access = tokens["access_token"].as_str().unwrap();
    let (status, body) = core1_call(
        &sb,
        "acme",
        CREATE,
        access,
        json!({"connection": {"driver": "bigcommerce", "name": "Practice Store",
            "credentials": {"storeHash": "abc123", "accessToken": bc_token}}}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["success"], true, "{body}");
    let c = &body["connection"];
    assert_eq!(c["phase"], "created");
    assert_eq!(c["storeHash"], "abc123");
    assert!(c.get("credentials").is_none() && !body.to_string().contains(&bc_token));
    let id = c["id"].as_i64().unwrap();
    let active = wait_phase(&sb, "acme", access, id, "active").await;
    assert_eq!(active["credentialsValid"], true);
    assert_eq!(active["attributes"], json!({"done": 42, "total": 42}));
    assert_eq!(active["attributeSets"], json!({"done": 6, "total": 6}));
    assert_eq!(active["attributeGroups"], json!({"done": 9, "total": 9}));
    assert_eq!(active["sync"], json!({"done": 250, "total": 250}));
    assert_eq!(active["lastError"], serde_json::Value::Null);
}
