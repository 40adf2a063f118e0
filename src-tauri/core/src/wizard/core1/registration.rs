//! The Core1 sign-in's first part: the wizard's app registration in the workspace
//! ([`crate::core1::registration`]). The secret comes from the profile (a prepared
//! registration) or from this computer's keyring for the workspace; without one the screen guides
//! the one-time registration in *Dev Tools › API › App registrations*, and the pasted secret is
//! checked with Core1 before it is kept. With one, the registration is checked without a browser
//! before every browser sign-in.

use crate::core1::registration::{self, FormField, RegistrationForm, Verdict};
use crate::core1::{Core1Client, WorkspaceUrl};
use crate::error::{Error, Result};
use crate::secret_store::SecretKey;
use crate::secret_string::SecretString;
use crate::wizard::step::Step;
use crate::wizard::view::Core1Info;
use crate::wizard::Engine;
use crate::wizard::WizardView;

/// Where a workspace's registration secret comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::wizard) enum Source {
    /// The profile carries a prepared registration.
    Profile,
    /// This computer's keyring, for this workspace.
    Keyring,
}

impl Engine {
    /// Where this computer keeps `ws`'s registration secret.
    fn registration_key(&self, ws: &WorkspaceUrl) -> Result<SecretKey> {
        Ok(SecretKey::core1_client_secret(
            ws.base(),
            self.inner.profile.core1_client_id()?,
        ))
    }

    /// The registration secret for `ws`, if the profile or this computer has one.
    pub(in crate::wizard) async fn registration_secret(
        &self,
        ws: &WorkspaceUrl,
    ) -> Result<Option<(SecretString, Source)>> {
        if let Some(secret) = &self.inner.profile.core1.client_secret {
            return Ok(Some((secret.clone(), Source::Profile)));
        }
        let key = self.registration_key(ws)?;
        Ok(self
            .inner
            .secrets
            .get(&key)
            .await?
            .map(|s| (s, Source::Keyring)))
    }

    /// The Core1 screen's part of the view: the form's values, and whether the registration
    /// must be made first.
    pub(in crate::wizard) async fn core1_info(&self) -> Option<Core1Info> {
        let form = RegistrationForm::of(&self.inner.profile).ok()?;
        let ws = self.current_workspace().await.ok()?;
        let needed = !matches!(self.registration_secret(&ws).await, Ok(Some(_)));
        Some(Core1Info {
            registration: form,
            registration_needed: needed,
        })
    }

    /// The text of one field of the registration form, for "Copy" (the page names the field,
    /// never the text).
    pub fn core1_registration_value(&self, field: FormField) -> Result<String> {
        Ok(RegistrationForm::of(&self.inner.profile)?
            .value(field)
            .to_owned())
    }

    /// The client secret the merchant pasted after SAVE: checked with the workspace (no
    /// browser), then kept in the keyring for this workspace — never asked again there. A secret
    /// the workspace refuses is [`Error::Core1SecretRefused`] and is not kept.
    pub async fn core1_registration_save_secret(&self, pasted: &str) -> Result<WizardView> {
        self.expect_step(&[Step::Core1]).await?;
        let action = self.action(Step::Core1, "core1_registration");
        let result = async {
            let secret = registration::parse_client_secret(pasted)?;
            let ws = self.current_workspace().await?;
            self.ensure_hosts_confirmed().await?;
            let client = Core1Client::with_client_secret(
                self.inner.http.clone(),
                &self.inner.profile,
                ws.clone(),
                self.inner.secrets.clone(),
                Some(&secret),
            )?
            .with_retry(self.inner.retry);
            let redirect = registration::redirect_uri(&self.inner.profile)?;
            match client.check_registration(&redirect).await? {
                Verdict::Refused => return Err(Error::Core1SecretRefused),
                Verdict::Accepted => {}
                Verdict::Undecided { error } => {
                    tracing::info!(error = %error, "registration check undecided; keeping the secret")
                }
            }
            self.inner
                .secrets
                .set(&self.registration_key(&ws)?, &secret)
                .await?;
            self.state().core1.remove(&ws.to_string());
            Ok(())
        }
        .await;
        self.finish_action(action, result).await?;
        Ok(self.wizard_view().await)
    }

    /// Before a browser sign-in: is the registration there? No secret →
    /// [`Error::Core1RegistrationNeeded`]; refused (`invalid_client`) → the stored secret is
    /// dropped (it can never work again) and [`Error::Core1RegistrationRefused`]. Anything else
    /// goes on to the browser.
    pub(in crate::wizard) async fn check_registration(
        &self,
        ws: &WorkspaceUrl,
        client: &Core1Client,
    ) -> Result<()> {
        let Some((_, source)) = self.registration_secret(ws).await? else {
            return Err(Error::Core1RegistrationNeeded);
        };
        let redirect = registration::redirect_uri(&self.inner.profile)?;
        match client.check_registration(&redirect).await? {
            Verdict::Accepted => Ok(()),
            Verdict::Undecided { error } => {
                tracing::info!(error = %error, "registration check undecided; signing in");
                Ok(())
            }
            Verdict::Refused => {
                tracing::info!(workspace = %ws, ?source, "the workspace refused the app registration");
                if source == Source::Keyring {
                    self.inner
                        .secrets
                        .delete(&self.registration_key(ws)?)
                        .await?;
                    self.state().core1.remove(&ws.to_string());
                }
                Err(Error::Core1RegistrationRefused)
            }
        }
    }
}
