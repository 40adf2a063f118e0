//! The app's managed state: the wizard engine, and the practice sandbox when practising.

use std::path::PathBuf;
use std::sync::Arc;

use setup_core::wizard::Engine;
use setup_core::{Profile, SecretStore};
use setup_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use tauri::{AppHandle, Manager, Runtime};

use crate::opener::SystemBrowser;
use crate::LaunchArgs;

/// Registered with `manage()`; commands read it as `State<'_, AppState>`.
pub struct AppState {
    pub engine: Engine,
    /// A problem met while starting (e.g. an unreadable profile file), shown once by the UI.
    pub startup_error: Option<setup_core::Error>,
    pub log_dir: Option<PathBuf>,
    /// Kept alive for the app's lifetime in practice mode.
    _practice: Option<SandboxHandle>,
}

impl AppState {
    /// Chooses the profile (practice sandbox, a profile file, or production), opens the secret
    /// store and the engine on the app's data folder.
    pub async fn start<R: Runtime>(app: &AppHandle<R>, args: &LaunchArgs) -> crate::Result<Self> {
        let mut startup_error = None;
        let mut practice = None;
        let mut profile = if args.demo {
            let sandbox = practice_sandbox().await?;
            let base = url::Url::parse(sandbox.base_url())
                .map_err(|e| crate::Error::Practice(e.to_string()))?;
            log::info!("practice sandbox at {}", sandbox.base_url());
            practice = Some(sandbox);
            Profile::demo(&base)
        } else if let Some(path) = &args.profile {
            match Profile::load(std::path::Path::new(path)) {
                Ok(p) => p,
                Err(e) => {
                    log::warn!("profile file not used: {}", e.code());
                    startup_error = Some(e);
                    Profile::production()
                }
            }
        } else {
            Profile::production()
        };
        if let Some(ws) = &args.workspace {
            profile.prefilled_workspace = Some(ws.clone());
        }

        let base_dir = app
            .path()
            .app_data_dir()
            .map_err(|e| crate::Error::Internal(format!("no data folder: {e}")))?;
        // Practice starts clean every time: its sandbox forgets everything when the app quits.
        // A setup file's progress lives in a folder of its own (as its secrets do in a keyring
        // service of its own), so it never sees another profile's connections.
        let data_dir = if args.demo {
            let dir = base_dir.join("practice");
            let _ = std::fs::remove_dir_all(&dir);
            dir
        } else if let Some(id) = &profile.file_id {
            base_dir.join("profiles").join(id)
        } else {
            base_dir
        };
        let secrets = if args.demo {
            // Practice keeps its secrets in memory for the session, never in the keyring: its
            // sandbox and data folder are gone when the app quits, so a kept sign-in could never
            // be used again, and removing items at the end would miss every practice run that
            // ends by a crash, a kill or a shutdown (each run's items are keyed by a new port).
            SecretStore::session_only(None)
        } else {
            // The keyring's self-check can take a while (or wait for an unlock prompt): it runs
            // beside the first screen, and the first secret operation waits for its answer.
            let secrets = SecretStore::deferred(&profile.keyring_service);
            let checking = secrets.clone();
            tauri::async_runtime::spawn(async move {
                let started = std::time::Instant::now();
                let status = checking.ready().await;
                log::info!(
                    "secret storage decided in {} ms: {status:?}",
                    started.elapsed().as_millis()
                );
            });
            secrets
        };
        let opener = Arc::new(SystemBrowser::new(app.clone(), &profile));
        let engine = Engine::open(profile, &data_dir, secrets, opener).await?;
        Ok(AppState {
            engine,
            startup_error,
            log_dir: app.path().app_log_dir().ok(),
            _practice: practice,
        })
    }
}

/// The practice server `--demo` embeds: the sandbox as the app runs it
/// ([`SandboxConfig::embedded`]): no control API, only its own `Host`, no writes from other
/// sites — a page open in the user's browser during practice gets nothing from it.
pub async fn practice_sandbox() -> crate::Result<SandboxHandle> {
    Sandbox::start(SandboxConfig::embedded())
        .await
        .map_err(|e| crate::Error::Practice(e.to_string()))
}
