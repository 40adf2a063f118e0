//! Manage: health of each known connection and the repairs. A connection is named by its
//! [`ConnectionKey`] (workspace and id), as the health list gave it.

use setup_core::{ConnectionHealth, ConnectionKey, Event};
use tauri::ipc::Channel;
use tauri::State;

use super::sink;
use crate::state::AppState;
use crate::Result;

#[tauri::command]
pub async fn manage_health(state: State<'_, AppState>) -> Result<Vec<ConnectionHealth>> {
    Ok(state.engine.manage_health().await)
}

#[tauri::command]
pub async fn manage_synchronize(
    state: State<'_, AppState>,
    key: ConnectionKey,
) -> Result<ConnectionHealth> {
    Ok(state.engine.manage_synchronize(&key).await?)
}

#[tauri::command]
pub async fn manage_reconnect(
    state: State<'_, AppState>,
    key: ConnectionKey,
    on_event: Channel<Event>,
) -> Result<ConnectionHealth> {
    Ok(state
        .engine
        .manage_reconnect(&key, &sink(&on_event))
        .await?)
}

/// Road 1 again for this connection: resolves when the connector has updated it.
#[tauri::command]
pub async fn manage_reinstall_connector(
    state: State<'_, AppState>,
    key: ConnectionKey,
    on_event: Channel<Event>,
) -> Result<ConnectionHealth> {
    Ok(state
        .engine
        .manage_reinstall_connector(&key, &sink(&on_event))
        .await?)
}

/// The access key typed by hand; checked against BigCommerce before Core1 gets it.
#[tauri::command]
pub async fn manage_set_access_key(
    state: State<'_, AppState>,
    key: ConnectionKey,
    access_token: String,
) -> Result<ConnectionHealth> {
    Ok(state
        .engine
        .manage_set_access_key(&key, &access_token)
        .await?)
}

#[tauri::command]
pub async fn manage_core1_sign_in(
    state: State<'_, AppState>,
    key: ConnectionKey,
    on_event: Channel<Event>,
) -> Result<ConnectionHealth> {
    Ok(state
        .engine
        .manage_core1_sign_in(&key, &sink(&on_event))
        .await?)
}

#[tauri::command]
pub async fn manage_forget(state: State<'_, AppState>, key: ConnectionKey) -> Result<()> {
    Ok(state.engine.manage_forget(&key).await?)
}
