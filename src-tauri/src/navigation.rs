//! The window shows the app's own pages and nothing else: a navigation anywhere else (a link or
//! script in a page gone wrong, a redirect) is cancelled. Links leave the app only through the
//! opener and its [`setup_core::LinkPolicy`], into the system browser. Defence in depth beside
//! the strict CSP (`form-action`, `frame-src` and `base-uri` are closed there already).

use tauri::plugin::{Builder, TauriPlugin};
use tauri::Runtime;
use url::Url;

/// Whether `url` is one of the app's own pages: Tauri serves them at `tauri://localhost`
/// (Linux, macOS) and `http(s)://tauri.localhost` (Windows, WebView2).
pub fn is_own_page(url: &Url) -> bool {
    if !url.username().is_empty() || url.password().is_some() || url.port().is_some() {
        return false;
    }
    matches!(
        (url.scheme(), url.host_str()),
        ("tauri", Some("localhost")) | ("http" | "https", Some("tauri.localhost"))
    )
}

/// The guard, as a plugin so it covers the window made from `tauri.conf.json`.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|_, url| {
            let own = is_own_page(url);
            if !own {
                log::warn!("navigation away from the app's pages cancelled");
            }
            own
        })
        .build()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn only_the_apps_own_pages() {
        for own in [
            "tauri://localhost",
            "tauri://localhost/index.html",
            "tauri://localhost/?x=1#top",
            "http://tauri.localhost/",
            "https://tauri.localhost/index.html",
        ] {
            assert!(is_own_page(&Url::parse(own).unwrap()), "{own}");
        }
        for other in [
            "https://evil.example/",
            "https://login.bigcommerce.com/",
            "http://127.0.0.1:47800/bc-login/login",
            "http://localhost/",
            "tauri://localhost.evil.example/",
            "tauri://evil.example/",
            "https://tauri.localhost.evil.example/",
            "https://tauri.localhost:8443/",
            "https://user@tauri.localhost/",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "javascript:alert(1)",
            "about:blank",
        ] {
            assert!(!is_own_page(&Url::parse(other).unwrap()), "{other}");
        }
    }
}
