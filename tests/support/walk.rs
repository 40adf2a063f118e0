//! Walking the wizard: the stretches of the roads that many tests share (their pictures are the
//! album's, `album.rs`).

use crate::{clipboard_text, App, Practice};

/// The guided app registration on the Core1 screen, walked as a person would: the values the
/// screen shows (each Copy checked against the X clipboard), typed into Core1's Dev Tools by the
/// robot (opened with the screen's own button), the secret Core1 shows once pasted back;
/// then the screen offers the sign-in.
pub async fn register_in_core1(app: &App, practice: &Practice) {
    let redirect = format!("http://127.0.0.1:{}/core1/callback", practice.core1_port);
    register_with(
        app,
        &practice.registration_task,
        &practice.registration_secret,
        &redirect,
    )
    .await;
}

/// [`register_in_core1`] for any robot browser: it finds its task at `task` and writes the
/// secret to `secret`; the screen must show `redirect` as the Redirect URI.
pub async fn register_with(
    app: &App,
    task: &std::path::Path,
    secret_file: &std::path::Path,
    redirect: &str,
) {
    app.wait_testid("core1-registration", 10).await;
    let name = app.text("core1-reg-name").await;
    let client_id = app.text("core1-reg-client_id").await;
    assert_eq!(app.text("core1-reg-redirect_uri").await, redirect);
    let redirect = redirect.to_owned();
    for (field, shown) in [
        ("name", &name),
        ("client_id", &client_id),
        ("redirect_uri", &redirect),
    ] {
        app.click(&format!("core1-reg-copy-{field}")).await;
        app.wait_text(&format!("core1-reg-copy-{field}"), "✓").await;
        assert_eq!(clipboard_text().as_deref(), Some(shown.as_str()), "{field}");
    }
    crate::registration_task(task, secret_file, &name, &client_id, &redirect, false);
    app.click("core1-reg-open").await;
    let secret = crate::shown_secret(secret_file);
    app.type_into("core1-reg-secret", &secret).await;
    app.click("core1-reg-save").await;
    app.wait_testid("core1-reg-saved", 10).await;
    assert!(app.exists("core1-sign-in").await);
}

/// Welcome → Workspace (typed as `input`) → the Core1 screen (the registration walked when the
/// world does not know the wizard yet).
pub async fn to_core1(app: &App, practice: &Practice, input: &str) {
    app.wait_screen("welcome-title").await;
    app.click("welcome-start").await;
    app.wait_screen("ws-title").await;
    app.type_into("ws-input", input).await;
    let name = input.split('.').next().unwrap();
    app.wait_text("ws-preview-url", name).await;
    app.click("ws-continue").await;
    app.wait_screen("core1-title").await;
    if app.exists("core1-registration").await {
        register_in_core1(app, practice).await;
    }
}

/// Welcome → Workspace (typed as `input`) → Core1 sign-in (robot) → the store step (road 1).
pub async fn through_workspace_and_core1(app: &App, practice: &Practice, input: &str) {
    to_core1(app, practice, input).await;
    app.click("core1-sign-in").await;
    at_store_step(app, input).await;
}

/// The store step, for the workspace typed as `input`.
pub async fn at_store_step(app: &App, input: &str) {
    app.wait_screen("bc-title").await;
    // The connector's field takes the name alone (its page adds https:// and .actindo.com).
    let name = input.split('.').next().unwrap();
    assert_eq!(app.text("bc-workspace-url").await, name);
}

/// Road 1: the merchant copies what the wizard shows for the connector's field and pastes it
/// there (the robot reads the X clipboard), the connector makes the connection, and the wizard
/// asks "Is this your store?": Yes, on to Status.
pub async fn through_connector(app: &App) {
    copy_workspace_name(app).await;
    app.click("bc-open-connector").await;
    confirm_store(app, "abc123").await;
}

/// The connector's field: Copy puts exactly the name the wizard shows on the X clipboard.
pub async fn copy_workspace_name(app: &App) {
    let name = app.text("bc-workspace-url").await;
    app.click("bc-copy-workspace").await;
    app.wait_text("bc-copy-workspace", "✓").await;
    assert_eq!(
        clipboard_text().as_deref(),
        Some(name.trim()),
        "only the name is copied"
    );
}
/// "Is this your store?" for the one store the connector connected: shown by its name and store
/// hash, then Yes; on to Status (its pictures are the album's).
pub async fn confirm_store(app: &App, store_hash: &str) {
    app.wait_testid("bc-candidate-title", 30).await;
    let shown = app.text("bc-candidate-0").await;
    assert!(shown.contains(store_hash), "{shown}");
    app.click("bc-candidate-yes").await;
    app.wait_screen("status-title").await;
}

/// Waits for the Status screen to say Active and checks the counts it shows.
pub async fn wait_active(app: &App, practice: &Practice) {
    app.wait_attr("status-badge", "data-phase", "active", 60)
        .await;
    let lc = &practice.sandbox.config().core1.lifecycle;
    for (row, total) in [
        ("attributes", lc.attributes),
        ("attributeSets", lc.attribute_sets),
        ("attributeGroups", lc.attribute_groups),
        ("sync", lc.products),
    ] {
        let text = app.text(&format!("status-count-{row}")).await;
        assert!(
            text.contains(&total.to_string()),
            "{row} shows {text:?}, expected {total}"
        );
        assert_eq!(
            app.attr(&format!("status-row-{row}"), "data-state")
                .await
                .as_deref(),
            Some("done")
        );
    }
    assert_eq!(
        app.attr("status-row-active", "data-state").await.as_deref(),
        Some("done")
    );
    app.wait_testid("status-done", 5).await;
    assert!(app.exists("status-open-core1").await);
    assert!(app.exists("keep-app").await);
}

/// The whole wizard on road 1 to an active connection, on the Status screen.
pub async fn to_active(app: &App, practice: &Practice, workspace: &str) {
    through_workspace_and_core1(app, practice, workspace).await;
    through_connector(app).await;
    wait_active(app, practice).await;
}

/// Road 2 with a file: hands `text` to the file input as if the merchant picked a .txt file
/// (WebDriver cannot drive the system's file chooser; the page reads the file the same way).
pub async fn pick_file(app: &App, testid: &str, name: &str, text: &str) {
    app.client
        .execute(
            "const input = document.querySelector(`[data-testid='${arguments[0]}']`); \
             const dt = new DataTransfer(); \
             dt.items.add(new File([arguments[2]], arguments[1], { type: 'text/plain' })); \
             input.files = dt.files; \
             input.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![testid.into(), name.into(), text.into()],
        )
        .await
        .unwrap();
}

/// Clicks Refresh on Manage until the card `card` says `attention` ("true"/"false"), for at
/// most 30 s (Core1 notices a change at its next import).
async fn refresh_until(app: &App, card: &str, attention: &str, what: &str) {
    let health = format!("conn-health-{card}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        app.click_when_enabled("manage-refresh").await;
        app.wait_testid(&health, 20).await;
        if app.attr(&health, "data-attention").await.as_deref() == Some(attention) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{what}");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
}

/// On Manage, the merchant deletes the connector app in BigCommerce: the card `card` of store
/// `abc123` asks for attention, the store's access refused.
pub async fn connector_deleted_noticed(app: &App, practice: &Practice, card: &str) {
    assert!(practice.sandbox.uninstall_app("abc123").unwrap() > 0);
    refresh_until(app, card, "true", "Manage never noticed").await;
    assert_eq!(
        app.attr(&format!("conn-store-{card}"), "data-state")
            .await
            .as_deref(),
        Some("rejected")
    );
}

/// "Reinstall the connector" on the card `card`: road 1 again for workspace `acme` (the
/// merchant copies the name for the connector's field), until the card is healthy again.
pub async fn connector_reinstalled(app: &App, card: &str) {
    app.click(&format!("conn-reinstall-{card}")).await;
    app.wait_testid(&format!("conn-{card}-connector-waiting"), 10)
        .await;
    assert_eq!(
        app.text(&format!("conn-{card}-workspace-url")).await,
        "acme"
    );
    // The robot may paste the name the first walk left on the clipboard and finish before Copy
    // is pressed (the panel is gone then, as for a merchant whose clipboard still held it).
    let copy = format!("[data-testid='conn-{card}-copy-workspace']");
    if let Ok(button) = app.client.find(fantoccini::Locator::Css(&copy)).await {
        let _ = button.click().await;
    }
    app.wait_text(&format!("conn-message-{card}"), "renewed")
        .await;
    refresh_until(app, card, "false", "never healthy again").await;
}
