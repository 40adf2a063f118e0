//! Walking the wizard: the stretches of the roads that many tests share.

use crate::{App, Practice};

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
    assert!(app
        .text("bc-workspace-url")
        .await
        .contains(&format!("/core1/{name}")));
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

/// Road 1: the merchant pastes the address the wizard shows into the connector (the robot plays
/// BigCommerce, the connector and Core1's hand-over) and the wizard moves on to Status.
pub async fn through_connector(app: &App, practice: &Practice, shots: Option<&str>) {
    let url = app.text("bc-workspace-url").await;
    if let Some(s) = shots {
        // Hold the connector a moment, to see the waiting state.
        practice.sandbox.set_fault(
            setup_sandbox::Fault::Latency {
                ms: 2500,
                area: Some(setup_sandbox::Area::BcLogin),
            },
            Some(1),
        );
        practice.paste(url.trim());
        app.click("bc-copy-workspace").await;
        app.click("bc-open-connector").await;
        app.wait_testid("bc-connector-waiting", 5).await;
        assert!(app.exists("bc-connector-open-again").await);
        assert!(app.exists("bc-connector-cancel").await);
        app.screenshot(&format!("{s}-connector-waiting")).await;
    } else {
        practice.paste(url.trim());
        app.click("bc-open-connector").await;
    }
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
