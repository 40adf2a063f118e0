//! Road 1's waiting: the workspace's connections before the merchant acts (the baseline and
//! Core1's moment), which connections count as this run's, and the loop that waits for them.

use std::time::{Duration, SystemTime};

use crate::core1::channels::{self, Connection, ManyConnections, DRIVER_BIGCOMMERCE};
use crate::core1::Core1Client;
use crate::error::{Error, Result};
use crate::wizard::events::{Event, EventSink};

/// The workspace's BigCommerce connections as `(id, updatedAt)`: what road 1 compares against.
pub(crate) fn baseline(connections: &[Connection]) -> Vec<(i64, String)> {
    connections
        .iter()
        .filter(|c| c.driver == DRIVER_BIGCOMMERCE)
        .map(|c| (c.id, c.updated_at.clone()))
        .collect()
}

/// The workspace's connections, and when Core1 listed them on its own clock (its `Date`
/// header), for the moment road 1 starts waiting.
pub(crate) async fn list_dated(
    client: &Core1Client,
) -> Result<(Vec<Connection>, Option<SystemTime>)> {
    let (list, date): (ManyConnections, _) = client
        .call_dated(channels::LIST, &serde_json::json!({}), true)
        .await?;
    Ok((list.connections, date))
}

/// What counts as this run's on road 1: connections new or changed since `baseline` was taken,
/// and — when Core1 said the time — changed at or after `moment` (a resume keeps both, so a
/// change older than the wait is never this run's), less those the merchant said are not theirs
/// (`declined`, as id and `updatedAt`: changed again, one is asked about again).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Since<'a> {
    pub baseline: &'a [(i64, String)],
    pub moment: Option<SystemTime>,
    pub declined: &'a [(i64, String)],
}

impl<'a> Since<'a> {
    /// What counts as `watch`'s: its baseline, moment and declined connections.
    pub(crate) fn of(watch: &'a crate::wizard::saved::ConnectorWatch) -> Self {
        Since {
            baseline: &watch.baseline,
            moment: watch
                .since_core1
                .map(|s| SystemTime::UNIX_EPOCH + Duration::from_secs(s)),
            declined: &watch.declined,
        }
    }

    /// Only a baseline (Manage's "Reinstall the connector", which names its connection).
    pub(crate) fn baseline(baseline: &'a [(i64, String)]) -> Self {
        Since {
            baseline,
            moment: None,
            declined: &[],
        }
    }
}

/// A time Core1 reports (RFC 3339) on its clock, in whole seconds; `None` when it is not one.
fn core1_time(text: &str) -> Option<SystemTime> {
    let t =
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
    let secs = u64::try_from(t.unix_timestamp()).ok()?;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
}

/// Whether `at` is not before `moment` (whole seconds: the `Date` header has no finer ones);
/// true when either is unknown.
fn not_before(at: Option<SystemTime>, moment: Option<SystemTime>) -> bool {
    match (at, moment) {
        (Some(at), Some(moment)) => at + Duration::from_secs(1) > moment,
        _ => true,
    }
}

/// The connections the connector may have made since `since` (see [`Since`]; the assumed
/// contract changes `updatedAt` when a connection's credentials change, not while it
/// synchronizes — `core1/channels.rs`), newest first, each with whether it is new. `only`
/// narrows them to one connection or store (Manage's "Reinstall the connector"). Road 1 cannot
/// tell the merchant's from a colleague's by itself: the merchant is asked (`Engine`).
pub(crate) fn connector_candidates(
    connections: Vec<Connection>,
    since: Since<'_>,
    only: Option<(i64, &str)>,
) -> Vec<(Connection, bool)> {
    let mut found: Vec<(Connection, bool)> = connections
        .into_iter()
        .filter(|c| c.driver == DRIVER_BIGCOMMERCE)
        .filter(|c| {
            only.is_none_or(|(id, hash)| c.id == id || c.store_hash.eq_ignore_ascii_case(hash))
        })
        .filter(|c| {
            !since
                .declined
                .iter()
                .any(|(id, at)| *id == c.id && *at == c.updated_at)
        })
        .filter(|c| not_before(core1_time(&c.updated_at), since.moment))
        .filter_map(|c| {
            let before = since.baseline.iter().find(|(id, _)| *id == c.id);
            match before {
                // New to this run; made during it, or only now shown (then it is an update).
                None => {
                    let made_now = not_before(core1_time(&c.created_at), since.moment);
                    Some((c, made_now))
                }
                // Changed since: it was there when the watch began, so it is an update — unless
                // Core1 made it in a later second than the moment (the baseline was read after
                // the merchant's connection appeared); one made in the moment's own second was
                // in the baseline before this run could make it.
                Some((_, at)) if *at != c.updated_at => {
                    let made_now = matches!(
                        (core1_time(&c.created_at), since.moment),
                        (Some(made), Some(moment)) if made > moment
                    );
                    Some((c, made_now))
                }
                Some(_) => None,
            }
        })
        .collect();
    found.sort_by(|a, b| b.0.updated_at.cmp(&a.0.updated_at));
    found
}

/// Asks Core1 every `interval` (one `list` call, then sleeping — no work in between) until
/// connections the connector may have made show up ([`connector_candidates`]), or `stop` is set.
/// Passing problems (maintenance 530, 429, server errors) are sent as [`Event::Retrying`] and the
/// interval doubles, up to 30 s, so a troubled workspace is never hammered. Returns them, newest
/// first, each with whether it is new.
pub(crate) async fn await_connector(
    client: &Core1Client,
    since: Since<'_>,
    only: Option<(i64, &str)>,
    sink: &dyn EventSink,
    mut stop: tokio::sync::watch::Receiver<bool>,
    interval: Duration,
) -> Result<Vec<(Connection, bool)>> {
    const MAX_BACKOFF: Duration = Duration::from_secs(30);
    let mut delay = interval;
    loop {
        if *stop.borrow() {
            return Err(Error::SignInCancelled);
        }
        match client.list_connections().await {
            Ok(list) => {
                let found = connector_candidates(list, since, only);
                if !found.is_empty() {
                    return Ok(found);
                }
                delay = interval;
            }
            Err(e) if e.is_transient() => {
                delay = (delay * 2).min(MAX_BACKOFF);
                tracing::info!(
                    code = e.code(),
                    "connection list unavailable; waiting longer"
                );
                sink.send(Event::Retrying {
                    code: e.code(),
                    in_ms: delay.as_millis() as u64,
                });
            }
            Err(e) => return Err(e),
        }
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            changed = stop.changed() => {
                // The engine dropped the sender: nobody waits for this any more.
                if changed.is_err() {
                    return Err(Error::SignInCancelled);
                }
            }
        }
    }
}
