//! The Tauri shell: window, plugins, state and thin command adapters over `setup-core`.

mod args;
mod commands;
mod error;

use tauri::{Builder, Manager, Runtime};

pub use args::LaunchArgs;
pub use error::{Error, Result};

/// Builds the app on any runtime, so tests can pass `tauri::test::mock_builder()`.
///
/// Plugins that need a real desktop session (single instance, log files) are added by [`run`].
pub fn build<R: Runtime>(builder: Builder<R>, args: LaunchArgs) -> Builder<R> {
    builder
        .plugin(tauri_plugin_opener::init())
        .manage(args)
        .invoke_handler(tauri::generate_handler![commands::app::app_info])
}

/// Starts the desktop app; `main.rs` calls only this.
pub fn run() {
    let args = LaunchArgs::from_env();
    let builder = Builder::default()
        // Must come first: a second launch focuses the running window instead.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(args.log_level())
                .targets([
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stdout),
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir {
                        file_name: Some("setup".into()),
                    }),
                ])
                .build(),
        );
    if let Err(e) = build(builder, args).run(tauri::generate_context!()) {
        eprintln!("Core1 BigCommerce Setup could not start: {e}");
        std::process::exit(1);
    }
}
