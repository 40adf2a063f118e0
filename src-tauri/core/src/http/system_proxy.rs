//! The proxy set in the operating system's settings, for a wizard started from a launcher (which
//! has no proxy variables): Windows' Internet Settings (the registry keys `ProxyEnable`,
//! `ProxyServer`, `ProxyOverride` of the current user) and macOS's network settings
//! (SystemConfiguration). Read by hyper-util's proxy matcher, the code reqwest itself uses for
//! its `system-proxy` feature; reqwest's own switch cannot be used here because the wizard's
//! proxy rule must keep loopback off every proxy (`never_proxied`).
//!
//! Not read (a merchant's IT can set `HTTPS_PROXY` instead, or list the hosts in the proxy):
//! automatic configuration scripts (PAC, WPAD), per-protocol lists in Windows' `ProxyServer`
//! (`http=…;https=…`), and proxy passwords kept in the keychain. On Linux the proxy variables
//! are the system's setting.

use hyper_util::client::proxy::matcher::Matcher;
use url::Url;

/// The system's proxy rule for one client.
pub(super) struct SystemProxy {
    matcher: Matcher,
}

impl SystemProxy {
    /// The system's settings on Windows and macOS; `None` elsewhere.
    pub(super) fn read() -> Option<Self> {
        if !cfg!(any(windows, target_os = "macos")) {
            return None;
        }
        let system = SystemProxy {
            matcher: Matcher::from_system(),
        };
        let probe = Url::parse("https://api.bigcommerce.com/").ok()?;
        match system.proxy_for(&probe) {
            Some(proxy) => tracing::info!(proxy = %proxy, "the system's proxy is used"),
            None => tracing::debug!("no system proxy"),
        }
        Some(system)
    }

    /// The proxy for `url` (scheme, host and port only), if any; loopback never.
    pub(super) fn proxy_for(&self, url: &Url) -> Option<Url> {
        if super::never_proxied(url.host_str()?) {
            return None;
        }
        let uri: hyper::Uri = url.as_str().parse().ok()?;
        let proxy = self.matcher.intercept(&uri)?;
        let target = proxy.uri();
        Url::parse(&format!(
            "{}://{}",
            target.scheme_str().unwrap_or("http"),
            target.authority()?
        ))
        .ok()
    }
}
