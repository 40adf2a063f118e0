//! The album: the pictures of the wizard the documents show, taken by one test
//! (`tests/e2e/album.rs`) on its way through the screens, each saved as
//! `tests/artifacts/album/NAME.png`; with `UPDATE_ALBUM=1` also copied to `tests/screens/NAME.png`
//! under the name the documents use. A state only one test's story reaches (resume's paused and
//! resumed road 1) is pictured by that test with [`picture`], so `UPDATE_ALBUM=1` renews it too;
//! the pictures of faults, a special world (an intercepting network, no browser), the update,
//! the audit, the fit check and the installed app are still taken by their tests with
//! `App::screenshot` and copied by hand.

use std::path::PathBuf;

use crate::a11y::set_window_size;
use crate::{artifacts_dir, at_store_step, confirm_store, copy_workspace_name, workspace_root};
use crate::{register_in_core1, App, Practice};

/// Saves the window as the album's picture `name` (and, with `UPDATE_ALBUM=1`, over the
/// documents' `tests/screens/{name}.png`).
pub async fn picture(app: &App, name: &str) -> PathBuf {
    // What the page just drew is painted before WebKit's snapshot (it can lag a frame behind
    // the page): two animation frames.
    app.client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             requestAnimationFrame(() => requestAnimationFrame(() => done()));",
            vec![],
        )
        .await
        .unwrap();
    let png = app.client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "screenshot is not a PNG");
    let dir = artifacts_dir().join("album");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, &png).unwrap();
    if std::env::var_os("UPDATE_ALBUM").is_some_and(|v| v == "1") {
        // Only pictures a document shows live there (the lint stage's `pictures.py`): a new one
        // is added with the document that shows it.
        let shown = workspace_root().join(format!("tests/screens/{name}.png"));
        assert!(
            shown.exists(),
            "{name}.png is shown by no document: add it to tests/screens with the document"
        );
        std::fs::write(shown, &png).unwrap();
    }
    path
}

/// `en-{name}`, then `de-{name}` in German (the page's own language button; scrolled to
/// `scroll` there when given), and back to English.
pub async fn pictures_both(app: &App, name: &str, scroll: Option<&str>) {
    picture(app, &format!("en-{name}")).await;
    app.switch_language("de").await;
    if let Some(id) = scroll {
        app.scroll_to(id).await;
    }
    picture(app, &format!("de-{name}")).await;
    app.switch_language("en").await;
}

/// Scrolls the screen's own scrolling area so that the part `testid` starts at its top (its
/// heading focused without scrolling): WebKitWebDriver's pictures of an element there come out
/// black, so a picture of a part is a picture of the window.
pub async fn part_at_top(app: &App, testid: &str) {
    app.client
        .execute(
            "const n = document.querySelector(`[data-testid='${arguments[0]}']`); \
             let box = n.parentElement; \
             while (box && !/(auto|scroll)/.test(getComputedStyle(box).overflowY)) box = box.parentElement; \
             if (box) box.scrollTop += n.getBoundingClientRect().top - box.getBoundingClientRect().top - 8; \
             const h = n.querySelector('h2[tabindex]'); \
             if (h) h.focus({ preventScroll: true });",
            vec![testid.into()],
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
}

/// Scrolls the screen's own scrolling area just far enough that all of the panel `testid`
/// (below the fold) is in view above the button bar.
pub async fn panel_in_view(app: &App, testid: &str) {
    app.client
        .execute(
            "const n = document.querySelector(`[data-testid='${arguments[0]}']`); \
             const area = document.getElementById('screen-body'); \
             area.scrollTop += n.getBoundingClientRect().bottom - area.getBoundingClientRect().bottom + 8;",
            vec![testid.into()],
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
}

/// The album's `{lang}-{name}` for each of `langs`: the window as tall as the display
/// (900×800) with the part `testid` at the top of the screen's scrolling area; then English and
/// 900×680 again.
pub async fn part_pictures(app: &App, name: &str, testid: &str, langs: &[&str]) {
    parts(app, name, testid, langs, true).await;
}

/// [`part_pictures`] as a test's own screenshots (`tests/artifacts/{lang}-{name}.png`).
pub async fn part_screenshots(app: &App, name: &str, testid: &str, langs: &[&str]) {
    parts(app, name, testid, langs, false).await;
}

async fn parts(app: &App, name: &str, testid: &str, langs: &[&str], album: bool) {
    set_window_size(app, 900, 800).await;
    for &lang in langs {
        app.switch_language(lang).await;
        part_at_top(app, testid).await;
        let name = format!("{lang}-{name}");
        if album {
            picture(app, &name).await;
        } else {
            app.screenshot(&name).await;
        }
    }
    app.switch_language("en").await;
    set_window_size(app, 900, 680).await;
}

/// Holds the next request to `area` for a moment, so that a waiting state can be pictured.
fn hold_next(practice: &Practice, area: setup_sandbox::Area) {
    practice.sandbox.set_fault(
        setup_sandbox::Fault::Latency {
            ms: 2500,
            area: Some(area),
        },
        Some(1),
    );
}

/// Road 1 from Welcome to "Is this your store?" answered, in English, with the pictures of the
/// way: `en-welcome`, `en-workspace`, `{en,de}-core1-registration` (the world does not know the
/// wizard yet: the registration walked), `en-core1` (registered), `en-core1-waiting`,
/// `{en,de}-bigcommerce`, `{en,de}-api-account` (road 2, always offered: visited and left),
/// `en-connector-waiting`, `{en,de}-candidate`.
pub async fn road_1_pictured(app: &App, practice: &Practice, input: &str) {
    app.wait_screen("welcome-title").await;
    picture(app, "en-welcome").await;
    app.click("welcome-start").await;
    app.wait_screen("ws-title").await;
    app.type_into("ws-input", input).await;
    let name = input.split('.').next().unwrap();
    app.wait_text("ws-preview-url", name).await;
    picture(app, "en-workspace").await;
    app.click("ws-continue").await;
    app.wait_screen("core1-title").await;
    // The one-time registration, in a window tall enough for the whole guide.
    app.wait_testid("core1-registration", 5).await;
    set_window_size(app, 900, 800).await;
    pictures_both(app, "core1-registration", None).await;
    set_window_size(app, 900, 680).await;
    register_in_core1(app, practice).await;
    picture(app, "en-core1").await;
    // The robot's first page held a moment: the waiting state.
    hold_next(practice, setup_sandbox::Area::Core1);
    app.click("core1-sign-in").await;
    app.wait_testid("waiting-title", 5).await;
    picture(app, "en-core1-waiting").await;
    at_store_step(app, input).await;
    pictures_both(app, "bigcommerce", None).await;

    // Road 2, always offered: the exact access to set, and the file to pick.
    app.click("bc-use-api").await;
    app.wait_screen("bc-api-title").await;
    app.wait_testid("scope-products_modify", 10).await;
    assert_eq!(
        app.attr("bc-api-key", "type").await.as_deref(),
        Some("password")
    );
    assert!(app.exists("bc-api-file").await);
    pictures_both(app, "api-account", None).await;
    app.click("bc-use-connector").await;
    app.wait_screen("bc-title").await;

    // The connector held a moment: the waiting state, with its two ways out.
    copy_workspace_name(app).await;
    hold_next(practice, setup_sandbox::Area::BcLogin);
    app.click("bc-open-connector").await;
    app.wait_testid("bc-connector-waiting", 5).await;
    assert!(app.exists("bc-connector-open-again").await);
    assert!(app.exists("bc-connector-cancel").await);
    picture(app, "en-connector-waiting").await;
    // The question takes the focus once it is drawn in place of the waiting panel.
    app.wait_testid("bc-candidate-title", 30).await;
    app.wait_screen("bc-candidate-title").await;
    assert!(!app.exists("bc-connector-waiting").await);
    pictures_both(app, "candidate", Some("bc-candidates")).await;
    confirm_store(app, "abc123").await;
}
