//! What the person at the browser brings along besides their passwords: text from the X
//! clipboard (what an app put there with Copy), and the values of an app registration to type
//! into Core1's *Dev Tools › API › App registrations* — with the client secret Core1 then shows
//! once, written down for the person to paste elsewhere.

use super::{find_attr, find_form, has_id, submit, Next, RobotOptions};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;
use url::Url;

/// An app registration to make in Core1 (`ROBOT_REGISTRATION_FILE`, JSON). The robot makes it
/// once: the file is removed when the secret was shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationTask {
    /// *Name*.
    pub name: String,
    /// *Application (client) ID*.
    pub client_id: String,
    /// *Redirect URI*.
    pub redirect_uri: String,
    /// Delete a registration with the same client ID first (its secret was lost).
    #[serde(default)]
    pub replace_existing: bool,
    /// Where to write the client secret Core1 shows once.
    pub secret_file: PathBuf,
}

impl RegistrationTask {
    /// Writes the task for the robot to find.
    pub fn save(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string(self).map_err(|e| Error::RobotTask(e.to_string()))?;
        std::fs::write(path, text).map_err(|e| Error::RobotTask(e.to_string()))
    }

    fn load(path: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(path).ok()?;
        serde_json::from_str(&text).ok()
    }
}

/// Where the robot is on Core1's way to an app registration, for a task it has.
pub(super) enum Step {
    /// Go on with this request.
    Next(Next),
    /// The secret was shown and written down.
    Saved,
    /// Core1 refused the registration (`#app-registration-error`).
    Refused,
}

/// The next move on `body` (a Core1 page at `url`) for the registration task, if the robot has
/// one and the page is on the way to it.
pub(super) fn registration_step(
    opts: &RobotOptions,
    url: &Url,
    body: &str,
) -> Result<Option<Step>> {
    let Some(path) = &opts.registration_file else {
        return Ok(None);
    };
    let Some(task) = RegistrationTask::load(path) else {
        return Ok(None);
    };
    if let Some(secret) = secret_shown(body) {
        std::fs::write(&task.secret_file, secret).map_err(|e| Error::RobotTask(e.to_string()))?;
        let _ = std::fs::remove_file(path);
        return Ok(Some(Step::Saved));
    }
    if has_id(body, "app-registration-error") {
        return Ok(Some(Step::Refused));
    }
    if let Some(f) = find_form(body, "app-registration-form") {
        let fields = vec![
            ("name".to_owned(), task.name.clone()),
            ("client_id".to_owned(), task.client_id.clone()),
            ("redirect_uri".to_owned(), task.redirect_uri.clone()),
        ];
        return Ok(Some(Step::Next(submit(url, f, fields)?)));
    }
    if has_id(body, "app-registrations") || has_id(body, "no-registrations") {
        let existing = format!("delete-registration-{}", task.client_id);
        if let (true, Some(f)) = (task.replace_existing, find_form(body, &existing)) {
            return Ok(Some(Step::Next(submit(url, f, Vec::new())?)));
        }
    }
    for link in [
        "add-app-registration",
        "tab-app-registrations",
        "nav-devtools",
    ] {
        if let Some(href) = find_attr(body, "a", link, "href") {
            return Ok(Some(Step::Next((url.join(&href)?, None))));
        }
    }
    Ok(None)
}

/// The client secret on Core1's "saved" page.
fn secret_shown(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    let at = lower.find("id=\"app-registration-secret\"")?;
    let start = at + lower[at..].find('>')? + 1;
    let end = start + lower[start..].find('<')?;
    let secret = html_escape::decode_html_entities(body[start..end].trim()).into_owned();
    (!secret.is_empty()).then_some(secret)
}

/// The text on the X clipboard (`xclip -o -selection clipboard`), waiting up to `wait` while it
/// is empty — a person switching windows after pressing Copy.
pub(super) async fn clipboard_text(wait: Duration) -> Option<String> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let out = tokio::process::Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .output()
            .await;
        if let Ok(out) = out {
            let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            if out.status.success() && !text.is_empty() {
                return Some(text);
            }
        }
        if tokio::time::Instant::now() >= deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::secret_shown;

    #[test]
    fn reads_the_secret_shown_once() {
        let page = "<p>Client secret:</p><p><code class=\"secret\" id=\"app-registration-secret\">ab&amp;c__</code></p>";
        assert_eq!(secret_shown(page).as_deref(), Some("ab&c__"));
        assert_eq!(secret_shown("<p>nothing</p>"), None);
    }
}
