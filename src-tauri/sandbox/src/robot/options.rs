//! What the robot is told: the accounts to sign in with, what to press, what to type, where to
//! keep cookies and log — from Rust or from the environment (`ROBOT_…`).

use crate::config::{
    BC_MERCHANT_EMAIL, CONNECTOR_APP_NAME, CORE1_CONSULTANT_EMAIL, PRACTICE_PASSWORD,
};
use std::path::PathBuf;
use std::time::Duration;

/// What to press on a consent page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RobotAction {
    Confirm,
    Cancel,
}

/// Who the robot signs in as, what it presses and types, and what it remembers.
#[derive(Debug, Clone)]
pub struct RobotOptions {
    pub bc_email: String,
    pub bc_password: String,
    pub core1_email: String,
    pub core1_password: String,
    pub action: RobotAction,
    /// Append a line per step here (no query strings, no secrets).
    pub log_path: Option<PathBuf>,
    /// Give up after this many requests.
    pub max_steps: usize,
    /// Timeout of each request.
    pub timeout: Duration,
    /// The app to find in Apps › Marketplace (`ROBOT_APP_NAME`).
    pub app_name: String,
    /// The file whose text is typed as the workspace on the connector's form, read when the
    /// form appears (`ROBOT_WORKSPACE_FILE`).
    pub workspace_file: Option<PathBuf>,
    /// How long to wait for `workspace_file` to have text (a person copying it from the wizard).
    pub workspace_wait: Duration,
    /// Typed when there is no `workspace_file` text (`ROBOT_WORKSPACE`).
    pub workspace: Option<String>,
    /// The browser's cookie jar, kept across runs (`ROBOT_COOKIES`).
    pub cookie_file: Option<PathBuf>,
    /// Paste into the connector's field what is on the X clipboard (`ROBOT_PASTE=clipboard`),
    /// waiting up to [`Self::workspace_wait`] for it.
    pub paste_from_clipboard: bool,
    /// An app registration to make in Core1 when the robot gets there
    /// (`ROBOT_REGISTRATION_FILE`, a [`RegistrationTask`](super::RegistrationTask) as JSON; removed once made).
    pub registration_file: Option<PathBuf>,
}

impl Default for RobotOptions {
    fn default() -> Self {
        Self {
            bc_email: BC_MERCHANT_EMAIL.into(),
            bc_password: PRACTICE_PASSWORD.into(),
            core1_email: CORE1_CONSULTANT_EMAIL.into(),
            core1_password: PRACTICE_PASSWORD.into(),
            action: RobotAction::Confirm,
            log_path: None,
            max_steps: 60,
            timeout: Duration::from_secs(15),
            app_name: CONNECTOR_APP_NAME.into(),
            workspace_file: None,
            workspace_wait: Duration::from_secs(10),
            workspace: None,
            cookie_file: None,
            paste_from_clipboard: false,
            registration_file: None,
        }
    }
}

impl RobotOptions {
    /// The defaults, overridden by the `ROBOT_*` environment variables.
    pub fn from_env() -> Self {
        let mut o = Self::default();
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(v) = var("ROBOT_BC_EMAIL") {
            o.bc_email = v;
        }
        if let Some(v) = var("ROBOT_BC_PASSWORD") {
            o.bc_password = v;
        }
        if let Some(v) = var("ROBOT_CORE1_EMAIL") {
            o.core1_email = v;
        }
        if let Some(v) = var("ROBOT_CORE1_PASSWORD") {
            o.core1_password = v;
        }
        if var("ROBOT_ACTION").is_some_and(|v| v.eq_ignore_ascii_case("cancel")) {
            o.action = RobotAction::Cancel;
        }
        if let Some(v) = var("ROBOT_APP_NAME") {
            o.app_name = v;
        }
        if let Some(ms) = var("ROBOT_WORKSPACE_WAIT_MS").and_then(|v| v.parse().ok()) {
            o.workspace_wait = Duration::from_millis(ms);
        }
        o.workspace_file = var("ROBOT_WORKSPACE_FILE").map(PathBuf::from);
        o.workspace = var("ROBOT_WORKSPACE");
        o.cookie_file = var("ROBOT_COOKIES").map(PathBuf::from);
        o.paste_from_clipboard = var("ROBOT_PASTE").is_some_and(|v| v == "clipboard");
        o.registration_file = var("ROBOT_REGISTRATION_FILE").map(PathBuf::from);
        o.log_path = var("ROBOT_LOG").map(PathBuf::from);
        o
    }
}
