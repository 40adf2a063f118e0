//! The store step: the connector app (road 1), an API account (road 2), or the wizard's own
//! app where a profile registers one (road 3).

use serde::Serialize;
use setup_core::bigcommerce::scopes;
use setup_core::wizard::{ConnectionKey, Event, WizardView};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use super::sink;
use crate::state::AppState;
use crate::{Error, Result};

/// Road 1: opens the connector page (unless `resume`) and resolves when the connector's
/// connection appears in the workspace (the view is then Status).
#[tauri::command]
pub async fn connector_watch(
    state: State<'_, AppState>,
    resume: bool,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state
        .engine
        .watch_connector(resume, &sink(&on_event))
        .await?)
}

#[tauri::command]
pub fn connector_open_page(state: State<'_, AppState>) -> Result<()> {
    Ok(state.engine.open_connector_page()?)
}

#[tauri::command]
pub fn connector_stop(state: State<'_, AppState>) -> Result<()> {
    state.engine.stop_connector();
    Ok(())
}

/// Copies the workspace address the connector asks for (of this run, or of a connection in
/// Manage). The page cannot put any other text on the clipboard: it names a connection, and the
/// address copied is the one this computer knows for it.
#[tauri::command]
pub async fn copy_workspace_url<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    key: Option<ConnectionKey>,
) -> Result<()> {
    let url = state.engine.workspace_url_of(key.as_ref()).await?;
    app.clipboard()
        .write_text(url)
        .map_err(|e| Error::Clipboard(e.to_string()))
}

#[tauri::command]
pub async fn bigcommerce_sign_in(
    state: State<'_, AppState>,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state.engine.sign_in_bigcommerce(&sink(&on_event)).await?)
}

/// One box to tick on BigCommerce's API-account form.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScopeToTick {
    /// Locale key of the human label.
    pub label_key: &'static str,
    /// The row's name as BigCommerce shows it (not translated: it is BigCommerce's own text).
    pub control_panel: &'static str,
    pub access: scopes::Access,
}

/// What the API-account guide lists.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiAccountGuide {
    pub scopes: Vec<ScopeToTick>,
}

#[tauri::command]
pub fn api_account_guide() -> Result<ApiAccountGuide> {
    Ok(ApiAccountGuide {
        scopes: scopes::REQUIRED
            .iter()
            .map(|s| ScopeToTick {
                label_key: s.label_key,
                control_panel: s.control_panel,
                access: s.access,
            })
            .collect(),
    })
}

#[tauri::command]
pub async fn open_api_accounts_page(state: State<'_, AppState>) -> Result<()> {
    Ok(state.engine.open_api_accounts_page().await?)
}

#[tauri::command]
pub async fn use_api_account(
    state: State<'_, AppState>,
    api_path: String,
    access_token: String,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state
        .engine
        .use_api_account(&api_path, &access_token, &sink(&on_event))
        .await?)
}

/// Road 2 from the .txt file BigCommerce downloads; the UI reads the picked file and hands its
/// text over without keeping it.
#[tauri::command]
pub async fn use_api_account_file(
    state: State<'_, AppState>,
    contents: String,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state
        .engine
        .use_api_account_file(&contents, &sink(&on_event))
        .await?)
}
