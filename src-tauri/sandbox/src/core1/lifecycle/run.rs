//! A connection's run: started on create, new credentials or Synchronize now, with its
//! credentials checked for real against the sandbox's BigCommerce in a background task.

use super::{CheckOutcome, CredentialsCheck, Run, RunKind};
#[cfg(feature = "faults")]
use crate::faults::{names, Fault};
use crate::World;
use std::sync::Arc;
use std::time::{Duration, Instant};

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
            (RunKind::SyncOnly, _) => CredentialsCheck::Done {
                at: now,
                outcome: CheckOutcome::Valid,
            },
            (RunKind::Full, true) => CredentialsCheck::Done {
                at: now,
                outcome: CheckOutcome::Rejected,
            },
            (RunKind::Full, false) => CredentialsCheck::Pending,
        };
        let pending = matches!(check, CredentialsCheck::Pending);
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
                    .filter(|c| matches!(c.run.check, CredentialsCheck::Pending))
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
                c.run.check = CredentialsCheck::Done {
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
async fn check_credentials(world: &World, hash: &str, token: &str) -> CheckOutcome {
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
            Ok(r) if r.status().is_success() => return CheckOutcome::Valid,
            Ok(r) if matches!(r.status().as_u16(), 401 | 403 | 404) => {
                return CheckOutcome::Rejected
            }
            Ok(r) => last = format!("BigCommerce answered HTTP {}.", r.status().as_u16()),
            Err(_) => last = "BigCommerce could not be reached.".to_owned(),
        }
    }
    CheckOutcome::Failed(last)
}
