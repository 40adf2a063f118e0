//! What goes wrong on the way, and how the merchant gets past it: consent denied then retried,
//! bad workspace inputs, a frozen workspace that recovers.

use setup_e2e::{english_words, App, Practice};
use setup_sandbox::{Area, Fault};

#[tokio::test(flavor = "multi_thread")]
async fn consent_denied_then_retried_to_success() {
    let practice = Practice::start(500).await;
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
    let practice = Practice::start(500).await;
    let app = App::launch(practice.launch("en_US.UTF-8", None)).await;
    to_workspace(&app).await;

    for input in [
        "evil.com/?acme.actindo.com",
        "http://acme.actindo.com",
        "",
        "user:pw@acme.actindo.com",
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

        // Continue with it: the same words, as an error, and nothing moves on.
        app.click("ws-continue").await;
        app.wait_attr("ws-error", "data-code", &code, 10).await;
        assert_eq!(app.text("ws-error-text").await, text);
        app.assert_no_codes_shown().await;
        if input.is_empty() {
            assert_eq!(code, "workspace_empty");
            app.screenshot("en-workspace-error").await;
        }
        assert!(app.exists("ws-title").await);
    }
    // A good input afterwards goes on.
    app.type_into("ws-input", "acme").await;
    app.wait_text("ws-preview-url", "acme").await;
    app.click("ws-continue").await;
    app.wait_screen("core1-title").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn frozen_workspace_then_recovered() {
    let practice = Practice::start(500).await;
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
    let practice = Practice::start(500).await;
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
