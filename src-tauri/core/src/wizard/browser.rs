//! Browser sign-ins and links: the one sign-in that may wait at a time (its link for "copy
//! link", cancelling it), and the pages the wizard opens in the system browser.

use url::Url;

use super::Engine;
use crate::error::{Error, Result};
use crate::signin::Canceller;
use crate::wizard::events::{Event, EventSink, Provider};

/// The browser sign-in that is waiting.
pub(super) struct Pending {
    provider: Provider,
    url: Url,
    canceller: Canceller,
}

impl Engine {
    /// The link of the waiting sign-in, for "copy link".
    pub fn signin_link(&self) -> Option<Url> {
        self.state().pending.as_ref().map(|p| p.url.clone())
    }

    /// Opens the waiting sign-in's page again.
    pub fn signin_open_again(&self) -> Result<()> {
        let url = self.signin_link().ok_or(Error::SignInCancelled)?;
        self.inner.opener.open(&url)
    }

    /// Opens a page (the workspace, a help page) in the system browser.
    pub fn open_link(&self, url: &Url) -> Result<()> {
        self.inner.opener.open(url)
    }

    /// Cancels the waiting sign-in (the waiting call then fails with `signin_cancelled`).
    pub fn signin_cancel(&self) {
        let pending = self.state().pending.take();
        if let Some(p) = pending {
            tracing::info!(provider = ?p.provider, "sign-in cancelled");
            p.canceller.cancel();
        }
    }

    /// Keeps the sign-in as the waiting one and opens its page, telling the UI whether the
    /// browser came up (if not, the user copies the link).
    pub(super) fn wait_in_browser(
        &self,
        provider: Provider,
        url: &Url,
        canceller: Canceller,
        sink: &dyn EventSink,
    ) {
        self.state().pending = Some(Pending {
            provider,
            url: url.clone(),
            canceller,
        });
        match self.inner.opener.open(url) {
            Ok(()) => sink.send(Event::BrowserOpened {
                provider,
                url: url.to_string(),
            }),
            Err(e) => {
                tracing::warn!(
                    code = e.code(),
                    "browser did not open; the user can copy the link"
                );
                sink.send(Event::BrowserNotOpened {
                    provider,
                    url: url.to_string(),
                })
            }
        }
    }

    /// The waiting sign-in has its answer (or failed): nothing waits any more.
    pub(super) fn browser_done(&self) {
        self.state().pending.take();
    }
}
