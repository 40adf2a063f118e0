//! BigCommerce token endpoint: the contract and its negatives.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use setup_sandbox::SandboxConfig;
use std::time::Duration;

#[tokio::test]
async fn wrong_client_secret_is_401() {
    let (sb, cb) = bc_world().await;
    let q = bc_install(&sb, &cb).await;
    let mut body = bc_token_body(&sb, &cb, &q);
    body["client_secret"] = "wrong".into();
    let (status, err) = bc_token_request(&sb, &body).await;
    assert_eq!(status, 401);
    assert_eq!(err["error"], "Invalid client id or secret");
    body["client_secret"] = sb.config().bigcommerce.app.client_secret.clone().into();
    body["client_id"] = "other".into();
    assert_eq!(bc_token_request(&sb, &body).await.0, 401);
}

#[tokio::test]
async fn wrong_redirect_uri_is_400() {
    let (sb, cb) = bc_world().await;
    let q = bc_install(&sb, &cb).await;
    let mut body = bc_token_body(&sb, &cb, &q);
    body["redirect_uri"] = format!("{}x", cb.url).into();
    let (status, err) = bc_token_request(&sb, &body).await;
    assert_eq!(status, 400);
    assert_eq!(err["error"], "Invalid redirect_uri");
}

#[tokio::test]
async fn a_code_works_once() {
    let (sb, cb) = bc_world().await;
    let q = bc_install(&sb, &cb).await;
    let body = bc_token_body(&sb, &cb, &q);
    assert_eq!(bc_token_request(&sb, &body).await.0, 200);
    let (status, err) = bc_token_request(&sb, &body).await;
    assert_eq!(status, 400);
    assert_eq!(err["error"], "Invalid code");
}

#[tokio::test]
async fn an_unknown_code_and_a_wrong_context_and_grant_are_400() {
    let (sb, cb) = bc_world().await;
    let q = bc_install(&sb, &cb).await;
    let mut body = bc_token_body(&sb, &cb, &q);
    body["code"] = "made-up".into();
    assert_eq!(
        bc_token_request(&sb, &body).await.1["error"],
        "Invalid code"
    );
    let mut body = bc_token_body(&sb, &cb, &q);
    body["grant_type"] = "refresh_token".into();
    assert_eq!(
        bc_token_request(&sb, &body).await.1["error"],
        "Invalid grant type"
    );
    let mut body = bc_token_body(&sb, &cb, &q);
    body["context"] = "stores/def456".into();
    let (status, err) = bc_token_request(&sb, &body).await;
    assert_eq!(
        (status, err["error"].as_str().unwrap()),
        (400, "Invalid context")
    );
}

#[tokio::test]
async fn an_expired_code_is_rejected() {
    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    config.bigcommerce.code_ttl = Duration::from_millis(30);
    let sb = sandbox_with(config).await;
    let cb = Callback::start("/bigcommerce/callback").await;
    sb.register_bc_callback(&cb.url);
    let q = bc_install(&sb, &cb).await;
    tokio::time::sleep(Duration::from_millis(60)).await;
    let (status, err) = bc_token_request(&sb, &bc_token_body(&sb, &cb, &q)).await;
    assert_eq!(status, 400);
    assert_eq!(err["error"], "Code expired");
}

#[tokio::test]
async fn pkce_verifier_must_match_when_a_challenge_was_sent() {
    let (sb, cb) = bc_world().await;
    let (verifier, challenge) = pkce();
    let url = format!(
        "{}/oauth2/authorize?{}",
        sb.bc_login_base(),
        serde_urlencoded::to_string([
            ("response_type", "code"),
            ("client_id", &sb.config().bigcommerce.app.client_id),
            ("redirect_uri", &cb.url),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ])
        .unwrap()
    );
    // Missing verifier.
    robot(&url).await;
    let body = bc_token_body(&sb, &cb, &cb.last());
    assert_eq!(
        bc_token_request(&sb, &body).await.1["error"],
        "Invalid code_verifier"
    );
    // Wrong verifier.
    robot(&url).await;
    let mut body = bc_token_body(&sb, &cb, &cb.last());
    body["code_verifier"] = format!("{verifier}-not").into();
    let (status, err) = bc_token_request(&sb, &body).await;
    assert_eq!(
        (status, err["error"].as_str().unwrap()),
        (400, "Invalid code_verifier")
    );
    // Right verifier.
    robot(&url).await;
    let mut body = bc_token_body(&sb, &cb, &cb.last());
    body["code_verifier"] = verifier.into();
    assert_eq!(bc_token_request(&sb, &body).await.0, 200);
}

#[tokio::test]
async fn a_form_encoded_body_is_accepted_too() {
    let (sb, cb) = bc_world().await;
    let q = bc_install(&sb, &cb).await;
    let app = &sb.config().bigcommerce.app;
    let resp = client()
        .post(format!("{}/oauth2/token", sb.bc_login_base()))
        .form(&[
            ("client_id", app.client_id.as_str()),
            ("client_secret", &app.client_secret),
            ("code", &q["code"]),
            ("context", &q["context"]),
            ("scope", &q["scope"]),
            ("grant_type", "authorization_code"),
            ("redirect_uri", &cb.url),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert!(body["access_token"].is_string());
    assert_eq!(body["account_uuid"], q["account_uuid"]);
}

#[tokio::test]
async fn a_garbage_body_is_400() {
    let sb = sandbox().await;
    let resp = client()
        .post(format!("{}/oauth2/token", sb.bc_login_base()))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"], "Invalid request");
}
