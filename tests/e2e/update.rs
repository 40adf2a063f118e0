//! Signed updates, end to end, offline, on the installed app (`tests/support/installed-smoke.sh`
//! builds the .deb with this run's update key and a 127.0.0.1 update address, installs it, and
//! makes the release with `tests/support/update-release.sh`): the installed wizard never looks
//! for an update during a setup; Manage offers the newer version with its notes in the merchant's
//! language; a package changed on the way and one signed with another key are refused with
//! words and nothing installed; with no network nothing is shown; *Update now* downloads with
//! progress, installs through dpkg, and restarts into the new version, back on Manage.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use setup_e2e::a11y::{Audit, Theme};
use setup_e2e::update_server::{Release, Serve, UpdateServer, NOTES_DE, NOTES_EN};
use setup_e2e::{
    artifacts_dir, end_process, english_words, inspector_address, installed_version,
    screen_picture, through_workspace_and_core1, wait_active, wait_window_of_another_process,
    window_pids, App, Launch, Pace, Practice,
};

const PACKAGE: &str = "core1-bigcommerce-setup";
/// The window's title on Manage, which the restarted app must come back to.
const MANAGE_TITLE: &str = "Core1 BigCommerce Setup — Your connections";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the installed test build and its release: tests/support/installed-smoke.sh runs it"]
async fn the_installed_wizard_updates_itself_and_refuses_what_is_not_signed() {
    let release = Release::from_env();
    let old = installed_version(PACKAGE).expect("the test build is installed");
    assert_ne!(old, release.version);
    let practice = Practice::start(Pace::QUICK).await;
    let home = tempfile::tempdir().unwrap();
    let log = artifacts_dir().join("update-app.log");
    let _ = std::fs::remove_file(&log);
    let launch = || Launch {
        output: Some(log.clone()),
        ..practice.launch("en_US.UTF-8", Some(home.path().to_path_buf()))
    };

    // A setup with the update server up: nothing is asked while the setup is under way.
    let server = UpdateServer::start(&release).await;
    let app = App::launch(launch()).await;
    through_workspace_and_core1(&app, &practice, "acme").await;
    let account = practice.api_account(None);
    app.click("bc-use-api").await;
    app.wait_screen("bc-api-title").await;
    app.type_into("bc-api-path", &account.api_path).await;
    app.type_into("bc-api-key", &account.access_token).await;
    app.click("bc-api-submit").await;
    app.wait_screen("status-title").await;
    wait_active(&app, &practice).await;
    assert_eq!(server.hits("/latest.json"), 0, "looked during the setup");

    // Manage looks, in the background, and offers the newer version.
    app.click("status-finish").await;
    app.wait_screen("manage-title").await;
    app.wait_attr("manage", "data-update", "offered", 30).await;
    assert_eq!(server.hits("/latest.json"), 1);
    assert_eq!(
        app.text("update-title").await,
        "A newer version is available"
    );
    let version = app.text("update-version").await;
    assert!(
        version.contains(&format!("Version {}", release.version)),
        "{version}"
    );
    assert!(
        version.contains(&format!("you have version {old}")),
        "{version}"
    );
    assert!(version.contains("December 1, 2026"), "{version}");
    assert!(app.text("update-notes").await.contains(NOTES_EN));
    app.scroll_to("update-panel").await;
    app.screenshot("en-update-offered").await;
    app.switch_language("de").await;
    assert_eq!(
        app.text("update-title").await,
        "Eine neuere Version ist verfügbar"
    );
    assert!(app.text("update-notes").await.contains(NOTES_DE));
    assert!(app
        .text("update-version")
        .await
        .contains("1. Dezember 2026"));
    app.scroll_to("update-panel").await;
    app.screenshot("de-update-offered").await;
    app.switch_language("en").await;
    // The panel as a screen reader and the keyboard meet it (axe, both languages).
    let mut audit = Audit::default();
    audit
        .check(&app, Theme::Light, "manage/update-offered")
        .await;

    // A package changed on the way, then one signed with another key: refused, with words,
    // nothing installed, this version still working.
    let (text, next) = english_words("update_signature_invalid");
    for (serve, file, button) in [
        (Serve::Tampered, "/tampered.deb", "update-now"),
        (Serve::OtherKey, "/new.deb", "update-error-retry"),
    ] {
        server.serve(serve);
        let before = server.hits(file);
        let started = Instant::now();
        app.click(button).await;
        app.wait_attr("update-error", "data-code", "update_signature_invalid", 60)
            .await;
        println!(
            "{serve:?}: refused {} ms after the click",
            started.elapsed().as_millis()
        );
        assert_eq!(server.hits(file), before + 1, "{serve:?}: downloaded once");
        let said = app.text("update-error").await;
        assert!(said.contains(&text) && said.contains(&next), "{said}");
        app.assert_no_codes_shown().await;
        assert_eq!(installed_version(PACKAGE).as_deref(), Some(old.as_str()));
        assert_eq!(
            app.attr("update-panel", "data-phase").await.as_deref(),
            Some("offered")
        );
    }
    app.scroll_to("update-panel").await;
    app.screenshot("en-update-refused").await;
    audit
        .check(&app, Theme::Light, "manage/update-refused")
        .await;
    audit.print_summary();
    audit.assert_clean();
    app.close().await;
    server.stop().await;

    // A day later, with no network: Manage as always, nothing about updates, no error.
    a_day_passes(
        &home
            .path()
            .join("data/io.core1setup.bigcommerce/updates.json"),
    );
    let app = App::launch(launch()).await;
    app.wait_screen("manage-title").await;
    app.wait_attr("manage", "data-update", "failed", 40).await;
    for nothing in ["update-panel", "update-error", "manage-error"] {
        assert!(
            !app.exists(nothing).await,
            "{nothing} shown without a network"
        );
    }
    assert!(
        app.text("notices").await.trim().is_empty(),
        "a notice without a network"
    );
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(said.contains("update check failed") && said.contains("update_offline"));
    app.close().await;

    // Update now, the download paced like a 8 Mbit/s line so its progress can be watched.
    let server = UpdateServer::start(&release).await;
    server.pace(Some(1_000_000));
    let app = App::launch(launch()).await;
    app.wait_screen("manage-title").await;
    app.wait_attr("manage", "data-update", "offered", 30).await;
    let before = *window_pids(MANAGE_TITLE)
        .first()
        .expect("the Manage window");
    let clicked = Instant::now();
    app.click("update-now").await;
    let (phases, values) = watch_until_gone(&app).await;
    println!("what the merchant saw after the click (ms): {phases:?}");
    // Checking the signature takes milliseconds: "verifying" is rarely seen between them.
    let order: Vec<&str> = phases.iter().map(|(p, _)| p.as_str()).collect();
    let at = |p| order.iter().position(|o| *o == p);
    assert!(
        matches!((at("downloading"), at("installing")), (Some(d), Some(i)) if d < i),
        "phases {order:?}"
    );
    let max = values.iter().map(|(_, m)| *m).max().unwrap_or(0);
    let moving: Vec<u64> = values.iter().map(|(v, _)| *v).filter(|v| *v > 0).collect();
    assert!(moving.len() >= 3, "the bar barely moved: {values:?}");
    assert!(
        moving.windows(2).all(|w| w[0] <= w[1]),
        "the bar went back: {values:?}"
    );
    assert_eq!(
        max,
        std::fs::metadata(release.dir.join("new.deb"))
            .unwrap()
            .len()
    );

    // Installed, and the app back on Manage, in a new process.
    let deadline = Instant::now() + Duration::from_secs(120);
    while installed_version(PACKAGE).as_deref() != Some(release.version.as_str()) {
        assert!(Instant::now() < deadline, "the update was never installed");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let pid = wait_window_of_another_process(MANAGE_TITLE, before, Duration::from_secs(60)).await;
    println!(
        "restarted on Manage {} ms after the click",
        clicked.elapsed().as_millis()
    );
    drop(app);
    let again = App::attach(&inspector_address(pid).expect("the restarted app's inspector")).await;
    let notice = again
        .wait_text("notice-updated-text", &release.version)
        .await;
    assert_eq!(
        notice,
        format!(
            "Updated to version {}. Everything else is as you left it.",
            release.version
        )
    );
    let info = again
        .client
        .execute_async(
            "window.__TAURI__.core.invoke('plugin:wizard|app_info').then(arguments[0]);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(info["version"], release.version.as_str());
    again
        .wait_attr("manage", "data-update", "skipped", 30)
        .await;
    assert!(
        !again.exists("update-panel").await,
        "the installed version offered again"
    );
    again.screenshot("en-update-restarted").await;
    screen_picture("update-restarted-screen");
    let _ = again.client.clone().close().await;
    drop(again);
    end_process(pid).await;
    server.stop().await;
    practice.sandbox.shutdown().await;
    let said = std::fs::read_to_string(&log).unwrap();
    for line in said
        .lines()
        .filter(|l| l.contains("update") && l.contains(" ms"))
    {
        println!("app: {line}");
    }
}

/// Moves the last answered check back 25 hours in the app's `updates.json`.
fn a_day_passes(file: &std::path::Path) {
    let mut memory: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let last = memory["lastCheckMs"]
        .as_u64()
        .expect("a check was remembered");
    memory["lastCheckMs"] = (last - 25 * 60 * 60 * 1000).into();
    std::fs::write(file, memory.to_string()).unwrap();
}

/// Samples the update panel every 50 ms until the window is gone (the app restarts): each phase
/// with when it was first seen (ms after the start), and the bar's value and maximum.
async fn watch_until_gone(app: &App) -> (Vec<(String, u128)>, Vec<(u64, u64)>) {
    let started = Instant::now();
    let mut phases: Vec<(String, u128)> = Vec::new();
    let mut values = Vec::new();
    let mut pictured = false;
    loop {
        let read = app
            .client
            .execute(
                "const p = document.querySelector(`[data-testid='update-panel']`); \
                 const b = document.querySelector(`[data-testid='update-progress']`); \
                 return [p && p.dataset.phase, b && b.value, b && b.max];",
                vec![],
            )
            .await;
        let Ok(read) = read else { break };
        if let Some(phase) = read[0].as_str() {
            if phases.last().map(|(p, _)| p.as_str()) != Some(phase) {
                phases.push((phase.to_owned(), started.elapsed().as_millis()));
            }
        }
        if let (Some(v), Some(m)) = (read[1].as_f64(), read[2].as_f64()) {
            values.push((v as u64, m as u64));
            // One picture of the bar on its way (the window may go at any moment after it).
            if !pictured && v > 0.3 * m && read[0].as_str() == Some("downloading") {
                pictured = true;
                if let Ok(png) = app.client.screenshot().await {
                    std::fs::write(artifacts_dir().join("en-update-downloading.png"), png).unwrap();
                }
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(180),
            "still running: {phases:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    (phases, values)
}
