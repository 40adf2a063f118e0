//! First contact with a workspace that does not know the wizard, in a real window against the
//! practice world, the robot as the browser, in three launches of the same setup file:
//!
//! 1. The guided app registration (the values copied, typed into Core1's Dev Tools by the robot, a
//!    wrong secret named as such, the right one kept); the registered port taken by another
//!    program (the words, then success once it is free); the workspace without the BigCommerce
//!    driver (named, then on after it is installed); road 1 while a colleague connects another
//!    store (asked about, *No*, nothing stored, the wait goes on); the wizard closed waiting.
//! 2. A day later (the sandbox's clock moved): the resumed wait does not offer a change older
//!    than it; the merchant's own connector run is asked about and confirmed.
//! 3. A new run on the same computer: signed in to Core1 without being asked for the
//!    registration again; two stores connected at once: the merchant picks theirs.
//!
//! Screenshots in English and German of every new screen (the registration's and "Is this your
//! store?" are the album's).
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use setup_e2e::a11y::set_window_size;
use setup_e2e::{clipboard_text, wait_active, App, Pace, Practice};
use setup_sandbox::robot::{self, RobotOptions, RobotStop};
use setup_sandbox::{Area, Fault};

/// What the app keeps in its progress file for this world (no secret ever).
fn progress(practice: &Practice, home: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(practice.data_dir(home).join("progress.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The browser of someone else in the same workspace: their own BigCommerce login and cookies.
fn colleague(dir: &std::path::Path) -> RobotOptions {
    RobotOptions {
        bc_email: "second-merchant@example.com".into(),
        workspace: Some("acme".into()),
        cookie_file: Some(dir.join("colleague-cookies.json")),
        ..RobotOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn first_contact_registration_port_driver_and_whose_store() {
    let started = std::time::Instant::now();
    let practice = Practice::start_unregistered(Pace::QUICK).await;
    let home = tempfile::tempdir().unwrap();
    let browsers = tempfile::tempdir().unwrap();
    let mut launch = practice.launch("en_US.UTF-8", Some(home.path().to_path_buf()));
    // The merchant does not paste at once: the browser waits on the connector's form.
    launch
        .env
        .push(("ROBOT_WORKSPACE_WAIT_MS".into(), "0".into()));
    let app = App::launch(launch.clone()).await;
    app.wait_screen("welcome-title").await;
    app.click("welcome-start").await;
    app.wait_screen("ws-title").await;
    app.type_into("ws-input", "acme").await;
    app.wait_text("ws-preview-url", "acme").await;
    app.click("ws-continue").await;

    // 1a. The workspace does not know the wizard: the registration, in Actindo's words.
    app.wait_screen("core1-title").await;
    app.wait_testid("core1-registration", 5).await;
    assert!(!app.exists("core1-sign-in").await, "no browser before it");
    assert_eq!(
        app.text("core1-reg-client_id").await,
        "core1_bigcommerce_setup"
    );
    assert!(app.text("core1-reg-who").await.contains("Dev Tools"));
    app.assert_no_codes_shown().await;
    // A taller window for the wrong secret's pictures: the whole guide at once.
    set_window_size(&app, 900, 800).await;
    // Each value's Copy puts exactly it on the X clipboard; the robot types them in Core1.
    let redirect = format!("http://127.0.0.1:{}/core1/callback", practice.core1_port);
    for (field, want) in [
        ("name", "Core1 BigCommerce Setup"),
        ("client_id", "core1_bigcommerce_setup"),
        ("redirect_uri", redirect.as_str()),
    ] {
        assert_eq!(app.text(&format!("core1-reg-{field}")).await, want);
        app.click(&format!("core1-reg-copy-{field}")).await;
        app.wait_text(&format!("core1-reg-copy-{field}"), "✓").await;
        assert_eq!(clipboard_text().as_deref(), Some(want), "{field}");
    }
    practice.register_task(
        "Core1 BigCommerce Setup",
        "core1_bigcommerce_setup",
        &redirect,
        false,
    );
    app.click("core1-reg-open").await;
    let secret = practice.shown_secret();
    app.type_into("core1-reg-secret", "not-the-secret-Core1-showed")
        .await;
    app.click("core1-reg-save").await;
    app.wait_attr("core1-reg-error", "data-code", "core1_secret_refused", 20)
        .await;
    assert!(app
        .text("core1-reg-error")
        .await
        .contains("does not accept this client secret"));
    app.screenshot_both("core1-registration-wrong", Some("core1-reg-error"))
        .await;
    set_window_size(&app, 900, 680).await;
    app.type_into("core1-reg-secret", &secret).await;
    app.click("core1-reg-save").await;
    app.wait_testid("core1-reg-saved", 10).await;
    // The sign-in says whose the connection will be.
    assert!(app
        .text("core1-owner")
        .await
        .contains("belong to the Core1 user who signs in now"));

    // 1b. Another program holds the registered port: said in words, Try again once it is free.
    let squatter = std::net::TcpListener::bind(("127.0.0.1", practice.core1_port)).unwrap();
    app.click("core1-sign-in").await;
    app.wait_attr("error", "data-code", "signin_port_busy", 20)
        .await;
    app.assert_no_codes_shown().await;
    app.screenshot_both("core1-port-busy", Some("error")).await;
    drop(squatter);

    // 1c. ... and the workspace lacks the BigCommerce driver: the store step names it.
    let driver = practice.sandbox.set_fault(
        Fault::DriverMissing {
            workspace: Some("acme".into()),
        },
        None,
    );
    app.click("error-retry").await;
    app.wait_screen("bc-ready-title").await;
    assert!(app
        .text("bc-ready-driver_missing")
        .await
        .contains("Actindo Appstore"));
    assert!(!app.exists("bc-open-connector").await, "no road before it");
    app.screenshot_both("not-ready", None).await;
    app.click("bc-ready-again").await;
    app.wait_screen("bc-ready-title").await;
    practice.sandbox.remove_fault(driver);
    app.click("bc-ready-again").await;
    app.wait_screen("bc-title").await;

    // 1d. Road 1; while the merchant is in BigCommerce, a colleague connects another store.
    practice.paste("");
    app.click("bc-open-connector").await;
    app.wait_testid("bc-connector-waiting", 10).await;
    let theirs = practice
        .sandbox
        .seed_connection("acme", "def456", "BigCommerce (def456)")
        .unwrap();
    app.wait_testid("bc-candidate-title", 20).await;
    assert_eq!(app.text("bc-candidate-title").await, "Is this your store?");
    assert!(app.text("bc-candidate-0").await.contains("def456"));
    // Nothing stored, no setting written, before the answer.
    let p = progress(&practice, home.path());
    assert_eq!(p["known"], serde_json::json!([]));
    assert_eq!(p["step"], "bigcommerce");
    app.click("bc-candidate-no").await;
    app.wait_testid("bc-connector-waiting", 10).await;
    let now = practice.sandbox.connections("acme").unwrap();
    assert_eq!(now.len(), 1);
    assert_eq!(
        now[0].updated_at, theirs.updated_at,
        "nothing written to it"
    );
    assert_eq!(
        progress(&practice, home.path())["known"],
        serde_json::json!([])
    );
    // Closed while waiting.
    app.close().await;

    // 2. A day later. Core1 shows a connection last changed before the wait began (an older
    // change is not this run's); the merchant then finishes the connector.
    practice
        .sandbox
        .advance_clock(Duration::from_secs(24 * 3600));
    let old = practice
        .sandbox
        .seed_connection_changed_ago(
            "acme",
            "abc123",
            "BigCommerce (abc123)",
            Duration::from_secs(25 * 3600),
        )
        .unwrap();
    let app = App::launch(launch.clone()).await;
    app.wait_testid("bc-title", 30).await;
    app.wait_testid("bc-connector-waiting", 10).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(
        !app.exists("bc-candidate-title").await,
        "{} is older than the wait",
        old.updated_at
    );
    app.click("bc-copy-workspace").await;
    app.wait_text("bc-copy-workspace", "✓").await;
    assert_eq!(clipboard_text().as_deref(), Some("acme"));
    app.click("bc-connector-open-again").await;
    app.wait_testid("bc-candidate-title", 20).await;
    assert!(app.text("bc-candidate-0").await.contains("abc123"));
    app.click("bc-candidate-yes").await;
    app.wait_screen("status-title").await;
    assert!(app.text("status-outcome").await.contains("updated"));
    let known = progress(&practice, home.path())["known"].clone();
    assert_eq!(known.as_array().unwrap().len(), 1);
    assert_eq!(known[0]["storeHash"], "abc123");
    wait_active(&app, &practice).await;
    app.close().await;

    // 3. A new run on this computer, its Core1 session expired: the sign-in without the
    // registration; then two stores connected at once.
    practice.sandbox.set_fault(
        Fault::ExpiredRefreshToken {
            workspace: Some("acme".into()),
        },
        Some(1),
    );
    let other_home = tempfile::tempdir().unwrap();
    let mut again = practice.launch("en_US.UTF-8", Some(other_home.path().to_path_buf()));
    again
        .env
        .push(("ROBOT_WORKSPACE_WAIT_MS".into(), "0".into()));
    let app = App::launch(again).await;
    app.wait_screen("welcome-title").await;
    app.click("welcome-start").await;
    app.wait_screen("ws-title").await;
    app.type_into("ws-input", "acme").await;
    app.wait_text("ws-preview-url", "acme").await;
    app.click("ws-continue").await;
    app.wait_screen("core1-title").await;
    assert!(
        !app.exists("core1-registration").await,
        "never asked again for this workspace"
    );
    app.click("core1-sign-in").await;
    app.wait_screen("bc-title").await;
    practice.paste("");
    let installs = || {
        std::fs::read_to_string(&practice.robot_log)
            .unwrap_or_default()
            .matches("/connector/auth -> 200")
            .count()
    };
    let before = installs();
    app.click("bc-open-connector").await;
    app.wait_testid("bc-connector-waiting", 10).await;
    // The browser the wizard opened is done (it installed the app and waits on the connector's
    // form) before the next installs, which would otherwise race with it.
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while installs() == before {
        assert!(
            std::time::Instant::now() < deadline,
            "the connector page never came"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The wizard's next look is held up a moment (a busy Core1), so both land before it.
    practice.sandbox.set_fault(
        Fault::ServerError {
            status: 503,
            area: Some(Area::Core1),
            path_contains: Some("Connections.list".into()),
        },
        Some(1),
    );
    let connector = format!(
        "{}/deep-links/manage/marketplace/apps",
        practice.sandbox.bc_login_base()
    );
    let mine = RobotOptions {
        workspace: Some("acme".into()),
        cookie_file: Some(practice.cookies.clone()),
        ..RobotOptions::default()
    };
    let theirs = colleague(browsers.path());
    let (a, b) = tokio::join!(
        robot::run(&connector, &mine),
        robot::run(&connector, &theirs)
    );
    assert_eq!(a.unwrap().stop, RobotStop::ConnectorConnected);
    assert_eq!(b.unwrap().stop, RobotStop::ConnectorConnected);
    app.wait_testid("bc-candidate-title", 30).await;
    assert!(app
        .text("bc-candidate-title")
        .await
        .contains("Which one is yours?"));
    app.scroll_to("bc-candidates").await;
    app.screenshot_both("candidates", Some("bc-candidates"))
        .await;
    let first = app.text("bc-candidates").await;
    assert!(
        first.contains("abc123") && first.contains("def456"),
        "{first}"
    );
    // The list is newest first; pick the merchant's.
    let mine_at = if app.text("bc-candidate-row-0").await.contains("abc123") {
        0
    } else {
        1
    };
    app.click(&format!("bc-candidate-{mine_at}")).await;
    app.click("bc-candidate-yes").await;
    app.wait_screen("status-title").await;
    assert!(app.text("status-outcome").await.contains("updated"));
    wait_active(&app, &practice).await;
    app.close().await;
    println!(
        "first contact: 3 launches, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    practice.sandbox.shutdown().await;
}
