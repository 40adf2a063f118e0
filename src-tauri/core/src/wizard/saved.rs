//! The saved run ([`SavedRun`]): the wizard's non-secret state, persisted in the app's data folder
//! (`progress.json`, its name since the first version) so a wizard closed halfway resumes where it
//! stopped.
//!
//! One JSON file with a schema version, written atomically (temporary file, fsync, rename) so a
//! crash mid-write leaves the previous version intact. A file that cannot be read (corrupt, or
//! from a newer app) is moved aside as `progress.json.unreadable` and the wizard starts over with
//! a notice — never a crash. Secrets are never here: they live in the [`crate::SecretStore`].

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::journal::Core1User;
use super::known::KnownBeforeV3;
pub(super) use super::known::{KnownConnection, StoreRoad};
use super::step::Step;
use crate::error::{Error, Result};
use crate::profile::WorkspaceRules;

/// Bumped when the file's meaning changes; an older app refuses a newer file (starts over).
/// Version 2: the flow became Workspace → Core1 → BigCommerce (roads); a version-1 file keeps
/// its known connections (Manage) and starts the flow over. Version 3: a known connection is
/// named by workspace and id ([`super::known::ConnectionKey`]); a version-2 file is read on
/// where it stopped, its known connections given their keys. Fields added with defaults since
/// (the onboarding report's journal, the run's start and Core1 user) keep version 3: an older
/// app ignores them, and a file without them reads as "nothing recorded yet".
pub(super) const SCHEMA_VERSION: u32 = 3;
const FILE_NAME: &str = "progress.json";
/// The support report shows at most this many past steps.
const HISTORY_LIMIT: usize = 60;

/// The store the wizard has access to (its token is in the secret store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoreSummary {
    pub hash: String,
    pub name: String,
    /// Empty on road 1, where only Core1's connection (name, hash) is seen.
    #[serde(default)]
    pub domain: String,
    #[serde(default)]
    pub secure_url: String,
    #[serde(default)]
    pub plan_name: String,
    pub road: StoreRoad,
}

/// The Core1 workspace as typed and as normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkspaceSummary {
    /// What the user typed (shown again when they come back).
    pub input: String,
    /// The URL the wizard uses.
    pub url: String,
}

/// Road 1 in progress: the connector page was opened and the wizard watches the workspace's
/// connections for the one the connector creates or updates. Persisted, so a wizard closed while
/// waiting picks up a connection made in the meantime — and keeps the moment it started waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ConnectorWatch {
    /// Unix milliseconds when the connector page was opened.
    pub started_at: u64,
    /// The workspace's BigCommerce connections at that moment: id and `updatedAt`. A connection
    /// not in this list, or with another `updatedAt`, may be the connector's work.
    pub baseline: Vec<(i64, String)>,
    /// That moment on Core1's clock (its `Date` header, Unix seconds): a change older than it
    /// is not this run's. `None` when Core1 sent no readable date.
    #[serde(default)]
    pub since_core1: Option<u64>,
    /// Connections the merchant said are not theirs (id and `updatedAt` when asked).
    #[serde(default)]
    pub declined: Vec<(i64, String)>,
    /// The merchant pressed Copy for the connector's field during this watch. After a restart
    /// the clipboard may be empty (on X11 it belonged to the closed app, unless a clipboard
    /// manager took it over), so the screen asks to press Copy again instead of assuming it.
    #[serde(default)]
    pub copied: bool,
}

/// What the store step did in Core1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ConnectOutcome {
    Created,
    /// Core1 already had a connection for this store; it was updated, not doubled.
    Updated,
}

/// One finished attempt at a step, for the support report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct HistoryEntry {
    pub step: Step,
    /// What was done, e.g. `bigcommerce_sign_in`.
    pub action: String,
    /// Unix milliseconds when it started.
    pub at: u64,
    pub duration_ms: u64,
    /// `ok` or an error code.
    pub outcome: String,
}

/// Everything persisted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SavedRun {
    pub version: u32,
    pub step: Step,
    pub store: Option<StoreSummary>,
    pub workspace: Option<WorkspaceSummary>,
    /// The connection this wizard run created or updated.
    pub connection_id: Option<i64>,
    /// Whether that connection was new or updated.
    #[serde(default)]
    pub outcome: Option<ConnectOutcome>,
    /// Road 1 waiting for the connector.
    #[serde(default)]
    pub connector: Option<ConnectorWatch>,
    /// Unix milliseconds when this run began (Welcome left, or a new run started): the flow's
    /// steps from then on are this run's, and go into its connection's journal.
    #[serde(default)]
    pub run_started_at: Option<u64>,
    /// Who signed in to Core1 in this run, as far as Core1 says (see `journal`).
    #[serde(default)]
    pub core1_user: Option<Core1User>,
    /// The hosts of a setup file the user confirmed (asked once per profile; the data folder is
    /// the profile's own, and a file naming any other host is asked about again).
    #[serde(default)]
    pub confirmed_hosts: Vec<String>,
    pub known: Vec<KnownConnection>,
    pub history: Vec<HistoryEntry>,
}

impl SavedRun {
    /// A fresh start; later launches with known connections open Manage.
    pub(super) fn fresh(known: Vec<KnownConnection>) -> Self {
        SavedRun {
            version: SCHEMA_VERSION,
            step: if known.is_empty() {
                Step::Welcome
            } else {
                Step::Manage
            },
            known,
            ..SavedRun::default()
        }
    }

    /// Records a finished action, keeping the newest entries.
    pub(super) fn record(&mut self, entry: HistoryEntry) {
        self.history.push(entry);
        if self.history.len() > HISTORY_LIMIT {
            let extra = self.history.len() - HISTORY_LIMIT;
            self.history.drain(..extra);
        }
    }

    /// The known connection named `key`, to change.
    pub(super) fn known_mut(
        &mut self,
        key: &super::known::ConnectionKey,
    ) -> Option<&mut KnownConnection> {
        self.known.iter_mut().find(|k| k.key == *key)
    }

    /// Adds or refreshes a connection in Manage's list.
    pub(super) fn remember(&mut self, connection: KnownConnection) {
        self.known.retain(|k| k.key != connection.key);
        self.known.push(connection);
    }
}

/// Why the saved progress was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum ResetReason {
    /// The file was damaged (cut off, edited by hand).
    Unreadable,
    /// Written by a newer version of the app.
    NewerVersion,
}

/// The progress file in the app's data folder.
#[derive(Debug, Clone)]
pub(super) struct SavedRunFile {
    path: PathBuf,
}

impl SavedRunFile {
    /// The file inside `data_dir` (created when first saved).
    pub(super) fn in_dir(data_dir: &Path) -> Self {
        SavedRunFile {
            path: data_dir.join(FILE_NAME),
        }
    }

    /// Where it lives: tests write broken files there.
    #[cfg(test)]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the saved progress. A missing file is a fresh start; an unreadable one is moved
    /// aside and reported, so the caller can tell the user and start over. Known connections
    /// whose workspace the profile's `rules` do not give back as kept are left out.
    pub(super) fn load(&self, rules: &WorkspaceRules) -> (SavedRun, Option<ResetReason>) {
        let (mut progress, reset) = self.read(rules);
        progress.known.retain(|k| {
            let fits = k.fits(rules);
            if !fits {
                tracing::warn!(
                    id = k.key.id,
                    "a known connection's workspace does not fit this profile; left out"
                );
            }
            fits
        });
        (progress, reset)
    }

    fn read(&self, rules: &WorkspaceRules) -> (SavedRun, Option<ResetReason>) {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (SavedRun::fresh(Vec::new()), None)
            }
            Err(e) => {
                tracing::warn!(error = %e, "progress file unreadable");
                return (self.set_aside(), Some(ResetReason::Unreadable));
            }
        };
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        match serde_json::from_str::<VersionOnly>(&text) {
            Ok(v) if v.version > SCHEMA_VERSION => {
                tracing::warn!(version = v.version, "progress file from a newer version");
                return (self.set_aside(), Some(ResetReason::NewerVersion));
            }
            Ok(v) if v.version < SCHEMA_VERSION => return (upgrade(v.version, &text, rules), None),
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "progress file is not valid");
                return (self.set_aside(), Some(ResetReason::Unreadable));
            }
        }
        match serde_json::from_str::<SavedRun>(&text) {
            Ok(p) => (p, None),
            Err(e) => {
                tracing::warn!(error = %e, "progress file is not valid");
                (self.set_aside(), Some(ResetReason::Unreadable))
            }
        }
    }

    fn set_aside(&self) -> SavedRun {
        let aside = self.path.with_extension("json.unreadable");
        if let Err(e) = std::fs::rename(&self.path, &aside) {
            tracing::warn!(error = %e, "could not move the unreadable progress file aside");
        }
        SavedRun::fresh(Vec::new())
    }

    /// Writes atomically: a temporary file in the same folder, flushed to disk, then renamed
    /// over the old one.
    pub(super) fn save(&self, progress: &SavedRun) -> Result<()> {
        let text = serde_json::to_vec_pretty(progress).map_err(|e| Error::Internal {
            detail: format!("progress encoding: {e}"),
        })?;
        crate::files::write_atomically(&self.path, &text).map_err(|e| Error::ProgressUnwritable {
            reason: e.kind().to_string(),
        })
    }
}

/// An older file: its known connections survive (Manage still lists them), named by their
/// workspace from now on. A version-2 file goes on where it stopped; an older one starts the
/// flow over, since its steps came in another order.
fn upgrade(version: u32, text: &str, rules: &WorkspaceRules) -> SavedRun {
    #[derive(Deserialize)]
    struct Old {
        #[serde(default)]
        known: Vec<KnownBeforeV3>,
        #[serde(default)]
        history: Vec<HistoryEntry>,
    }
    let old = match serde_json::from_str::<Old>(text) {
        Ok(old) => old,
        Err(e) => {
            tracing::warn!(error = %e, "older progress file not understood; starting over");
            return SavedRun::fresh(Vec::new());
        }
    };
    let known: Vec<KnownConnection> = old
        .known
        .into_iter()
        .filter_map(|k| k.upgrade(rules))
        .collect();
    tracing::info!(version, known = known.len(), "progress file upgraded");
    if version == 2 {
        // The same file but for `known`: read on with the upgraded list.
        let flow = serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|mut v| {
                let map = v.as_object_mut()?;
                map.insert("known".into(), serde_json::Value::Array(Vec::new()));
                map.insert("version".into(), SCHEMA_VERSION.into());
                serde_json::from_value::<SavedRun>(v).ok()
            });
        if let Some(mut p) = flow {
            p.known = known;
            return p;
        }
    }
    let mut p = SavedRun::fresh(known);
    p.history = old.history;
    p
}

/// Milliseconds since the Unix epoch (0 if the clock is before 1970).
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
