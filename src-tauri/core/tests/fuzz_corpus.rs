//! The fuzzing regression replay: every committed seed and every input that ever
//! crashed a fuzz target (`fuzz/seeds/<target>/`, `fuzz/regressions/<target>/`) goes through
//! the same target bodies the libFuzzer targets run (`setup_core::fuzzing`), whose invariants
//! are assertions. Fuzzing itself is `bash tests/fuzz/run.sh` (too slow for the normal run).
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use setup_core::fuzzing::{self, Target, TARGETS};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

fn inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn target(name: &str) -> Target {
    TARGETS.iter().find(|(n, _)| *n == name).unwrap().1
}

/// Runs every seed of `name`; returns how often each label came out.
fn replay_seeds(name: &str) -> BTreeMap<&'static str, usize> {
    let seeds = inputs(&fuzz_dir().join("seeds").join(name));
    assert!(seeds.len() >= 10, "{name}: only {} seeds", seeds.len());
    let bytes: Vec<Vec<u8>> = seeds.into_iter().map(|(_, b)| b).collect();
    fuzzing::labels(target(name), &bytes)
}

fn assert_covers(name: &str, seen: &BTreeMap<&'static str, usize>, wanted: &[&str]) {
    for w in wanted {
        assert!(
            seen.contains_key(w),
            "{name}: no seed reaches {w:?}; seen {seen:?}"
        );
    }
}

#[test]
fn workspace_url_seeds_hold_the_invariants() {
    let seen = replay_seeds("workspace_url");
    assert_covers(
        "workspace_url",
        &seen,
        &[
            "ok",
            "workspace_empty",
            "workspace_insecure",
            "workspace_wrong_domain",
            "workspace_userinfo",
            "workspace_port",
            "workspace_ip_address",
            "workspace_invalid_name",
            "workspace_lookalike_name",
        ],
    );
}

#[test]
fn listener_request_seeds_hold_the_invariants() {
    let seen = replay_seeds("listener_request");
    assert_covers(
        "listener_request",
        &seen,
        &[
            "stray",
            "wrong_method",
            "bad_state",
            "issuer_mismatch",
            "provider_error",
            "missing_code",
            "code",
        ],
    );
}

#[test]
fn bigcommerce_response_seeds_hold_the_invariants() {
    let seen = replay_seeds("bigcommerce_response");
    assert_covers(
        "bigcommerce_response",
        &seen,
        &[
            "ok",
            "bigcommerce_bad_response",
            "bigcommerce_exchange_failed",
            "bigcommerce_unavailable",
        ],
    );
}

#[test]
fn core1_response_seeds_hold_the_invariants() {
    let seen = replay_seeds("core1_response");
    assert_covers(
        "core1_response",
        &seen,
        &[
            "ok",
            "not_logged_in",
            "rejected",
            "connection_exists",
            "core1_api_error",
            "core1_bad_response",
            "core1_frozen",
        ],
    );
}

/// What each past crash input must come out as now (file name → label); every file in
/// `regressions/` must be listed here.
const FIXED: &[(&str, &str, &str)] = &[
    // A label that is not valid punycode was blamed on the profile (`profile_invalid`). Now
    // every encoded (`xn--`) name is refused as a possible look-alike.
    (
        "workspace_url",
        "xn_label_blamed_on_profile-1",
        "workspace_lookalike_name",
    ),
    (
        "workspace_url",
        "xn_label_blamed_on_profile-2",
        "workspace_lookalike_name",
    ),
    // The error for a wrongly typed answer quoted the (secret) value.
    (
        "bigcommerce_response",
        "store_error_quotes_body",
        "bigcommerce_bad_response",
    ),
    (
        "bigcommerce_response",
        "time_error_quotes_body",
        "bigcommerce_bad_response",
    ),
    // Harness false positive: invalid UTF-8 in a field serde skips.
    (
        "bigcommerce_response",
        "invalid_utf8_in_ignored_field",
        "ok",
    ),
    // An absurd `expires_in` overflowed the clock.
    ("core1_response", "expires_in_u64_max", "ok"),
];

/// Every input that once crashed a target passes now, with the expected outcome.
#[test]
fn every_past_crash_input_passes_now() {
    let mut replayed = 0;
    for (name, body) in TARGETS {
        for (file, input) in inputs(&fuzz_dir().join("regressions").join(name)) {
            let Some((_, _, want)) = FIXED.iter().find(|(t, f, _)| *t == name && *f == file) else {
                panic!("regressions/{name}/{file} is not listed in FIXED");
            };
            assert_eq!(body(&input), *want, "{name}/{file}");
            replayed += 1;
        }
    }
    assert_eq!(
        replayed,
        FIXED.len(),
        "a listed regression input is missing"
    );
}
