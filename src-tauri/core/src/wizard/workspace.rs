//! The workspace step: the typed workspace (previewed, checked, kept), and the workspace of this
//! run for the steps after it.

use super::Engine;
use crate::core1::WorkspaceUrl;
use crate::error::{Error, Result};
use crate::wizard::journal::Core1User;
use crate::wizard::saved::{now_ms, WorkspaceSummary};
use crate::wizard::step::Step;
use crate::wizard::WizardView;

/// What the workspace step shows while the user types: the workspace as they know it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkspacePreview {
    /// The address the wizard will use (for the support report, never shown as is).
    pub url: String,
    /// [`WorkspaceUrl::display`]: `acme.actindo.com`, also in practice.
    pub display: String,
}

impl Engine {
    /// Normalises what the user typed, without going to the network (for a live preview).
    pub fn workspace_preview(&self, input: &str) -> Result<WorkspacePreview> {
        let ws = self.workspace_from(input)?;
        Ok(WorkspacePreview {
            url: ws.to_string(),
            display: self.workspace_display(&ws),
        })
    }

    /// [`WorkspaceUrl::display`] by this profile's rules.
    pub(super) fn workspace_display(&self, ws: &WorkspaceUrl) -> String {
        ws.display(&self.inner.profile.core1.workspace)
    }

    /// Takes the workspace: normalised, and checked that it answers. With a Core1 sign-in
    /// already kept for it, goes straight on to the store step (no secret is asked twice).
    pub async fn workspace_set(&self, input: &str) -> Result<WizardView> {
        self.expect_step(&[Step::Workspace]).await?;
        let action = self.action(Step::Workspace, "workspace_check");
        let result = async {
            let ws = self.workspace_from(input)?;
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
        // Signed in already (a sign-in kept for this workspace): whose it is, as far as Core1
        // says (`wizard::journal`).
        let ping = if client.has_stored_sign_in().await.unwrap_or(false) {
            client.ping().await.ok()
        } else {
            None
        };
        let signed_in = ping.map(|ping| Core1User::from_ping(ping.user.as_ref(), now_ms()));
        self.transition(&[Step::Workspace], |p| {
            // A road-1 watch paused by Back belongs to its workspace: kept for the same one.
            if p.workspace.as_ref().map(|w| &w.url) != Some(&summary.url) {
                p.connector = None;
            }
            p.workspace = Some(summary);
            p.step = if signed_in.is_some() {
                p.core1_user = signed_in;
                Step::BigCommerce
            } else {
                Step::Core1
            };
            Ok(())
        })
        .await?;
        Ok(self.wizard_view().await)
    }

    /// A typed workspace, read by the profile's rules.
    pub(super) fn workspace_from(&self, input: &str) -> Result<WorkspaceUrl> {
        WorkspaceUrl::parse(input, &self.inner.profile.core1.workspace)
    }

    /// This run's workspace, re-derived from what the user typed.
    pub(super) async fn current_workspace(&self) -> Result<WorkspaceUrl> {
        let input = self.state().run.workspace.as_ref().map(|w| w.input.clone());
        self.workspace_from(&input.ok_or(Error::WizardOutOfOrder)?)
    }
}
