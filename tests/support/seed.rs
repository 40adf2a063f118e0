//! Starting a test where an earlier walk would have left the merchant, without walking there:
//! the real engine, in the test process, takes the steps the app would — with the app's own
//! setup file, data folder (under the test's home) and keyring service (the Secret Service of
//! this D-Bus session), the robot as the browser with the practice world's cookies (so "the
//! browser" stays signed in to Core1, as after a walk). The app launched on that home then
//! resumes from the saved progress, as `resume.rs` proves it does after a walk. Tests whose
//! subject is the walk itself (happy, first_contact, resume, welcome, …) keep walking it.

use std::path::Path;
use std::sync::Arc;

use setup_core::testing::RobotOpener;
use setup_core::RetryPolicy;
use setup_core::{Engine, EngineOptions, Event, PollConfig, Step, StoreRoad};
use setup_core::{Profile, SecretStore};

use crate::{App, Practice};

impl Practice {
    /// The engine as the app opens it for this practice's setup file under `home`, with fast
    /// timings; the robot shares the practice world's cookies.
    async fn engine_in(&self, home: &Path) -> (Engine, RobotOpener) {
        let profile = Profile::load(&self.profile).unwrap();
        let secrets = SecretStore::deferred(&profile.keyring_service);
        let browser = RobotOpener::with_cookies(&self.cookies);
        let engine = Engine::open_with(
            profile,
            &self.data_dir(home),
            secrets,
            Arc::new(browser.clone()),
            EngineOptions::timing(RetryPolicy::fast(), PollConfig::fast()),
        )
        .await
        .unwrap();
        (engine, browser)
    }

    /// Welcome (the setup file's hosts trusted) → `workspace` → signed in to Core1: the app on
    /// `home` opens on the store step ("bc-title").
    pub async fn seed_signed_in(&self, home: &Path, workspace: &str) {
        let (engine, browser) = self.engine_in(home).await;
        self.signed_in(&engine, &browser, workspace).await;
    }

    /// A home of its own seeded by [`Practice::seed_signed_in`] (removed with the returned
    /// folder: keep it while the app runs).
    pub async fn home_signed_in(&self, workspace: &str) -> tempfile::TempDir {
        let home = tempfile::tempdir().unwrap();
        self.seed_signed_in(home.path(), workspace).await;
        home
    }

    /// The app in `lang` on a home seeded by [`Practice::seed_signed_in`], checked to open on
    /// the store step for `workspace` (the name the connector's field takes). Keep the folder
    /// while the app runs.
    pub async fn launch_signed_in(&self, lang: &str, workspace: &str) -> (App, tempfile::TempDir) {
        let home = self.home_signed_in(workspace).await;
        let app = App::launch(self.launch(lang, Some(home.path().into()))).await;
        crate::at_store_step(&app, workspace).await;
        (app, home)
    }

    async fn signed_in(&self, engine: &Engine, browser: &RobotOpener, workspace: &str) {
        engine.welcome_confirm_hosts().await.unwrap();
        assert_eq!(engine.welcome_begin().await.unwrap().step, Step::Workspace);
        assert_eq!(
            engine.workspace_set(workspace).await.unwrap().step,
            Step::Core1
        );
        let view = engine.core1_sign_in(&|_: Event| {}).await.unwrap();
        assert_eq!(view.step, Step::BigCommerce);
        assert!(browser.last_outcome().await.reached_callback);
    }

    /// [`Practice::seed_signed_in`], then the store connected on `road` — road 1: the merchant
    /// types the name the wizard shows into the connector, which makes the connection, and
    /// answers "Is this your store?" with Yes; road 2: a fresh API account's two values — Status
    /// watched to Active and finished: the app on `home` opens on Manage ("manage-title") with
    /// this one connection. Returns its card ([`Practice::card`]).
    pub async fn seed_connection(&self, home: &Path, workspace: &str, road: StoreRoad) -> String {
        let (engine, browser) = self.engine_in(home).await;
        self.signed_in(&engine, &browser, workspace).await;
        let view = match road {
            StoreRoad::Connector => {
                let name = engine.wizard_view().await.connector.field.unwrap().name;
                browser.types_workspace(&name);
                let view = engine
                    .store_connector_watch(false, &|_: Event| {})
                    .await
                    .unwrap();
                assert_eq!(view.connector.candidates.len(), 1, "one store connected");
                let id = view.connector.candidates[0].id;
                engine.store_connector_confirm(id).await.unwrap()
            }
            StoreRoad::ApiAccount => {
                let account = self.api_account(None);
                engine
                    .store_api_account_use(&account.api_path, &account.access_token, &|_: Event| {})
                    .await
                    .unwrap()
            }
            other => panic!("no seeding for {other:?}"),
        };
        assert_eq!(view.step, Step::Status);
        engine.status_watch(&|_: Event| {}).await.unwrap();
        assert_eq!(engine.status_finish().await.unwrap().step, Step::Manage);
        self.card(workspace)
    }
}
