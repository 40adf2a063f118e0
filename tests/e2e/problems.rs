//! What goes wrong on the way, and how the merchant gets past it: consent denied then retried,
//! bad workspace inputs, a frozen workspace that recovers.

use setup_e2e::{english_words, App, Pace, Practice};
use setup_sandbox::{Area, Fault};

#[tokio::test(flavor = "multi_thread")]
async fn consent_denied_then_retried_to_success() {
    let practice = Practice::start(Pace::CALM).await;
    let app = App::launch(practice.launch("en_US.UTF-8", None)).await;
    to_workspace(&app).await;
    app.type_into("ws-input", "acme").await;
    app.wait_text("ws-preview-url", "acme").await;
    app.click("ws-continue").await;
    app.wait_screen("core1-title").await;

    // Confirm behaves as Cancel on Core1's page, once.
    practice.sandbox.set_fault(
        Fault::ConsentDenied {
            area: Some(Area::Core1),
        },
        Some(1),
    );
    app.click("core1-sign-in").await;
    app.wait_attr("error", "data-code", "signin_denied", 30)
        .await;
    let (text, next) = english_words("signin_denied");
    assert_eq!(app.text("error-text").await, text);
    assert_eq!(app.text("error-next").await, next);
    assert_eq!(app.focused_testid().await.as_deref(), Some("error-title"));
    app.wait_announced(&text).await;
    app.assert_no_codes_shown().await;
    app.screenshot("en-consent-denied").await;

    app.click("error-retry").await;
    app.wait_screen("bc-title").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_workspace_inputs_show_words_not_codes() {
    let practice = Practice::start(Pace::CALM).await;
    let app = App::launch(practice.launch("en_US.UTF-8", None)).await;
    to_workspace(&app).await;

    for input in [
        "evil.com/?acme.actindo.com",
        "http://acme.actindo.com",
        "",
        "user:pw@acme.actindo.com",
        "acme.actindo.con",
    ] {
        // Each input below has its own code: wait for the preview to change.
        let before = app.attr("ws-preview-error", "data-code").await;
        app.type_into("ws-input", input).await;
        let mut code = None;
        for _ in 0..100 {
            code = app.attr("ws-preview-error", "data-code").await;
            if code.is_some() && code != before {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let code = code.unwrap();
        assert_ne!(
            Some(&code),
            before.as_ref(),
            "the preview did not change for {input:?}"
        );
        assert!(code.starts_with("workspace_"), "{input:?} gave {code}");
        let (text, next) = english_words(&code);
        assert_eq!(app.text("ws-preview-error").await, format!("{text} {next}"));
        assert!(!app.exists("ws-preview-url").await, "{input:?} got a URL");

        // Continue with it: the preview's words are the error, said once (no panel repeats
        // them), the field is marked and keeps the focus, and nothing moves on.
        app.click("ws-continue").await;
        app.wait_attr("ws-preview", "data-submitted", "true", 10)
            .await;
        assert!(
            !app.exists("ws-error").await,
            "{input:?}: a second error box"
        );
        let screen = app.text("screen").await;
        assert_eq!(screen.matches(&text).count(), 1, "{input:?}: {screen}");
        assert_eq!(
            app.attr("ws-input", "aria-invalid").await.as_deref(),
            Some("true")
        );
        assert_eq!(app.focused_testid().await.as_deref(), Some("ws-input"));
        app.wait_announced(&text).await;
        app.assert_no_codes_shown().await;
        if input.is_empty() {
            assert_eq!(code, "workspace_empty");
            app.screenshot("en-workspace-error").await;
        }
        if input == "acme.actindo.con" {
            app.screenshot_both("workspace-typo", None).await;
        }
        assert!(app.exists("ws-title").await);
    }
    // What only the check finds (no such workspace) has its panel; the next address, as copied
    // from the browser, shows only its own good preview: the old error goes with the first key.
    app.type_into("ws-input", "nosuchws").await;
    app.wait_text("ws-preview-url", "nosuchws.actindo.com")
        .await;
    assert!(app.attr("ws-preview", "data-submitted").await.is_none());
    app.click("ws-continue").await;
    app.wait_attr("ws-error", "data-code", "workspace_not_found", 30)
        .await;
    app.type_into("ws-input", "https://acme.actindo.com/#/dashboard")
        .await;
    app.wait_text("ws-preview-url", "acme.actindo.com").await;
    assert!(!app.exists("ws-error").await, "the old error stayed");
    assert!(app.attr("ws-input", "aria-invalid").await.is_none());
    app.screenshot("en-workspace-after-error").await;
    // A good input goes on.
    app.click("ws-continue").await;
    app.wait_screen("core1-title").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn frozen_workspace_then_recovered() {
    let practice = Practice::start(Pace::CALM).await;
    let app = App::launch(practice.launch("en_US.UTF-8", None)).await;
    to_workspace(&app).await;

    practice.sandbox.freeze("acme", true).unwrap();
    app.type_into("ws-input", "acme").await;
    app.wait_text("ws-preview-url", "acme").await;
    app.click("ws-continue").await;
    app.wait_attr("ws-error", "data-code", "core1_frozen", 60)
        .await;
    let (text, next) = english_words("core1_frozen");
    assert_eq!(app.text("ws-error-text").await, text);
    assert_eq!(app.text("ws-error-next").await, next);
    assert!(text.contains("maintenance"));
    app.assert_no_codes_shown().await;
    app.screenshot("en-workspace-frozen").await;

    practice.sandbox.freeze("acme", false).unwrap();
    app.click("ws-error-retry").await;
    app.wait_screen("core1-title").await;
    assert!(app.text("core1-workspace").await.contains("acme"));
    app.close().await;
    practice.sandbox.shutdown().await;
}

async fn to_workspace(app: &App) {
    app.wait_screen("welcome-title").await;
    app.click("welcome-start").await;
    app.wait_screen("ws-title").await;
}

/// Only one window runs: a second launch in another mode (here practice, while a setup file's
/// wizard runs) says so in the running window instead of silently bringing it to the front.
#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_in_another_mode_says_so() {
    let practice = Practice::start(Pace::CALM).await;
    let app = App::launch(practice.launch("en_US.UTF-8", None)).await;
    app.wait_screen("welcome-title").await;
    // A setup file pointing at the practice sandbox: its hosts are shown before anything is sent.
    assert!(app.text("welcome-hosts-list").await.contains("127.0.0.1"));
    let second = std::process::Command::new(setup_e2e::app_binary())
        .arg("--demo")
        .env("LANG", "en_US.UTF-8")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("a second launch runs");
    assert!(second.success(), "the second launch hands over and ends");
    let text = app
        .wait_text("notice-second-launch-text", "in practice mode")
        .await;
    assert!(text.contains("with a setup file"), "{text}");
    app.screenshot("en-second-launch").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}

/// An office network, then a browser that does not show up, in one launch. The app is set up
/// like a merchant's PC behind a company proxy: `HTTPS_PROXY` names the practice proxy, the OS
/// trust store (`SSL_CERT_FILE`) holds the practice CA, and the setup file's services have a
/// name only the proxy can reach (`practice.test`). First the proxy inspects HTTPS with its own
/// CA, which is not in the store: the Workspace step says so in its own words, not "check the
/// internet connection". Then the proxy tunnels straight through: the Workspace step passes,
/// through the proxy. Then the system browser "opens" and shows nothing (an opener that does
/// nothing): after a few seconds the waiting panel offers the link to copy, up front.
#[tokio::test(flavor = "multi_thread")]
async fn an_office_network_that_re_signs_then_a_browser_that_does_not_show_up() {
    use setup_sandbox::network::{ConnectProxy, HttpsFront, TestCa};
    let practice = Practice::start(Pace::CALM).await;
    let dir = tempfile::tempdir().unwrap();
    let (store_ca, office_ca) = (
        TestCa::new("Core1 Setup Practice Root").unwrap(),
        TestCa::new("Office HTTPS Inspection CA").unwrap(),
    );
    let bundle = dir.path().join("trusted.pem");
    store_ca.write_pem(&bundle).unwrap();
    let names = ["practice.test", "127.0.0.1"];
    let base = practice.sandbox.base_url();
    let front = HttpsFront::start(base, store_ca.issue(&names).unwrap())
        .await
        .unwrap();
    let inspected = HttpsFront::start(base, office_ca.issue(&names).unwrap())
        .await
        .unwrap();
    let proxy = ConnectProxy::start(inspected.addr()).await.unwrap();
    let profile = dir.path().join("office.json");
    std::fs::write(
        &profile,
        serde_json::json!({
            "base": "demo",
            "name": "e2e-office",
            "sandbox_url": "https://practice.test",
            // The practice world's app registration, as `Practice::start` prepares it.
            "core1": {
                "callback_port": practice.core1_port,
                "client_secret": setup_sandbox::config::PRACTICE_CORE1_CLIENT_SECRET,
            },
        })
        .to_string(),
    )
    .unwrap();
    let mut launch = practice.launch("en_US.UTF-8", None);
    launch.args = vec!["--profile".into(), profile.display().to_string()];
    for (key, value) in &mut launch.env {
        if key == "BROWSER" {
            // Opens nothing, and says it went fine.
            *value = "/bin/true".into();
        }
    }
    launch.env.extend([
        ("HTTPS_PROXY".into(), proxy.url()),
        ("SSL_CERT_FILE".into(), bundle.display().to_string()),
    ]);
    let app = App::launch(launch).await;
    to_workspace(&app).await;
    app.type_into("ws-input", "acme").await;
    app.wait_text("ws-preview-url", "acme").await;
    app.click("ws-continue").await;
    app.wait_attr("ws-error", "data-code", "connection_intercepted", 30)
        .await;
    let (text, next) = english_words("connection_intercepted");
    assert_eq!(app.text("ws-error-text").await, text);
    assert_eq!(app.text("ws-error-next").await, next);
    assert!(next.contains("*.actindo.com") && next.contains("*.bigcommerce.com"));
    app.assert_no_codes_shown().await;
    assert_eq!(
        inspected.requests(),
        0,
        "a request crossed the re-signed connection"
    );
    app.screenshot_both("workspace-intercepted", Some("ws-error"))
        .await;

    // IT lets the hosts through: the same proxy, now tunnelling to the real certificate.
    proxy.send_tunnels_to(front.addr());
    app.click("ws-error-retry").await;
    app.wait_screen("core1-title").await;
    let tunnels = proxy.tunnels();
    assert!(
        tunnels.iter().all(|t| t == "practice.test:443") && tunnels.len() >= 2,
        "{tunnels:?}"
    );
    assert!(front.requests() >= 1);

    // The browser "opens" and shows nothing.
    app.click("core1-sign-in").await;
    app.wait_testid("waiting-title", 10).await;
    assert_ne!(
        app.attr("waiting-copy-link", "class").await.as_deref(),
        Some("primary"),
        "the fallback came before the browser had a chance"
    );
    app.wait_text("waiting-hint", "No browser window in sight?")
        .await;
    assert_eq!(
        app.attr("waiting-copy-link", "class").await.as_deref(),
        Some("primary")
    );
    app.wait_announced("No browser window in sight?").await;
    app.screenshot_both("core1-no-browser", Some("waiting"))
        .await;
    app.click("waiting-copy-link").await;
    app.wait_announced("The link is copied").await;
    // What the merchant pastes into a browser: the sign-in page of the workspace.
    let copied = arboard::Clipboard::new().unwrap().get_text().unwrap();
    assert!(
        copied.starts_with(
            "https://practice.test/core1/acme/Actindo.CoreModules.Auth.OAuth2.authorize?"
        ),
        "{copied}"
    );
    app.click("waiting-open-again").await;
    assert!(app.exists("waiting-title").await);
    assert!(
        !app.exists("error").await,
        "opening again reported an error"
    );
    app.click("waiting-cancel").await;
    app.wait_testid("core1-sign-in", 10).await;
    app.close().await;
    proxy.shutdown().await;
    front.shutdown().await;
    inspected.shutdown().await;
    practice.sandbox.shutdown().await;
}
