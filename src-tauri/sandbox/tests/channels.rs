//! Omni-Channel connections: the assumed contract, errnos and the lifecycle.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use serde_json::{json, Value};
use setup_sandbox::core1::channels::{Connection, Phase};
use setup_sandbox::SandboxConfig;
use std::time::Duration;

const P: &str = "Actindo.Modules.Actindo.Channels.Connections.";

impl World {
    async fn create(&self, hash: &str, token: &str) -> Value {
        self.call("create", json!({"connection": {"driver": "bigcommerce", "name": "Practice Store", "credentials": {"storeHash": hash, "accessToken": token}}})).await
    }
    async fn wait(&self, id: i64, phase: &str) -> Value {
        wait_phase(&self.sb, "acme", &self.core1, id, phase).await
    }
}

#[tokio::test]
async fn every_endpoint_needs_a_bearer() {
    let w = world().await;
    for op in [
        "create",
        "get",
        "list",
        "synchronize",
        "setEnabled",
        "updateCredentials",
    ] {
        let (status, v) =
            core1_call(&w.sb, "acme", &format!("{P}{op}"), "bad-token", json!({})).await;
        assert_eq!(status, 200);
        assert_eq!(
            v,
            json!({"success": false, "errno": 10000, "error": "Not logged in"}),
            "{op}"
        );
    }
}

#[tokio::test]
async fn responses_parse_into_the_contract_types() {
    let w = world().await;
    let created = w.create("abc123", &w.bc_token).await;
    let c: Connection = serde_json::from_value(created["connection"].clone()).unwrap();
    assert_eq!(c.phase, Phase::Created);
    assert_eq!(c.credentials_valid, None);
    assert!(c.enabled);
    assert_eq!(c.driver, "bigcommerce");
    assert!(time_ok(&c.created_at) && time_ok(&c.updated_at));
    let list = w.call("list", json!({})).await;
    let all: Vec<Connection> = serde_json::from_value(list["connections"].clone()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(w.sb.connections("acme").unwrap()[0].id, c.id);
    assert!(w.sb.connections("practice").unwrap().is_empty());
    assert!(w.sb.connections("nosuch").is_err());
}

fn time_ok(s: &str) -> bool {
    s.len() >= 20 && s.contains('T') && (s.ends_with('Z') || s.contains('+'))
}

#[tokio::test]
async fn lifecycle_goes_through_each_phase_with_progress() {
    let mut config = SandboxConfig::fast(Duration::from_millis(60));
    config.core1.lifecycle.synchronizing = Duration::from_millis(400);
    let w = world_with(config).await;
    let id = w.create("abc123", &w.bc_token).await["connection"]["id"]
        .as_i64()
        .unwrap();
    let checking = w.wait(id, "checking_credentials").await;
    assert_eq!(checking["credentialsValid"], Value::Null);
    let attrs = w.wait(id, "creating_attributes").await;
    assert_eq!(attrs["credentialsValid"], true);
    let syncing = w.wait(id, "synchronizing").await;
    assert_eq!(syncing["attributes"]["done"], 42);
    // Progress is visible during the sync.
    tokio::time::sleep(Duration::from_millis(150)).await;
    let mid = w.call("get", json!({"id": id})).await["connection"].clone();
    let done = mid["sync"]["done"].as_u64().unwrap();
    assert!(
        mid["phase"] == "synchronizing" && done > 0 && done < 250,
        "{mid}"
    );
    let active = w.wait(id, "active").await;
    assert_eq!(active["sync"], json!({"done": 250, "total": 250}));
}

#[tokio::test]
async fn duplicate_create_names_the_existing_id() {
    let w = world().await;
    let id = w.create("abc123", &w.bc_token).await["connection"]["id"]
        .as_i64()
        .unwrap();
    let dup = w.create("abc123", "another-token").await;
    assert_eq!(dup["success"], false);
    assert_eq!(dup["errno"], 20001);
    assert_eq!(dup["existingId"], id);
    assert!(dup["error"].as_str().unwrap().contains("already exists"));
}

#[tokio::test]
async fn a_bad_token_is_rejected_by_bigcommerce() {
    let w = world().await;
    let id = w.create("abc123", "not-a-real-token").await["connection"]["id"]
        .as_i64()
        .unwrap();
    let failed = w.wait(id, "failed").await;
    assert_eq!(failed["credentialsValid"], false);
    assert_eq!(failed["lastError"]["code"], "credentials_rejected");
    // synchronize cannot help: errno 20004 until the credentials are updated.
    let s = w.call("synchronize", json!({"id": id})).await;
    assert_eq!(s["errno"], 20004);
    // updateCredentials with a good token re-checks and runs to active.
    let u = w
        .call(
            "updateCredentials",
            json!({"id": id, "credentials": {"storeHash": "abc123", "accessToken": w.bc_token}}),
        )
        .await;
    assert_eq!(u["success"], true, "{u}");
    assert_eq!(u["connection"]["phase"], "created");
    let active = w.wait(id, "active").await;
    assert_eq!(active["credentialsValid"], true);
    assert_eq!(active["lastError"], Value::Null);
}

#[tokio::test]
async fn uninstalling_the_app_makes_the_next_check_fail() {
    let w = world().await;
    let id = w.create("abc123", &w.bc_token).await["connection"]["id"]
        .as_i64()
        .unwrap();
    w.wait(id, "active").await;
    w.sb.uninstall_app("abc123").unwrap();
    let u = w
        .call(
            "updateCredentials",
            json!({"id": id, "credentials": {"storeHash": "abc123", "accessToken": w.bc_token}}),
        )
        .await;
    assert_eq!(u["success"], true);
    let failed = w.wait(id, "failed").await;
    assert_eq!(failed["lastError"]["code"], "credentials_rejected");
}

#[tokio::test]
async fn synchronize_reruns_the_sync_only() {
    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    config.core1.lifecycle.synchronizing = Duration::from_millis(200);
    let w = world_with(config).await;
    let id = w.create("abc123", &w.bc_token).await["connection"]["id"]
        .as_i64()
        .unwrap();
    w.wait(id, "active").await;
    let s = w.call("synchronize", json!({"id": id})).await;
    let c = &s["connection"];
    assert_eq!(c["phase"], "synchronizing", "{s}");
    assert_eq!(c["attributes"]["done"], 42, "attributes are not re-created");
    assert!(c["sync"]["done"].as_u64().unwrap() < 250);
    w.wait(id, "active").await;
}

#[tokio::test]
async fn set_enabled_disables_and_enables() {
    let w = world().await;
    let id = w.create("abc123", &w.bc_token).await["connection"]["id"]
        .as_i64()
        .unwrap();
    w.wait(id, "active").await;
    let d = w
        .call("setEnabled", json!({"id": id, "enabled": false}))
        .await;
    assert_eq!(d["connection"]["phase"], "disabled");
    assert_eq!(d["connection"]["enabled"], false);
    let s = w.call("synchronize", json!({"id": id})).await;
    assert_eq!(
        s["errno"], 20003,
        "a disabled connection is not synchronized"
    );
    let e = w
        .call("setEnabled", json!({"id": id, "enabled": true}))
        .await;
    assert_eq!(e["connection"]["phase"], "active");
    assert_eq!(e["connection"]["enabled"], true);
}

#[tokio::test]
async fn unknown_ids_and_invalid_requests() {
    let w = world().await;
    for (op, body) in [
        ("get", json!({"id": 999})),
        ("synchronize", json!({"id": 999})),
        ("setEnabled", json!({"id": 999, "enabled": true})),
        (
            "updateCredentials",
            json!({"id": 999, "credentials": {"storeHash": "zz", "accessToken": "t"}}),
        ),
    ] {
        assert_eq!(w.call(op, body).await["errno"], 20002, "{op}");
    }
    for (op, body) in [
        ("get", json!({})),
        ("get", json!({"id": "seven"})),
        (
            "create",
            json!({"connection": {"driver": "shopify", "name": "x", "credentials": {"storeHash": "abc123", "accessToken": "t"}}}),
        ),
        (
            "create",
            json!({"connection": {"driver": "bigcommerce", "name": "", "credentials": {"storeHash": "abc123", "accessToken": "t"}}}),
        ),
        (
            "create",
            json!({"connection": {"driver": "bigcommerce", "name": "x", "credentials": {"storeHash": "", "accessToken": "t"}}}),
        ),
        (
            "create",
            json!({"connection": {"driver": "bigcommerce", "name": "x"}}),
        ),
        ("setEnabled", json!({"id": 1})),
        ("nonsense", json!({})),
    ] {
        let v = w.call(op, body).await;
        assert_eq!(v["errno"], 20003, "{op}: {v}");
        assert_eq!(v["success"], false);
    }
    // Not JSON at all.
    let resp = client()
        .post(format!("{}/{P}create", w.sb.core1_workspace_url("acme")))
        .bearer_auth(&w.core1)
        .body("{{{")
        .send()
        .await
        .unwrap();
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["errno"], 20003);
}

#[tokio::test]
async fn the_token_given_to_core1_is_in_the_ledger_but_never_echoed() {
    let w = world().await;
    let created = w.create("abc123", "some-manual-token-1234").await;
    assert!(!created.to_string().contains("some-manual-token-1234"));
    let list = w.call("list", json!({})).await;
    assert!(!list.to_string().contains("some-manual-token-1234"));
    assert!(w
        .sb
        .issued_secrets()
        .contains(&"some-manual-token-1234".to_owned()));
}

#[tokio::test]
async fn updated_at_changes_with_settings_and_credentials_only() {
    let mut config = SandboxConfig::fast(Duration::from_millis(60));
    config.core1.lifecycle.synchronizing = Duration::from_millis(200);
    let w = world_with(config).await;
    let created = w.create("abc123", &w.bc_token).await["connection"].clone();
    let id = created["id"].as_i64().unwrap();
    let at = created["updatedAt"].clone();
    // Phases advancing (and the sync running) leave it alone.
    for phase in [
        "checking_credentials",
        "creating_attributes",
        "synchronizing",
        "active",
    ] {
        assert_eq!(w.wait(id, phase).await["updatedAt"], at, "{phase}");
    }
    let s = w.call("synchronize", json!({"id": id})).await;
    assert_eq!(s["connection"]["updatedAt"], at, "a sync is not a change");
    assert_eq!(w.wait(id, "active").await["updatedAt"], at);

    // Settings and credentials change it.
    tokio::time::sleep(Duration::from_millis(2)).await;
    let d = w
        .call("setEnabled", json!({"id": id, "enabled": false}))
        .await;
    let disabled_at = d["connection"]["updatedAt"].clone();
    assert_ne!(disabled_at, at);
    tokio::time::sleep(Duration::from_millis(2)).await;
    let e = w
        .call("setEnabled", json!({"id": id, "enabled": true}))
        .await;
    let enabled_at = e["connection"]["updatedAt"].clone();
    assert_ne!(enabled_at, disabled_at);
    tokio::time::sleep(Duration::from_millis(2)).await;
    let u = w
        .call(
            "updateCredentials",
            json!({"id": id, "credentials": {"storeHash": "abc123", "accessToken": w.bc_token}}),
        )
        .await;
    let updated_at = u["connection"]["updatedAt"].clone();
    assert_ne!(updated_at, enabled_at);
    assert_eq!(w.wait(id, "active").await["updatedAt"], updated_at);
    assert_eq!(u["connection"]["createdAt"], created["createdAt"]);
}

#[tokio::test]
async fn a_revoked_token_fails_at_the_next_scheduled_import() {
    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    config.core1.lifecycle.scheduled_import = Duration::from_millis(500);
    let w = world_with(config).await;
    let id = w.create("abc123", &w.bc_token).await["connection"]["id"]
        .as_i64()
        .unwrap();
    let active = w.wait(id, "active").await;
    w.sb.uninstall_app("abc123").unwrap();
    // Still active until the import runs.
    let now = w.call("get", json!({"id": id})).await["connection"].clone();
    assert_eq!(now["phase"], "active", "{now}");
    let failed = w.wait(id, "failed").await;
    assert_eq!(failed["credentialsValid"], false);
    assert_eq!(failed["lastError"]["code"], "credentials_rejected");
    assert_eq!(failed["updatedAt"], active["updatedAt"]);
    let s = w.call("synchronize", json!({"id": id})).await;
    assert_eq!(s["errno"], 20004, "update the credentials first");
    // A new valid token repairs it.
    let fresh =
        w.sb.create_api_account("abc123", &["store_v2_information_read_only"])
            .unwrap();
    let u = w
        .call(
            "updateCredentials",
            json!({"id": id, "credentials": {"storeHash": "abc123", "accessToken": fresh.access_token}}),
        )
        .await;
    assert_eq!(u["success"], true);
    let active = w.wait(id, "active").await;
    assert_eq!(active["credentialsValid"], true);
    tokio::time::sleep(Duration::from_millis(600)).await;
    let still = w.call("get", json!({"id": id})).await["connection"].clone();
    assert_eq!(still["phase"], "active");
}

#[test]
fn the_scheduled_import_is_a_minute_by_default() {
    assert_eq!(
        SandboxConfig::default().core1.lifecycle.scheduled_import,
        Duration::from_secs(60)
    );
    assert_eq!(
        SandboxConfig::fast(Duration::from_millis(20))
            .core1
            .lifecycle
            .scheduled_import,
        Duration::from_millis(300)
    );
}
