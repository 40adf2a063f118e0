//! The practice world of a test: the sandbox started in the test process, the profile that
//! points the app at it, and the robot that plays the merchant's browser — which pastes into the
//! connector what is on the X clipboard, as a person does.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::{app_binary, artifacts_dir, workspace_root, Launch};

/// How long each phase of a practice connection lasts (created, attributes, …, active): how
/// much of the Status screen's way to Active a test gets to see.
#[derive(Clone, Copy, Debug)]
pub struct Pace {
    pub phase: Duration,
}

impl Pace {
    /// Active soon: for tests that need an active connection, not the way there.
    pub const QUICK: Pace = Pace::ms(300);
    /// Slow enough that the Status screen is seen on its way (the problems' screens).
    pub const CALM: Pace = Pace::ms(500);
    /// Status still shows the phases after "Is this your store?" was answered (and pictured).
    pub const WATCHABLE: Pace = Pace::ms(1200);
    /// Status is still running after the "Is this your store?" screen was audited or measured.
    pub const AUDITABLE: Pace = Pace::ms(1500);

    const fn ms(ms: u64) -> Pace {
        Pace {
            phase: Duration::from_millis(ms),
        }
    }
}

/// A sandbox started in the test process, with the profile file that points the app at it, and
/// the robot browser's memory: its cookies (so the Core1 sign-in leaves "the browser" logged in
/// to Core1, as the connector's START SETUP needs) and the app registration it is asked to make.
pub struct Practice {
    pub sandbox: setup_sandbox::SandboxHandle,
    pub profile: PathBuf,
    /// The robot's cookie jar (`ROBOT_COOKIES`), kept across robot runs and app launches.
    pub cookies: PathBuf,
    /// The app registration the robot makes in Core1 when it gets there
    /// (`ROBOT_REGISTRATION_FILE`; see [`Practice::register_task`]).
    pub registration_task: PathBuf,
    /// Where the robot writes the client secret Core1 shows once.
    pub registration_secret: PathBuf,
    /// The robot's steps in this test (`ROBOT_LOG`, under `tests/artifacts/`).
    pub robot_log: PathBuf,
    /// The Core1 Redirect URI's port of this world (free when it started).
    pub core1_port: u16,
    /// An `xclip` this test started to hold text on the clipboard ([`Practice::paste`]).
    clipboard: HeldClipboard,
    _dir: tempfile::TempDir,
}

/// The `xclip` holding what [`Practice::paste`] put on the clipboard; stopped by its PID when
/// replaced or dropped.
#[derive(Default)]
struct HeldClipboard(std::sync::Mutex<Option<std::process::Child>>);

impl HeldClipboard {
    fn stop(&self) {
        if let Some(mut child) = self.0.lock().unwrap().take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for HeldClipboard {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Practice {
    /// Store abc123 sells on two storefronts and the first synchronisation into workspace `acme`
    /// leaves 7 products behind: what Status's "did everything arrive?" is shown with.
    pub fn products_left_behind_on_two_storefronts(&self) {
        self.sandbox.set_storefronts("abc123", 2).unwrap();
        self.sandbox.set_fault(
            setup_sandbox::Fault::ProductsLeftBehind {
                workspace: Some("acme".into()),
                products: 7,
            },
            Some(1),
        );
    }

    /// Starts a sandbox whose connection phases go at `pace`, whose workspaces already know the
    /// wizard's Core1 app registration, which the setup file carries (as a consultant prefills
    /// it): the tests that are not about the registration do not walk it.
    pub async fn start(pace: Pace) -> Practice {
        Self::start_with(pace, true).await
    }

    /// [`Practice::start`] with workspaces that do not know the wizard yet: the first Core1
    /// sign-in walks the guided registration ([`crate::register_in_core1`]), once per world.
    pub async fn start_unregistered(pace: Pace) -> Practice {
        Self::start_with(pace, false).await
    }

    async fn start_with(pace: Pace, registered: bool) -> Practice {
        let core1_port = crate::free_port();
        let redirect = format!("http://127.0.0.1:{core1_port}/core1/callback");
        let mut config = setup_sandbox::SandboxConfig::fast(pace.phase);
        if registered {
            config = config.with_core1_registration(&redirect);
        }
        let sandbox = setup_sandbox::Sandbox::start(config).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let profile = dir.path().join("profile.json");
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let mut core1 = serde_json::json!({ "callback_port": core1_port });
        if registered {
            core1["client_secret"] = setup_sandbox::config::PRACTICE_CORE1_CLIENT_SECRET.into();
        }
        std::fs::write(
            &profile,
            serde_json::json!({
                "base": "demo",
                "name": "e2e",
                "sandbox_url": sandbox.base_url(),
                "connector_help_after": HELP_AFTER_SECS,
                "core1": core1,
            })
            .to_string(),
        )
        .unwrap();
        Practice {
            sandbox,
            profile,
            cookies: dir.path().join("robot-cookies.json"),
            registration_task: dir.path().join("robot-registration.json"),
            registration_secret: dir.path().join("robot-registration-secret.txt"),
            robot_log: artifacts_dir().join(format!("robot-{nanos}.log")),
            core1_port,
            clipboard: HeldClipboard::default(),
            _dir: dir,
        }
    }

    /// The first connection Core1 has in `workspace`, as Manage names its card in element ids
    /// (`conn-health-{card}`): the core's own [`setup_core::ConnectionKey::tag`].
    pub fn card(&self, workspace: &str) -> String {
        let id = self.sandbox.connections(workspace).unwrap()[0].id;
        let base = url::Url::parse(self.sandbox.base_url()).unwrap();
        let rules = setup_core::Profile::demo(&base).core1.workspace;
        setup_core::ConnectionKey {
            workspace: setup_core::WorkspaceUrl::parse(workspace, &rules).unwrap(),
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

    /// Puts `text` on the X clipboard, as if the merchant copied it from somewhere else than the
    /// wizard (`""`: nothing useful to paste). Held by an `xclip` this test started, stopped by
    /// its PID when the next text is put there or the world ends.
    pub fn paste(&self, text: &str) {
        self.clipboard.stop();
        let child = hold_on_clipboard(text);
        // Until xclip owns the selection, the old owner's text is still what a paste gets.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while clipboard_text().as_deref() != Some(text.trim()) {
            assert!(
                std::time::Instant::now() < deadline,
                "xclip never held {text:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        *self.clipboard.0.lock().unwrap() = Some(child);
    }

    /// Asks the robot to register the wizard's app in Core1 with these values the next time it
    /// gets to the workspace (a person typing what the screen shows).
    pub fn register_task(&self, name: &str, client_id: &str, redirect_uri: &str, replace: bool) {
        registration_task(
            &self.registration_task,
            &self.registration_secret,
            name,
            client_id,
            redirect_uri,
            replace,
        );
    }

    /// The client secret Core1 showed the robot, once it has (up to 15 s).
    pub fn shown_secret(&self) -> String {
        shown_secret(&self.registration_secret)
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
                // The robot pastes what is on the X clipboard into the connector's field.
                ("ROBOT_PASTE".into(), "clipboard".into()),
                (
                    "ROBOT_REGISTRATION_FILE".into(),
                    self.registration_task.display().to_string(),
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

/// Writes a registration task for the robot at `task` (see `setup_sandbox::robot`); the secret
/// Core1 shows will be written to `secret`.
pub fn registration_task(
    task: &Path,
    secret: &Path,
    name: &str,
    client_id: &str,
    redirect_uri: &str,
    replace: bool,
) {
    let _ = std::fs::remove_file(secret);
    setup_sandbox::robot::RegistrationTask {
        name: name.into(),
        client_id: client_id.into(),
        redirect_uri: redirect_uri.into(),
        replace_existing: replace,
        secret_file: secret.to_path_buf(),
    }
    .save(task)
    .unwrap();
}

/// The client secret the robot wrote to `secret`, once it has (up to 15 s).
pub fn shown_secret(secret: &Path) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(s) = std::fs::read_to_string(secret) {
            if !s.is_empty() {
                return s;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "Core1 never showed the secret (robot task at {})",
            secret.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Puts `text` on the X clipboard, held by an `xclip` that keeps running (and owning the
/// selection) until another program takes it or its caller stops it by its PID.
pub fn hold_on_clipboard(text: &str) -> std::process::Child {
    use std::io::Write;
    let mut child = std::process::Command::new("xclip")
        .args(["-quiet", "-selection", "clipboard", "-i"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("xclip (bootstrap_apt installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    child
}

/// The text on the X clipboard now (`xclip -o`), `None` when it holds none.
pub fn clipboard_text() -> Option<String> {
    let out = std::process::Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .output()
        .expect("xclip (bootstrap_apt installs it)");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// After how long the road-1 screen offers help in the tests' profile (the app's default is
/// 3 minutes; practice mode 45 s).
pub const HELP_AFTER_SECS: u64 = 3;

/// The access Actindo's connector asks for, as the sandbox registers it.
pub use setup_sandbox::config::CONNECTOR_SCOPES;

/// The connector's access with orders ticked read-only where it needs to change them: an API
/// account one access short.
pub fn orders_read_only() -> Vec<&'static str> {
    CONNECTOR_SCOPES
        .iter()
        .map(|s| {
            if *s == "store_v2_orders" {
                "store_v2_orders_read_only"
            } else {
                s
            }
        })
        .collect()
}

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
