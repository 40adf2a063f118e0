//! Browser sign-in through a loopback listener (authorization code + `state` + PKCE;
//! RFC 8252, RFC 7636, RFC 9700, RFC 9207).
//!
//! No `nonce`: it can only be checked in an OpenID Connect ID token, and neither provider's
//! token answer carries one; `state` and PKCE bind the answer to the attempt (RFC 9700 §2.1.1).
//! An unchecked value would only look like protection.
//!
//! A sign-in attempt is a [`PendingSignIn`]: the listener is already bound and serving when it
//! exists, so the browser can never arrive too early. The provider modules
//! ([`crate::bigcommerce::oauth`], [`crate::core1::oauth`]) wrap it with their authorize URL and
//! code exchange; the caller
//!
//! 1. starts the provider's sign-in (binds the listener, fresh `state` and PKCE pair),
//! 2. opens [`PendingSignIn::authorize_url`] with a [`BrowserOpener`] (and shows it for
//!    "open again" / "copy link"),
//! 3. awaits the provider's `finish`, while any task may call [`Canceller::cancel`].

pub(crate) mod links;
pub(crate) mod listener;
pub(crate) mod pages;
pub(crate) mod pkce;

use url::Url;

pub(crate) use links::LinkPolicy;
pub(crate) use listener::{CallbackParams, Canceller, ListenerConfig};

use crate::error::Result;
use crate::secret_string::SecretString;
use pkce::Pkce;

/// Opens a URL in the system browser (never a webview).
///
/// The Tauri shell implements it with `tauri-plugin-opener`; tests implement it with the
/// sandbox's browser robot. An error becomes [`crate::Error::BrowserOpenFailed`] for the UI,
/// which then offers "copy link".
pub trait BrowserOpener: Send + Sync {
    /// Open `url`. Must not block for long (start the browser, do not wait for it).
    fn open(&self, url: &Url) -> Result<()>;

    /// Open a file this app has just written — the onboarding report's `file://` URL, checked
    /// by [`LinkPolicy::allows_saved_report`] before — in the system browser. Openers that
    /// cannot (tests that play only the sign-ins) refuse.
    fn open_file(&self, url: &Url) -> Result<()> {
        Err(crate::Error::BrowserOpenFailed {
            reason: format!("{} files are not opened here", url.scheme()),
        })
    }
}

/// One sign-in attempt whose listener is waiting for the browser.
#[derive(Debug)]
pub struct PendingSignIn {
    authorize_url: Url,
    listening: listener::Listening,
    pkce: Pkce,
}

/// The outcome of a completed browser round trip, before the code exchange.
#[derive(Debug)]
pub struct Authorized {
    /// The callback's parameters (the code among them).
    pub callback: CallbackParams,
    /// The PKCE verifier to send with the code.
    pub pkce_verifier: SecretString,
    /// The redirect URI, to repeat verbatim in the token request.
    pub redirect_uri: Url,
}

impl PendingSignIn {
    /// Bind the listener and build the authorize URL.
    ///
    /// `authorize_url` gets the redirect URI, the `state` and the PKCE pair and returns the URL
    /// to open.
    pub async fn start(
        config: ListenerConfig,
        authorize_url: impl FnOnce(&Url, &str, &Pkce) -> Result<Url>,
    ) -> Result<Self> {
        let state = pkce::random_token();
        let pkce = Pkce::generate();
        let listening = listener::start(config, state.clone()).await?;
        let authorize_url = authorize_url(listening.redirect_uri(), &state, &pkce)?;
        Ok(PendingSignIn {
            authorize_url,
            listening,
            pkce,
        })
    }

    /// The URL to open in the browser (also for "open again" and "copy link").
    pub fn authorize_url(&self) -> &Url {
        &self.authorize_url
    }

    /// The loopback redirect URI (`http://127.0.0.1:{port}{path}`).
    #[cfg(feature = "test-support")]
    pub fn redirect_uri(&self) -> &Url {
        self.listening.redirect_uri()
    }

    /// A handle to cancel the wait from any task.
    pub(crate) fn canceller(&self) -> Canceller {
        self.listening.canceller()
    }

    /// Open the authorize URL with `opener`; failures are [`crate::Error::BrowserOpenFailed`].
    #[cfg(feature = "test-support")]
    pub fn open_with(&self, opener: &dyn BrowserOpener) -> Result<()> {
        opener.open(&self.authorize_url).map_err(|e| match e {
            e @ crate::Error::BrowserOpenFailed { .. } => e,
            other => crate::Error::BrowserOpenFailed {
                reason: other.code().to_owned(),
            },
        })
    }

    /// Wait for the browser to come back (or the timeout, or a cancel).
    pub async fn wait(self) -> Result<Authorized> {
        let redirect_uri = self.listening.redirect_uri().clone();
        let callback = self.listening.wait().await?;
        Ok(Authorized {
            callback,
            pkce_verifier: self.pkce.verifier,
            redirect_uri,
        })
    }
}
