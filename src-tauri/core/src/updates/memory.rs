//! What the app remembers about updates between launches, in `updates.json` in its data folder
//! (not a setup file's own folder: there is one installed app, and one check a day for it). No
//! secret is ever here.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::is_newer;
use super::notes::UpdateOffer;

const FILE_NAME: &str = "updates.json";
/// Bumped when the file's meaning changes; a file of another version is ignored (one more check).
const SCHEMA_VERSION: u32 = 1;

/// The remembered state: the last answered check, what it offered, and an install that is about
/// to restart the app.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateMemory {
    pub version: u32,
    /// Unix milliseconds of the last check the update server answered (failed checks are not
    /// remembered: the next Manage looks again).
    pub last_check_ms: Option<u64>,
    /// What that check offered, shown again until it is installed or a newer check says
    /// otherwise.
    pub offer: Option<UpdateOffer>,
    /// Set right before the app restarts into an installed update.
    pub restart: Option<RestartNote>,
}

/// An update installed, the restart under way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestartNote {
    /// The version that installed it.
    pub from: String,
    /// The version installed.
    pub to: String,
    pub at_ms: u64,
}

/// What the first launch after an update says (once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Restarted {
    /// The update is running.
    Updated { version: String },
    /// The package manager reported success, yet the old version started again.
    NotApplied { wanted: String, running: String },
}

impl UpdateMemory {
    /// A check answered at `now_ms`, offering `offer` (or nothing newer).
    pub fn checked(&mut self, now_ms: u64, offer: Option<UpdateOffer>) {
        self.last_check_ms = Some(now_ms);
        self.offer = offer;
    }

    /// The offer remembered from the last check, if it is still newer than `running`.
    pub fn offer_for(&self, running: &str) -> Option<&UpdateOffer> {
        self.offer
            .as_ref()
            .filter(|o| is_newer(&o.version, running))
    }

    /// Notes the restart into `to` (called after the install succeeded, before restarting).
    pub fn restarting(&mut self, from: &str, to: &str, now_ms: u64) {
        self.restart = Some(RestartNote {
            from: from.to_owned(),
            to: to.to_owned(),
            at_ms: now_ms,
        });
    }

    /// At start: whether an update just restarted the app, and into what. Takes the note, so it
    /// is said once.
    pub fn after_restart(&mut self, running: &str) -> Option<Restarted> {
        let note = self.restart.take()?;
        if note.to == running || !is_newer(&note.to, running) {
            self.offer = self.offer.take().filter(|o| is_newer(&o.version, running));
            Some(Restarted::Updated {
                version: running.to_owned(),
            })
        } else {
            Some(Restarted::NotApplied {
                wanted: note.to,
                running: running.to_owned(),
            })
        }
    }
}

/// The `updates.json` file in the app's data folder.
#[derive(Debug, Clone)]
pub struct UpdateFile {
    path: PathBuf,
}

impl UpdateFile {
    /// The file inside `data_dir` (created when first saved).
    pub fn in_dir(data_dir: &Path) -> Self {
        UpdateFile {
            path: data_dir.join(FILE_NAME),
        }
    }

    /// Reads the memory; a missing, damaged or other-version file is a fresh memory (the worst
    /// that follows is one more check).
    pub fn load(&self) -> UpdateMemory {
        let fresh = || UpdateMemory {
            version: SCHEMA_VERSION,
            ..UpdateMemory::default()
        };
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return fresh(),
            Err(e) => {
                tracing::warn!(error = %e, "update memory unreadable; starting fresh");
                return fresh();
            }
        };
        match serde_json::from_str::<UpdateMemory>(&text) {
            Ok(m) if m.version == SCHEMA_VERSION => m,
            Ok(m) => {
                tracing::warn!(
                    version = m.version,
                    "update memory of another version ignored"
                );
                fresh()
            }
            Err(e) => {
                tracing::warn!(error = %e, "update memory not valid; starting fresh");
                fresh()
            }
        }
    }

    /// Writes the memory atomically. A failure only costs one more check; the caller logs it.
    pub fn save(&self, memory: &UpdateMemory) -> std::io::Result<()> {
        let text = serde_json::to_vec_pretty(memory).map_err(std::io::Error::other)?;
        crate::files::write_atomically(&self.path, &text)
    }
}
