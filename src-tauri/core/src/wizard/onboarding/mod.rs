//! The onboarding report a consultant hands the merchant at the end of a session: one
//! self-contained HTML file about one known connection — workspace and store, the road taken and
//! why it matters later, the session's steps with their times, the connection's state and
//! figures, what arrived (store beside Core1, as a chart), the first settings, the go-live check,
//! what to do if something breaks, and who ran the session. Never a secret (it is built only
//! from non-secret facts; the leak tests search it for every secret of a run), and nothing about
//! any other connection this computer knows.
//!
//! [`Engine::onboarding_save`] gathers what Core1 (and the store, where this computer
//! holds its key) says now, [`render::render`] writes the document, and the file goes where the
//! user chose; [`Engine::onboarding_open_saved`] then opens exactly that file in the browser. The
//! support report (`wizard::report`) stays the plain text for support.

mod advice;
mod chart;
mod html;
mod render;
mod sections;
pub(super) mod words;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use url::Url;

pub use words::Words;

use super::arrived::Arrived;
use super::engine::Engine;
use super::events::ConnectionStatus;
use super::known::{ConnectionKey, KnownConnection};
use super::saved::now_ms;
use crate::core1::channels::ConnectionSettings;
use crate::error::{Error, Result};
use crate::signin::LinkPolicy;

/// Everything the report shows, gathered by the engine (or made by a test).
#[derive(Debug, Clone)]
pub struct ReportInput {
    /// The connection as this computer knows it (with its journal).
    pub connection: KnownConnection,
    pub practice: bool,
    pub app_version: String,
    /// Unix milliseconds.
    pub made_at: u64,
    /// What the merchant searches for in BigCommerce's marketplace (road 1's words).
    pub connector_name: String,
    /// Core1's connection now, or the code of why it could not be read.
    pub live: std::result::Result<ConnectionStatus, &'static str>,
    pub settings: Option<ConnectionSettings>,
    pub arrived: Option<Arrived>,
}

/// A report saved: where, how large, how long making it took (asking Core1 and the store
/// included).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub made_ms: u64,
}

/// The name the save dialog suggests: `Core1-BigCommerce-{workspace}-{YYYY-MM-DD}.html`, the day
/// in `tz` (the computer's own zone in the app).
pub(super) fn file_name<Tz: chrono::TimeZone>(key: &ConnectionKey, at: u64, tz: &Tz) -> String {
    let day = i64::try_from(at)
        .ok()
        .and_then(chrono::DateTime::from_timestamp_millis)
        .map(|d| {
            d.with_timezone(tz)
                .naive_local()
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_default();
    // A workspace name is one DNS label (a-z, 0-9, -); anything else is left out.
    let name: String = key
        .workspace
        .name()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("Core1-BigCommerce-{name}-{day}.html")
}

impl Engine {
    /// The file name the save dialog suggests for connection `key` today.
    pub fn onboarding_file_name(&self, key: &ConnectionKey) -> Result<String> {
        let known = self.known(key)?;
        Ok(file_name(&known.key, now_ms(), &chrono::Local))
    }

    /// What the report about `key` shows, as Core1 (and the store) say it now. A part that
    /// cannot be read right now is left out with a line saying so; only a connection this
    /// computer does not know (or an unconfirmed setup file) is an error.
    pub async fn onboarding_input(
        &self,
        key: &ConnectionKey,
        app_version: &str,
    ) -> Result<ReportInput> {
        let known = self.known(key)?;
        let client = self.core1_client(&known.key.workspace).await?;
        let live = client
            .get_connection(key.id)
            .await
            .map(|c| ConnectionStatus::of(&c))
            .map_err(|e| e.code());
        let settings = client.get_settings(key.id).await.ok();
        let arrived = match &live {
            Ok(_) => self.arrived_check(key).await.ok(),
            Err(_) => None,
        };
        Ok(ReportInput {
            // Read again: counting what arrived may have moved its journal on.
            connection: self.known(key).unwrap_or(known),
            practice: self.inner.profile.practice,
            app_version: app_version.to_owned(),
            made_at: now_ms(),
            connector_name: self.inner.profile.bigcommerce.connector_name.clone(),
            live,
            settings,
            arrived,
        })
    }

    /// Makes the report about `key` in `words`' language and writes it to `path` (the file the
    /// user chose; `.html` is added to a name without it, unless that file exists). The saved
    /// file is the one [`Engine::onboarding_open_saved`] may open.
    pub async fn onboarding_save(
        &self,
        key: &ConnectionKey,
        words: &Words,
        app_version: &str,
        path: &Path,
    ) -> Result<SavedReport> {
        let started = Instant::now();
        let input = self.onboarding_input(key, app_version).await?;
        let html = render::render(&input, words, &chrono::Local);
        let path = with_html_extension(path);
        std::fs::write(&path, html.as_bytes()).map_err(|e| Error::ReportNotSaved {
            reason: e.kind().to_string(),
        })?;
        let saved = SavedReport {
            bytes: html.len() as u64,
            made_ms: started.elapsed().as_millis() as u64,
            path: path.clone(),
        };
        tracing::info!(
            id = key.id,
            bytes = saved.bytes,
            made_ms = saved.made_ms,
            lang = words.lang(),
            "onboarding report saved"
        );
        self.state().saved_report = Some(path);
        Ok(saved)
    }

    /// Opens the report saved last in the system browser (its `file://` URL, and only that).
    pub fn onboarding_open_saved(&self) -> Result<()> {
        let saved = self.state().saved_report.clone();
        let saved = saved.ok_or(Error::WizardOutOfOrder)?;
        let url = Url::from_file_path(&saved).map_err(|()| Error::ReportNotSaved {
            reason: "not an absolute path".into(),
        })?;
        if !LinkPolicy::allows_saved_report(&url, &saved) {
            return Err(Error::BrowserOpenFailed {
                reason: "address not allowed".into(),
            });
        }
        self.inner.opener.open_file(&url)
    }
}

/// `path`, with `.html` added when it has no `.html`/`.htm` ending and the longer name is free.
fn with_html_extension(path: &Path) -> PathBuf {
    let has = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if has {
        return path.to_path_buf();
    }
    let mut longer = path.as_os_str().to_owned();
    longer.push(".html");
    let longer = PathBuf::from(longer);
    if longer.exists() {
        path.to_path_buf()
    } else {
        longer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;

    #[test]
    fn the_suggested_name_has_the_workspace_and_the_local_day() {
        let rules = Profile::production().core1.workspace;
        let key = ConnectionKey {
            workspace: crate::core1::WorkspaceUrl::parse("acme", &rules).unwrap(),
            id: 3,
        };
        // 2026-12-05 23:30 UTC is already the 6th in Berlin.
        let at = 1_796_513_400_000;
        assert_eq!(
            file_name(&key, at, &chrono::Utc),
            "Core1-BigCommerce-acme-2026-12-05.html"
        );
        let berlin = chrono::FixedOffset::east_opt(3600).unwrap();
        assert_eq!(
            file_name(&key, at, &berlin),
            "Core1-BigCommerce-acme-2026-12-06.html"
        );
    }

    #[test]
    fn a_name_without_html_gets_it_unless_that_file_exists() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("report");
        assert_eq!(with_html_extension(&plain), dir.path().join("report.html"));
        std::fs::write(dir.path().join("report.html"), "x").unwrap();
        assert_eq!(with_html_extension(&plain), plain);
        let htm = dir.path().join("r.HTM");
        assert_eq!(with_html_extension(&htm), htm);
    }
}
