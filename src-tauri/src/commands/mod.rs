//! Tauri commands: thin adapters over `setup-core`, one file per screen group. Each reads the
//! managed [`crate::state::AppState`], calls the engine, and returns its view or `{code,
//! message}`. Long waits stream [`setup_core::wizard::Event`]s through an `ipc::Channel`.

pub mod app;
pub mod bigcommerce;
pub mod connect;
pub mod manage;
pub mod signin;
pub mod wizard;
pub mod workspace;

use setup_core::wizard::Event;
use tauri::ipc::Channel;

/// Forwards engine events to the window; a closed window just drops them.
pub(crate) fn sink(channel: &Channel<Event>) -> impl Fn(Event) + Send + Sync + '_ {
    move |event| {
        if let Err(e) = channel.send(event) {
            log::debug!("progress event not delivered: {e}");
        }
    }
}

/// Every command, for `generate_handler!` and `build.rs` (kept in step by a test).
pub const NAMES: &[&str] = &[
    "app_info",
    "support_report",
    "open_log_folder",
    "open_in_core1",
    "wizard_view",
    "wizard_begin",
    "wizard_back",
    "wizard_finish",
    "wizard_start_new",
    "bigcommerce_sign_in",
    "api_account_guide",
    "open_api_accounts_page",
    "use_api_account",
    "sign_in_link",
    "open_sign_in_again",
    "cancel_sign_in",
    "preview_workspace",
    "set_workspace",
    "core1_sign_in",
    "connect",
    "watch_status",
    "retry_status",
    "manage_health",
    "manage_synchronize",
    "manage_reconnect",
    "manage_set_token",
    "manage_core1_sign_in",
    "manage_forget",
];
