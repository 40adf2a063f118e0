//! The Core1 side: workspace URLs ([`workspace_url`]), the wizard's app registration in a
//! workspace ([`registration`]), the browser sign-in ([`oauth`]), the API client with rotated
//! refresh tokens ([`api`]) and the `{success, errno, error}` envelope its answers come in
//! (`envelope`), and the Omni-Channel connections ([`channels`] — the assumed contract, in one
//! place).

pub(crate) mod api;
pub(crate) mod channels;
pub(crate) mod envelope;
pub(crate) mod oauth;
pub(crate) mod registration;
pub(crate) mod token;
pub(crate) mod workspace_url;

pub(crate) use api::Core1Client;
pub(crate) use oauth::Core1SignIn;
pub(crate) use workspace_url::{check_reachable, WorkspaceUrl};

/// Core1's public OAuth2 and tool endpoints (appended to the workspace base URL).
pub(crate) mod endpoints {
    /// Authorization endpoint (GET, browser).
    pub(crate) const AUTHORIZE: &str = "Actindo.CoreModules.Auth.OAuth2.authorize";
    /// Token endpoint (POST, form-encoded).
    pub(crate) const TOKEN: &str = "Actindo.CoreModules.Auth.OAuth2Token.getAccessToken";
    /// Ping (POST, bearer token): proves the sign-in works.
    pub(crate) const PING: &str = "Actindo.CoreModules.Tools.TenantTest.ping";
}
