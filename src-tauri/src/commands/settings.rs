//! After the connection: its first settings and what arrived (both for a known connection, on
//! Status and in Manage).

use setup_core::core1::channels::ConnectionSettings;
use setup_core::wizard::{Arrived, ConnectionKey, SettingsForm};
use tauri::State;

use crate::state::AppState;
use crate::Result;

/// The connection's settings as Core1 has them (a new connection's are Core1's defaults).
#[tauri::command]
pub async fn connection_settings(
    state: State<'_, AppState>,
    key: ConnectionKey,
) -> Result<ConnectionSettings> {
    Ok(state.engine.connection_settings(&key).await?)
}

/// Checks and saves the settings; answers them as Core1 keeps them.
#[tauri::command]
pub async fn save_settings(
    state: State<'_, AppState>,
    key: ConnectionKey,
    settings: SettingsForm,
) -> Result<ConnectionSettings> {
    Ok(state.engine.save_settings(&key, &settings).await?)
}

/// Core1's synchronized figures beside the store's own (where this computer holds its key).
#[tauri::command]
pub async fn arrived(state: State<'_, AppState>, key: ConnectionKey) -> Result<Arrived> {
    Ok(state.engine.arrived(&key).await?)
}
