//! The seeded practice world: accounts, stores, app registrations, workspaces and timings.
//!
//! `SandboxConfig::default()` is a ready world a person can click through;
//! [`SandboxConfig::fast`] is the same world with lifecycle phases of a few milliseconds, for tests.

mod bigcommerce;
mod core1;

pub use bigcommerce::{
    AppKind, BcAccount, BcApp, BcStore, BigCommerceConfig, MarketplaceListing, StoreCatalog,
    BC_MERCHANT_EMAIL, CONNECTOR_APP_ID, CONNECTOR_APP_NAME, CONNECTOR_AUTH_PATH,
    CONNECTOR_CLIENT_ID, CONNECTOR_SCOPES, CONNECTOR_UNINSTALL_PATH, DEFAULT_BC_CALLBACK,
    PARTNER_CLIENT_ID, STORE_HASH,
};
pub use core1::{
    Core1Config, Core1Registration, Core1User, LifecycleConfig, CORE1_APP_NAME, CORE1_CLIENT_ID,
    CORE1_CONSULTANT_EMAIL, PRACTICE_CORE1_CLIENT_SECRET,
};

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Password of every seeded account (BigCommerce and Core1).
pub const PRACTICE_PASSWORD: &str = "practice-password";

/// Everything the sandbox starts with.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SandboxConfig {
    pub bigcommerce: BigCommerceConfig,
    pub core1: Core1Config,
    /// The app's practice server ([`SandboxConfig::embedded`]): the control API
    /// (`/__sandbox/…`, [`crate::control`]: the secrets ledger, seeded accounts, faults, reset)
    /// is not served at all, even where the crate's `control` feature compiled it in. The tests
    /// and the standalone sandbox keep it (`false`).
    #[serde(default)]
    pub embedded: bool,
}

impl SandboxConfig {
    /// The default world as the app's practice mode (`--demo`) runs it: without the control
    /// API, so a page in the user's browser cannot read the practice secrets or steer the
    /// practice world (see [`crate::guard`] for what every sandbox refuses besides).
    pub fn embedded() -> Self {
        Self {
            embedded: true,
            ..Self::default()
        }
    }

    /// The default world with lifecycle phases of `phase` each and a scheduled import every
    /// 300 ms, for fast tests.
    pub fn fast(phase: Duration) -> Self {
        let mut config = Self::default();
        let lc = &mut config.core1.lifecycle;
        lc.created = phase;
        lc.checking_credentials = phase;
        lc.creating_attributes = phase;
        lc.synchronizing = phase;
        lc.scheduled_import = Duration::from_millis(300);
        config
    }

    /// The same world whose workspaces already know the wizard's app registration
    /// ([`Core1Registration::practice`] with `redirect_uri`), as a consultant who prefills it
    /// has it: the guided registration is skipped.
    pub fn with_core1_registration(mut self, redirect_uri: &str) -> Self {
        self.core1
            .registrations
            .push(Core1Registration::practice(redirect_uri));
        self
    }

    /// The store with this hash.
    pub fn store(&self, hash: &str) -> Option<&BcStore> {
        self.bigcommerce.stores.iter().find(|s| s.hash == hash)
    }

    /// Every app registration: the loopback partner app and the connector.
    pub fn apps(&self) -> [&BcApp; 2] {
        [&self.bigcommerce.app, &self.bigcommerce.connector]
    }

    /// The app registration with this client id.
    pub fn app(&self, client_id: &str) -> Option<&BcApp> {
        self.apps().into_iter().find(|a| a.client_id == client_id)
    }

    /// The app registration with this control-panel app id.
    pub fn app_by_id(&self, app_id: &str) -> Option<&BcApp> {
        self.apps()
            .into_iter()
            .find(|a| !a.app_id.is_empty() && a.app_id == app_id)
    }

    /// The BigCommerce login with this email.
    pub fn account(&self, email: &str) -> Option<&BcAccount> {
        self.bigcommerce
            .accounts
            .iter()
            .find(|a| a.email.eq_ignore_ascii_case(email.trim()))
    }

    /// Whether `name` is a seeded workspace.
    pub fn has_workspace(&self, name: &str) -> bool {
        self.core1.workspaces.iter().any(|w| w == name)
    }
}
