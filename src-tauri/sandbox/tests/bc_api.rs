//! BigCommerce API host: tokens, scopes, uninstall, rate limits.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use setup_sandbox::SandboxConfig;
use std::time::Duration;

#[tokio::test]
async fn time_needs_only_a_valid_token() {
    let (sb, cb) = bc_world().await;
    let token = bc_access_token(&sb, &cb).await;
    let resp = bc_get(&sb, "abc123", "time", &token).await;
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert!(body["time"].as_i64().unwrap() > 1_600_000_000);
}

#[tokio::test]
async fn unknown_token_other_store_and_unknown_store() {
    let (sb, cb) = bc_world().await;
    let token = bc_access_token(&sb, &cb).await;
    let resp = bc_get(&sb, "abc123", "store", "not-a-token").await;
    assert_eq!(resp.status(), 401);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body[0]["status"], 401);
    assert_eq!(
        bc_get(&sb, "def456", "store", &token).await.status(),
        403,
        "a token opens only its store: BigCommerce's 403 for a wrong store hash"
    );
    assert_eq!(bc_get(&sb, "zzz999", "store", &token).await.status(), 404);
    assert_eq!(
        bc_get(&sb, "abc123", "orders-of-nothing", &token)
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn missing_scope_is_403() {
    let (sb, cb) = bc_world().await;
    let url = format!(
        "{}/oauth2/authorize?{}",
        sb.bc_login_base(),
        serde_urlencoded::to_string([
            ("response_type", "code"),
            ("client_id", &sb.config().bigcommerce.app.client_id),
            ("redirect_uri", &cb.url),
            ("scope", "store_v2_products"),
        ])
        .unwrap()
    );
    robot(&url).await;
    let (status, body) = bc_token_request(&sb, &bc_token_body(&sb, &cb, &cb.last())).await;
    assert_eq!(status, 200);
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(bc_get(&sb, "abc123", "store", token).await.status(), 403);
    assert_eq!(
        bc_get(&sb, "abc123", "time", token).await.status(),
        403,
        "the time is Information & Settings too"
    );
}

#[tokio::test]
async fn after_uninstall_the_token_gets_401() {
    let (sb, cb) = bc_world().await;
    let token = bc_access_token(&sb, &cb).await;
    assert_eq!(bc_get(&sb, "abc123", "store", &token).await.status(), 200);
    assert_eq!(sb.uninstall_app("abc123").unwrap(), 1);
    assert_eq!(bc_get(&sb, "abc123", "store", &token).await.status(), 401);
    assert!(sb.uninstall_app("nope").is_err());
    // A fresh install gives a working token again.
    let again = bc_access_token(&sb, &cb).await;
    assert_ne!(again, token);
    assert_eq!(bc_get(&sb, "abc123", "store", &again).await.status(), 200);
}

#[tokio::test]
async fn rate_limit_headers_429_and_reset() {
    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    config.bigcommerce.rate_limit_quota = 3;
    config.bigcommerce.rate_limit_window = Duration::from_millis(300);
    let sb = sandbox_with(config).await;
    let cb = Callback::start("/bigcommerce/callback").await;
    sb.register_bc_callback(&cb.url);
    let token = bc_access_token(&sb, &cb).await;
    for left in [2, 1, 0] {
        let resp = bc_get(&sb, "abc123", "time", &token).await;
        assert_eq!(resp.status(), 200);
        let h = resp.headers();
        assert_eq!(h["x-rate-limit-requests-left"], left.to_string().as_str());
        assert_eq!(h["x-rate-limit-requests-quota"], "3");
        assert_eq!(h["x-rate-limit-time-window-ms"], "300");
        let reset: u64 = h["x-rate-limit-time-reset-ms"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(reset <= 300);
    }
    let resp = bc_get(&sb, "abc123", "store", &token).await;
    assert_eq!(resp.status(), 429);
    assert_eq!(resp.headers()["x-rate-limit-requests-left"], "0");
    let reset: u64 = resp.headers()["x-rate-limit-time-reset-ms"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(reset + 20)).await;
    let resp = bc_get(&sb, "abc123", "store", &token).await;
    assert_eq!(resp.status(), 200, "the window reset");
    assert_eq!(resp.headers()["x-rate-limit-requests-left"], "2");
}

#[tokio::test]
async fn default_window_is_30_seconds() {
    let (sb, cb) = bc_world().await;
    let token = bc_access_token(&sb, &cb).await;
    let resp = bc_get(&sb, "abc123", "time", &token).await;
    assert_eq!(resp.headers()["x-rate-limit-time-window-ms"], "30000");
    assert_eq!(resp.headers()["x-rate-limit-requests-quota"], "150");
}
