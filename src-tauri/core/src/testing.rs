//! What only tests drive, behind the `test-support` feature: never part of the app's API (the
//! root `pub use` list in `lib.rs` is), never compiled into the app.

// ----- the browser robot as the system browser (core tests and the end-to-end seeding) -----
pub use robot_opener::RobotOpener;

mod robot_opener {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use std::path::Path;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use setup_sandbox::robot::{self, RobotAction, RobotOptions, RobotOutcome};
    use tokio::task::JoinHandle;
    use url::Url;

    use crate::BrowserOpener;

    /// The sandbox's browser robot as the system browser: one browser, so its cookies (the Core1
    /// session the connector's START SETUP needs) last across the pages the wizard opens.
    #[derive(Clone)]
    pub struct RobotOpener {
        pub options: Arc<Mutex<RobotOptions>>,
        pub opened: Arc<Mutex<Vec<Url>>>,
        pub runs: Arc<Mutex<Vec<JoinHandle<setup_sandbox::Result<RobotOutcome>>>>>,
        _profile: Option<Arc<tempfile::TempDir>>,
    }

    impl Default for RobotOpener {
        /// A browser of its own: its cookies in a folder removed with the last clone.
        fn default() -> Self {
            let dir = tempfile::tempdir().unwrap();
            let mut opener = Self::with_cookies(&dir.path().join("cookies.json"));
            opener._profile = Some(Arc::new(dir));
            opener
        }
    }

    impl RobotOpener {
        /// A browser whose cookies live in `cookie_file`, shared with whatever else uses that
        /// file (the robot the app under test starts as its system browser, for one).
        pub fn with_cookies(cookie_file: &Path) -> Self {
            let options = RobotOptions {
                cookie_file: Some(cookie_file.to_path_buf()),
                ..RobotOptions::default()
            };
            RobotOpener {
                options: Arc::new(Mutex::new(options)),
                opened: Arc::default(),
                runs: Arc::default(),
                _profile: None,
            }
        }

        pub fn confirming() -> Self {
            Self::default()
        }

        pub fn cancelling() -> Self {
            let r = Self::default();
            r.options.lock().unwrap().action = RobotAction::Cancel;
            r
        }

        /// What the merchant types into the connector's "Workspace URL" from now on.
        pub fn types_workspace(&self, workspace: &str) {
            self.options.lock().unwrap().workspace = Some(workspace.to_owned());
        }

        /// The outcome of the last robot run.
        pub async fn last_outcome(&self) -> RobotOutcome {
            let handle = self.runs.lock().unwrap().pop().expect("the robot ran");
            handle.await.unwrap().expect("robot run")
        }

        /// Waits until the robot has been started (by the engine, on another task), then its
        /// outcome.
        pub async fn last_outcome_waiting(&self) -> RobotOutcome {
            for _ in 0..400 {
                if !self.runs.lock().unwrap().is_empty() {
                    return self.last_outcome().await;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            panic!("the browser was never opened")
        }

        /// The merchant opens `url` in this browser by hand.
        pub async fn run_now(&self, url: &str) -> RobotOutcome {
            let options = self.options.lock().unwrap().clone();
            robot::run(url, &options).await.expect("robot run")
        }
    }

    impl BrowserOpener for RobotOpener {
        fn open(&self, url: &Url) -> crate::Result<()> {
            self.opened.lock().unwrap().push(url.clone());
            let (url, options) = (url.to_string(), self.options.lock().unwrap().clone());
            let run = tokio::spawn(async move { robot::run(&url, &options).await });
            self.runs.lock().unwrap().push(run);
            Ok(())
        }
    }
}

// ----- The core's own parts, for the crate's integration tests -----
// The clients, sign-ins and listener the wizard is built from, so a test can drive one of them
// alone against the sandbox. Grouped by the side they talk to, so `bigcommerce::sign_in` and
// `core1::sign_in` stay apart. The end-to-end `sign_in`s and `validate_api_account` are
// shortcuts the app does not take (it goes through the engine's steps), so they live here.

/// The BigCommerce side: the store client, the install/consent sign-in, the API-account road.
pub mod bigcommerce {
    pub use crate::bigcommerce::api_account::api_accounts_page;
    pub use crate::bigcommerce::client::BigCommerceClient;
    pub use crate::bigcommerce::oauth::BigCommerceGrant;
    pub use crate::bigcommerce::oauth::BigCommerceSignIn;
    pub use crate::bigcommerce::scopes::{missing as missing_scopes, scope_param};
    pub use crate::bigcommerce::StoreHash;

    use crate::bigcommerce::api_account::{parse_access_token, parse_api_path};
    use crate::bigcommerce::StoreInfo;
    use crate::{BrowserOpener, Profile, Result, SecretString};

    /// The sign-in end to end: start, open with `opener`, wait, exchange.
    pub async fn sign_in(
        profile: &Profile,
        http: reqwest::Client,
        client_secret: Option<SecretString>,
        opener: &dyn BrowserOpener,
    ) -> Result<BigCommerceGrant> {
        let signin = BigCommerceSignIn::start(profile, http, client_secret).await?;
        signin.open_with(opener)?;
        signin.finish().await
    }

    /// A store-level API account, checked against its store.
    #[derive(Debug, Clone)]
    pub struct ValidatedAccount {
        pub store_hash: StoreHash,
        pub access_token: SecretString,
        pub store: StoreInfo,
    }

    /// Road 2's two inputs parsed as the wizard parses them, and the token checked against
    /// the store (`GET /v2/store`).
    pub async fn validate_api_account(
        http: reqwest::Client,
        profile: &Profile,
        api_path: &str,
        access_token: &str,
    ) -> Result<ValidatedAccount> {
        let store_hash = parse_api_path(api_path)?;
        let access_token = parse_access_token(access_token)?;
        let client =
            BigCommerceClient::new(http, profile, store_hash.clone(), access_token.clone());
        let store = client.check_token().await?;
        Ok(ValidatedAccount {
            store_hash,
            access_token,
            store,
        })
    }
}

/// The Core1 side: the API client, the browser sign-in, the registration check, connections.
pub mod core1 {
    pub use crate::core1::api::Core1Client;
    pub use crate::core1::channels::readiness::ReadinessProblem;
    pub use crate::core1::channels::{Connection, Credentials, NewConnection};
    pub use crate::core1::oauth::Core1SignIn;
    pub use crate::core1::registration::rule::{PRODUCT_CLIENT_ID, REGISTRATION_NAME};
    pub use crate::core1::registration::Verdict;
    pub use crate::core1::workspace_url::check_reachable;
    pub use crate::core1::workspace_url::is_valid_label;

    use crate::{BrowserOpener, Profile, Result, SecretStore, WorkspaceUrl};

    /// The sign-in end to end: start, open with `opener`, wait, exchange.
    pub async fn sign_in(
        profile: &Profile,
        http: reqwest::Client,
        workspace: WorkspaceUrl,
        secrets: SecretStore,
        opener: &dyn BrowserOpener,
    ) -> Result<Core1Client> {
        let signin = Core1SignIn::start(profile, http, workspace, secrets).await?;
        signin.open_with(opener)?;
        signin.finish().await
    }
}

/// The one HTTP client builder, with the proxy settings given instead of read.
pub mod http {
    pub use crate::http::{client, client_with_env, HttpConfig, ProxyEnv};
}

/// The loopback listener alone.
pub mod listener {
    pub use crate::signin::listener::{start, CallbackParams, ListenerConfig};
}

/// A sign-in attempt (listener, `state`, PKCE pair) without a provider around it.
pub mod signin {
    pub use crate::signin::pkce::Pkce;
    pub use crate::signin::PendingSignIn;
}
