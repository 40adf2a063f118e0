//! The app's managed state: the wizard engine, and the practice sandbox when practising.
//!
//! Practice persists for the life of the practice world, across app restarts, until the user
//! chooses "Start practice over": the practice folder holds the practice server's world
//! ([`WORLD_FILE`]), the app's progress and its practice sign-ins ([`SIGN_INS_FILE`], mode
//! 0600). Practice secrets go to that file and never to the keyring: they are toy secrets of
//! this computer's practice server, whose world file keeps the same values anyway (a server
//! keeps what it issued), and both halves live and go together, so a crash orphans nothing and
//! practising never touches the merchant's keyring. The world keeps its port, so pages of it
//! still open in the browser keep working; when another program took the port, the world moves
//! and the user is told.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use setup_core::{Engine, Profile, SecretStore};
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
    /// The practice server in practice mode, alive for the app's lifetime.
    pub practice: Option<SandboxHandle>,
    /// The practice world could not have its saved port again and moved to a new address.
    pub practice_moved: bool,
}

/// The practice server's world, in the practice folder.
pub const WORLD_FILE: &str = "world.json";
/// The app's practice sign-ins, in the practice folder.
pub const SIGN_INS_FILE: &str = "sign-ins.json";
/// The progress file (the engine's), rewritten when the practice world moved.
const PROGRESS_FILE: &str = "progress.json";

impl AppState {
    /// Chooses the profile (practice sandbox, a profile file, or production), opens the secret
    /// store and the engine on the app's data folder.
    pub async fn start<R: Runtime>(app: &AppHandle<R>, args: &LaunchArgs) -> crate::Result<Self> {
        let mut startup_error = None;
        let mut practice = None;
        let mut practice_moved = false;
        let base_dir = app
            .path()
            .app_data_dir()
            .map_err(|e| crate::Error::Internal(format!("no data folder: {e}")))?;
        let practice_dir = base_dir.join("practice");
        let mut profile = if args.demo {
            let sandbox = practice_sandbox(&practice_dir.join(WORLD_FILE)).await?;
            if let Some(old) = sandbox.moved_from() {
                log::warn!("practice world moved from port {old}");
                rebase(&practice_dir, old, sandbox.addr().port());
                practice_moved = true;
            }
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

        // Practice keeps its folder (see the module doc). A setup file's progress lives in a
        // folder of its own (as its secrets do in a keyring service of its own), so it never
        // sees another profile's connections.
        let data_dir = if args.demo {
            practice_dir.clone()
        } else if let Some(id) = &profile.file_id {
            base_dir.join("profiles").join(id)
        } else {
            base_dir
        };
        let secrets = if args.demo {
            // Practice keeps its toy secrets beside its world, never in the keyring (module doc).
            SecretStore::practice_file(&practice_dir.join(SIGN_INS_FILE))
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
            practice,
            practice_moved,
        })
    }
}

/// The practice server `--demo` embeds: the sandbox as the app runs it
/// ([`SandboxConfig::embedded`]): no control API, only its own `Host`, no writes from other
/// sites — a page open in the user's browser during practice gets nothing from it.
/// Its world is kept in `world_file` ([`Sandbox::start_persistent`]).
pub async fn practice_sandbox(world_file: &Path) -> crate::Result<SandboxHandle> {
    Sandbox::start_persistent(SandboxConfig::embedded(), world_file)
        .await
        .map_err(|e| crate::Error::Practice(e.to_string()))
}

/// The practice world moved from port `old` to `new`: the progress and the sign-ins name its
/// addresses (known connections and secrets are keyed by them), so they follow it.
fn rebase(dir: &Path, old: u16, new: u16) {
    let (from, to) = (
        format!("http://127.0.0.1:{old}/"),
        format!("http://127.0.0.1:{new}/"),
    );
    for name in [PROGRESS_FILE, SIGN_INS_FILE] {
        let path = dir.join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if text.contains(&from) {
            // Written whole or not at all, the sign-ins for their owner only, as the core does.
            let moved = text.replace(&from, &to);
            let written = if name == SIGN_INS_FILE {
                setup_core::write_privately(&path, moved.as_bytes())
            } else {
                setup_core::write_atomically(&path, moved.as_bytes())
            };
            if let Err(e) = written {
                log::warn!("{name} not moved to the new practice address: {}", e.kind());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A world that moved takes its known connections and sign-ins along, and nothing else.
    #[test]
    fn a_moved_world_takes_the_progress_and_the_sign_ins_along() {
        let dir = tempfile::tempdir().unwrap();
        let progress = r#"{"known":[{"workspace":"http://127.0.0.1:4100/core1/practice/"}],"other":"http://127.0.0.1:41000/x"}"#;
        let sign_ins = r#"{"core1-refresh-token:http://127.0.0.1:4100/core1/practice/":"toy"}"#;
        std::fs::write(dir.path().join(PROGRESS_FILE), progress).unwrap();
        std::fs::write(dir.path().join(SIGN_INS_FILE), sign_ins).unwrap();
        rebase(dir.path(), 4100, 4200);
        let read = |name| std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(
            read(PROGRESS_FILE),
            r#"{"known":[{"workspace":"http://127.0.0.1:4200/core1/practice/"}],"other":"http://127.0.0.1:41000/x"}"#
        );
        assert_eq!(
            read(SIGN_INS_FILE),
            r#"{"core1-refresh-token:http://127.0.0.1:4200/core1/practice/":"toy"}"#
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(SIGN_INS_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "the sign-ins stay their owner's only");
        }
    }
}
