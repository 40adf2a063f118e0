//! Steps 5 and 6: create (or update) the connection, then follow it live.

use setup_core::wizard::{ConnectChoice, Event, WizardView};
use tauri::ipc::Channel;
use tauri::State;

use super::sink;
use crate::state::AppState;
use crate::Result;

#[tauri::command]
pub async fn connect(state: State<'_, AppState>, choice: ConnectChoice) -> Result<WizardView> {
    Ok(state.engine.connect(choice).await?)
}

/// Resolves when the connection is active, failed or disabled; every change on the way is sent.
#[tauri::command]
pub async fn watch_status(
    state: State<'_, AppState>,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state.engine.watch_status(&sink(&on_event)).await?)
}

#[tauri::command]
pub async fn retry_status(
    state: State<'_, AppState>,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state.engine.retry_status(&sink(&on_event)).await?)
}
