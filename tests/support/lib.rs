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

pub mod a11y;

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

/// The app binary under test (`SETUP_APP_BINARY`, default the debug build).
pub fn app_binary() -> PathBuf {
    std::env::var_os("SETUP_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/core1-bigcommerce-setup"))
}

/// A port free on 127.0.0.1 right now (for tauri-driver and the app's callback).
pub fn free_port() -> u16 {
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
    /// A file that gets the app's own stdout and stderr (its whole log at the chosen level): the
    /// app then starts through a small shell wrapper next to that file. `None`: not kept.
    pub output: Option<PathBuf>,
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
        let _ = rustls::crypto::ring::default_provider().install_default();
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
        if let Some((_, browser)) = launch.env.iter().find(|(k, _)| k == "BROWSER") {
            make_default_browser(&home, browser);
        }
        let port = free_port();
        let driver_bin = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let mut cmd = Command::new(driver_bin);
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &free_port().to_string(),
        ])
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

        // WebKitWebDriver does not pass the app's stdout on: a wrapper keeps it.
        let binary = match &launch.output {
            Some(out) => output_wrapper(&binary, out),
            None => binary,
        };
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": binary, "args": launch.args }),
        );
        let mut last_err = None;
        let mut client = None;
        for _ in 0..40 {
            match ClientBuilder::rustls()
                .unwrap()
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
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
        self.find_within(css, Duration::from_secs(20))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// Waits up to `limit` for an element matching `css`. A screen that redraws while it is
    /// looked up (WebKitWebDriver: "stale element") is looked up again.
    async fn find_within(
        &self,
        css: &str,
        limit: Duration,
    ) -> Result<Element, fantoccini::error::CmdError> {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self
                .client
                .wait()
                .at_most(left)
                .for_element(Locator::Css(css))
                .await
            {
                Err(e) if e.to_string().contains("Stale") && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                other => return other,
            }
        }
    }

    /// Waits for the element with this `data-testid`.
    pub async fn by_testid(&self, id: &str) -> Element {
        self.wait_for(&format!("[data-testid='{id}']")).await
    }

    /// The text of the element with this `data-testid` (read again if the screen redrew it).
    pub async fn text(&self, id: &str) -> String {
        for _ in 0..20 {
            if let Ok(t) = self.by_testid(id).await.text().await {
                return t;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("could not read the text of {id}")
    }

    /// Scrolls the element with this `data-testid` into view inside the screen's scrolling area,
    /// as a user would before using it: WebKitWebDriver scrolls only the page itself, not a box
    /// that scrolls within it, and refuses elements it cannot see ("not interactable").
    pub async fn reveal(&self, id: &str) {
        let _ = self
            .client
            .execute(
                "const n = document.querySelector(`[data-testid='${arguments[0]}']`); \
                 if (n) n.scrollIntoView({ block: 'nearest', inline: 'nearest' });",
                vec![id.into()],
            )
            .await;
    }

    /// Clicks the element with this `data-testid`.
    pub async fn click(&self, id: &str) {
        for _ in 0..20 {
            self.reveal(id).await;
            if self.by_testid(id).await.click().await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("could not click {id}")
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

    /// Saves `en-{name}` and `de-{name}`: the same screen, in the same state, in both languages
    /// (switched with the language buttons, then back to English). The redrawn German screen is
    /// scrolled to `scroll` (a `data-testid`) when given, as the English one was.
    pub async fn screenshot_both(&self, name: &str, scroll: Option<&str>) {
        self.screenshot(&format!("en-{name}")).await;
        self.switch_language("de").await;
        if let Some(id) = scroll {
            self.scroll_to(id).await;
        }
        self.screenshot(&format!("de-{name}")).await;
        self.switch_language("en").await;
    }

    /// Presses the language button and waits until the page speaks `lang`.
    pub async fn switch_language(&self, lang: &str) {
        self.click(&format!("lang-{lang}")).await;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let now = self
                .client
                .execute("return document.documentElement.lang;", vec![])
                .await
                .unwrap();
            if now.as_str() == Some(lang) {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the page never switched to {lang}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Two frames for the redrawn screen to be painted.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    /// Brings the element with this `data-testid` into view (for a screenshot of it) the way a
    /// keyboard user would: by focusing its first button (WebKitWebDriver's screenshots follow
    /// focus scrolling, not `scrollIntoView`).
    pub async fn scroll_to(&self, id: &str) {
        self.client
            .execute(
                "const n = document.querySelector(`[data-testid='${arguments[0]}']`); \
                 if (n) { const b = n.querySelector('h2[tabindex], button') || n; \
                 if (document.activeElement) document.activeElement.blur(); b.focus(); }",
                vec![id.into()],
            )
            .await
            .unwrap();
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
        // The app is single-instance: give it a moment to leave before the next launch.
        tokio::time::sleep(Duration::from_millis(1500)).await;
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

/// A shell script next to `out` that runs `binary` with its arguments and environment, its
/// stdout and stderr appended to `out`.
fn output_wrapper(binary: &Path, out: &Path) -> PathBuf {
    let quote = |p: &Path| format!("'{}'", p.display().to_string().replace('\'', "'\\''"));
    let script = out.with_extension("sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nexec {} \"$@\" >>{} 2>&1\n",
            quote(binary),
            quote(out)
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    script
}

fn wait_until(limit: Duration, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !ok() {
        assert!(Instant::now() < deadline, "timed out after {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

// ----- the sandbox, the profile that points the app at it, and the robot browser -----

/// A sandbox started in the test process, with the profile file that points the app at it, and
/// the robot browser's memory: its cookies (so the Core1 sign-in leaves "the browser" logged in
/// to Core1, as the connector's START SETUP needs) and what the merchant pastes.
pub struct Practice {
    pub sandbox: setup_sandbox::SandboxHandle,
    pub profile: PathBuf,
    /// The robot's cookie jar (`ROBOT_COOKIES`), kept across robot runs and app launches.
    pub cookies: PathBuf,
    /// What the merchant pastes into the connector's "Workspace URL" (`ROBOT_WORKSPACE_FILE`).
    pub paste_file: PathBuf,
    /// The robot's steps in this test (`ROBOT_LOG`, under `tests/artifacts/`).
    pub robot_log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Practice {
    /// Starts a sandbox whose connection phases last `phase_ms` each.
    pub async fn start(phase_ms: u64) -> Practice {
        let sandbox = setup_sandbox::Sandbox::start(setup_sandbox::SandboxConfig::fast(
            Duration::from_millis(phase_ms),
        ))
        .await
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let profile = dir.path().join("profile.json");
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        std::fs::write(
            &profile,
            serde_json::json!({
                "base": "demo",
                "name": "e2e",
                "sandbox_url": sandbox.base_url(),
                "connector_help_after": HELP_AFTER_SECS,
            })
            .to_string(),
        )
        .unwrap();
        Practice {
            sandbox,
            profile,
            cookies: dir.path().join("robot-cookies.json"),
            paste_file: dir.path().join("robot-paste.txt"),
            robot_log: artifacts_dir().join(format!("robot-{nanos}.log")),
            _dir: dir,
        }
    }

    /// The app's data folder for this practice's setup file under `home` (a setup file's
    /// progress lives in a folder of its own, named by the id derived from the file).
    pub fn data_dir(&self, home: &Path) -> PathBuf {
        let profile = setup_core::Profile::load(&self.profile).unwrap();
        home.join("data/io.core1setup.bigcommerce/profiles")
            .join(profile.file_id.unwrap())
    }

    /// What the merchant will paste into the connector (as copied from the wizard).
    pub fn paste(&self, text: &str) {
        std::fs::write(&self.paste_file, text).unwrap();
    }

    /// A browser that is logged in nowhere (its cookies gone).
    pub fn forget_browser_sessions(&self) {
        let _ = std::fs::remove_file(&self.cookies);
    }

    /// Road 2's key: a store-level API account with the access the connector needs (or
    /// `scopes`), as BigCommerce's control panel would create it.
    pub fn api_account(&self, scopes: Option<&[&str]>) -> setup_sandbox::ApiAccount {
        let scopes = scopes.unwrap_or(&CONNECTOR_SCOPES);
        self.sandbox.create_api_account("abc123", scopes).unwrap()
    }

    /// Launch settings for another computer: the same sandbox, its own keyring entries.
    pub fn launch_elsewhere(&self, lang: &str) -> Launch {
        let text = std::fs::read_to_string(&self.profile).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        // Its own profile name: its own keyring service and data folder, as on another computer.
        v["name"] = "e2e-elsewhere".into();
        let other = self.profile.with_file_name("elsewhere.json");
        std::fs::write(&other, v.to_string()).unwrap();
        let mut launch = self.launch(lang, None);
        launch.args[1] = other.display().to_string();
        // Another computer, another browser: cookies of its own.
        for (k, v) in &mut launch.env {
            if k == "ROBOT_COOKIES" {
                *v = self
                    .cookies
                    .with_file_name("elsewhere-cookies.json")
                    .display()
                    .to_string();
            }
        }
        launch
    }

    /// Launch settings: this profile, the robot as the system browser, English (or `lang`).
    pub fn launch(&self, lang: &str, home: Option<PathBuf>) -> Launch {
        Launch {
            args: vec!["--profile".into(), self.profile.display().to_string()],
            env: vec![
                ("LANG".into(), lang.into()),
                ("LANGUAGE".into(), lang.split('.').next().unwrap().into()),
                ("BROWSER".into(), robot_binary().display().to_string()),
                ("ROBOT_LOG".into(), self.robot_log.display().to_string()),
                ("ROBOT_COOKIES".into(), self.cookies.display().to_string()),
                (
                    "ROBOT_WORKSPACE_FILE".into(),
                    self.paste_file.display().to_string(),
                ),
            ],
            home,
            output: None,
        }
    }
}

/// xdg-open asks the desktop's default web browser before `$BROWSER` when a display is set (and
/// a machine may have a real browser installed): make `browser` the default of this home (which
/// has `data/` and `config/` as XDG_DATA_HOME and XDG_CONFIG_HOME).
pub fn make_default_browser(home: &Path, browser: &str) {
    let apps = home.join("data/applications");
    std::fs::create_dir_all(&apps).unwrap();
    std::fs::write(
        apps.join("e2e-robot.desktop"),
        format!(
            "[Desktop Entry]\nType=Application\nName=Robot browser\nExec={browser} %u\n\
             MimeType=x-scheme-handler/http;x-scheme-handler/https;\n"
        ),
    )
    .unwrap();
    std::fs::write(
        home.join("config/mimeapps.list"),
        "[Default Applications]\nx-scheme-handler/http=e2e-robot.desktop\n\
         x-scheme-handler/https=e2e-robot.desktop\n",
    )
    .unwrap();
}

/// After how long the road-1 screen offers help in the tests' profile (the app's default is
/// 3 minutes; practice mode 45 s).
pub const HELP_AFTER_SECS: u64 = 3;

/// The access Actindo's connector asks for, as the sandbox registers it.
pub use setup_sandbox::config::CONNECTOR_SCOPES;

/// The robot that plays the system browser (built with the sandbox): next to the app binary,
/// or — for an installed app — in the workspace's debug build.
pub fn robot_binary() -> PathBuf {
    let beside = app_binary().with_file_name("browser-robot");
    let path = if beside.exists() {
        beside
    } else {
        workspace_root().join("target/debug/browser-robot")
    };
    assert!(
        path.exists(),
        "{} missing: build setup-sandbox",
        path.display()
    );
    path
}

impl App {
    /// Whether an element with this `data-testid` is on the page now (no waiting).
    pub async fn exists(&self, id: &str) -> bool {
        self.client
            .find_all(Locator::Css(&format!("[data-testid='{id}']")))
            .await
            .map(|v| !v.is_empty())
            .unwrap_or(false)
    }

    /// Waits (up to `secs`) until an element with this `data-testid` is on the page.
    pub async fn wait_testid(&self, id: &str, secs: u64) -> Element {
        match self
            .find_within(&format!("[data-testid='{id}']"), Duration::from_secs(secs))
            .await
        {
            Ok(e) => e,
            Err(e) => {
                let shot = self.screenshot(&format!("FAILED-{id}")).await;
                let page = self.text("screen").await;
                panic!(
                    "{id} did not appear in {secs} s: {e}\npage: {page}\nscreenshot: {}",
                    shot.display()
                )
            }
        }
    }

    /// Replaces the text of an input with `text`, as typed.
    pub async fn type_into(&self, id: &str, text: &str) {
        let input = self.by_testid(id).await;
        self.reveal(id).await;
        input.clear().await.unwrap();
        if !text.is_empty() {
            input.send_keys(text).await.unwrap();
        }
    }

    /// The value of an input.
    pub async fn value(&self, id: &str) -> String {
        self.by_testid(id)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// An attribute of the element with this `data-testid`.
    pub async fn attr(&self, id: &str, name: &str) -> Option<String> {
        let v = self
            .client
            .execute(
                "const n = document.querySelector(`[data-testid='${arguments[0]}']`); \
                 return n ? n.getAttribute(arguments[1]) : null;",
                vec![id.into(), name.into()],
            )
            .await
            .unwrap();
        v.as_str().map(str::to_owned)
    }

    /// Waits until the element's attribute equals `want`.
    pub async fn wait_attr(&self, id: &str, name: &str, want: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let got = if self.exists(id).await {
                self.attr(id, name).await
            } else {
                None
            };
            if got.as_deref() == Some(want) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{id}[{name}] never became {want:?}; last {got:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What the aria-live region says now.
    pub async fn announcer(&self) -> String {
        self.attr_text("announcer").await
    }

    /// Waits until the aria-live region has said `needle`.
    pub async fn wait_announced(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let said = self.announcer().await;
            if said.contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the announcer never said {needle:?}; last {said:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The text content of an element, visible or not (e.g. the visually hidden announcer).
    pub async fn attr_text(&self, id: &str) -> String {
        let v = self
            .client
            .execute(
                "const n = document.querySelector(`[data-testid='${arguments[0]}']`); \
                 return n ? n.textContent : null;",
                vec![id.into()],
            )
            .await
            .unwrap();
        v.as_str().unwrap_or_default().to_owned()
    }

    /// The `data-testid` of the element that has the keyboard focus.
    pub async fn focused_testid(&self) -> Option<String> {
        let v = self
            .client
            .execute(
                "return document.activeElement && document.activeElement.dataset.testid || null;",
                vec![],
            )
            .await
            .unwrap();
        v.as_str().map(str::to_owned)
    }

    /// Waits for the screen whose heading has this `data-testid`, and checks that the keyboard
    /// focus moved to it.
    pub async fn wait_screen(&self, heading: &str) {
        self.wait_testid(heading, 30).await;
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.focused_testid().await.as_deref() != Some(heading) {
            assert!(
                Instant::now() < deadline,
                "focus did not move to {heading}: {:?}",
                self.focused_testid().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Asserts that no error code leaks as text onto the page.
    pub async fn assert_no_codes_shown(&self) {
        // BigCommerce's own field names are quoted so the merchant can find them.
        let text = self
            .text("screen")
            .await
            .replace("Access token", "")
            .replace("API token", "");
        for bad in [
            "_", "OAuth", "token", "HTTP", "JSON", "callback", "redirect",
        ] {
            assert!(!text.contains(bad), "the page shows {bad:?}: {text}");
        }
    }
}

// ----- walking the wizard -----

/// Welcome → Workspace (typed as `input`) → Core1 sign-in (robot) → the store step (road 1).
/// Screenshots `{shots}-welcome`, `-workspace`, `-core1`, `-core1-waiting`, `-bigcommerce`
/// and `-api-account` when `shots` is set.
pub async fn through_workspace_and_core1(
    app: &App,
    practice: &Practice,
    input: &str,
    shots: Option<&str>,
) {
    app.wait_screen("welcome-title").await;
    if let Some(s) = shots {
        app.screenshot(&format!("{s}-welcome")).await;
    }
    app.click("welcome-start").await;
    app.wait_screen("ws-title").await;
    app.type_into("ws-input", input).await;
    let name = input.split('.').next().unwrap();
    app.wait_text("ws-preview-url", name).await;
    if let Some(s) = shots {
        app.screenshot(&format!("{s}-workspace")).await;
    }
    app.click("ws-continue").await;
    app.wait_screen("core1-title").await;
    if let Some(s) = shots {
        app.screenshot(&format!("{s}-core1")).await;
        // Hold the robot's first page a moment, to see the waiting state.
        practice.sandbox.set_fault(
            setup_sandbox::Fault::Latency {
                ms: 2500,
                area: Some(setup_sandbox::Area::Core1),
            },
            Some(1),
        );
    }
    app.click("core1-sign-in").await;
    if let Some(s) = shots {
        app.wait_testid("waiting-title", 5).await;
        app.screenshot(&format!("{s}-core1-waiting")).await;
    }
    app.wait_screen("bc-title").await;
    assert!(app
        .text("bc-workspace-url")
        .await
        .contains(&format!("/core1/{name}")));
    if let Some(s) = shots {
        app.screenshot(&format!("{s}-bigcommerce")).await;
        // Road 2, always offered: the exact access to set, and the file to pick.
        app.click("bc-use-api").await;
        app.wait_screen("bc-api-title").await;
        app.wait_testid("scope-products_modify", 10).await;
        assert_eq!(
            app.attr("bc-api-key", "type").await.as_deref(),
            Some("password")
        );
        assert!(app.exists("bc-api-file").await);
        app.screenshot(&format!("{s}-api-account")).await;
        app.click("bc-use-connector").await;
        app.wait_screen("bc-title").await;
    }
}

/// Road 1: the merchant pastes the address the wizard shows into the connector (the robot plays
/// BigCommerce, the connector and Core1's hand-over) and the wizard moves on to Status.
pub async fn through_connector(app: &App, practice: &Practice, shots: Option<&str>) {
    let url = app.text("bc-workspace-url").await;
    if let Some(s) = shots {
        // Hold the connector a moment, to see the waiting state.
        practice.sandbox.set_fault(
            setup_sandbox::Fault::Latency {
                ms: 2500,
                area: Some(setup_sandbox::Area::BcLogin),
            },
            Some(1),
        );
        practice.paste(url.trim());
        app.click("bc-copy-workspace").await;
        app.click("bc-open-connector").await;
        app.wait_testid("bc-connector-waiting", 5).await;
        assert!(app.exists("bc-connector-open-again").await);
        assert!(app.exists("bc-connector-cancel").await);
        app.screenshot(&format!("{s}-connector-waiting")).await;
    } else {
        practice.paste(url.trim());
        app.click("bc-open-connector").await;
    }
    app.wait_screen("status-title").await;
}

/// Waits for the Status screen to say Active and checks the counts it shows.
pub async fn wait_active(app: &App, practice: &Practice) {
    app.wait_attr("status-badge", "data-phase", "active", 60)
        .await;
    let lc = &practice.sandbox.config().core1.lifecycle;
    for (row, total) in [
        ("attributes", lc.attributes),
        ("attributeSets", lc.attribute_sets),
        ("attributeGroups", lc.attribute_groups),
        ("sync", lc.products),
    ] {
        let text = app.text(&format!("status-count-{row}")).await;
        assert!(
            text.contains(&total.to_string()),
            "{row} shows {text:?}, expected {total}"
        );
        assert_eq!(
            app.attr(&format!("status-row-{row}"), "data-state")
                .await
                .as_deref(),
            Some("done")
        );
    }
    assert_eq!(
        app.attr("status-row-active", "data-state").await.as_deref(),
        Some("done")
    );
    app.wait_testid("status-done", 5).await;
    assert!(app.exists("status-open-core1").await);
    assert!(app.exists("keep-app").await);
}

/// The whole wizard on road 1 to an active connection, on the Status screen.
pub async fn to_active(app: &App, practice: &Practice, workspace: &str) {
    through_workspace_and_core1(app, practice, workspace, None).await;
    through_connector(app, practice, None).await;
    wait_active(app, practice).await;
}

/// Road 2 with a file: hands `text` to the file input as if the merchant picked a .txt file
/// (WebDriver cannot drive the system's file chooser; the page reads the file the same way).
pub async fn pick_file(app: &App, testid: &str, name: &str, text: &str) {
    app.client
        .execute(
            "const input = document.querySelector(`[data-testid='${arguments[0]}']`); \
             const dt = new DataTransfer(); \
             dt.items.add(new File([arguments[2]], arguments[1], { type: 'text/plain' })); \
             input.files = dt.files; \
             input.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![testid.into(), name.into(), text.into()],
        )
        .await
        .unwrap();
}

/// The English words the UI shows for an error code (`errors.<code>.text` + `.next`).
pub fn english_words(code: &str) -> (String, String) {
    let path = workspace_root().join("ui/locales/en.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let e = &v["errors"][code];
    (
        e["text"].as_str().unwrap().to_owned(),
        e["next"].as_str().unwrap().to_owned(),
    )
}
