//! After the connection: its first settings, what arrived and the go-live check (each for a
//! known connection, on Status and in Manage).

use setup_core::{Arrived, ConnectionKey, ConnectionSettings, Event, SettingsForm, UrlReport};
use tauri::ipc::Channel;
use tauri::State;

use super::sink;
use crate::state::AppState;
use crate::Result;

/// The connection's settings as Core1 has them (a new connection's are Core1's defaults).
#[tauri::command]
pub async fn settings_load(
    state: State<'_, AppState>,
    key: ConnectionKey,
) -> Result<ConnectionSettings> {
    Ok(state.engine.settings_load(&key).await?)
}

/// Checks and saves the settings; answers them as Core1 keeps them.
#[tauri::command]
pub async fn settings_save(
    state: State<'_, AppState>,
    key: ConnectionKey,
    settings: SettingsForm,
) -> Result<ConnectionSettings> {
    Ok(state.engine.settings_save(&key, &settings).await?)
}

/// Core1's synchronized figures beside the store's own (where this computer holds its key).
#[tauri::command]
pub async fn arrived_check(state: State<'_, AppState>, key: ConnectionKey) -> Result<Arrived> {
    Ok(state.engine.arrived_check(&key).await?)
}

/// The go-live check: every product's custom URL read (progress on the channel after each
/// page), the colliding ones named.
#[tauri::command]
pub async fn golive_check_urls(
    state: State<'_, AppState>,
    key: ConnectionKey,
    on_event: Channel<Event>,
) -> Result<UrlReport> {
    Ok(state
        .engine
        .golive_check_urls(&key, &sink(&on_event))
        .await?)
}
