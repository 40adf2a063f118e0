//! Quit halfway and come back: the same step, nothing asked twice — also while waiting for the
//! connector, which finished in the browser while the app was closed (the clipboard emptied with
//! it: Copy again). Back in the middle of road 1 and START SETUP pressed meanwhile: found on
//! return. (The whole way in German is the album's.)
#![allow(clippy::unwrap_used)]

use setup_e2e::{
    clipboard_text, confirm_store, through_workspace_and_core1, wait_active, App, Pace, Practice,
};

/// How often the robot has shown the connector's page so far (its log is kept for the test).
fn connector_pages(practice: &Practice) -> usize {
    std::fs::read_to_string(&practice.robot_log)
        .unwrap_or_default()
        .matches("/connector/auth -> 200")
        .count()
}

/// Waits until the robot showed the connector's page once more than `before`: the wizard has
/// kept what it waits for (closing or going back before that would be before waiting began).
async fn wait_connector_page(practice: &Practice, before: usize) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while connector_pages(practice) <= before {
        assert!(
            std::time::Instant::now() < deadline,
            "the connector page never came"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// In the browser, the merchant finishes what the wizard's page began: types `workspace` into
/// the connector's field and presses START SETUP.
async fn finish_connector(practice: &Practice, workspace: &str) {
    let robot = setup_sandbox::robot::RobotOptions {
        cookie_file: Some(practice.cookies.clone()),
        workspace: Some(workspace.into()),
        ..Default::default()
    };
    let connector = format!(
        "{}/deep-links/manage/marketplace/apps",
        practice.sandbox.bc_login_base()
    );
    let out = setup_sandbox::robot::run(&connector, &robot).await.unwrap();
    assert!(out.text.contains("BigCommerce connected"), "{}", out.text);
}

#[tokio::test(flavor = "multi_thread")]
async fn quit_while_waiting_for_the_connector_and_resume() {
    let practice = Practice::start(Pace::QUICK).await;
    // This merchant does not paste at once: the browser stays on the connector's form.
    let launch = |home: &std::path::Path| {
        let mut l = practice.launch("en_US.UTF-8", Some(home.to_path_buf()));
        l.env.push(("ROBOT_WORKSPACE_WAIT_MS".into(), "0".into()));
        l
    };

    // Back in the middle of road 1: the connector's page is open, the merchant goes back to the
    // workspace step, presses START SETUP in the browser anyway, and returns.
    let home = tempfile::tempdir().unwrap();
    let app = App::launch(launch(home.path())).await;
    through_workspace_and_core1(&app, &practice, "acme").await;
    let pages = connector_pages(&practice);
    app.click("bc-open-connector").await;
    app.wait_testid("bc-connector-waiting", 10).await;
    wait_connector_page(&practice, pages).await;
    app.click("bc-back").await;
    app.wait_screen("ws-title").await;
    app.wait_testid("notice-connector-paused", 5).await;
    assert!(app
        .text("notice-connector-paused-text")
        .await
        .contains("first looks for what you did in BigCommerce meanwhile"));
    setup_e2e::album::picture(&app, "en-connector-paused").await;
    finish_connector(&practice, "acme").await;
    app.click("ws-continue").await;
    // The store step looks at once with the kept watch: the merchant's connection is asked
    // about, and it is one this run made (before: it waited for ever).
    confirm_store(&app, "abc123").await;
    assert!(app.text("status-outcome").await.contains("created"));
    assert!(
        !app.exists("notice-connector-paused").await,
        "taken back on return"
    );
    app.close().await;

    // Quit while waiting for the connector, after Copy: the connector is finished in the
    // browser while the wizard is closed.
    let other = tempfile::tempdir().unwrap();
    let app = App::launch(launch(other.path())).await;
    through_workspace_and_core1(&app, &practice, "practice").await;
    let pages = connector_pages(&practice);
    app.click("bc-open-connector").await;
    app.wait_testid("bc-connector-waiting", 10).await;
    wait_connector_page(&practice, pages).await;
    app.click("bc-copy-workspace").await;
    app.wait_text("bc-copy-workspace", "✓").await;
    assert_eq!(clipboard_text().as_deref(), Some("practice"));
    assert_eq!(
        app.attr("bc-connector-step-5", "data-current")
            .await
            .as_deref(),
        Some("true")
    );
    app.close().await;

    // Back in the wizard, waiting again, not asked to sign in again: the clipboard went with the
    // closed app (no clipboard manager on this bare X server), so Copy again is asked for, and
    // the merchant is still at "paste" (the highlight does not jump back to the first steps).
    let app = App::launch(launch(other.path())).await;
    app.wait_testid("bc-connector-waiting", 10).await;
    assert_eq!(app.text("bc-workspace-url").await, "practice");
    assert_ne!(clipboard_text().as_deref(), Some("practice"));
    app.wait_testid("bc-copy-again", 5).await;
    assert_eq!(
        app.attr("bc-connector-step-5", "data-current")
            .await
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        app.attr("bc-connector-step-1", "data-current")
            .await
            .as_deref(),
        Some("false")
    );
    setup_e2e::album::picture(&app, "en-resumed").await;
    app.click("bc-copy-workspace").await;
    app.wait_text("bc-copy-workspace", "✓").await;
    assert!(!app.exists("bc-copy-again").await);
    assert_eq!(clipboard_text().as_deref(), Some("practice"));
    app.close().await;
    finish_connector(&practice, "practice").await;

    // It resumes waiting, finds the connection at once and asks.
    let app = App::launch(launch(other.path())).await;
    confirm_store(&app, "abc123").await;
    assert!(app.text("status-outcome").await.contains("created"));
    assert_eq!(
        app.attr("step-core1", "class").await.as_deref(),
        Some("step step-done")
    );
    wait_active(&app, &practice).await;
    assert_eq!(practice.sandbox.connections("practice").unwrap().len(), 1);
    app.close().await;
    practice.sandbox.shutdown().await;
}
