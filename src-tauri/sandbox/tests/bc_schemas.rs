//! The practice BigCommerce judged by BigCommerce's own documents: every answer it gives for
//! the operations the core calls — success, refusals, rate limits — is checked against the
//! operation's schema transcribed from `bigcommerce/docs` (`bc_schemas/documents.rs`, the
//! general rules in `bc_schemas/shapes.rs`) with a JSON-Schema validator: the status must be one
//! the document lists (else one of the documented REST status codes, with the API version's
//! error body), the content type the document's, the body valid, and the rate-limit headers
//! there (with `X-Retry-After` on a 429). A second test feeds the judge wrong answers that it
//! must catch.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;
#[path = "bc_schemas/documents.rs"]
mod documents;
#[path = "bc_schemas/shapes.rs"]
mod shapes;

use common::*;
use documents::{operations, Operation};
use serde_json::{json, Value};
use setup_sandbox::config::CONNECTOR_SCOPES;
use setup_sandbox::{SandboxConfig, SandboxHandle};
use shapes::*;
use std::collections::{BTreeMap, BTreeSet};

/// One answer as the judge sees it.
struct Answer {
    status: u16,
    headers: BTreeMap<String, String>,
    body: String,
}

/// The operation `method` + `path` (query left off) is, by its document's path template.
fn operation_of<'a>(ops: &'a [Operation], method: &str, path: &str) -> Option<&'a Operation> {
    let path = path.split('?').next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    ops.iter().find(|op| {
        let template: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
        op.method == method
            && template.len() == segments.len()
            && template
                .iter()
                .zip(&segments)
                .all(|(t, s)| t == s || t.starts_with('{'))
    })
}

/// Judges one answer of `op`; `known_key` says whether the rate-limit headers must be there
/// (every answer to a key BigCommerce knows for the store it names).
fn judge(op: &Operation, a: &Answer, known_key: bool) -> Result<(), String> {
    let what = format!("{} {} → {}", op.method, op.path, a.status);
    let media = a
        .headers
        .get("content-type")
        .map(|c| c.split(';').next().unwrap_or_default().trim().to_owned())
        .unwrap_or_default();
    let (content_type, schema) = match op.responses.iter().find(|r| r.status == a.status) {
        Some(r) => (r.content_type, r.schema.clone()),
        None if DOCUMENTED_STATUSES.contains(&a.status) => (
            "application/json",
            if op.version == "v2" {
                v2_error()
            } else {
                v3_error()
            },
        ),
        None => return Err(format!("{what}: a status BigCommerce does not document")),
    };
    if media != content_type {
        return Err(format!(
            "{what}: content type {media:?}, the document says {content_type}"
        ));
    }
    let instance = if content_type == "text/plain" {
        Value::String(a.body.clone())
    } else {
        serde_json::from_str(&a.body).map_err(|e| format!("{what}: not JSON ({e})"))?
    };
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .map_err(|e| format!("{what}: the transcribed schema is broken: {e}"))?;
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if !errors.is_empty() {
        return Err(format!("{what}: {}", errors.join("; ")));
    }
    let integer = |name: &str| {
        a.headers
            .get(name)
            .is_some_and(|v| v.parse::<u64>().is_ok())
    };
    if known_key {
        if let Some(h) = RATE_LIMIT_HEADERS.iter().find(|h| !integer(h)) {
            return Err(format!("{what}: no whole-number {h}"));
        }
    }
    if a.status == 429 && !integer(RETRY_AFTER) {
        return Err(format!(
            "{what}: a 429 without a whole-number {RETRY_AFTER}"
        ));
    }
    Ok(())
}

async fn ask(
    sb: &SandboxHandle,
    store: &str,
    method: &str,
    path: &str,
    key: &str,
    body: Option<&Value>,
) -> Answer {
    let url = format!("{}/stores/{store}{path}", sb.bc_api_base());
    let mut req = client()
        .request(method.parse().unwrap(), url)
        .header("X-Auth-Token", key)
        .header("Accept", "application/json");
    if let Some(b) = body {
        req = req.json(b);
    }
    let resp = req.send().await.unwrap();
    Answer {
        status: resp.status().as_u16(),
        headers: resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    v.to_str().unwrap_or_default().to_owned(),
                )
            })
            .collect(),
        body: resp.text().await.unwrap(),
    }
}

/// Who asks: a key with every scope the connector needs, one with none, one BigCommerce does
/// not know, another store's key.
#[derive(Clone, Copy)]
enum Key {
    Full,
    NoScope,
    Unknown,
    OtherStore,
}

/// The calls: each operation's success, the refusals its document lists where the practice
/// store gives them, and what every operation can meet (no scope, an unknown key).
fn calls() -> Vec<(&'static str, &'static str, Option<Value>, Key, u16)> {
    use Key::*;
    let mut calls = vec![
        ("GET", "/v2/store", None, OtherStore, 403),
        (
            "GET",
            "/v3/catalog/products?include_fields=name,custom_url&limit=250&page=2",
            None,
            Full,
            200,
        ),
        ("POST", "/v3/catalog/products", Some(json!({})), Full, 422),
        (
            "POST",
            "/v3/catalog/products",
            Some(json!({"name": "x", "type": "physical", "weight": 1, "price": 2})),
            Full,
            422,
        ),
        ("POST", "/v2/orders", Some(json!({})), Full, 400),
        (
            "PUT",
            "/v3/inventory/adjustments/absolute",
            Some(json!({})),
            Full,
            422,
        ),
        ("POST", "/v3/channels", Some(json!({})), Full, 422),
        ("GET", "/v3/channels?limit=50&page=2", None, Full, 200),
        ("GET", "/v3/channels/77/listings?limit=1", None, Full, 400),
        (
            "POST",
            "/v3/channels/1/listings",
            Some(json!([])),
            Full,
            200,
        ),
        (
            "POST",
            "/v3/channels/1/listings",
            Some(json!([{}])),
            Full,
            422,
        ),
        (
            "POST",
            "/v3/channels/77/listings",
            Some(json!([])),
            Full,
            400,
        ),
    ];
    let reads = [
        "/v2/store",
        "/v2/time",
        "/v3/catalog/products?limit=1",
        "/v3/catalog/summary",
        "/v3/catalog/trees/categories?limit=1",
        "/v3/customers?limit=1",
        "/v2/orders/count",
        "/v3/inventory/items?limit=1",
        "/v3/channels?limit=50&page=1",
        "/v3/channels/1/listings?limit=1",
    ];
    for path in reads {
        calls.push(("GET", path, None, Full, 200));
        calls.push(("GET", path, None, NoScope, 403));
        calls.push(("GET", path, None, Unknown, 401));
    }
    calls
}

#[tokio::test]
async fn every_answer_of_the_practice_bigcommerce_matches_bigcommerces_documents() {
    let ops = operations();
    let sb = sandbox().await;
    let full = sb
        .create_api_account("abc123", &CONNECTOR_SCOPES)
        .unwrap()
        .access_token;
    let none = sb.create_api_account("abc123", &[]).unwrap().access_token;
    let other = sb
        .create_api_account("def456", &CONNECTOR_SCOPES)
        .unwrap()
        .access_token;
    // A store with every kind of channel, so their shapes are judged too.
    sb.set_storefronts("abc123", 60).unwrap();
    sb.add_channel("abc123", "Old shop", Some("storefront"), "archived")
        .unwrap();
    sb.add_channel("abc123", "Untyped", None, "active").unwrap();
    sb.set_products("abc123", 300).unwrap();

    let mut judged: Vec<(String, u16)> = Vec::new();
    let mut failures = Vec::new();
    let mut record = |op: &Operation, a: &Answer, known: bool, failures: &mut Vec<String>| {
        if let Err(e) = judge(op, a, known) {
            failures.push(e);
        }
        judged.push((
            format!("{} {} ({})", op.method, op.path, op.document),
            a.status,
        ));
    };
    for (method, path, body, key, expect) in calls() {
        let token = match key {
            Key::Full => full.as_str(),
            Key::NoScope => none.as_str(),
            Key::Unknown => "not-a-key",
            Key::OtherStore => other.as_str(),
        };
        let (version, rest) = path[1..].split_once('/').unwrap();
        let op = operation_of(&ops, method, &format!("/{rest}"))
            .unwrap_or_else(|| panic!("{path}: no operation"));
        assert_eq!(op.version, version, "{path}");
        let a = ask(&sb, "abc123", method, path, token, body.as_ref()).await;
        assert_eq!(a.status, expect, "{method} {path}: {}", a.body);
        // Another store's key is not known for the store the path names: no quota of its own.
        let known = matches!(key, Key::Full | Key::NoScope);
        record(op, &a, known, &mut failures);
    }
    // An unknown store: 404, before any key is looked at.
    let a = ask(&sb, "zzz999", "GET", "/v2/store", &full, None).await;
    assert_eq!(a.status, 404);
    record(&ops[0], &a, false, &mut failures);

    // Past the quota: every operation answers 429.
    let mut config = SandboxConfig::default();
    config.bigcommerce.rate_limit_quota = 0;
    let limited = sandbox_with(config).await;
    let key = limited
        .create_api_account("abc123", &CONNECTOR_SCOPES)
        .unwrap()
        .access_token;
    for op in &ops {
        let path = op.path.replace("{channel_id}", "1");
        let body = (op.method != "GET").then(|| json!({}));
        let a = ask(
            &limited,
            "abc123",
            op.method,
            &format!("/{}{path}", op.version),
            &key,
            body.as_ref(),
        )
        .await;
        assert_eq!(a.status, 429, "{} {path}", op.method);
        record(op, &a, true, &mut failures);
    }

    let operations_judged: BTreeSet<&String> = judged.iter().map(|(o, _)| o).collect();
    println!(
        "judged {} answers of {} operations against BigCommerce's documents (bigcommerce/docs at {}): {} mismatches",
        judged.len(),
        operations_judged.len(),
        &DOCS_COMMIT[..8],
        failures.len()
    );
    for (op, status) in judged.iter().collect::<BTreeSet<_>>() {
        println!("  {op} → {status}");
    }
    assert_eq!(
        operations_judged.len(),
        ops.len(),
        "every operation the core calls"
    );
    assert!(failures.is_empty(), "mismatches:\n{}", failures.join("\n"));
}

/// Wrong answers the judge must catch, and a right one it must let pass.
#[test]
fn the_judge_catches_wrong_answers() {
    let ops = operations();
    let find = |m: &str, p: &str| operation_of(&ops, m, p).unwrap();
    let mut headers: BTreeMap<String, String> = RATE_LIMIT_HEADERS
        .iter()
        .map(|h| ((*h).to_owned(), "10".to_owned()))
        .collect();
    headers.insert("content-type".into(), "application/json".into());
    let answer = |status: u16, body: Value, headers: &BTreeMap<String, String>| Answer {
        status,
        headers: headers.clone(),
        body: body.to_string(),
    };
    let store = json!({"id": "abc123", "name": "Shop", "dimension_decimal_places": 2, "features": {"multi_storefront_enabled": false}});
    assert_eq!(
        judge(
            find("GET", "/store"),
            &answer(200, store.clone(), &headers),
            true
        ),
        Ok(())
    );

    let mut wrong = store.clone();
    wrong["dimension_decimal_places"] = json!("2");
    let mut invented = store.clone();
    invented["multi_storefront"] = json!(true);
    let summary = json!({"data": {"variant_count": 3, "lowest_variant_price": 10}, "meta": {}});
    let listing =
        json!({"data": [{"listing_id": 1, "description": "", "variants": []}], "meta": {}});
    let unnamed = json!({"data": [{"id": 1, "type": "storefront"}], "meta": {}});
    let problem = json!({"status": 422, "title": "x", "type": "y"});
    let mut no_headers = headers.clone();
    no_headers.remove("x-rate-limit-requests-left");
    let cases = [
        (
            "a string where the document says integer",
            find("GET", "/store"),
            answer(200, wrong, &headers),
        ),
        (
            "a field the document does not have",
            find("GET", "/store"),
            answer(200, invented, &headers),
        ),
        (
            "a number where the document says string",
            find("GET", "/catalog/summary"),
            answer(200, summary, &headers),
        ),
        (
            "a listing with a description",
            find("GET", "/channels/1/listings"),
            answer(200, listing, &headers),
        ),
        (
            "a channel without its required name",
            find("GET", "/channels"),
            answer(200, unnamed, &headers),
        ),
        (
            "problem+json sent as plain JSON",
            find("PUT", "/inventory/adjustments/absolute"),
            answer(422, problem.clone(), &headers),
        ),
        (
            "a 429 without X-Retry-After",
            find("GET", "/store"),
            answer(429, json!([{"status": 429, "message": "x"}]), &headers),
        ),
        (
            "a status BigCommerce does not document",
            find("GET", "/store"),
            answer(418, json!([]), &headers),
        ),
        (
            "no rate-limit headers",
            find("GET", "/time"),
            answer(200, json!({"time": 1}), &no_headers),
        ),
        (
            "a v3 error shape on a v2 path",
            find("GET", "/store"),
            answer(403, problem, &headers),
        ),
    ];
    for (why, op, a) in &cases {
        assert!(judge(op, a, true).is_err(), "not caught: {why}");
    }
    println!(
        "the judge caught {} wrong answers of {}",
        cases.len(),
        cases.len()
    );
}
