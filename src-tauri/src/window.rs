//! The main window, opened by the app's own setup (`tauri.conf.json` declares it with
//! `"create": false`), so that a webview that cannot start is told to the merchant instead of
//! ending the app in silence.
//!
//! Why: Tauri creates configured windows before any of the app's code runs, and when that fails
//! it panics ("Failed to setup app: runtime error: Could not find the webview runtime"). On a
//! Windows PC without the WebView2 runtime (Windows 10 without it, a failed or removed install,
//! a copy carried to another PC) a double-click then shows nothing at all (the release build has
//! no console; Tauri's own notice before the panic is English only). Here the app checks for the
//! runtime first, opens the window itself, and on failure shows a native message box in the
//! user's language saying what is missing and how to get it, logs it, and exits with
//! [`EXIT_NO_WINDOW`].
//!
//! The message box: on Windows and macOS `rfd`'s (the dialog crate tauri-plugin-dialog is built
//! on; maintained): `MessageBoxW`, an `NSAlert`. On Linux GTK's own `MessageDialog` on the main
//! thread, through the GTK 3 bindings Tauri's window uses: rfd's GTK backend runs GTK on a
//! thread of its own, and in an app whose main thread already owns GTK its dialog never showed
//! (seen: the app hung). A webview dialog cannot help (there is no webview), and writing
//! `MessageBoxW` by hand would be the workspace's second `unsafe` call for what `rfd` does.
//!
//! The window opens hidden (`"visible": false`) and is shown when the page has drawn its first
//! screen ([`show`], from the `app_window_ready` command), Tauri's "show when ready" pattern: a first
//! launch, with the web engine's caches cold, otherwise shows an empty white window for up to a
//! second while the page loads. If the page never says so (it failed to load), the window is
//! shown anyway after [`SHOW_AT_THE_LATEST`], so its error can be seen.

use std::fmt;
use std::time::Duration;

use serde_json::Value;
use tauri::{App, Manager, Runtime, WebviewWindowBuilder};

/// The main window's label (`tauri.conf.json`).
pub const MAIN: &str = "main";

/// The exit code when the window cannot be opened (after the message box is closed).
pub const EXIT_NO_WINDOW: i32 = 3;

/// Why the window cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoWindow {
    /// Windows: the WebView2 runtime is not installed for this user.
    WebView2Missing,
    /// Creating the window or its webview failed (on Linux: WebKitGTK could not start).
    Failed(String),
}

impl fmt::Display for NoWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoWindow::WebView2Missing => f.write_str("the WebView2 runtime is not installed"),
            NoWindow::Failed(reason) => write!(f, "the window could not be created: {reason}"),
        }
    }
}

/// Opens the main window from its configuration. Without a configured main window (the mock
/// runtime's tests) there is nothing to open.
pub fn open_main<R: Runtime>(app: &App<R>) -> Result<(), NoWindow> {
    let Some(config) = app.config().app.windows.iter().find(|w| w.label == MAIN) else {
        return Ok(());
    };
    if cfg!(windows) && tauri::webview_version().is_err() {
        return Err(NoWindow::WebView2Missing);
    }
    WebviewWindowBuilder::from_config(app.handle(), config)
        .and_then(|builder| builder.build())
        .map(|_| ())
        .map_err(|e| NoWindow::Failed(e.to_string()))
}

/// How long a hidden window waits for its page before it is shown anyway. The page draws in
/// 0.5–1 s on a first launch; this is for a page that never does.
pub const SHOW_AT_THE_LATEST: Duration = Duration::from_secs(3);

/// Shows the main window (once the page is drawn), if it is not shown yet.
pub fn show<R: Runtime>(app: &tauri::AppHandle<R>, why: &str) {
    let Some(window) = app.get_webview_window(MAIN) else {
        return;
    };
    if window.is_visible().unwrap_or(false) {
        return;
    }
    match window.show() {
        Ok(()) => log::info!("window shown ({why})"),
        Err(e) => log::warn!("window could not be shown ({why}): {e}"),
    }
}

/// Shows the window after [`SHOW_AT_THE_LATEST`] if the page has not done it by then.
pub fn show_at_the_latest<R: Runtime>(app: &tauri::AppHandle<R>) {
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(SHOW_AT_THE_LATEST);
        show(&app, "the page did not say it was drawn");
    });
}

/// Tells the user why there is no window (a native message box, in their language), logs it,
/// and asks the app to exit with [`EXIT_NO_WINDOW`].
pub fn tell_and_exit<R: Runtime>(app: &App<R>, why: &NoWindow) {
    let lang = language(sys_locale::get_locale().as_deref());
    let (title, text) = words(lang, why);
    log::error!("no window: {why}; telling the user in a message box ({lang})");
    if let Ok(dir) = app.path().app_log_dir() {
        log::info!("log folder: {}", dir.display());
    }
    if let Ok(dir) = app.path().app_data_dir() {
        log::info!("data folder: {}", dir.display());
    }
    message_box(&title, &text);
    log::info!("message box closed; exiting with {EXIT_NO_WINDOW}");
    app.handle().exit(EXIT_NO_WINDOW);
}

/// Shows an error message box with an OK button; returns when it is closed. Called on the main
/// thread (the app's setup), as every one of these needs.
#[cfg(target_os = "linux")]
fn message_box(title: &str, text: &str) {
    use gtk::prelude::{DialogExt, GtkWindowExt, MessageDialogExt};
    let dialog = gtk::MessageDialog::new(
        None::<&gtk::Window>,
        gtk::DialogFlags::MODAL,
        gtk::MessageType::Error,
        gtk::ButtonsType::Ok,
        title,
    );
    dialog.set_secondary_text(Some(text));
    dialog.set_title(title);
    dialog.run();
    dialog.close();
}

#[cfg(not(target_os = "linux"))]
fn message_box(title: &str, text: &str) {
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title(title)
        .set_description(text)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

/// `de` for a German system locale (`de`, `de-DE`, `de_AT.UTF-8`, …), else `en`, as the UI
/// picks its language.
pub fn language(locale: Option<&str>) -> &'static str {
    match locale {
        Some(l) if l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("de")) => "de",
        _ => "en",
    }
}

/// The message box's title and text in `lang` (`en` or `de`), from the UI's own words
/// (`ui/locales/*.json`, key `noWindow`), so every string exists in both languages and the
/// locale test checks them.
pub fn words(lang: &str, why: &NoWindow) -> (String, String) {
    let file = if lang == "de" {
        include_str!("../../ui/locales/de.json")
    } else {
        include_str!("../../ui/locales/en.json")
    };
    let all: Value = serde_json::from_str(file).unwrap_or(Value::Null);
    let get = |key: &str| {
        all.pointer(&format!("/noWindow/{key}"))
            .and_then(Value::as_str)
            .unwrap_or(key)
            .to_owned()
    };
    let text = match why {
        NoWindow::WebView2Missing => get("webview2"),
        NoWindow::Failed(reason) => {
            let hint = if cfg!(target_os = "linux") {
                get("failedLinux")
            } else {
                get("failedOther")
            };
            format!("{}\n\n{hint}", get("failed").replace("{reason}", reason))
        }
    };
    (get("title"), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_locales_get_german_words_and_others_english() {
        for locale in ["de", "de-DE", "de_AT.UTF-8", "DE-ch"] {
            assert_eq!(language(Some(locale)), "de", "{locale}");
        }
        for locale in [None, Some("en-US"), Some("fr-FR"), Some(""), Some("d")] {
            assert_eq!(language(locale), "en", "{locale:?}");
        }
    }

    #[test]
    fn the_webview2_words_say_what_is_missing_and_where_to_get_it() {
        let (title, text) = words("en", &NoWindow::WebView2Missing);
        assert_eq!(title, "Core1 BigCommerce Setup cannot start");
        assert!(text.contains("WebView2 Runtime"), "{text}");
        assert!(text.contains("Evergreen"), "{text}");
        assert!(
            text.contains("https://developer.microsoft.com/microsoft-edge/webview2"),
            "{text}"
        );
        let (title, text) = words("de", &NoWindow::WebView2Missing);
        assert_eq!(title, "Core1 BigCommerce Setup kann nicht starten");
        assert!(text.contains("WebView2-Runtime"), "{text}");
        assert!(text.contains("Evergreen"), "{text}");
    }

    #[test]
    fn a_failed_window_names_the_reason() {
        let why = NoWindow::Failed("no GL".into());
        for lang in ["en", "de"] {
            let (_, text) = words(lang, &why);
            assert!(text.contains("no GL"), "{text}");
            assert!(!text.contains("{reason}"), "{text}");
        }
    }
}
