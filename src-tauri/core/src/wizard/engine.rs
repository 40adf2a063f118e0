//! The wizard engine: one explicit state machine for the flow and for Manage, on top of the
//! clients. It owns the persisted progress, the secret store and the one pending sign-in.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex as SyncMutex};
use std::time::Instant;

use serde::Serialize;
use tokio::sync::Mutex;
use url::Url;

use super::events::{ConnectionStatus, Event, EventSink, Provider};
use super::progress::{
    now_ms, ConnectOutcome, HistoryEntry, KnownConnection, Progress, ProgressFile, ResetReason,
    StoreRoad, StoreSummary, WorkspaceSummary,
};
use super::report::{self, AppFacts};
use super::status::{self, PollConfig};
use super::step::Step;
use crate::bigcommerce::{StoreHash, StoreInfo};
use crate::core1::channels::{Connection, Credentials, Phase};
use crate::core1::{Core1Client, Core1SignIn, WorkspaceUrl};
use crate::error::{Error, Result};
use crate::http::RetryPolicy;
use crate::profile::Profile;
use crate::secret::SecretString;
use crate::secrets::{SecretStore, SecretStoreStatus};
use crate::signin::{BrowserOpener, Canceller};

/// Something the UI should tell the user once (not an error: the wizard goes on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// Saved progress was unreadable; the wizard started over.
    ProgressReset,
    /// Saved progress was from a newer app version; the wizard started over.
    ProgressFromNewerVersion,
}

/// Road 1 as the BigCommerce screen shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectorInfo {
    /// The connector's name in BigCommerce's marketplace (what the merchant searches for).
    pub name: String,
    /// After this long without a result the screen offers help.
    pub help_after_ms: u64,
    /// Unix milliseconds since when the wizard watches for the connector's connection (the
    /// connector page was opened), `None` when not watching.
    pub waiting_since: Option<u64>,
}

/// Everything a screen needs to draw itself. Holds no secret.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WizardView {
    pub step: Step,
    pub practice: bool,
    pub store: Option<StoreSummary>,
    pub workspace: Option<WorkspaceSummary>,
    /// Workspace a consultant prefilled (profile or `--workspace`), shown until one is chosen.
    pub prefilled_workspace: Option<String>,
    /// Road 1: the connector and whether the wizard is watching for it.
    pub connector: ConnectorInfo,
    /// Whether the store step created the connection or updated the one Core1 had.
    pub outcome: Option<ConnectOutcome>,
    /// The connection of this run, as last seen.
    pub connection: Option<ConnectionStatus>,
    /// Where "Open in Core1" leads.
    pub core1_url: Option<String>,
    pub known_connections: usize,
    pub notice: Option<Notice>,
    pub secret_storage: SecretStoreStatus,
    /// A setup file that talks to hosts other than the real BigCommerce and Core1: those hosts,
    /// until the user confirmed them ([`Engine::confirm_hosts`]); nothing is sent before.
    pub hosts_to_confirm: Option<Vec<String>>,
    /// Whether road 3, the wizard's own BigCommerce app, is configured (a profile file only).
    pub bigcommerce_signin_available: bool,
    /// True while a browser sign-in is waiting.
    pub signing_in: bool,
}

struct Pending {
    provider: Provider,
    url: Url,
    canceller: Canceller,
}

pub(super) struct Inner {
    pub(super) profile: Profile,
    pub(super) http: reqwest::Client,
    pub(super) secrets: SecretStore,
    pub(super) opener: Arc<dyn BrowserOpener>,
    file: ProgressFile,
    pub(super) progress: Mutex<Progress>,
    notice: SyncMutex<Option<Notice>>,
    pending: SyncMutex<Option<Pending>>,
    /// Stops the road-1 watch that is running (set to `true`, or dropped).
    pub(super) connector_stop: SyncMutex<Option<tokio::sync::watch::Sender<bool>>>,
    pub(super) core1: Mutex<HashMap<String, Core1Client>>,
    last_status: SyncMutex<Option<ConnectionStatus>>,
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

/// Timing of one user action, recorded in the history for the support report.
pub(super) struct Action {
    step: Step,
    name: &'static str,
    at: u64,
    started: Instant,
}

impl Engine {
    /// Opens the engine on `data_dir` (where the progress file lives). Never fails on a bad
    /// progress file: it starts over and keeps a [`Notice`] for the UI.
    pub async fn open(
        profile: Profile,
        data_dir: &Path,
        secrets: SecretStore,
        opener: Arc<dyn BrowserOpener>,
    ) -> Result<Engine> {
        let http = crate::http::client(&profile.http_config())?;
        let file = ProgressFile::in_dir(data_dir);
        // No secret is read here: the keyring check runs beside the first screen.
        let (progress, reset) = file.load();
        let notice = reset.map(|r| match r {
            ResetReason::Unreadable => Notice::ProgressReset,
            ResetReason::NewerVersion => Notice::ProgressFromNewerVersion,
        });
        let (retry, poll) = if profile.practice {
            (RetryPolicy::fast(), PollConfig::fast())
        } else {
            (RetryPolicy::default(), PollConfig::default())
        };
        let engine = Engine {
            inner: Arc::new(Inner {
                profile,
                http,
                secrets,
                opener,
                file,
                progress: Mutex::new(progress),
                notice: SyncMutex::new(notice),
                pending: SyncMutex::new(None),
                connector_stop: SyncMutex::new(None),
                core1: Mutex::new(HashMap::new()),
                last_status: SyncMutex::new(None),
                retry,
                poll,
            }),
        };
        if reset.is_some() {
            let p = engine.inner.progress.lock().await.clone();
            engine.inner.file.save(&p)?;
        }
        Ok(engine)
    }

    /// The same engine with other polling intervals (tests, benchmarks).
    pub fn with_timing(self, retry: RetryPolicy, poll: PollConfig) -> Engine {
        match Arc::try_unwrap(self.inner) {
            Ok(mut inner) => {
                inner.retry = retry;
                inner.poll = poll;
                Engine {
                    inner: Arc::new(inner),
                }
            }
            Err(inner) => Engine { inner },
        }
    }

    /// The profile in use.
    pub fn profile(&self) -> &Profile {
        &self.inner.profile
    }

    /// Where the access key of `store_hash` is kept: under this profile's BigCommerce API, so
    /// another profile (pointing elsewhere) never reads it.
    pub fn store_key(&self, store_hash: &str) -> crate::secrets::SecretKey {
        crate::secrets::SecretKey::bigcommerce_token(
            &self.inner.profile.bigcommerce.api_url,
            store_hash,
        )
    }

    /// The secret store in use.
    pub fn secrets(&self) -> &SecretStore {
        &self.inner.secrets
    }

    /// What the current screen shows. The notice is shown once.
    pub async fn view(&self) -> WizardView {
        let p = self.inner.progress.lock().await.clone();
        let hosts_to_confirm = self
            .hosts_unconfirmed(&p)
            .then(|| self.inner.profile.hosts());
        let notice = lock(&self.inner.notice).take();
        let connection = lock(&self.inner.last_status).clone();
        let prefilled = if p.workspace.is_none() {
            self.inner.profile.prefilled_workspace.clone()
        } else {
            None
        };
        WizardView {
            step: p.step,
            practice: self.inner.profile.practice,
            core1_url: p.workspace.as_ref().map(|w| w.url.clone()),
            store: p.store,
            workspace: p.workspace,
            prefilled_workspace: prefilled,
            connector: ConnectorInfo {
                name: self.inner.profile.bigcommerce.connector_name.clone(),
                help_after_ms: self.inner.profile.connector_help_after.as_millis() as u64,
                waiting_since: p.connector.as_ref().map(|w| w.started_at),
            },
            outcome: p.outcome,
            hosts_to_confirm,
            connection,
            known_connections: p.known.len(),
            notice,
            secret_storage: self.inner.secrets.status(),
            bigcommerce_signin_available: self.inner.profile.bigcommerce_signin_available(),
            signing_in: lock(&self.inner.pending).is_some(),
        }
    }

    /// The user trusts this setup file's hosts (shown on Welcome); remembered for the profile.
    pub async fn confirm_hosts(&self) -> Result<WizardView> {
        tracing::info!(hosts = ?self.inner.profile.hosts(), "setup file's hosts confirmed");
        let hosts = self.inner.profile.hosts();
        self.update(|p| {
            p.confirmed_hosts = hosts;
            Ok(())
        })
        .await?;
        Ok(self.view().await)
    }

    /// Whether this profile talks to hosts the user has not confirmed.
    fn hosts_unconfirmed(&self, p: &Progress) -> bool {
        self.inner.profile.needs_host_confirmation()
            && self
                .inner
                .profile
                .hosts()
                .iter()
                .any(|h| !p.confirmed_hosts.contains(h))
    }

    /// Refuses to talk to a setup file's hosts before the user confirmed them.
    pub(super) async fn ensure_hosts_confirmed(&self) -> Result<()> {
        let p = self.inner.progress.lock().await;
        if self.hosts_unconfirmed(&p) {
            return Err(Error::ProfileNotConfirmed);
        }
        Ok(())
    }

    /// Welcome → the first step not done yet.
    pub async fn begin(&self) -> Result<WizardView> {
        self.ensure_hosts_confirmed().await?;
        self.update(|p| {
            if p.step == Step::Welcome {
                p.step = if p.workspace.is_none() {
                    Step::Workspace
                } else {
                    Step::Core1
                };
            }
            Ok(())
        })
        .await?;
        Ok(self.view().await)
    }

    /// Back to the previous screen where that is safe (see [`Step::back`]); nothing is undone.
    pub async fn back(&self) -> Result<WizardView> {
        self.cancel_sign_in();
        self.stop_connector();
        self.update(|p| {
            if let Some(prev) = p.step.back() {
                p.step = prev;
                p.connector = None;
            }
            Ok(())
        })
        .await?;
        Ok(self.view().await)
    }

    /// Leaves Status (or Manage's "set up another") for Manage / a fresh run.
    pub async fn finish(&self) -> Result<WizardView> {
        self.cancel_sign_in();
        self.stop_connector();
        *lock(&self.inner.last_status) = None;
        self.update(|p| {
            let known = std::mem::take(&mut p.known);
            let history = std::mem::take(&mut p.history);
            let confirmed = std::mem::take(&mut p.confirmed_hosts);
            *p = Progress::fresh(known);
            p.history = history;
            p.confirmed_hosts = confirmed;
            Ok(())
        })
        .await?;
        Ok(self.view().await)
    }

    /// From Manage: start the wizard again for another store or workspace.
    pub async fn start_new(&self) -> Result<WizardView> {
        self.finish().await?;
        self.update(|p| {
            p.step = Step::Workspace;
            Ok(())
        })
        .await?;
        Ok(self.view().await)
    }

    // ----- browser sign-ins -----

    /// The link of the waiting sign-in, for "copy link".
    pub fn sign_in_link(&self) -> Option<Url> {
        lock(&self.inner.pending).as_ref().map(|p| p.url.clone())
    }

    /// Opens the waiting sign-in's page again.
    pub fn open_sign_in_again(&self) -> Result<()> {
        let url = self.sign_in_link().ok_or(Error::SignInCancelled)?;
        self.inner.opener.open(&url)
    }

    /// Opens a page (the workspace, a help page) in the system browser.
    pub fn open_link(&self, url: &Url) -> Result<()> {
        self.inner.opener.open(url)
    }

    /// Opens BigCommerce's API-accounts page (of this store, when known).
    pub async fn open_api_accounts_page(&self) -> Result<()> {
        let hash = match &self.inner.progress.lock().await.store {
            Some(s) => Some(StoreHash::parse(&s.hash)?),
            None => None,
        };
        let url =
            crate::bigcommerce::api_account::api_accounts_page(&self.inner.profile, hash.as_ref())?;
        self.inner.opener.open(&url)
    }

    /// Cancels the waiting sign-in (the waiting call then fails with `signin_cancelled`).
    pub fn cancel_sign_in(&self) {
        if let Some(p) = lock(&self.inner.pending).take() {
            tracing::info!(provider = ?p.provider, "sign-in cancelled");
            p.canceller.cancel();
        }
    }

    pub(super) fn wait_in_browser(
        &self,
        provider: Provider,
        url: &Url,
        canceller: Canceller,
        sink: &dyn EventSink,
    ) {
        *lock(&self.inner.pending) = Some(Pending {
            provider,
            url: url.clone(),
            canceller,
        });
        match self.inner.opener.open(url) {
            Ok(()) => sink.send(Event::BrowserOpened {
                provider,
                url: url.to_string(),
            }),
            Err(e) => {
                tracing::warn!(
                    code = e.code(),
                    "browser did not open; the user can copy the link"
                );
                sink.send(Event::BrowserNotOpened {
                    provider,
                    url: url.to_string(),
                })
            }
        }
    }

    pub(super) fn browser_done(&self) {
        lock(&self.inner.pending).take();
    }

    // ----- workspace and Core1 -----

    /// Normalises what the user typed, without going to the network (for a live preview).
    pub fn preview_workspace(&self, input: &str) -> Result<String> {
        Ok(WorkspaceUrl::parse(input, &self.inner.profile.core1.workspace)?.to_string())
    }

    /// Takes the workspace: normalised, and checked that it answers. With a Core1 sign-in
    /// already kept for it, goes straight on to the store step (no secret is asked twice).
    pub async fn set_workspace(&self, input: &str) -> Result<WizardView> {
        self.expect_step(&[Step::Workspace]).await?;
        let action = self.action(Step::Workspace, "workspace_check");
        let result = async {
            let ws = WorkspaceUrl::parse(input, &self.inner.profile.core1.workspace)?;
            crate::core1::check_reachable(&self.inner.http, &ws, &self.inner.retry).await?;
            Ok(ws)
        }
        .await;
        let ws = self.finish_action(action, result).await?;
        let summary = WorkspaceSummary {
            input: input.trim().to_owned(),
            url: ws.to_string(),
        };
        let client = self.core1_client(&ws).await?;
        let signed_in =
            client.has_stored_sign_in().await.unwrap_or(false) && client.ping().await.is_ok();
        self.update(|p| {
            p.workspace = Some(summary);
            p.step = if signed_in {
                Step::BigCommerce
            } else {
                Step::Core1
            };
            Ok(())
        })
        .await?;
        Ok(self.view().await)
    }

    /// Signs in to Core1 in the browser and moves on to the store step.
    pub async fn sign_in_core1(&self, sink: &dyn EventSink) -> Result<WizardView> {
        self.expect_step(&[Step::Core1]).await?;
        let ws = self.current_workspace().await?;
        let action = self.action(Step::Core1, "core1_sign_in");
        let result = self.core1_browser_sign_in(ws, sink).await;
        self.finish_action(action, result).await?;
        self.update(|p| {
            p.step = Step::BigCommerce;
            Ok(())
        })
        .await?;
        Ok(self.view().await)
    }

    pub(super) async fn core1_browser_sign_in(
        &self,
        ws: WorkspaceUrl,
        sink: &dyn EventSink,
    ) -> Result<Core1Client> {
        self.cancel_sign_in();
        let signin = Core1SignIn::start(
            &self.inner.profile,
            self.inner.http.clone(),
            ws.clone(),
            self.inner.secrets.clone(),
        )
        .await?;
        self.wait_in_browser(
            Provider::Core1,
            signin.authorize_url(),
            signin.canceller(),
            sink,
        );
        let client = signin.finish().await;
        self.browser_done();
        let client = client?.with_retry(self.inner.retry);
        self.inner
            .core1
            .lock()
            .await
            .insert(ws.to_string(), client.clone());
        Ok(client)
    }

    /// A client for `ws` (cached, so the access token is reused).
    pub(super) async fn core1_client(&self, ws: &WorkspaceUrl) -> Result<Core1Client> {
        self.ensure_hosts_confirmed().await?;
        let mut cache = self.inner.core1.lock().await;
        if let Some(c) = cache.get(&ws.to_string()) {
            return Ok(c.clone());
        }
        let client = Core1Client::new(
            self.inner.http.clone(),
            &self.inner.profile,
            ws.clone(),
            self.inner.secrets.clone(),
        )?
        .with_retry(self.inner.retry);
        cache.insert(ws.to_string(), client.clone());
        Ok(client)
    }

    /// The workspace of a known connection or of this run, re-derived from what was typed.
    pub(super) fn workspace_from(&self, input: &str) -> Result<WorkspaceUrl> {
        WorkspaceUrl::parse(input, &self.inner.profile.core1.workspace)
    }

    pub(super) async fn current_workspace(&self) -> Result<WorkspaceUrl> {
        let input = self
            .inner
            .progress
            .lock()
            .await
            .workspace
            .as_ref()
            .map(|w| w.input.clone())
            .ok_or(Error::WizardOutOfOrder)?;
        self.workspace_from(&input)
    }

    // ----- status -----

    /// Into Status with the connection the store step made (any road): remembered for Manage.
    pub(super) async fn enter_status(
        &self,
        connection: &Connection,
        store: StoreSummary,
        outcome: ConnectOutcome,
    ) -> Result<WizardView> {
        let ws = self.current_workspace().await?;
        *lock(&self.inner.last_status) = Some(ConnectionStatus::from(connection));
        let input = self
            .inner
            .progress
            .lock()
            .await
            .workspace
            .as_ref()
            .map_or_else(|| ws.to_string(), |w| w.input.clone());
        let known = KnownConnection {
            id: connection.id,
            store_hash: connection.store_hash.clone(),
            store_name: store.name.clone(),
            workspace_input: input,
            workspace_url: ws.to_string(),
            added_at: now_ms(),
            road: store.road,
        };
        tracing::info!(
            id = connection.id,
            road = ?store.road,
            outcome = ?outcome,
            "connection in place"
        );
        self.update(|p| {
            p.store = Some(store);
            p.connection_id = Some(connection.id);
            p.outcome = Some(outcome);
            p.connector = None;
            p.step = Step::Status;
            p.remember(known);
            Ok(())
        })
        .await?;
        Ok(self.view().await)
    }

    /// Follows the connection until it is active, failed or disabled, sending every change.
    /// A failed connection is not an error here: the view carries its error code and the UI
    /// offers the matching repair.
    pub async fn watch_status(&self, sink: &dyn EventSink) -> Result<WizardView> {
        let (id, client) = self.status_target().await?;
        let action = self.action(Step::Status, "watch_status");
        let sink = |e: Event| {
            if let Event::Status { connection } = &e {
                *lock(&self.inner.last_status) = Some(connection.clone());
            }
            sink.send(e);
        };
        let result = status::watch(&client, id, &sink, self.inner.poll).await;
        let connection = self.finish_action(action, result).await?;
        *lock(&self.inner.last_status) = Some(ConnectionStatus::from(&connection));
        if connection.phase == Phase::Failed {
            tracing::warn!(
                code = connection.last_error.as_ref().map(|e| e.code.as_str()),
                "connection stopped on an error"
            );
        }
        Ok(self.view().await)
    }

    /// On Status after a failure: synchronize again, then watch.
    pub async fn retry_status(&self, sink: &dyn EventSink) -> Result<WizardView> {
        let (id, client) = self.status_target().await?;
        let action = self.action(Step::Status, "synchronize");
        let result = client.synchronize(id).await;
        self.finish_action(action, result).await?;
        self.watch_status(sink).await
    }

    /// On Status: this run's connection and a client for its workspace.
    async fn status_target(&self) -> Result<(i64, Core1Client)> {
        self.expect_step(&[Step::Status]).await?;
        let id = self
            .inner
            .progress
            .lock()
            .await
            .connection_id
            .ok_or(Error::WizardOutOfOrder)?;
        let ws = self.current_workspace().await?;
        Ok((id, self.core1_client(&ws).await?))
    }

    /// The support report (never a secret).
    pub async fn support_report(&self, facts: &AppFacts) -> String {
        let p = self.inner.progress.lock().await.clone();
        report::render(
            facts,
            &self.inner.profile.name,
            self.inner.profile.practice,
            &self.inner.secrets.ready().await,
            &p,
        )
    }

    // ----- plumbing -----

    pub(super) async fn expect_step(&self, allowed: &[Step]) -> Result<()> {
        let step = self.inner.progress.lock().await.step;
        if allowed.contains(&step) {
            Ok(())
        } else {
            tracing::warn!(step = step.as_str(), "action not available on this step");
            Err(Error::WizardOutOfOrder)
        }
    }

    /// Changes the progress and saves it before returning: what is on disk is always what
    /// the user last saw.
    pub(super) async fn update(
        &self,
        change: impl FnOnce(&mut Progress) -> Result<()>,
    ) -> Result<()> {
        let mut p = self.inner.progress.lock().await;
        let mut next = p.clone();
        change(&mut next)?;
        self.inner.file.save(&next)?;
        *p = next;
        Ok(())
    }

    pub(super) fn action(&self, step: Step, name: &'static str) -> Action {
        tracing::info!(step = step.as_str(), action = name, "started");
        Action {
            step,
            name,
            at: now_ms(),
            started: Instant::now(),
        }
    }

    /// Records how an action ended (code only, never a message) and passes the result on.
    pub(super) async fn finish_action<T>(&self, action: Action, result: Result<T>) -> Result<T> {
        let outcome = match &result {
            Ok(_) => "ok".to_owned(),
            Err(e) => e.code().to_owned(),
        };
        let duration_ms = action.started.elapsed().as_millis() as u64;
        tracing::info!(
            step = action.step.as_str(),
            action = action.name,
            duration_ms,
            outcome = outcome.as_str(),
            "finished"
        );
        let entry = HistoryEntry {
            step: action.step,
            action: action.name.to_owned(),
            at: action.at,
            duration_ms,
            outcome,
        };
        let mut p = self.inner.progress.lock().await;
        let mut next = p.clone();
        next.record(entry);
        if let Err(e) = self.inner.file.save(&next) {
            tracing::warn!(code = e.code(), "history not saved");
        } else {
            *p = next;
        }
        result
    }
}

pub(super) fn summary(hash: &StoreHash, info: &StoreInfo, road: StoreRoad) -> StoreSummary {
    StoreSummary {
        hash: hash.as_str().to_owned(),
        name: info.name.clone(),
        domain: info.domain.clone(),
        secure_url: info.secure_url.clone(),
        plan_name: info.plan_name.clone(),
        road,
    }
}

/// What Core1 needs to reach the store. Built right before sending; never kept.
pub(super) fn credentials(store_hash: &str, token: &SecretString) -> Credentials {
    Credentials {
        store_hash: store_hash.to_owned(),
        access_token: token.expose().to_owned(),
    }
}

/// A std mutex that shrugs off poisoning (the data is plain and always consistent).
pub(super) fn lock<T>(m: &SyncMutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Converts a connection for the UI.
pub(super) fn status_of(c: &Connection) -> ConnectionStatus {
    ConnectionStatus::from(c)
}
