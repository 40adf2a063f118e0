//! The wizard engine: one explicit state machine for the flow and for Manage, on top of the
//! clients. It owns the persisted progress, the secret store and the one pending sign-in.
//!
//! Everything that changes while the engine runs is one `State` (`state.rs`) behind one
//! lock, and a step moves on only through `Engine::transition`, which checks the step and
//! changes it in one taking of that lock. Every step has its own file of `impl Engine` blocks
//! (see `wizard/mod.rs`); this one holds what the engine is built from.

use std::path::Path;
use std::sync::Arc;

use super::saved::{ResetReason, SavedRunFile};
use super::state;
use super::status::settle::PollConfig;
use super::view::Notice;
use crate::bigcommerce::StoreHash;
use crate::error::Result;
use crate::http::RetryPolicy;
use crate::profile::Profile;
use crate::secret_store::SecretStore;
use crate::signin::BrowserOpener;

/// How patient the engine is: retries of safe requests and the polling intervals. Given to
/// [`Engine::open_with`], because a shared engine cannot be re-timed afterwards. Unset parts
/// follow the profile (quick in practice mode, the defaults otherwise).
#[derive(Debug, Clone, Copy, Default)]
pub struct EngineOptions {
    pub retry: Option<RetryPolicy>,
    pub poll: Option<PollConfig>,
}

impl EngineOptions {
    /// Both timings given (tests, benchmarks).
    pub fn timing(retry: RetryPolicy, poll: PollConfig) -> Self {
        EngineOptions {
            retry: Some(retry),
            poll: Some(poll),
        }
    }
}

/// What the engine is built from, fixed for its life; `state::State` is what changes.
pub(super) struct Inner {
    pub(super) profile: Profile,
    pub(super) http: reqwest::Client,
    pub(super) secrets: SecretStore,
    pub(super) opener: Arc<dyn BrowserOpener>,
    pub(super) file: SavedRunFile,
    pub(super) state: std::sync::Mutex<state::State>,
    pub(super) retry: RetryPolicy,
    pub(super) poll: PollConfig,
}

/// The engine. Cheap to clone; clones share everything (the shell keeps one in managed state).
#[derive(Clone)]
pub struct Engine {
    pub(super) inner: Arc<Inner>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("profile", &self.inner.profile.name)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// Opens the engine on `data_dir` (where the progress file lives) with the profile's
    /// timings. Never fails on a bad progress file: it starts over and keeps a [`Notice`] for
    /// the UI.
    pub async fn open(
        profile: Profile,
        data_dir: &Path,
        secrets: SecretStore,
        opener: Arc<dyn BrowserOpener>,
    ) -> Result<Engine> {
        Self::open_with(profile, data_dir, secrets, opener, EngineOptions::default()).await
    }

    /// [`Engine::open`] with other timings (tests, benchmarks).
    pub async fn open_with(
        profile: Profile,
        data_dir: &Path,
        secrets: SecretStore,
        opener: Arc<dyn BrowserOpener>,
        options: EngineOptions,
    ) -> Result<Engine> {
        let http = crate::http::client(&profile.http_config())?;
        let file = SavedRunFile::in_dir(data_dir);
        // No secret is read here: the keyring check runs beside the first screen.
        let (progress, reset) = file.load(&profile.core1.workspace);
        let notice = reset.map(|r| match r {
            ResetReason::Unreadable => Notice::ProgressReset,
            ResetReason::NewerVersion => Notice::ProgressFromNewerVersion,
        });
        let (retry, poll) = if profile.practice {
            (RetryPolicy::fast(), PollConfig::fast())
        } else {
            (RetryPolicy::default(), PollConfig::default())
        };
        if reset.is_some() {
            file.save(&progress)?;
        }
        Ok(Engine {
            inner: Arc::new(Inner {
                profile,
                http,
                secrets,
                opener,
                file,
                state: std::sync::Mutex::new(state::State::new(progress, notice)),
                retry: options.retry.unwrap_or(retry),
                poll: options.poll.unwrap_or(poll),
            }),
        })
    }

    /// The profile in use.
    pub fn profile(&self) -> &Profile {
        &self.inner.profile
    }

    /// Where the access key of `store_hash` is kept: under this profile's BigCommerce API, so
    /// another profile (pointing elsewhere) never reads it.
    pub fn store_key(&self, store_hash: &StoreHash) -> crate::secret_store::SecretKey {
        crate::secret_store::SecretKey::bigcommerce_token(
            &self.inner.profile.bigcommerce.api_url,
            store_hash.as_str(),
        )
    }

    /// The secret store in use (tests check what was kept or deleted).
    #[cfg(feature = "test-support")]
    pub fn secrets(&self) -> &SecretStore {
        &self.inner.secrets
    }

    /// Whether nothing is under way: the wizard rests on Manage with no browser sign-in waiting
    /// and no connector watch running. The only moment an update may be looked for and
    /// installed, since installing restarts the app.
    pub fn at_rest_in_manage(&self) -> bool {
        let state = self.state();
        state.run.step == super::step::Step::Manage
            && state.pending.is_none()
            // A watch that ended by itself leaves its sender, with no receiver left.
            && state
                .connector_stop
                .as_ref()
                .is_none_or(|stop| stop.is_closed())
    }
}
