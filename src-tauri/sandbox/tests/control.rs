//! The `/__sandbox/` control API and the Rust handle's equivalents.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use serde_json::{json, Value};

async fn get_json(url: &str) -> Value {
    let resp = client().get(url).send().await.unwrap();
    assert_eq!(resp.status(), 200, "{url}");
    resp.json().await.unwrap()
}

#[tokio::test]
async fn info_lists_urls_and_seeds() {
    let sb = sandbox().await;
    let info = get_json(&format!("{}/", sb.control_url())).await;
    assert_eq!(info["base_url"], sb.base_url());
    assert_eq!(info["bc_install_url"], sb.bc_install_url());
    assert_eq!(info["bc_accounts"][0]["email"], "merchant@example.com");
    assert_eq!(info["core1_users"][0]["email"], "consultant@example.com");
    assert_eq!(info["core1_workspaces"][0]["name"], "practice");
    assert_eq!(
        info["core1_workspaces"][1]["url"],
        sb.core1_workspace_url("acme")
    );
    assert_eq!(
        info["bc_callback"],
        "http://127.0.0.1:53682/bigcommerce/callback"
    );
    assert!(sb.base_url().starts_with("http://127.0.0.1:"));
    assert_eq!(sb.addr().ip().to_string(), "127.0.0.1");
}

#[tokio::test]
async fn secrets_uninstall_callback_connections_and_reset() {
    let (sb, cb) = bc_world().await;
    let ctl = sb.control_url();
    let token = bc_access_token(&sb, &cb).await;
    let secrets = get_json(&format!("{ctl}/secrets")).await;
    let secrets: Vec<String> = serde_json::from_value(secrets).unwrap();
    assert!(secrets.contains(&token));
    assert!(secrets.contains(&sb.config().bigcommerce.app.client_secret));
    assert_eq!(secrets, sb.issued_secrets());

    let r: Value = client()
        .post(format!("{ctl}/bigcommerce/stores/abc123/uninstall"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["revoked"], 1);
    assert_eq!(bc_get(&sb, "abc123", "store", &token).await.status(), 401);
    let r = client()
        .post(format!("{ctl}/bigcommerce/stores/nope/uninstall"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    let r: Value = client()
        .put(format!("{ctl}/bigcommerce/callback"))
        .json(&json!({"url": "http://127.0.0.1:9/x"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["url"], "http://127.0.0.1:9/x");
    assert_eq!(sb.bc_callback(), "http://127.0.0.1:9/x");
    assert_eq!(
        get_json(&format!("{ctl}/bigcommerce/callback")).await["url"],
        "http://127.0.0.1:9/x"
    );
    sb.register_bc_callback(&cb.url);

    let token = bc_access_token(&sb, &cb).await;
    let core1 = core1_sign_in(&sb, "acme").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = json!({"connection": {"driver": "bigcommerce", "name": "S", "credentials": {"storeHash": "abc123", "accessToken": token}}});
    core1_call(
        &sb,
        "acme",
        "Actindo.Modules.Actindo.Channels.Connections.create",
        &core1,
        body,
    )
    .await;
    let list = get_json(&format!("{ctl}/core1/acme/connections")).await;
    assert_eq!(list[0]["storeHash"], "abc123");
    assert_eq!(
        client()
            .get(format!("{ctl}/core1/nosuch/connections"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    let r = client().post(format!("{ctl}/reset")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(get_json(&format!("{ctl}/core1/acme/connections"))
        .await
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        bc_get(&sb, "abc123", "store", &token).await.status(),
        401,
        "tokens forgotten"
    );
    assert_eq!(
        sb.bc_callback(),
        cb.url,
        "the registered callback survives a reset"
    );
    // After a reset only the app registrations' client secrets remain (the loopback partner app,
    // the connector app, and the seeded Core1 registration).
    assert_eq!(
        sb.issued_secrets(),
        vec![
            sb.config().bigcommerce.app.client_secret.clone(),
            sb.config().bigcommerce.connector.client_secret.clone(),
            SECRET.to_owned(),
        ]
    );
}

#[tokio::test]
async fn shutdown_stops_the_listener() {
    let sb = sandbox().await;
    let url = sb.core1_workspace_url("acme");
    assert_eq!(client().get(&url).send().await.unwrap().status(), 200);
    sb.shutdown().await;
    assert!(client().get(&url).send().await.is_err());
}

#[tokio::test]
async fn a_fixed_port_can_be_chosen_and_a_taken_one_is_an_error() {
    let sb = sandbox().await;
    let port = sb.addr().port();
    let err =
        setup_sandbox::Sandbox::start_on_port(setup_sandbox::SandboxConfig::default(), port).await;
    assert!(matches!(err, Err(setup_sandbox::Error::Bind { .. })));
}
