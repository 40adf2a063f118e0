//! Before roads 1 and 2: is Core1 ready for a BigCommerce connection? And what the connector's
//! field needs for a workspace.

use super::Engine;
use crate::core1::channels::Readiness;
use crate::error::Result;
use crate::wizard::step::Step;
use crate::wizard::ConnectionKey;

impl Engine {
    /// Asks the workspace whether the Omni-Channel module and the BigCommerce driver are
    /// installed (new enough) and the signed-in user may create connections (the assumed
    /// `getSetupStatus`, `core1/channels.rs`). The store step shows what is missing, where to get
    /// it, and offers to check again.
    pub async fn core1_readiness(&self) -> Result<Readiness> {
        self.expect_step(&[Step::BigCommerce]).await?;
        let client = self.core1_client(&self.current_workspace().await?).await?;
        let action = self.action(Step::BigCommerce, "core1_readiness");
        let result = client.readiness().await;
        let readiness = self.finish_action(action, result).await?;
        if !readiness.ready() {
            tracing::info!(problems = ?readiness.problems, "Core1 is not ready for a BigCommerce connection");
        }
        Ok(readiness)
    }

    /// What to type into the connector's workspace field (between `https://` and
    /// `.actindo.com`): for a known connection (Manage), or for this run.
    pub async fn connector_name_of(&self, key: Option<&ConnectionKey>) -> Result<String> {
        let ws = match key {
            Some(key) => self.known(key)?.key.workspace,
            None => self.current_workspace().await?,
        };
        Ok(ws.connector_field().name)
    }
}
