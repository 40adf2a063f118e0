//! Faults on demand (the crate's `faults` feature, for the tests and the standalone sandbox; the
//! app's practice world has none): one serde enum shared by the Rust API and the
//! `/__sandbox/faults` control API.
//!
//! A fault is switched on with an optional `count` ("the next N matching requests/events"); without
//! a count it stays until cleared (`switched_on`). Request-level faults (latency, 5xx, 429, 530,
//! dropped connection, endless body, slow body) are applied by `requests::layer` before a request
//! reaches its handler; behaviour faults (consent denied, wrong/missing state, revoked token,
//! refresh-token and lifecycle faults) are consumed by the handler they affect.

mod requests;
mod switched_on;

pub(crate) use requests::layer;
pub(crate) use switched_on::FaultSet;

use crate::util::random_token;
use crate::World;
use serde::{Deserialize, Serialize};

/// The part of the sandbox a fault targets, by URL prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    /// `{base}/bc-login/…` (login.bigcommerce.com).
    BcLogin,
    /// `{base}/bc-api/…` (api.bigcommerce.com).
    BcApi,
    /// `{base}/core1/…` (every workspace).
    Core1,
    /// `{base}/connector/…` (Actindo's connector app).
    Connector,
}

impl Area {
    /// The area a request path belongs to; `None` for the control API and strays.
    pub fn of_path(path: &str) -> Option<Self> {
        let first = path.trim_start_matches('/').split('/').next()?;
        match first {
            "bc-login" => Some(Self::BcLogin),
            "bc-api" => Some(Self::BcApi),
            "core1" => Some(Self::Core1),
            "connector" => Some(Self::Connector),
            _ => None,
        }
    }
}

/// A fault the sandbox can inject. `area: None` means every area; `workspace: None` every workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Fault {
    /// Delay each matching request by `ms` before handling it.
    Latency {
        ms: u64,
        #[serde(default)]
        area: Option<Area>,
    },
    /// Answer matching requests with HTTP `status` (a 5xx) and no real handling.
    ServerError {
        #[serde(default = "default_5xx")]
        status: u16,
        #[serde(default)]
        area: Option<Area>,
        /// Only requests whose path contains this (e.g. `/oauth2/token`).
        #[serde(default)]
        path_contains: Option<String>,
    },
    /// Answer matching requests with 429, with or without the `X-Rate-Limit-*` headers.
    TooManyRequests {
        #[serde(default)]
        area: Option<Area>,
        with_headers: bool,
        /// `X-Rate-Limit-Time-Reset-Ms` to announce when `with_headers`.
        #[serde(default = "default_reset_ms")]
        reset_ms: u64,
        /// `X-Retry-After` (seconds) to announce, if any.
        #[serde(default)]
        retry_after_s: Option<u64>,
    },
    /// The workspace is "frozen": HTTP 530 on all its endpoints (same as [`crate::SandboxHandle::freeze`]).
    Frozen { workspace: String },
    /// Close the TCP connection without sending any response.
    DropConnection {
        #[serde(default)]
        area: Option<Area>,
        #[serde(default)]
        path_contains: Option<String>,
    },
    /// Trickle the response body: `chunk_bytes` every `chunk_delay_ms`.
    SlowBody {
        #[serde(default)]
        area: Option<Area>,
        #[serde(default = "default_chunk_delay")]
        chunk_delay_ms: u64,
        #[serde(default = "default_chunk_bytes")]
        chunk_bytes: usize,
    },
    /// A hostile or broken server: HTTP 200 (`application/json`) whose body never ends —
    /// `chunk_bytes` every `chunk_delay_ms`, until the client hangs up. With `declared_length`
    /// a `Content-Length` of that many bytes is announced first (`chunk_bytes: 0` then sends
    /// headers only, so a client that reads the body waits until its timeout). Paced, so a
    /// client without a size limit grows by at most ~64 MB per second instead of exhausting
    /// the machine's memory at loopback speed.
    EndlessBody {
        #[serde(default)]
        area: Option<Area>,
        #[serde(default)]
        path_contains: Option<String>,
        #[serde(default)]
        declared_length: Option<u64>,
        #[serde(default = "default_endless_chunk")]
        chunk_bytes: usize,
        #[serde(default = "default_endless_delay")]
        chunk_delay_ms: u64,
    },
    /// Confirm on a consent page behaves as Cancel (`error=access_denied`).
    ConsentDenied {
        #[serde(default)]
        area: Option<Area>,
    },
    /// The redirect after consent carries a `state` different from the one sent.
    WrongState {
        #[serde(default)]
        area: Option<Area>,
    },
    /// The redirect after consent carries no `state`.
    MissingState {
        #[serde(default)]
        area: Option<Area>,
    },
    /// The BigCommerce API treats every token (of `store_hash`, or all) as revoked: 401.
    RevokedBcToken {
        #[serde(default)]
        store_hash: Option<String>,
    },
    /// Core1's refresh grant answers `invalid_grant` (refresh token expired).
    ExpiredRefreshToken {
        #[serde(default)]
        workspace: Option<String>,
    },
    /// Core1's refresh grant answers `invalid_grant` as if the token had been used already.
    ReplayedRefreshToken {
        #[serde(default)]
        workspace: Option<String>,
    },
    /// A connection run started while this is on fails at half of its initial sync
    /// (`phase: failed`, `lastError.code: sync_failed`).
    SyncFailsHalfway {
        #[serde(default)]
        workspace: Option<String>,
    },
    /// A connection run started while this is on synchronizes all but `products` of the store's
    /// products (and as many variants): Core1's statistics fall short of the store's counts until
    /// a later run (Synchronize now) without the fault.
    ProductsLeftBehind {
        #[serde(default)]
        workspace: Option<String>,
        products: u32,
    },
    /// A connection run started while this is on finds its BigCommerce credentials rejected
    /// (`credentials_rejected`) without asking BigCommerce.
    CredentialsRejected {
        #[serde(default)]
        workspace: Option<String>,
    },
    /// The workspace (or every one) lacks the BigCommerce driver, as if nobody had installed it
    /// from the Actindo Appstore: `getSetupStatus` reports no driver, `create` and the
    /// connector's START SETUP are refused. Stays until cleared (Actindo's connector page: "make
    /// sure you have installed the BigCommerce driver from the Actindo Appstore").
    DriverMissing {
        #[serde(default)]
        workspace: Option<String>,
    },
}

fn default_5xx() -> u16 {
    500
}
fn default_reset_ms() -> u64 {
    1000
}
fn default_chunk_delay() -> u64 {
    50
}
fn default_chunk_bytes() -> usize {
    16
}
fn default_endless_chunk() -> usize {
    64 * 1024
}
fn default_endless_delay() -> u64 {
    1
}

/// A fault as switched on, with how many more times it fires (`None` = until cleared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultRule {
    pub id: u64,
    pub fault: Fault,
    pub remaining: Option<u32>,
}

/// Body of `POST /__sandbox/faults`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetFault {
    pub fault: Fault,
    #[serde(default)]
    pub count: Option<u32>,
}

/// Whether an optional area filter covers `area`.
pub(crate) fn covers(filter: Option<Area>, area: Area) -> bool {
    filter.is_none_or(|f| f == area)
}

/// Whether an optional name filter covers `name`.
pub(crate) fn names(filter: &Option<String>, name: &str) -> bool {
    filter.as_deref().is_none_or(|f| f == name)
}

/// The redirect `state` after the wrong/missing-state faults.
pub(crate) fn faulted_state(world: &World, area: Area, state: Option<String>) -> Option<String> {
    if world
        .take_fault(|f| matches!(f, Fault::MissingState { area: a } if covers(*a, area)))
        .is_some()
    {
        return None;
    }
    if world
        .take_fault(|f| matches!(f, Fault::WrongState { area: a } if covers(*a, area)))
        .is_some()
    {
        return Some(format!("wrong-{}", random_token(16)));
    }
    state
}
