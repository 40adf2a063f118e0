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
#[cfg(feature = "ts")]
pub mod ts;
pub mod update;
pub mod wizard;
pub mod workspace;

use setup_core::Event;
use tauri::ipc::{Channel, Invoke};
use tauri::plugin::TauriPlugin;
use tauri::Runtime;

/// Forwards engine events to the window; a closed window just drops them.
pub(crate) fn sink(channel: &Channel<Event>) -> impl Fn(Event) + Send + Sync + '_ {
    move |event| {
        if let Err(e) = channel.send(event) {
            log::debug!("progress event not delivered: {e}");
        }
    }
}

/// `list.rs` expanded into the invoke handler and the names (`build.rs` expands the same file
/// into the commands it declares to Tauri).
macro_rules! commands {
    ($($module:ident::{$($name:ident),* $(,)?}),* $(,)?) => {
        /// Every command, as the page calls it (`plugin:wizard|<name>`).
        pub const NAMES: &[&str] = &[$($(stringify!($name)),*),*];

        /// The invoke handler of the `wizard` plugin ([`plugin`]).
        fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($($module::$name),*),*]
        }
    };
}
include!("list.rs");

/// The commands as the inlined plugin `wizard` (`build.rs`), so its default permission grants
/// every one of them and the capability names only that.
pub(crate) fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("wizard")
        .invoke_handler(handler())
        .build()
}
