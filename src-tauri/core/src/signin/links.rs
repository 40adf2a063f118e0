//! Which links may leave the app for the system browser: https on BigCommerce's domains, the
//! profile's Core1 domains and configured hosts; plain http to loopback only when practising
//! (or when the profile allows loopback workspaces). Checked by every [`super::BrowserOpener`]
//! the shell makes, so a compromised page or a bad profile value cannot open arbitrary links.

use url::Url;

use crate::profile::Profile;

/// Which links may leave the app for the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPolicy {
    allowed_domains: Vec<String>,
    allow_loopback: bool,
}

impl LinkPolicy {
    /// BigCommerce's domains, the profile's Core1 domains and configured hosts; loopback only
    /// when practising (or when the profile allows loopback workspaces).
    pub fn for_profile(profile: &Profile) -> Self {
        let mut allowed_domains: Vec<String> =
            vec!["bigcommerce.com".into(), "mybigcommerce.com".into()];
        allowed_domains.extend(profile.core1.workspace.domains.iter().cloned());
        for configured in [
            &profile.bigcommerce.login_url,
            &profile.bigcommerce.api_accounts_url,
        ] {
            if let Some(host) = Url::parse(configured)
                .ok()
                .filter(|u| u.scheme() == "https")
                .and_then(|u| u.host_str().map(str::to_owned))
            {
                allowed_domains.push(host);
            }
        }
        LinkPolicy {
            allowed_domains,
            allow_loopback: profile.practice || profile.core1.workspace.allow_loopback,
        }
    }

    /// Whether `url` is the report file just written to `saved` and nothing else: a plain
    /// `file://` URL (no host, user, query or fragment) of exactly that path. The one file URL
    /// the app opens; [`Self::allows`] refuses every file URL.
    pub fn allows_saved_report(url: &Url, saved: &std::path::Path) -> bool {
        url.scheme() == "file"
            && url.host_str().is_none_or(str::is_empty)
            && url.username().is_empty()
            && url.password().is_none()
            && url.query().is_none()
            && url.fragment().is_none()
            && url.to_file_path().is_ok_and(|p| p == saved)
    }

    /// Whether `url` may be opened.
    pub fn allows(&self, url: &Url) -> bool {
        let Some(host) = url.host_str() else {
            return false;
        };
        if !url.username().is_empty() || url.password().is_some() {
            return false;
        }
        let host = host.to_ascii_lowercase();
        if url.scheme() == "https" {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(policy: &LinkPolicy, url: &str) -> bool {
        policy.allows(&Url::parse(url).unwrap())
    }

    #[test]
    fn production_opens_only_https_on_bigcommerce_and_actindo() {
        let p = LinkPolicy::for_profile(&Profile::production());
        assert!(allows(
            &p,
            "https://login.bigcommerce.com/oauth2/authorize?x=1"
        ));
        assert!(allows(&p, "https://store-abc123.mybigcommerce.com/manage"));
        assert!(allows(&p, "https://acme.actindo.com/"));
        assert!(allows(&p, "https://acme.dev.actindo.com/"));
        assert!(!allows(&p, "http://login.bigcommerce.com/"), "plain http");
        assert!(!allows(&p, "https://bigcommerce.com.evil.example/"));
        assert!(!allows(&p, "https://evilbigcommerce.com/"));
        assert!(!allows(&p, "https://user:pw@acme.actindo.com/"));
        assert!(
            !allows(&p, "http://127.0.0.1:8080/"),
            "no loopback outside practice"
        );
        assert!(!allows(&p, "file:///etc/passwd"));
        assert!(!allows(&p, "javascript:alert(1)"));
    }

    #[test]
    fn the_one_file_opened_is_the_report_just_saved() {
        let dir = std::env::temp_dir();
        let saved = dir.join("Core1-BigCommerce-acme-2026-12-05.html");
        let url = Url::from_file_path(&saved).unwrap();
        assert!(LinkPolicy::allows_saved_report(&url, &saved));
        let other = Url::from_file_path(dir.join("other.html")).unwrap();
        assert!(!LinkPolicy::allows_saved_report(&other, &saved));
        for extra in ["?x=1", "#top"] {
            let u = Url::parse(&format!("{url}{extra}")).unwrap();
            assert!(!LinkPolicy::allows_saved_report(&u, &saved), "{u}");
        }
        let remote = Url::parse("file://evil.example/tmp/x.html").unwrap();
        assert!(!LinkPolicy::allows_saved_report(
            &remote,
            std::path::Path::new("/tmp/x.html")
        ));
        let https = Url::parse("https://acme.actindo.com/").unwrap();
        assert!(!LinkPolicy::allows_saved_report(&https, &saved));
        let p = LinkPolicy::for_profile(&Profile::production());
        assert!(!p.allows(&url), "the page's links never open files");
    }

    #[test]
    fn practice_also_opens_the_local_sandbox() {
        let base = Url::parse("http://127.0.0.1:47800").unwrap();
        let p = LinkPolicy::for_profile(&Profile::demo(&base));
        assert!(allows(
            &p,
            "http://127.0.0.1:47800/bc-login/oauth2/authorize"
        ));
        assert!(!allows(&p, "http://10.0.0.1/"));
        assert!(!allows(&p, "http://example.com/"));
    }
}
