//! The system browser, through tauri-plugin-opener, for the core's sign-ins.
//!
//! Only what the core's [`LinkPolicy`] allows is opened: https on the hosts the profile names
//! (and the practice sandbox on 127.0.0.1 in practice mode), so a compromised page or a bad
//! profile value cannot make the app open arbitrary links. The one file it opens is the
//! onboarding report just saved (`BrowserOpener::open_file`, checked by the engine first).

use setup_core::{BrowserOpener, Error, LinkPolicy, Profile};
use tauri::{AppHandle, Runtime};
use tauri_plugin_opener::OpenerExt;
use url::Url;

/// Opens URLs in the user's default browser (never a webview).
pub struct SystemBrowser<R: Runtime> {
    app: AppHandle<R>,
    policy: LinkPolicy,
}

impl<R: Runtime> SystemBrowser<R> {
    pub fn new(app: AppHandle<R>, profile: &Profile) -> Self {
        SystemBrowser {
            app,
            policy: LinkPolicy::for_profile(profile),
        }
    }
}

impl<R: Runtime> BrowserOpener for SystemBrowser<R> {
    fn open(&self, url: &Url) -> setup_core::Result<()> {
        if !self.policy.allows(url) {
            log::warn!("refused to open a link outside the allowed hosts");
            return Err(Error::BrowserOpenFailed {
                reason: "address not allowed".into(),
            });
        }
        self.open_in_browser(url)
    }

    /// The onboarding report just saved: the engine has checked that `url` is exactly that
    /// file (`LinkPolicy::allows_saved_report`); here only a `file://` URL passes.
    fn open_file(&self, url: &Url) -> setup_core::Result<()> {
        if url.scheme() != "file" {
            log::warn!("refused to open a non-file address as a file");
            return Err(Error::BrowserOpenFailed {
                reason: "address not allowed".into(),
            });
        }
        self.open_in_browser(url)
    }
}

impl<R: Runtime> SystemBrowser<R> {
    fn open_in_browser(&self, url: &Url) -> setup_core::Result<()> {
        self.app
            .opener()
            .open_url(url.as_str(), None::<&str>)
            .map_err(|e| Error::BrowserOpenFailed {
                reason: e.to_string(),
            })
    }
}
