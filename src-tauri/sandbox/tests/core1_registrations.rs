//! Core1's app registrations as Actindo documents them (Dev Tools › API › App registrations):
//! per workspace, the client-id rule, one exact Redirect URI, the secret shown once; what the
//! authorize and token endpoints refuse; the setup status and the practice world's clock.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use serde_json::json;
use setup_sandbox::config::{Core1Registration, CORE1_APP_NAME};
use setup_sandbox::robot::{self, RegistrationTask, RobotOptions, RobotStop};
use setup_sandbox::{Fault, SandboxConfig};
use std::time::Duration;

/// A world whose workspaces know no app (as a merchant's does at first).
async fn bare() -> setup_sandbox::SandboxHandle {
    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    // `sandbox_with` adds the practice registration only to a world without any: give it one
    // in a workspace-free way, then remove it from every workspace.
    config.core1.registrations = vec![Core1Registration::practice("http://127.0.0.1:9/x")];
    let sb = sandbox_with(config).await;
    for ws in ["acme", "practice"] {
        assert!(sb.delete_core1_registration(ws, CORE1_CLIENT_ID));
    }
    sb
}

fn authorize(sb: &setup_sandbox::SandboxHandle, ws: &str, redirect: &str, scope: &str) -> String {
    let q = serde_urlencoded::to_string([
        ("client_id", CORE1_CLIENT_ID),
        ("redirect_uri", redirect),
        ("scope", scope),
        ("response_type", "code"),
        ("state", "st"),
    ])
    .unwrap();
    format!(
        "{}/Actindo.CoreModules.Auth.OAuth2.authorize?{q}",
        sb.core1_workspace_url(ws)
    )
}

async fn probe(sb: &setup_sandbox::SandboxHandle, ws: &str, secret: &str) -> (u16, String) {
    let (status, body) = core1_token_request(
        sb,
        ws,
        &[
            ("grant_type", "authorization_code"),
            ("code", "made-up-code"),
            ("redirect_uri", "http://127.0.0.1:28417/core1/callback"),
            ("client_id", CORE1_CLIENT_ID),
            ("client_secret", secret),
        ],
    )
    .await;
    (
        status,
        body["error"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn a_person_registers_the_app_in_dev_tools_and_sees_the_secret_once() {
    let sb = bare().await;
    let dir = tempfile::tempdir().unwrap();
    let task_file = dir.path().join("task.json");
    let secret_file = dir.path().join("secret.txt");
    let redirect = "http://127.0.0.1:28417/core1/callback";
    let task = RegistrationTask {
        name: CORE1_APP_NAME.into(),
        client_id: CORE1_CLIENT_ID.into(),
        redirect_uri: redirect.into(),
        replace_existing: false,
        secret_file: secret_file.clone(),
    };
    task.save(&task_file).unwrap();
    let opts = RobotOptions {
        registration_file: Some(task_file.clone()),
        log_path: Some(dir.path().join("log.txt")),
        ..RobotOptions::default()
    };
    // From the workspace's home: its menu, Dev Tools (login first), the tab, +, the form, SAVE.
    let out = robot::run(&format!("{}/", sb.core1_workspace_url("acme")), &opts)
        .await
        .unwrap();
    assert_eq!(out.stop, RobotStop::RegistrationSaved, "{out:?}");
    assert!(out.text.contains("displayed only once"), "{}", out.text);
    let log = std::fs::read_to_string(dir.path().join("log.txt"))
        .unwrap()
        .replace(sb.base_url(), "");
    for step in [
        "GET /core1/acme/devtools -> 303",
        "POST /core1/acme/login -> 302",
        "GET /core1/acme/devtools/app-registrations -> 200",
        "GET /core1/acme/devtools/app-registrations/create -> 200",
        "POST /core1/acme/devtools/app-registrations -> 200",
    ] {
        assert!(log.contains(step), "{step} missing in\n{log}");
    }
    let secret = std::fs::read_to_string(&secret_file).unwrap();
    assert!(!task_file.exists(), "the task is done");
    let listed = sb.core1_registrations("acme");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].client_secret, secret);
    assert_eq!(listed[0].redirect_uri, redirect);
    assert!(!listed[0].only_auth);
    assert!(sb.issued_secrets().contains(&secret));
    // The list shows the registration, never its secret again.
    let page = client()
        .get(format!(
            "{}/devtools/app-registrations",
            sb.core1_workspace_url("acme")
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 303, "the list needs the Core1 session");
    // Instance-specific: the other workspace does not know it.
    assert!(sb.core1_registrations("practice").is_empty());
    assert_eq!(probe(&sb, "practice", &secret).await.1, "invalid_client");
    assert_eq!(
        probe(&sb, "acme", &secret).await,
        (400, "invalid_grant".into())
    );

    // The same ID again: refused, with the form's words.
    let again = RegistrationTask {
        secret_file: dir.path().join("second.txt"),
        ..task.clone()
    };
    again.save(&task_file).unwrap();
    let out = robot::run(&format!("{}/", sb.core1_workspace_url("acme")), &opts)
        .await
        .unwrap();
    assert_eq!(out.stop, RobotStop::RegistrationRefused, "{out:?}");
    assert!(out.text.contains("already exists"), "{}", out.text);
    // Deleted and created again (a lost secret): the old secret and its tokens are dead.
    let tokens = {
        let cb = Callback::start("/core1/callback").await;
        sb.delete_core1_registration("acme", CORE1_CLIENT_ID);
        sb.register_core1_app("acme", CORE1_APP_NAME, CORE1_CLIENT_ID, &cb.url)
            .unwrap()
    };
    assert_ne!(tokens, secret);
    let replace = RegistrationTask {
        replace_existing: true,
        ..again
    };
    replace.save(&task_file).unwrap();
    let out = robot::run(&format!("{}/", sb.core1_workspace_url("acme")), &opts)
        .await
        .unwrap();
    assert_eq!(out.stop, RobotStop::RegistrationSaved, "{out:?}");
    let newest = std::fs::read_to_string(dir.path().join("second.txt")).unwrap();
    assert_eq!(probe(&sb, "acme", &secret).await.1, "invalid_client");
    assert_eq!(probe(&sb, "acme", &tokens).await.1, "invalid_client");
    assert_eq!(probe(&sb, "acme", &newest).await.1, "invalid_grant");
}

#[tokio::test]
async fn the_create_form_refuses_what_the_rule_refuses() {
    let sb = bare().await;
    for (client_id, redirect) in [
        ("abc", "http://127.0.0.1:1/cb"),
        ("1core1", "http://127.0.0.1:1/cb"),
        ("core1.setup", "http://127.0.0.1:1/cb"),
        (
            "115e1d76-1cad-4067-bf3f-89772cda06b3",
            "http://127.0.0.1:1/cb",
        ),
        ("core1_ok", "not an address"),
    ] {
        let err = sb
            .register_core1_app("acme", "x", client_id, redirect)
            .unwrap_err();
        assert!(
            matches!(err, setup_sandbox::Error::RegistrationRefused(_)),
            "{client_id}: {err}"
        );
    }
    assert!(sb.core1_registrations("acme").is_empty());
}

#[tokio::test]
async fn authorize_takes_exactly_the_registered_redirect_and_the_profile_scope() {
    let sb = bare().await;
    let registered = "http://127.0.0.1:28417/core1/callback";
    // Unknown to the workspace: an error page, no redirect.
    let r = client()
        .get(authorize(&sb, "acme", registered, "profile"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
    sb.register_core1_app("acme", CORE1_APP_NAME, CORE1_CLIENT_ID, registered)
        .unwrap();
    for other in [
        "http://127.0.0.1:28418/core1/callback",
        "http://127.0.0.1:50000/core1/callback",
        "http://localhost:28417/core1/callback",
        "http://127.0.0.1:28417/core1/callback/",
    ] {
        let r = client()
            .get(authorize(&sb, "acme", other, "profile"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{other}");
        assert!(r.headers().get("location").is_none(), "{other}");
    }
    // The registered one: the login first.
    let r = client()
        .get(authorize(&sb, "acme", registered, "profile"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 302);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/core1/acme/login"));
    // Without the scope Actindo's guide names: back to the app with invalid_scope.
    for scope in ["", "openid"] {
        let r = client()
            .get(authorize(&sb, "acme", registered, scope))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 302, "{scope:?}");
        let location = r.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with(registered), "{location}");
        assert!(location.contains("error=invalid_scope"), "{location}");
        assert!(location.contains("state=st"), "{location}");
    }
}

#[tokio::test]
async fn setup_status_names_the_driver_and_the_right_to_create() {
    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    config.core1.users[0].may_create_connections = false;
    let sb = sandbox_with(config).await;
    let token = core1_sign_in(&sb, "acme").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let status = "Actindo.Modules.Actindo.Channels.Connections.getSetupStatus";
    let (_, body) = core1_call(
        &sb,
        "acme",
        status,
        &token,
        json!({"driver": "bigcommerce"}),
    )
    .await;
    assert_eq!(
        body["setup"],
        json!({"moduleVersion": "4.6.0", "driverVersion": "1.2.0", "mayCreateConnections": false})
    );
    let create = "Actindo.Modules.Actindo.Channels.Connections.create";
    let new = json!({"connection": {"driver": "bigcommerce", "name": "S",
        "credentials": {"storeHash": "abc123", "accessToken": "t"}}});
    let (_, body) = core1_call(&sb, "acme", create, &token, new.clone()).await;
    assert_eq!(body["errno"], 20005, "{body}");

    let sb = sandbox().await;
    let token = core1_sign_in(&sb, "acme").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let rule = sb.set_fault(
        Fault::DriverMissing {
            workspace: Some("acme".into()),
        },
        None,
    );
    let (_, body) = core1_call(
        &sb,
        "acme",
        status,
        &token,
        json!({"driver": "bigcommerce"}),
    )
    .await;
    assert_eq!(body["setup"]["driverVersion"], serde_json::Value::Null);
    assert_eq!(body["setup"]["mayCreateConnections"], true);
    let (_, body) = core1_call(&sb, "acme", create, &token, new).await;
    assert_eq!(body["errno"], 20006, "{body}");
    sb.remove_fault(rule);
    let (_, body) = core1_call(
        &sb,
        "acme",
        status,
        &token,
        json!({"driver": "bigcommerce"}),
    )
    .await;
    assert_eq!(body["setup"]["driverVersion"], "1.2.0");

    // Without the Omni-Channel module its endpoints do not exist.
    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    config.core1.omni_channel_version = None;
    let sb = sandbox_with(config).await;
    let token = core1_sign_in(&sb, "acme").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        core1_call(&sb, "acme", status, &token, json!({})).await.0,
        404
    );
}

#[tokio::test]
async fn the_practice_clock_moves_the_times_core1_reports() {
    let sb = sandbox().await;
    let date = |r: &reqwest::Response| {
        httpdate::parse_http_date(r.headers()["date"].to_str().unwrap()).unwrap()
    };
    let before = client()
        .get(sb.core1_workspace_url("acme"))
        .send()
        .await
        .unwrap();
    let first = sb
        .seed_connection("acme", "abc123", "BigCommerce (abc123)")
        .unwrap();
    sb.advance_clock(Duration::from_secs(24 * 3600));
    let after = client()
        .get(sb.core1_workspace_url("acme"))
        .send()
        .await
        .unwrap();
    let moved = date(&after).duration_since(date(&before)).unwrap();
    assert!(moved >= Duration::from_secs(24 * 3600), "{moved:?}");
    let second = sb
        .seed_connection("acme", "def456", "BigCommerce (def456)")
        .unwrap();
    assert!(second.updated_at > first.updated_at);
    assert!(
        second.updated_at[..10] != first.updated_at[..10],
        "a day later"
    );
    let old = sb
        .seed_connection_changed_ago("practice", "abc123", "Old", Duration::from_secs(3600))
        .unwrap();
    assert!(old.updated_at < second.updated_at);
}
