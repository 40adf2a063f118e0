//! Facts about the running app that every screen needs.

use serde::Serialize;
use tauri::State;

use crate::{LaunchArgs, Result};

/// What the UI needs before it draws the first screen.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: &'static str,
    /// BCP 47 tag of the OS language, e.g. `de-DE`; the UI picks German or English from it.
    pub os_locale: Option<String>,
    /// Practice mode: every screen is marked, no real store is touched.
    pub practice: bool,
    /// Workspace prefilled by a consultant (`--workspace`).
    pub workspace: Option<String>,
}

#[tauri::command]
pub fn app_info(args: State<'_, LaunchArgs>) -> Result<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        os_locale: sys_locale::get_locale(),
        practice: args.demo,
        workspace: args.workspace.clone(),
    })
}
