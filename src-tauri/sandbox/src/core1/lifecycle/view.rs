//! A connection as Core1 reports it at a moment: its phase, progress and last error, computed
//! from the run's timestamps and the credentials check's answer.

use super::{CheckOutcome, ConnectionRecord, CredentialsCheck, RunKind};
use crate::config::LifecycleConfig;
use crate::core1::model::{Connection, ConnectionError, Phase, Progress, DRIVER_BIGCOMMERCE};
use crate::util::rfc3339;
use std::time::{Duration, Instant};

impl ConnectionRecord {
    /// The connection as Core1 reports it at `now`; `revoked_at` is when BigCommerce revoked
    /// its token, if it did.
    pub(crate) fn view(
        &self,
        lc: &LifecycleConfig,
        now: Instant,
        revoked_at: Option<Instant>,
    ) -> Connection {
        let mut c = self.blank(lc);
        self.advance(&mut c, lc, now, revoked_at);
        if !self.enabled {
            c.phase = Phase::Disabled;
        }
        c
    }

    pub(super) fn blank(&self, lc: &LifecycleConfig) -> Connection {
        let total = |t| Progress { done: 0, total: t };
        Connection {
            id: self.id,
            driver: DRIVER_BIGCOMMERCE.to_owned(),
            name: self.name.clone(),
            store_hash: self.store_hash.clone(),
            phase: Phase::Created,
            enabled: self.enabled,
            credentials_valid: None,
            attributes: total(lc.attributes),
            attribute_sets: total(lc.attribute_sets),
            attribute_groups: total(lc.attribute_groups),
            sync: total(lc.products),
            last_error: None,
            created_at: rfc3339(self.created_wall),
            updated_at: rfc3339(self.touched_wall),
            order_return_errors: Some(self.order_return_errors),
        }
    }

    /// Fills phase, progress and errors at `now`.
    pub(super) fn advance(
        &self,
        c: &mut Connection,
        lc: &LifecycleConfig,
        now: Instant,
        revoked_at: Option<Instant>,
    ) {
        let run = &self.run;
        let sync_start = match run.kind {
            RunKind::SyncOnly => {
                c.credentials_valid = Some(true);
                fill_share(&mut c.attributes, 1.0);
                fill_share(&mut c.attribute_sets, 1.0);
                fill_share(&mut c.attribute_groups, 1.0);
                run.started
            }
            RunKind::Full => {
                let checking_from = run.started + lc.created;
                if now < checking_from {
                    return;
                }
                c.phase = Phase::CheckingCredentials;
                let due = checking_from + lc.checking_credentials;
                let CredentialsCheck::Done { at, outcome } = &run.check else {
                    return;
                };
                let end = due.max(*at);
                if now < end {
                    return;
                }
                match outcome {
                    CheckOutcome::Valid => c.credentials_valid = Some(true),
                    CheckOutcome::Rejected => {
                        c.credentials_valid = Some(false);
                        return failed(c, "credentials_rejected", "BigCommerce rejected the access token (it may have been revoked when the app was uninstalled).");
                    }
                    CheckOutcome::Failed(why) => {
                        return failed(c, "credentials_check_failed", why);
                    }
                }
                c.phase = Phase::CreatingAttributes;
                let f = share_elapsed(now, end, lc.creating_attributes);
                fill_share(&mut c.attributes, f);
                fill_share(&mut c.attribute_sets, f);
                fill_share(&mut c.attribute_groups, f);
                if f < 1.0 {
                    return;
                }
                end + lc.creating_attributes
            }
        };
        c.phase = Phase::Synchronizing;
        let f = share_elapsed(now, sync_start, lc.synchronizing);
        if run.fail_sync_half && f >= 0.5 {
            c.sync.done = c.sync.total / 2;
            return failed(
                c,
                "sync_failed",
                "The initial synchronization stopped halfway: BigCommerce returned an error.",
            );
        }
        fill_share(&mut c.sync, f);
        if f < 1.0 {
            return;
        }
        c.phase = Phase::Active;
        let active_at = sync_start + lc.synchronizing;
        if let Some(import) = first_import_after(active_at, revoked_at, lc.scheduled_import) {
            if now >= import {
                c.credentials_valid = Some(false);
                failed(
                    c,
                    "credentials_rejected",
                    "At the scheduled order import BigCommerce rejected the access token (it was revoked, e.g. when the app was uninstalled). Reinstall the connector or enter a valid access token.",
                );
            }
        }
    }
}

/// The first scheduled import (every `every` from `active_at`) at or after the revocation.
fn first_import_after(
    active_at: Instant,
    revoked_at: Option<Instant>,
    every: Duration,
) -> Option<Instant> {
    let revoked = revoked_at?;
    if every.is_zero() {
        return Some(active_at.max(revoked));
    }
    let since = revoked.saturating_duration_since(active_at);
    let n = (since.as_nanos() / every.as_nanos()) + 1;
    let n = u32::try_from(n).ok()?;
    active_at.checked_add(every.checked_mul(n)?)
}

fn failed(c: &mut Connection, code: &str, message: &str) {
    c.phase = Phase::Failed;
    c.last_error = Some(ConnectionError {
        code: code.to_owned(),
        message: message.to_owned(),
    });
}

/// How much of a phase of `length` that began at `from` has passed at `now`, from 0.0 to 1.0
/// (a phase of no length is over at once).
fn share_elapsed(now: Instant, from: Instant, length: Duration) -> f64 {
    if length.is_zero() {
        return 1.0;
    }
    (now.saturating_duration_since(from).as_secs_f64() / length.as_secs_f64()).min(1.0)
}

/// Counts `share` (0.0 to 1.0) of `progress`'s total as done.
fn fill_share(progress: &mut Progress, share: f64) {
    progress.done = ((progress.total as f64) * share).floor() as u32;
}
