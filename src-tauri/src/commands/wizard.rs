//! Moving through the flow: where we are, start, back, finish.

use setup_core::WizardView;
use tauri::State;

use crate::state::AppState;
use crate::Result;

#[tauri::command]
pub async fn wizard_view(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.wizard_view().await)
}

#[tauri::command]
pub async fn welcome_begin(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.welcome_begin().await?)
}

#[tauri::command]
pub async fn wizard_back(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.wizard_back().await?)
}

#[tauri::command]
pub async fn status_finish(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.status_finish().await?)
}

#[tauri::command]
pub async fn manage_start_new(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.manage_start_new().await?)
}

/// The user trusts the hosts a setup file connects to (shown on Welcome).
#[tauri::command]
pub async fn welcome_confirm_hosts(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.welcome_confirm_hosts().await?)
}
