//! How a workspace is named to people: in the connector's one field between a fixed `https://`
//! and `.actindo.com`, and on the screens as its merchant knows it (`acme.actindo.com`), never
//! the practice world's loopback address.

use serde::Serialize;

use super::{WorkspaceRules, WorkspaceUrl};
use crate::http::is_loopback_host;

/// The fixed part before the connector's workspace field.
pub(crate) const CONNECTOR_PREFIX: &str = "https://";
/// The fixed part after it.
pub(crate) const CONNECTOR_SUFFIX: &str = ".actindo.com";

/// Actindo's connector asks for the workspace in one field between a fixed `https://` and a
/// fixed `.actindo.com` ("BigCommerce Installation", Actindo-AG/Documentation,
/// `Assets/Screenshots/BigCommerce/Connections/EnterWorkspaceURL.png`; the Shopify twin says "the
/// part of the URL between https:// and .actindo.com", `Shopify/Integration/01_ManageShopifyConnection.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConnectorField {
    pub prefix: &'static str,
    /// What to type (and what Copy copies).
    pub name: String,
    pub suffix: &'static str,
}

impl WorkspaceUrl {
    /// What goes into the connector's field: the host between `https://` and `.actindo.com` —
    /// `acme` for `acme.actindo.com`, and `acme.dev` for a sandbox workspace
    /// `acme.dev.actindo.com`: with the fixed suffix the connector then forms exactly
    /// `https://acme.dev.actindo.com`, the workspace's own address, which is what "the part of
    /// the URL between https:// and .actindo.com" means for it (`acme` alone would name the
    /// production workspace). For any other host (the practice world's loopback workspaces),
    /// the workspace name, which the practice connector maps to its workspace.
    pub(crate) fn connector_field(&self) -> ConnectorField {
        let host = self.base.host_str().unwrap_or_default();
        let name = host
            .strip_suffix(CONNECTOR_SUFFIX)
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.name)
            .to_owned();
        ConnectorField {
            prefix: CONNECTOR_PREFIX,
            name,
            suffix: CONNECTOR_SUFFIX,
        }
    }
}

impl WorkspaceUrl {
    /// The workspace as its merchant knows it, for the screens: the host of a workspace under
    /// an allowed domain (`acme.actindo.com`, `acme.dev.actindo.com`); for one the profile plays
    /// elsewhere through `name_url` (the practice world, on a loopback address or a host of its
    /// own), its name under the first allowed domain (`acme.actindo.com`), which is also what
    /// that world takes when it is typed. The full address (its `Display`) is for requests
    /// and the support report only.
    pub(crate) fn display(&self, rules: &WorkspaceRules) -> String {
        let host = self.base.host_str().unwrap_or_default();
        let domains: Vec<String> = rules
            .domains
            .iter()
            .map(|d| d.trim_matches('.').to_ascii_lowercase())
            .collect();
        let under_domain = domains.iter().any(|d| {
            host.strip_suffix(d.as_str())
                .is_some_and(|n| n.ends_with('.'))
        });
        if under_domain || (domains.is_empty() && !is_loopback_host(host)) {
            return host.to_owned();
        }
        let domain = domains
            .first()
            .map_or(CONNECTOR_SUFFIX.trim_start_matches('.'), String::as_str);
        format!("{}.{domain}", self.name)
    }
}
