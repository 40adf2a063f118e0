//! Declares the app's own commands, so capabilities can grant each one by name.

/// Must list exactly `commands::NAMES` (a test in `tests/commands.rs` checks).
const COMMANDS: &[&str] = &[
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

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|e| panic!("tauri build script failed: {e}"));
}
