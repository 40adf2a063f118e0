//! The waiting state of any browser sign-in: copy the link, open it again, cancel.

use tauri::{AppHandle, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::state::AppState;
use crate::{Error, Result};

/// Copies the link of the waiting sign-in (public parameters only) for "Copy the link", through
/// the system clipboard from Rust, as `store_connector_copy_name` does: the page has no clipboard
/// permission (WebKitGTK refuses `navigator.clipboard.writeText` in the app's window), and it
/// never handles the link itself.
#[tauri::command]
pub fn signin_copy_link<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Result<()> {
    let link = state
        .engine
        .signin_link()
        .ok_or_else(|| Error::Clipboard("no sign-in is waiting".into()))?;
    app.clipboard()
        .write_text(link.to_string())
        .map_err(|e| Error::Clipboard(e.to_string()))
}

#[tauri::command]
pub fn signin_open_again(state: State<'_, AppState>) -> Result<()> {
    Ok(state.engine.signin_open_again()?)
}

#[tauri::command]
pub fn signin_cancel(state: State<'_, AppState>) -> Result<()> {
    state.engine.signin_cancel();
    Ok(())
}
