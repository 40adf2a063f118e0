//! The engine's one changing [`State`] behind one lock, the connections it knows, and the only
//! ways to change the saved run: [`Engine::transition`] (check the step and change it in one
//! taking, so of two commands racing for one step only one passes) and [`Engine::update`] (no
//! step to check). Both save before they return: what is on disk is always what the user last
//! saw. The lock is never held across an `.await`.

use std::collections::HashMap;
use std::sync::MutexGuard;
use std::time::Instant;

use tokio::sync::watch;

use super::browser::Pending;
use super::view::Notice;
use super::Engine;
use crate::core1::channels::Connection;
use crate::core1::Core1Client;
use crate::error::{Error, Result};
use crate::wizard::events::ConnectionStatus;
use crate::wizard::journal::Journal;
use crate::wizard::known::{ConnectionKey, KnownConnection};
use crate::wizard::saved::{now_ms, HistoryEntry, SavedRun};
use crate::wizard::step::Step;

/// Everything about the engine that changes while it runs.
pub(super) struct State {
    /// The persisted progress, as last saved.
    pub(super) run: SavedRun,
    /// One Core1 client per workspace URL, so an access token is reused.
    pub(super) core1: HashMap<String, Core1Client>,
    /// Told once by the next view.
    pub(super) notice: Option<Notice>,
    /// The browser sign-in that is waiting, if any (only one at a time).
    pub(super) pending: Option<Pending>,
    /// Stops the road-1 watch that is running (set to `true`, or dropped).
    pub(super) connector_stop: Option<watch::Sender<bool>>,
    /// This run's connection as last seen (Status).
    pub(super) last_status: Option<ConnectionStatus>,
    /// The onboarding report this app saved last: the one file it may open.
    pub(super) saved_report: Option<std::path::PathBuf>,
    /// Road 1: connections that appeared while waiting, each with whether it is new, until the
    /// merchant says which is theirs (not persisted: a resumed watch finds them again).
    pub(super) candidates: Vec<(Connection, bool)>,
    /// Road 1: Copy was pressed for this run's connector field since the app started (the
    /// clipboard holds it now; the persisted [`ConnectorWatch::copied`] only says it once did).
    ///
    /// [`ConnectorWatch::copied`]: crate::wizard::saved::ConnectorWatch::copied
    pub(super) copied_now: bool,
}

impl State {
    pub(super) fn new(run: SavedRun, notice: Option<Notice>) -> Self {
        State {
            run,
            core1: HashMap::new(),
            notice,
            pending: None,
            connector_stop: None,
            last_status: None,
            saved_report: None,
            candidates: Vec::new(),
            copied_now: false,
        }
    }
}

/// Timing of one user action, recorded in the history for the support report (and, when it is
/// about a known connection and a milestone, in that connection's journal).
pub(super) struct Action {
    step: Step,
    name: &'static str,
    at: u64,
    started: Instant,
    about: Option<ConnectionKey>,
}

impl Action {
    /// The action is done for the known connection `key`: its success goes into the journal.
    pub(super) fn about(mut self, key: &ConnectionKey) -> Self {
        self.about = Some(key.clone());
        self
    }
}

impl Engine {
    /// The state, locked. A poisoned lock is taken anyway: every change is made on a copy and
    /// put in place whole, so the state is always consistent.
    pub(super) fn state(&self) -> MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A copy of the progress as it is now.
    pub(super) fn saved_run(&self) -> SavedRun {
        self.state().run.clone()
    }

    /// The connection this computer knows under `key` (workspace and id both).
    pub(super) fn known(&self, key: &ConnectionKey) -> Result<KnownConnection> {
        self.state()
            .run
            .known
            .iter()
            .find(|k| k.key == *key)
            .cloned()
            .ok_or(Error::ConnectionNotKnown)
    }

    /// A connection this computer knows, and a client for its workspace.
    pub(super) async fn known_with_client(
        &self,
        key: &ConnectionKey,
    ) -> Result<(KnownConnection, Core1Client)> {
        let known = self.known(key)?;
        let client = self.core1_client(&known.key.workspace).await?;
        Ok((known, client))
    }

    /// Refuses an action on a step it does not belong to. Only a quick early answer (before
    /// network work): the change itself goes through [`Engine::transition`], which checks again.
    pub(super) async fn expect_step(&self, allowed: &[Step]) -> Result<()> {
        check_step(self.state().run.step, allowed)
    }

    /// Checks that the wizard is on one of `from` and changes the progress, in one taking of
    /// the lock, saved before returning.
    pub(super) async fn transition(
        &self,
        from: &[Step],
        change: impl FnOnce(&mut SavedRun) -> Result<()>,
    ) -> Result<()> {
        self.change(Some(from), change)
    }

    /// Changes the progress (on any step) and saves it before returning.
    pub(super) async fn update(
        &self,
        change: impl FnOnce(&mut SavedRun) -> Result<()>,
    ) -> Result<()> {
        self.change(None, change)
    }

    fn change(
        &self,
        from: Option<&[Step]>,
        change: impl FnOnce(&mut SavedRun) -> Result<()>,
    ) -> Result<()> {
        let mut state = self.state();
        if let Some(from) = from {
            check_step(state.run.step, from)?;
        }
        let mut next = state.run.clone();
        change(&mut next)?;
        self.inner.file.save(&next)?;
        state.run = next;
        Ok(())
    }

    /// Changes the journal of the known connection `key` (nothing when this computer does not
    /// know it); a journal that cannot be saved is logged, never the action's failure.
    pub(super) async fn journal(&self, key: &ConnectionKey, change: impl FnOnce(&mut Journal)) {
        let saved = self.change(None, |p| {
            if let Some(k) = p.known_mut(key) {
                change(&mut k.journal);
            }
            Ok(())
        });
        if let Err(e) = saved {
            tracing::warn!(code = e.code(), "journal not saved");
        }
    }

    pub(super) fn action(&self, step: Step, name: &'static str) -> Action {
        tracing::info!(step = step.as_str(), action = name, "started");
        Action {
            step,
            name,
            at: now_ms(),
            started: Instant::now(),
            about: None,
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
        let ok = result.is_ok();
        if let Err(e) = self.change(None, |p| {
            if let Some(k) = action
                .about
                .as_ref()
                .filter(|_| ok)
                .and_then(|k| p.known_mut(k))
            {
                k.journal.note(action.name, action.at, duration_ms);
            }
            p.record(entry);
            Ok(())
        }) {
            tracing::warn!(code = e.code(), "history not saved");
        }
        result
    }
}

fn check_step(step: Step, allowed: &[Step]) -> Result<()> {
    if allowed.contains(&step) {
        Ok(())
    } else {
        tracing::warn!(step = step.as_str(), "action not available on this step");
        Err(Error::WizardOutOfOrder)
    }
}
