//! Road 1: Actindo's connector app from the practice marketplace, played by the robot from the
//! deep link to "BigCommerce connected", and what Core1 makes of it.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use setup_sandbox::core1::channels::Phase;
use setup_sandbox::robot::{self, RobotAction, RobotOptions, RobotStop};
use setup_sandbox::{Error, SandboxHandle, SecretKind};
use std::time::Duration;

/// The robot's step log, with the sandbox's origin left out of each URL.
fn log_of(sb: &SandboxHandle, opts: &RobotOptions) -> String {
    std::fs::read_to_string(opts.log_path.as_ref().unwrap())
        .unwrap_or_default()
        .replace(sb.base_url(), "")
}

async fn connect(sb: &SandboxHandle, opts: &RobotOptions) -> robot::RobotOutcome {
    let out = robot::run(&sb.marketplace_url(), opts).await.unwrap();
    assert_eq!(out.stop, RobotStop::ConnectorConnected, "{out:?}");
    out
}

#[tokio::test]
async fn the_robot_goes_from_the_deep_link_to_bigcommerce_connected() {
    let sb = sandbox().await;
    let opts = road1_options(&sb, "acme");
    let out = connect(&sb, &opts).await;
    assert_eq!(out.status, 200);
    assert!(out.final_url.ends_with("/connector/done"), "{out:?}");
    assert!(out.text.contains("BigCommerce connected"), "{}", out.text);
    assert!(out.text.contains("Practice Store"));
    assert!(out.text.contains(&sb.core1_workspace_url("acme")));
    assert!(!out.reached_callback);

    // Every step a person takes, in order.
    let log = log_of(&sb, &opts);
    for needle in [
        "GET /bc-login/deep-links/manage/marketplace/apps -> 302",
        "POST /bc-login/login -> 302",
        "GET /bc-login/manage/marketplace/apps -> 200",
        "GET /bc-login/manage/marketplace/apps/actindo-core1-dop-connector -> 200",
        "GET /bc-login/app/practice-connector-client-id/install -> 200",
        "POST /bc-login/consent -> 200",
        "GET /connector/auth -> 200",
        "POST /connector/setup -> 303",
        "GET /core1/acme/bigcommerce/connect -> 303",
        "POST /core1/acme/login -> 302",
        "GET /connector/done -> 200",
    ] {
        assert!(log.contains(needle), "missing {needle} in\n{log}");
    }
    assert!(!log.contains('?'), "no query strings in the log");
    for secret in sb.issued_secrets() {
        assert!(!log.contains(&secret), "a secret in the robot log");
    }

    // One connection, named as Actindo's connector names it, with the connector's token, which
    // goes active.
    let list = sb.connections("acme").unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, "BigCommerce (abc123)");
    assert_eq!(list[0].store_hash, "abc123");
    let active = wait_connection(&sb, "acme", "active", |c| c.phase == Phase::Active).await;
    assert_eq!(active.credentials_valid, Some(true));
    assert!(sb.connections("practice").unwrap().is_empty());
    assert_eq!(
        sb.installed_apps("abc123").unwrap(),
        vec!["actindo-core1-dop-connector"]
    );
    assert!(sb.connector_installed("abc123"));
    // The hand-over token is a ledger secret (single use).
    assert!(sb
        .issued_secrets_by_kind()
        .iter()
        .any(|(k, _)| *k == SecretKind::AuthorizationCode));
}

#[tokio::test]
async fn the_install_is_framed_in_the_control_panel_without_state() {
    let sb = sandbox().await;
    let c = bc_browser(&sb).await;
    for (url, external) in [
        (sb.connector_install_url(), true),
        (
            format!(
                "{}/app/practice-connector-client-id/install?source=marketplace",
                sb.bc_login_base()
            ),
            false,
        ),
    ] {
        let (status, _, html) = browse(&c, &url).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("Install Actindo Core1 DOP Connector?"),
            "{html}"
        );
        assert!(html.contains("See and change your orders"));
        let form = robot::find_form(&html, "consent-form").unwrap();
        let resp = c
            .post(format!("{}/consent", sb.bc_login_base()))
            .form(&[
                ("request", form.hidden[0].1.as_str()),
                ("action", "confirm"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "the control panel page, not a redirect");
        let html = resp.text().await.unwrap();
        let src = robot::find_attr(&html, "iframe", "app-frame", "src").unwrap();
        let src = url::Url::parse(&src).unwrap();
        assert_eq!(
            src.as_str().split('?').next().unwrap(),
            format!("{}/connector/auth", sb.base_url())
        );
        let q: Params = src.query_pairs().into_owned().collect();
        assert_eq!(q["context"], "stores/abc123");
        assert_eq!(
            q["account_uuid"],
            sb.config().store("abc123").unwrap().account_uuid
        );
        assert!(q["scope"].contains("store_channel_listings"));
        assert!(!q["code"].is_empty());
        assert!(!q.contains_key("state"), "BigCommerce sends no state");
        assert_eq!(q.contains_key("external_install"), external, "{q:?}");
    }
}

#[tokio::test]
async fn a_second_install_updates_the_one_connection() {
    let sb = sandbox().await;
    let opts = road1_options(&sb, "acme");
    connect(&sb, &opts).await;
    let first = wait_connection(&sb, "acme", "active", |c| c.phase == Phase::Active).await;
    tokio::time::sleep(Duration::from_millis(5)).await;

    // Installed again from the marketplace (the browser still signed in everywhere).
    connect(&sb, &opts).await;
    let log = log_of(&sb, &opts);
    assert_eq!(log.matches("POST /bc-login/login").count(), 1, "{log}");
    assert_eq!(log.matches("POST /core1/acme/login").count(), 1, "{log}");
    let list = sb.connections("acme").unwrap();
    assert_eq!(list.len(), 1, "still one connection per store");
    let again = &list[0];
    assert_eq!(again.id, first.id);
    assert_ne!(again.updated_at, first.updated_at, "updatedAt changed");
    assert_eq!(again.created_at, first.created_at);
    let active = wait_connection(&sb, "acme", "active", |c| c.phase == Phase::Active).await;
    assert_eq!(active.updated_at, again.updated_at);

    // New credentials: of the connector's two tokens only the newer one still works.
    let mut live = 0;
    let tokens: Vec<String> = sb
        .issued_secrets_by_kind()
        .into_iter()
        .filter(|(k, _)| *k == SecretKind::AccessToken)
        .map(|(_, s)| s)
        .filter(|s| s.len() == 31)
        .collect();
    assert_eq!(tokens.len(), 2, "{tokens:?}");
    for t in &tokens {
        if bc_get(&sb, "abc123", "store", t).await.status() == 200 {
            live += 1;
        }
    }
    assert_eq!(live, 1);
}

#[tokio::test]
async fn an_existing_connection_for_the_store_is_updated_not_duplicated() {
    let sb = sandbox().await;
    let seeded = sb.seed_connection("acme", "abc123", "Main store").unwrap();
    assert_eq!(seeded.phase, Phase::Created);
    wait_connection(&sb, "acme", "active", |c| c.phase == Phase::Active).await;
    connect(&sb, &road1_options(&sb, "acme")).await;
    let list = sb.connections("acme").unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, seeded.id);
    assert_eq!(list[0].name, "Main store", "the name is the merchant's");
    assert_ne!(list[0].updated_at, seeded.updated_at);
    wait_connection(&sb, "acme", "active", |c| c.phase == Phase::Active).await;
    assert!(sb.seed_connection("nosuch", "abc123", "x").is_err());
    assert!(sb.seed_connection("practice", "zzz999", "x").is_err());
}

#[tokio::test]
async fn the_wrong_workspace_typed_in_the_connector() {
    let sb = sandbox().await;
    // A name no workspace has: the form again, naming the address the connector formed.
    let mut opts = road1_options(&sb, "acme");
    opts.workspace = Some("nosuch".into());
    let out = robot::run(&sb.marketplace_url(), &opts).await.unwrap();
    assert_eq!(out.stop, RobotStop::ConnectorError, "{out:?}");
    assert_eq!(out.status, 400);
    assert!(
        out.text.contains("https://nosuch.actindo.com"),
        "{}",
        out.text
    );
    assert!(out.text.contains("START SETUP"), "the form is shown again");
    // Not a name at all.
    opts.workspace = Some("my shop".into());
    let out = robot::run(&sb.marketplace_url(), &opts).await.unwrap();
    assert_eq!(out.stop, RobotStop::ConnectorError);
    assert!(
        out.text
            .contains("Could not reach the workspace at https://my shop.actindo.com"),
        "{}",
        out.text
    );
    // Another workspace that exists: the connection appears there.
    opts.workspace = Some("practice".into());
    connect(&sb, &opts).await;
    assert!(sb.connections("acme").unwrap().is_empty());
    assert_eq!(sb.connections("practice").unwrap().len(), 1);
}

#[tokio::test]
async fn the_field_takes_the_name_and_a_pasted_address_fails_as_for_real() {
    let sb = sandbox().await;
    let page = {
        let mut opts = road1_options(&sb, "acme");
        opts.workspace = None;
        robot::run(&sb.marketplace_url(), &opts).await.unwrap()
    };
    assert_eq!(page.stop, RobotStop::NoWorkspace);
    assert!(
        page.text.contains("https:// .actindo.com START SETUP"),
        "the fixed parts around the field: {}",
        page.text
    );
    assert!(page
        .text
        .contains("installed the BigCommerce driver from the Actindo Appstore"));
    // What a person pastes when a wizard copies the whole address: the connector forms
    // https://https://acme.actindo.com/.actindo.com, which no workspace answers at.
    for pasted in [
        "https://acme.actindo.com/".to_owned(),
        "acme.actindo.com".to_owned(),
        format!("{}/", sb.core1_workspace_url("acme")),
    ] {
        let mut opts = road1_options(&sb, "acme");
        opts.workspace = Some(pasted.clone());
        let out = robot::run(&sb.marketplace_url(), &opts).await.unwrap();
        assert_eq!(out.stop, RobotStop::ConnectorError, "{pasted}: {out:?}");
        assert!(
            out.text.contains(&format!("https://{pasted}.actindo.com")),
            "{pasted}: {}",
            out.text
        );
    }
    assert!(sb.connections("acme").unwrap().is_empty());
    // The name, and a sandbox workspace's `name.dev`, reach it.
    for typed in ["acme", " ACME ", "acme.dev"] {
        let mut opts = road1_options(&sb, "acme");
        opts.workspace = Some(typed.to_owned());
        let out = robot::run(&sb.marketplace_url(), &opts).await.unwrap();
        assert_eq!(out.stop, RobotStop::ConnectorConnected, "{typed}: {out:?}");
    }
    let list = sb.connections("acme").unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].name, "BigCommerce (abc123)",
        "named by the connector"
    );
}

#[tokio::test]
async fn start_setup_is_refused_while_the_workspace_lacks_the_bigcommerce_driver() {
    let sb = sandbox().await;
    let rule = sb.set_fault(
        setup_sandbox::Fault::DriverMissing {
            workspace: Some("acme".into()),
        },
        None,
    );
    let opts = road1_options(&sb, "acme");
    let out = robot::run(&sb.marketplace_url(), &opts).await.unwrap();
    assert_eq!(out.stop, RobotStop::ConnectorError, "{out:?}");
    assert!(
        out.text.contains("The BigCommerce driver is not installed"),
        "{}",
        out.text
    );
    assert!(sb.connections("acme").unwrap().is_empty());
    // Another workspace is not affected; once the driver is installed, on.
    connect(&sb, &road1_options(&sb, "practice")).await;
    sb.remove_fault(rule);
    connect(&sb, &opts).await;
    assert_eq!(sb.connections("acme").unwrap().len(), 1);
}

#[tokio::test]
async fn without_a_core1_session_the_login_is_asked_and_passed() {
    let sb = sandbox().await;
    let mut opts = road1_options(&sb, "acme");
    opts.core1_password = "wrong".into();
    let err = robot::run(&sb.marketplace_url(), &opts).await.unwrap_err();
    assert!(
        matches!(err, Error::LoginRejected(ref u) if u.contains("/core1/acme/login")),
        "{err}"
    );
    assert!(
        sb.connections("acme").unwrap().is_empty(),
        "nothing handed over"
    );
    // The same browser (BigCommerce still signed in) with the right password: back to the
    // hand-over after the login.
    opts.core1_password = "practice-password".into();
    connect(&sb, &opts).await;
    let log = log_of(&sb, &opts);
    let tail = &log[log.rfind("POST /connector/setup").unwrap()..];
    let lines: Vec<&str> = tail.lines().collect();
    assert!(
        lines[1].contains("GET /core1/acme/bigcommerce/connect -> 303"),
        "{tail}"
    );
    assert!(lines[2].contains("GET /core1/acme/login -> 200"), "{tail}");
    assert!(lines[3].contains("POST /core1/acme/login -> 302"), "{tail}");
    assert!(
        lines[4].contains("GET /core1/acme/bigcommerce/connect -> 303"),
        "{tail}"
    );
    assert_eq!(sb.connections("acme").unwrap().len(), 1);
}

#[tokio::test]
async fn cookies_persist_across_robot_runs() {
    let sb = sandbox().await;
    let opts = road1_options(&sb, "acme");
    // The wizard's Core1 sign-in, played in "the system browser" with the cookie file.
    let cb = Callback::start("/core1/callback").await;
    let (_, challenge) = pkce();
    let out = robot::run(
        &core1_authorize_url(&sb, "acme", &cb.url, "st", &challenge),
        &opts,
    )
    .await
    .unwrap();
    assert!(out.reached_callback, "{out:?}");
    let cookies = std::fs::read_to_string(opts.cookie_file.as_ref().unwrap()).unwrap();
    assert!(
        cookies.contains("core1_session"),
        "session cookies are saved"
    );

    // A second run of the browser: START SETUP needs no Core1 login any more.
    let before = log_of(&sb, &opts).lines().count();
    connect(&sb, &opts).await;
    let log = log_of(&sb, &opts);
    let second: Vec<&str> = log.lines().skip(before).collect();
    assert!(second.iter().any(|l| l.contains("POST /bc-login/login")));
    assert!(
        !second.iter().any(|l| l.contains("/core1/acme/login")),
        "{second:#?}"
    );

    // A third run: signed in to BigCommerce too.
    let before = log.lines().count();
    connect(&sb, &opts).await;
    let log = log_of(&sb, &opts);
    assert!(
        !log.lines().skip(before).any(|l| l.contains("/login")),
        "{log}"
    );

    // A corrupt cookie file is an error, and a fresh browser (no file) logs in again.
    let bad = std::env::temp_dir().join(format!("bad-cookies-{}.json", rand_suffix()));
    std::fs::write(&bad, "{not json").unwrap();
    let broken = RobotOptions {
        cookie_file: Some(bad.clone()),
        ..opts.clone()
    };
    let err = robot::run(&sb.marketplace_url(), &broken)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::CookieFile { .. }), "{err}");
    std::fs::remove_file(&bad).unwrap();
}

#[tokio::test]
async fn cancel_on_confirm_calls_nothing_and_creates_nothing() {
    let sb = sandbox().await;
    let opts = RobotOptions {
        action: RobotAction::Cancel,
        ..road1_options(&sb, "acme")
    };
    let out = robot::run(&sb.marketplace_url(), &opts).await.unwrap();
    assert_eq!(out.stop, RobotStop::InstallCancelled, "{out:?}");
    assert!(out.text.contains("Installation cancelled"));
    assert!(
        !log_of(&sb, &opts).contains("/connector/"),
        "no callback call"
    );
    assert!(sb.installed_apps("abc123").unwrap().is_empty());
    assert!(!sb.connector_installed("abc123"));
    assert!(sb.connections("acme").unwrap().is_empty());
    assert!(!sb
        .issued_secrets_by_kind()
        .iter()
        .any(|(k, _)| *k == SecretKind::AuthorizationCode));
}

#[tokio::test]
async fn with_nothing_to_paste_the_robot_stops_on_the_connector_form() {
    let sb = sandbox().await;
    let mut opts = road1_options(&sb, "acme");
    opts.workspace = None;
    let out = robot::run(&sb.marketplace_url(), &opts).await.unwrap();
    assert_eq!(out.stop, RobotStop::NoWorkspace);
    assert!(out.text.contains("BigCommerce Installation"));
    assert!(out.text.contains("Workspace https:// .actindo.com"));

    // The file is read when the form appears: written while the robot is on its way.
    let file = std::env::temp_dir().join(format!("paste-{}.txt", rand_suffix()));
    opts.workspace_file = Some(file.clone());
    opts.workspace = Some("nosuch".into());
    let url = sb.marketplace_url();
    let run = tokio::spawn({
        let opts = opts.clone();
        async move { robot::run(&url, &opts).await }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    std::fs::write(&file, "  acme\n").unwrap();
    let out = run.await.unwrap().unwrap();
    std::fs::remove_file(&file).unwrap();
    assert_eq!(out.stop, RobotStop::ConnectorConnected, "{out:?}");
    assert_eq!(sb.connections("acme").unwrap().len(), 1);
}

#[tokio::test]
async fn an_app_that_is_not_in_the_marketplace_is_not_found() {
    let sb = sandbox().await;
    let opts = RobotOptions {
        app_name: "Nothing Like This".into(),
        ..road1_options(&sb, "acme")
    };
    let out = robot::run(&sb.marketplace_url(), &opts).await.unwrap();
    assert_eq!(out.stop, RobotStop::AppNotFound);
    assert!(out.text.contains("No apps match"), "{}", out.text);
}

#[tokio::test]
async fn uninstall_via_my_apps_fails_the_connection_at_the_next_import_and_a_reinstall_repairs_it()
{
    let sb = sandbox().await;
    let opts = road1_options(&sb, "acme");
    connect(&sb, &opts).await;
    let active = wait_connection(&sb, "acme", "active", |c| c.phase == Phase::Active).await;

    let c = bc_browser(&sb).await;
    let (status, location, _) = browse(&c, &sb.my_apps_url()).await;
    assert_eq!(status, 303);
    let my_apps = format!("{}{}", sb.base_url(), location.unwrap());
    let (_, _, html) = browse(&c, &my_apps).await;
    let form = robot::find_form(&html, "uninstall-actindo-core1-dop-connector").unwrap();
    assert_eq!(form.method, "post");
    let resp = c
        .post(format!("{}{}", sb.base_url(), form.action))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    let back = resp.headers()["location"].to_str().unwrap().to_owned();
    let (_, _, html) = browse(&c, &format!("{}{back}", sb.base_url())).await;
    assert!(html.contains("id=\"uninstalled\""), "{html}");
    assert!(html.contains("id=\"no-installed-apps\""));
    assert!(
        !sb.connector_installed("abc123"),
        "the uninstall callback reached the app"
    );

    // Core1 notices at its next scheduled import (every 300 ms in the fast config).
    let failed = wait_connection(&sb, "acme", "failed", |c| c.phase == Phase::Failed).await;
    assert_eq!(failed.credentials_valid, Some(false));
    assert_eq!(failed.last_error.unwrap().code, "credentials_rejected");
    assert_eq!(
        failed.updated_at, active.updated_at,
        "a failing import changes no setting"
    );
    assert_eq!(sb.connections("acme").unwrap().len(), 1);

    // Reinstalling the connector repairs the same connection.
    connect(&sb, &opts).await;
    let list = sb.connections("acme").unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, active.id);
    let repaired = wait_connection(&sb, "acme", "active", |c| c.phase == Phase::Active).await;
    assert_eq!(repaired.credentials_valid, Some(true));
    assert_eq!(repaired.last_error, None);
    // And it stays active past the next imports.
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(sb.connections("acme").unwrap()[0].phase, Phase::Active);
}

#[tokio::test]
async fn uninstall_from_the_handle_also_reaches_the_connector() {
    let sb = sandbox().await;
    connect(&sb, &road1_options(&sb, "acme")).await;
    wait_connection(&sb, "acme", "active", |c| c.phase == Phase::Active).await;
    assert_eq!(sb.uninstall_app("abc123").unwrap(), 1);
    wait_connection(&sb, "acme", "failed", |c| {
        c.last_error
            .as_ref()
            .is_some_and(|e| e.code == "credentials_rejected")
    })
    .await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while sb.connector_installed("abc123") {
        assert!(tokio::time::Instant::now() < deadline, "uninstall callback");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(sb.installed_apps("abc123").unwrap().is_empty());
}

#[tokio::test]
async fn the_uninstall_callback_wants_a_valid_signature() {
    let sb = sandbox().await;
    for jwt in [
        "",
        "a.b.c",
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzdG9yZXMvYWJjMTIzIn0.",
    ] {
        let resp = client()
            .get(format!("{}/uninstall", sb.connector_url()))
            .query(&[("signed_payload_jwt", jwt)])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 401, "{jwt}");
    }
}

#[tokio::test]
async fn a_marketplace_app_refuses_a_loopback_callback() {
    let sb = sandbox().await;
    let id = "practice-connector-client-id";
    let listener = Callback::start("/auth").await;
    for url in [
        listener.url.as_str(),
        "https://example.com/auth",
        "not a url",
    ] {
        let err = sb.register_app_callback(id, url).unwrap_err();
        assert!(matches!(err, Error::CallbackRefused { .. }), "{url}: {err}");
    }
    assert_eq!(
        sb.app_callback(id).unwrap(),
        format!("{}/connector/auth", sb.base_url())
    );
    // On the sandbox's own origin (the stand-in for public HTTPS) it is accepted.
    sb.register_app_callback(id, "/connector/auth").unwrap();
    // The loopback partner app keeps taking any callback, also through this method.
    sb.register_app_callback("practice-bc-client-id", &listener.url)
        .unwrap();
    assert_eq!(sb.bc_callback(), listener.url);
    assert!(matches!(
        sb.register_app_callback("nobody", "/x"),
        Err(Error::UnknownApp(_))
    ));
    // Through the control API: 400.
    let resp = client()
        .put(format!(
            "{}/bigcommerce/apps/{id}/callback",
            sb.control_url()
        ))
        .json(&serde_json::json!({ "url": listener.url }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    // And the undocumented authorize endpoint is not offered to a marketplace app.
    let url = format!(
        "{}/oauth2/authorize?response_type=code&client_id={id}&redirect_uri={}/connector/auth&state=s",
        sb.bc_login_base(),
        sb.base_url()
    );
    let resp = client().get(url).send().await.unwrap();
    assert_eq!(resp.status(), 400);
    assert!(resp.headers().get("location").is_none());
}

#[tokio::test]
async fn the_connector_refuses_a_missing_or_foreign_code() {
    let sb = sandbox().await;
    for query in [
        "",
        "context=stores/abc123",
        "code=made-up&context=stores/abc123&scope=store_v2_orders",
    ] {
        let (status, _, html) =
            browse(&client(), &format!("{}/auth?{query}", sb.connector_url())).await;
        assert_eq!(status, 400, "{query}");
        assert!(html.contains("id=\"connector-error\""), "{html}");
        assert!(!html.contains("made-up"));
    }
    // A code of the loopback partner app is not the connector's.
    let cb = Callback::start("/bigcommerce/callback").await;
    sb.register_bc_callback(&cb.url);
    let q = bc_install(&sb, &cb).await;
    let url = format!(
        "{}/auth?{}",
        sb.connector_url(),
        serde_urlencoded::to_string([
            ("code", q["code"].as_str()),
            ("context", "stores/abc123"),
            ("scope", q["scope"].as_str())
        ])
        .unwrap()
    );
    let (status, _, html) = browse(&client(), &url).await;
    assert_eq!(status, 400);
    assert!(html.contains("Invalid code"), "{html}");
    // A made-up install or hand-over goes nowhere.
    let resp = client()
        .post(format!("{}/setup", sb.connector_url()))
        .form(&[("install", "nope"), ("workspace", "acme")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let (status, _, _) = browse(
        &client(),
        &format!(
            "{}/bigcommerce/connect?handoff=nope",
            sb.core1_workspace_url("acme")
        ),
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn deep_links_open_the_control_panel_after_login() {
    let sb = sandbox().await;
    let (status, location, _) = browse(&client(), &sb.my_apps_url()).await;
    assert_eq!(status, 302);
    assert!(
        location
            .unwrap()
            .starts_with("/bc-login/login?next=%2Fbc-login%2Fdeep-links%2F"),
        "login first"
    );
    let c = bc_browser(&sb).await;
    for (link, target) in [
        (
            sb.my_apps_url(),
            "/bc-login/manage/marketplace/apps/my-apps",
        ),
        (
            sb.api_accounts_url(),
            "/bc-login/manage/settings/api-accounts",
        ),
        (
            sb.bc_deep_link("manage/marketplace/apps?search=dop"),
            "/bc-login/manage/marketplace/apps?search=dop",
        ),
        (
            sb.connector_listing_url(),
            "/bc-login/manage/marketplace/apps/actindo-core1-dop-connector",
        ),
    ] {
        let (status, location, _) = browse(&c, &link).await;
        assert_eq!(status, 303, "{link}");
        assert_eq!(location.as_deref(), Some(target));
    }
    let (status, _, html) =
        browse(&c, &format!("{}/manage/nothing-here", sb.bc_login_base())).await;
    assert_eq!(status, 404);
    assert!(html.contains("Practice BigCommerce"));
}

#[tokio::test]
async fn the_marketplace_lists_and_searches_apps() {
    let sb = sandbox().await;
    let c = bc_browser(&sb).await;
    let base = format!("{}/manage/marketplace/apps", sb.bc_login_base());
    let (_, _, html) = browse(&c, &base).await;
    assert!(html.contains("id=\"marketplace-search\""));
    assert_eq!(
        html.matches("data-app=").count(),
        3,
        "the connector and two decoys"
    );
    let (_, _, html) = browse(&c, &format!("{base}?search=dop+CONNECTOR")).await;
    assert_eq!(html.matches("data-app=").count(), 1);
    assert_eq!(
        robot::find_app_link(&html, "actindo core1 dop connector").as_deref(),
        Some("/bc-login/manage/marketplace/apps/actindo-core1-dop-connector")
    );
    let (_, _, html) = browse(&c, &format!("{base}?search=zzz")).await;
    assert!(html.contains("id=\"no-apps\""));
    let (_, _, html) = browse(&c, &format!("{base}/actindo-core1-dop-connector")).await;
    let form = robot::find_form(&html, "install-form").unwrap();
    assert_eq!(form.method, "get");
    assert_eq!(
        form.action,
        "/bc-login/app/practice-connector-client-id/install"
    );
    let (_, _, html) = browse(&c, &format!("{base}/practice-reviews")).await;
    assert!(html.contains("id=\"not-installable\""));
    assert!(robot::find_form(&html, "install-form").is_none());
    let (status, _, _) = browse(&c, &format!("{base}/core1-bigcommerce-setup-partner")).await;
    assert_eq!(status, 404, "the partner app is not listed");
}
