//! The practice Core1 from Rust: its connections, app registrations, settings and clock.

use super::SandboxHandle;
use crate::{config, core1, util, Applied, Connection, Error, Result};

impl SandboxHandle {
    /// The Omni-Channel connections of a workspace, as `Connections.list` would show them.
    pub fn connections(&self, workspace: &str) -> Result<Vec<Connection>> {
        self.world.connections(workspace)
    }

    /// How many `Connections.list` calls a workspace has answered (how often a client polls).
    pub fn connection_list_calls(&self, workspace: &str) -> u64 {
        self.world
            .state()
            .core1
            .get(workspace)
            .map_or(0, |w| w.list_calls)
    }

    /// Puts an existing Omni-Channel connection for `store_hash` into `workspace`, as if it had
    /// been made earlier: its credentials are a fresh, valid store-level API account token (so
    /// the connection runs through its normal lifecycle to `active`). For "one connection per
    /// store" tests: the connector then updates this connection instead of adding one.
    pub fn seed_connection(
        &self,
        workspace: &str,
        store_hash: &str,
        name: &str,
    ) -> Result<Connection> {
        core1::channels::seed(&self.world, workspace, store_hash, name)
    }

    /// [`Self::seed_connection`] with its `updatedAt` (and `createdAt`) set back by `age`: a
    /// connection last changed before now — e.g. before a wizard started waiting.
    pub fn seed_connection_changed_ago(
        &self,
        workspace: &str,
        store_hash: &str,
        name: &str,
        age: std::time::Duration,
    ) -> Result<Connection> {
        let c = core1::channels::seed(&self.world, workspace, store_hash, name)?;
        core1::channels::backdate(&self.world, workspace, c.id, age);
        self.world
            .connections(workspace)?
            .into_iter()
            .find(|x| x.id == c.id)
            .ok_or_else(|| Error::UnknownWorkspace(workspace.to_owned()))
    }

    /// Registers an app in `workspace` as *Dev Tools › API › App registrations* › `+` › SAVE
    /// would (a colleague did it, or a consultant prefills it); returns the client secret Core1
    /// shows once.
    pub fn register_core1_app(
        &self,
        workspace: &str,
        name: &str,
        client_id: &str,
        redirect_uri: &str,
    ) -> Result<String> {
        if !self.world.config.has_workspace(workspace) {
            return Err(Error::UnknownWorkspace(workspace.to_owned()));
        }
        let secret = format!("{}__", util::random_token(22));
        core1::registrations::add(
            &self.world,
            workspace,
            config::Core1Registration {
                name: name.to_owned(),
                client_id: client_id.to_owned(),
                client_secret: secret.clone(),
                redirect_uri: redirect_uri.to_owned(),
                only_auth: false,
                any_loopback_port: false,
            },
        )
        .map_err(Error::RegistrationRefused)?;
        Ok(secret)
    }

    /// The app registrations of `workspace` (secrets included: for tests).
    pub fn core1_registrations(&self, workspace: &str) -> Vec<config::Core1Registration> {
        core1::registrations::all(&self.world, workspace)
    }

    /// Deletes the app registration of `client_id` in `workspace` (its tokens stop working);
    /// whether there was one.
    pub fn delete_core1_registration(&self, workspace: &str, client_id: &str) -> bool {
        core1::registrations::remove(&self.world, workspace, client_id)
    }

    /// Moves the practice world's clock forward by `by` ("a day later"): the times Core1
    /// reports (`createdAt`, `updatedAt`, the `Date` header) from now on.
    pub fn advance_clock(&self, by: std::time::Duration) {
        let by = time::Duration::try_from(by).unwrap_or(time::Duration::ZERO);
        let mut st = self.world.state();
        st.clock_offset += by;
    }

    /// Connection `id`'s settings as the practice Core1 keeps them, and what it synchronized
    /// (orders imported through those settings).
    pub fn applied_settings(&self, workspace: &str, id: i64) -> Result<Applied> {
        core1::settings::applied(&self.world, workspace, id)
    }

    /// Sets a connection's "Order/Return have errors" (the assumed `orderReturnErrors`), as when
    /// Core1's order import met an order it could not take (e.g. one with several shipping
    /// addresses).
    pub fn set_order_return_errors(&self, workspace: &str, id: i64, errors: bool) -> Result<()> {
        core1::settings::set_order_return_errors(&self.world, workspace, id, errors)
    }
}
