//! A connection's life over time, computed from timestamps when it is read (no ticking tasks):
//! `created` → `checking_credentials` → `creating_attributes` → `synchronizing` → `active`.
//!
//! The credentials check REALLY calls the sandbox's own BigCommerce API
//! (`GET {base}/bc-api/stores/{hash}/v2/store` with the token) from a spawned task: 2xx = valid;
//! 401/403/404 = `failed` with `credentialsValid: false`, `lastError.code: credentials_rejected`;
//! anything else after 3 tries = `failed` with `lastError.code: credentials_check_failed`.
//! The checking phase lasts at least its configured duration and until the check has answered.
//!
//! Once `active`, Core1 imports orders every [`LifecycleConfig::scheduled_import`] (counted
//! from the moment the connection became active) and re-checks the credentials then: if the
//! connection's token was revoked (the app uninstalled, or the API account deleted) before an
//! import, the connection reads `failed`, `credentialsValid: false`, `lastError.code:
//! "credentials_rejected"` from that import on, until its credentials are updated (the connector
//! again, or `updateCredentials`) — as Actindo documents: deleting the app "will invalidate the
//! access token" and the connection stops working. The import is modelled from the token's
//! revocation time rather than by polling BigCommerce, so it costs no rate-limit quota.
//!
//! `updatedAt` is when the connection was created or its credentials or settings last changed
//! (`create`, `updateCredentials`, `setEnabled`, `updateSettings`, the connector's hand-over) — never merely
//! because a phase advanced, a sync ran or an import failed. Watchers compare it to tell "this
//! connection was just (re)configured" from "it is progressing".

mod run;
mod view;

pub(crate) use run::{resume_checks, start_run};

use super::model::{Credentials, Phase};
use crate::config::LifecycleConfig;
use std::time::Instant;
use time::OffsetDateTime;

/// What a run does: everything, or only the synchronization (`synchronize` with good credentials).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum RunKind {
    Full,
    SyncOnly,
}

/// What the credentials check found.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum CheckOutcome {
    Valid,
    Rejected,
    Failed(String),
}

/// A run's check of the connection's BigCommerce credentials: still asking, or answered.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum CredentialsCheck {
    Pending,
    Done {
        #[serde(with = "crate::saved_forms::instant")]
        at: Instant,
        outcome: CheckOutcome,
    },
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Run {
    generation: u64,
    kind: RunKind,
    #[serde(with = "crate::saved_forms::instant")]
    started: Instant,
    check: CredentialsCheck,
    fail_sync_half: bool,
    /// Products this run leaves behind (the `products_left_behind` fault).
    left_behind: u32,
}

/// A stored connection, with its secret token (never echoed).
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct ConnectionRecord {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) store_hash: String,
    pub(crate) access_token: String,
    pub(crate) enabled: bool,
    /// `getSettings` / `updateSettings` (`super::settings`).
    pub(crate) settings: super::model::ConnectionSettings,
    /// "Order/Return have errors" (assumed field), switched by the control API.
    pub(crate) order_return_errors: bool,
    created_wall: OffsetDateTime,
    /// When the credentials or settings last changed, on the practice world's clock.
    touched_wall: OffsetDateTime,
    run: Run,
}

impl ConnectionRecord {
    /// A new connection, made at `wall` on the practice world's clock.
    pub(crate) fn new(
        id: i64,
        name: String,
        credentials: Credentials,
        wall: OffsetDateTime,
    ) -> Self {
        let now = Instant::now();
        Self {
            id,
            name,
            store_hash: credentials.store_hash,
            access_token: credentials.access_token,
            enabled: true,
            settings: Default::default(),
            order_return_errors: false,
            created_wall: wall,
            touched_wall: wall,
            run: Run {
                generation: 0,
                kind: RunKind::Full,
                started: now,
                check: CredentialsCheck::Pending,
                fail_sync_half: false,
                left_behind: 0,
            },
        }
    }

    /// Products the current run left behind (reported by `getStatistics` once it is done).
    pub(crate) fn left_behind(&self) -> u32 {
        self.run.left_behind
    }

    /// Marks a change of credentials or settings at `wall`, which `updatedAt` reports.
    pub(crate) fn touch(&mut self, wall: OffsetDateTime) {
        self.touched_wall = wall;
    }

    /// Sets `createdAt` and `updatedAt` back by `age` (a connection changed before now).
    pub(crate) fn backdate(&mut self, age: time::Duration) {
        self.created_wall -= age;
        self.touched_wall -= age;
    }

    /// Whether the current run found the credentials valid (and no import found them revoked).
    pub(crate) fn credentials_checked_ok(
        &self,
        lc: &LifecycleConfig,
        now: Instant,
        revoked_at: Option<Instant>,
    ) -> bool {
        match &self.run.check {
            CredentialsCheck::Done { outcome, .. } => {
                matches!(outcome, CheckOutcome::Valid)
                    && !self.rejected_at_import(lc, now, revoked_at)
            }
            CredentialsCheck::Pending => false,
        }
    }

    /// Whether the current run's check, or a scheduled import since, found the credentials
    /// rejected.
    pub(crate) fn credentials_rejected(
        &self,
        lc: &LifecycleConfig,
        now: Instant,
        revoked_at: Option<Instant>,
    ) -> bool {
        matches!(
            &self.run.check,
            CredentialsCheck::Done {
                outcome: CheckOutcome::Rejected,
                ..
            }
        ) || self.rejected_at_import(lc, now, revoked_at)
    }

    fn rejected_at_import(
        &self,
        lc: &LifecycleConfig,
        now: Instant,
        revoked_at: Option<Instant>,
    ) -> bool {
        let mut c = self.blank(lc);
        self.advance(&mut c, lc, now, revoked_at);
        c.phase == Phase::Failed
            && c.last_error
                .as_ref()
                .is_some_and(|e| e.code == "credentials_rejected")
    }
}
