//! Steps 3 and 4: the Core1 workspace, and signing in to it.

use setup_core::wizard::{Event, WizardView};
use tauri::ipc::Channel;
use tauri::State;

use super::sink;
use crate::state::AppState;
use crate::Result;

/// The URL the wizard would use for what is typed so far (no network).
#[tauri::command]
pub fn preview_workspace(state: State<'_, AppState>, input: String) -> Result<String> {
    Ok(state.engine.preview_workspace(&input)?)
}

#[tauri::command]
pub async fn set_workspace(state: State<'_, AppState>, input: String) -> Result<WizardView> {
    Ok(state.engine.set_workspace(&input).await?)
}

#[tauri::command]
pub async fn core1_sign_in(
    state: State<'_, AppState>,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state.engine.sign_in_core1(&sink(&on_event)).await?)
}
