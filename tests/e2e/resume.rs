//! Quit halfway and come back: the same step, nothing asked twice. And the whole way in German.

use setup_e2e::{through_bigcommerce, through_workspace_and_core1, wait_active, App, Practice};

#[tokio::test(flavor = "multi_thread")]
async fn quit_halfway_and_resume_at_the_same_step() {
    let practice = Practice::start(400).await;
    let home = tempfile::tempdir().unwrap();
    let launch = || practice.launch("en_US.UTF-8", Some(home.path().to_path_buf()));
    let app = App::launch(launch()).await;
    through_bigcommerce(&app, &practice, None).await;
    app.wait_screen("ws-title").await;
    app.type_into("ws-input", "acme").await;
    app.wait_text("ws-preview-url", "acme").await;
    app.click("ws-continue").await;
    app.wait_screen("core1-title").await;
    app.close().await;

    // Back at Core1 sign-in: the store and the workspace are not asked again.
    let app = App::launch(launch()).await;
    app.wait_screen("core1-title").await;
    assert!(app.text("core1-workspace").await.contains("acme"));
    assert_eq!(
        app.attr("step-bigcommerce", "class").await.as_deref(),
        Some("step step-done")
    );
    app.screenshot("en-resumed").await;
    app.click("core1-sign-in").await;
    app.wait_screen("connect-title").await;
    app.close().await;

    // Quit on Connect, then after signing in to Core1: still signed in, Connect again.
    let app = App::launch(launch()).await;
    app.wait_screen("connect-title").await;
    app.click("connect-create").await;
    app.wait_screen("status-title").await;
    wait_active(&app, &practice).await;
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
    through_bigcommerce(&app, &practice, Some("de")).await;
    assert!(app.exists("ws-title").await || app.exists("bc-found-title").await);
    through_workspace_and_core1(&app, "acme", Some("de")).await;
    app.wait_screen("connect-title").await;
    assert_eq!(app.text("connect-create").await, "Verbindung anlegen");
    app.screenshot("de-connect").await;
    app.click("connect-create").await;
    app.wait_screen("status-title").await;
    wait_active(&app, &practice).await;
    assert!(app.text("status-badge").await.contains("Aktiv"));
    assert!(app.text("status-count-attributes").await.contains(" von "));
    assert!(app
        .text("keep-app")
        .await
        .contains("Löschen Sie die Connector-App"));
    app.screenshot("de-status-active").await;
    app.click("status-finish").await;
    app.wait_screen("manage-title").await;
    assert_eq!(app.text("manage-title").await, "Ihre Verbindungen");
    app.screenshot("de-manage").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}
