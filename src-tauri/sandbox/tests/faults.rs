//! Every fault switch does what it says.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use serde_json::{json, Value};
use setup_sandbox::robot::{self, RobotOptions};
use setup_sandbox::{Area, Fault, SandboxConfig, SandboxHandle};
use std::time::{Duration, Instant};

const PING: &str = "Actindo.CoreModules.Tools.TenantTest.ping";
const CREATE: &str = "Actindo.Modules.Actindo.Channels.Connections.create";

async fn status_of(url: &str) -> u16 {
    client().get(url).send().await.unwrap().status().as_u16()
}

#[test]
fn faults_have_a_stable_json_shape() {
    let f = Fault::ServerError {
        status: 503,
        area: Some(Area::BcApi),
        path_contains: None,
    };
    assert_eq!(
        serde_json::to_value(&f).unwrap(),
        json!({"kind": "server_error", "status": 503, "area": "bc-api", "path_contains": null})
    );
    let parsed: Fault = serde_json::from_value(json!({"kind": "latency", "ms": 5})).unwrap();
    assert_eq!(parsed, Fault::Latency { ms: 5, area: None });
    let parsed: Fault = serde_json::from_value(json!({"kind": "server_error"})).unwrap();
    assert_eq!(
        parsed,
        Fault::ServerError {
            status: 500,
            area: None,
            path_contains: None
        }
    );
    let parsed: Fault =
        serde_json::from_value(json!({"kind": "frozen", "workspace": "acme"})).unwrap();
    assert_eq!(
        parsed,
        Fault::Frozen {
            workspace: "acme".into()
        }
    );
}

#[tokio::test]
async fn latency_delays_only_its_area_and_counts_down() {
    let sb = sandbox().await;
    sb.set_fault(
        Fault::Latency {
            ms: 300,
            area: Some(Area::BcLogin),
        },
        Some(1),
    );
    let login = format!("{}/login", sb.bc_login_base());
    let core1 = sb.core1_workspace_url("acme");
    let t = Instant::now();
    assert_eq!(status_of(&core1).await, 200);
    assert!(
        t.elapsed() < Duration::from_millis(300),
        "other areas are not delayed"
    );
    let t = Instant::now();
    assert_eq!(status_of(&login).await, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    let t = Instant::now();
    status_of(&login).await;
    assert!(
        t.elapsed() < Duration::from_millis(300),
        "count of 1 used up"
    );
    assert!(sb.faults().is_empty());
}

#[tokio::test]
async fn server_error_on_a_chosen_route() {
    let (sb, cb) = bc_world().await;
    let q = bc_install(&sb, &cb).await;
    sb.set_fault(
        Fault::ServerError {
            status: 503,
            area: Some(Area::BcLogin),
            path_contains: Some("/oauth2/token".into()),
        },
        Some(1),
    );
    assert_eq!(
        status_of(&format!("{}/login", sb.bc_login_base())).await,
        200,
        "other routes untouched"
    );
    let body = bc_token_body(&sb, &cb, &q);
    let resp = client()
        .post(format!("{}/oauth2/token", sb.bc_login_base()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 503);
    // The 5xx did not spend the code: the retry works.
    assert_eq!(bc_token_request(&sb, &body).await.0, 200);
}

#[tokio::test]
async fn server_error_everywhere_until_cleared() {
    let sb = sandbox().await;
    sb.set_fault(
        Fault::ServerError {
            status: 500,
            area: None,
            path_contains: None,
        },
        None,
    );
    for url in [
        sb.core1_workspace_url("acme"),
        format!("{}/login", sb.bc_login_base()),
        format!("{}/stores/abc123/v2/time", sb.bc_api_base()),
    ] {
        assert_eq!(status_of(&url).await, 500, "{url}");
    }
    assert_eq!(
        status_of(&format!("{}/faults", sb.control_url())).await,
        200,
        "control API never faulted"
    );
    sb.clear_faults();
    assert_eq!(status_of(&sb.core1_workspace_url("acme")).await, 200);
}

#[tokio::test]
async fn too_many_requests_with_and_without_headers() {
    let (sb, cb) = bc_world().await;
    let token = bc_access_token(&sb, &cb).await;
    sb.set_fault(
        Fault::TooManyRequests {
            area: Some(Area::BcApi),
            with_headers: true,
            retry_after_s: None,
            reset_ms: 750,
        },
        Some(1),
    );
    let resp = bc_get(&sb, "abc123", "store", &token).await;
    assert_eq!(resp.status(), 429);
    assert_eq!(resp.headers()["x-rate-limit-time-reset-ms"], "750");
    assert_eq!(resp.headers()["x-rate-limit-requests-left"], "0");
    sb.set_fault(
        Fault::TooManyRequests {
            area: Some(Area::BcApi),
            with_headers: false,
            retry_after_s: None,
            reset_ms: 750,
        },
        Some(1),
    );
    let resp = bc_get(&sb, "abc123", "store", &token).await;
    assert_eq!(resp.status(), 429);
    assert!(resp
        .headers()
        .keys()
        .all(|k| !k.as_str().starts_with("x-rate-limit")));
    assert_eq!(bc_get(&sb, "abc123", "store", &token).await.status(), 200);
}

#[tokio::test]
async fn frozen_workspace_answers_530_everywhere_until_unfrozen() {
    let sb = sandbox().await;
    let tokens = core1_sign_in(&sb, "acme").await;
    let access = tokens["access_token"].as_str().unwrap();
    sb.freeze("acme", true).unwrap();
    assert_eq!(status_of(&sb.core1_workspace_url("acme")).await, 530);
    assert_eq!(
        core1_call(&sb, "acme", PING, access, json!({})).await.0,
        530
    );
    assert_eq!(
        core1_call(&sb, "acme", CREATE, access, json!({})).await.0,
        530
    );
    let (s, _) = core1_call(
        &sb,
        "acme",
        "Actindo.CoreModules.Auth.OAuth2Token.getAccessToken",
        access,
        json!({}),
    )
    .await;
    assert_eq!(s, 530);
    assert_eq!(
        status_of(&sb.core1_workspace_url("practice")).await,
        200,
        "other workspaces run"
    );
    assert!(sb.freeze("nosuch", true).is_err());
    sb.freeze("acme", false).unwrap();
    assert_eq!(
        core1_call(&sb, "acme", PING, access, json!({})).await.1["success"],
        true
    );
    // The same through the fault enum, for one request.
    sb.set_fault(
        Fault::Frozen {
            workspace: "acme".into(),
        },
        Some(1),
    );
    assert_eq!(status_of(&sb.core1_workspace_url("acme")).await, 530);
    assert_eq!(status_of(&sb.core1_workspace_url("acme")).await, 200);
}

#[tokio::test]
async fn dropped_connection_closes_without_a_response() {
    let (sb, cb) = bc_world().await;
    let token = bc_access_token(&sb, &cb).await;
    sb.set_fault(
        Fault::DropConnection {
            area: Some(Area::BcApi),
            path_contains: None,
        },
        Some(1),
    );
    let err = client()
        .get(format!("{}/stores/abc123/v2/store", sb.bc_api_base()))
        .header("X-Auth-Token", &token)
        .send()
        .await
        .unwrap_err();
    assert!(!err.is_timeout() && err.status().is_none(), "{err:?}");
    assert_eq!(
        bc_get(&sb, "abc123", "store", &token).await.status(),
        200,
        "the sandbox lives on"
    );
}

#[tokio::test]
async fn slow_body_trickles_but_arrives_whole() {
    let (sb, cb) = bc_world().await;
    let token = bc_access_token(&sb, &cb).await;
    let normal: Value = bc_get(&sb, "abc123", "store", &token)
        .await
        .json()
        .await
        .unwrap();
    let len = serde_json::to_vec(&normal).unwrap().len();
    sb.set_fault(
        Fault::SlowBody {
            area: Some(Area::BcApi),
            chunk_delay_ms: 25,
            chunk_bytes: 400,
        },
        Some(1),
    );
    let t = Instant::now();
    let resp = bc_get(&sb, "abc123", "store", &token).await;
    let headers_after = t.elapsed();
    let slow: Value = resp.json().await.unwrap();
    let chunks = len.div_ceil(400) as u32;
    assert!(
        t.elapsed() >= Duration::from_millis(25) * chunks,
        "{:?} for {chunks} chunks",
        t.elapsed()
    );
    assert!(headers_after < t.elapsed());
    assert_eq!(slow, normal);
}

#[tokio::test]
async fn endless_body_never_ends_and_can_announce_a_huge_length() {
    let sb = sandbox().await;
    sb.set_fault(
        Fault::EndlessBody {
            area: Some(Area::BcApi),
            path_contains: None,
            declared_length: None,
            chunk_bytes: 4096,
            chunk_delay_ms: 1,
        },
        Some(1),
    );
    let mut resp = client()
        .get(format!("{}/stores/abc123/v2/store", sb.bc_api_base()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.content_length(), None, "streamed, no length");
    let mut got = 0usize;
    while got < 256 * 1024 {
        got += resp.chunk().await.unwrap().expect("the body goes on").len();
    }
    drop(resp);

    sb.set_fault(
        Fault::EndlessBody {
            area: Some(Area::Core1),
            path_contains: Some("ping".into()),
            declared_length: Some(1 << 40),
            chunk_bytes: 0,
            chunk_delay_ms: 1,
        },
        Some(1),
    );
    let resp = client()
        .post(format!("{}/{PING}", sb.core1_workspace_url("acme")))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.content_length(), Some(1 << 40));
    let parsed: Fault = serde_json::from_value(json!({"kind": "endless_body"})).unwrap();
    assert!(matches!(
        parsed,
        Fault::EndlessBody {
            declared_length: None,
            chunk_bytes: 65536,
            chunk_delay_ms: 1,
            ..
        }
    ));
}

#[tokio::test]
async fn consent_denied_turns_confirm_into_cancel_per_area() {
    let (sb, cb) = bc_world().await;
    sb.set_fault(
        Fault::ConsentDenied {
            area: Some(Area::Core1),
        },
        None,
    );
    bc_install(&sb, &cb).await;
    assert!(
        cb.last().contains_key("code"),
        "BigCommerce is not affected"
    );
    let core1_cb = Callback::start("/core1/callback").await;
    robot(&core1_authorize_url(&sb, "acme", &core1_cb.url, "s1", "ch")).await;
    assert_eq!(core1_cb.last()["error"], "access_denied");
    assert_eq!(core1_cb.last()["state"], "s1");
    sb.clear_faults();
    sb.set_fault(Fault::ConsentDenied { area: None }, Some(1));
    let q = bc_install(&sb, &cb).await;
    assert_eq!(q["error"], "access_denied");
    assert!(!q.contains_key("code"));
}

#[tokio::test]
async fn wrong_and_missing_state() {
    let (sb, cb) = bc_world().await;
    let url = format!(
        "{}/oauth2/authorize?{}",
        sb.bc_login_base(),
        serde_urlencoded::to_string([
            ("response_type", "code"),
            ("client_id", &sb.config().bigcommerce.app.client_id),
            ("redirect_uri", &cb.url),
            ("state", "original")
        ])
        .unwrap()
    );
    sb.set_fault(
        Fault::WrongState {
            area: Some(Area::BcLogin),
        },
        Some(1),
    );
    robot(&url).await;
    let q = cb.last();
    assert!(q["state"] != "original" && !q["state"].is_empty());
    sb.set_fault(
        Fault::MissingState {
            area: Some(Area::BcLogin),
        },
        Some(1),
    );
    robot(&url).await;
    assert!(!cb.last().contains_key("state"));
    robot(&url).await;
    assert_eq!(cb.last()["state"], "original", "faults used up");

    let core1_cb = Callback::start("/core1/callback").await;
    sb.set_fault(
        Fault::WrongState {
            area: Some(Area::Core1),
        },
        Some(1),
    );
    robot(&core1_authorize_url(
        &sb,
        "acme",
        &core1_cb.url,
        "orig",
        "ch",
    ))
    .await;
    assert_ne!(core1_cb.last()["state"], "orig");
    sb.set_fault(Fault::MissingState { area: None }, Some(1));
    robot(&core1_authorize_url(
        &sb,
        "acme",
        &core1_cb.url,
        "orig",
        "ch",
    ))
    .await;
    assert!(!core1_cb.last().contains_key("state"));
    assert!(core1_cb.last().contains_key("code"));
}

#[tokio::test]
async fn revoked_bc_token_per_store_and_count() {
    let (sb, cb) = bc_world().await;
    let token = bc_access_token(&sb, &cb).await;
    sb.set_fault(
        Fault::RevokedBcToken {
            store_hash: Some("def456".into()),
        },
        None,
    );
    assert_eq!(
        bc_get(&sb, "abc123", "store", &token).await.status(),
        200,
        "other store's fault"
    );
    sb.clear_faults();
    sb.set_fault(Fault::RevokedBcToken { store_hash: None }, Some(2));
    assert_eq!(bc_get(&sb, "abc123", "store", &token).await.status(), 401);
    assert_eq!(bc_get(&sb, "abc123", "time", &token).await.status(), 401);
    assert_eq!(bc_get(&sb, "abc123", "store", &token).await.status(), 200);
}

#[tokio::test]
async fn expired_and_replayed_refresh_token_faults() {
    let sb = sandbox().await;
    let tokens = core1_sign_in(&sb, "acme").await;
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let cid = CORE1_CLIENT_ID.to_owned();
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh),
        ("client_id", cid.as_str()),
        ("client_secret", SECRET),
    ];
    sb.set_fault(
        Fault::ExpiredRefreshToken {
            workspace: Some("acme".into()),
        },
        Some(1),
    );
    let (s, e) = core1_token_request(&sb, "acme", &form).await;
    assert_eq!((s, e["error"].as_str().unwrap()), (400, "invalid_grant"));
    assert!(e["error_description"].as_str().unwrap().contains("expired"));
    sb.set_fault(Fault::ReplayedRefreshToken { workspace: None }, Some(1));
    let (s, e) = core1_token_request(&sb, "acme", &form).await;
    assert_eq!((s, e["error"].as_str().unwrap()), (400, "invalid_grant"));
    assert!(e["error_description"]
        .as_str()
        .unwrap()
        .contains("already been used"));
    // Faults spent: the (unspent) refresh token still works.
    assert_eq!(core1_token_request(&sb, "acme", &form).await.0, 200);
    // A fault for another workspace does not apply.
    sb.set_fault(
        Fault::ExpiredRefreshToken {
            workspace: Some("practice".into()),
        },
        None,
    );
    let tokens = core1_sign_in(&sb, "acme").await;
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
        ("client_id", cid.as_str()),
        ("client_secret", SECRET),
    ];
    assert_eq!(core1_token_request(&sb, "acme", &form).await.0, 200);
}

async fn connection_world(config: SandboxConfig) -> (SandboxHandle, String, String) {
    let sb = sandbox_with(config).await;
    let cb = Callback::start("/bigcommerce/callback").await;
    sb.register_bc_callback(&cb.url);
    let bc = bc_access_token(&sb, &cb).await;
    let core1 = core1_sign_in(&sb, "acme").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    (sb, bc, core1)
}

async fn create(sb: &SandboxHandle, core1: &str, bc: &str) -> i64 {
    let body = json!({"connection": {"driver": "bigcommerce", "name": "S", "credentials": {"storeHash": "abc123", "accessToken": bc}}});
    let (_, v) = core1_call(sb, "acme", CREATE, core1, body).await;
    v["connection"]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn sync_fails_halfway() {
    let (sb, bc, core1) = connection_world(SandboxConfig::fast(Duration::from_millis(20))).await;
    sb.set_fault(
        Fault::SyncFailsHalfway {
            workspace: Some("acme".into()),
        },
        Some(1),
    );
    let id = create(&sb, &core1, &bc).await;
    let c = wait_phase(&sb, "acme", &core1, id, "failed").await;
    assert_eq!(c["lastError"]["code"], "sync_failed");
    assert_eq!(c["sync"], json!({"done": 125, "total": 250}));
    assert_eq!(c["credentialsValid"], true);
    assert_eq!(c["attributes"]["done"], 42);
    // A new synchronize (fault spent) runs through.
    let (_, v) = core1_call(
        &sb,
        "acme",
        "Actindo.Modules.Actindo.Channels.Connections.synchronize",
        &core1,
        json!({"id": id}),
    )
    .await;
    assert_eq!(v["success"], true);
    wait_phase(&sb, "acme", &core1, id, "active").await;
}

#[tokio::test]
async fn credentials_rejected_even_with_a_good_token() {
    let (sb, bc, core1) = connection_world(SandboxConfig::fast(Duration::from_millis(20))).await;
    sb.set_fault(Fault::CredentialsRejected { workspace: None }, Some(1));
    let id = create(&sb, &core1, &bc).await;
    let c = wait_phase(&sb, "acme", &core1, id, "failed").await;
    assert_eq!(c["lastError"]["code"], "credentials_rejected");
    assert_eq!(c["credentialsValid"], false);
    assert_eq!(
        bc_get(&sb, "abc123", "store", &bc).await.status(),
        200,
        "the token itself is fine"
    );
}

#[tokio::test]
async fn bigcommerce_errors_during_the_check() {
    let (sb, bc, core1) = connection_world(SandboxConfig::fast(Duration::from_millis(20))).await;
    // One 503 is retried by Core1.
    sb.set_fault(
        Fault::ServerError {
            status: 503,
            area: Some(Area::BcApi),
            path_contains: None,
        },
        Some(1),
    );
    let id = create(&sb, &core1, &bc).await;
    wait_phase(&sb, "acme", &core1, id, "active").await;
    // A lasting outage fails the check with its own code.
    sb.set_fault(
        Fault::ServerError {
            status: 503,
            area: Some(Area::BcApi),
            path_contains: None,
        },
        None,
    );
    let body = json!({"id": id, "credentials": {"storeHash": "abc123", "accessToken": bc}});
    core1_call(
        &sb,
        "acme",
        "Actindo.Modules.Actindo.Channels.Connections.updateCredentials",
        &core1,
        body,
    )
    .await;
    let c = wait_phase(&sb, "acme", &core1, id, "failed").await;
    assert_eq!(c["lastError"]["code"], "credentials_check_failed");
    assert_eq!(c["credentialsValid"], Value::Null);
}

#[tokio::test]
async fn faults_through_the_control_api() {
    let sb = sandbox().await;
    let ctl = sb.control_url();
    let resp = client()
        .post(format!("{ctl}/faults"))
        .json(
            &json!({"fault": {"kind": "server_error", "status": 502, "area": "core1"}, "count": 2}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let id = resp.json::<Value>().await.unwrap()["id"].as_u64().unwrap();
    let list: Value = client()
        .get(format!("{ctl}/faults"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["remaining"], 2);
    assert_eq!(list[0]["fault"]["kind"], "server_error");
    assert_eq!(status_of(&sb.core1_workspace_url("acme")).await, 502);
    let list: Value = client()
        .get(format!("{ctl}/faults"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list[0]["remaining"], 1);
    let removed: Value = client()
        .delete(format!("{ctl}/faults/{id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(removed["removed"], true);
    assert_eq!(status_of(&sb.core1_workspace_url("acme")).await, 200);
    // Bad fault JSON is refused.
    let resp = client()
        .post(format!("{ctl}/faults"))
        .json(&json!({"fault": {"kind": "meteor"}}))
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_client_error());
    // Freeze, then clear all.
    let resp = client()
        .post(format!("{ctl}/core1/acme/freeze"))
        .json(&json!({"frozen": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(status_of(&sb.core1_workspace_url("acme")).await, 530);
    client()
        .delete(format!("{ctl}/faults"))
        .send()
        .await
        .unwrap();
    assert_eq!(status_of(&sb.core1_workspace_url("acme")).await, 200);
    assert!(sb.faults().is_empty());
}

#[tokio::test]
async fn robot_survives_login_latency() {
    let (sb, cb) = bc_world().await;
    sb.set_fault(Fault::Latency { ms: 30, area: None }, None);
    let out = robot::run(&sb.bc_install_url(), &RobotOptions::default())
        .await
        .unwrap();
    assert!(out.reached_callback);
    assert!(cb.last().contains_key("code"));
}
