//! The practice world of a test: the sandbox started in the test process, the profile that
//! points the app at it, and the robot that plays the merchant's browser.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::{app_binary, artifacts_dir, workspace_root, Launch};

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

    /// The first connection Core1 has in `workspace`, as Manage names its card in element ids
    /// (`conn-health-{card}`): the core's own [`setup_core::wizard::ConnectionKey::tag`].
    pub fn card(&self, workspace: &str) -> String {
        let id = self.sandbox.connections(workspace).unwrap()[0].id;
        let base = url::Url::parse(self.sandbox.base_url()).unwrap();
        let rules = setup_core::Profile::demo(&base).core1.workspace;
        setup_core::wizard::ConnectionKey {
            workspace: setup_core::core1::WorkspaceUrl::parse(workspace, &rules).unwrap(),
            id,
        }
        .tag()
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
/// has `data/` and `config/` as XDG_DATA_HOME and XDG_CONFIG_HOME). HTML files (the onboarding
/// report the app opens) go to a recorder that notes each file in `opened.txt`
/// ([`crate::opened_files`]).
pub fn make_default_browser(home: &Path, browser: &str) {
    let apps = home.join("data/applications");
    std::fs::create_dir_all(&apps).unwrap();
    let recorder = home.join("report-viewer.sh");
    std::fs::write(
        &recorder,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n",
            home.join("opened.txt").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&recorder, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(
        apps.join("e2e-report.desktop"),
        format!(
            "[Desktop Entry]\nType=Application\nName=Report viewer\nExec={} %u\n\
             MimeType=text/html;\n",
            recorder.display()
        ),
    )
    .unwrap();
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
         x-scheme-handler/https=e2e-robot.desktop\ntext/html=e2e-report.desktop\n",
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

/// How many items the Secret Service of this session (the test's keyring) holds for `service`,
/// through `secret-tool` (libsecret-tools), the way a user would look. Proves first that the
/// search sees an item it plants under that service, so an empty answer means something.
pub fn keyring_items(service: &str) -> usize {
    let tool = |args: &[&str], input: Option<&str>| {
        use std::io::Write;
        let mut child = std::process::Command::new("secret-tool")
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("secret-tool (libsecret-tools) is installed");
        if let Some(text) = input {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        drop(child.stdin.take());
        // `search` prints each item's attributes on stderr (its secret on stdout, not read).
        let out = child.wait_with_output().unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let count = |text: &str| {
        text.lines()
            .filter(|l| l.trim() == format!("attribute.service = {service}"))
            .count()
    };
    let planted = ["service", service, "username", "keyring-items-probe"];
    tool(
        &[&["store", "--label=probe"][..], &planted[..]].concat(),
        Some("probe"),
    );
    let with_probe = count(&tool(&["search", "--all", "service", service], None));
    tool(&[&["clear"][..], &planted[..]].concat(), None);
    assert!(with_probe >= 1, "secret-tool does not see the keyring");
    count(&tool(&["search", "--all", "service", service], None))
}
