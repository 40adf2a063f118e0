//! How the world's own kinds of values are written to the practice world's file (`snapshot`):
//! `Instant`s as wall-clock milliseconds, maps with tuple keys as lists of pairs. A module of
//! its own below every part of the world, so the parts can name these forms in their
//! `#[serde(with)]` without depending on the snapshot that depends on them.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Milliseconds since the Unix epoch, now.
fn unix_ms_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// An `Instant` as wall-clock milliseconds since the Unix epoch (an `Instant` means nothing in
/// another process).
fn to_unix_ms(at: Instant) -> i64 {
    let now = Instant::now();
    if at <= now {
        unix_ms_now().saturating_sub(ms(now - at))
    } else {
        unix_ms_now().saturating_add(ms(at - now))
    }
}

/// Wall-clock milliseconds back as an `Instant`; a moment before this computer's monotonic
/// clock began (before a reboot) becomes the earliest one it can name.
fn from_unix_ms(at: i64) -> Instant {
    let now = Instant::now();
    let diff = at.saturating_sub(unix_ms_now());
    let by = Duration::from_millis(diff.unsigned_abs());
    if diff >= 0 {
        return now + by;
    }
    let mut back = by;
    loop {
        if let Some(earlier) = now.checked_sub(back) {
            return earlier;
        }
        back /= 2;
    }
}

/// `#[serde(with)]` for an `Instant`.
pub(crate) mod instant {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(at: &Instant, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(to_unix_ms(*at))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Instant, D::Error> {
        i64::deserialize(d).map(from_unix_ms)
    }
}

/// `#[serde(with)]` for an `Option<Instant>`.
pub(crate) mod opt_instant {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(at: &Option<Instant>, s: S) -> Result<S::Ok, S::Error> {
        at.map(to_unix_ms).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Instant>, D::Error> {
        Option::<i64>::deserialize(d).map(|v| v.map(from_unix_ms))
    }
}

/// `#[serde(with)]` for a map whose keys JSON cannot name (tuples): a list of pairs.
pub(crate) mod pairs {
    use super::*;

    pub(crate) fn serialize<K, V, S>(map: &HashMap<K, V>, s: S) -> Result<S::Ok, S::Error>
    where
        K: Serialize,
        V: Serialize,
        S: Serializer,
    {
        s.collect_seq(map.iter())
    }

    pub(crate) fn deserialize<'de, K, V, D>(d: D) -> Result<HashMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Eq + Hash,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Ok(Vec::<(K, V)>::deserialize(d)?.into_iter().collect())
    }
}
