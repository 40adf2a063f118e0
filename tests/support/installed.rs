//! The installed app seen from outside, for the tests `tests/support/installed-smoke.sh` runs
//! against it: the package's installed version, the app's windows and processes on the X server
//! (an app that restarted itself is no longer under the test's WebDriver session), and a picture
//! of the whole screen.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::artifacts_dir;

/// The version dpkg has installed of `package` (`None` when it is not installed).
pub fn installed_version(package: &str) -> Option<String> {
    let out = Command::new("dpkg-query")
        .args(["-W", "-f=${Status} ${Version}", package])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    text.strip_prefix("install ok installed ")
        .map(|v| v.trim().to_owned())
}

/// The process id of each top-level window titled `title` (from `_NET_WM_PID`, which GTK sets).
pub fn window_pids(title: &str) -> Vec<u32> {
    let tree = Command::new("xwininfo")
        .args(["-root", "-children"])
        .output()
        .unwrap();
    let tree = String::from_utf8_lossy(&tree.stdout);
    let wanted = format!("\"{title}\": (");
    tree.lines()
        .filter(|l| l.contains(&wanted))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter_map(|id| {
            let out = Command::new("xprop")
                .args(["-id", &id, "_NET_WM_PID"])
                .output()
                .ok()?;
            // `_NET_WM_PID(CARDINAL) = 1234`
            String::from_utf8_lossy(&out.stdout)
                .rsplit('=')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .collect()
}

/// Waits (up to `limit`) for a window titled `title` of a process other than `not`; its pid.
pub async fn wait_window_of_another_process(title: &str, not: u32, limit: Duration) -> u32 {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(pid) = window_pids(title).into_iter().find(|p| *p != not) {
            return pid;
        }
        assert!(
            Instant::now() < deadline,
            "no new window titled {title:?} within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The WebKit inspector address a process was started with (`WEBKIT_INSPECTOR_SERVER`, which
/// WebKitWebDriver gives the app it launches and a restarted app inherits).
pub fn inspector_address(pid: u32) -> Option<String> {
    let env = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
    env.split(|b| *b == 0)
        .filter_map(|kv| std::str::from_utf8(kv).ok())
        .find_map(|kv| kv.strip_prefix("WEBKIT_INSPECTOR_SERVER="))
        .map(str::to_owned)
}

/// Ends process `pid` (SIGTERM) and waits until it is gone.
pub async fn end_process(pid: u32) {
    let _ = Command::new("kill").arg(pid.to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        // A zombie (its parent, the app that restarted, is gone) is reaped by init.
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.contains(") Z ") {
            break;
        }
        assert!(Instant::now() < deadline, "process {pid} does not end");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The single-instance lock (a D-Bus name) goes with the process's connection.
    tokio::time::sleep(Duration::from_millis(1500)).await;
}

/// A picture of the whole X screen (ImageMagick's `import`) under `tests/artifacts/`.
pub fn screen_picture(name: &str) -> PathBuf {
    let path = artifacts_dir().join(format!("{name}.png"));
    let status = Command::new("import")
        .args(["-window", "root"])
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success(), "import could not take a picture");
    path
}
