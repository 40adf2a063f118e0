//! The store step's roads as a merchant meets them: the connector given the wrong workspace (the
//! wizard's help, then the right one), a store that already has a connection and a browser with
//! no Core1 session, and the API account from the downloaded .txt file (a deleted account's file
//! refused with its name, its store and the next step; missing access named, too large a file
//! refused by the page, then the right file, and Status's warning about the API account).
//! Each starts signed in to Core1 on the store step, seeded (`seed.rs`): the way there is other
//! tests' subject.
#![allow(clippy::unwrap_used)]

use setup_core::ACCOUNT_FILE_MAX_BYTES;
use setup_e2e::{
    confirm_store, english_words, orders_read_only, pick_file, wait_active, App, Pace, Practice,
};

#[tokio::test(flavor = "multi_thread")]
async fn road_1_wrong_workspace_shows_help_then_the_right_one_succeeds() {
    let practice = Practice::start(Pace::QUICK).await;
    let (app, _home) = practice.launch_signed_in("en_US.UTF-8", "practice").await;
    // The merchant pastes another workspace's name into the connector (copied elsewhere).
    practice.paste("acme");
    app.click("bc-open-connector").await;
    app.wait_testid("bc-connector-waiting", 10).await;
    app.wait_testid("bc-connector-help", 20).await;
    let shown = app.text("bc-workspace-url").await;
    assert!(app
        .text("bc-connector-help-address")
        .await
        .contains(shown.trim()));
    assert!(app.exists("bc-open-workspace").await);
    assert_eq!(practice.sandbox.connections("acme").unwrap().len(), 1);
    assert!(practice.sandbox.connections("practice").unwrap().is_empty());
    assert!(app.exists("bc-connector-waiting").await, "still waiting");
    app.assert_no_codes_shown().await;
    // The help scrolled to its end, "Look again now" in view.
    app.scroll_to("bc-look-again").await;
    app.screenshot_both("connector-help", Some("bc-look-again"))
        .await;
    // The help itself sits below the fold at 900×680: a picture of just the panel.
    panel_shot(&app, "bc-connector-help", "en-connector-help-panel").await;

    // "I already clicked START SETUP": looking again finds nothing this run made (the connector
    // connected the other workspace), says so, and waiting goes on.
    assert!(app.exists("bc-connector-help-already").await);
    app.click("bc-look-again").await;
    app.wait_testid("bc-looked-nothing", 10).await;
    assert!(app
        .text("bc-looked-nothing")
        .await
        .contains(&format!("“{}”", shown.trim())));
    assert!(app.exists("bc-connector-waiting").await, "still waiting");
    assert!(practice.sandbox.connections("practice").unwrap().is_empty());

    // The right name this time, copied from the wizard, and the connector page opened again.
    app.click("bc-copy-workspace").await;
    app.wait_text("bc-copy-workspace", "✓").await;
    app.click("bc-connector-open-again").await;
    confirm_store(&app, "abc123").await;
    wait_active(&app, &practice).await;
    assert_eq!(practice.sandbox.connections("practice").unwrap().len(), 1);
    app.close().await;
    practice.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn road_1_existing_connection_is_updated_even_without_a_core1_browser_session() {
    let practice = Practice::start(Pace::QUICK).await;
    let before = practice
        .sandbox
        .seed_connection("acme", "abc123", "Practice Store")
        .unwrap();
    let (app, _home) = practice.launch_signed_in("en_US.UTF-8", "acme").await;
    // The browser lost its Core1 session meanwhile: the connector's hand-over asks to log in.
    practice.forget_browser_sessions();
    app.click("bc-copy-workspace").await;
    app.wait_text("bc-copy-workspace", "✓").await;
    app.click("bc-open-connector").await;
    confirm_store(&app, "abc123").await;
    let outcome = app.text("status-outcome").await;
    assert!(outcome.contains("updated, not doubled"), "{outcome}");
    assert_eq!(
        app.attr("status-outcome", "data-outcome").await.as_deref(),
        Some("updated")
    );
    app.screenshot_both("status-updated", None).await;
    wait_active(&app, &practice).await;
    let after = practice.sandbox.connections("acme").unwrap();
    assert_eq!((after.len(), after[0].id), (1, before.id));
    let log = std::fs::read_to_string(&practice.robot_log).unwrap();
    assert!(
        log.contains("/core1/acme/login"),
        "Core1 asked the robot to log in"
    );
    app.close().await;
    practice.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn road_2_from_the_txt_file_names_missing_access_then_connects() {
    let practice = Practice::start(Pace::QUICK).await;
    let (app, _home) = practice.launch_signed_in("en_US.UTF-8", "acme").await;
    app.click("bc-use-api").await;
    app.wait_screen("bc-api-title").await;

    // The file of an API account deleted since: which file, which store, and the one next step.
    let old = practice.api_account(None);
    assert_eq!(practice.sandbox.delete_api_accounts("abc123"), 1);
    pick_file(&app, "bc-api-file", "old-account.txt", &old.txt()).await;
    app.wait_attr("bc-api-error", "data-code", "api_account_file_refused", 30)
        .await;
    let said = app.text("bc-api-error").await;
    for want in ["old-account.txt", "abc123", "create a new API account"] {
        assert!(said.contains(want), "{want} missing: {said}");
    }
    assert!(!said.contains("Reconnect"), "{said}");
    assert!(app.value("bc-api-path").await.contains("/stores/abc123/"));
    assert!(app.exists("bc-api-error-open-page").await);
    app.assert_no_codes_shown().await;
    panel_shot(&app, "bc-api-error", "en-api-account-file-refused").await;
    // Its button opens BigCommerce's API accounts page (the robot, as the browser, loads it).
    app.click("bc-api-error-open-page").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !std::fs::read_to_string(&practice.robot_log)
        .unwrap_or_default()
        .contains("/settings/api-accounts")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the API accounts page was not opened"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // Orders ticked read-only where the connector needs to change them.
    let short = practice.api_account(Some(&orders_read_only()));
    pick_file(&app, "bc-api-file", "api-account.txt", &short.txt()).await;
    app.wait_attr(
        "bc-api-error",
        "data-code",
        "bigcommerce_access_missing",
        30,
    )
    .await;
    let (text, _) = english_words("bigcommerce_access_missing");
    assert_eq!(app.text("bc-api-error-text").await, text);
    assert!(app.exists("bc-api-missing-orders_modify").await);
    assert!(!app.exists("bc-api-missing-products_modify").await);
    app.assert_no_codes_shown().await;
    assert!(practice.sandbox.connections("acme").unwrap().is_empty());

    // Not the right kind of file at all: one exactly as large as the core reads gets to the core
    // (its history grows by an `api_account` step); one byte more is refused by the page alone.
    let checks = |report: String| report.matches(" api_account ").count();
    let mut notes = String::from("shopping list");
    notes.push_str(&" ".repeat(ACCOUNT_FILE_MAX_BYTES - notes.len()));
    pick_file(&app, "bc-api-file", "notes.txt", &notes).await;
    app.wait_attr("bc-api-error", "data-code", "api_account_file_invalid", 30)
        .await;
    let before = checks(app.support_report(None).await);
    notes.push(' ');
    pick_file(&app, "bc-api-file", "notes.txt", &notes).await;
    app.wait_attr(
        "bc-api-error",
        "data-code",
        "api_account_file_too_large",
        30,
    )
    .await;
    assert_eq!(
        checks(app.support_report(None).await),
        before,
        "a file over the limit never reached the core"
    );
    let (text, _) = english_words("api_account_file_too_large");
    assert_eq!(app.text("bc-api-error-text").await, text);

    // The file of an API account with every access ticked.
    let good = practice.api_account(None);
    pick_file(&app, "bc-api-file", "api-account.txt", &good.txt()).await;
    app.wait_screen("status-title").await;
    assert!(app.text("status-outcome").await.contains("created"));
    wait_active(&app, &practice).await;
    // Road 2's warning: keep the API account; the merchant never installed the connector.
    assert_eq!(
        app.attr("keep-app", "data-road").await.as_deref(),
        Some("api_account")
    );
    let keep = app.text("keep-app").await;
    assert!(keep.contains("API account"), "{keep}");
    assert!(!keep.contains("DOP Connector"), "{keep}");
    panel_shot(&app, "keep-app", "en-status-keep-api-account").await;
    assert!(
        !app.client
            .source()
            .await
            .unwrap()
            .contains(&good.access_token),
        "the access key stayed in the page"
    );
    app.close().await;
    practice.sandbox.shutdown().await;
}

/// A picture of the window with one panel (below the fold at 900×680) scrolled into view, saved
/// as `tests/artifacts/{name}.png`.
async fn panel_shot(app: &App, testid: &str, name: &str) {
    setup_e2e::album::panel_in_view(app, testid).await;
    app.screenshot(name).await;
}
