//! Manage: health of each known connection and the repairs.

use setup_core::wizard::{ConnectionHealth, Event};
use tauri::ipc::Channel;
use tauri::State;

use super::sink;
use crate::state::AppState;
use crate::Result;

#[tauri::command]
pub async fn manage_health(state: State<'_, AppState>) -> Result<Vec<ConnectionHealth>> {
    Ok(state.engine.health().await)
}

#[tauri::command]
pub async fn manage_synchronize(state: State<'_, AppState>, id: i64) -> Result<ConnectionHealth> {
    Ok(state.engine.synchronize(id).await?)
}

#[tauri::command]
pub async fn manage_reconnect(
    state: State<'_, AppState>,
    id: i64,
    on_event: Channel<Event>,
) -> Result<ConnectionHealth> {
    Ok(state.engine.reconnect(id, &sink(&on_event)).await?)
}

/// Road 1 again for this connection: resolves when the connector has updated it.
#[tauri::command]
pub async fn manage_reinstall_connector(
    state: State<'_, AppState>,
    id: i64,
    on_event: Channel<Event>,
) -> Result<ConnectionHealth> {
    Ok(state
        .engine
        .reinstall_connector(id, &sink(&on_event))
        .await?)
}

/// The access key typed by hand; checked against BigCommerce before Core1 gets it.
#[tauri::command]
pub async fn manage_set_token(
    state: State<'_, AppState>,
    id: i64,
    access_token: String,
) -> Result<ConnectionHealth> {
    Ok(state.engine.set_access_token(id, &access_token).await?)
}

#[tauri::command]
pub async fn manage_core1_sign_in(
    state: State<'_, AppState>,
    id: i64,
    on_event: Channel<Event>,
) -> Result<ConnectionHealth> {
    Ok(state.engine.sign_in_core1_for(id, &sink(&on_event)).await?)
}

#[tauri::command]
pub async fn manage_forget(state: State<'_, AppState>, id: i64) -> Result<()> {
    Ok(state.engine.forget(id).await?)
}
