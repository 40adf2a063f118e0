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

use super::model::{Connection, ConnectionError, Credentials, Phase, Progress, DRIVER_BIGCOMMERCE};
use crate::config::LifecycleConfig;
#[cfg(feature = "faults")]
use crate::faults::{names, Fault};
use crate::util::rfc3339;
use crate::World;
use std::sync::Arc;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// What a run does: everything, or only the synchronization (`synchronize` with good credentials).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum RunKind {
    Full,
    SyncOnly,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum Outcome {
    Valid,
    Rejected,
    Failed(String),
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum Check {
    Pending,
    Done {
        #[serde(with = "crate::saved_forms::instant")]
        at: Instant,
        outcome: Outcome,
    },
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Run {
    generation: u64,
    kind: RunKind,
    #[serde(with = "crate::saved_forms::instant")]
    started: Instant,
    check: Check,
    fail_sync_half: bool,
    /// Products this run leaves behind ([`Fault::ProductsLeftBehind`]).
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
                check: Check::Pending,
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
            Check::Done { outcome, .. } => {
                matches!(outcome, Outcome::Valid) && !self.rejected_at_import(lc, now, revoked_at)
            }
            Check::Pending => false,
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
            Check::Done {
                outcome: Outcome::Rejected,
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

    fn blank(&self, lc: &LifecycleConfig) -> Connection {
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
    fn advance(
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
                fill(&mut c.attributes, 1.0);
                fill(&mut c.attribute_sets, 1.0);
                fill(&mut c.attribute_groups, 1.0);
                run.started
            }
            RunKind::Full => {
                let checking_from = run.started + lc.created;
                if now < checking_from {
                    return;
                }
                c.phase = Phase::CheckingCredentials;
                let due = checking_from + lc.checking_credentials;
                let Check::Done { at, outcome } = &run.check else {
                    return;
                };
                let end = due.max(*at);
                if now < end {
                    return;
                }
                match outcome {
                    Outcome::Valid => c.credentials_valid = Some(true),
                    Outcome::Rejected => {
                        c.credentials_valid = Some(false);
                        return failed(c, "credentials_rejected", "BigCommerce rejected the access token (it may have been revoked when the app was uninstalled).");
                    }
                    Outcome::Failed(why) => {
                        return failed(c, "credentials_check_failed", why);
                    }
                }
                c.phase = Phase::CreatingAttributes;
                let f = fraction(now, end, lc.creating_attributes);
                fill(&mut c.attributes, f);
                fill(&mut c.attribute_sets, f);
                fill(&mut c.attribute_groups, f);
                if f < 1.0 {
                    return;
                }
                end + lc.creating_attributes
            }
        };
        c.phase = Phase::Synchronizing;
        let f = fraction(now, sync_start, lc.synchronizing);
        if run.fail_sync_half && f >= 0.5 {
            c.sync.done = c.sync.total / 2;
            return failed(
                c,
                "sync_failed",
                "The initial synchronization stopped halfway: BigCommerce returned an error.",
            );
        }
        fill(&mut c.sync, f);
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

fn fraction(now: Instant, from: Instant, length: Duration) -> f64 {
    if length.is_zero() {
        return 1.0;
    }
    (now.saturating_duration_since(from).as_secs_f64() / length.as_secs_f64()).min(1.0)
}

fn fill(p: &mut Progress, f: f64) {
    p.done = ((p.total as f64) * f).floor() as u32;
}

/// Starts a new run of connection `id` (the previous run's late check result is ignored).
pub(crate) fn start_run(world: &Arc<World>, ws: &str, id: i64, kind: RunKind) {
    let fail_sync_half =
        fault_fires!(world, Fault::SyncFailsHalfway { workspace } if names(workspace, ws));
    #[cfg(feature = "faults")]
    let left_behind = match world.take_fault(
        |f| matches!(f, Fault::ProductsLeftBehind { workspace, .. } if names(workspace, ws)),
    ) {
        Some(Fault::ProductsLeftBehind { products, .. }) => products,
        _ => 0,
    };
    #[cfg(not(feature = "faults"))]
    let left_behind = 0;
    let rejected = kind == RunKind::Full
        && fault_fires!(world, Fault::CredentialsRejected { workspace } if names(workspace, ws));
    let now = Instant::now();
    let (generation, hash, token) = {
        let mut st = world.state();
        let Some(c) = st
            .core1
            .get_mut(ws)
            .and_then(|w| w.connections.get_mut(&id))
        else {
            return;
        };
        let generation = c.run.generation + 1;
        let check = match (kind, rejected) {
            (RunKind::SyncOnly, _) => Check::Done {
                at: now,
                outcome: Outcome::Valid,
            },
            (RunKind::Full, true) => Check::Done {
                at: now,
                outcome: Outcome::Rejected,
            },
            (RunKind::Full, false) => Check::Pending,
        };
        let pending = matches!(check, Check::Pending);
        c.run = Run {
            generation,
            kind,
            started: now,
            check,
            fail_sync_half,
            left_behind,
        };
        if !pending {
            return;
        }
        (generation, c.store_hash.clone(), c.access_token.clone())
    };
    spawn_check(world, ws, id, generation, hash, token);
}

/// Runs the credentials check of every connection whose check had not answered when a
/// persistent practice world was saved (`crate::snapshot`): its check task did not survive.
pub(crate) fn resume_checks(world: &Arc<World>) {
    let pending: Vec<(String, i64, u64, String, String)> = {
        let st = world.state();
        st.core1
            .iter()
            .flat_map(|(ws, w)| {
                w.connections
                    .values()
                    .filter(|c| matches!(c.run.check, Check::Pending))
                    .map(move |c| {
                        let (hash, token) = (c.store_hash.clone(), c.access_token.clone());
                        (ws.clone(), c.id, c.run.generation, hash, token)
                    })
            })
            .collect()
    };
    for (ws, id, generation, hash, token) in pending {
        spawn_check(world, &ws, id, generation, hash, token);
    }
}

/// Checks the credentials of run `generation` of connection `id` in the background.
fn spawn_check(
    world: &Arc<World>,
    ws: &str,
    id: i64,
    generation: u64,
    hash: String,
    token: String,
) {
    let w = world.clone();
    let ws = ws.to_owned();
    world.runtime.spawn(async move {
        let world = w;
        let outcome = check_credentials(&world, &hash, &token).await;
        let mut st = world.state();
        if let Some(c) = st
            .core1
            .get_mut(&ws)
            .and_then(|w| w.connections.get_mut(&id))
        {
            if c.run.generation == generation {
                c.run.check = Check::Done {
                    at: Instant::now(),
                    outcome,
                };
            }
        }
        drop(st);
        world.changed();
    });
}

/// Asks the sandbox's BigCommerce API, over HTTP, whether the token opens the store.
async fn check_credentials(world: &World, hash: &str, token: &str) -> Outcome {
    let url = format!("{}/bc-api/stores/{hash}/v2/store", world.base_url);
    let mut last = String::new();
    for attempt in 0..3u64 {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
        }
        let resp = world
            .http
            .get(&url)
            .header("X-Auth-Token", token)
            .header("Accept", "application/json")
            .send()
            .await;
        match resp {
            Ok(r) if r.status().is_success() => return Outcome::Valid,
            Ok(r) if matches!(r.status().as_u16(), 401 | 403 | 404) => return Outcome::Rejected,
            Ok(r) => last = format!("BigCommerce answered HTTP {}.", r.status().as_u16()),
            Err(_) => last = "BigCommerce could not be reached.".to_owned(),
        }
    }
    Outcome::Failed(last)
}
