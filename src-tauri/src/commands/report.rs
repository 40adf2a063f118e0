//! The onboarding report (Status once active, and each Manage card): the save dialog, the core
//! makes and writes the report, then the saved file opens in the system browser.
//!
//! The dialog is tauri-plugin-dialog's, called from Rust: the page has no dialog permission and
//! never sees or chooses a path; the core writes to the path the dialog returned. The report's
//! words are the UI's locale files (`setup_core::Words` says why), read here
//! from the app's own assets.

use std::path::PathBuf;

use serde::Serialize;
use setup_core::{ConnectionKey, Words, LANGUAGES};
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;
use crate::{Error, Result};

/// What the page says after saving.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportSaved {
    /// The file's name (not its folder: the page only names it).
    pub file_name: String,
    pub bytes: u64,
    /// How long making it took (asking Core1 and the store, rendering, writing).
    pub made_ms: u64,
    /// Whether the browser was asked to open it.
    pub opened: bool,
}

/// Asks where to save the report about `key` (Documents, `Core1-BigCommerce-{workspace}-{day}.html`),
/// writes it in `lang` (the page's language) and opens it. `None` when the user cancelled.
#[tauri::command]
pub async fn onboarding_report_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    key: ConnectionKey,
    lang: String,
) -> Result<Option<ReportSaved>> {
    let words = words(&app, &lang)?;
    let name = state.engine.onboarding_file_name(&key)?;
    let Some(path) = choose_file(&app, &name, &words).await? else {
        log::info!("onboarding report: saving cancelled");
        return Ok(None);
    };
    let saved = state
        .engine
        .onboarding_save(&key, &words, env!("CARGO_PKG_VERSION"), &path)
        .await?;
    let opened = match state.engine.onboarding_open_saved() {
        Ok(()) => true,
        Err(e) => {
            log::warn!("the saved report was not opened: {}", e.code());
            false
        }
    };
    Ok(Some(ReportSaved {
        file_name: saved
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes: saved.bytes,
        made_ms: saved.made_ms,
        opened,
    }))
}

/// The save dialog over the main window, in the Documents folder with `name` suggested.
async fn choose_file<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    words: &Words,
) -> Result<Option<PathBuf>> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title(words.t("report.save", &[]))
        .set_file_name(name)
        .add_filter("HTML", &["html", "htm"]);
    if let Ok(documents) = app.path().document_dir() {
        dialog = dialog.set_directory(documents);
    }
    if let Some(window) = app.get_webview_window(crate::window::MAIN) {
        dialog = dialog.set_parent(&window);
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    dialog.save_file(move |path| {
        let _ = tx.send(path);
    });
    let chosen = rx
        .await
        .map_err(|_| Error::Internal("the save dialog went away".into()))?;
    chosen
        .map(|p| {
            p.into_path()
                .map_err(|e| Error::Internal(format!("save dialog: {e}")))
        })
        .transpose()
}

/// The words of `lang` (English for a language without a file), from the locale files the app
/// ships as its page's assets.
fn words<R: Runtime>(app: &AppHandle<R>, lang: &str) -> Result<Words> {
    let lang = LANGUAGES
        .iter()
        .find(|l| l.eq_ignore_ascii_case(lang))
        .copied()
        .unwrap_or("en");
    let read = |l: &str| -> Result<String> {
        let asset = app
            .asset_resolver()
            .get(format!("locales/{l}.json"))
            .ok_or_else(|| Error::Internal(format!("no locales/{l}.json")))?;
        String::from_utf8(asset.bytes).map_err(|e| Error::Internal(e.to_string()))
    };
    Ok(Words::from_locales(lang, &read(lang)?, &read("en")?)?)
}
