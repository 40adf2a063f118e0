//! The album: the wizard's screens the documents show, in English and German, taken on one walk
//! of road 1 (Welcome to Manage; German through the page's own language buttons, its words
//! checked on Status) and on Manage seeded with a road-2 connection (`seed.rs`) whose key was
//! revoked, started in German from the system's language. `tests/artifacts/album/*.png`; with
//! `UPDATE_ALBUM=1` copied to `tests/screens/` under the documents' names (`support/album.rs`).
#![allow(clippy::unwrap_used)]

use setup_core::StoreRoad;
use setup_e2e::album::{picture, road_1_pictured};
use setup_e2e::{wait_active, App, Pace, Practice};

#[tokio::test(flavor = "multi_thread")]
async fn the_documents_pictures_in_english_and_german() {
    road_1_to_manage().await;
    manage_key_revoked().await;
}

/// Road 1 the whole way, pictured; the German words checked on the way.
async fn road_1_to_manage() {
    // Phases long enough that Status still shows them after "Is this your store?" was answered.
    let practice = Practice::start(Pace::WATCHABLE).await;
    let app = App::launch(practice.launch("en_US.UTF-8", None)).await;
    road_1_pictured(&app, &practice, "acme").await;
    app.wait_attr("status-row-attributes", "data-state", "running", 20)
        .await;
    picture(&app, "en-status-running").await;
    wait_active(&app, &practice).await;
    picture(&app, "en-status-active").await;
    app.switch_language("de").await;
    assert!(app.text("status-badge").await.contains("Aktiv"));
    assert!(app.text("status-count-attributes").await.contains(" von "));
    assert!(app
        .text("keep-app")
        .await
        .contains("Actindo Core1 DOP Connector"));
    app.switch_language("en").await;
    app.click("status-finish").await;
    app.wait_screen("manage-title").await;
    let card = practice.card("acme");
    app.wait_attr(
        &format!("conn-health-{card}"),
        "data-attention",
        "false",
        20,
    )
    .await;
    picture(&app, "en-manage").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}

/// Manage on road 2 (seeded), the API account deleted in BigCommerce: the card asks for a new
/// key, and the key form filled in.
async fn manage_key_revoked() {
    let practice = Practice::start(Pace::QUICK).await;
    let home = tempfile::tempdir().unwrap();
    let id = practice
        .seed_connection(home.path(), "acme", StoreRoad::ApiAccount)
        .await;
    // The system speaks German: so does the app, from its first screen.
    let app = App::launch(practice.launch("de_DE.UTF-8", Some(home.path().into()))).await;
    app.wait_screen("manage-title").await;
    assert_eq!(app.text("manage-title").await, "Ihre Verbindungen");
    app.switch_language("en").await;
    let health = format!("conn-health-{id}");
    app.wait_attr(&health, "data-attention", "false", 30).await;
    assert_eq!(practice.sandbox.delete_api_accounts("abc123"), 1);
    app.click("manage-refresh").await;
    app.wait_attr(&health, "data-attention", "true", 30).await;
    picture(&app, "en-manage-api-invalid").await;
    let key = practice.api_account(None).access_token;
    app.click(&format!("conn-enter-key-{id}")).await;
    let input = format!("conn-key-input-{id}");
    app.wait_testid(&input, 5).await;
    app.type_into(&input, &key).await;
    picture(&app, "en-manage-key").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}
