//! The support report a consultant copies: versions, profile, steps with timings, error codes.
//! Built only from non-secret facts; the leak tests search it for every issued secret.

use std::fmt::Write;

use super::progress::{Progress, StoreRoad};
use crate::secrets::SecretStoreStatus;

/// Facts only the shell knows.
#[derive(Debug, Clone, Default)]
pub struct AppFacts {
    pub app_version: String,
    pub os: String,
    pub locale: String,
}

/// Renders the report as plain text (pasted into an e-mail or a ticket).
pub fn render(
    facts: &AppFacts,
    profile_name: &str,
    practice: bool,
    keyring: &SecretStoreStatus,
    progress: &Progress,
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
    if let Some(s) = &progress.store {
        let road = match s.road {
            StoreRoad::Connector => "the connector app",
            StoreRoad::ApiAccount => "api account",
            StoreRoad::OwnApp => "the wizard's own app",
        };
        let _ = writeln!(
            out,
            "store: {} ({}, plan {}, via {road})",
            s.hash, s.domain, s.plan_name
        );
    }
    if let Some(w) = &progress.workspace {
        let _ = writeln!(out, "workspace: {}", w.url);
    }
    if let Some(id) = progress.connection_id {
        let _ = writeln!(out, "connection: {id}");
    }
    let _ = writeln!(out, "known connections: {}", progress.known.len());
    for k in &progress.known {
        let _ = writeln!(
            out,
            "  - {} store {} in {}",
            k.key.id, k.store_hash, k.key.workspace
        );
    }
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
