//! The support report a consultant copies: versions, profile, steps with timings, error codes.
//! Built only from non-secret facts; the leak tests search it for every issued secret.
//!
//! It names one connection: the one the report is asked about (a card in Manage), else this
//! run's. A report pasted into one merchant's ticket must not show the other merchants this
//! computer set up (their workspaces and store hashes), so the others are only counted.

use std::fmt::Write;

use super::engine::Engine;
use super::known::{ConnectionKey, KnownConnection};
use super::saved::{SavedRun, StoreRoad};
use crate::error::Result;
use crate::secret_store::SecretStoreStatus;

/// Facts only the shell knows.
#[derive(Debug, Clone, Default)]
pub struct AppFacts {
    pub app_version: String,
    pub os: String,
    pub locale: String,
}

impl Engine {
    /// The support report (never a secret), about the known connection `about` (a card in
    /// Manage) or, without one, about this run; other known connections are only counted.
    pub async fn support_report(
        &self,
        facts: &AppFacts,
        about: Option<&ConnectionKey>,
    ) -> Result<String> {
        let known = about.map(|key| self.known(key)).transpose()?;
        let p = self.saved_run();
        Ok(render(
            facts,
            &self.inner.profile.name,
            self.inner.profile.practice,
            &self.inner.secrets.ready().await,
            &p,
            known.as_ref(),
        ))
    }
}

/// Renders the report as plain text (pasted into an e-mail or a ticket), about the known
/// connection `about` or, without one, about this run.
pub(super) fn render(
    facts: &AppFacts,
    profile_name: &str,
    practice: bool,
    keyring: &SecretStoreStatus,
    progress: &SavedRun,
    about: Option<&KnownConnection>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Core1 BigCommerce Setup — support report");
    let _ = writeln!(out, "app version: {}", facts.app_version);
    let _ = writeln!(out, "core version: {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "os: {}", facts.os);
    let _ = writeln!(out, "language: {}", facts.locale);
    let _ = writeln!(
        out,
        "profile: {profile_name}{}",
        if practice { " (practice)" } else { "" }
    );
    let keyring = match keyring {
        SecretStoreStatus::Persistent => "os keyring".to_owned(),
        SecretStoreStatus::SessionOnly { reason } => format!(
            "this session only ({})",
            reason.as_deref().unwrap_or("chosen")
        ),
        SecretStoreStatus::Checking => "os keyring, still being checked".to_owned(),
    };
    let _ = writeln!(out, "secret storage: {keyring}");
    let _ = writeln!(out, "current step: {}", progress.step.as_str());
    match about {
        Some(k) => {
            let _ = writeln!(out, "about the connection: {}", k.key.id);
            let _ = writeln!(out, "store: {} (via {})", k.store_hash, road(k.road));
            let _ = writeln!(out, "workspace: {}", k.key.workspace);
        }
        None => {
            if let Some(s) = &progress.store {
                let _ = writeln!(
                    out,
                    "store: {} ({}, plan {}, via {})",
                    s.hash,
                    s.domain,
                    s.plan_name,
                    road(s.road)
                );
            }
            if let Some(w) = &progress.workspace {
                let _ = writeln!(out, "workspace: {}", w.url);
            }
            if let Some(id) = progress.connection_id {
                let _ = writeln!(out, "connection: {id}");
            }
        }
    }
    let _ = writeln!(
        out,
        "known connections on this computer: {} (named only the one this report is about)",
        progress.known.len()
    );
    let _ = writeln!(out, "steps (newest last):");
    for h in &progress.history {
        let _ = writeln!(
            out,
            "  {} {:<12} {:<28} {:>6} ms  {}",
            h.at,
            h.step.as_str(),
            h.action,
            h.duration_ms,
            h.outcome
        );
    }
    out
}

fn road(road: StoreRoad) -> &'static str {
    match road {
        StoreRoad::Connector => "the connector app",
        StoreRoad::ApiAccount => "api account",
        StoreRoad::OwnApp => "the wizard's own app",
    }
}
