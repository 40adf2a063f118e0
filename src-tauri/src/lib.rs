//! The Tauri shell: window, plugins, state and thin command adapters over `setup-core`.

mod args;
pub mod commands;
mod error;
mod events;
mod navigation;
mod opener;
mod state;
mod updates;
pub mod webkit_env;
pub mod window;

use tauri::{Builder, Manager, Runtime};

pub use args::{Invocation, LaunchArgs, LaunchMode};
pub use error::{Error, Result};
pub use events::{AppEvent, AppEvents};
pub use state::practice_sandbox;

/// Builds the app on any runtime, so tests can pass `tauri::test::mock_builder()`.
///
/// Plugins that need a real desktop session (single instance, log files) are added by [`run`].
pub fn build<R: Runtime>(builder: Builder<R>, args: LaunchArgs) -> Builder<R> {
    let setup_args = args.clone();
    builder
        // The window shows only the app's own pages (links go to the system browser).
        .plugin(navigation::guard())
        // The app's own commands (`commands/list.rs`), as the page calls them.
        .plugin(commands::plugin())
        .plugin(tauri_plugin_opener::init())
        // Used from Rust only (`store_connector_copy_name`, `signin_copy_link`, `core1_registration_copy`); the page gets no
        // clipboard permission.
        .plugin(tauri_plugin_clipboard_manager::init())
        // The onboarding report's save dialog, also used from Rust only: the page gets no dialog
        // permission (`commands::report`).
        .plugin(tauri_plugin_dialog::init())
        .manage(args)
        .manage(AppEvents::default())
        .setup(move |app| {
            // The window first, as Tauri would open it (hidden until its page has drawn), so the
            // page loads while the state starts; if it cannot open, the user is told why
            // (`window`), not left with nothing.
            if let Err(why) = window::open_main(app) {
                window::tell_and_exit(app, &why);
                return Ok(());
            }
            window::show_at_the_latest(app.handle());
            let started = std::time::Instant::now();
            let state =
                tauri::async_runtime::block_on(state::AppState::start(app.handle(), &setup_args))?;
            log::info!("state ready in {} ms", started.elapsed().as_millis());
            let profile = state.engine.profile();
            let updates =
                updates::Updates::start(app.handle(), profile.practice, profile.updates.check);
            app.manage(updates);
            app.manage(state);
            Ok(())
        })
}

/// Starts the desktop app; `main.rs` calls only this.
pub fn run() {
    // First, while this is the only thread and before GTK/WebKit start: the DMA-BUF renderer
    // workaround for blank windows (tauri-apps/tauri#9394, #8462; see `webkit_env`). A user's
    // own WEBKIT_DISABLE_DMABUF_RENDERER wins (`=0` brings DMA-BUF back).
    let webkit = webkit_env::prepare();
    let args = match Invocation::from_env() {
        Invocation::Launch(args) => args,
        other => {
            // --help, --version, or a wrong command line: print and exit before any window.
            if let Some((text, code)) = other.message() {
                if code == 0 {
                    print!("{text}");
                } else {
                    eprint!("{text}");
                }
                std::process::exit(code);
            }
            return;
        }
    };
    let builder = Builder::default()
        // Must come first: a second launch focuses the running window instead.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            let running = app.state::<LaunchArgs>();
            app.state::<AppEvents>().second_launch(&running, &argv);
            if let Some(window) = app.get_webview_window(window::MAIN) {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(args.log_level())
                // The default (one 40 kB file, deleted when full) loses a --verbose session's
                // history; a consultant needs it: 1 MB files, the last five kept.
                .max_file_size(1_000_000)
                .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(5))
                .targets([
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stdout),
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir {
                        file_name: Some("setup".into()),
                    }),
                ])
                .build(),
        )
        // Signed updates (`updates.rs`): the address and key come from the build's
        // configuration (`plugins.updater`); only the real app has one, so the plugin is added
        // here, not in `build`.
        .plugin(tauri_plugin_updater::Builder::new().build())
        // Says in the log what `webkit_env::prepare` did (the log is up by now).
        .plugin(
            tauri::plugin::Builder::<_, ()>::new("webkit-env")
                .setup(move |_, _| {
                    log::info!("{}: {webkit:?}", webkit_env::DMABUF_VAR);
                    Ok(())
                })
                .build(),
        );
    if let Err(e) = build(builder, args).run(tauri::generate_context!()) {
        eprintln!("Core1 BigCommerce Setup could not start: {e}");
        std::process::exit(1);
    }
}
