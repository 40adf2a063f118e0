//! Road 1's question "Is this your store?": yes (into Status with that connection), no (the watch
//! goes on without them), and "I already pressed START SETUP" (look again now).

use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};
use crate::wizard::engine::Engine;
use crate::wizard::known::StoreRoad;
use crate::wizard::saved::{ConnectOutcome, StoreSummary};
use crate::wizard::step::Step;
use crate::wizard::store::connector_watch::{self, Since};
use crate::wizard::WizardView;

impl Engine {
    /// "Is this your store?" — *Yes* for candidate `id`: into Status with that connection (as
    /// Core1 has it now), which is then remembered for Manage.
    pub async fn store_connector_confirm(&self, id: i64) -> Result<WizardView> {
        self.expect_step(&[Step::BigCommerce]).await?;
        let is_new = {
            let state = self.state();
            let found = state.candidates.iter().find(|(c, _)| c.id == id);
            found.map(|(_, is_new)| *is_new)
        };
        let is_new = is_new.ok_or(Error::WizardOutOfOrder)?;
        let client = self.core1_client(&self.current_workspace().await?).await?;
        let action = self.action(Step::BigCommerce, "connector_confirm");
        let result = client.get_connection(id).await;
        let connection = self.finish_action(action, result).await?;
        self.state().candidates.clear();
        let store = StoreSummary {
            hash: connection.store_hash.clone(),
            name: connection.name.clone(),
            domain: String::new(),
            secure_url: String::new(),
            plan_name: String::new(),
            road: StoreRoad::Connector,
        };
        let outcome = if is_new {
            ConnectOutcome::Created
        } else {
            ConnectOutcome::Updated
        };
        self.enter_status(&connection, store, outcome).await
    }

    /// "Is this your store?" — *No* (or none of several): they are not offered again unless they
    /// change again; nothing is stored. The screen then waits on (`store_connector_watch` with
    /// `resume`).
    pub async fn store_connector_decline(&self) -> Result<WizardView> {
        let declined: Vec<(i64, String)> = self
            .state()
            .candidates
            .drain(..)
            .map(|(c, _)| (c.id, c.updated_at))
            .collect();
        tracing::info!(
            declined = declined.len(),
            "road 1: not the merchant's store"
        );
        self.transition(&[Step::BigCommerce], |p| {
            if let Some(w) = p.connector.as_mut() {
                w.declined.extend(declined);
            }
            Ok(())
        })
        .await?;
        Ok(self.wizard_view().await)
    }

    /// "I already pressed START SETUP": one look at the workspace's connections, judged by the
    /// first-contact rule without the watch's baseline — a connection made or changed since this
    /// run began (on Core1's clock), less those the merchant said are not theirs. The baseline is
    /// what hides a connection the merchant made before pressing "Open BigCommerce"; the run's
    /// start (not the watch's) is the moment, so that one counts, and as made by this run.
    /// Found: the running watch stops and the view asks "Is this your store?"; none: the view is
    /// unchanged and the watch goes on.
    pub async fn store_connector_look_again(&self) -> Result<WizardView> {
        self.expect_step(&[Step::BigCommerce]).await?;
        let (watch, run_started) = {
            let state = self.state();
            (state.run.connector.clone(), state.run.run_started_at)
        };
        let watch = watch.ok_or(Error::WizardOutOfOrder)?;
        let client = self.core1_client(&self.current_workspace().await?).await?;
        let action = self.action(Step::BigCommerce, "connector_look_again");
        let result = client.list_connections().await;
        let list = self.finish_action(action, result).await?;
        let since = Since {
            baseline: &[],
            moment: run_moment(watch.since_core1, watch.started_at, run_started),
            declined: &watch.declined,
        };
        let found = connector_watch::connector_candidates(list, since, None);
        tracing::info!(
            candidates = found.len(),
            "road 1: looked again for the merchant's connection"
        );
        if !found.is_empty() {
            self.store_connector_stop();
            self.state().candidates = found;
        }
        Ok(self.wizard_view().await)
    }
}

/// When this run began, on Core1's clock: the watch's moment there (`since_core1`, Unix seconds)
/// less the time between the run's start and the watch's on this computer's clock (both Unix
/// milliseconds). `None` when Core1 gave no time; the watch's moment when the run's start is
/// unknown.
pub(crate) fn run_moment(
    since_core1: Option<u64>,
    watch_started_ms: u64,
    run_started_ms: Option<u64>,
) -> Option<SystemTime> {
    let before = run_started_ms.map_or(0, |r| watch_started_ms.saturating_sub(r) / 1000);
    since_core1.map(|s| SystemTime::UNIX_EPOCH + Duration::from_secs(s.saturating_sub(before)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_moment_is_the_watch_moment_moved_back_by_the_local_gap() {
        let at = |s| Some(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(
            run_moment(Some(10_000), 5_000_000, Some(4_400_000)),
            at(9_400)
        );
        assert_eq!(run_moment(Some(10_000), 5_000_000, None), at(10_000));
        // A run "started" after its watch (a clock set back): never after the watch's moment.
        assert_eq!(
            run_moment(Some(10_000), 5_000_000, Some(6_000_000)),
            at(10_000)
        );
        assert_eq!(run_moment(None, 5_000_000, Some(4_000_000)), None);
    }
}
