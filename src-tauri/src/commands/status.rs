//! Status: follow the connection live until it is active (or stops on an error).

use setup_core::{Event, WizardView};
use tauri::ipc::Channel;
use tauri::State;

use super::sink;
use crate::state::AppState;
use crate::Result;

/// Resolves when the connection is active, failed or disabled; every change on the way is sent.
#[tauri::command]
pub async fn status_watch(
    state: State<'_, AppState>,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state.engine.status_watch(&sink(&on_event)).await?)
}

#[tauri::command]
pub async fn status_retry(
    state: State<'_, AppState>,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state.engine.status_retry(&sink(&on_event)).await?)
}
