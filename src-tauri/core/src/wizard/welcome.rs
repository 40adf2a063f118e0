//! Welcome: the setup file's hosts, confirmed by the user, and from Welcome to the first step
//! not done yet.

use super::saved::{now_ms, SavedRun};
use super::step::Step;
use super::{Engine, WizardView};
use crate::error::{Error, Result};

impl Engine {
    /// The user trusts this setup file's hosts (shown on Welcome); remembered for the profile.
    pub async fn welcome_confirm_hosts(&self) -> Result<WizardView> {
        tracing::info!(hosts = ?self.inner.profile.hosts(), "setup file's hosts confirmed");
        let hosts = self.inner.profile.hosts();
        self.update(|p| {
            p.confirmed_hosts = hosts;
            Ok(())
        })
        .await?;
        Ok(self.wizard_view().await)
    }

    /// Whether this profile talks to hosts the user has not confirmed.
    pub(super) fn hosts_unconfirmed(&self, p: &SavedRun) -> bool {
        let profile = &self.inner.profile;
        profile.needs_host_confirmation()
            && profile
                .hosts()
                .iter()
                .any(|h| !p.confirmed_hosts.contains(h))
    }

    /// Refuses to talk to a setup file's hosts before the user confirmed them.
    pub(super) async fn ensure_hosts_confirmed(&self) -> Result<()> {
        if self.hosts_unconfirmed(&self.state().run) {
            return Err(Error::ProfileNotConfirmed);
        }
        Ok(())
    }

    /// Welcome → the first step not done yet.
    pub async fn welcome_begin(&self) -> Result<WizardView> {
        self.ensure_hosts_confirmed().await?;
        self.update(|p| {
            if p.step == Step::Welcome {
                p.run_started_at.get_or_insert_with(now_ms);
                p.step = if p.workspace.is_none() {
                    Step::Workspace
                } else {
                    Step::Core1
                };
            }
            Ok(())
        })
        .await?;
        Ok(self.wizard_view().await)
    }
}
