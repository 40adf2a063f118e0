//! The whole flow to an active connection, in English and in German, with a screenshot of each
//! screen; then Manage on the next launch.

use setup_e2e::{through_bigcommerce, through_workspace_and_core1, wait_active, App, Practice};

#[tokio::test(flavor = "multi_thread")]
async fn happy_path_to_active_then_manage() {
    let practice = Practice::start(700).await;
    let home = tempfile::tempdir().unwrap();
    let app = App::launch(practice.launch("en_US.UTF-8", Some(home.path().to_path_buf()))).await;

    through_bigcommerce(&app, &practice, Some("en")).await;
    through_workspace_and_core1(&app, "acme", Some("en")).await;

    app.wait_screen("connect-title").await;
    assert!(app.text("connect-store").await.contains("Practice Store"));
    app.screenshot("en-connect").await;
    app.click("connect-create").await;

    app.wait_screen("status-title").await;
    app.wait_attr("status-row-attributes", "data-state", "running", 20)
        .await;
    app.screenshot("en-status-running").await;
    wait_active(&app, &practice).await;
    assert_eq!(app.text("status-badge").await.trim(), "✓ Active");
    app.screenshot("en-status-active").await;

    let conns = practice.sandbox.connections("acme").unwrap();
    assert_eq!(conns.len(), 1, "exactly one connection in Core1");

    app.click("status-finish").await;
    app.wait_screen("manage-title").await;
    let id = conns[0].id;
    app.wait_attr(&format!("conn-health-{id}"), "data-attention", "false", 20)
        .await;
    assert_eq!(app.text(&format!("conn-name-{id}")).await, "Practice Store");
    assert!(app
        .text(&format!("conn-store-{id}"))
        .await
        .contains("BigCommerce accepts the access"));
    assert!(app.exists("manage-keep-app").await);
    app.screenshot("en-manage").await;

    // Synchronize now, from Manage.
    app.click(&format!("conn-sync-{id}")).await;
    app.wait_text(&format!("conn-message-{id}"), "synchronization has started")
        .await;
    app.close().await;

    // A later launch opens Manage straight away.
    let app = App::launch(practice.launch("en_US.UTF-8", Some(home.path().to_path_buf()))).await;
    app.wait_screen("manage-title").await;
    app.wait_testid(&format!("conn-{id}"), 20).await;
    app.close().await;
    practice.sandbox.shutdown().await;
}
