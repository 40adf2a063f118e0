//! The Core1 step: signing in to the workspace in the browser, the signed-in clients kept per
//! workspace, and opening the workspace in the browser.

mod registration;

use super::events::{EventSink, Provider};
use super::journal::Core1User;
use super::known::ConnectionKey;
use super::saved::now_ms;
use super::step::Step;
use super::{Engine, WizardView};
use crate::core1::{Core1Client, Core1SignIn, WorkspaceUrl};
use crate::error::Result;

impl Engine {
    /// Signs in to Core1 in the browser and moves on to the store step.
    pub async fn core1_sign_in(&self, sink: &dyn EventSink) -> Result<WizardView> {
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
        Ok(self.wizard_view().await)
    }

    /// The Core1 sign-in in the browser for `ws`, after the app registration was checked
    /// without a browser (`check_registration`); the signed-in client replaces the cached one.
    pub(super) async fn core1_browser_sign_in(
        &self,
        ws: WorkspaceUrl,
        sink: &dyn EventSink,
    ) -> Result<Core1Client> {
        self.signin_cancel();
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
    pub(super) async fn core1_client(&self, ws: &WorkspaceUrl) -> Result<Core1Client> {
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

    /// The workspace address the connector asks for: of a known connection (Manage), or of
    /// this run.
    pub async fn core1_workspace_url(&self, key: Option<&ConnectionKey>) -> Result<String> {
        match key {
            Some(key) => Ok(self.known(key)?.key.workspace.to_string()),
            None => Ok(self.current_workspace().await?.to_string()),
        }
    }
}
