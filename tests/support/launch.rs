//! Starting the app under test: tauri-driver around the real binary, each test with its own
//! data, config and cache folders; stopped by PID when the test is done.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

use crate::make_default_browser;

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
        crate::make_documents_dir(&home);
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
        // WebKitWebDriver's screenshot (WebKit's page snapshot) never answers under Xvfb when
        // the app runs with the DMA-BUF renderer off, as it ships (the page paints; only the
        // snapshot hangs): the tests run the app on WebKit's default renderer, a user's value
        // the app keeps. The shipped setting itself is tested with the real binary in
        // src-tauri/tests/webkit_env.rs; a launch may still ask for it through `launch.env`.
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "0")
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

    /// A WebDriver session with an app that is already running (one that restarted itself after
    /// an update): WebKitWebDriver connects to the WebKit inspector the app was started with
    /// ([`crate::inspector_address`]) instead of launching it. Ending this session leaves the
    /// app running; the test ends it by its pid.
    pub async fn attach(inspector: &str) -> App {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let port = free_port();
        let driver = Command::new("/usr/bin/WebKitWebDriver")
            .arg(format!("--port={port}"))
            .arg(format!("--target={inspector}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("WebKitWebDriver could not start");
        wait_until(Duration::from_secs(20), || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        let client = ClientBuilder::rustls()
            .unwrap()
            .capabilities(serde_json::Map::new())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|e| panic!("no WebDriver session with the app at {inspector}: {e}"));
        let app = App {
            client,
            driver,
            home: PathBuf::new(),
            _home_guard: None,
        };
        app.wait_for("body[data-ready='true']").await;
        app
    }

    /// Ends the WebDriver session (closing the app) and stops the driver.
    pub async fn close(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        // The app is single-instance: give it a moment to leave before the next launch (and
        // before whatever is left of it is stopped).
        tokio::time::sleep(Duration::from_millis(1500)).await;
        self.stop_driver();
    }

    /// Stops the driver and what it started (WebKitWebDriver and, when the session did not
    /// close it, the app), by PID: an app left running after a failed test would make the next
    /// test's launch exit at once (the app is single-instance) and that test wait for ever.
    fn stop_driver(&mut self) {
        let started = descendants(self.driver.id());
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if !started.is_empty() {
            let _ = Command::new("kill")
                .arg("-KILL")
                .args(started.iter().map(u32::to_string))
                .stderr(Stdio::null())
                .status();
        }
    }
}

/// Every process below `pid` (children, their children, …), from `/proc`.
fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let child: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // `pid (comm) state ppid …`: comm may hold spaces and parentheses.
            let rest = &stat[stat.rfind(')')? + 1..];
            let parent = rest.split_whitespace().nth(1)?.parse().ok()?;
            Some((child, parent))
        })
        .collect();
    let mut found = Vec::new();
    let mut queue = vec![pid];
    while let Some(p) = queue.pop() {
        for &(child, parent) in &parents {
            if parent == p && !found.contains(&child) {
                found.push(child);
                queue.push(child);
            }
        }
    }
    found
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

/// The WM_CLASS (instance, class) of the top-level window titled `title`, as the X server has
/// it: what a dock matches against a launcher's `StartupWMClass` to group the window with it.
pub fn native_wm_class(title: &str) -> Option<(String, String)> {
    let tree = Command::new("xwininfo")
        .args(["-root", "-children"])
        .output()
        .ok()?;
    let tree = String::from_utf8_lossy(&tree.stdout);
    // `     0x200003 "Title": ("instance" "Class")  900x680+…`
    let wanted = format!("\"{title}\": (");
    let line = tree.lines().find(|l| l.contains(&wanted))?;
    let rest = &line[line.find(&wanted)? + wanted.len()..];
    let mut quoted = rest.split('"').skip(1).step_by(2);
    Some((quoted.next()?.to_owned(), quoted.next()?.to_owned()))
}

/// The `StartupWMClass` of the app's launcher: the installed one (`SETUP_DESKTOP_ENTRY`, set by
/// tests/support/installed-smoke.sh) or the template the .deb's launcher is made from.
pub fn launcher_startup_wm_class() -> String {
    let path = std::env::var_os("SETUP_DESKTOP_ENTRY")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            workspace_root().join("src-tauri/linux/io.core1setup.bigcommerce.desktop")
        });
    let entry = std::fs::read_to_string(&path).unwrap();
    entry
        .lines()
        .find_map(|l| l.strip_prefix("StartupWMClass="))
        .unwrap_or_else(|| panic!("{} has no StartupWMClass", path.display()))
        .trim()
        .to_owned()
}
