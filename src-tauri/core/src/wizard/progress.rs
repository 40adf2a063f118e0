//! The wizard's non-secret progress, persisted in the app's data folder so a wizard closed
//! halfway resumes where it stopped.
//!
//! One JSON file with a schema version, written atomically (temporary file, fsync, rename) so a
//! crash mid-write leaves the previous version intact. A file that cannot be read (corrupt, or
//! from a newer app) is moved aside as `progress.json.unreadable` and the wizard starts over with
//! a notice — never a crash. Secrets are never here: they live in the [`crate::SecretStore`].

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::step::Step;
use crate::error::{Error, Result};

/// Bumped when the file's meaning changes; an older app refuses a newer file (starts over).
/// Version 2: the flow became Workspace → Core1 → BigCommerce (roads); a version-1 file keeps
/// its known connections (Manage) and starts the flow over.
pub const SCHEMA_VERSION: u32 = 2;
const FILE_NAME: &str = "progress.json";
/// The support report shows at most this many past steps.
const HISTORY_LIMIT: usize = 60;

/// How the store's access was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoreRoad {
    /// Road 1: Actindo's connector app, installed from BigCommerce's marketplace, created the
    /// connection; the wizard holds no BigCommerce key for the store.
    Connector,
    /// Road 2: a store-level API account the merchant created and pasted (or picked the .txt).
    ApiAccount,
    /// Road 3: the wizard's own BigCommerce app over loopback (only where a profile registers
    /// one).
    #[serde(alias = "install")]
    OwnApp,
}

impl StoreRoad {
    /// Whether the wizard keeps the store's access key on this computer on this road.
    pub fn holds_store_key(self) -> bool {
        !matches!(self, StoreRoad::Connector)
    }
}

/// The store the wizard has access to (its token is in the secret store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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
pub struct WorkspaceSummary {
    /// What the user typed (shown again when they come back).
    pub input: String,
    /// The URL the wizard uses.
    pub url: String,
}

/// A connection this computer set up, shown in Manage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KnownConnection {
    pub id: i64,
    pub store_hash: String,
    pub store_name: String,
    /// As typed, so the workspace rules of the profile re-derive the URL.
    pub workspace_input: String,
    pub workspace_url: String,
    /// Unix milliseconds.
    pub added_at: u64,
    /// How the store was connected (decides which health checks and repairs apply).
    #[serde(default = "default_road")]
    pub road: StoreRoad,
}

fn default_road() -> StoreRoad {
    StoreRoad::ApiAccount
}

/// Road 1 in progress: the connector page was opened and the wizard watches the workspace's
/// connections for the one the connector creates or updates. Persisted, so a wizard closed while
/// waiting picks up a connection made in the meantime — and keeps the moment it started waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectorWatch {
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
}

/// What the store step did in Core1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectOutcome {
    Created,
    /// Core1 already had a connection for this store; it was updated, not doubled.
    Updated,
}

/// One finished attempt at a step, for the support report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
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
pub struct Progress {
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
    /// The hosts of a setup file the user confirmed (asked once per profile; the data folder is
    /// the profile's own, and a file naming any other host is asked about again).
    #[serde(default)]
    pub confirmed_hosts: Vec<String>,
    pub known: Vec<KnownConnection>,
    pub history: Vec<HistoryEntry>,
}

impl Progress {
    /// A fresh start; later launches with known connections open Manage.
    pub fn fresh(known: Vec<KnownConnection>) -> Self {
        Progress {
            version: SCHEMA_VERSION,
            step: if known.is_empty() {
                Step::Welcome
            } else {
                Step::Manage
            },
            known,
            ..Progress::default()
        }
    }

    /// Records a finished action, keeping the newest entries.
    pub fn record(&mut self, entry: HistoryEntry) {
        self.history.push(entry);
        if self.history.len() > HISTORY_LIMIT {
            let extra = self.history.len() - HISTORY_LIMIT;
            self.history.drain(..extra);
        }
    }

    /// Adds or refreshes a connection in Manage's list.
    pub fn remember(&mut self, connection: KnownConnection) {
        self.known
            .retain(|k| k.id != connection.id || k.workspace_url != connection.workspace_url);
        self.known.push(connection);
    }
}

/// Why the saved progress was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResetReason {
    /// The file was damaged (cut off, edited by hand).
    Unreadable,
    /// Written by a newer version of the app.
    NewerVersion,
}

/// The progress file in the app's data folder.
#[derive(Debug, Clone)]
pub struct ProgressFile {
    path: PathBuf,
}

impl ProgressFile {
    /// The file inside `data_dir` (created when first saved).
    pub fn in_dir(data_dir: &Path) -> Self {
        ProgressFile {
            path: data_dir.join(FILE_NAME),
        }
    }

    /// Where it lives (for "Open log folder"-style diagnostics; holds no secret).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the saved progress. A missing file is a fresh start; an unreadable one is moved
    /// aside and reported, so the caller can tell the user and start over.
    pub fn load(&self) -> (Progress, Option<ResetReason>) {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Progress::fresh(Vec::new()), None)
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
            Ok(v) if v.version < SCHEMA_VERSION => return (upgrade(&text), None),
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "progress file is not valid");
                return (self.set_aside(), Some(ResetReason::Unreadable));
            }
        }
        match serde_json::from_str::<Progress>(&text) {
            Ok(p) => (p, None),
            Err(e) => {
                tracing::warn!(error = %e, "progress file is not valid");
                (self.set_aside(), Some(ResetReason::Unreadable))
            }
        }
    }

    fn set_aside(&self) -> Progress {
        let aside = self.path.with_extension("json.unreadable");
        if let Err(e) = std::fs::rename(&self.path, &aside) {
            tracing::warn!(error = %e, "could not move the unreadable progress file aside");
        }
        Progress::fresh(Vec::new())
    }

    /// Writes atomically: a temporary file in the same folder, flushed to disk, then renamed
    /// over the old one.
    pub fn save(&self, progress: &Progress) -> Result<()> {
        let unwritable = |e: std::io::Error| Error::ProgressUnwritable {
            reason: e.kind().to_string(),
        };
        let dir = self
            .path
            .parent()
            .ok_or_else(|| Error::ProgressUnwritable {
                reason: "no folder".into(),
            })?;
        std::fs::create_dir_all(dir).map_err(unwritable)?;
        let text = serde_json::to_vec_pretty(progress).map_err(|e| Error::Internal {
            detail: format!("progress encoding: {e}"),
        })?;
        let tmp = self.path.with_extension("json.tmp");
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp).map_err(unwritable)?;
            f.write_all(&text).map_err(unwritable)?;
            f.sync_all().map_err(unwritable)?;
        }
        std::fs::rename(&tmp, &self.path).map_err(unwritable)?;
        Ok(())
    }
}

/// An older file: its known connections survive (Manage still lists them); the flow in
/// progress starts over, since its steps came in another order.
fn upgrade(text: &str) -> Progress {
    #[derive(Deserialize)]
    struct Old {
        #[serde(default)]
        known: Vec<KnownConnection>,
        #[serde(default)]
        history: Vec<HistoryEntry>,
    }
    match serde_json::from_str::<Old>(text) {
        Ok(old) => {
            tracing::info!(known = old.known.len(), "progress file upgraded");
            let mut p = Progress::fresh(old.known);
            p.history = old.history;
            p
        }
        Err(e) => {
            tracing::warn!(error = %e, "older progress file not understood; starting over");
            Progress::fresh(Vec::new())
        }
    }
}

/// Milliseconds since the Unix epoch (0 if the clock is before 1970).
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn saves_and_loads_the_same_progress() {
        let dir = tempfile::tempdir().unwrap();
        let file = ProgressFile::in_dir(dir.path());
        let mut p = Progress::fresh(Vec::new());
        p.step = Step::Workspace;
        p.workspace = Some(WorkspaceSummary {
            input: "acme".into(),
            url: "https://acme.actindo.com/".into(),
        });
        file.save(&p).unwrap();
        assert_eq!(file.load(), (p, None));
        assert!(!dir.path().join("progress.json.tmp").exists());
    }

    #[test]
    fn a_corrupt_file_starts_over_and_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let file = ProgressFile::in_dir(dir.path());
        std::fs::write(file.path(), b"{\"version\":1,\"step\":\"conn").unwrap();
        let (p, reset) = file.load();
        assert_eq!(reset, Some(ResetReason::Unreadable));
        assert_eq!(p.step, Step::Welcome);
        assert!(dir.path().join("progress.json.unreadable").exists());
    }

    #[test]
    fn a_newer_file_is_not_misread() {
        let dir = tempfile::tempdir().unwrap();
        let file = ProgressFile::in_dir(dir.path());
        std::fs::write(file.path(), b"{\"version\":99,\"step\":\"status\"}").unwrap();
        assert_eq!(file.load().1, Some(ResetReason::NewerVersion));
    }

    #[test]
    fn a_version_1_file_keeps_its_connections_and_starts_the_flow_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = ProgressFile::in_dir(dir.path());
        std::fs::write(
            file.path(),
            br#"{"version":1,"step":"connect","store":null,"workspace":null,"connectionId":null,
            "existingConnectionId":null,"history":[],"known":[{"id":7,"storeHash":"abc123",
            "storeName":"S","workspaceInput":"acme","workspaceUrl":"https://acme.actindo.com/",
            "addedAt":1}]}"#,
        )
        .unwrap();
        let (p, reset) = file.load();
        assert_eq!(reset, None);
        assert_eq!(p.step, Step::Manage);
        assert_eq!(p.known.len(), 1);
        assert_eq!(p.known[0].road, StoreRoad::ApiAccount);
    }

    #[test]
    fn history_keeps_the_newest_entries() {
        let mut p = Progress::fresh(Vec::new());
        for i in 0..100 {
            p.record(HistoryEntry {
                step: Step::Status,
                action: format!("poll {i}"),
                at: i,
                duration_ms: 1,
                outcome: "ok".into(),
            });
        }
        assert_eq!(p.history.len(), HISTORY_LIMIT);
        assert_eq!(p.history.last().unwrap().action, "poll 99");
    }
}
