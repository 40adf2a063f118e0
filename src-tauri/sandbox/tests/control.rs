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

/// Sends one raw request (so `Host` and the target are exactly as written) and answers its
/// status code.
async fn raw_status(sb: &setup_sandbox::SandboxHandle, request: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(sb.addr()).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = vec![0u8; 64];
    let n = stream.read(&mut head).await.unwrap();
    let line = String::from_utf8_lossy(&head[..n]).into_owned();
    line.split(' ')
        .nth(1)
        .unwrap_or_default()
        .parse()
        .unwrap_or(0)
}

/// What a page in the user's browser could send during practice: by DNS rebinding (another
/// `Host`), and cross-site writes (a form posted from another site or another local port).
#[tokio::test]
async fn only_its_own_host_and_no_writes_from_other_sites() {
    let sb = sandbox().await;
    let own = sb.base_url().trim_start_matches("http://").to_owned();
    let get = |target: &str, host: &str| {
        format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
    };
    let mut wrong_host = Vec::new();
    for request in [
        get("/__sandbox/secrets", "evil.example"),
        get(
            "/__sandbox/secrets",
            &format!("evil.example:{}", sb.addr().port()),
        ),
        get(
            "/core1/practice/",
            &format!("localhost:{}", sb.addr().port()),
        ),
        get("/core1/practice/", "127.0.0.1"),
        get("http://evil.example/__sandbox/", &own),
        "GET /__sandbox/ HTTP/1.1\r\nConnection: close\r\n\r\n".to_owned(),
    ] {
        wrong_host.push(raw_status(&sb, &request).await);
    }
    assert_eq!(wrong_host, [421; 6], "DNS rebinding gets nothing");
    assert_eq!(raw_status(&sb, &get("/core1/practice/", &own)).await, 200);

    sb.set_fault(
        setup_sandbox::Fault::Frozen {
            workspace: "acme".into(),
        },
        None,
    );
    let reset = |headers: &str| {
        format!("POST /__sandbox/reset HTTP/1.1\r\nHost: {own}\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n")
    };
    let other_port = format!("http://127.0.0.1:{}", sb.addr().port() ^ 1);
    let mut cross_site = Vec::new();
    for headers in [
        "Origin: https://evil.example\r\n".to_owned(),
        format!("Origin: {other_port}\r\n"),
        "Origin: null\r\n".to_owned(),
        "Sec-Fetch-Site: cross-site\r\n".to_owned(),
        "Sec-Fetch-Site: same-site\r\n".to_owned(),
    ] {
        cross_site.push(raw_status(&sb, &reset(&headers)).await);
    }
    assert_eq!(cross_site, [403; 5], "a cross-site form cannot reset");
    assert_eq!(sb.faults().len(), 1, "nothing was reset");
    // The sandbox's own pages, and programs (no Origin), may.
    let own_origin = format!(
        "Origin: {}\r\nSec-Fetch-Site: same-origin\r\n",
        sb.base_url()
    );
    assert_eq!(raw_status(&sb, &reset(&own_origin)).await, 200);
    assert_eq!(raw_status(&sb, &reset("")).await, 200);
    assert!(sb.faults().is_empty());
}

/// The practice server the app embeds (`SandboxConfig::embedded`) has no control API at all.
#[tokio::test]
async fn the_embedded_practice_server_has_no_control_api() {
    let sb = sandbox_with(setup_sandbox::SandboxConfig::embedded()).await;
    let own = sb.base_url().trim_start_matches("http://").to_owned();
    let mut control = Vec::new();
    for (method, path) in [
        ("GET", "/__sandbox/"),
        ("GET", "/__sandbox/secrets"),
        ("GET", "/__sandbox/core1/practice/connections"),
        ("POST", "/__sandbox/reset"),
        ("POST", "/__sandbox/faults"),
    ] {
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {own}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        control.push(raw_status(&sb, &request).await);
    }
    assert_eq!(control, [404; 5]);
    let page = format!("GET /core1/practice/ HTTP/1.1\r\nHost: {own}\r\nConnection: close\r\n\r\n");
    assert_eq!(
        raw_status(&sb, &page).await,
        200,
        "the practice world itself is served"
    );
    let wrong = "GET /__sandbox/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n";
    assert_eq!(raw_status(&sb, wrong).await, 421);
}
