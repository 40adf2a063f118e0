//! The album: the wizard's screens the documents show, in English and German, taken in two
//! launches. Road 1 walked from Welcome in a world that does not know the wizard yet (the
//! registration walked; German through the page's own language buttons, its words checked on
//! Status) to Manage, where the connector app is deleted in BigCommerce and reinstalled. Road 2
//! from a seeded sign-in (`seed.rs`): an API account's file with an access missing, then the
//! right one, and on Status the first settings saved, products left behind on a store with two
//! storefronts, the go-live check finding two products with one web address, and the onboarding
//! report saved; then Manage, the API account deleted (started in German from the system's
//! language). `tests/artifacts/album/*.png`; with `UPDATE_ALBUM=1` copied to
//! `tests/screens/` under the documents' names (`support/album.rs`). What each state means is
//! asserted by the test whose subject it is (happy, first_contact, roads, settings, manage);
//! here only what makes the picture show it.
#![allow(clippy::unwrap_used)]

use setup_e2e::album::{panel_in_view, part_pictures, picture, road_1_pictured};
use setup_e2e::{connector_deleted_noticed, connector_reinstalled, orders_read_only, pick_file};
use setup_e2e::{wait_active, App, Pace, Practice};

#[tokio::test(flavor = "multi_thread")]
async fn the_documents_pictures_in_english_and_german() {
    road_1_to_manage().await;
    road_2_after_the_connection().await;
}

/// Road 1 the whole way, pictured; the German words checked on the way; Manage, the connector
/// deleted and reinstalled.
async fn road_1_to_manage() {
    // Phases long enough that Status still shows them after "Is this your store?" was answered.
    let practice = Practice::start_unregistered(Pace::WATCHABLE).await;
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
    connector_deleted_noticed(&app, &practice, &card).await;
    picture(&app, "en-manage-attention").await;
    connector_reinstalled(&app, &card).await;
    picture(&app, "en-manage-repaired").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}

/// Road 2 from a seeded sign-in to Status and what Status offers after the connection, the
/// world set as `settings.rs` sets it (which asserts what each part says); then Manage, the API
/// account deleted in BigCommerce: the card asks for a new key, and the key form filled in. The
/// system speaks German: so does the app, from its first screen.
async fn road_2_after_the_connection() {
    let practice = Practice::start(Pace::QUICK).await;
    practice.products_left_behind_on_two_storefronts();
    let (app, _home) = practice.launch_signed_in("de_DE.UTF-8", "acme").await;
    assert_eq!(
        app.text("bc-title").await,
        "Ihren BigCommerce-Shop verbinden"
    );
    app.switch_language("en").await;
    app.click("bc-use-api").await;
    app.wait_screen("bc-api-title").await;

    // An API account with orders ticked read-only: the missing access named.
    let short = practice.api_account(Some(&orders_read_only()));
    pick_file(&app, "bc-api-file", "api-account.txt", &short.txt()).await;
    app.wait_attr(
        "bc-api-error",
        "data-code",
        "bigcommerce_access_missing",
        30,
    )
    .await;
    app.wait_testid("bc-api-missing-orders_modify", 5).await;
    panel_in_view(&app, "bc-api-error").await;
    picture(&app, "en-api-account-missing").await;
    let good = practice.api_account(None);
    pick_file(&app, "bc-api-file", "api-account.txt", &good.txt()).await;
    app.wait_screen("status-title").await;
    wait_active(&app, &practice).await;

    // What arrived: products left behind, with Synchronize now, on two storefronts.
    app.wait_testid("status-settings-form", 20).await;
    app.wait_attr("status-arrived-verdict", "data-state", "missing", 30)
        .await;
    app.wait_testid("status-arrived-storefronts", 5).await;
    part_pictures(&app, "arrived-missing", "status-arrived", &["en", "de"]).await;

    // The first settings chosen and saved: round buttons, shipped orders too, from 1 February.
    app.click("status-settings-variant-radio_buttons").await;
    app.click("status-settings-status-2").await;
    app.click("status-settings-mapped").await;
    app.type_into("status-settings-ordersCreatedAfter", "2024-02-01")
        .await;
    app.click("status-settings-save").await;
    app.wait_testid("status-settings-message", 20).await;
    part_pictures(&app, "settings", "status-settings", &["en", "de"]).await;

    // Before going live: two of the store's 1,234 products share a web address.
    practice.sandbox.set_products("abc123", 1234).unwrap();
    practice
        .sandbox
        .set_custom_url("abc123", 112, "/Practice-Product-1")
        .unwrap();
    app.click("status-golive-urls-check").await;
    app.wait_attr("status-golive-urls-result", "data-state", "found", 30)
        .await;
    part_pictures(&app, "golive", "status-golive", &["en", "de"]).await;

    // The onboarding report saved (the save dialog answered with Enter) and opened.
    app.save_status_report().await;
    app.wait_attr("status-report-message", "data-opened", "true", 10)
        .await;
    part_pictures(&app, "report-saved", "status-report", &["en"]).await;

    // Manage: the API account deleted in BigCommerce; the card, checked again, asks for a new
    // key (and takes the focus).
    app.click("status-finish").await;
    app.wait_testid("manage-title", 30).await;
    let id = practice.card("acme");
    let health = format!("conn-health-{id}");
    app.wait_attr(&health, "data-attention", "false", 30).await;
    assert_eq!(practice.sandbox.delete_api_accounts("abc123"), 2);
    app.click_when_enabled("manage-refresh").await;
    app.wait_attr(&health, "data-attention", "true", 30).await;
    app.wait_screen(&health).await;
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
