//! Hostile servers: every response body the core reads is capped. A body
//! announced larger than the cap is refused before a byte of it is read; a streamed body is cut
//! at the cap. Each ends in its own error code (`response_too_large`), quickly, and the core never
//! buffers more than the cap — whatever the endpoint: BigCommerce's API and token endpoint,
//! Core1's API and token endpoint. The sandbox plays the server (`Fault::EndlessBody`).
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::time::{Duration, Instant};

use common::{world, RobotBrowser, World};
use setup_core::testing::bigcommerce::{self, BigCommerceClient, StoreHash};
use setup_core::testing::core1::{self, Core1Client};
use setup_core::RetryPolicy;
use setup_core::WorkspaceUrl;
use setup_core::{Error, SecretStore, SecretString};
use setup_sandbox::{Area, Fault};

/// An endless body, streamed (no `Content-Length`), paced at ~64 MB/s.
fn streamed(area: Area, path: Option<&str>) -> Fault {
    serde_json::from_value(serde_json::json!({
        "kind": "endless_body",
        "area": area,
        "path_contains": path,
    }))
    .unwrap()
}

/// Headers announcing a 1 TiB body, then never a byte of it.
fn announced(area: Area, path: Option<&str>) -> Fault {
    serde_json::from_value(serde_json::json!({
        "kind": "endless_body",
        "area": area,
        "path_contains": path,
        "declared_length": 1u64 << 40,
        "chunk_bytes": 0,
    }))
    .unwrap()
}

fn bc_client(w: &World) -> BigCommerceClient {
    BigCommerceClient::new(
        w.http.clone(),
        &w.profile,
        StoreHash::parse("abc123").unwrap(),
        SecretString::new("any-token: the fault answers before the handler"),
    )
    .with_retry(RetryPolicy::fast())
}

async fn core1_signed_in(w: &World) -> Core1Client {
    core1_signed_in_result(w)
        .await
        .unwrap()
        .with_retry(RetryPolicy::fast())
}

/// The error must be the cap's own code, naming the server, reached well before the 5 s
/// request timeout.
fn assert_capped(what: &str, started: Instant, result: Result<impl std::fmt::Debug, Error>) {
    let elapsed = started.elapsed();
    let err = result.expect_err(what);
    assert_eq!(
        err.code(),
        "response_too_large",
        "{what}: {err:?} after {elapsed:?}"
    );
    assert!(
        elapsed < Duration::from_secs(3),
        "{what}: took {elapsed:?} (the cap must end it, not the timeout)"
    );
    // The log line names the server that sent too much (the user's words are the code's).
    let service = if what.starts_with("core1") {
        "Core1"
    } else {
        "BigCommerce"
    };
    assert!(err.to_string().starts_with(service), "{what}: {err}");
    println!("{what}: {} in {} ms", err.code(), elapsed.as_millis());
}

#[tokio::test]
async fn bigcommerce_api_streamed_endless_body_is_cut_at_the_cap() {
    let w = world().await;
    w.sandbox.set_fault(streamed(Area::BcApi, None), Some(1));
    let started = Instant::now();
    let result = bc_client(&w).store_info().await;
    assert_capped("bc-api streamed", started, result);
}

#[tokio::test]
async fn bigcommerce_api_announced_huge_body_is_refused_before_reading() {
    let w = world().await;
    w.sandbox.set_fault(announced(Area::BcApi, None), Some(1));
    let started = Instant::now();
    let result = bc_client(&w).store_info().await;
    // No body byte ever comes: a client that read it would wait for its timeout.
    assert_capped("bc-api announced", started, result);
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn bigcommerce_token_endpoint_endless_body_is_capped() {
    let w = world().await;
    for fault in [
        streamed(Area::BcLogin, Some("/oauth2/token")),
        announced(Area::BcLogin, Some("/oauth2/token")),
    ] {
        w.sandbox.set_fault(fault, Some(1));
        let robot = RobotBrowser::confirming();
        let signin = setup_core::testing::bigcommerce::BigCommerceSignIn::start(
            &w.profile,
            w.http.clone(),
            None,
        )
        .await
        .unwrap();
        // The whole sign-in (robot included) stays far below the request timeout.
        let started = Instant::now();
        signin.open_with(&robot).unwrap();
        let result = signin.finish().await;
        assert_capped("bc token", started, result);
    }
    // The next sign-in works: nothing was left behind.
    let grant = bigcommerce::sign_in(
        &w.profile,
        w.http.clone(),
        None,
        &RobotBrowser::confirming(),
    )
    .await
    .unwrap();
    assert_eq!(grant.store_hash.as_str(), "abc123");
}

#[tokio::test]
async fn core1_api_endless_body_is_capped_both_ways() {
    let w = world().await;
    let client = core1_signed_in(&w).await;
    for fault in [
        streamed(Area::Core1, Some("Connections.list")),
        announced(Area::Core1, Some("Connections.list")),
    ] {
        w.sandbox.set_fault(fault, Some(1));
        let started = Instant::now();
        let result = client.list_connections().await;
        assert_capped("core1 api", started, result);
    }
    client.list_connections().await.unwrap();
}

#[tokio::test]
async fn core1_token_endpoint_endless_body_is_capped() {
    let w = world().await;
    for fault in [
        streamed(Area::Core1, Some("getAccessToken")),
        announced(Area::Core1, Some("getAccessToken")),
    ] {
        w.sandbox.set_fault(fault, Some(1));
        let started = Instant::now();
        let result = core1_signed_in_result(&w).await;
        // The whole sign-in (robot included) stays far below the request timeout.
        assert_capped("core1 token", started, result);
    }
}

async fn core1_signed_in_result(w: &World) -> Result<Core1Client, Error> {
    let workspace = WorkspaceUrl::parse("acme", &w.profile.core1.workspace).unwrap();
    core1::sign_in(
        &w.profile,
        w.http.clone(),
        workspace,
        SecretStore::session_only(None),
        &RobotBrowser::confirming(),
    )
    .await
}
