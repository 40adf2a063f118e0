//! Manage: the app deleted in BigCommerce shows up, a new access key typed by hand repairs it,
//! Reconnect repairs it too; a second computer finds the store's connection and updates it.

use setup_e2e::{
    through_bigcommerce, through_workspace_and_core1, to_active, wait_active, App, Practice,
};

#[tokio::test(flavor = "multi_thread")]
async fn revoked_access_then_manual_key_then_reconnect() {
    let practice = Practice::start(400).await;
    let app = App::launch(practice.launch("en_US.UTF-8", None)).await;
    to_active(&app, &practice, "acme").await;
    let id = practice.sandbox.connections("acme").unwrap()[0].id;
    app.click("status-finish").await;
    app.wait_screen("manage-title").await;
    let health = format!("conn-health-{id}");
    app.wait_attr(&health, "data-attention", "false", 30).await;

    // The merchant deletes the app in BigCommerce.
    assert!(practice.sandbox.uninstall_app("abc123").unwrap() > 0);
    app.click("manage-refresh").await;
    app.wait_attr(&health, "data-attention", "true", 30).await;
    assert_eq!(
        app.attr(&format!("conn-store-{id}"), "data-state")
            .await
            .as_deref(),
        Some("invalid")
    );
    assert!(app
        .text(&format!("conn-store-{id}"))
        .await
        .contains("no longer accepts the access"));
    assert!(app.text(&health).await.contains("Needs your attention"));
    app.screenshot("en-manage-attention").await;

    // A fresh key from an API account, typed by hand.
    let key = practice.fresh_store_key().await;
    app.click(&format!("conn-enter-key-{id}")).await;
    let input = format!("conn-key-input-{id}");
    app.wait_testid(&input, 5).await;
    assert_eq!(app.attr(&input, "type").await.as_deref(), Some("password"));
    // A wrong key first: words, not codes, and the field is emptied.
    app.type_into(&input, "not a key").await;
    app.click(&format!("conn-key-submit-{id}")).await;
    app.wait_testid(&format!("conn-error-{id}"), 20).await;
    assert_eq!(app.value(&input).await, "");
    app.assert_no_codes_shown().await;
    app.type_into(&input, &key).await;
    app.screenshot("en-manage-key").await;
    app.click(&format!("conn-key-submit-{id}")).await;
    app.wait_text(&format!("conn-message-{id}"), "new access key is saved")
        .await;
    app.wait_attr(&health, "data-attention", "false", 30).await;
    assert!(
        !app.client.source().await.unwrap().contains(&key),
        "the access key stayed in the page"
    );

    // Deleted again: Reconnect (the robot confirms the install again).
    practice.sandbox.uninstall_app("abc123").unwrap();
    app.click("manage-refresh").await;
    app.wait_attr(&health, "data-attention", "true", 30).await;
    app.click(&format!("conn-reconnect-{id}")).await;
    app.wait_text(&format!("conn-message-{id}"), "reconnected")
        .await;
    app.wait_attr(&health, "data-attention", "false", 30).await;
    assert_eq!(practice.sandbox.connections("acme").unwrap().len(), 1);
    app.screenshot("en-manage-repaired").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn duplicate_store_is_updated_not_doubled() {
    let practice = Practice::start(400).await;
    let first = App::launch(practice.launch("en_US.UTF-8", None)).await;
    to_active(&first, &practice, "acme").await;
    first.close().await;
    let before = practice.sandbox.connections("acme").unwrap();
    assert_eq!(before.len(), 1);

    // Another computer (another home), the same store and workspace.
    let second = App::launch(practice.launch_elsewhere("en_US.UTF-8")).await;
    through_bigcommerce(&second, &practice, None).await;
    through_workspace_and_core1(&second, "acme", None).await;
    second.wait_screen("connect-exists-title").await;
    assert!(second
        .text("connect-exists-title")
        .await
        .contains("already has a connection"));
    assert!(!second.exists("connect-create").await);
    second.screenshot("en-connect-exists").await;
    second.click("connect-update").await;
    second.wait_screen("status-title").await;
    wait_active(&second, &practice).await;
    let after = practice.sandbox.connections("acme").unwrap();
    assert_eq!(after.len(), 1, "no second connection");
    assert_eq!(after[0].id, before[0].id);
    second.close().await;
    practice.sandbox.shutdown().await;
}
