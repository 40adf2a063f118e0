//! Signed updates, the part without Tauri: when the app may look for a newer version, what it
//! remembers between launches, and what an update offers the merchant. The shell asks the
//! updater plugin (which downloads, verifies the signature and installs) only when
//! [`UpdateSituation::background_check`] or [`UpdateSituation::allowed`] say so.
//!
//! Where updates come from (the HTTPS endpoint) and the key their signatures must match are
//! fixed when the app is built (its `tauri.conf.json`, merged with the release machine's build
//! configuration); nothing here or in a setup file can change them. A setup file may only turn
//! the check off ([`UpdateSettings`]).

pub(crate) mod memory;
pub(crate) mod notes;

use std::time::Duration;

use serde::{Deserialize, Serialize};

use memory::UpdateMemory;

/// How often the app looks for updates on its own: once a day is enough for a fix to reach every
/// wizard within a day of its release, and no more often than a merchant opens Manage.
pub(crate) const CHECK_INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);

/// A profile's say about updates: `"updates": {"check": false}` in a setup file turns the check
/// off (e.g. for a consultant's machine whose software is managed centrally). Nothing else about
/// updates can be set there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateSettings {
    /// Whether the app looks for newer versions (on by default).
    pub check: bool,
}

impl Default for UpdateSettings {
    fn default() -> Self {
        UpdateSettings { check: true }
    }
}

/// Why the app does not look for an update now. Logged, never shown: a merchant who cannot
/// update sees nothing about updates at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UpdateSkip {
    /// Practice mode (`--demo`) never looks: it touches nothing real.
    Practice,
    /// A setup file turned the check off.
    TurnedOff,
    /// Not started from an installed package (a developer's build): nothing to replace.
    NotInstalled,
    /// This build carries no update key or address (a build made without the release settings).
    NotConfigured,
    /// A setup is under way (or a repair in Manage): restarting now would interrupt it.
    SetupInProgress,
    /// Looked less than [`CHECK_INTERVAL`] ago.
    CheckedRecently,
}

/// What decides whether the app may look for an update, gathered by the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpdateSituation {
    /// Practice mode.
    pub practice: bool,
    /// The profile's [`UpdateSettings::check`].
    pub profile_allows: bool,
    /// Started from an installed package (the updater knows what to replace).
    pub installed: bool,
    /// The build carries an update address and key.
    pub configured: bool,
    /// The wizard rests on Manage: no setup, sign-in or repair under way.
    pub at_rest: bool,
}

impl UpdateSituation {
    /// Whether this copy may look for and install updates now (also when the merchant clicks
    /// *Update now*).
    pub fn allowed(&self) -> Result<(), UpdateSkip> {
        if self.practice {
            Err(UpdateSkip::Practice)
        } else if !self.profile_allows {
            Err(UpdateSkip::TurnedOff)
        } else if !self.configured {
            Err(UpdateSkip::NotConfigured)
        } else if !self.installed {
            Err(UpdateSkip::NotInstalled)
        } else if !self.at_rest {
            Err(UpdateSkip::SetupInProgress)
        } else {
            Ok(())
        }
    }

    /// Whether the app looks on its own now: [`Self::allowed`], and the last answered check is
    /// at least [`CHECK_INTERVAL`] old (or in the future: a clock set back must not stop checks
    /// for good).
    pub fn background_check(&self, memory: &UpdateMemory, now_ms: u64) -> Result<(), UpdateSkip> {
        self.allowed()?;
        match memory.last_check_ms {
            Some(last) if last <= now_ms && now_ms - last < CHECK_INTERVAL.as_millis() as u64 => {
                Err(UpdateSkip::CheckedRecently)
            }
            _ => Ok(()),
        }
    }
}

/// Whether `offered` is a newer version than `running` (both semantic versions; anything that
/// is not one is never newer).
pub(crate) fn is_newer(offered: &str, running: &str) -> bool {
    match (
        semver::Version::parse(offered.trim_start_matches('v')),
        semver::Version::parse(running.trim_start_matches('v')),
    ) {
        (Ok(o), Ok(r)) => o > r,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
