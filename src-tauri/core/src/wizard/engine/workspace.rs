//! The workspace step and Core1: the typed workspace (previewed, checked, kept), the Core1
//! sign-in, and one cached Core1 client per workspace.

use super::Engine;
use crate::core1::{Core1Client, Core1SignIn, WorkspaceUrl};
use crate::error::{Error, Result};
use crate::wizard::events::{EventSink, Provider};
use crate::wizard::journal::Core1User;
use crate::wizard::progress::{now_ms, WorkspaceSummary};
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
    pub fn preview_workspace(&self, input: &str) -> Result<WorkspacePreview> {
        let ws = self.workspace_from(input)?;
        Ok(WorkspacePreview {
            url: ws.to_string(),
            display: self.workspace_display(&ws),
        })
    }

    /// [`WorkspaceUrl::display`] by this profile's rules.
    pub(in crate::wizard) fn workspace_display(&self, ws: &WorkspaceUrl) -> String {
        ws.display(&self.inner.profile.core1.workspace)
    }

    /// Takes the workspace: normalised, and checked that it answers. With a Core1 sign-in
    /// already kept for it, goes straight on to the store step (no secret is asked twice).
    pub async fn set_workspace(&self, input: &str) -> Result<WizardView> {
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
        Ok(self.view().await)
    }

    /// Signs in to Core1 in the browser and moves on to the store step.
    pub async fn sign_in_core1(&self, sink: &dyn EventSink) -> Result<WizardView> {
        self.expect_step(&[Step::Core1]).await?;
        let ws = self.current_workspace().await?;
        let action = self.action(Step::Core1, "core1_sign_in");
        let result = self.core1_browser_sign_in(ws, sink).await;
        let client = self.finish_action(action, result).await?;
        let user = self.who_signed_in(&client).await;
        self.transition(&[Step::Core1], |p| {
            p.step = Step::BigCommerce;
            p.core1_user = Some(user);
            Ok(())
        })
        .await?;
        Ok(self.view().await)
    }

    /// The Core1 sign-in in the browser for `ws`, after the app registration was checked
    /// without a browser (`check_registration`); the signed-in client replaces the cached one.
    pub(in crate::wizard) async fn core1_browser_sign_in(
        &self,
        ws: WorkspaceUrl,
        sink: &dyn EventSink,
    ) -> Result<Core1Client> {
        self.cancel_sign_in();
        let client = self.core1_client(&ws).await?;
        self.check_registration(&ws, &client).await?;
        let signin = Core1SignIn::for_client(&self.inner.profile, client).await?;
        self.wait_in_browser(
            Provider::Core1,
            signin.authorize_url(),
            signin.canceller(),
            sink,
        );
        let client = signin.finish().await;
        self.browser_done();
        let client = client?;
        self.state().core1.insert(ws.to_string(), client.clone());
        Ok(client)
    }

    /// Who just signed in to Core1, as far as Core1 says: one `ping` (`wizard::journal` says
    /// why); when it fails, only the time is known.
    async fn who_signed_in(&self, client: &Core1Client) -> Core1User {
        let ping = client.ping().await;
        if let Err(e) = &ping {
            tracing::info!(code = e.code(), "the Core1 user could not be asked for");
        }
        let ping = ping.ok();
        Core1User::from_ping(ping.as_ref().and_then(|p| p.user.as_ref()), now_ms())
    }

    /// A client for `ws` (cached, so the access token is reused), with the workspace's
    /// registration secret (the profile's, or this computer's for the workspace).
    pub(in crate::wizard) async fn core1_client(&self, ws: &WorkspaceUrl) -> Result<Core1Client> {
        self.ensure_hosts_confirmed().await?;
        if let Some(c) = self.state().core1.get(&ws.to_string()) {
            return Ok(c.clone());
        }
        let secret = self.registration_secret(ws).await?.map(|(s, _)| s);
        let client = Core1Client::with_client_secret(
            self.inner.http.clone(),
            &self.inner.profile,
            ws.clone(),
            self.inner.secrets.clone(),
            secret.as_ref(),
        )?
        .with_retry(self.inner.retry);
        let mut state = self.state();
        let cached = state
            .core1
            .entry(ws.to_string())
            .or_insert_with(|| client.clone());
        Ok(cached.clone())
    }

    /// A typed workspace, read by the profile's rules.
    pub(in crate::wizard) fn workspace_from(&self, input: &str) -> Result<WorkspaceUrl> {
        WorkspaceUrl::parse(input, &self.inner.profile.core1.workspace)
    }

    /// This run's workspace, re-derived from what the user typed.
    pub(in crate::wizard) async fn current_workspace(&self) -> Result<WorkspaceUrl> {
        let input = self
            .state()
            .progress
            .workspace
            .as_ref()
            .map(|w| w.input.clone());
        self.workspace_from(&input.ok_or(Error::WizardOutOfOrder)?)
    }
}
