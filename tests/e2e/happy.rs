//! Road 1, the connector app, the whole way to an active connection in English (its pictures
//! are the album's); Manage on the next launch; then the app deleted in BigCommerce, noticed in
//! Manage, and "Reinstall the connector" repairing the same connection (the album pictures
//! both); Forget saying what it leaves in place.

use setup_e2e::{connector_deleted_noticed, connector_reinstalled};
use setup_e2e::{through_connector, through_workspace_and_core1, wait_active, App, Pace, Practice};

#[tokio::test(flavor = "multi_thread")]
async fn road_1_to_active_then_manage_then_reinstall() {
    // Phases long enough that Status still shows them after "Is this your store?" was answered.
    let practice = Practice::start(Pace::WATCHABLE).await;
    let home = tempfile::tempdir().unwrap();
    let app = App::launch(practice.launch("en_US.UTF-8", Some(home.path().to_path_buf()))).await;

    through_workspace_and_core1(&app, &practice, "acme").await;
    // The connector's steps, and its field as it looks there: https:// · acme · .actindo.com.
    assert!(app
        .text("bc-connector-steps")
        .await
        .contains("Actindo Core1 DOP Connector"));
    assert_eq!(
        app.text("bc-connector-field").await,
        "https://acme.actindo.com"
    );
    through_connector(&app).await;
    assert!(app.text("status-outcome").await.contains("created"));
    app.wait_attr("status-row-attributes", "data-state", "running", 20)
        .await;
    wait_active(&app, &practice).await;
    assert_eq!(app.text("status-badge").await.trim(), "✓ Active");
    assert!(app
        .text("keep-app")
        .await
        .contains("Actindo Core1 DOP Connector"));
    // What the attribute rows are about, in words.
    assert!(app
        .text("status-attributes-what")
        .await
        .contains("properties that describe your products"));
    assert_eq!(
        app.attr("keep-app", "data-road").await.as_deref(),
        Some("connector")
    );
    // "Open in Core1" opens this run's workspace (the page names no address).
    app.click("status-open-core1").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !std::fs::read_to_string(&practice.robot_log)
        .unwrap_or_default()
        .lines()
        .any(|l| l.contains("GET") && l.ends_with("/core1/acme/ -> 200"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the workspace was not opened"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let conns = practice.sandbox.connections("acme").unwrap();
    assert_eq!(conns.len(), 1, "exactly one connection in Core1");
    let id = conns[0].id;
    let card = practice.card("acme");

    app.click("status-finish").await;
    app.wait_screen("manage-title").await;
    let health = format!("conn-health-{card}");
    app.wait_attr(&health, "data-attention", "false", 20).await;
    // Named as Actindo's connector names its connections.
    assert_eq!(
        app.text(&format!("conn-name-{card}")).await,
        "BigCommerce (abc123)"
    );
    assert_eq!(
        app.attr(&format!("conn-store-{card}"), "data-state")
            .await
            .as_deref(),
        Some("not_held")
    );
    assert!(
        !app.exists(&format!("conn-reconnect-{card}")).await,
        "no road 3 here"
    );
    // The workspace as the merchant knows it; no store code as the store's identity (road 1
    // never sees the store's domain; the heading is Core1's name for the connection).
    assert_eq!(
        app.text(&format!("conn-meta-{card}")).await,
        "Workspace: acme.actindo.com"
    );
    app.assert_no_loopback_shown().await;
    // Road 1's warning and repair: the connector app is what the merchant keeps.
    assert!(app.exists(&format!("conn-reinstall-{card}")).await);
    assert!(app
        .text("manage-keep-connector")
        .await
        .contains("Actindo Core1 DOP Connector"));
    assert!(!app.exists("manage-keep-api_account").await);
    app.close().await;

    // A later launch opens Manage straight away.
    let app = App::launch(practice.launch("en_US.UTF-8", Some(home.path().to_path_buf()))).await;
    app.wait_screen("manage-title").await;
    app.wait_attr(&health, "data-attention", "false", 20).await;

    // The merchant deletes the connector app in BigCommerce; Core1 notices at its next import.
    connector_deleted_noticed(&app, &practice, &card).await;

    // Reinstall the connector: road 1 again, the same connection updated. The merchant copies
    // the name for the connector's field (the first launch's clipboard went with it).
    connector_reinstalled(&app, &card).await;
    let after = practice.sandbox.connections("acme").unwrap();
    assert_eq!((after.len(), after[0].id), (1, id));

    // Forget says exactly what it does and what it leaves (the connector keeps its access).
    app.click(&format!("conn-forget-{card}")).await;
    let what = app.text(&format!("conn-forget-what-{card}")).await;
    assert!(what.contains("keeps working"), "{what}");
    assert!(
        what.contains("until you uninstall it in BigCommerce"),
        "{what}"
    );
    app.click(&format!("conn-forget-yes-{card}")).await;
    app.wait_screen("welcome-title").await;
    assert_eq!(
        practice.sandbox.connections("acme").unwrap().len(),
        1,
        "Core1 keeps it"
    );
    app.close().await;
    practice.sandbox.shutdown().await;
}
