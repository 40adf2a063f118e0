//! What only tests drive (the `test-support` feature, never in the app).

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
