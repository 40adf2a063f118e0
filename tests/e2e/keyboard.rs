//! Keyboard only: road 1 and road 2 to an active connection, and Manage after it, using nothing
//! but Tab, Shift+Tab, Enter, Space and Escape (and typing into the fields) — WebDriver key
//! actions, which go to whatever has the focus, as a person's key presses do; no element is
//! clicked. At every Tab stop the focused element must be visible: inside the window and its
//! scrolling area, not under the button bar or anything else, with a focus outline. Each new
//! screen must move the focus to its heading, and what the live region says must be words, never
//! codes.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use setup_e2e::a11y::{
    announcements, focus, press, record_announcements, tab_to, type_keys, Focus,
};
use setup_e2e::{wait_active, App, Pace, Practice};

const ENTER: char = '\u{E007}';
const SPACE: char = ' ';
const ESCAPE: char = '\u{E00C}';

/// Waits for the screen whose heading has this `data-testid` to take the focus, and checks that
/// the heading can be seen.
async fn on_screen(app: &App, heading: &str) {
    app.wait_screen(heading).await;
    let f = focus(app).await;
    assert!(
        f.visible(),
        "the heading {heading} has the focus but cannot be seen: {f:?}"
    );
}

/// Everything the live region said so far must be words a merchant reads: no error codes, no
/// keys of the word lists, nothing empty.
async fn words_only(app: &App, said: &mut Vec<String>) {
    for s in announcements(app).await {
        assert!(
            !s.contains('_')
                && !s.starts_with("errors.")
                && !s.contains("status.")
                && s.chars().any(char::is_alphabetic),
            "the live region said {s:?}"
        );
        said.push(s);
    }
}

fn assert_said(said: &[String], needle: &str) {
    assert!(
        said.iter().any(|s| s.contains(needle)),
        "the live region never said {needle:?}: {said:?}"
    );
}

async fn wait_focus(app: &App, testid: &str) -> Focus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let f = focus(app).await;
        if f.testid.as_deref() == Some(testid) {
            return f;
        }
        assert!(
            Instant::now() < deadline,
            "the focus did not move to {testid}: {f:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Welcome → Workspace (typed, Enter) → Core1 (Space on Sign in) → the store step.
async fn to_store_step(app: &App, said: &mut Vec<String>) {
    on_screen(app, "welcome-title").await;
    record_announcements(app).await;
    tab_to(app, "welcome-start", false).await;
    press(app, ENTER).await;
    on_screen(app, "ws-title").await;
    tab_to(app, "ws-input", false).await;
    type_keys(app, "acme").await;
    app.wait_text("ws-preview-url", "acme").await;
    // Enter in the field sends the form (its Continue stands in the button bar).
    press(app, ENTER).await;
    on_screen(app, "core1-title").await;
    tab_to(app, "core1-sign-in", false).await;
    press(app, SPACE).await;
    on_screen(app, "bc-title").await;
    words_only(app, said).await;
    assert_said(said, "Your Core1 workspace");
    assert_said(said, "Waiting for you in the browser");
}

#[tokio::test(flavor = "multi_thread")]
async fn road_1_by_keyboard_to_active_then_manage() {
    let started = Instant::now();
    let practice = Practice::start(Pace::QUICK).await;
    let app = App::launch(practice.launch("en_US.UTF-8", None)).await;
    let mut said = Vec::new();
    to_store_step(&app, &mut said).await;

    // Copy the name (Enter), then open BigCommerce (Enter); the connector does the rest (the
    // robot pastes what the Copy put on the X clipboard). "Is this your store?": Yes (Enter).
    tab_to(&app, "bc-copy-workspace", false).await;
    press(&app, ENTER).await;
    tab_to(&app, "bc-open-connector", false).await;
    press(&app, ENTER).await;
    let f = wait_focus(&app, "bc-candidate-title").await;
    assert!(f.visible(), "{f:?}");
    tab_to(&app, "bc-candidate-yes", false).await;
    press(&app, ENTER).await;
    on_screen(&app, "status-title").await;
    wait_active(&app, &practice).await;
    // Active: the focus is on the heading that says so.
    let f = wait_focus(&app, "status-title").await;
    assert!(f.visible(), "{f:?}");
    words_only(&app, &mut said).await;
    assert_said(&said, "The workspace name is copied");
    assert_said(&said, "Is this your store?");
    assert_said(&said, "Waiting for the connector");
    assert_said(&said, "The connection is active.");

    // Past Done to Open in Core1 and back (Shift+Tab), then Done with Space.
    tab_to(&app, "status-finish", false).await;
    tab_to(&app, "status-open-core1", true).await;
    tab_to(&app, "status-finish", false).await;
    press(&app, SPACE).await;
    on_screen(&app, "manage-title").await;
    let id = practice.card("acme");
    app.wait_attr(&format!("conn-health-{id}"), "data-attention", "false", 20)
        .await;

    // Forget asks first; Escape answers No and gives the focus back to Forget.
    tab_to(&app, &format!("conn-forget-{id}"), false).await;
    press(&app, ENTER).await;
    let f = wait_focus(&app, &format!("conn-forget-no-{id}")).await;
    assert!(f.visible(), "{f:?}");
    press(&app, ESCAPE).await;
    let f = wait_focus(&app, &format!("conn-forget-{id}")).await;
    assert!(f.visible(), "{f:?}");
    assert!(!app.exists(&format!("conn-forget-confirm-{id}")).await);
    assert_eq!(practice.sandbox.connections("acme").unwrap().len(), 1);
    words_only(&app, &mut said).await;
    assert_said(&said, "BigCommerce (abc123): Everything works");
    println!(
        "road 1 by keyboard: {} announcements, {:.1} s",
        said.len(),
        started.elapsed().as_secs_f64()
    );
    app.close().await;
    practice.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn road_2_by_keyboard_to_active_then_manage() {
    let started = Instant::now();
    let practice = Practice::start(Pace::QUICK).await;
    // Welcome → Core1 by keyboard is road 1's walk: this one starts signed in (seeded).
    let (app, _home) = practice.launch_signed_in("en_US.UTF-8", "acme").await;
    on_screen(&app, "bc-title").await;
    record_announcements(&app).await;
    let mut said = Vec::new();

    // The API account road (a link, Enter), its fields typed.
    tab_to(&app, "bc-use-api", false).await;
    press(&app, ENTER).await;
    on_screen(&app, "bc-api-title").await;
    let account = practice.api_account(None);
    // On the way: open the API accounts page, the .txt file's button (its label shows the focus).
    tab_to(&app, "bc-api-file", false).await;
    tab_to(&app, "bc-api-path", false).await;
    type_keys(&app, &account.api_path).await;
    tab_to(&app, "bc-api-key", false).await;
    type_keys(&app, &account.access_token).await;
    // Show the key and hide it again with Space.
    tab_to(&app, "bc-api-key-toggle", false).await;
    press(&app, SPACE).await;
    assert_eq!(
        app.attr("bc-api-key", "type").await.as_deref(),
        Some("text")
    );
    press(&app, SPACE).await;
    assert_eq!(
        app.attr("bc-api-key", "type").await.as_deref(),
        Some("password")
    );
    // Back to the path field, and Enter sends the form.
    tab_to(&app, "bc-api-path", true).await;
    assert_eq!(app.value("bc-api-path").await, account.api_path);
    press(&app, ENTER).await;
    on_screen(&app, "status-title").await;
    wait_active(&app, &practice).await;
    let f = wait_focus(&app, "status-title").await;
    assert!(f.visible(), "{f:?}");
    words_only(&app, &mut said).await;
    assert_said(&said, "Checking the access with BigCommerce");
    assert_said(&said, "The connection is active.");

    tab_to(&app, "status-finish", false).await;
    press(&app, ENTER).await;
    on_screen(&app, "manage-title").await;
    let id = practice.card("acme");
    app.wait_attr(&format!("conn-health-{id}"), "data-attention", "false", 20)
        .await;
    // The key form opens on its field; Escape closes it and the focus goes back.
    tab_to(&app, &format!("conn-enter-key-{id}"), false).await;
    press(&app, SPACE).await;
    let f = wait_focus(&app, &format!("conn-key-input-{id}")).await;
    assert!(f.visible(), "{f:?}");
    // The access list arrives after the form opened, above the field: the field stays in view.
    app.wait_testid(&format!("conn-key-scopes-{id}"), 5).await;
    app.wait_testid("scope-products_modify", 10).await;
    let f = focus(&app).await;
    assert!(f.visible(), "the key field left the view: {f:?}");
    type_keys(&app, "half a key").await;
    press(&app, ESCAPE).await;
    let f = wait_focus(&app, &format!("conn-enter-key-{id}")).await;
    assert!(f.visible(), "{f:?}");
    assert!(!app.exists(&format!("conn-key-form-{id}")).await);
    words_only(&app, &mut said).await;
    // Tab from the last control leaves the screen for the help bar, and Shift+Tab comes back.
    tab_to(&app, "help-copy-report", false).await;
    tab_to(&app, &format!("conn-enter-key-{id}"), true).await;
    println!(
        "road 2 by keyboard: {} announcements, {:.1} s",
        said.len(),
        started.elapsed().as_secs_f64()
    );
    app.close().await;
    practice.sandbox.shutdown().await;
}
