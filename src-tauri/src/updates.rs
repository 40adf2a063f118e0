//! Signed updates in the shell: asks `tauri-plugin-updater` (which fetches the manifest, downloads,
//! checks the minisign signature and installs) when `setup_core::UpdateSituation` says the app may, and
//! remembers what happened in the app's data folder.
//!
//! Where updates come from and the key their signatures must match are the plugin's
//! configuration, compiled into the app from `tauri.conf.json` (`plugins.updater`) and the build
//! configuration the release machine merges into it; nothing at run time (no setup file, no
//! environment variable) can change them. A build without a key has no updates at all.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use setup_core::{
    now_ms, ReleaseNotes, Restarted, UpdateFile, UpdateMemory, UpdateOffer, UpdateSituation,
    UpdateSkip,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};

use crate::{Error, Result};

/// How long the manifest may take: a check that hangs must not hold anything up.
const CHECK_TIMEOUT: Duration = Duration::from_secs(20);
/// How long the whole download may take (a few MB, even on a slow line).
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// Progress of *Update now*, `{ "event": "...", "data": {...} }` through an `ipc::Channel`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", content = "data", rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum UpdateEvent {
    /// Bytes received so far, and the size when the server says it.
    #[serde(rename_all = "camelCase")]
    Downloading { downloaded: u64, total: Option<u64> },
    /// Downloaded; the signature is being checked.
    Verifying,
    /// Signature good; the package is being installed (the system may ask for a password).
    Installing,
    /// Installed; the app restarts into the new version now.
    Restarting,
}

/// What the background check found, for Manage.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UpdateCheck {
    pub outcome: CheckOutcome,
    /// A newer version, when there is one.
    pub offer: Option<UpdateOffer>,
}

/// How a check ended. Only `offered` shows anything; the others are for the log and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CheckOutcome {
    /// A newer version is available.
    Offered,
    /// The update server says this is the newest version.
    UpToDate,
    /// No check now (practice, turned off, a setup under way, checked today…).
    Skipped,
    /// The check failed (no network, an unusable answer): nothing shown, tried again next time.
    Failed,
}

/// What *Update now* ended with when it did not restart the app.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum InstallOutcome {
    /// Nothing newer any more (the release was withdrawn, or this is the newest).
    UpToDate,
}

/// The updates part of the app's state, in `manage()`.
pub struct Updates {
    /// `None` in practice mode, which remembers nothing.
    file: Option<UpdateFile>,
    memory: Mutex<UpdateMemory>,
    /// The running version (the one the updater compares with).
    running: String,
    /// What does not change while the app runs: practice, the profile's say, installed,
    /// configured. `at_rest` is asked from the engine each time.
    fixed: UpdateSituation,
    /// Said once by `app_info` after an update restarted the app.
    restarted: Option<Restarted>,
    /// One check or install at a time.
    busy: tokio::sync::Mutex<()>,
}

impl Updates {
    /// Reads the memory and whether an update just restarted the app.
    pub fn start<R: Runtime>(app: &AppHandle<R>, practice: bool, profile_allows: bool) -> Self {
        let running = app.package_info().version.to_string();
        let fixed = UpdateSituation {
            practice,
            profile_allows,
            installed: tauri::utils::platform::bundle_type().is_some(),
            configured: configured(app),
            at_rest: true,
        };
        let file = if practice {
            None
        } else {
            app.path()
                .app_data_dir()
                .ok()
                .map(|dir| UpdateFile::in_dir(&dir))
        };
        let mut memory = file.as_ref().map(UpdateFile::load).unwrap_or_default();
        let restarted = memory.after_restart(&running);
        if let Some(r) = &restarted {
            log::info!("started after an update: {r:?}");
            save(file.as_ref(), &memory);
        }
        if let Err(skip) = fixed.allowed() {
            log::info!("updates: not looked for in this run ({skip:?})");
        }
        Updates {
            file,
            memory: Mutex::new(memory),
            running,
            fixed,
            restarted,
            busy: tokio::sync::Mutex::new(()),
        }
    }

    /// What the first screen says about an update that just restarted the app.
    pub fn restarted(&self) -> Option<&Restarted> {
        self.restarted.as_ref()
    }

    fn situation(&self, at_rest: bool) -> UpdateSituation {
        UpdateSituation {
            at_rest,
            ..self.fixed
        }
    }

    fn memory(&self) -> std::sync::MutexGuard<'_, UpdateMemory> {
        self.memory.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The background check Manage asks for: at most once a day, never during a setup; errors
    /// are logged, never shown. Within the day, the offer found earlier is shown again.
    pub async fn check<R: Runtime>(&self, app: &AppHandle<R>, at_rest: bool) -> UpdateCheck {
        let _one = self.busy.lock().await;
        let skipped = |offer: Option<UpdateOffer>| UpdateCheck {
            outcome: if offer.is_some() {
                CheckOutcome::Offered
            } else {
                CheckOutcome::Skipped
            },
            offer,
        };
        // Decided first: the memory's lock must not be held into the arms, which take it.
        let due = self
            .situation(at_rest)
            .background_check(&self.memory(), now_ms());
        match due {
            Ok(()) => {}
            Err(UpdateSkip::CheckedRecently) => {
                return skipped(self.memory().offer_for(&self.running).cloned());
            }
            Err(skip) => {
                log::debug!("update check skipped: {skip:?}");
                return skipped(None);
            }
        }
        let started = Instant::now();
        let found = fetch(app).await;
        let ms = started.elapsed().as_millis();
        match found {
            Ok(found) => {
                let offer = found.map(|(_, offer)| offer);
                log::info!(
                    "update check answered in {ms} ms: {}",
                    offer.as_ref().map_or("up to date", |o| o.version.as_str())
                );
                let mut memory = self.memory();
                memory.checked(now_ms(), offer.clone());
                save(self.file.as_ref(), &memory);
                UpdateCheck {
                    outcome: if offer.is_some() {
                        CheckOutcome::Offered
                    } else {
                        CheckOutcome::UpToDate
                    },
                    offer,
                }
            }
            Err(e) => {
                log::warn!("update check failed after {ms} ms ({}): {e}", e.code());
                UpdateCheck {
                    outcome: CheckOutcome::Failed,
                    offer: None,
                }
            }
        }
    }

    /// *Update now*: looks again, downloads with progress, checks the signature, installs, and
    /// restarts the app (which then comes back on Manage). Any failure leaves this version as
    /// it was and says why.
    pub async fn install<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        at_rest: bool,
        progress: &Channel<UpdateEvent>,
    ) -> Result<InstallOutcome> {
        let _one = self.busy.lock().await;
        if let Err(skip) = self.situation(at_rest).allowed() {
            log::warn!("update install refused: {skip:?}");
            return Err(match skip {
                UpdateSkip::SetupInProgress => setup_core::Error::WizardOutOfOrder.into(),
                _ => Error::UpdateUnavailable(format!("{skip:?}")),
            });
        }
        let send = |event: UpdateEvent| {
            if let Err(e) = progress.send(event) {
                log::debug!("update progress not delivered: {e}");
            }
        };
        let Some((mut update, offer)) = fetch(app).await? else {
            let mut memory = self.memory();
            memory.checked(now_ms(), None);
            save(self.file.as_ref(), &memory);
            return Ok(InstallOutcome::UpToDate);
        };
        update.timeout = Some(DOWNLOAD_TIMEOUT);
        let started = Instant::now();
        let mut downloaded = 0u64;
        let mut last_percent = None;
        send(UpdateEvent::Downloading {
            downloaded,
            total: None,
        });
        let downloaded_bytes = update
            .download(
                |chunk, total| {
                    downloaded += chunk as u64;
                    // One event per percent (or per 256 KiB without a size), not per chunk.
                    let step = match total {
                        Some(t) if t > 0 => downloaded * 100 / t,
                        _ => downloaded / (256 * 1024),
                    };
                    if last_percent != Some(step) {
                        last_percent = Some(step);
                        send(UpdateEvent::Downloading { downloaded, total });
                    }
                },
                || send(UpdateEvent::Verifying),
            )
            .await;
        let ms = started.elapsed().as_millis();
        let bytes = downloaded_bytes.map_err(|e| {
            let e = failure(e, Phase::Download);
            log::warn!(
                "update {} refused after {ms} ms ({}): {e}",
                offer.version,
                e.code()
            );
            e
        })?;
        log::info!(
            "update {} downloaded and its signature checked: {} bytes in {ms} ms",
            offer.version,
            bytes.len(),
        );
        send(UpdateEvent::Installing);
        // Noted first: on Windows the installer ends this process itself.
        self.memory()
            .restarting(&self.running, &offer.version, now_ms());
        save(self.file.as_ref(), &self.memory());
        let started = Instant::now();
        let installing = update.clone();
        let installed = tauri::async_runtime::spawn_blocking(move || installing.install(bytes))
            .await
            .map_err(|e| Error::Internal(format!("install task: {e}")))?;
        if let Err(e) = installed {
            self.memory().restart = None;
            save(self.file.as_ref(), &self.memory());
            let e = failure(e, Phase::Install);
            log::warn!(
                "update {} not installed after {} ms ({}): {e}",
                offer.version,
                started.elapsed().as_millis(),
                e.code()
            );
            return Err(e);
        }
        log::info!(
            "update {} installed in {} ms; restarting",
            offer.version,
            started.elapsed().as_millis()
        );
        send(UpdateEvent::Restarting);
        // Let the page draw "Restarting…" before the window goes.
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.restart()
    }
}

/// Asks the update server; `None` when nothing newer is offered.
async fn fetch<R: Runtime>(app: &AppHandle<R>) -> Result<Option<(Update, UpdateOffer)>> {
    let updater = app
        .updater_builder()
        .timeout(CHECK_TIMEOUT)
        .build()
        .map_err(|e| failure(e, Phase::Check))?;
    let update = updater
        .check()
        .await
        .map_err(|e| failure(e, Phase::Check))?;
    Ok(update.map(|u| {
        let offer = UpdateOffer {
            version: u.version.clone(),
            current: u.current_version.clone(),
            date: u.date.map(|d| d.date().to_string()),
            notes: ReleaseNotes::from_manifest(u.body.as_deref(), &u.raw_json),
        };
        (u, offer)
    }))
}

/// Whether this build carries an update address and a public key (`plugins.updater`).
fn configured<R: Runtime>(app: &AppHandle<R>) -> bool {
    let config = app.config();
    let Some(updater) = config.plugins.0.get("updater") else {
        return false;
    };
    let pubkey = updater.get("pubkey").and_then(|v| v.as_str()).unwrap_or("");
    let endpoints = updater
        .get("endpoints")
        .and_then(|v| v.as_array())
        .is_some_and(|e| !e.is_empty());
    !pubkey.trim().is_empty() && endpoints
}

fn save(file: Option<&UpdateFile>, memory: &UpdateMemory) {
    if let Some(file) = file {
        if let Err(e) = file.save(memory) {
            log::warn!(
                "update memory not saved ({}); one more check next time",
                e.kind()
            );
        }
    }
}

/// Where an update failed.
#[derive(Debug, Clone, Copy)]
enum Phase {
    Check,
    Download,
    Install,
}

/// The plugin's error as one of the shell's codes: what the merchant is told.
fn failure(e: tauri_plugin_updater::Error, phase: Phase) -> Error {
    use tauri_plugin_updater::Error as E;
    let detail = e.to_string();
    match e {
        E::Minisign(_)
        | E::Base64(_)
        | E::SignatureUtf8(_)
        | E::SignedVersionMismatch { .. }
        | E::MissingSignedVersion => Error::UpdateSignatureInvalid(detail),
        E::Reqwest(r) if r.is_connect() || r.is_timeout() => match phase {
            Phase::Download => Error::UpdateDownloadFailed(detail),
            _ => Error::UpdateOffline(detail),
        },
        E::Reqwest(_) | E::Network(_) if matches!(phase, Phase::Download) => {
            Error::UpdateDownloadFailed(detail)
        }
        _ => match phase {
            Phase::Check => Error::UpdateCheckFailed(detail),
            Phase::Download => Error::UpdateDownloadFailed(detail),
            Phase::Install => Error::UpdateInstallFailed(detail),
        },
    }
}
