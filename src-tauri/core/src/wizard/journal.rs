//! What the onboarding report tells about a connection, kept as it happened: the session's
//! milestones with their times, who signed in to Core1, and the go-live check's last result.
//! Non-secret, in the progress file beside the connection it belongs to (so a report made from
//! Manage later names this merchant's session alone, never another's).
//!
//! **Who signed in.** Actindo documents no call that names the Core1 user: the token answer has
//! `access_token`, `expires_in`, `token_type`, `scope`, `refresh_token`, and
//! `TenantTest.ping` answers `{"pong": …, "success": true, …}` (Actindo-AG/Documentation, branch
//! `ACD-1069`, `PIM/API/02_GetStarted.md`, steps 3 and 4); the app registration's toggle "Only
//! authentication scopes openid profile email … besides getting profile data" hints at a profile
//! call, but names none. So the wizard asks `ping` once after the sign-in and keeps the `user`
//! where Core1's answer has one (the practice Core1's does); without one the report says when
//! Core1 was signed in to and that Core1 does not tell who.

use serde::{Deserialize, Serialize};

use crate::bigcommerce::custom_urls::UrlCheck;
use crate::core1::api::PingUser;

/// The actions that make a report's steps (the rest are reads or repairs' parts): the flow's
/// steps before the connection, then what was done for it. Only successful ones are kept.
pub(super) const MILESTONES: &[&str] = &[
    "workspace_check",
    "core1_sign_in",
    "connector",
    "store_check",
    "bigcommerce_sign_in",
    "connect",
    "active",
    "update_settings",
    "custom_urls",
    "synchronize",
    "reinstall_connector",
    "update_credentials",
];

/// At most this many steps are kept per connection (the oldest go first).
const STEPS_KEPT: usize = 40;
/// At most this many colliding addresses are kept for the report (all are counted).
pub(super) const COLLISIONS_KEPT: usize = 20;

/// One milestone: what was done (an action name of [`MILESTONES`]), when, and how long it took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalStep {
    pub action: String,
    /// Unix milliseconds when it started.
    pub at: u64,
    pub duration_ms: u64,
}

/// The Core1 user as far as Core1 named them, and when the sign-in was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Core1User {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// Unix milliseconds.
    pub signed_in_at: u64,
}

impl Core1User {
    /// From `ping`'s answer (`None` fields where Core1 names nobody; blank names dropped).
    pub fn from_ping(user: Option<&PingUser>, signed_in_at: u64) -> Self {
        let keep = |s: Option<&String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        Core1User {
            name: keep(user.and_then(|u| u.name.as_ref())),
            email: keep(user.and_then(|u| u.email.as_ref())),
            signed_in_at,
        }
    }
}

/// The go-live check's last result for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UrlCheckRecord {
    /// Unix milliseconds.
    pub at: u64,
    /// The colliding addresses found, at most [`COLLISIONS_KEPT`] of them.
    pub check: UrlCheck,
    /// How many colliding addresses there were in all.
    pub groups: usize,
}

impl UrlCheckRecord {
    pub fn new(check: &UrlCheck, at: u64) -> Self {
        let mut kept = check.clone();
        kept.collisions.truncate(COLLISIONS_KEPT);
        UrlCheckRecord {
            at,
            check: kept,
            groups: check.collisions.len(),
        }
    }
}

/// A connection's journal (see the module's doc).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Journal {
    #[serde(default)]
    pub steps: Vec<JournalStep>,
    #[serde(default)]
    pub core1_user: Option<Core1User>,
    #[serde(default)]
    pub url_check: Option<UrlCheckRecord>,
}

impl Journal {
    /// Adds a successful action if it is a milestone. The same action right after itself (what
    /// arrived counted again, a second synchronization) moves that step's time instead.
    pub fn note(&mut self, action: &str, at: u64, duration_ms: u64) {
        if !MILESTONES.contains(&action) {
            return;
        }
        if let Some(last) = self.steps.last_mut().filter(|s| s.action == action) {
            last.at = at;
            last.duration_ms = duration_ms;
            return;
        }
        self.steps.push(JournalStep {
            action: action.to_owned(),
            at,
            duration_ms,
        });
        if self.steps.len() > STEPS_KEPT {
            let extra = self.steps.len() - STEPS_KEPT;
            self.steps.drain(..extra);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_milestones_are_kept_and_repeats_move_in_time() {
        let mut j = Journal::default();
        j.note("workspace_check", 1, 5);
        j.note("get_settings", 2, 5);
        j.note("update_settings", 3, 5);
        j.note("update_settings", 9, 7);
        j.note("synchronize", 10, 5);
        let actions: Vec<(&str, u64)> = j.steps.iter().map(|s| (s.action.as_str(), s.at)).collect();
        assert_eq!(
            actions,
            [
                ("workspace_check", 1),
                ("update_settings", 9),
                ("synchronize", 10)
            ]
        );
        for i in 0..100 {
            j.note(if i % 2 == 0 { "synchronize" } else { "active" }, i, 1);
        }
        assert_eq!(j.steps.len(), STEPS_KEPT);
    }

    #[test]
    fn a_blank_user_is_nobody() {
        let u = Core1User::from_ping(
            Some(&PingUser {
                email: Some(" a@b.example ".into()),
                name: Some("  ".into()),
            }),
            7,
        );
        assert_eq!(u.email.as_deref(), Some("a@b.example"));
        assert_eq!(u.name, None);
        assert_eq!(Core1User::from_ping(None, 7).email, None);
    }
}
