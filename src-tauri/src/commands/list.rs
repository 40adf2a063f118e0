// The app's commands, written once, by module (one per screen group). `build.rs` expands this
// into the names it declares to Tauri (each gets an `allow-…` permission and the `wizard`
// plugin's default permission grants them all); `commands/mod.rs` expands it into the invoke
// handler (a name without its function fails to compile) and `NAMES` for tests.
commands! {
    app::{
        app_info,
        app_open_log_folder,
        core1_open,
        app_events,
        app_window_ready,
        app_practice_start_over,
        app_copy_support_report,
    },
    wizard::{
        wizard_view,
        welcome_begin,
        wizard_back,
        status_finish,
        manage_start_new,
        welcome_confirm_hosts,
    },
    workspace::{
        workspace_preview,
        workspace_set,
        core1_sign_in,
        core1_registration_copy,
        core1_registration_save_secret,
    },
    signin::{signin_copy_link, signin_open_again, signin_cancel},
    bigcommerce::{
        store_readiness,
        store_own_app_sign_in,
        store_api_account_guide,
        store_api_account_open_page,
        store_api_account_use,
        store_api_account_use_file,
        store_connector_watch,
        store_connector_open_page,
        store_connector_stop,
        store_connector_copy_name,
        store_connector_confirm,
        store_connector_decline,
        store_connector_look_again,
    },
    status::{status_watch, status_retry},
    manage::{
        manage_health,
        manage_synchronize,
        manage_reconnect,
        manage_reinstall_connector,
        manage_set_access_key,
        manage_core1_sign_in,
        manage_forget,
    },
    settings::{settings_load, settings_save, arrived_check, golive_check_urls},
    report::{onboarding_report_save},
    update::{update_check, update_install},
}
