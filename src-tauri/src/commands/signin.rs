//! The waiting state of any browser sign-in: copy the link, open it again, cancel.

use tauri::State;

use crate::state::AppState;
use crate::Result;

/// The link of the waiting sign-in (public parameters only), for "copy link".
#[tauri::command]
pub fn sign_in_link(state: State<'_, AppState>) -> Result<Option<String>> {
    Ok(state.engine.sign_in_link().map(|u| u.to_string()))
}

#[tauri::command]
pub fn open_sign_in_again(state: State<'_, AppState>) -> Result<()> {
    Ok(state.engine.open_sign_in_again()?)
}

#[tauri::command]
pub fn cancel_sign_in(state: State<'_, AppState>) -> Result<()> {
    state.engine.cancel_sign_in();
    Ok(())
}
