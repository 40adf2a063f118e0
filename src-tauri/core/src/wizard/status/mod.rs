//! The Status step: into it with the connection a road made (remembered for Manage), then
//! following that connection until it is active or stops, and leaving it for Manage.

pub(super) mod settle;

use super::engine::Engine;
use super::events::ConnectionStatus;
use crate::bigcommerce::StoreHash;
use crate::core1::channels::{Connection, Phase};
use crate::core1::Core1Client;
use crate::error::{Error, Result};
use crate::wizard::events::{Event, EventSink};
use crate::wizard::journal::Journal;
use crate::wizard::known::{ConnectionKey, KnownConnection};
use crate::wizard::saved::{now_ms, ConnectOutcome, SavedRun, StoreSummary};
use crate::wizard::step::Step;
use crate::wizard::WizardView;

impl Engine {
    /// Into Status with the connection the store step made (any road): remembered for Manage.
    pub(super) async fn enter_status(
        &self,
        connection: &Connection,
        store: StoreSummary,
        outcome: ConnectOutcome,
    ) -> Result<WizardView> {
        let workspace = self.current_workspace().await?;
        // Core1 names the store; a hash no store can have is its answer's fault.
        let store_hash =
            StoreHash::parse(&connection.store_hash).map_err(|_| Error::Core1BadResponse {
                detail: "connection: store hash".into(),
            })?;
        self.state().last_status = Some(ConnectionStatus::of(connection));
        let p = self.saved_run();
        let known = KnownConnection {
            key: ConnectionKey {
                workspace,
                id: connection.id,
            },
            store_hash,
            store_name: store.name.clone(),
            added_at: now_ms(),
            road: store.road,
            store_domain: store.domain.clone(),
            journal: run_journal(&p),
        };
        tracing::info!(
            id = connection.id,
            road = ?store.road,
            outcome = ?outcome,
            "connection in place"
        );
        self.transition(&[Step::BigCommerce], |p| {
            p.store = Some(store);
            p.connection_id = Some(connection.id);
            p.outcome = Some(outcome);
            p.connector = None;
            p.step = Step::Status;
            p.remember(known);
            Ok(())
        })
        .await?;
        Ok(self.wizard_view().await)
    }

    /// Follows the connection until it is active, failed or disabled, sending every change.
    /// A failed connection is not an error here: the view carries its error code and the UI
    /// offers the matching repair.
    pub async fn status_watch(&self, sink: &dyn EventSink) -> Result<WizardView> {
        let (id, client) = self.status_target().await?;
        let action = self.action(Step::Status, "watch_status");
        let sink = |e: Event| {
            if let Event::Status { connection } = &e {
                self.state().last_status = Some(connection.clone());
            }
            sink.send(e);
        };
        let result = settle::poll_until_settled(&client, id, &sink, self.inner.poll).await;
        let connection = self.finish_action(action, result).await?;
        self.state().last_status = Some(ConnectionStatus::of(&connection));
        if connection.phase == Phase::Active {
            let key = ConnectionKey {
                workspace: client.workspace().clone(),
                id,
            };
            self.journal(&key, |j| j.note("active", now_ms(), 0)).await;
        }
        if connection.phase == Phase::Failed {
            tracing::warn!(
                code = connection.last_error.as_ref().map(|e| e.code.as_str()),
                "connection stopped on an error"
            );
        }
        Ok(self.wizard_view().await)
    }

    /// On Status after a failure: synchronize again, then watch.
    pub async fn status_retry(&self, sink: &dyn EventSink) -> Result<WizardView> {
        let (id, client) = self.status_target().await?;
        let key = ConnectionKey {
            workspace: client.workspace().clone(),
            id,
        };
        let action = self.action(Step::Status, "synchronize").about(&key);
        let result = client.synchronize(id).await;
        self.finish_action(action, result).await?;
        self.status_watch(sink).await
    }

    /// Leaves Status (or Manage's "set up another") for Manage / a fresh run.
    pub async fn status_finish(&self) -> Result<WizardView> {
        self.reset_run().await?;
        Ok(self.wizard_view().await)
    }

    /// On Status: this run's connection and a client for its workspace.
    async fn status_target(&self) -> Result<(i64, Core1Client)> {
        self.expect_step(&[Step::Status]).await?;
        let id = self.state().run.connection_id;
        let id = id.ok_or(Error::WizardOutOfOrder)?;
        let ws = self.current_workspace().await?;
        Ok((id, self.core1_client(&ws).await?))
    }
}

/// This run's journal so far: the flow's successful milestones since the run began (the steps
/// before the connection existed), and who signed in to Core1.
fn run_journal(p: &SavedRun) -> Journal {
    // A run resumed from a file written before runs were dated: since the last connection made.
    let since = p
        .run_started_at
        .or_else(|| p.known.iter().map(|k| k.added_at).max())
        .unwrap_or(0);
    let mut journal = Journal {
        core1_user: p.core1_user.clone(),
        ..Journal::default()
    };
    p.history
        .iter()
        .filter(|h| h.at >= since && h.outcome == "ok")
        .filter(|h| matches!(h.step, Step::Workspace | Step::Core1 | Step::BigCommerce))
        .for_each(|h| journal.note(&h.action, h.at, h.duration_ms));
    journal
}
