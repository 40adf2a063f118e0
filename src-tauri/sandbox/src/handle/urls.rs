//! Where things are: the stand-ins for the real hosts and the deep links a person opens.

use super::SandboxHandle;

impl SandboxHandle {
    /// Stand-in for `https://login.bigcommerce.com`.
    pub fn bc_login_base(&self) -> String {
        format!("{}/bc-login", self.base_url())
    }

    /// Stand-in for `https://api.bigcommerce.com`.
    pub fn bc_api_base(&self) -> String {
        format!("{}/bc-api", self.base_url())
    }

    /// The loopback partner app's install link, `{bc_login_base}/app/{client_id}/install`.
    pub fn bc_install_url(&self) -> String {
        format!(
            "{}/app/{}/install",
            self.bc_login_base(),
            self.world.config.bigcommerce.app.client_id
        )
    }

    /// The connector app's install link (`https://login.bigcommerce.com/app/{client_id}/install`).
    pub fn connector_install_url(&self) -> String {
        format!(
            "{}/app/{}/install",
            self.bc_login_base(),
            self.world.config.bigcommerce.connector.client_id
        )
    }

    /// A control-panel deep link, `{bc_login_base}/deep-links/{path}` (stand-in for
    /// `https://login.bigcommerce.com/deep-links/{path}`), e.g. `manage/marketplace/apps/my-apps`.
    pub fn bc_deep_link(&self, path: &str) -> String {
        format!(
            "{}/deep-links/{}",
            self.bc_login_base(),
            path.trim_start_matches('/')
        )
    }

    /// Deep link to Apps › Marketplace (where a person searches for the connector).
    pub fn marketplace_url(&self) -> String {
        self.bc_deep_link("manage/marketplace/apps")
    }

    /// Deep link to the connector's marketplace listing (with its Install button).
    pub fn connector_listing_url(&self) -> String {
        self.bc_deep_link(&format!(
            "manage/marketplace/apps/{}",
            self.world.config.bigcommerce.connector.app_id
        ))
    }

    /// Deep link to Apps › My Apps (installed apps, with Uninstall).
    pub fn my_apps_url(&self) -> String {
        self.bc_deep_link("manage/marketplace/apps/my-apps")
    }

    /// Deep link to Settings › API › Store-level API accounts.
    pub fn api_accounts_url(&self) -> String {
        self.bc_deep_link("settings/api-accounts")
    }

    /// Base of the practice connector app, `{base}/connector`.
    pub fn connector_url(&self) -> String {
        format!("{}/connector", self.base_url())
    }

    /// Stand-in for `https://{name}.actindo.com` (no trailing slash).
    pub fn core1_workspace_url(&self, name: &str) -> String {
        format!("{}/core1/{name}", self.base_url())
    }

    /// Base of the control API, `{base}/__sandbox`.
    pub fn control_url(&self) -> String {
        format!("{}/__sandbox", self.base_url())
    }
}
