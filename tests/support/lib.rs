//! Shared start-up for the end-to-end tests: tauri-driver around the real app binary, each test
//! with its own data, config and cache folders, and screenshots saved for people to look at.
//!
//! Needs a display (`DISPLAY`, Xvfb in CI), `tauri-driver` (on `PATH` or `TAURI_DRIVER`),
//! `/usr/bin/WebKitWebDriver`, and a built app (`SETUP_APP_BINARY`, default
//! `target/debug/core1-bigcommerce-setup`). `tests/run-all.sh` provides all of them.
#![allow(clippy::unwrap_used)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};

pub use fantoccini;

/// The workspace root (the parent of `tests/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Where screenshots and logs of a run go (ignored by git).
pub fn artifacts_dir() -> PathBuf {
    let dir = workspace_root().join("tests/artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn app_binary() -> PathBuf {
    std::env::var_os("SETUP_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/core1-bigcommerce-setup"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// How to start the app for one test.
#[derive(Debug, Default, Clone)]
pub struct Launch {
    pub args: Vec<String>,
    /// Extra environment for the app (e.g. `LANG`, `BROWSER`).
    pub env: Vec<(String, String)>,
    /// Folder holding the app's XDG data/config/cache; pass the same one twice to test resume.
    pub home: Option<PathBuf>,
}

/// A running app in a real window, driven through WebDriver. Dropping it ends the session and
/// stops the driver it started, by PID.
pub struct App {
    pub client: Client,
    driver: Child,
    pub home: PathBuf,
    _home_guard: Option<tempfile::TempDir>,
}

impl App {
    /// Starts tauri-driver on a free port with the app's environment, then a WebDriver session.
    pub async fn launch(launch: Launch) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "end-to-end tests need a display: run them through tests/run-all.sh (Xvfb)"
        );
        let binary = app_binary();
        assert!(
            binary.exists(),
            "app binary {} missing: build it first",
            binary.display()
        );
        let (home, guard) = match launch.home {
            Some(h) => (h, None),
            None => {
                let dir = tempfile::tempdir().unwrap();
                (dir.path().to_path_buf(), Some(dir))
            }
        };
        for sub in ["data", "config", "cache"] {
            std::fs::create_dir_all(home.join(sub)).unwrap();
        }
        let port = free_port();
        let driver_bin = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let mut cmd = Command::new(driver_bin);
        cmd.args(["--port", &port.to_string(), "--native-port", &free_port().to_string()])
            .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (k, v) in &launch.env {
            cmd.env(k, v);
        }
        let driver = cmd.spawn().expect("tauri-driver could not start");
        let url = format!("http://127.0.0.1:{port}");
        wait_until(Duration::from_secs(20), || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });

        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": binary, "args": launch.args }),
        );
        let mut last_err = None;
        let mut client = None;
        for _ in 0..40 {
            match ClientBuilder::rustls().unwrap().capabilities(caps.clone()).connect(&url).await {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(e) => {
                    last_err = Some(e);
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
            }
        }
        let client = client.unwrap_or_else(|| panic!("no WebDriver session: {last_err:?}"));
        let app = App {
            client,
            driver,
            home,
            _home_guard: guard,
        };
        app.wait_for("body[data-ready='true']").await;
        app
    }

    /// Waits (up to 20 s) for an element matching a CSS selector.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// Waits for the element with this `data-testid`.
    pub async fn by_testid(&self, id: &str) -> Element {
        self.wait_for(&format!("[data-testid='{id}']")).await
    }

    /// The text of the element with this `data-testid`.
    pub async fn text(&self, id: &str) -> String {
        self.by_testid(id).await.text().await.unwrap()
    }

    /// Clicks the element with this `data-testid`.
    pub async fn click(&self, id: &str) {
        self.by_testid(id).await.click().await.unwrap();
    }

    /// Waits until the element's text contains `needle`.
    pub async fn wait_text(&self, id: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text(id).await;
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{id} never showed {needle:?}; last text: {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a PNG of the window's page under `tests/artifacts/` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "screenshot is not a PNG");
        let path = artifacts_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// Ends the WebDriver session (closing the app) and stops the driver.
    pub async fn close(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.stop_driver();
    }
}

fn wait_until(limit: Duration, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !ok() {
        assert!(Instant::now() < deadline, "timed out after {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
