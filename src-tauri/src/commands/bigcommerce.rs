//! The store step: the connector app (road 1), an API account (road 2), or the wizard's own
//! app where a profile registers one (road 3).

use serde::Serialize;
use setup_core::{ConnectionKey, Event, Readiness, ScopeAccess, WizardView, REQUIRED_SCOPES};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use super::sink;
use crate::state::AppState;
use crate::{Error, Result};

/// Road 1: opens the connector page (unless `resume`) and resolves when the connector's
/// connection appears in the workspace (the view is then Status).
#[tauri::command]
pub async fn store_connector_watch(
    state: State<'_, AppState>,
    resume: bool,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state
        .engine
        .store_connector_watch(resume, &sink(&on_event))
        .await?)
}

#[tauri::command]
pub fn store_connector_open_page(state: State<'_, AppState>) -> Result<()> {
    Ok(state.engine.store_connector_open_page()?)
}

#[tauri::command]
pub fn store_connector_stop(state: State<'_, AppState>) -> Result<()> {
    state.engine.store_connector_stop();
    Ok(())
}

/// Copies what the connector's workspace field takes — the part between its fixed `https://`
/// and `.actindo.com` (of this run, or of a connection in Manage). The page cannot put any other
/// text on the clipboard: it names a connection, and the name copied is the one this computer
/// knows for it.
#[tauri::command]
pub async fn store_connector_copy_name<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    key: Option<ConnectionKey>,
) -> Result<()> {
    let name = state.engine.store_connector_name(key.as_ref()).await?;
    app.clipboard()
        .write_text(name)
        .map_err(|e| Error::Clipboard(e.to_string()))?;
    // This run's field: kept with the watch, so a restart asks to press Copy again. The text may
    // outlive the app where a clipboard manager runs: the plugin hands it over at exit
    // (arboard's ICCCM `CLIPBOARD_MANAGER` / `SAVE_TARGETS` on X11); on bare X it is gone.
    if key.is_none() {
        state.engine.store_connector_note_copied().await?;
    }
    Ok(())
}

/// Road 1, "Is this your store?" — Yes: on to Status with connection `id`.
#[tauri::command]
pub async fn store_connector_confirm(state: State<'_, AppState>, id: i64) -> Result<WizardView> {
    Ok(state.engine.store_connector_confirm(id).await?)
}

/// Road 1, "Is this your store?" — No (none of them): waiting goes on.
#[tauri::command]
pub async fn store_connector_decline(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.store_connector_decline().await?)
}

/// Road 1, "I already pressed START SETUP": looks again now for a connection made since the run
/// began; the view asks "Is this your store?" when there is one.
#[tauri::command]
pub async fn store_connector_look_again(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.store_connector_look_again().await?)
}

/// Before roads 1 and 2: what Core1 still lacks for a BigCommerce connection.
#[tauri::command]
pub async fn store_readiness(state: State<'_, AppState>) -> Result<Readiness> {
    Ok(state.engine.store_readiness().await?)
}

#[tauri::command]
pub async fn store_own_app_sign_in(
    state: State<'_, AppState>,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state.engine.store_own_app_sign_in(&sink(&on_event)).await?)
}

/// One box to tick on BigCommerce's API-account form.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScopeToTick {
    /// Locale key of the human label.
    pub label_key: &'static str,
    /// The row's name as BigCommerce shows it (not translated: it is BigCommerce's own text).
    pub control_panel: &'static str,
    pub access: ScopeAccess,
}

/// What the API-account guide lists.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ApiAccountGuide {
    pub scopes: Vec<ScopeToTick>,
}

#[tauri::command]
pub fn store_api_account_guide() -> Result<ApiAccountGuide> {
    Ok(ApiAccountGuide {
        scopes: REQUIRED_SCOPES
            .iter()
            .map(|s| ScopeToTick {
                label_key: s.label_key,
                control_panel: s.control_panel,
                access: s.access,
            })
            .collect(),
    })
}

/// `store_hash`: the store a refused API account file is for (checked by the core).
#[tauri::command]
pub async fn store_api_account_open_page(
    state: State<'_, AppState>,
    store_hash: Option<String>,
) -> Result<()> {
    Ok(state
        .engine
        .store_api_account_open_page(store_hash.as_deref())
        .await?)
}

#[tauri::command]
pub async fn store_api_account_use(
    state: State<'_, AppState>,
    api_path: String,
    access_token: String,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state
        .engine
        .store_api_account_use(&api_path, &access_token, &sink(&on_event))
        .await?)
}

/// Road 2 from the .txt file BigCommerce downloads; the UI reads the picked file and hands its
/// text over without keeping it.
#[tauri::command]
pub async fn store_api_account_use_file(
    state: State<'_, AppState>,
    contents: String,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state
        .engine
        .store_api_account_use_file(&contents, &sink(&on_event))
        .await?)
}
