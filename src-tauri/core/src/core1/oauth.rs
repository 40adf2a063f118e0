//! The Core1 browser sign-in: OAuth2 authorization code with `state` and PKCE (S256)
//! through the loopback listener on the registration's one Redirect URI (a fixed port; any port
//! only for a profile whose registration allows it — see [`super::registration`]); the
//! authorize URL (scope `profile`) and the code exchange (with the registration's secret) are
//! [`super::token`]'s.
//!
//! Refresh tokens rotate on every use; the new one is written to the secret store **before** it
//! is used or anything is returned (see [`super::api`]).

use url::Url;

use super::api::Core1Client;
use super::token::TokenError;
use crate::error::{Error, Result};
use crate::profile::Profile;
use crate::signin::{Canceller, ListenerConfig, PendingSignIn};

/// A Core1 sign-in waiting for the browser.
#[derive(Debug)]
pub struct Core1SignIn {
    pending: PendingSignIn,
    client: Core1Client,
}

impl Core1SignIn {
    /// Bind the listener and build the authorize URL for `workspace`, with the registration
    /// secret the profile carries.
    #[cfg(feature = "test-support")]
    pub async fn start(
        profile: &Profile,
        http: reqwest::Client,
        workspace: super::WorkspaceUrl,
        secrets: crate::SecretStore,
    ) -> Result<Self> {
        let client = Core1Client::new(http, profile, workspace, secrets)?;
        Self::for_client(profile, client).await
    }

    /// [`Self::start`] for a client made with the workspace's registration secret
    /// ([`Core1Client::with_client_secret`]). A taken port is [`Error::SignInPortBusy`]: never
    /// another port, which the registration would refuse.
    pub(crate) async fn for_client(profile: &Profile, client: Core1Client) -> Result<Self> {
        let workspace = client.workspace().clone();
        let mut config = ListenerConfig::new(
            super::registration::listen_port(profile),
            &profile.core1.callback_path,
            profile.signin_timeout,
            "Core1",
        );
        config.expected_issuer = Some(workspace.origin_str().to_owned());
        let pending = PendingSignIn::start(config, |redirect, state, pkce| {
            Ok(client.token().authorize_url(redirect, state, pkce))
        })
        .await?;
        Ok(Core1SignIn { pending, client })
    }

    /// The URL to open (also for "open again" / "copy link").
    pub fn authorize_url(&self) -> &Url {
        self.pending.authorize_url()
    }

    /// The loopback redirect URI.
    #[cfg(feature = "test-support")]
    pub fn redirect_uri(&self) -> &Url {
        self.pending.redirect_uri()
    }

    /// Cancel from any task.
    pub(crate) fn canceller(&self) -> Canceller {
        self.pending.canceller()
    }

    /// Open the authorize URL in the browser.
    #[cfg(feature = "test-support")]
    pub fn open_with(&self, opener: &dyn crate::BrowserOpener) -> Result<()> {
        self.pending.open_with(opener)
    }

    /// Wait for the callback, exchange the code, store the refresh token, and return a
    /// signed-in client.
    pub async fn finish(self) -> Result<Core1Client> {
        let auth = self.pending.wait().await?;
        let started = std::time::Instant::now();
        let exchanged = self
            .client
            .token()
            .exchange_code(&auth.callback.code, &auth.pkce_verifier, &auth.redirect_uri)
            .await;
        let tokens = match exchanged {
            Ok(t) => t,
            Err(TokenError::Rejected { error }) => {
                return Err(Error::Core1ExchangeFailed { reason: error })
            }
            Err(TokenError::Other(e)) => return Err(e),
        };
        self.client.accept_tokens(tokens).await?;
        tracing::info!(
            workspace = %self.client.workspace(),
            exchange_ms = started.elapsed().as_millis() as u64,
            "Core1 sign-in complete"
        );
        Ok(self.client)
    }
}
