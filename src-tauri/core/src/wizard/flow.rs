//! Moving through the flow on any screen: Back, forgetting this run, and (practice only)
//! starting over with nothing known.

use super::Engine;
use crate::error::{Error, Result};
use crate::wizard::saved::SavedRun;
use crate::wizard::step::Step;
use crate::wizard::WizardView;

impl Engine {
    /// Back to the previous screen where that is safe (see [`Step::back`]); nothing is undone.
    /// A road-1 watch stops polling but is kept (its baseline, moment and declined list), with a
    /// notice saying so: what the merchant does in BigCommerce meanwhile is this run's, and the
    /// store step looks for it first when they return (dropping the watch here made the next one
    /// count the merchant's own connection as old: a dead end).
    pub async fn wizard_back(&self) -> Result<WizardView> {
        self.signin_cancel();
        self.store_connector_stop();
        let mut paused = false;
        self.update(|p| {
            if let Some(prev) = p.step.back() {
                paused = p.step == Step::BigCommerce && p.connector.is_some();
                p.step = prev;
            }
            Ok(())
        })
        .await?;
        if paused {
            tracing::info!("road 1: watch paused while back on an earlier step");
            self.state().notice = Some(crate::wizard::Notice::ConnectorPaused);
        }
        Ok(self.wizard_view().await)
    }

    /// "Start practice over": forgets this run, every known connection, the history and every
    /// secret, and is back on Welcome. Practice only: its secrets live in a store that can
    /// forget everything at once (the keyring cannot list its items).
    pub async fn wizard_forget_everything(&self) -> Result<WizardView> {
        if !self.inner.profile.practice {
            return Err(Error::internal("only practice is started over"));
        }
        self.signin_cancel();
        self.store_connector_stop();
        {
            let mut state = self.state();
            state.last_status = None;
            state.core1.clear();
            state.candidates.clear();
            state.saved_report = None;
        }
        self.inner.secrets.forget_all().await?;
        self.update(|p| {
            *p = SavedRun::fresh(Vec::new());
            Ok(())
        })
        .await?;
        Ok(self.wizard_view().await)
    }

    /// Forgets this run (keeping the known connections, the history and the confirmed hosts).
    pub(super) async fn reset_run(&self) -> Result<()> {
        self.signin_cancel();
        self.store_connector_stop();
        self.state().last_status = None;
        self.state().copied_now = false;
        self.update(|p| {
            let known = std::mem::take(&mut p.known);
            let history = std::mem::take(&mut p.history);
            let confirmed = std::mem::take(&mut p.confirmed_hosts);
            *p = SavedRun::fresh(known);
            p.history = history;
            p.confirmed_hosts = confirmed;
            Ok(())
        })
        .await
    }
}
