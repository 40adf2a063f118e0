//! Steps 3 and 4: the Core1 workspace, and signing in to it.

use setup_core::{Event, FormField, WizardView, WorkspacePreview};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use super::sink;
use crate::state::AppState;
use crate::{Error, Result};

/// The workspace the wizard would use for what is typed so far (no network).
#[tauri::command]
pub fn workspace_preview(state: State<'_, AppState>, input: String) -> Result<WorkspacePreview> {
    Ok(state.engine.workspace_preview(&input)?)
}

#[tauri::command]
pub async fn workspace_set(state: State<'_, AppState>, input: String) -> Result<WizardView> {
    Ok(state.engine.workspace_set(&input).await?)
}

#[tauri::command]
pub async fn core1_sign_in(
    state: State<'_, AppState>,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state.engine.core1_sign_in(&sink(&on_event)).await?)
}

/// Copies one value of the app registration form (Name, Application (client) ID, Redirect URI)
/// for *Dev Tools › API › App registrations*. The page names the field, never the text.
#[tauri::command]
pub fn core1_registration_copy<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    field: FormField,
) -> Result<()> {
    let text = state.engine.core1_registration_value(field)?;
    app.clipboard()
        .write_text(text)
        .map_err(|e| Error::Clipboard(e.to_string()))
}

/// The client secret Core1 showed once after SAVE: checked with the workspace, then kept in the
/// keyring for it. The page hands it over and keeps nothing.
#[tauri::command]
pub async fn core1_registration_save_secret(
    state: State<'_, AppState>,
    secret: String,
) -> Result<WizardView> {
    Ok(state.engine.core1_registration_save_secret(&secret).await?)
}
