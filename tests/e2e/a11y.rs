//! The accessibility audit: axe-core (WCAG 2.1 A/AA rules, and best practice for information)
//! injected into the real app window on every screen and state of road 1 and road 2 — Welcome
//! with notices, the workspace with its errors, the Core1 sign-in waiting and failed, both store
//! roads with their waiting, help, checking and error states, Status running, active and
//! stopped, Manage healthy, needing attention, repairing and repaired — each in English and
//! German (the page's own language buttons) and in a light and a dark window (`GTK_THEME`, proven
//! through `prefers-color-scheme`). The window's own title is checked on each page too. Fails on
//! any serious or critical WCAG violation; moderate and minor ones are printed and counted.
//!
//! Three launches per theme, each walking many screens: road 1 to Manage and its repairs, road 2
//! to a stopped setup and its repairs (from the store step, seeded: Welcome → Core1 is road 1's),
//! and a start with a broken profile (its notice).
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use setup_e2e::a11y::{axe_version, canary, color_scheme, Audit, Theme};
use setup_e2e::{pick_file, wait_active, App, Launch, Pace, Practice, CONNECTOR_SCOPES};
use setup_sandbox::{Area, Fault};

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_and_state_in_both_languages_and_themes() {
    let started = Instant::now();
    let mut audit = Audit::default();
    for theme in [Theme::Light, Theme::Dark] {
        let t = Instant::now();
        road_1_and_manage(&mut audit, theme).await;
        println!(
            "{} road 1 + Manage: {:.1} s",
            theme.name(),
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        road_2_stopped_and_repairs(&mut audit, theme).await;
        println!(
            "{} road 2 + Manage: {:.1} s",
            theme.name(),
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        notices(&mut audit, theme).await;
        println!(
            "{} notices: {:.1} s",
            theme.name(),
            t.elapsed().as_secs_f64()
        );
    }
    audit.print_summary();
    println!("audit took {:.1} s", started.elapsed().as_secs_f64());
    audit.assert_clean();
}

/// Starts the app in `theme` and proves the page sees it.
async fn launch_in(theme: Theme, mut launch: Launch, audit: &mut Audit) -> App {
    launch.env.push(theme.env());
    let app = App::launch(launch).await;
    let (dark, background) = color_scheme(&app).await;
    assert_eq!(
        dark,
        theme == Theme::Dark,
        "prefers-color-scheme is not {} (background {background})",
        theme.name()
    );
    if audit.axe_version.is_empty() {
        audit.axe_version = axe_version(&app).await;
    }
    // The engine sees this window's colours: low contrast planted for a moment is found.
    assert_eq!(
        canary(&app).await,
        "color-contrast",
        "axe missed the canary"
    );
    app
}

/// A progress file that cannot be read: the app starts over and says so in a notice.
fn unreadable_progress(practice: &Practice, home: &std::path::Path) {
    let dir = practice.data_dir(home);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("progress.json"), "{ not json").unwrap();
}

async fn road_1_and_manage(audit: &mut Audit, theme: Theme) {
    // The workspaces do not know the wizard yet: the Core1 screen starts with the registration.
    // Phases long enough that Status is still running after "Is this your store?" was audited.
    let practice = Practice::start_unregistered(Pace::AUDITABLE).await;
    let home = tempfile::tempdir().unwrap();
    unreadable_progress(&practice, home.path());
    let mut launch = practice.launch("en_US.UTF-8", Some(home.path().to_path_buf()));
    // The merchant takes a while to paste: the browser stops on the connector's form until the
    // wizard opens it again.
    launch
        .env
        .push(("ROBOT_WORKSPACE_WAIT_MS".into(), "0".into()));
    let app = launch_in(theme, launch, audit).await;

    // Welcome, with the notice that earlier progress could not be read.
    app.wait_screen("welcome-title").await;
    app.wait_testid("notice-progress-reset", 5).await;
    audit.check(&app, theme, "welcome/notice").await;
    app.click("notice-progress-reset-dismiss").await;
    audit.check(&app, theme, "welcome/plain").await;

    // Workspace: empty, an error, a typing mistake in the preview, a good preview, frozen.
    app.click("welcome-start").await;
    app.wait_screen("ws-title").await;
    audit.check(&app, theme, "workspace/start").await;
    app.type_into("ws-input", "").await;
    app.click("ws-continue").await;
    // The empty field refused, in the preview's words (no panel repeats them).
    app.wait_attr("ws-preview", "data-submitted", "true", 10)
        .await;
    audit.check(&app, theme, "workspace/error").await;
    app.type_into("ws-input", "user:pw@acme.actindo.com").await;
    app.wait_testid("ws-preview-error", 10).await;
    audit.check(&app, theme, "workspace/preview-error").await;
    app.type_into("ws-input", "acme").await;
    app.wait_text("ws-preview-url", "acme").await;
    audit.check(&app, theme, "workspace/preview").await;
    practice.sandbox.freeze("acme", true).unwrap();
    app.click("ws-continue").await;
    app.wait_attr("ws-error", "data-code", "core1_frozen", 60)
        .await;
    audit.check(&app, theme, "workspace/frozen").await;
    practice.sandbox.freeze("acme", false).unwrap();
    app.click("ws-error-retry").await;

    // Core1: the one-time registration (a wrong secret named), idle, waiting for the browser,
    // refused, then signed in.
    app.wait_screen("core1-title").await;
    app.wait_testid("core1-registration", 5).await;
    audit.check(&app, theme, "core1/registration").await;
    app.type_into("core1-reg-secret", "not-the-secret").await;
    app.click("core1-reg-save").await;
    app.wait_attr("core1-reg-error", "data-code", "core1_secret_refused", 20)
        .await;
    audit.check(&app, theme, "core1/registration-refused").await;
    setup_e2e::register_in_core1(&app, &practice).await;
    audit.check(&app, theme, "core1/idle").await;
    practice.sandbox.set_fault(
        Fault::Latency {
            ms: 4000,
            area: Some(Area::Core1),
        },
        Some(1),
    );
    practice.sandbox.set_fault(
        Fault::ConsentDenied {
            area: Some(Area::Core1),
        },
        Some(1),
    );
    app.click("core1-sign-in").await;
    app.wait_testid("waiting-title", 5).await;
    audit.check(&app, theme, "core1/waiting").await;
    app.wait_attr("error", "data-code", "signin_denied", 30)
        .await;
    audit.check(&app, theme, "core1/denied").await;
    // The workspace lacks the BigCommerce driver: the store step says what to install where.
    let driver = practice.sandbox.set_fault(
        Fault::DriverMissing {
            workspace: Some("acme".into()),
        },
        None,
    );
    app.click("error-retry").await;
    app.wait_screen("bc-ready-title").await;
    audit.check(&app, theme, "bigcommerce/not-ready").await;
    practice.sandbox.remove_fault(driver);
    app.click("bc-ready-again").await;

    // The store step, road 1 and road 2 with its states.
    app.wait_screen("bc-title").await;
    audit.check(&app, theme, "connector/idle").await;
    app.click("bc-use-api").await;
    app.wait_screen("bc-api-title").await;
    app.wait_testid("scope-products_modify", 10).await;
    audit.check(&app, theme, "api-account/guide").await;
    pick_file(&app, "bc-api-file", "notes.txt", "shopping list").await;
    app.wait_attr("bc-api-error", "data-code", "api_account_file_invalid", 30)
        .await;
    audit.check(&app, theme, "api-account/file-invalid").await;
    let scopes: Vec<&str> = CONNECTOR_SCOPES
        .iter()
        .map(|s| match *s {
            "store_v2_orders" => "store_v2_orders_read_only",
            other => other,
        })
        .collect();
    let short = practice.api_account(Some(&scopes));
    practice.sandbox.set_fault(
        Fault::Latency {
            ms: 4000,
            area: Some(Area::BcApi),
        },
        Some(1),
    );
    pick_file(&app, "bc-api-file", "api-account.txt", &short.txt()).await;
    app.wait_testid("bc-api-checking", 5).await;
    audit.check(&app, theme, "api-account/checking").await;
    app.wait_attr(
        "bc-api-error",
        "data-code",
        "bigcommerce_access_missing",
        30,
    )
    .await;
    app.wait_testid("bc-api-missing-orders_modify", 5).await;
    audit.check(&app, theme, "api-account/access-missing").await;

    // Road 1: waiting for the connector (nothing pasted yet), help after a while, then Status.
    app.click("bc-use-connector").await;
    app.wait_screen("bc-title").await;
    practice.paste("");
    app.click("bc-open-connector").await;
    app.wait_testid("bc-connector-waiting", 10).await;
    audit.check(&app, theme, "connector/waiting").await;
    app.wait_testid("bc-connector-help", 20).await;
    audit.check(&app, theme, "connector/help").await;
    app.click("bc-copy-workspace").await;
    app.click("bc-connector-open-again").await;
    app.wait_testid("bc-candidate-title", 20).await;
    audit
        .check(&app, theme, "connector/is-this-your-store")
        .await;
    app.click("bc-candidate-yes").await;
    app.wait_screen("status-title").await;
    assert_ne!(
        app.attr("status-badge", "data-phase").await.as_deref(),
        Some("active"),
        "Status went by too fast to be audited while running"
    );
    audit.check(&app, theme, "status/running").await;
    wait_active(&app, &practice).await;
    audit.check(&app, theme, "status/active").await;

    // Manage: healthy, the key form, the Forget question, the app deleted, reinstalled.
    let id = practice.card("acme");
    app.click("status-finish").await;
    app.wait_screen("manage-title").await;
    let health = format!("conn-health-{id}");
    app.wait_attr(&health, "data-attention", "false", 20).await;
    audit.check(&app, theme, "manage/healthy").await;
    app.click(&format!("conn-enter-key-{id}")).await;
    app.wait_testid(&format!("conn-key-scopes-{id}"), 5).await;
    app.wait_testid("scope-products_modify", 10).await;
    audit.check(&app, theme, "manage/key-form").await;
    app.click(&format!("conn-key-cancel-{id}")).await;
    app.click(&format!("conn-forget-{id}")).await;
    app.wait_testid(&format!("conn-forget-confirm-{id}"), 5)
        .await;
    audit.check(&app, theme, "manage/forget-question").await;
    app.click(&format!("conn-forget-no-{id}")).await;
    assert!(practice.sandbox.uninstall_app("abc123").unwrap() > 0);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        app.click_when_enabled("manage-refresh").await;
        app.wait_testid(&health, 20).await;
        if app.attr(&health, "data-attention").await.as_deref() == Some("true") {
            break;
        }
        assert!(Instant::now() < deadline, "Manage never noticed");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    audit.check(&app, theme, "manage/app-deleted").await;
    practice.paste("");
    app.click(&format!("conn-reinstall-{id}")).await;
    app.wait_testid(&format!("conn-{id}-connector-waiting"), 10)
        .await;
    audit.check(&app, theme, "manage/reinstalling").await;
    app.wait_testid(&format!("conn-{id}-connector-help"), 20)
        .await;
    audit.check(&app, theme, "manage/reinstall-help").await;
    app.click(&format!("conn-{id}-copy-workspace")).await;
    app.click(&format!("conn-{id}-connector-open-again")).await;
    app.wait_text(&format!("conn-message-{id}"), "renewed")
        .await;
    audit.check(&app, theme, "manage/reinstalled").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}

async fn road_2_stopped_and_repairs(audit: &mut Audit, theme: Theme) {
    let practice = Practice::start(Pace::QUICK).await;
    // Welcome → Core1 is audited on road 1's walk: this one starts signed in (seeded).
    let home = practice.home_signed_in("acme").await;
    let launch = practice.launch("en_US.UTF-8", Some(home.path().into()));
    let app = launch_in(theme, launch, audit).await;
    app.wait_screen("bc-title").await;
    // Road 2 with the values pasted; the first synchronisation stops halfway.
    let account = practice.api_account(None);
    app.click("bc-use-api").await;
    app.wait_screen("bc-api-title").await;
    app.type_into("bc-api-path", &account.api_path).await;
    app.type_into("bc-api-key", &account.access_token).await;
    app.wait_testid("scope-products_modify", 10).await;
    audit.check(&app, theme, "api-account/filled").await;
    practice.sandbox.set_fault(
        Fault::SyncFailsHalfway {
            workspace: Some("acme".into()),
        },
        None,
    );
    app.click("bc-api-submit").await;
    app.wait_screen("status-title").await;
    app.wait_testid("status-failed", 60).await;
    audit.check(&app, theme, "status/stopped").await;
    practice.sandbox.clear_faults();

    // Manage: the stopped connection, then its key revoked, a wrong key, a good one.
    let id = practice.card("acme");
    app.click("status-to-manage").await;
    // A connection needing attention takes the focus (its health line), not the heading.
    app.wait_testid("manage-title", 20).await;
    let health = format!("conn-health-{id}");
    app.wait_attr(&health, "data-attention", "true", 30).await;
    audit.check(&app, theme, "manage/sync-stopped").await;
    app.click(&format!("conn-sync-{id}")).await;
    app.wait_testid(&format!("conn-message-{id}"), 30).await;
    audit.check(&app, theme, "manage/synchronised").await;
    assert_eq!(practice.sandbox.delete_api_accounts("abc123"), 1);
    app.click_when_enabled("manage-refresh").await;
    app.wait_attr(&format!("conn-store-{id}"), "data-state", "invalid", 30)
        .await;
    audit.check(&app, theme, "manage/key-revoked").await;
    app.click(&format!("conn-enter-key-{id}")).await;
    let input = format!("conn-key-input-{id}");
    app.wait_testid(&input, 5).await;
    app.type_into(&input, "not a key").await;
    app.click(&format!("conn-key-submit-{id}")).await;
    app.wait_testid(&format!("conn-error-{id}"), 20).await;
    audit.check(&app, theme, "manage/key-refused").await;
    app.close().await;
    practice.sandbox.shutdown().await;
}

/// A profile file that cannot be read: the notice on Welcome.
async fn notices(audit: &mut Audit, theme: Theme) {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("broken-profile.json");
    std::fs::write(&profile, "{ \"base\": ").unwrap();
    let app = launch_in(
        theme,
        Launch {
            args: vec!["--profile".into(), profile.display().to_string()],
            env: vec![("LANG".into(), "en_US.UTF-8".into())],
            ..Launch::default()
        },
        audit,
    )
    .await;
    app.wait_screen("welcome-title").await;
    app.wait_testid("notice-startup-error", 5).await;
    audit.check(&app, theme, "welcome/profile-notice").await;
    app.close().await;
}
