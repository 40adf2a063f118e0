//! The wizard engine as the flow tests open it: on a data folder of the test's own, with fast
//! retries and the given polling, the robot as the system browser.

use std::path::Path;
use std::sync::Arc;

use setup_core::RetryPolicy;
use setup_core::{Engine, EngineOptions, PollConfig};
use setup_core::{Profile, SecretStore};

use super::RobotBrowser;

/// An engine for `profile` on `dir`, its secrets in `store`, `browser` opening the pages.
pub async fn fast_engine(
    profile: Profile,
    dir: &Path,
    store: SecretStore,
    browser: &RobotBrowser,
    poll: PollConfig,
) -> Engine {
    Engine::open_with(
        profile,
        dir,
        store,
        Arc::new(browser.clone()),
        EngineOptions::timing(RetryPolicy::fast(), poll),
    )
    .await
    .unwrap()
}
