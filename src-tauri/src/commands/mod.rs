//! Tauri commands: thin adapters over `setup-core`, one file per screen group. Each reads the
//! managed [`crate::state::AppState`], calls the engine, and returns its view or `{code,
//! message}`. Long waits stream [`setup_core::Event`]s through an `ipc::Channel`.

pub mod app;
pub mod bigcommerce;
pub mod manage;
pub mod report;
pub mod settings;
pub mod signin;
pub mod status;
pub mod update;
pub mod wizard;
pub mod workspace;

use setup_core::Event;
use tauri::ipc::Channel;

/// Forwards engine events to the window; a closed window just drops them.
pub(crate) fn sink(channel: &Channel<Event>) -> impl Fn(Event) + Send + Sync + '_ {
    move |event| {
        if let Err(e) = channel.send(event) {
            log::debug!("progress event not delivered: {e}");
        }
    }
}

// Every command (also declared to Tauri by `build.rs`, which includes the same file).
include!("names.rs");
