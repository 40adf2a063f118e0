//! A practice world that outlives the app ([`crate::Sandbox::start_persistent`]): the world as
//! a versioned JSON file, saved 300 ms after the last change (a temporary file renamed over the
//! old one) and when the server stops, and read back at the next start on the same port.
//!
//! Kept: the port; BigCommerce's sessions, tokens (revoked ones too), installs, API accounts and
//! store changes; per Core1 workspace its sessions, access and refresh tokens, app
//! registrations, id counters and connections (with settings and where their run stands); the
//! connector's installs; the world's clock offset. Left out, as a real server's restart would
//! lose them or they are the tests' business: consents and codes in flight, hand-overs, rate
//! windows, faults, the secrets ledger. A run's times are saved as wall-clock milliseconds, so
//! a synchronization that was running at quit has gone on meanwhile, as a real Core1 keeps
//! working while the app is closed; a credentials check that had not answered runs again.
//!
//! The file holds the toy secrets the practice server issued (a server keeps what it issued):
//! they open nothing but this practice server, which answers only its own `Host` on 127.0.0.1
//! (`guard`). Written with mode 0600 where the platform has modes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::{bigcommerce, connector, core1, State, World};

/// The file's format; another version is not read (the world starts fresh).
const VERSION: u32 = 1;
/// How long after the last change the world is written.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(300);

/// What is written.
#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    port: u16,
    bc: &'a bigcommerce::BcState,
    core1: &'a HashMap<String, core1::WorkspaceState>,
    connector: &'a connector::ConnectorState,
    clock_offset: time::Duration,
}

/// What is read back.
#[derive(Deserialize)]
pub(crate) struct Saved {
    version: u32,
    pub(crate) port: u16,
    bc: bigcommerce::BcState,
    core1: HashMap<String, core1::WorkspaceState>,
    connector: connector::ConnectorState,
    clock_offset: time::Duration,
}

impl Saved {
    /// The saved world at `path`, if there is one of this version (an unreadable one is
    /// logged and left to be overwritten).
    pub(crate) fn read(path: &Path) -> Option<Saved> {
        let bytes = std::fs::read(path).ok()?;
        match serde_json::from_slice::<Saved>(&bytes) {
            Ok(saved) if saved.version == VERSION => Some(saved),
            Ok(_) => {
                tracing::warn!("practice world file of another version; starting fresh");
                None
            }
            Err(e) => {
                tracing::warn!(error = %e, "practice world file unreadable; starting fresh");
                None
            }
        }
    }

    /// Puts the saved world into a freshly seeded `state` (workspaces no longer configured are
    /// dropped).
    pub(crate) fn restore(self, state: &mut State) {
        state.bc = self.bc;
        for (name, ws) in self.core1 {
            if let Some(slot) = state.core1.get_mut(&name) {
                *slot = ws;
            }
        }
        state.connector = self.connector;
        state.clock_offset = self.clock_offset;
    }
}

/// Writes the world to `path` now (temporary file, then rename).
pub(crate) fn save(world: &World, path: &Path) -> std::io::Result<()> {
    let bytes = {
        let st = world.state();
        serde_json::to_vec(&Out {
            version: VERSION,
            port: world.port,
            bc: &st.bc,
            core1: &st.core1,
            connector: &st.connector,
            clock_offset: st.clock_offset,
        })?
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("json.tmp");
    write_private(&tmp, &bytes)?;
    std::fs::rename(&tmp, path)
}

/// Writes `bytes` to a new file only its owner can read. (The core's `write_privately` does the
/// same for the app's files; the sandbox does not depend on the core.)
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    // A leftover file (a crash between write and rename) would keep its old mode: start anew.
    let _ = std::fs::remove_file(path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Saves the world [`DEBOUNCE`] after each change until the server stops, then once more.
pub(crate) async fn keep_saving(
    world: Arc<World>,
    path: PathBuf,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = world.dirty.notified() => {}
            _ = stop.wait_for(|s| *s) => break,
        }
        tokio::select! {
            _ = tokio::time::sleep(DEBOUNCE) => {}
            _ = stop.wait_for(|s| *s) => break,
        }
        save_logged(&world, &path);
    }
    save_logged(&world, &path);
}

pub(crate) fn save_logged(world: &World, path: &Path) {
    if let Err(e) = save(world, path) {
        tracing::warn!(error = %e, "practice world not saved");
    }
}
