//! Moving through the flow: where we are, start, back, finish.

use setup_core::WizardView;
use tauri::State;

use crate::state::AppState;
use crate::Result;

#[tauri::command]
pub async fn wizard_view(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.view().await)
}

#[tauri::command]
pub async fn wizard_begin(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.begin().await?)
}

#[tauri::command]
pub async fn wizard_back(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.back().await?)
}

#[tauri::command]
pub async fn wizard_finish(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.finish().await?)
}

#[tauri::command]
pub async fn wizard_start_new(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.start_new().await?)
}

/// The user trusts the hosts a setup file connects to (shown on Welcome).
#[tauri::command]
pub async fn confirm_profile_hosts(state: State<'_, AppState>) -> Result<WizardView> {
    Ok(state.engine.confirm_hosts().await?)
}
