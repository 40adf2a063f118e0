//! The shared world behind every handler: the seeds, what changes at run time, and the
//! sandbox's own address.

#[cfg(feature = "faults")]
use crate::faults::FaultSet;
use crate::{bigcommerce, connector, core1, Connection, Error, Result, SandboxConfig};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// What a secret in the ledger ([`SandboxHandle::issued_secrets_by_kind`](crate::SandboxHandle::issued_secrets_by_kind)) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    /// An app registration's client secret (BigCommerce, and Core1's when it has one), or a
    /// store-level API account's client secret.
    ClientSecret,
    /// An OAuth authorization code (BigCommerce install/consent, Core1 sign-in), or the
    /// connector's single-use hand-over token to Core1.
    AuthorizationCode,
    /// A PKCE code verifier the sandbox received at a token endpoint.
    PkceVerifier,
    /// An access token: BigCommerce's store access key (app or API account), or a Core1 access
    /// token.
    AccessToken,
    /// A Core1 refresh token.
    RefreshToken,
    /// The store access key a Core1 connection was given as credentials.
    ConnectionCredential,
}

/// The shared world behind every handler: seeds, mutable state, and the sandbox's own address.
pub(crate) struct World {
    pub(crate) config: SandboxConfig,
    pub(crate) base_url: String,
    /// Client for the sandbox's calls to itself (Core1 checking BigCommerce credentials, the
    /// connector exchanging its code, BigCommerce calling the uninstall callback).
    pub(crate) http: reqwest::Client,
    /// The runtime the server runs on, for background work started from synchronous handle calls.
    pub(crate) runtime: tokio::runtime::Handle,
    /// The port the server listens on.
    pub(crate) port: u16,
    /// Told of every change, for a persistent world's saver (`snapshot`).
    pub(crate) dirty: tokio::sync::Notify,
    pub(crate) state: Mutex<State>,
}

/// Everything that changes at run time.
pub(crate) struct State {
    #[cfg(feature = "faults")]
    pub(crate) faults: FaultSet,
    pub(crate) ledger: Vec<(SecretKind, String)>,
    /// The registered auth callback of each app, by client id (absolute URLs).
    pub(crate) callbacks: HashMap<String, String>,
    pub(crate) bc: bigcommerce::BcState,
    pub(crate) core1: HashMap<String, core1::WorkspaceState>,
    pub(crate) connector: connector::ConnectorState,
    /// How far the practice world's clock is ahead of this computer's
    /// ([`SandboxHandle::advance_clock`]): what Core1 reports as times, and its `Date` header.
    pub(crate) clock_offset: time::Duration,
}

impl State {
    pub(crate) fn new(config: &SandboxConfig, callbacks: HashMap<String, String>) -> Self {
        let mut state = Self {
            #[cfg(feature = "faults")]
            faults: FaultSet::default(),
            ledger: Vec::new(),
            callbacks,
            bc: bigcommerce::BcState::default(),
            core1: config
                .core1
                .workspaces
                .iter()
                .map(|w| (w.clone(), core1::WorkspaceState::seeded(&config.core1)))
                .collect(),
            connector: connector::ConnectorState::default(),
            clock_offset: time::Duration::ZERO,
        };
        for app in config.apps() {
            state.record(SecretKind::ClientSecret, &app.client_secret);
        }
        for r in &config.core1.registrations {
            state.record(SecretKind::ClientSecret, &r.client_secret);
        }
        state
    }

    /// Records a secret the sandbox issued or received, for leak tests.
    pub(crate) fn record(&mut self, kind: SecretKind, secret: &str) {
        if !secret.is_empty() && !self.ledger.iter().any(|(_, s)| s == secret) {
            self.ledger.push((kind, secret.to_owned()));
        }
    }
}

impl World {
    /// Something may have changed: a persistent world saves soon (`snapshot`).
    pub(crate) fn changed(&self) {
        self.dirty.notify_one();
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Now on the practice world's clock (this computer's, moved by
    /// [`SandboxHandle::advance_clock`]).
    pub(crate) fn wall_now(&self) -> time::OffsetDateTime {
        time::OffsetDateTime::now_utc() + self.state().clock_offset
    }

    /// A registered URL as an absolute one: a leading `/` means the sandbox's own origin.
    pub(crate) fn resolve(&self, url: &str) -> String {
        if url.starts_with('/') {
            format!("{}{url}", self.base_url)
        } else {
            url.to_owned()
        }
    }

    /// The registered auth callback of app `client_id`.
    pub(crate) fn callback(&self, client_id: &str) -> Option<String> {
        self.state().callbacks.get(client_id).cloned()
    }

    pub(crate) fn connections(&self, workspace: &str) -> Result<Vec<Connection>> {
        if !self.config.has_workspace(workspace) {
            return Err(Error::UnknownWorkspace(workspace.to_owned()));
        }
        Ok(core1::channels::list_views(self, workspace))
    }

    pub(crate) fn reset(&self) {
        let mut state = self.state();
        let callbacks = std::mem::take(&mut state.callbacks);
        *state = State::new(&self.config, callbacks);
    }
}
