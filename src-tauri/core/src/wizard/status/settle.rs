//! Following one connection until it settles (active, failed or disabled): polling with
//! backoff, an event on every change. The Status step and Manage's repairs wait with it.

use std::time::{Duration, Instant};

use crate::core1::channels::Connection;
use crate::core1::Core1Client;
use crate::error::{Error, Result};
use crate::wizard::events::{ConnectionStatus, Event, EventSink};

/// How often to ask Core1 while a connection is being set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollConfig {
    /// The interval right after a change.
    pub first: Duration,
    /// The longest interval while nothing changes.
    pub max: Duration,
    /// Stop asking (with [`Error::StatusTimeout`]) after this long without settling.
    pub give_up_after: Duration,
    /// How often road 1 asks Core1 for the connection the connector makes: one `list` call
    /// per interval (2 s = 30 a minute), nothing in between.
    pub connector: Duration,
}

impl Default for PollConfig {
    fn default() -> Self {
        PollConfig {
            first: Duration::from_millis(250),
            max: Duration::from_secs(5),
            give_up_after: Duration::from_secs(60 * 60),
            connector: Duration::from_secs(2),
        }
    }
}

impl PollConfig {
    /// Quick polling for the practice sandbox and tests.
    pub fn fast() -> Self {
        PollConfig {
            first: Duration::from_millis(20),
            max: Duration::from_millis(200),
            give_up_after: Duration::from_secs(120),
            connector: Duration::from_secs(1),
        }
    }
}

/// Polls `id` until it is active, failed or disabled. Every change is sent as
/// [`Event::Status`]; passing problems (maintenance, server errors) as [`Event::Retrying`] and
/// polling goes on with a longer interval. The interval grows while nothing changes and drops
/// back after a change, so a live screen stays live and an idle one costs little.
pub(crate) async fn poll_until_settled(
    client: &Core1Client,
    id: i64,
    sink: &dyn EventSink,
    config: PollConfig,
) -> Result<Connection> {
    let started = Instant::now();
    let mut delay = config.first;
    let mut last: Option<Connection> = None;
    loop {
        match client.get_connection(id).await {
            Ok(c) => {
                let changed = last.as_ref() != Some(&c);
                if changed {
                    sink.send(Event::Status {
                        connection: ConnectionStatus::of(&c),
                    });
                    delay = config.first;
                } else {
                    delay = (delay * 3 / 2).min(config.max);
                }
                if c.is_settled() {
                    return Ok(c);
                }
                last = Some(c);
            }
            Err(e) if e.is_transient() => {
                delay = (delay * 2).clamp(config.first, config.max.max(Duration::from_secs(1)));
                tracing::info!(code = e.code(), "status check failed for now; trying again");
                sink.send(Event::Retrying {
                    code: e.code(),
                    in_ms: delay.as_millis() as u64,
                });
            }
            Err(e) => return Err(e),
        }
        if started.elapsed() > config.give_up_after {
            return Err(Error::StatusTimeout);
        }
        tokio::time::sleep(delay).await;
    }
}
