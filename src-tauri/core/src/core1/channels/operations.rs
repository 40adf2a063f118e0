//! The contract's operations as calls of the Core1 client (one method per endpoint), and the
//! envelopes their answers come in. The endpoint names and types are in `channels.rs`.

use serde::{Deserialize, Serialize};

use super::*;

#[derive(Deserialize)]
pub(crate) struct OneConnection {
    pub(crate) connection: Connection,
}

#[derive(Deserialize)]
struct Settings {
    settings: ConnectionSettings,
}

#[derive(Deserialize)]
struct Statistics {
    statistics: SyncStatistics,
}

#[derive(Deserialize)]
pub(crate) struct ManyConnections {
    pub(crate) connections: Vec<Connection>,
}

impl crate::core1::Core1Client {
    /// `create`. Not retried on server errors (not idempotent): on
    /// [`crate::Error::ConnectionExists`] (errno 20001) use `existing_id` with
    /// [`Self::update_credentials`] instead of creating a duplicate.
    pub async fn create_connection(&self, new: &NewConnection) -> crate::Result<Connection> {
        // Serialised straight from `new` (a `json!` value would be another plain copy).
        #[derive(Serialize)]
        struct Create<'a> {
            connection: &'a NewConnection,
        }
        let r: OneConnection = self
            .call(CREATE, &Create { connection: new }, false)
            .await?;
        Ok(r.connection)
    }

    /// `get`.
    pub async fn get_connection(&self, id: i64) -> crate::Result<Connection> {
        let r: OneConnection = self
            .call(GET, &serde_json::json!({ "id": id }), true)
            .await?;
        Ok(r.connection)
    }

    /// `list`.
    pub async fn list_connections(&self) -> crate::Result<Vec<Connection>> {
        let r: ManyConnections = self.call(LIST, &serde_json::json!({}), true).await?;
        Ok(r.connections)
    }

    /// The BigCommerce connection for `store_hash`, if Core1 has one (from `list`).
    pub async fn find_connection(&self, store_hash: &str) -> crate::Result<Option<Connection>> {
        Ok(self.list_connections().await?.into_iter().find(|c| {
            c.driver == DRIVER_BIGCOMMERCE && c.store_hash.eq_ignore_ascii_case(store_hash)
        }))
    }

    /// `synchronize`: start a synchronization now. Not retried on server errors.
    pub async fn synchronize(&self, id: i64) -> crate::Result<Connection> {
        let r: OneConnection = self
            .call(SYNCHRONIZE, &serde_json::json!({ "id": id }), false)
            .await?;
        Ok(r.connection)
    }

    /// `setEnabled` (idempotent).
    #[cfg(feature = "test-support")]
    pub async fn set_enabled(&self, id: i64, enabled: bool) -> crate::Result<Connection> {
        let r: OneConnection = self
            .call(
                SET_ENABLED,
                &serde_json::json!({ "id": id, "enabled": enabled }),
                true,
            )
            .await?;
        Ok(r.connection)
    }

    /// `updateCredentials` (idempotent): push a new store hash + token to a connection.
    pub async fn update_credentials(
        &self,
        id: i64,
        credentials: &Credentials,
    ) -> crate::Result<Connection> {
        #[derive(Serialize)]
        struct Update<'a> {
            id: i64,
            credentials: &'a Credentials,
        }
        let r: OneConnection = self
            .call(UPDATE_CREDENTIALS, &Update { id, credentials }, true)
            .await?;
        Ok(r.connection)
    }

    /// `getSettings`: the connection's settings (a new connection's are Core1's defaults).
    pub(crate) async fn get_settings(&self, id: i64) -> crate::Result<ConnectionSettings> {
        let r: Settings = self
            .call(GET_SETTINGS, &serde_json::json!({ "id": id }), true)
            .await?;
        Ok(r.settings)
    }

    /// `updateSettings` (idempotent): replaces the settings; answers them as Core1 keeps them.
    pub(crate) async fn update_settings(
        &self,
        id: i64,
        settings: &ConnectionSettings,
    ) -> crate::Result<ConnectionSettings> {
        #[derive(Serialize)]
        struct Update<'a> {
            id: i64,
            settings: &'a ConnectionSettings,
        }
        let r: Settings = self
            .call(UPDATE_SETTINGS, &Update { id, settings }, true)
            .await?;
        Ok(r.settings)
    }

    /// `getStatistics`: what the connection synchronized so far.
    pub(crate) async fn get_statistics(&self, id: i64) -> crate::Result<SyncStatistics> {
        let r: Statistics = self
            .call(GET_STATISTICS, &serde_json::json!({ "id": id }), true)
            .await?;
        Ok(r.statistics)
    }
}
