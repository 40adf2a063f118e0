//! The practice BigCommerce from Rust: its stores, apps, API accounts and callbacks, as a
//! merchant or a test would change them.

use super::SandboxHandle;
use crate::{bigcommerce, ApiAccount, Error, Result};

impl SandboxHandle {
    /// "Uninstall the app" from a store, for every installed app (the partner app and the
    /// connector): revokes every token the apps got for it (store-level API accounts are not
    /// touched) and calls each app's uninstall callback in the background. Returns how many
    /// tokens were revoked.
    pub fn uninstall_app(&self, store_hash: &str) -> Result<usize> {
        bigcommerce::apps::uninstall_all(&self.world, store_hash)
    }

    /// Deletes every store-level API account of a store (Settings › API): their tokens stop
    /// working. Returns how many were deleted.
    pub fn delete_api_accounts(&self, store_hash: &str) -> usize {
        bigcommerce::api_accounts::delete_where(&self.world, |a| a.store_hash == store_hash)
    }

    /// The app ids installed on a store (Apps › My Apps).
    pub fn installed_apps(&self, store_hash: &str) -> Result<Vec<String>> {
        if self.world.config.store(store_hash).is_none() {
            return Err(Error::UnknownStore(store_hash.to_owned()));
        }
        Ok(bigcommerce::apps::installed(&self.world, store_hash))
    }

    /// Whether the practice connector app holds a live install (a token) for the store — what
    /// its own records say; `false` once BigCommerce called its uninstall callback.
    pub fn connector_installed(&self, store_hash: &str) -> bool {
        self.world
            .state()
            .connector
            .installs
            .values()
            .any(|i| i.store_hash == store_hash && !i.gone)
    }

    /// Creates a store-level API account (token type V2/V3) with exactly `scopes`, as Settings ›
    /// API › Store-level API accounts › Create API account would; its secrets go to the ledger.
    pub fn create_api_account(&self, store_hash: &str, scopes: &[&str]) -> Result<ApiAccount> {
        bigcommerce::api_accounts::create(&self.world, store_hash, None, scopes)
    }

    /// Gives a store `count` storefronts (active `storefront` channels, ids 1…): more than one
    /// makes it a multi-storefront store (`/v2/store` `features.multi_storefront_enabled`), one
    /// a single-storefront store again. `/v2/store` and `/v3/channels` report them from now on.
    pub fn set_storefronts(&self, store_hash: &str, count: u32) -> Result<()> {
        bigcommerce::store_data::set_storefronts(&self.world, store_hash, count, None)
    }

    /// Switches BigCommerce's multi-storefront feature of a store on or off, whatever its
    /// storefronts (a plan can have it on with one storefront).
    pub fn set_multi_storefront(&self, store_hash: &str, on: bool) -> Result<()> {
        bigcommerce::store_data::reshape(&self.world, store_hash, |s| {
            s.multi_storefront = Some(on);
        })
    }

    /// Adds a channel to a store after its storefronts (`kind` is its `type`, `None` for a
    /// channel without one; `status` e.g. `archived`); answers its id.
    pub fn add_channel(
        &self,
        store_hash: &str,
        name: &str,
        kind: Option<&str>,
        status: &str,
    ) -> Result<u64> {
        let add = bigcommerce::store_data::add_channel;
        add(&self.world, store_hash, name, kind, status)
    }

    /// Gives a store `count` products (ids 111…; BigCommerce's side only: the practice Core1
    /// keeps synchronizing the catalog's number).
    pub fn set_products(&self, store_hash: &str, count: u32) -> Result<()> {
        bigcommerce::store_data::reshape(&self.world, store_hash, |s| {
            s.products = Some(count);
        })
    }

    /// Sets product `product_id`'s `custom_url.url` (e.g. to one another product has).
    pub fn set_custom_url(&self, store_hash: &str, product_id: u64, url: &str) -> Result<()> {
        bigcommerce::store_data::reshape(&self.world, store_hash, |s| {
            s.custom_urls.insert(product_id, url.to_owned());
        })
    }

    /// Registers (replaces) the loopback partner app's exact callback URL (any URL: a partner
    /// registration is what lets a loopback listener receive it).
    pub fn register_bc_callback(&self, url: impl Into<String>) {
        let id = self.world.config.bigcommerce.app.client_id.clone();
        self.world.state().callbacks.insert(id, url.into());
    }

    /// Registers (replaces) the auth callback of app `client_id`. A marketplace app (the
    /// connector) gets [`Error::CallbackRefused`] for anything but a URL on the sandbox's own
    /// origin — the stand-in for "publicly available, fully qualified, served over TLS/SSL"
    /// (BigCommerce docs, Implementing OAuth, docs/integrations/apps/guide/auth.mdx); a loopback
    /// listener on another port is exactly what BigCommerce refuses.
    pub fn register_app_callback(&self, client_id: &str, url: &str) -> Result<()> {
        bigcommerce::apps::register_callback(&self.world, client_id, url)
    }

    /// The loopback partner app's currently registered callback URL.
    pub fn bc_callback(&self) -> String {
        let id = &self.world.config.bigcommerce.app.client_id;
        self.world.callback(id).unwrap_or_default()
    }

    /// The currently registered auth callback of app `client_id`.
    pub fn app_callback(&self, client_id: &str) -> Option<String> {
        self.world.callback(client_id)
    }
}
