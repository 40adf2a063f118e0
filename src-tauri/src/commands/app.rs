//! Facts about the running app, the support report, and the folders and pages it opens.

use serde::Serialize;
use setup_core::{AppFacts, ConnectionKey, Restarted, WizardView};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_opener::OpenerExt;

use crate::state::AppState;
use crate::updates::Updates;
use crate::{AppEvent, AppEvents, Error, LaunchArgs, Result};

/// What the UI needs before it draws the first screen.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppInfo {
    pub version: String,
    /// BCP 47 tag of the OS language, e.g. `de-DE`; the UI picks German or English from it.
    pub os_locale: Option<String>,
    /// Practice mode: every screen is marked, no real store is touched.
    pub practice: bool,
    /// The practice world moved to a new address at this start (its saved one was taken).
    pub practice_moved: bool,
    /// Workspace prefilled by a consultant (`--workspace`).
    pub workspace: Option<String>,
    /// A problem met at start-up (e.g. an unreadable profile file), as `{code, message}`.
    pub startup_error: Option<&'static str>,
    /// Set on the first launch after an update restarted the app: into which version.
    pub restarted: Option<Restarted>,
}

/// The running version: the app's own (`tauri.conf.json`), the one the updater compares.
fn version<R: Runtime>(app: &AppHandle<R>) -> String {
    app.package_info().version.to_string()
}

#[tauri::command]
pub fn app_info<R: Runtime>(
    app: AppHandle<R>,
    args: State<'_, LaunchArgs>,
    state: State<'_, AppState>,
    updates: State<'_, Updates>,
) -> Result<AppInfo> {
    Ok(AppInfo {
        version: version(&app),
        os_locale: sys_locale::get_locale(),
        practice: state.engine.profile().practice,
        practice_moved: state.practice_moved,
        workspace: args.workspace.clone(),
        startup_error: state.startup_error.as_ref().map(|e| e.code()),
        restarted: updates.restarted().cloned(),
    })
}

/// The page has drawn its first screen: the window, opened hidden, is shown now (`window`).
#[tauri::command]
pub fn app_window_ready<R: Runtime>(app: AppHandle<R>) {
    crate::window::show(&app, "the page is drawn");
}

/// "Start practice over": the app forgets every practice connection, sign-in and step, the
/// practice world goes back to its seeds on the same address, and the user is on Welcome.
#[tauri::command]
pub async fn app_practice_start_over(state: State<'_, AppState>) -> Result<WizardView> {
    let sandbox =
        (state.practice.as_ref()).ok_or_else(|| Error::Practice("not in practice mode".into()))?;
    let view = state.engine.wizard_forget_everything().await?;
    sandbox
        .start_over()
        .map_err(|e| Error::Practice(e.to_string()))?;
    Ok(view)
}

/// The support report — the text a consultant pastes into a ticket: versions, OS, profile, steps
/// with timings and error codes, never a secret; about the known connection `key` (a card in
/// Manage) or, without one, this run, other merchants' connections only counted — put on the
/// clipboard by the Rust side (the Help bar's and each Manage card's button): it works whatever
/// the web view's own clipboard allows, and the page never holds the text.
#[tauri::command]
pub async fn app_copy_support_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    key: Option<ConnectionKey>,
) -> Result<()> {
    let text = report(&app, &state, key.as_ref()).await?;
    app.clipboard()
        .write_text(text)
        .map_err(|e| Error::Clipboard(e.to_string()))
}

async fn report<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    key: Option<&ConnectionKey>,
) -> Result<String> {
    let facts = AppFacts {
        app_version: version(app),
        os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        locale: sys_locale::get_locale().unwrap_or_default(),
    };
    Ok(state.engine.support_report(&facts, key).await?)
}

#[tauri::command]
pub fn app_open_log_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<()> {
    let dir = state
        .log_dir
        .as_ref()
        .ok_or_else(|| Error::Open("no log folder".into()))?;
    std::fs::create_dir_all(dir).map_err(|e| Error::Open(e.kind().to_string()))?;
    app.opener()
        .open_path(dir.to_string_lossy(), None::<&str>)
        .map_err(|e| Error::Open(e.to_string()))
}

/// Opens the workspace of this run, or of a known connection in Manage, in the browser. The page
/// names a connection; the address opened is the one this computer knows for it (a key it does
/// not know is `connection_not_known`), so the page cannot send the browser anywhere else.
#[tauri::command]
pub async fn core1_open(state: State<'_, AppState>, key: Option<ConnectionKey>) -> Result<()> {
    let target = state.engine.core1_workspace_url(key.as_ref()).await?;
    let parsed = url::Url::parse(&target).map_err(|e| Error::Open(e.to_string()))?;
    state.engine.open_link(&parsed)?;
    Ok(())
}

/// The page's channel for what the app tells it unasked (a second launch in another mode).
#[tauri::command]
pub fn app_events(
    events: State<'_, AppEvents>,
    on_event: tauri::ipc::Channel<AppEvent>,
) -> Result<()> {
    events.register(on_event);
    Ok(())
}
