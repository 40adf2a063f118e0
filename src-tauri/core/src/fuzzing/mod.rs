//! Fuzz target bodies (hardening against hostile input). Not part of the API.
//!
//! Each function takes arbitrary bytes, runs them through exactly the code the app runs on
//! untrusted input, and asserts invariants beyond "no panic" — so a violated invariant is a
//! crash for the fuzzer. The same functions serve two callers:
//!
//! - the libFuzzer targets in `src-tauri/core/fuzz` (`bash tests/fuzz/run.sh`);
//! - `tests/fuzz_corpus.rs`, which replays the committed seeds and every crash input found so
//!   far in the normal `cargo test`.
//!
//! Each returns a short label of what the input amounted to (`"ok"`, an error code, or the
//! listener's judgement), so the replay test can check that the corpus covers the interesting
//! branches.
//!
//! **Secrets**: a response string containing [`MARKER`] counts as a secret (a token, or
//! something an echoing server sent back). No error's `Display` or `Debug` may contain the
//! marker unless the provider's own display text (`error`, `message`, `title`,
//! `error_description`) carries it — those are shown by design. The seeds and dictionaries
//! plant the marker so the fuzzer moves it into every field.
//!
//! A violated invariant must crash the fuzzer, so this module panics on purpose.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;

use hyper::{Method, Uri};
use serde_json::Value;

use crate::bigcommerce::{client::decode_json, oauth, StoreInfo};
use crate::core1::api::PingInfo;
use crate::core1::channels::operations::{ManyConnections, OneConnection};
use crate::core1::envelope::{decode_value, envelope, Envelope};
use crate::core1::token::{decode_token_answer, TokenError};
use crate::core1::WorkspaceUrl;
use crate::error::Error;
use crate::http::is_loopback_host;
use crate::profile::{Profile, WorkspaceRules};
use crate::signin::listener::{judge, CallbackCheck, Judgement, Verdict};
use crate::signin::pages;

mod bigcommerce;
mod core1;
mod listener;
mod workspace;

pub use self::bigcommerce::*;
pub use self::core1::*;
pub use self::listener::*;
pub use self::workspace::*;

/// A string containing this counts as a secret; see the module docs.
pub const MARKER: &str = "sEcReT";

/// The statuses the decoding targets choose from (one input byte picks one).
const STATUSES: [u16; 16] = [
    200, 201, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 530, 299,
];

fn http_status_from(b: u8) -> u16 {
    STATUSES[usize::from(b) % STATUSES.len()]
}

fn listed(e: &Error) -> bool {
    Error::ALL_CODES.contains(&e.code())
}

/// `body` as a JSON value, invalid UTF-8 replaced: serde_json skips unknown fields without
/// checking their UTF-8, so a body the typed decoders accept may not parse as a strict `Value`.
fn json_lossy(body: &[u8]) -> Option<Value> {
    serde_json::from_str(&String::from_utf8_lossy(body)).ok()
}

/// Every string (keys too) anywhere in `v`.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k.clone());
            strings(x, out);
        }),
        _ => {}
    }
}

/// Whether the provider's display texts in `body` (top-level `error`, `message`, `title`,
/// `error_description`) carry the marker: then an error may legitimately show it.
fn marker_in_display_text(body: &[u8]) -> bool {
    let Some(v) = json_lossy(body) else {
        return false;
    };
    ["error", "message", "title", "error_description"]
        .iter()
        .any(|k| {
            v.get(k)
                .and_then(Value::as_str)
                .is_some_and(|s| s.contains(MARKER))
        })
}

/// The error must have a listed code and must not show a secret from `body`.
fn check_error(e: &Error, body: &[u8]) {
    assert!(listed(e), "unlisted error code {}", e.code());
    if marker_in_display_text(body) {
        return;
    }
    let shown = format!("{e} {e:?}");
    assert!(
        !shown.contains(MARKER),
        "an error shows a secret from the response: {shown}"
    );
}

/// A target body: input bytes → a label of what they amounted to.
pub type Target = fn(&[u8]) -> &'static str;

/// The targets by name, for the replay test and the fuzz crate.
pub const TARGETS: [(&str, Target); 4] = [
    ("workspace_url", workspace_url),
    ("listener_request", listener_request),
    ("bigcommerce_response", bigcommerce_response),
    ("core1_response", core1_response),
];

/// Labels seen per target over a set of inputs (for the replay test).
pub fn labels(target: Target, inputs: &[Vec<u8>]) -> BTreeMap<&'static str, usize> {
    let mut seen = BTreeMap::new();
    for input in inputs {
        *seen.entry(target(input)).or_insert(0) += 1;
    }
    seen
}
