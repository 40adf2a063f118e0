//! Fuzz target bodies (issue 6, "Hardening"). Not part of the API.
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
use crate::core1::api::{decode_value, envelope, Envelope};
use crate::core1::channels::{ManyConnections, OneConnection};
use crate::core1::token::{decode_token_answer, TokenError};
use crate::core1::{PingInfo, WorkspaceUrl};
use crate::error::Error;
use crate::http::is_loopback_host;
use crate::profile::{Profile, WorkspaceRules};
use crate::signin::listener::{judge, CallbackCheck, Judgement, Verdict};
use crate::signin::pages;

/// A string containing this counts as a secret; see the module docs.
pub const MARKER: &str = "sEcReT";

/// The statuses the decoding targets choose from (one input byte picks one).
const STATUSES: [u16; 16] = [
    200, 201, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 530, 299,
];

fn status_of(b: u8) -> u16 {
    STATUSES[usize::from(b) % STATUSES.len()]
}

fn listed(e: &Error) -> bool {
    Error::ALL_CODES.iter().any(|(c, _)| *c == e.code())
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

// ----- Core1 workspace address -----

/// The workspace address as typed: production rules and the practice (sandbox) rules.
///
/// Asserts: an accepted address is `https://{label}.{allowed domain}/` (production) or the
/// sandbox's own `http://127.0.0.1:4000/core1/{label}/` (practice), the label never an encoded
/// `xn--` (look-alike) name — https or loopback, never
/// anything else; nothing but scheme, host (and the sandbox's port and path) survives;
/// normalising the normalised URL gives the same workspace (idempotent); an error has a listed
/// code and quotes at most 40 characters of the input.
pub fn workspace_url(data: &[u8]) -> &'static str {
    let input = String::from_utf8_lossy(data);
    let prod = Profile::production().core1.workspace;
    let sandbox = sandbox_rules();
    let label = check_workspace(&input, &prod);
    check_workspace(&input, &sandbox);
    label
}

fn sandbox_rules() -> WorkspaceRules {
    let base = url::Url::parse("http://127.0.0.1:4000").expect("a constant URL");
    Profile::demo(&base).core1.workspace
}

fn check_workspace(input: &str, rules: &WorkspaceRules) -> &'static str {
    match WorkspaceUrl::parse(input, rules) {
        Ok(ws) => {
            let base = ws.base();
            let host = base.host_str().unwrap_or_default();
            assert!(
                crate::core1::workspace_url::is_valid_label(ws.name()),
                "name {:?} is not one DNS label",
                ws.name()
            );
            assert!(
                !ws.name().starts_with("xn--"),
                "an encoded (look-alike) name was accepted: {input:?} → {}",
                ws.name()
            );
            assert!(base.username().is_empty() && base.password().is_none());
            assert!(base.query().is_none() && base.fragment().is_none());
            assert!(base.path().ends_with('/'));
            assert_eq!(ws.to_string(), base.as_str());
            assert_eq!(ws.origin_str(), base.as_str().trim_end_matches('/'));
            if rules.allow_loopback {
                let want = rules.name_url.replace("{name}", ws.name());
                assert_eq!(base.as_str(), want, "practice: not the sandbox's URL");
                assert!(is_loopback_host(host));
            } else {
                assert_eq!(base.scheme(), "https", "{input:?} → {base}");
                assert!(base.port().is_none(), "{input:?} → {base}");
                assert_eq!(base.path(), "/");
                assert!(
                    rules
                        .domains
                        .iter()
                        .any(|d| host == format!("{}.{d}", ws.name())),
                    "{input:?} → {base}: not a workspace under an allowed domain"
                );
            }
            // "https or loopback", whatever the rules.
            assert!(base.scheme() == "https" || (rules.allow_loopback && is_loopback_host(host)));
            // Idempotent: the normalised URL (and its host alone) read again is the same.
            let again = WorkspaceUrl::parse(base.as_str(), rules);
            assert_eq!(
                again.as_ref(),
                Ok(&ws),
                "not idempotent: {input:?} → {base}"
            );
            if !rules.allow_loopback {
                assert_eq!(WorkspaceUrl::parse(host, rules).as_ref(), Ok(&ws));
            }
            // Endpoints stay inside the workspace.
            if let Ok(ping) = ws.endpoint(crate::core1::endpoints::PING) {
                assert!(ping.as_str().starts_with(base.as_str()));
            }
            "ok"
        }
        Err(e) => {
            assert!(listed(&e), "unlisted code {}", e.code());
            assert!(
                e.code().starts_with("workspace_"),
                "{input:?}: {}",
                e.code()
            );
            let trimmed = input.trim();
            if trimmed.chars().count() > 41 {
                assert!(
                    !e.to_string().contains(trimmed),
                    "the error quotes the whole long input"
                );
            }
            e.code()
        }
    }
}

// ----- the loopback listener -----

/// The expected path of the listener target.
pub const CALLBACK_PATH: &str = "/callback";
/// The expected `state` of the listener target.
pub const CALLBACK_STATE: &str = "st-9f8e7d6c5b4a";
/// The expected issuer of the listener target.
pub const CALLBACK_ISSUER: &str = "https://acme.actindo.com";

const METHODS: [&str; 8] = ["GET", "GET", "GET", "GET", "POST", "HEAD", "PUT", "OPTIONS"];

/// One request to the listener: the first byte picks the method, the rest is the request
/// target as hyper would hand it over (parsed as a [`Uri`]; what does not parse never reaches
/// the listener's code).
///
/// Asserts, independently of [`judge`]'s own code path: only the exact path is ever considered;
/// only `GET` with exactly one correct `state` can decide the sign-in, and only with exactly one
/// right `iss` (or none, where the top bit of the first byte does not require it); a code outcome carries
/// the one non-empty `code` and neither `state` nor `code` among its other parameters, and only
/// when no `error` was sent; provider texts are shortened (100/300 characters) and cannot inject
/// markup into the page; the judgement's `Debug` never shows the code.
pub fn listener_request(data: &[u8]) -> &'static str {
    let Some((&m, target)) = data.split_first() else {
        return "empty";
    };
    let method = Method::from_bytes(METHODS[usize::from(m) % METHODS.len()].as_bytes())
        .unwrap_or(Method::GET);
    let Ok(uri) = Uri::try_from(target) else {
        return "bad_uri";
    };
    // The method takes the low bits of the first byte; its top bit says whether the provider
    // advertises `iss` (so a callback without one is refused).
    let issuer_required = m & 0x80 != 0;
    let check = CallbackCheck {
        path: CALLBACK_PATH.into(),
        state: CALLBACK_STATE.into(),
        expected_issuer: Some(CALLBACK_ISSUER.into()),
        issuer_required,
    };
    let judgement = judge(&method, &uri, &check);

    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let values = |k: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let state_ok = values("state") == [CALLBACK_STATE];
    let decides = matches!(judgement, Judgement::Callback(_));
    assert_eq!(
        matches!(judgement, Judgement::Stray),
        uri.path() != CALLBACK_PATH
    );
    if decides {
        assert_eq!(method, Method::GET);
        assert!(state_ok, "decided without exactly one correct state: {uri}");
        if !matches!(judgement, Judgement::Callback(Verdict::IssuerMismatch)) {
            let iss = values("iss");
            assert!(
                (iss.is_empty() && !issuer_required)
                    || (iss.len() == 1 && iss[0].trim_end_matches('/') == CALLBACK_ISSUER),
                "accepted without exactly one right iss: {uri}"
            );
        }
    }
    if uri.path() == CALLBACK_PATH && method == Method::GET && !state_ok {
        assert!(matches!(judgement, Judgement::BadState));
    }
    let shown = format!("{judgement:?}");
    assert!(
        !shown.contains(CALLBACK_STATE)
            || pairs.iter().any(|(k, v)| {
                k != "state" && (k.contains(CALLBACK_STATE) || v.contains(CALLBACK_STATE))
            })
    );

    match judgement {
        Judgement::Stray => "stray",
        Judgement::WrongMethod => "wrong_method",
        Judgement::BadState => "bad_state",
        Judgement::Callback(Verdict::IssuerMismatch) => {
            let iss = values("iss");
            match iss.as_slice() {
                [] => assert!(issuer_required, "no iss refused where it is not required"),
                [one] => assert_ne!(one.trim_end_matches('/'), CALLBACK_ISSUER),
                _repeated => {}
            }
            "issuer_mismatch"
        }
        Judgement::Callback(Verdict::ProviderError {
            error,
            description,
            outcome,
        }) => {
            assert_eq!(values("error").first().copied(), Some(error.as_str()));
            match &outcome {
                Error::SignInDenied => assert_eq!(error, "access_denied"),
                Error::SignInProviderError {
                    error: e,
                    description: d,
                } => {
                    assert!(e.chars().count() <= 100);
                    assert!(d.as_ref().is_none_or(|d| d.chars().count() <= 300));
                }
                other => panic!("unexpected outcome {other:?}"),
            }
            // The page escapes what the provider sent: no more tags than with harmless text.
            let page = pages::failure("Prov", &error, description.as_deref());
            let plain = pages::failure("Prov", "x", description.as_ref().map(|_| "y"));
            assert_eq!(
                page.matches('<').count(),
                plain.matches('<').count(),
                "markup from the callback reached the page"
            );
            "provider_error"
        }
        Judgement::Callback(Verdict::MissingCode) => {
            let codes = values("code");
            assert!(codes.len() != 1 || codes[0].is_empty());
            assert!(values("error").is_empty());
            "missing_code"
        }
        Judgement::Callback(Verdict::Code(params)) => {
            assert!(values("error").is_empty());
            assert_eq!(values("code"), [params.code.expose()]);
            assert!(!params.code.is_empty());
            assert!(!params.params.contains_key("state") && !params.params.contains_key("code"));
            for (k, v) in &params.params {
                assert_eq!(values(k), [v.as_str()], "parameter {k:?} is not single");
            }
            let code = params.code.expose();
            if code.contains(MARKER) {
                let elsewhere = params
                    .params
                    .iter()
                    .any(|(k, v)| k.contains(MARKER) || v.contains(MARKER));
                assert!(
                    elsewhere || !shown.contains(MARKER),
                    "the code shows in Debug: {shown}"
                );
            }
            "code"
        }
    }
}

// ----- BigCommerce answers -----

/// The context the BigCommerce target's callback confirmed.
pub const BC_CONTEXT: &str = "stores/abc123";

/// A BigCommerce answer: the first byte picks what is decoded (`0` token exchange, `1`
/// `GET /v2/store`, `2` `GET /v2/time`; taken modulo 3, so `'0'`–`'2'` work in text seeds), the
/// second the HTTP status of a token answer, the rest is the body.
///
/// Asserts: a grant is only ever for the confirmed store, with a non-blank token, from a 2xx
/// answer, and its `Debug` never shows the token; a store decodes to what it re-encodes to
/// (round trip); every error has a listed code and shows no secret from the body.
pub fn bigcommerce_response(data: &[u8]) -> &'static str {
    let (kind, status, body) = match data {
        [k, s, rest @ ..] => (k % 3, status_of(*s), rest),
        _ => return "short",
    };
    match kind {
        0 => {
            match oauth::read_token_answer(
                status,
                body,
                BC_CONTEXT,
                "store_v2_default",
                Some("uuid-from-callback"),
            ) {
                Ok(grant) => {
                    assert!((200..300).contains(&status));
                    assert_eq!(grant.store_hash.as_str(), "abc123");
                    assert!(!grant.access_token.expose().trim().is_empty());
                    let token = grant.access_token.expose();
                    if token.contains(MARKER) {
                        let mut others = Vec::new();
                        if let Some(v) = json_lossy(body) {
                            if let Some(o) = v.as_object() {
                                for (k, x) in o {
                                    if k != "access_token" {
                                        strings(x, &mut others);
                                    }
                                }
                            }
                        }
                        let shown = format!("{grant:?}");
                        assert!(
                            others.iter().any(|s| s.contains(MARKER)) || !shown.contains(MARKER),
                            "the access token shows in the grant's Debug: {shown}"
                        );
                    }
                    "ok"
                }
                Err(e) => {
                    check_error(&e, body);
                    e.code()
                }
            }
        }
        1 => match decode_json::<StoreInfo>("v2/store", body) {
            Ok(store) => {
                let again = serde_json::to_value(&store)
                    .ok()
                    .and_then(|v| serde_json::from_value::<StoreInfo>(v).ok());
                assert_eq!(
                    again.as_ref(),
                    Some(&store),
                    "StoreInfo does not round-trip"
                );
                "ok"
            }
            Err(e) => {
                check_error(&e, body);
                e.code()
            }
        },
        _ => {
            #[derive(serde::Deserialize)]
            struct Time {
                #[allow(dead_code)]
                time: i64,
            }
            match decode_json::<Time>("v2/time", body) {
                Ok(_) => "ok",
                Err(e) => {
                    check_error(&e, body);
                    e.code()
                }
            }
        }
    }
}

// ----- Core1 answers -----

/// A Core1 answer: the first byte picks what is decoded (`0` ping, `1` one connection, `2` the
/// connection list — each through the `{success, errno, error}` envelope —, `3` a token
/// answer; modulo 4), the second the HTTP status of a token answer, the rest is the body.
///
/// Asserts: the envelope is a success only with `"success": true`, "not logged in" only for
/// errno 10000; Core1's error text is kept to 200 characters; connections round-trip; a token
/// answer is accepted only from a 2xx with a non-empty access token and gives an expiry in the
/// future that the client can compute; no error shows a secret from the body.
pub fn core1_response(data: &[u8]) -> &'static str {
    let (kind, status, body) = match data {
        [k, s, rest @ ..] => (k % 4, status_of(*s), rest),
        _ => return "short",
    };
    if kind == 3 {
        return match decode_token_answer(status, body) {
            Ok(t) => {
                assert!((200..300).contains(&status));
                assert!(!t.access_token.is_empty());
                let now = tokio::time::Instant::now();
                assert!(t.expires_at(now) >= now);
                "ok"
            }
            Err(TokenError::Rejected { error }) => {
                assert!(status == 400 || status == 401);
                assert!(error.chars().count() <= 60);
                "rejected"
            }
            Err(TokenError::Other(e)) => {
                check_error(&e, body);
                e.code()
            }
        };
    }
    const ENDPOINT: &str = "Actindo.Modules.Actindo.Channels.Connections.get";
    let parsed = serde_json::from_slice::<Value>(body).ok();
    let value = match envelope(ENDPOINT, body) {
        Ok(v) => v,
        Err(Envelope::NotLoggedIn) => {
            let v = parsed.unwrap_or(Value::Null);
            assert_eq!(v.get("success"), Some(&Value::Bool(false)));
            assert_eq!(v.get("errno").and_then(Value::as_i64), Some(10000));
            return "not_logged_in";
        }
        Err(Envelope::Failed(e)) => {
            if let Error::Core1Api { message, .. } = &e {
                assert!(message.chars().count() <= 200);
            }
            check_error(&e, body);
            return e.code();
        }
    };
    assert_eq!(value.get("success"), Some(&Value::Bool(true)));
    let result: Result<(), Error> = match kind {
        0 => decode_value::<PingInfo>(ENDPOINT, value).map(|_| ()),
        1 => decode_value::<OneConnection>(ENDPOINT, value).map(|one| {
            round_trip(&one.connection);
        }),
        _ => decode_value::<ManyConnections>(ENDPOINT, value).map(|many| {
            many.connections.iter().for_each(round_trip);
        }),
    };
    match result {
        Ok(()) => "ok",
        Err(e) => {
            check_error(&e, body);
            e.code()
        }
    }
}

fn round_trip(c: &crate::core1::channels::Connection) {
    let again = serde_json::to_value(c)
        .ok()
        .and_then(|v| serde_json::from_value::<crate::core1::channels::Connection>(v).ok());
    assert_eq!(again.as_ref(), Some(c), "Connection does not round-trip");
    let _ = c.is_settled();
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
