//! What cannot be checked by a profile's types: the hosts it sends anything to, and its
//! endpoints, callbacks and timeouts.

use super::*;

impl Profile {
    /// The hosts this profile sends anything to (BigCommerce, the connector page, Core1
    /// workspaces as a pattern), for the user to confirm before a setup file's first use.
    pub fn hosts(&self) -> Vec<String> {
        let mut hosts = Vec::new();
        for url in [
            &self.bigcommerce.login_url,
            &self.bigcommerce.api_url,
            &self.bigcommerce.api_accounts_url,
            &self.bigcommerce.connector_url,
            &self
                .core1
                .workspace
                .name_url
                .replace("{name}", "any-workspace"),
        ] {
            if let Some(host) = Url::parse(url).ok().and_then(|u| {
                u.host_str()
                    .map(|h| h.to_owned() + &u.port().map(|p| format!(":{p}")).unwrap_or_default())
            }) {
                let host = host.replace("any-workspace.", "*.");
                if !hosts.contains(&host) {
                    hosts.push(host);
                }
            }
        }
        hosts
    }

    /// Whether the user must confirm [`Profile::hosts`] first: a setup file that sends anything
    /// to hosts other than the production profile's.
    pub fn needs_host_confirmation(&self) -> bool {
        let production = Profile::production().hosts();
        self.file_id.is_some() && self.hosts().iter().any(|h| !production.contains(h))
    }

    /// Check the parts that cannot be checked by their types.
    pub fn validate(&self) -> Result<()> {
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
