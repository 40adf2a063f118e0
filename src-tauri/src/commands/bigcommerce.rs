//! Step 2: sign in to BigCommerce and confirm the install — or use an API account.

use serde::Serialize;
use setup_core::bigcommerce::scopes;
use setup_core::wizard::{Event, WizardView};
use tauri::ipc::Channel;
use tauri::State;

use super::sink;
use crate::state::AppState;
use crate::Result;

#[tauri::command]
pub async fn bigcommerce_sign_in(
    state: State<'_, AppState>,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state.engine.sign_in_bigcommerce(&sink(&on_event)).await?)
}

/// One box to tick on BigCommerce's API-account form.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScopeToTick {
    /// Locale key of the human label.
    pub label_key: &'static str,
    /// The row's name as BigCommerce shows it (not translated: it is BigCommerce's own text).
    pub control_panel: &'static str,
    pub access: scopes::Access,
}

/// What the API-account guide lists.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiAccountGuide {
    pub scopes: Vec<ScopeToTick>,
}

#[tauri::command]
pub fn api_account_guide() -> Result<ApiAccountGuide> {
    Ok(ApiAccountGuide {
        scopes: scopes::REQUIRED
            .iter()
            .map(|s| ScopeToTick {
                label_key: s.label_key,
                control_panel: s.control_panel,
                access: s.access,
            })
            .collect(),
    })
}

#[tauri::command]
pub async fn open_api_accounts_page(state: State<'_, AppState>) -> Result<()> {
    Ok(state.engine.open_api_accounts_page().await?)
}

#[tauri::command]
pub async fn use_api_account(
    state: State<'_, AppState>,
    api_path: String,
    access_token: String,
    on_event: Channel<Event>,
) -> Result<WizardView> {
    Ok(state
        .engine
        .use_api_account(&api_path, &access_token, &sink(&on_event))
        .await?)
}
