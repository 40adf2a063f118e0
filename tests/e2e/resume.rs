//! Quit halfway and come back: the same step, nothing asked twice — also while waiting for the
//! connector, which finished in the browser while the app was closed. And the whole way in German.

use setup_e2e::{
    confirm_store, through_connector, through_workspace_and_core1, wait_active, App, Practice,
};

#[tokio::test(flavor = "multi_thread")]
async fn quit_while_waiting_for_the_connector_and_resume() {
    let practice = Practice::start(300).await;
    let home = tempfile::tempdir().unwrap();
    let launch = || practice.launch("en_US.UTF-8", Some(home.path().to_path_buf()));
    // This merchant does not paste at once: the browser stays on the connector's form.
    let mut first = launch();
    first
        .env
        .push(("ROBOT_WORKSPACE_WAIT_MS".into(), "0".into()));
    let app = App::launch(first).await;
    through_workspace_and_core1(&app, &practice, "acme", None).await;
    // The connector page opens; the merchant has not pasted anything yet (the robot stops on
    // the connector's form), and closes the wizard.
    app.click("bc-open-connector").await;
    app.wait_testid("bc-connector-waiting", 10).await;
    // The browser opens once the wizard has kept what it waits for (closing before that would be
    // closing before waiting began).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !std::fs::read_to_string(&practice.robot_log)
        .unwrap_or_default()
        .contains("/connector/auth -> 200")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the connector page never came"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.close().await;

    // In the browser, the merchant finishes: types the name and presses START SETUP.
    let robot = setup_sandbox::robot::RobotOptions {
        cookie_file: Some(practice.cookies.clone()),
        workspace: Some("acme".into()),
        ..Default::default()
    };
    let connector = format!(
        "{}/deep-links/manage/marketplace/apps",
        practice.sandbox.bc_login_base()
    );
    let out = setup_sandbox::robot::run(&connector, &robot).await.unwrap();
    assert!(out.text.contains("BigCommerce connected"), "{}", out.text);

    // Back in the wizard: it resumes waiting, finds the connection at once and asks.
    let app = App::launch(launch()).await;
    confirm_store(&app, "abc123").await;
    assert!(app.text("status-outcome").await.contains("created"));
    assert_eq!(
        app.attr("step-core1", "class").await.as_deref(),
        Some("step step-done")
    );
    wait_active(&app, &practice).await;
    assert_eq!(practice.sandbox.connections("acme").unwrap().len(), 1);
    app.close().await;

    // Quit on the store step (after the Core1 sign-in): back there, not asked to sign in again.
    let other = tempfile::tempdir().unwrap();
    let app = App::launch(practice.launch("en_US.UTF-8", Some(other.path().to_path_buf()))).await;
    through_workspace_and_core1(&app, &practice, "practice", None).await;
    app.close().await;
    let app = App::launch(practice.launch("en_US.UTF-8", Some(other.path().to_path_buf()))).await;
    app.wait_screen("bc-title").await;
    assert_eq!(app.text("bc-workspace-url").await, "practice");
    app.screenshot("en-resumed").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn happy_path_in_german() {
    let practice = Practice::start(500).await;
    let app = App::launch(practice.launch("de_DE.UTF-8", None)).await;
    app.wait_text(
        "welcome-title",
        "Ihren BigCommerce-Shop mit Core1 verbinden",
    )
    .await;
    through_workspace_and_core1(&app, &practice, "acme", Some("de")).await;
    assert_eq!(app.text("bc-open-connector").await, "BigCommerce öffnen");
    through_connector(&app, &practice, Some("de")).await;
    wait_active(&app, &practice).await;
    assert!(app.text("status-badge").await.contains("Aktiv"));
    assert!(app.text("status-count-attributes").await.contains(" von "));
    assert!(app
        .text("keep-app")
        .await
        .contains("Actindo Core1 DOP Connector"));
    app.screenshot("de-status-active").await;
    app.click("status-finish").await;
    app.wait_screen("manage-title").await;
    assert_eq!(app.text("manage-title").await, "Ihre Verbindungen");
    app.screenshot("de-manage").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}
