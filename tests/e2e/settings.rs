//! After the connection: the first settings chosen on Status (a day typed in German as
//! TT.MM.JJJJ) and seen applied in the practice Core1; what arrived, counted in the store (road
//! 2) with a fault that leaves products behind, then Synchronize now → all arrived, on a store
//! with two storefronts; the go-live check naming colliding products (counts grouped in German);
//! on road 1 Core1's side only, the go-live check by hand, the settings reached again from
//! Manage and Core1's order/return errors shown there. One app launch per road, signed in to
//! Core1 on the store step (seeded, `seed.rs`): Status needs the road, walked in the window.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use setup_e2e::{
    english_words, opened_files, pick_file, reports_in_browser, through_connector, wait_active,
    App, Pace, Practice,
};
use setup_sandbox::VariantOptionType;

/// `{lang}-{name}` for each of `langs`: the window (as tall as the display) with this part of
/// the screen scrolled to the top of the screen's scrolling area (the pictures the README shows
/// — first settings, what is missing, the go-live check, the report saved — are the album's).
async fn part_shots_in(app: &App, name: &str, testid: &str, langs: &[&str]) {
    setup_e2e::album::part_screenshots(app, name, testid, langs).await;
}

/// Today as the computer writes it (`YYYY-MM-DD`, its own time zone): the report's file name.
fn today() -> String {
    let out = std::process::Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// [`part_shots_in`] English and German.
async fn part_shots(app: &App, name: &str, testid: &str) {
    part_shots_in(app, name, testid, &["en", "de"]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn road_2_settings_applied_missing_products_then_all_arrived_on_two_storefronts() {
    let practice = Practice::start(Pace::QUICK).await;
    practice.products_left_behind_on_two_storefronts();
    let (app, _home) = practice.launch_signed_in("en_US.UTF-8", "acme").await;
    app.click("bc-use-api").await;
    app.wait_screen("bc-api-title").await;
    let account = practice.api_account(None);
    pick_file(&app, "bc-api-file", "api-account.txt", &account.txt()).await;
    app.wait_screen("status-title").await;
    wait_active(&app, &practice).await;
    let id = practice.sandbox.connections("acme").unwrap()[0].id;

    // The first settings, as Core1 has them for a new connection.
    app.wait_testid("status-settings-form", 20).await;
    let defaults = practice.sandbox.applied_settings("acme", id).unwrap();
    assert_eq!(defaults.settings.order_statuses, vec![8, 9, 11]);
    let checked = |id: String| {
        let app = &app;
        async move { app.attr(&id, "checked").await.is_some() }
    };
    assert!(checked("status-settings-variant-dropdown".into()).await);
    assert!(checked("status-settings-status-11".into()).await);
    assert!(!checked("status-settings-status-2".into()).await);
    assert_eq!(
        defaults.statistics.orders, 21,
        "the awaiting-fulfillment half"
    );

    // What arrived: 7 products and their 7 variants behind, on a store with two storefronts.
    app.wait_attr("status-arrived-verdict", "data-state", "missing", 30)
        .await;
    assert_eq!(
        app.attr("status-arrived-verdict", "data-missing")
            .await
            .as_deref(),
        Some("14")
    );
    let short = app.text("status-arrived-missing").await;
    assert!(short.contains("Products 7 · Variants 7"), "{short}");
    assert_eq!(app.text("status-arrived-store-products").await, "250");
    assert!(app
        .text("status-arrived-core1-products")
        .await
        .starts_with("243"));
    assert_eq!(
        app.attr("status-arrived-storefronts", "data-count")
            .await
            .as_deref(),
        Some("2")
    );
    let store = &practice.sandbox.config().bigcommerce.stores[0].name;
    assert!(app
        .text("status-arrived-storefront-covered")
        .await
        .contains(store.as_str()));
    app.assert_no_codes_shown().await;

    // Choose: round buttons; shipped orders too; only mapped attributes; from 1 February. A day
    // in a form no language writes first.
    app.click("status-settings-variant-radio_buttons").await;
    app.click("status-settings-status-2").await;
    app.click("status-settings-mapped").await;
    app.type_into("status-settings-ordersCreatedAfter", "2024/02/01")
        .await;
    app.click("status-settings-save").await;
    app.wait_attr("status-settings-error", "data-code", "settings_invalid", 20)
        .await;
    let (text, _) = english_words("settings_invalid");
    assert_eq!(app.text("status-settings-error-text").await, text);
    assert_eq!(
        practice
            .sandbox
            .applied_settings("acme", id)
            .unwrap()
            .settings,
        defaults.settings,
        "nothing was sent"
    );
    // The day as a German merchant types it, in the German window: TT.MM.JJJJ.
    app.switch_language("de").await;
    assert_eq!(
        app.attr("status-settings-ordersCreatedAfter", "placeholder")
            .await
            .as_deref(),
        Some("TT.MM.JJJJ")
    );
    app.type_into("status-settings-ordersCreatedAfter", "01.02.2024")
        .await;
    app.click("status-settings-save").await;
    app.wait_testid("status-settings-message", 20).await;
    assert_eq!(
        app.value("status-settings-ordersCreatedAfter").await,
        "01.02.2024",
        "shown back as Core1 keeps it, in German"
    );
    app.switch_language("en").await;
    part_shots(&app, "settings-filters", "status-settings-filters").await;
    let applied = practice.sandbox.applied_settings("acme", id).unwrap();
    assert_eq!(
        applied.settings.variant_option_type,
        VariantOptionType::RadioButtons
    );
    assert_eq!(applied.settings.order_statuses, vec![2, 8, 9, 11]);
    assert_eq!(
        applied.settings.orders_created_after.as_deref(),
        Some("2024-02-01")
    );
    assert_eq!(applied.settings.orders_id_from, None);
    assert!(applied.settings.only_push_mapped_attributes);
    assert_eq!(
        applied.statistics.orders,
        42 - 17,
        "the practice import honours the states and the day"
    );
    app.click("status-settings-close").await;
    app.wait_testid("status-settings-open", 10).await;

    // Synchronize now: the products left behind arrive.
    app.click("status-arrived-sync").await;
    app.wait_attr("status-arrived-verdict", "data-state", "all", 60)
        .await;
    assert_eq!(app.text("status-arrived-core1-products").await, "250");
    assert_eq!(app.text("status-arrived-core1-orders").await, "25");
    assert!(app.exists("status-arrived-storefronts").await);
    part_shots(&app, "arrived-all", "status-arrived").await;

    // Before going live: the store's 1,234 products read page by page; two of them collide.
    practice.sandbox.set_products("abc123", 1234).unwrap();
    practice
        .sandbox
        .set_custom_url("abc123", 112, "/Practice-Product-1")
        .unwrap();
    app.click("status-golive-urls-check").await;
    app.wait_attr("status-golive-urls-result", "data-state", "found", 30)
        .await;
    let group = app.text("status-golive-urls-group-0").await;
    assert!(
        group.contains(
            "/practice-product-1/ — Practice product 1, Practice product 2 (/Practice-Product-1)"
        ),
        "{group}"
    );
    assert!(app
        .text("status-golive-urls-result")
        .await
        .contains("(1,234 products checked)"));
    app.switch_language("de").await;
    assert!(
        app.text("status-golive-urls-result")
            .await
            .contains("(1.234 Produkte geprüft)"),
        "a count grouped the German way"
    );
    app.switch_language("en").await;
    app.assert_no_codes_shown().await;

    // The onboarding report: the save dialog opens in Documents with the suggested name, Enter
    // saves it, the browser is asked to open it; then in German under a name typed in the dialog.
    let started = std::time::Instant::now();
    let en = app.save_status_report().await;
    assert_eq!(
        en.file_name().unwrap().to_str().unwrap(),
        format!("Core1-BigCommerce-acme-{}.html", today())
    );
    assert_eq!(
        app.attr("status-report-message", "data-opened")
            .await
            .as_deref(),
        Some("true")
    );
    println!(
        "report: made by the app in {} ms, {} bytes",
        app.attr("status-report-message", "data-made-ms")
            .await
            .unwrap(),
        app.attr("status-report-message", "data-bytes")
            .await
            .unwrap()
    );
    assert!(app
        .text("status-report-message")
        .await
        .contains("open in your browser"));
    app.switch_language("de").await;
    let de = app
        .save_report(
            "status-report-save",
            "Einrichtungsbericht speichern",
            Some("Einrichtungsbericht-acme.html"),
            "status-report-message",
        )
        .await;
    assert_eq!(de.file_name().unwrap(), "Einrichtungsbericht-acme.html");
    app.switch_language("en").await;
    let opened = opened_files(&app.home, 2).await;
    assert_eq!(opened.len(), 2, "{opened:?}");
    for (line, file) in opened.iter().zip([&en, &de]) {
        let shown = line.strip_prefix("file://").unwrap_or(line);
        assert_eq!(
            Path::new(shown),
            file.as_path(),
            "the browser got the saved file"
        );
    }
    let saving = started.elapsed().as_secs_f64();
    let en_html = std::fs::read_to_string(&en).unwrap();
    for part in [
        "<html lang=\"en\">",
        "<dd data-fact=\"store\">Practice Store</dd>",
        "<dd data-fact=\"variant\">Round buttons</dd>",
        "<dd data-fact=\"after\">2024-02-01</dd>",
        "<span class=\"url\">/practice-product-1/</span>",
        "data-verdict=\"missing\"", // 1,234 products in the store since the go-live check
    ] {
        assert!(en_html.contains(part), "{part}");
    }
    assert!(std::fs::read_to_string(&de)
        .unwrap()
        .contains("<dd data-fact=\"after\">01.02.2024</dd>"));
    // A setup file's run is no practice: no page is marked.
    let browser = reports_in_browser(&[
        (&en, "road2-en", None, "no password, access key"),
        (&de, "road2-de", None, "kein Passwort"),
    ])
    .await;
    println!("report: saving both {saving:.1} s, Chromium checks {browser:.1} s");
    app.close().await;
    practice.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn road_1_shows_core1_side_only_and_manage_reopens_the_settings() {
    let practice = Practice::start(Pace::QUICK).await;
    let (app, _home) = practice.launch_signed_in("en_US.UTF-8", "acme").await;
    through_connector(&app).await;
    wait_active(&app, &practice).await;
    let id = practice.sandbox.connections("acme").unwrap()[0].id;
    let card = practice.card("acme");
    app.wait_attr("status-arrived-verdict", "data-state", "core1_only", 30)
        .await;
    assert_eq!(
        app.attr("status-arrived-verdict", "data-why")
            .await
            .as_deref(),
        Some("connector_holds_key")
    );
    assert_eq!(app.text("status-arrived-core1-products").await, "250");
    assert!(!app.exists("status-arrived-store-products").await);
    assert!(!app.exists("status-arrived-storefronts").await);
    // The go-live check says how to look by hand: the connector holds the store's key.
    assert!(app.exists("status-golive-urls-by-hand").await);
    assert!(!app.exists("status-golive-urls-check").await);
    part_shots_in(&app, "golive-road1", "status-golive", &["en"]).await;

    // Skipped on Status, made later from Manage; meanwhile Core1's order import met errors.
    app.wait_testid("status-settings-form", 20).await;
    app.click("status-settings-close").await;
    app.wait_testid("status-settings-open", 10).await;
    practice
        .sandbox
        .set_order_return_errors("acme", id, true)
        .unwrap();
    app.click("status-finish").await;
    // The card that needs attention takes the focus (not the heading): no `wait_screen`.
    app.wait_testid("manage-title", 30).await;
    app.wait_attr(&format!("conn-orders-{card}"), "data-state", "errors", 30)
        .await;
    assert_eq!(
        app.attr(&format!("conn-health-{card}"), "data-attention")
            .await
            .as_deref(),
        Some("true")
    );
    assert!(app
        .text(&format!("conn-orders-{card}"))
        .await
        .contains("Processes"));
    part_shots_in(
        &app,
        "manage-order-errors",
        &format!("conn-{card}"),
        &["en"],
    )
    .await;
    app.wait_attr(
        &format!("conn-arrived-{card}-verdict"),
        "data-state",
        "core1_only",
        30,
    )
    .await;
    app.click(&format!("conn-settings-{card}")).await;
    app.wait_testid(&format!("conn-prefs-{card}-form"), 20)
        .await;
    app.click(&format!("conn-prefs-{card}-archived")).await;
    app.type_into(&format!("conn-prefs-{card}-ordersIdFrom"), "130")
        .await;
    app.click(&format!("conn-prefs-{card}-save")).await;
    app.wait_testid(&format!("conn-prefs-{card}-message"), 20)
        .await;
    let applied = practice.sandbox.applied_settings("acme", id).unwrap();
    assert!(applied.settings.import_archived_orders);
    assert_eq!(applied.settings.orders_id_from, Some(130));
    // Awaiting fulfillment above 130: 131, 133, …, 141; the archived ones are Completed.
    assert_eq!(applied.statistics.orders, 6);
    app.assert_no_codes_shown().await;
    part_shots(
        &app,
        "manage-arrived-road1",
        &format!("conn-arrived-{card}"),
    )
    .await;

    // The onboarding report from the card, in German: the settings made here, Core1's side.
    app.switch_language("de").await;
    let report = app
        .save_report(
            &format!("conn-onboarding-{card}-save"),
            "Einrichtungsbericht speichern",
            None,
            &format!("conn-onboarding-{card}-message"),
        )
        .await;
    app.switch_language("en").await;
    assert_eq!(
        report.file_name().unwrap().to_str().unwrap(),
        format!("Core1-BigCommerce-acme-{}.html", today())
    );
    assert_eq!(opened_files(&app.home, 1).await.len(), 1);
    let html = std::fs::read_to_string(&report).unwrap();
    for part in [
        "<html lang=\"de\">",
        "<dd data-fact=\"road\">Actindos Connector-App</dd>",
        "<dd data-fact=\"archived\">Ja</dd>",
        "<dd data-fact=\"id-from\">130</dd>",
        "data-verdict=\"core1_only\"",
        "data-urls=\"by-hand\"",
    ] {
        assert!(html.contains(part), "{part}");
    }
    let secs = reports_in_browser(&[(&report, "road1-de", None, "kein Passwort")]).await;
    println!("report: road 1 from Manage, Chromium {secs:.1} s");
    app.close().await;
    practice.sandbox.shutdown().await;
}
