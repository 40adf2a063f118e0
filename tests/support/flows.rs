//! Walking the wizard: the stretches of the roads that many tests share.

use crate::{clipboard_text, App, Practice};

/// The guided app registration on the Core1 screen, walked as a person would: the values the
/// screen shows (each Copy checked against the X clipboard), typed into Core1's Dev Tools by the
/// robot (opened with the screen's own button), the secret Core1 shows once pasted back;
/// then the screen offers the sign-in. Screenshots `{shots}-core1-registration` (and its error
/// for a wrong secret) when `shots` is set.
pub async fn register_in_core1(app: &App, practice: &Practice, shots: Option<&str>) {
    let redirect = format!("http://127.0.0.1:{}/core1/callback", practice.core1_port);
    register_with(
        app,
        &practice.registration_task,
        &practice.registration_secret,
        &redirect,
        shots,
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
    shots: Option<&str>,
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
    if let Some(s) = shots {
        app.screenshot(&format!("{s}-core1-registration")).await;
    }
    crate::registration_task(task, secret_file, &name, &client_id, &redirect, false);
    app.click("core1-reg-open").await;
    let secret = crate::shown_secret(secret_file);
    if let Some(s) = shots {
        // A wrong paste is named as such, and nothing is kept.
        app.type_into("core1-reg-secret", "not-the-secret-Core1-showed")
            .await;
        app.click("core1-reg-save").await;
        app.wait_testid("core1-reg-error", 10).await;
        assert_eq!(
            app.attr("core1-reg-error", "data-code").await.as_deref(),
            Some("core1_secret_refused")
        );
        app.scroll_to("core1-reg-error").await;
        app.screenshot(&format!("{s}-core1-registration-wrong"))
            .await;
    }
    app.type_into("core1-reg-secret", &secret).await;
    app.click("core1-reg-save").await;
    app.wait_testid("core1-reg-saved", 10).await;
    assert!(app.exists("core1-sign-in").await);
}

/// Welcome → Workspace (typed as `input`) → Core1 sign-in (robot) → the store step (road 1).
/// Screenshots `{shots}-welcome`, `-workspace`, `-core1`, `-core1-waiting`, `-bigcommerce`
/// and `-api-account` when `shots` is set.
pub async fn through_workspace_and_core1(
    app: &App,
    practice: &Practice,
    input: &str,
    shots: Option<&str>,
) {
    app.wait_screen("welcome-title").await;
    if let Some(s) = shots {
        app.screenshot(&format!("{s}-welcome")).await;
    }
    app.click("welcome-start").await;
    app.wait_screen("ws-title").await;
    app.type_into("ws-input", input).await;
    let name = input.split('.').next().unwrap();
    app.wait_text("ws-preview-url", name).await;
    if let Some(s) = shots {
        app.screenshot(&format!("{s}-workspace")).await;
    }
    app.click("ws-continue").await;
    app.wait_screen("core1-title").await;
    if app.exists("core1-registration").await {
        register_in_core1(app, practice, shots).await;
    }
    if let Some(s) = shots {
        app.screenshot(&format!("{s}-core1")).await;
        // Hold the robot's first page a moment, to see the waiting state.
        practice.sandbox.set_fault(
            setup_sandbox::Fault::Latency {
                ms: 2500,
                area: Some(setup_sandbox::Area::Core1),
            },
            Some(1),
        );
    }
    app.click("core1-sign-in").await;
    if let Some(s) = shots {
        app.wait_testid("waiting-title", 5).await;
        app.screenshot(&format!("{s}-core1-waiting")).await;
    }
    app.wait_screen("bc-title").await;
    // The connector's field takes the name alone (its page adds https:// and .actindo.com).
    assert_eq!(app.text("bc-workspace-url").await, name);
    if let Some(s) = shots {
        app.screenshot(&format!("{s}-bigcommerce")).await;
        // Road 2, always offered: the exact access to set, and the file to pick.
        app.click("bc-use-api").await;
        app.wait_screen("bc-api-title").await;
        app.wait_testid("scope-products_modify", 10).await;
        assert_eq!(
            app.attr("bc-api-key", "type").await.as_deref(),
            Some("password")
        );
        assert!(app.exists("bc-api-file").await);
        app.screenshot(&format!("{s}-api-account")).await;
        app.click("bc-use-connector").await;
        app.wait_screen("bc-title").await;
    }
}

/// Road 1: the merchant copies what the wizard shows for the connector's field and pastes it
/// there (the robot reads the X clipboard), the connector makes the connection, and the wizard
/// asks "Is this your store?": Yes, on to Status.
pub async fn through_connector(app: &App, practice: &Practice, shots: Option<&str>) {
    let name = app.text("bc-workspace-url").await;
    app.click("bc-copy-workspace").await;
    app.wait_text("bc-copy-workspace", "✓").await;
    assert_eq!(
        clipboard_text().as_deref(),
        Some(name.trim()),
        "only the name is copied"
    );
    if let Some(s) = shots {
        // Hold the connector a moment, to see the waiting state.
        practice.sandbox.set_fault(
            setup_sandbox::Fault::Latency {
                ms: 2500,
                area: Some(setup_sandbox::Area::BcLogin),
            },
            Some(1),
        );
        app.click("bc-open-connector").await;
        app.wait_testid("bc-connector-waiting", 5).await;
        assert!(app.exists("bc-connector-open-again").await);
        assert!(app.exists("bc-connector-cancel").await);
        app.screenshot(&format!("{s}-connector-waiting")).await;
    } else {
        app.click("bc-open-connector").await;
    }
    confirm_store(app, "abc123").await;
}

/// "Is this your store?" for the one store the connector connected: shown by its name and store
/// hash, then Yes; on to Status (its pictures are `first_contact.rs`'s).
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
    through_workspace_and_core1(app, practice, workspace, None).await;
    through_connector(app, practice, None).await;
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
