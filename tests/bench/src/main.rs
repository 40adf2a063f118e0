//! Benchmark driver: the app against a Tauri hello world built with the same release profile,
//! side by side. Run through `tests/bench/run.sh`, which builds both `.deb`s, starts Xvfb and a
//! D-Bus session with an unlocked keyring, and passes the paths:
//!
//! ```text
//! app-bench --app BIN --app-deb DEB --hello BIN --hello-deb DEB --robot BIN [--runs 7] [--flows 3]
//! ```
//!
//! "Interactive" is measured the same way for both apps: from the WebDriver new-session request
//! (tauri-driver already listening) until the page reports `body[data-ready="true"]`, polled every
//! 5 ms through WebDriver. Both pages set the marker after two animation frames once their first
//! screen is laid out. Memory is summed over the app process and every process below it (its
//! WebKitWebProcess and WebKitNetworkProcess): PSS from `/proc/PID/smaps_rollup` (shared pages
//! split fairly) and RSS (shared pages counted in every process). Only 127.0.0.1 is used.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder};
use setup_e2e::free_port;

struct Opts {
    app: PathBuf,
    app_deb: PathBuf,
    hello: PathBuf,
    hello_deb: PathBuf,
    robot: PathBuf,
    runs: usize,
    flows: usize,
}

fn parse_args() -> Opts {
    let mut m: HashMap<String, String> = HashMap::new();
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it
            .next()
            .unwrap_or_else(|| panic!("{k} needs a value (see the doc comment of app-bench)"));
        m.insert(k.trim_start_matches("--").to_string(), v);
    }
    let path = |k: &str| -> PathBuf {
        let p = m.get(k).unwrap_or_else(|| panic!("--{k} is required"));
        std::fs::canonicalize(p).unwrap_or_else(|e| panic!("--{k} {p}: {e}"))
    };
    Opts {
        app: path("app"),
        app_deb: path("app-deb"),
        hello: path("hello"),
        hello_deb: path("hello-deb"),
        robot: path("robot"),
        runs: m.get("runs").map_or(7, |v| v.parse().unwrap()),
        flows: m.get("flows").map_or(3, |v| v.parse().unwrap()),
    }
}

/// Memory of a process tree, in KiB.
#[derive(Debug, Default, Clone)]
struct Mem {
    pss: u64,
    rss: u64,
    processes: usize,
    /// PSS by process kind (`app`, `WebKitWebProcess`, `WebKitNetworkProcess`, …), in KiB.
    by_kind: Vec<(String, u64)>,
}

fn ppid_map() -> HashMap<u32, u32> {
    let mut map = HashMap::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // The command name is in parentheses and may hold spaces: parse after the last ')'.
        if let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) {
            if let Some(ppid) = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
                map.insert(pid, ppid);
            }
        }
    }
    map
}

fn descendants(root: u32, map: &HashMap<u32, u32>) -> Vec<u32> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i];
        out.extend(map.iter().filter(|(_, &pp)| pp == parent).map(|(&p, _)| p));
        i += 1;
    }
    out
}

/// The app's PID: the process below the driver whose executable is `binary`.
fn find_app(driver: u32, binary: &Path) -> Option<u32> {
    let map = ppid_map();
    descendants(driver, &map)
        .into_iter()
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
}

fn rollup(pid: u32) -> Option<(u64, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    Some((field("Pss:")?, field("Rss:")?))
}

/// What a process of the tree is: `app` for the root, else its command name (WebKit's helper
/// processes, whose 15-character `comm` is completed to the full name).
fn kind(pid: u32, app: u32) -> String {
    if pid == app {
        return "app".into();
    }
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    let comm = comm.trim();
    [
        "WebKitWebProcess",
        "WebKitNetworkProcess",
        "WebKitGPUProcess",
    ]
    .into_iter()
    .find(|full| full.starts_with(comm) && !comm.is_empty())
    .map_or_else(|| comm.to_string(), str::to_string)
}

fn tree_memory(app: u32) -> Mem {
    let map = ppid_map();
    let mut mem = Mem::default();
    for pid in descendants(app, &map) {
        if let Some((pss, rss)) = rollup(pid) {
            mem.pss += pss;
            mem.rss += rss;
            mem.processes += 1;
            let k = kind(pid, app);
            match mem.by_kind.iter_mut().find(|(name, _)| *name == k) {
                Some((_, v)) => *v += pss,
                None => mem.by_kind.push((k, pss)),
            }
        }
    }
    mem
}

fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        && std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            !s.rsplit_once(')')
                .is_some_and(|(_, r)| r.trim_start().starts_with('Z'))
        })
}

/// A started tauri-driver, stopped by its PID when dropped — also when a launch panics before
/// its session is up.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One started app: its tauri-driver, WebDriver session and PID.
struct Running {
    driver: Driver,
    client: Client,
    app_pid: u32,
    started_to_ready: Duration,
    /// [`phases`], for the per-run lines.
    phases: String,
    /// From the new-session request to the page's navigation start: the process (started twice,
    /// see `webkit_env`), the toolkit, the window and its web process up — the noisy part.
    to_navigation: Duration,
}

/// Fresh XDG data, config and cache folders for a first launch; pass the same ones again for a
/// second launch.
fn fresh_home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    for sub in ["data", "config", "cache"] {
        std::fs::create_dir_all(home.path().join(sub)).unwrap();
    }
    home
}

/// WebKitGTK's compositing path, as the variable the app sets decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Renderer {
    /// What the app ships with: nothing in the environment, so the app (and the hello world,
    /// like for like) sets `WEBKIT_DISABLE_DMABUF_RENDERER=1` itself.
    Shipped,
    /// WebKit's default, the DMA-BUF renderer: `WEBKIT_DISABLE_DMABUF_RENDERER=0`, a user's value
    /// that both programs keep.
    WebKitDefault,
}

impl Renderer {
    const ALL: [Renderer; 2] = [Renderer::Shipped, Renderer::WebKitDefault];

    fn label(self) -> &'static str {
        match self {
            Renderer::Shipped => "shipped renderer (DMA-BUF off)",
            Renderer::WebKitDefault => "WebKit default (DMA-BUF)",
        }
    }
}

async fn launch(
    binary: &Path,
    args: &[&str],
    env: &[(&str, String)],
    home: &Path,
    renderer: Renderer,
) -> Running {
    let port = free_port();
    let driver_bin = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
    let mut cmd = Command::new(driver_bin);
    cmd.args(["--port", &port.to_string()])
        .args(["--native-port", &free_port().to_string()])
        .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("WEBKIT_DISABLE_DMABUF_RENDERER")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if renderer == Renderer::WebKitDefault {
        cmd.env("WEBKIT_DISABLE_DMABUF_RENDERER", "0");
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let driver = Driver(cmd.spawn().expect("tauri-driver could not start"));
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "tauri-driver did not listen");
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": binary, "args": args }),
    );
    let t0 = Instant::now();
    let t0_epoch = std::time::SystemTime::now();
    let mut attempt = 0;
    let client = loop {
        // The native driver behind tauri-driver may not answer yet: retry quickly.
        match ClientBuilder::rustls()
            .unwrap()
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) => {
                attempt += 1;
                assert!(
                    attempt < 100,
                    "no WebDriver session for {}: {e}",
                    binary.display()
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    };
    loop {
        let ready = client
            .execute(
                "return !!document.body && document.body.dataset.ready === 'true';",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if ready {
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(30),
            "{} never became ready",
            binary.display()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let started_to_ready = t0.elapsed();
    let (phases, to_navigation) = phases(&client, t0_epoch).await;
    let app_pid = find_app(driver.0.id(), binary)
        .unwrap_or_else(|| panic!("no process of {} below the driver", binary.display()));
    Running {
        driver,
        client,
        app_pid,
        started_to_ready,
        phases,
        to_navigation,
    }
}

/// Where a start's time went, in ms from the new-session request: the page's navigation start
/// (process, window and webview up, first request made), its DOM loaded, and ready; and the
/// navigation start alone.
async fn phases(client: &Client, t0: std::time::SystemTime) -> (String, Duration) {
    let script = "const n = performance.getEntriesByType('navigation')[0];\
                  return [performance.timeOrigin, n ? n.responseEnd : 0, \
                  n ? n.domContentLoadedEventEnd : 0, performance.now()];";
    let Ok(v) = client.execute(script, vec![]).await else {
        return (String::new(), Duration::ZERO);
    };
    if std::env::var_os("BENCH_RESOURCES").is_some() {
        let list = client
            .execute(
                "return performance.getEntriesByType('mark').map(e => \
                 [e.name, Math.round(e.startTime)]);",
                vec![],
            )
            .await;
        let request = t0
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs_f64();
        eprintln!("marks (ms after navigation; new-session request at {request:.3} s): {list:?}");
        let frames = client
            .execute_async(
                "const done = arguments[0]; const t = []; \
                 const f = () => { t.push(performance.now()); \
                 if (t.length < 6) requestAnimationFrame(f); else done(t.slice(1).map((x, i) => Math.round(x - t[i]))); }; \
                 requestAnimationFrame(f);",
                vec![],
            )
            .await;
        eprintln!("frame intervals after ready: {frames:?}");
    }
    let f = |i: usize| v[i].as_f64().unwrap_or(0.0);
    let origin = f(0)
        - t0.duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs_f64()
            * 1000.0;
    let text = format!(
        "navigation {origin:.0}, page received {:.0}, DOM loaded {:.0}, ready {:.0}",
        origin + f(1),
        origin + f(2),
        origin + f(3)
    );
    (text, Duration::from_secs_f64(origin.max(0.0) / 1000.0))
}

/// The app's own timed log lines (`state ready in … ms`, …) of the launches on `home`, the
/// hello world having none: `XDG_DATA_HOME/<identifier>/logs/*.log`.
fn timed_log_lines(home: &Path) -> Vec<String> {
    let logs = std::fs::read_dir(home.join("data"))
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|app| {
            std::fs::read_dir(app.path().join("logs"))
                .into_iter()
                .flatten()
        })
        .flatten();
    let mut lines = Vec::new();
    for log in logs {
        let text = std::fs::read_to_string(log.path()).unwrap_or_default();
        lines.extend(
            text.lines()
                .filter(|l| (l.contains(" in ") && l.ends_with(" ms")) || l.contains(" ms:"))
                .map(str::to_owned),
        );
    }
    lines
}

impl Running {
    /// Ends the session, stops the driver and waits until the app is gone (single instance).
    async fn stop(self) {
        let _ = self.client.clone().close().await;
        drop(self.driver);
        let deadline = Instant::now() + Duration::from_secs(10);
        while alive(self.app_pid) && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        if alive(self.app_pid) {
            // Started by us (through our driver): stop it by its PID.
            let _ = Command::new("kill").arg(self.app_pid.to_string()).status();
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }
}

/// The practice flow as a merchant clicks it: buttons found by `data-testid`, clicked in the page
/// (no WebDriver round trip per step), the workspace typed as input events. Lap times say where
/// the time goes; most of "to Active" is the sandbox's simulated first synchronisation. Two
/// parts: up to the store step (which answers the workspace address the merchant then pastes
/// into the connector, played by the robot), and from "Open BigCommerce" to Active.
const FLOW_HELPERS: &str = r#"
const done = arguments[arguments.length - 1];
const q = (id) => document.querySelector(`[data-testid="${id}"]`);
const until = (id, test = (n) => !n.disabled) => new Promise((resolve, reject) => {
  const t = performance.now();
  const tick = () => {
    const n = q(id);
    if (n && test(n)) return resolve(n);
    if (performance.now() - t > 90000) return reject(new Error(`never saw ${id}`));
    setTimeout(tick, 2);
  };
  tick();
});
const click = async (id) => { (await until(id)).click(); };
window.__bench = window.__bench || { t0: performance.now(), laps: {} };
const lap = (name) => { window.__bench.laps[name] = Math.round(performance.now() - window.__bench.t0); window.__benchStep = name; };
"#;

/// Up to the Core1 screen, which asks for the one-time app registration (practice mode knows
/// none): answers the values to type in Core1, read from the screen.
const FLOW_TO_REGISTRATION: &str = r#"
(async () => {
  await click('welcome-start');
  const ws = await until('ws-input');
  ws.value = 'practice';
  ws.dispatchEvent(new Event('input', { bubbles: true }));
  await until('ws-preview-url', (n) => n.textContent.includes('practice'));
  await click('ws-continue');
  const name = (await until('core1-reg-name')).textContent.trim();
  const clientId = (await until('core1-reg-client_id')).textContent.trim();
  const redirect = (await until('core1-reg-redirect_uri')).textContent.trim();
  lap('registration shown');
  done({ ok: true, name, clientId, redirect });
})().catch((e) => done({ ok: false, error: String(e), step: window.__benchStep }));
"#;

/// "Open Core1" for the registration (the merchant has the values in mind by now).
const FLOW_OPEN_CORE1: &str = r#"
(async () => {
  await click('core1-reg-open');
  done({ ok: true });
})().catch((e) => done({ ok: false, error: String(e), step: window.__benchStep }));
"#;

/// The secret Core1 showed pasted (`arguments[0]`), then the sign-in, up to the store step.
const FLOW_SECRET_TO_STORE_STEP: &str = r#"
(async () => {
  const secret = await until('core1-reg-secret');
  secret.value = arguments[0];
  secret.dispatchEvent(new Event('input', { bubbles: true }));
  await click('core1-reg-save');
  await click('core1-sign-in');
  await until('bc-workspace-url');
  lap('signed in to Core1');
  done({ ok: true });
})().catch((e) => done({ ok: false, error: String(e), step: window.__benchStep }));
"#;

/// Copy (the robot pastes from the X clipboard), Open BigCommerce, "Is this your store?" Yes,
/// Active.
const FLOW_CONNECTOR_TO_ACTIVE: &str = r#"
(async () => {
  await click('bc-copy-workspace');
  await until('bc-copy-workspace', (n) => n.textContent.includes('✓'));
  await click('bc-open-connector');
  await click('bc-candidate-yes');
  await until('status-title'); lap('connected');
  await until('status-badge', (n) => n.dataset.phase === 'active'); lap('active');
  done({ ok: true, ms: performance.now() - window.__bench.t0, laps: window.__bench.laps });
})().catch((e) => done({ ok: false, error: String(e), step: window.__benchStep }));
"#;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn min_max(v: &[f64]) -> (f64, f64) {
    let min = v.iter().copied().fold(f64::INFINITY, f64::min);
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (min, max)
}

fn stripped_size(binary: &Path) -> u64 {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("bin");
    std::fs::copy(binary, &copy).unwrap();
    let ok = Command::new("strip")
        .arg(&copy)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "strip failed on {}", binary.display());
    std::fs::metadata(&copy).unwrap().len()
}

fn mib(bytes: u64) -> String {
    format!("{:.2} MiB", bytes as f64 / 1048576.0)
}

fn row(figure: &str, app: String, hello: String, ratio: String, target: &str) {
    println!("{figure:<44} {app:>22} {hello:>22} {ratio:>7}  {target}");
}

fn ratio(a: f64, b: f64) -> String {
    format!("{:.2}x", a / b)
}

/// Figures of one (program, renderer, launch) cell over the runs.
#[derive(Default)]
struct Cell {
    start_ms: Vec<f64>,
    /// The start split at the page's navigation start (see [`Running::to_navigation`]).
    to_navigation_ms: Vec<f64>,
    navigation_to_ready_ms: Vec<f64>,
    pss_mib: Vec<f64>,
    rss_mib: Vec<f64>,
    by_kind: HashMap<String, Vec<f64>>,
}

impl Cell {
    fn add(&mut self, start: Duration, m: &Mem) {
        self.start_ms.push(start.as_secs_f64() * 1000.0);
        self.pss_mib.push(m.pss as f64 / 1024.0);
        self.rss_mib.push(m.rss as f64 / 1024.0);
        for (k, v) in &m.by_kind {
            self.by_kind
                .entry(k.clone())
                .or_default()
                .push(*v as f64 / 1024.0);
        }
    }
}

/// Which figure of a [`Cell`] a table block shows.
type Pick = fn(&Cell) -> &Vec<f64>;

const LAUNCHES: [&str; 2] = ["first launch", "second launch"];

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let o = parse_args();
    assert!(o.runs >= 1, "--runs must be at least 1");
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "needs a display: run through tests/bench/run.sh"
    );
    let settle = Duration::from_millis(1500);

    // Start and memory at the Welcome screen: per run, per renderer, each program twice on the
    // same XDG folders — a first launch (fresh data and cache) and a second one — the programs
    // alternating; run 0 is a warm-up and not counted.
    let bins = [&o.app, &o.hello];
    let mut cells: HashMap<(usize, Renderer, usize), Cell> = HashMap::new();
    for run in 0..=o.runs {
        for renderer in Renderer::ALL {
            for (i, bin) in bins.iter().enumerate() {
                let home = fresh_home();
                let mut logged = 0;
                for (l, launch_name) in LAUNCHES.iter().enumerate() {
                    let r = launch(bin, &[], &[], home.path(), renderer).await;
                    tokio::time::sleep(settle).await;
                    let m = tree_memory(r.app_pid);
                    if run > 0 {
                        let cell = cells.entry((i, renderer, l)).or_default();
                        cell.add(r.started_to_ready, &m);
                        let to_nav = r.to_navigation.min(r.started_to_ready);
                        cell.to_navigation_ms.push(to_nav.as_secs_f64() * 1000.0);
                        cell.navigation_to_ready_ms
                            .push((r.started_to_ready - to_nav).as_secs_f64() * 1000.0);
                    }
                    eprintln!(
                        "run {run}{} {} {}, {launch_name}: ready {:.0} ms ({}), PSS {:.1} MiB \
                         {:?}, RSS {:.1} MiB, {} processes",
                        if run == 0 { " (warm-up)" } else { "" },
                        bin.file_name().unwrap().to_string_lossy(),
                        renderer.label(),
                        r.started_to_ready.as_secs_f64() * 1000.0,
                        r.phases,
                        m.pss as f64 / 1024.0,
                        m.by_kind
                            .iter()
                            .map(|(k, v)| format!("{k} {:.1}", *v as f64 / 1024.0))
                            .collect::<Vec<_>>(),
                        m.rss as f64 / 1024.0,
                        m.processes
                    );
                    r.stop().await;
                    if std::env::var_os("BENCH_RESOURCES").is_some() {
                        // The log outlives a launch: this launch's lines come after the last.
                        let lines = timed_log_lines(home.path());
                        for line in &lines[logged.min(lines.len())..] {
                            eprintln!("  log: {line}");
                        }
                        logged = lines.len();
                    }
                }
            }
        }
    }

    // The practice flow through the running app (its commands over IPC from the page, the real
    // system-browser path played by the robot), then memory after it; shipped renderer.
    let mut flow_ms = Vec::new();
    let mut to_connect_ms = Vec::new();
    let mut flow = Cell::default();
    for i in 0..o.flows {
        let robot_log = tempfile::NamedTempFile::new().unwrap();
        let browser = tempfile::tempdir().unwrap();
        let task = browser.path().join("registration.json");
        let secret = browser.path().join("secret.txt");
        let env = [
            ("BROWSER", o.robot.display().to_string()),
            ("ROBOT_LOG", robot_log.path().display().to_string()),
            (
                "ROBOT_COOKIES",
                browser.path().join("cookies.json").display().to_string(),
            ),
            // What the merchant copies in the app is pasted from the X clipboard.
            ("ROBOT_PASTE", "clipboard".to_owned()),
            ("ROBOT_REGISTRATION_FILE", task.display().to_string()),
        ];
        let home = fresh_home();
        setup_e2e::make_default_browser(home.path(), &o.robot.display().to_string());
        let r = launch(&o.app, &["--demo"], &env, home.path(), Renderer::Shipped).await;
        r.client
            .update_timeouts(TimeoutConfiguration::new(
                Some(Duration::from_secs(120)),
                None,
                None,
            ))
            .await
            .unwrap();
        let t0 = Instant::now();
        let run = |script: &'static str, args: Vec<serde_json::Value>| {
            let client = r.client.clone();
            let log = robot_log.path().to_path_buf();
            async move {
                let out = client
                    .execute_async(&format!("{FLOW_HELPERS}{script}"), args)
                    .await
                    .unwrap_or_else(|e| {
                        panic!(
                            "practice flow: {e}; robot log: {}",
                            std::fs::read_to_string(&log).unwrap_or_default()
                        )
                    });
                assert_eq!(
                    out["ok"].as_bool(),
                    Some(true),
                    "practice flow failed: {out}; robot log: {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
                out
            }
        };
        // The merchant registers the app in the practice Core1 with the values the screen
        // shows (the robot types them), and pastes the secret Core1 shows once.
        let form = run(FLOW_TO_REGISTRATION, vec![]).await;
        let value = |k: &str| form[k].as_str().unwrap().to_owned();
        setup_e2e::registration_task(
            &task,
            &secret,
            &value("name"),
            &value("clientId"),
            &value("redirect"),
            false,
        );
        run(FLOW_OPEN_CORE1, vec![]).await;
        let shown = setup_e2e::shown_secret(&secret);
        run(FLOW_SECRET_TO_STORE_STEP, vec![shown.into()]).await;
        let out = run(FLOW_CONNECTOR_TO_ACTIVE, vec![]).await;
        let wall = t0.elapsed();
        tokio::time::sleep(settle).await;
        let m = tree_memory(r.app_pid);
        let ms = out["ms"].as_f64().unwrap_or(wall.as_secs_f64() * 1000.0);
        eprintln!(
            "flow {i}: {ms:.0} ms (laps {}), PSS {:.1} MiB {:?}, RSS {:.1} MiB",
            out["laps"],
            m.pss as f64 / 1024.0,
            m.by_kind,
            m.rss as f64 / 1024.0
        );
        flow_ms.push(ms);
        to_connect_ms.push(
            out["laps"]["signed in to Core1"]
                .as_f64()
                .unwrap_or(f64::NAN),
        );
        flow.add(wall, &m);
        r.stop().await;
    }

    let deb = [
        std::fs::metadata(&o.app_deb).unwrap().len(),
        std::fs::metadata(&o.hello_deb).unwrap().len(),
    ];
    let stripped = [stripped_size(&o.app), stripped_size(&o.hello)];
    println!();
    row(
        "figure",
        "app".into(),
        "hello world".into(),
        "ratio".into(),
        "target",
    );
    row(
        ".deb size",
        mib(deb[0]),
        mib(deb[1]),
        ratio(deb[0] as f64, deb[1] as f64),
        "app ≤ 6 MB",
    );
    row(
        "binary size, stripped",
        mib(stripped[0]),
        mib(stripped[1]),
        ratio(stripped[0] as f64, stripped[1] as f64),
        "",
    );
    let cell = |i: usize, r: Renderer, l: usize| &cells[&(i, r, l)];
    let spread = |v: &[f64], unit: &str| {
        let (lo, hi) = min_max(v);
        format!("{:.0} {unit} ({lo:.0}–{hi:.0})", median(v.to_vec()))
    };
    let figures: [(&str, Pick, &str, &str); 5] = [
        (
            "start → interactive Welcome",
            |c| &c.start_ms,
            "ms",
            "≤ 1.1x",
        ),
        (
            "— of it: start → the page's navigation start",
            |c| &c.to_navigation_ms,
            "ms",
            "",
        ),
        (
            "— of it: navigation start → interactive Welcome",
            |c| &c.navigation_to_ready_ms,
            "ms",
            "",
        ),
        ("memory at Welcome, PSS", |c| &c.pss_mib, "MiB", "≤ 1.05x"),
        ("memory at Welcome, RSS", |c| &c.rss_mib, "MiB", ""),
    ];
    for (name, pick, unit, target) in figures {
        println!("{name}, median of {} (min–max):", o.runs);
        for renderer in Renderer::ALL {
            for (l, launch_name) in LAUNCHES.iter().enumerate() {
                let (a, h) = (pick(cell(0, renderer, l)), pick(cell(1, renderer, l)));
                row(
                    &format!("  {}, {launch_name}", renderer.label()),
                    spread(a, unit),
                    spread(h, unit),
                    ratio(median(a.clone()), median(h.clone())),
                    if renderer == Renderer::Shipped {
                        target
                    } else {
                        "(WebKit's default, for comparison)"
                    },
                );
            }
        }
    }
    println!("PSS at Welcome by process, shipped renderer, first launch (median MiB):");
    let (a, h) = (cell(0, Renderer::Shipped, 0), cell(1, Renderer::Shipped, 0));
    let mut kinds: Vec<&String> = a.by_kind.keys().chain(h.by_kind.keys()).collect();
    kinds.sort();
    kinds.dedup();
    for k in kinds {
        let m = |c: &Cell| c.by_kind.get(k).map_or(0.0, |v| median(v.clone()));
        row(
            &format!("  {k}"),
            format!("{:.1} MiB", m(a)),
            format!("{:.1} MiB", m(h)),
            ratio(m(a), m(h)),
            "",
        );
    }
    if !flow_ms.is_empty() {
        let own = median(a.pss_mib.clone());
        let fp = median(flow.pss_mib.clone());
        row(
            "memory after practice flow, PSS",
            format!("{fp:.1} MiB"),
            format!("app at Welcome {own:.1}"),
            ratio(fp, own),
            "≤ 1.15x",
        );
        for (k, v) in &flow.by_kind {
            row(
                &format!("  {k}"),
                format!("{:.1} MiB", median(v.clone())),
                format!(
                    "at Welcome {:.1}",
                    a.by_kind.get(k).map_or(0.0, |w| median(w.clone()))
                ),
                "".into(),
                "",
            );
        }
        let own_rss = median(a.rss_mib.clone());
        let fr = median(flow.rss_mib.clone());
        row(
            "memory after practice flow, RSS",
            format!("{fr:.1} MiB"),
            format!("app at Welcome {own_rss:.1}"),
            ratio(fr, own_rss),
            "",
        );
        let (c0, c1) = min_max(&to_connect_ms);
        row(
            &format!(
                "UI clicks: Welcome → signed in to Core1, median of {}",
                o.flows
            ),
            format!("{:.0} ms ({c0:.0}–{c1:.0})", median(to_connect_ms)),
            "–".into(),
            "".into(),
            "",
        );
        let (f0, f1) = min_max(&flow_ms);
        row(
            &format!("UI clicks: Welcome → Active, median of {}", o.flows),
            format!("{:.0} ms ({f0:.0}–{f1:.0})", median(flow_ms)),
            "–".into(),
            "".into(),
            "",
        );
    }
}
