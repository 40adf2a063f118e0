//! The system browser, through tauri-plugin-opener, for the core's sign-ins.
//!
//! Only https addresses on the hosts the profile names may be opened (and the practice
//! sandbox on 127.0.0.1 in practice mode), so a compromised page or a bad profile value cannot
//! make the app open arbitrary links.

use setup_core::{BrowserOpener, Error, Profile};
use tauri::{AppHandle, Runtime};
use tauri_plugin_opener::OpenerExt;
use url::Url;

/// Opens URLs in the user's default browser (never a webview).
pub struct SystemBrowser<R: Runtime> {
    app: AppHandle<R>,
    allowed_domains: Vec<String>,
    allow_loopback: bool,
}

impl<R: Runtime> SystemBrowser<R> {
    /// Allows BigCommerce's and the profile's Core1 domains (and loopback when practising).
    pub fn new(app: AppHandle<R>, profile: &Profile) -> Self {
        let mut allowed_domains: Vec<String> =
            vec!["bigcommerce.com".into(), "mybigcommerce.com".into()];
        allowed_domains.extend(profile.core1.workspace.domains.iter().cloned());
        for configured in [
            &profile.bigcommerce.login_url,
            &profile.bigcommerce.api_accounts_url,
        ] {
            if let Some(host) = Url::parse(configured)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
            {
                allowed_domains.push(host);
            }
        }
        SystemBrowser {
            app,
            allowed_domains,
            allow_loopback: profile.practice || profile.core1.workspace.allow_loopback,
        }
    }

    /// Whether `url` may be opened.
    pub fn allows(&self, url: &Url) -> bool {
        let Some(host) = url.host_str() else {
            return false;
        };
        let host = host.to_ascii_lowercase();
        if url.scheme() == "https" && url.username().is_empty() && url.password().is_none() {
            return self
                .allowed_domains
                .iter()
                .any(|d| host == *d || host.ends_with(&format!(".{d}")));
        }
        self.allow_loopback
            && url.scheme() == "http"
            && matches!(host.as_str(), "127.0.0.1" | "[::1]" | "localhost")
    }
}

impl<R: Runtime> BrowserOpener for SystemBrowser<R> {
    fn open(&self, url: &Url) -> setup_core::Result<()> {
        if !self.allows(url) {
            log::warn!("refused to open a link outside the allowed hosts");
            return Err(Error::BrowserOpenFailed {
                reason: "address not allowed".into(),
            });
        }
        self.app
            .opener()
            .open_url(url.as_str(), None::<&str>)
            .map_err(|e| Error::BrowserOpenFailed {
                reason: e.to_string(),
            })
    }
}
