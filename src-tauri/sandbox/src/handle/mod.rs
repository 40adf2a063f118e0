//! [`SandboxHandle`]: a running sandbox, and what Rust can ask of it or change in its world.

mod bigcommerce;
mod core1;
#[cfg(feature = "faults")]
mod faults;
mod ledger;
mod urls;

use crate::World;
use crate::{snapshot, Result, SandboxConfig};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// A running sandbox. Dropping it stops the server; [`SandboxHandle::shutdown`] also waits for it.
pub struct SandboxHandle {
    pub(crate) world: Arc<World>,
    pub(crate) addr: SocketAddr,
    pub(crate) shutdown: watch::Sender<bool>,
    pub(crate) task: Option<JoinHandle<()>>,
    /// Where a persistent world is saved ([`Sandbox::start_persistent`](crate::Sandbox::start_persistent)).
    pub(crate) persist: Option<std::path::PathBuf>,
    /// Saves a persistent world after changes, and once more when the server stops.
    pub(crate) saver: Option<JoinHandle<()>>,
    pub(crate) moved_from: Option<u16>,
}

impl SandboxHandle {
    /// `http://127.0.0.1:{port}`.
    pub fn base_url(&self) -> &str {
        &self.world.base_url
    }

    /// The bound socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The saved port a persistent world could not have again (another program holds it), so
    /// it moved to [`Self::addr`].
    pub fn moved_from(&self) -> Option<u16> {
        self.moved_from
    }

    /// Writes a persistent world to its file now (nothing for another sandbox).
    pub fn save_now(&self) -> Result<()> {
        match &self.persist {
            Some(path) => Ok(snapshot::save(&self.world, path)?),
            None => Ok(()),
        }
    }

    /// "Start practice over": back to the seeded world ([`Self::reset`]), saved at once, on the
    /// same port.
    pub fn start_over(&self) -> Result<()> {
        self.world.reset();
        self.save_now()
    }

    /// The seeds the sandbox was started with.
    pub fn config(&self) -> &SandboxConfig {
        &self.world.config
    }

    /// Back to the seeded world: faults, sessions, codes, tokens, installs, API accounts,
    /// connections and the ledger are cleared. The registered app callbacks are kept.
    pub fn reset(&self) {
        self.world.reset();
    }

    /// Asks the server to stop (without waiting), e.g. when the handle is shared behind an `Arc`.
    pub fn stop(&self) {
        let _ = self.shutdown.send(true);
    }

    /// Stops the server and waits until it has stopped accepting.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        if let Some(saver) = self.saver.take() {
            let _ = saver.await;
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}
