//! The connections this computer set up (Manage's list), each named by a [`ConnectionKey`]:
//! Core1 numbers connections per workspace, so a consultant who onboards two merchants can know
//! connection 1 of each. Every Manage command, the Status screen's settings and the progress file
//! name a connection by workspace and id together, never by the id alone.

use serde::{Deserialize, Serialize};

use super::journal::Journal;
use crate::bigcommerce::StoreHash;
use crate::core1::WorkspaceUrl;
use crate::profile::WorkspaceRules;

/// How the store's access was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum StoreRoad {
    /// Road 1: Actindo's connector app, installed from BigCommerce's marketplace, created the
    /// connection; the wizard holds no BigCommerce key for the store.
    Connector,
    /// Road 2: a store-level API account the merchant created and pasted (or picked the .txt).
    ApiAccount,
    /// Road 3: the wizard's own BigCommerce app over loopback (only where a profile registers
    /// one).
    #[serde(alias = "install")]
    OwnApp,
}

impl StoreRoad {
    /// Whether the wizard keeps the store's access key on this computer on this road.
    pub fn holds_store_key(self) -> bool {
        !matches!(self, StoreRoad::Connector)
    }
}

/// Which connection: its workspace (the canonical address, as the profile's rules derive it)
/// and its id in that workspace. The page gets it with each connection and hands it back as it
/// is; the engine only ever looks it up among the connections it knows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConnectionKey {
    pub workspace: WorkspaceUrl,
    pub id: i64,
}

impl ConnectionKey {
    /// A short name for the page's element ids, unique among one profile's keys and made of
    /// `a-z 0-9 - _` only: the workspace name where the workspace is on this computer (the
    /// practice world, where the name alone tells workspaces apart), else the workspace's host
    /// with `_` for its dots (a name is one DNS label, which has no `_`), then `-` and the id.
    /// `acme-7`, `acme_actindo_com-7`, `acme_dev_actindo_com-7`.
    pub fn tag(&self) -> String {
        let base = self.workspace.base();
        let place = match base.host_str() {
            Some(host) if !crate::http::is_loopback_host(host) => host.replace('.', "_"),
            _ => self.workspace.name().to_owned(),
        };
        format!("{place}-{}", self.id)
    }
}

/// A connection this computer set up, shown in Manage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KnownConnection {
    pub key: ConnectionKey,
    pub store_hash: StoreHash,
    pub store_name: String,
    /// Unix milliseconds.
    pub added_at: u64,
    /// How the store was connected (decides which health checks and repairs apply).
    pub road: StoreRoad,
    /// The store's own address (roads 2 and 3; empty on road 1, where only Core1's connection is
    /// seen, and in files from before the onboarding report).
    #[serde(default)]
    pub store_domain: String,
    /// What the onboarding report tells about this connection's session.
    #[serde(default)]
    pub journal: Journal,
}

impl KnownConnection {
    /// Whether the workspace read from the progress file is what the profile's rules make of
    /// it: an address edited by hand, or kept under other rules, is not trusted.
    pub(super) fn fits(&self, rules: &WorkspaceRules) -> bool {
        WorkspaceUrl::parse(self.key.workspace.base().as_str(), rules)
            .is_ok_and(|ws| ws == self.key.workspace)
    }
}

/// A known connection as progress files before version 3 kept it: the id alone, the workspace
/// as typed and as a URL string, the store hash as a string.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct KnownBeforeV3 {
    id: i64,
    store_hash: String,
    store_name: String,
    #[serde(default)]
    workspace_input: String,
    #[serde(default)]
    workspace_url: String,
    #[serde(default)]
    added_at: u64,
    #[serde(default = "road_before_roads")]
    road: StoreRoad,
}

/// Files from before the roads knew only API accounts.
fn road_before_roads() -> StoreRoad {
    StoreRoad::ApiAccount
}

impl KnownBeforeV3 {
    /// The typed form: the workspace derived as every use derived it then (from what was typed,
    /// else from the URL kept), the store hash checked. `None` for an entry no rule reads.
    pub(super) fn upgrade(self, rules: &WorkspaceRules) -> Option<KnownConnection> {
        let workspace = WorkspaceUrl::parse(&self.workspace_input, rules)
            .or_else(|_| WorkspaceUrl::parse(&self.workspace_url, rules));
        match (workspace, StoreHash::parse(&self.store_hash)) {
            (Ok(workspace), Ok(store_hash)) => Some(KnownConnection {
                key: ConnectionKey {
                    workspace,
                    id: self.id,
                },
                store_hash,
                store_name: self.store_name,
                added_at: self.added_at,
                road: self.road,
                store_domain: String::new(),
                journal: Journal::default(),
            }),
            _ => {
                tracing::warn!(
                    id = self.id,
                    "a known connection of an older progress file has no usable workspace or store; left out"
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Profile;

    fn key(input: &str, id: i64, rules: &WorkspaceRules) -> ConnectionKey {
        ConnectionKey {
            workspace: WorkspaceUrl::parse(input, rules).unwrap(),
            id,
        }
    }

    #[test]
    fn tags_tell_every_workspace_apart() {
        let prod = Profile::production().core1.workspace;
        let tags: Vec<String> = [
            key("acme", 7, &prod),
            key("acme.dev.actindo.com", 7, &prod),
            key("acme-dev", 7, &prod),
            key("acme", 8, &prod),
        ]
        .iter()
        .map(ConnectionKey::tag)
        .collect();
        assert_eq!(
            tags,
            [
                "acme_actindo_com-7",
                "acme_dev_actindo_com-7",
                "acme-dev_actindo_com-7",
                "acme_actindo_com-8"
            ]
        );
        let practice = Profile::demo(&url::Url::parse("http://127.0.0.1:4000").unwrap());
        assert_eq!(key("acme", 7, &practice.core1.workspace).tag(), "acme-7");
    }

    #[test]
    fn a_workspace_edited_in_the_file_is_not_trusted() {
        let prod = Profile::production().core1.workspace;
        let mut k = KnownConnection {
            key: key("acme", 1, &prod),
            store_hash: StoreHash::parse("abc123").unwrap(),
            store_name: "S".into(),
            added_at: 1,
            road: StoreRoad::ApiAccount,
            store_domain: String::new(),
            journal: Journal::default(),
        };
        assert!(k.fits(&prod));
        let text = serde_json::to_string(&k)
            .unwrap()
            .replace("https://acme.actindo.com/", "https://collector.example/");
        k = serde_json::from_str(&text).unwrap();
        assert!(!k.fits(&prod));
    }
}
