//! Manage's update panel: the background check and *Update now*, thin adapters over
//! [`crate::updates::Updates`].

use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::state::AppState;
use crate::updates::{InstallOutcome, UpdateCheck, UpdateEvent, Updates};
use crate::Result;

/// Looks for a newer version when it is time (once a day, never during a setup). Never fails:
/// a check that did not work shows nothing.
#[tauri::command]
pub async fn update_check<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    updates: State<'_, Updates>,
) -> Result<UpdateCheck> {
    Ok(updates.check(&app, state.engine.at_rest_in_manage()).await)
}

/// Downloads, checks and installs the newer version, then restarts the app; progress through
/// `on_event`. Returns only when nothing was installed.
#[tauri::command]
pub async fn update_install<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    updates: State<'_, Updates>,
    on_event: Channel<UpdateEvent>,
) -> Result<InstallOutcome> {
    updates
        .install(&app, state.engine.at_rest_in_manage(), &on_event)
        .await
}
