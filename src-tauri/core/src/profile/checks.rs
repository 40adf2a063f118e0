//! What cannot be checked by a profile's types: the hosts it sends anything to, and its
//! endpoints, callbacks and timeouts.

use super::*;

impl Profile {
    /// Everything in this profile that decides where a request or the browser goes, as the user
    /// confirms it before a setup file's first use: the hosts (and ports) of its endpoints; the
    /// Core1 workspace addresses as patterns (`*.actindo.com`: the name URL and every domain a
    /// typed workspace may end in, which the workspace reader and the link policy trust); and
    /// whole URLs where the path matters — the pages opened in the browser (the connector link,
    /// the API-accounts page, road 3's install link), since another path on
    /// `login.bigcommerce.com` can be another app's install link.
    pub(crate) fn hosts(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut add = |entry: String| {
            if !out.contains(&entry) {
                out.push(entry);
            }
        };
        for url in [&self.bigcommerce.login_url, &self.bigcommerce.api_url] {
            if let Some(host) = host_port(url) {
                add(host);
            }
        }
        let workspace = self
            .core1
            .workspace
            .name_url
            .replace("{name}", "any-workspace");
        if let Some(host) = host_port(&workspace) {
            add(host.replace("any-workspace", "*"));
        }
        for domain in &self.core1.workspace.domains {
            add(format!(
                "*.{}",
                domain.trim_matches('.').to_ascii_lowercase()
            ));
        }
        let mut pages = vec![
            self.bigcommerce.connector_url.clone(),
            self.bigcommerce.api_accounts_url.clone(),
        ];
        if let Ok(client_id) = self.bigcommerce_client_id() {
            let install = self
                .bigcommerce
                .install_path
                .replace("{client_id}", client_id);
            pages.push(format!("{}{install}", self.bigcommerce.login_url));
        }
        for page in pages {
            // As the browser gets it (normalised by the URL rules), so a confirmed page cannot
            // differ from the one opened by a spelling.
            if let Ok(url) = Url::parse(&page) {
                add(url.to_string());
            }
        }
        out
    }

    /// What [`Profile::hosts`] names beyond the production profile: what the user is asked about.
    pub(crate) fn hosts_beyond_production(&self) -> Vec<String> {
        let production = Profile::production().hosts();
        self.hosts()
            .into_iter()
            .filter(|h| !production.contains(h))
            .collect()
    }

    /// Whether the user must confirm [`Profile::hosts`] first: a setup file that sends anything,
    /// or the browser, anywhere the production profile does not.
    pub(crate) fn needs_host_confirmation(&self) -> bool {
        self.file_id.is_some() && !self.hosts_beyond_production().is_empty()
    }

    /// Check the parts that cannot be checked by their types.
    pub(crate) fn validate(&self) -> Result<()> {
        let invalid = |reason: &str| {
            Err(Error::ProfileInvalid {
                reason: reason.to_owned(),
            })
        };
        for path in [
            &self.bigcommerce.callback_path,
            &self.core1.callback_path,
            &self.bigcommerce.authorize_path,
            &self.bigcommerce.token_path,
        ] {
            if !path.starts_with('/') {
                return invalid("paths must start with \"/\"");
            }
        }
        for url in [&self.bigcommerce.login_url, &self.bigcommerce.api_url] {
            let parsed = profile_url(url)?;
            if !matches!(parsed.scheme(), "http" | "https") || url.ends_with('/') {
                return invalid("BigCommerce URLs must be http(s) without a trailing slash");
            }
        }
        // https for every endpoint not on this machine (plain http only for the sandbox).
        let name_url = self.core1.workspace.name_url.replace("{name}", "name");
        for url in [
            &self.bigcommerce.login_url,
            &self.bigcommerce.api_url,
            &self.bigcommerce.api_accounts_url,
            &self.bigcommerce.connector_url,
            &name_url,
        ] {
            let parsed = profile_url(url)?;
            let loopback = parsed.host_str().is_some_and(crate::http::is_loopback_host);
            if parsed.scheme() != "https" && !(parsed.scheme() == "http" && loopback) {
                return invalid("endpoints must use https:// (http:// only on this computer)");
            }
        }
        if let Some(id) = &self.core1.client_id {
            crate::core1::registration::rule::check_client_id(id)?;
        }
        if self.core1.callback_port == 0 && !self.core1.any_port {
            return invalid("core1.callback_port: the registered Redirect URI names one port");
        }
        if self.bigcommerce.callback_path == self.core1.callback_path {
            return invalid("BigCommerce and Core1 need different callback paths");
        }
        if !self.core1.workspace.name_url.contains("{name}") {
            return invalid("core1.workspace.name_url must contain {name}");
        }
        if self.keyring_service.trim().is_empty() {
            return invalid("keyring_service must not be empty");
        }
        if self.signin_timeout.is_zero() || self.request_timeout.is_zero() {
            return invalid("timeouts must be longer than zero");
        }
        Ok(())
    }
}

/// `host` or `host:port` of a URL (lower case, as the URL rules normalise it).
fn host_port(url: &str) -> Option<String> {
    let u = Url::parse(url).ok()?;
    let host = u.host_str()?;
    Some(match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_owned(),
    })
}
