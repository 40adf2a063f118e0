//! BigCommerce against the sandbox over real HTTP, with the robot as the browser.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::time::{Duration, Instant};

use common::{world, RobotBrowser, World};
use setup_core::testing::bigcommerce::{
    self, BigCommerceClient, BigCommerceGrant, BigCommerceSignIn, StoreHash,
};
use setup_core::testing::listener::ListenerConfig;
use setup_core::testing::signin::PendingSignIn;
use setup_core::RetryPolicy;
use setup_core::{Error, SecretString};
use setup_sandbox::{Area, Fault};

async fn sign_in(w: &World) -> BigCommerceGrant {
    let robot = RobotBrowser::confirming();
    bigcommerce::sign_in(&w.profile, w.http.clone(), None, &robot)
        .await
        .unwrap()
}

fn client(w: &World, grant: &BigCommerceGrant) -> BigCommerceClient {
    BigCommerceClient::new(
        w.http.clone(),
        &w.profile,
        grant.store_hash.clone(),
        grant.access_token.clone(),
    )
    .with_retry(RetryPolicy::fast())
}

#[tokio::test]
async fn full_sign_in_gives_a_token_that_reads_the_store() {
    let w = world().await;
    let robot = RobotBrowser::confirming();
    let signin = BigCommerceSignIn::start(&w.profile, w.http.clone(), None)
        .await
        .unwrap();
    let url = signin.authorize_url().clone();
    assert!(url
        .as_str()
        .starts_with(&format!("{}/oauth2/authorize?", w.sandbox.bc_login_base())));
    let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], "practice-bc-client-id");
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["redirect_uri"], w.sandbox.bc_callback());
    assert_eq!(q["redirect_uri"], signin.redirect_uri().as_str());
    assert_eq!(q["scope"], bigcommerce::scope_param());
    assert_eq!(q["state"].len(), 43);

    signin.open_with(&robot).unwrap();
    let grant = signin.finish().await.unwrap();
    let outcome = robot.last_outcome().await;
    assert!(outcome.reached_callback);
    // The robot stops at the callback: its answer is the redirect to the clean result page
    // (which carries the same page for clients that do not follow it).
    assert_eq!(outcome.status, 303);
    assert!(
        outcome.text.contains("You can close this tab"),
        "{}",
        outcome.text
    );

    assert_eq!(grant.store_hash.as_str(), "abc123");
    assert!(
        bigcommerce::missing_scopes(&grant.scope).is_empty(),
        "{}",
        grant.scope
    );
    assert_eq!(
        grant.user.as_ref().and_then(|u| u.email.as_deref()),
        Some("merchant@example.com")
    );
    assert!(grant.account_uuid.is_some());
    assert!(!format!("{grant:?}").contains(grant.access_token.expose()));

    let c = client(&w, &grant);
    let store = c.store_info().await.unwrap();
    assert_eq!(store.name, "Practice Store");
    assert_eq!(store.plan_name, "Plus");
    assert_eq!(store.id, "abc123");
    assert!(store.secure_url.starts_with("https://"));
    assert!(c.server_time().await.unwrap() > 1_600_000_000);
}

#[tokio::test]
async fn consent_denied_is_typed() {
    let w = world().await;
    let robot = RobotBrowser::cancelling();
    let err = bigcommerce::sign_in(&w.profile, w.http.clone(), None, &robot)
        .await
        .unwrap_err();
    assert_eq!(err, Error::SignInDenied);
    let outcome = robot.last_outcome().await;
    assert!(outcome.reached_callback);
    assert!(outcome.text.contains("not granted"), "{}", outcome.text);
}

#[tokio::test]
async fn a_wrong_state_is_ignored_and_open_again_completes() {
    let w = world().await;
    w.sandbox.set_fault(
        Fault::WrongState {
            area: Some(Area::BcLogin),
        },
        Some(1),
    );
    let robot = RobotBrowser::confirming();
    let signin = BigCommerceSignIn::start(&w.profile, w.http.clone(), None)
        .await
        .unwrap();
    signin.open_with(&robot).unwrap();
    let first = robot.last_outcome().await;
    assert!(first.reached_callback);
    assert_eq!(first.status, 400, "{}", first.text);
    // Still waiting: "open again" with the same URL completes the same attempt.
    signin.open_with(&robot).unwrap();
    let grant = signin.finish().await.unwrap();
    assert_eq!(grant.store_hash.as_str(), "abc123");
}

#[tokio::test]
async fn the_fixed_callback_port_busy_is_a_typed_error() {
    let w = world().await;
    let _taken =
        std::net::TcpListener::bind(("127.0.0.1", w.profile.bigcommerce.callback_port)).unwrap();
    let err = BigCommerceSignIn::start(&w.profile, w.http.clone(), None)
        .await
        .unwrap_err();
    assert_eq!(
        err,
        Error::SignInPortBusy {
            port: w.profile.bigcommerce.callback_port
        }
    );
}

#[tokio::test]
async fn an_unconfigured_app_is_a_typed_error() {
    let mut w = world().await;
    w.profile.bigcommerce.client_id = None;
    let err = BigCommerceSignIn::start(&w.profile, w.http.clone(), None)
        .await
        .unwrap_err();
    assert_eq!(err, Error::BigCommerceNotConfigured);
}

#[tokio::test]
async fn a_rejected_exchange_is_typed_and_a_token_endpoint_5xx_is_not_retried() {
    let w = world().await;
    let robot = RobotBrowser::confirming();
    let err = bigcommerce::sign_in(
        &w.profile,
        w.http.clone(),
        Some(SecretString::from("wrong-secret")),
        &robot,
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "bigcommerce_exchange_failed");
    assert!(!err.to_string().contains("wrong-secret"));

    w.sandbox.set_fault(
        Fault::ServerError {
            status: 502,
            area: Some(Area::BcLogin),
            path_contains: Some("/oauth2/token".into()),
        },
        Some(1),
    );
    let err = bigcommerce::sign_in(&w.profile, w.http.clone(), None, &robot)
        .await
        .unwrap_err();
    assert_eq!(err, Error::BigCommerceUnavailable { status: 502 });
    assert!(
        w.sandbox.faults().is_empty(),
        "exactly one token call was made"
    );
}

#[tokio::test]
async fn api_account_road_parses_and_validates() {
    let w = world().await;
    let grant = sign_in(&w).await;
    let token = format!("  {}\n", grant.access_token.expose());
    let acct = bigcommerce::validate_api_account(
        w.http.clone(),
        &w.profile,
        " https://api.bigcommerce.com/stores/ABC123/v3/ ",
        &token,
    )
    .await
    .unwrap();
    assert_eq!(acct.store_hash.as_str(), "abc123");
    assert_eq!(acct.access_token, grant.access_token);
    assert_eq!(acct.store.name, "Practice Store");

    let bad = |path: &'static str, token: &'static str| {
        let (http, profile) = (w.http.clone(), w.profile.clone());
        async move {
            bigcommerce::validate_api_account(http, &profile, path, token)
                .await
                .unwrap_err()
        }
    };
    assert_eq!(
        bad(
            "https://api.bigcommerce.com/stores/abc123/v3/",
            "not-a-valid-token"
        )
        .await,
        Error::BigCommerceTokenInvalid
    );
    assert_eq!(
        bad("https://api.bigcommerce.com/stores/zzz999/v3/", "whatever").await,
        Error::BigCommerceStoreNotFound
    );
    assert_eq!(
        bad("https://api.bigcommerce.com/v3/", "whatever").await,
        Error::BigCommerceApiPathInvalid
    );
    assert_eq!(
        bad("stores/abc123", "has space").await,
        Error::BigCommerceTokenMalformed
    );
    let page =
        bigcommerce::api_accounts_page(&w.profile, Some(&StoreHash::parse("abc123").unwrap()))
            .unwrap();
    assert!(page.as_str().starts_with(w.sandbox.base_url()));
}

#[tokio::test]
async fn a_revoked_token_is_401_token_invalid() {
    let w = world().await;
    let grant = sign_in(&w).await;
    let c = client(&w, &grant);
    c.check_token().await.unwrap();
    w.sandbox.set_fault(
        Fault::RevokedBcToken {
            store_hash: Some("abc123".into()),
        },
        Some(1),
    );
    assert_eq!(
        c.check_token().await.unwrap_err(),
        Error::BigCommerceTokenInvalid
    );
    c.check_token().await.unwrap();
    // Uninstalling the app invalidates the token for good.
    w.sandbox.uninstall_app("abc123").unwrap();
    assert_eq!(
        c.check_token().await.unwrap_err(),
        Error::BigCommerceTokenInvalid
    );
}

#[tokio::test]
async fn a_token_without_the_information_scope_is_403_store_refused_then_scope_missing() {
    let w = world().await;
    // A hand-made authorization asking for products only.
    let bc = &w.profile.bigcommerce;
    let config = ListenerConfig::new(
        bc.callback_port,
        &bc.callback_path,
        Duration::from_secs(20),
        "BigCommerce",
    );
    let login = bc.login_url.clone();
    let pending = PendingSignIn::start(config, move |redirect, state, pkce| {
        let mut u = url::Url::parse(&format!("{login}/oauth2/authorize")).unwrap();
        u.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", "practice-bc-client-id")
            .append_pair("redirect_uri", redirect.as_str())
            .append_pair("scope", "store_v2_products")
            .append_pair("state", state)
            .append_pair("code_challenge", &pkce.challenge)
            .append_pair("code_challenge_method", "S256");
        Ok(u)
    })
    .await
    .unwrap();
    let robot = RobotBrowser::confirming();
    pending.open_with(&robot).unwrap();
    let auth = pending.wait().await.unwrap();
    let body = serde_json::json!({
        "client_id": "practice-bc-client-id",
        "client_secret": "practice-bc-client-secret",
        "code": auth.callback.code.expose(),
        "context": auth.callback.params["context"],
        "scope": auth.callback.params["scope"],
        "grant_type": "authorization_code",
        "redirect_uri": auth.redirect_uri.as_str(),
        "code_verifier": auth.pkce_verifier.expose(),
    });
    let token: serde_json::Value = w
        .http
        .post(format!("{}/oauth2/token", bc.login_url))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let c = BigCommerceClient::new(
        w.http.clone(),
        &w.profile,
        StoreHash::parse("abc123").unwrap(),
        SecretString::new(token["access_token"].as_str().unwrap()),
    );
    assert_eq!(
        c.store_info().await.unwrap_err(),
        Error::BigCommerceScopeMissing
    );
    assert_eq!(
        c.check_token().await.unwrap_err(),
        Error::BigCommerceStoreRefused,
        "the first call's 403 allows for a wrong store too"
    );
    assert_eq!(
        c.server_time().await.unwrap_err(),
        Error::BigCommerceScopeMissing,
        "the time is Information & Settings too"
    );
    assert!(
        c.get_json::<serde_json::Value>("v3/catalog/products?limit=1")
            .await
            .is_ok(),
        "the token itself is valid"
    );
    assert!(!bigcommerce::missing_scopes(token["scope"].as_str().unwrap()).is_empty());
}

#[tokio::test]
async fn a_429_with_headers_waits_for_the_reset() {
    let w = world().await;
    let grant = sign_in(&w).await;
    let c = client(&w, &grant);
    w.sandbox.set_fault(
        Fault::TooManyRequests {
            area: Some(Area::BcApi),
            with_headers: true,
            retry_after_s: None,
            reset_ms: 200,
        },
        Some(2),
    );
    let started = Instant::now();
    assert_eq!(c.store_info().await.unwrap().name, "Practice Store");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(390),
        "waited for two resets: {took:?}"
    );
    assert!(took < Duration::from_secs(3), "{took:?}");
}

#[tokio::test]
async fn a_429_without_headers_backs_off_and_gives_up_bounded() {
    let w = world().await;
    let grant = sign_in(&w).await;
    let c = client(&w, &grant);
    w.sandbox.set_fault(
        Fault::TooManyRequests {
            area: Some(Area::BcApi),
            with_headers: false,
            retry_after_s: None,
            reset_ms: 0,
        },
        Some(2),
    );
    assert_eq!(c.store_info().await.unwrap().name, "Practice Store");
    w.sandbox.set_fault(
        Fault::TooManyRequests {
            area: Some(Area::BcApi),
            with_headers: false,
            retry_after_s: None,
            reset_ms: 0,
        },
        None,
    );
    let started = Instant::now();
    assert_eq!(
        c.store_info().await.unwrap_err(),
        Error::BigCommerceRateLimited
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn server_errors_and_dropped_connections_are_retried_for_gets() {
    let w = world().await;
    let grant = sign_in(&w).await;
    let c = client(&w, &grant);
    w.sandbox.set_fault(
        Fault::ServerError {
            status: 503,
            area: Some(Area::BcApi),
            path_contains: None,
        },
        Some(2),
    );
    assert_eq!(c.store_info().await.unwrap().name, "Practice Store");
    w.sandbox.set_fault(
        Fault::DropConnection {
            area: Some(Area::BcApi),
            path_contains: None,
        },
        Some(1),
    );
    assert_eq!(c.store_info().await.unwrap().name, "Practice Store");
    w.sandbox.set_fault(
        Fault::ServerError {
            status: 500,
            area: Some(Area::BcApi),
            path_contains: None,
        },
        None,
    );
    assert_eq!(
        c.store_info().await.unwrap_err(),
        Error::BigCommerceUnavailable { status: 500 }
    );
    w.sandbox.clear_faults();
    // A server that does not answer in time: the client's timeout, then "unreachable".
    let slow_http = setup_core::testing::http::client(&setup_core::testing::http::HttpConfig {
        connect_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_millis(200),
    })
    .unwrap();
    w.sandbox.set_fault(
        Fault::Latency {
            ms: 1000,
            area: Some(Area::BcApi),
        },
        None,
    );
    let slow = BigCommerceClient::new(
        slow_http,
        &w.profile,
        grant.store_hash.clone(),
        grant.access_token.clone(),
    )
    .with_retry(RetryPolicy {
        max_attempts: 2,
        ..RetryPolicy::fast()
    });
    let started = Instant::now();
    assert_eq!(
        slow.store_info().await.unwrap_err(),
        Error::BigCommerceUnreachable
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

/// A client with an API account of `store` holding every scope the connector needs.
fn account_client(w: &World, store: &str, path_store: &str) -> BigCommerceClient {
    let account = w
        .sandbox
        .create_api_account(store, &common::CONNECTOR_SCOPES)
        .unwrap();
    BigCommerceClient::new(
        w.http.clone(),
        &w.profile,
        StoreHash::parse(path_store).unwrap(),
        SecretString::new(account.access_token.clone()),
    )
    .with_retry(RetryPolicy::fast())
}

#[tokio::test]
async fn storefronts_are_read_to_the_last_page_with_type_optional_and_only_those_in_use() {
    let w = world().await;
    let c = account_client(&w, "abc123", "abc123");
    let single = c.counts().await.unwrap();
    assert!(!single.multi_storefront && single.storefronts.is_empty());
    assert_eq!(
        single.categories,
        Some(w.sandbox.config().bigcommerce.stores[0].catalog.categories),
        "the category trees' categories"
    );

    // 60 storefronts (two pages of 50), an archived one, a channel without a type, a
    // marketplace channel, and one storefront down for maintenance.
    w.sandbox.set_storefronts("abc123", 60).unwrap();
    w.sandbox
        .add_channel("abc123", "Old shop", Some("storefront"), "archived")
        .unwrap();
    w.sandbox
        .add_channel("abc123", "Untyped", None, "active")
        .unwrap();
    w.sandbox
        .add_channel("abc123", "Marketplace", Some("marketplace"), "connected")
        .unwrap();
    w.sandbox
        .add_channel("abc123", "Maintenance", Some("storefront"), "inactive")
        .unwrap();
    w.sandbox
        .add_channel("abc123", "Next shop", Some("storefront"), "prelaunch")
        .unwrap();
    let multi = c.counts().await.unwrap();
    assert!(multi.multi_storefront);
    let names: Vec<&str> = multi.storefronts.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names.len(),
        61,
        "60 active and the prelaunch one: {names:?}"
    );
    assert_eq!(names[0], "Practice Store");
    assert_eq!(names[59], "Practice Store 60", "the second page was read");
    assert_eq!(names[60], "Next shop");
    for gone in ["Old shop", "Untyped", "Marketplace", "Maintenance"] {
        assert!(!names.contains(&gone), "{gone} counted");
    }
}

#[tokio::test]
async fn a_429_waits_the_longer_of_x_retry_after_and_the_reset() {
    let w = world().await;
    let c = account_client(&w, "abc123", "abc123");
    w.sandbox.set_fault(
        Fault::TooManyRequests {
            area: Some(Area::BcApi),
            with_headers: true,
            reset_ms: 100,
            retry_after_s: Some(1),
        },
        Some(1),
    );
    let started = Instant::now();
    assert_eq!(c.store_info().await.unwrap().name, "Practice Store");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(990),
        "waited X-Retry-After (1 s), not the 100 ms reset: {took:?}"
    );
    assert!(took < Duration::from_secs(3), "{took:?}");
    // X-Retry-After alone is honoured too.
    w.sandbox.set_fault(
        Fault::TooManyRequests {
            area: Some(Area::BcApi),
            with_headers: false,
            reset_ms: 0,
            retry_after_s: Some(1),
        },
        Some(1),
    );
    let started = Instant::now();
    c.store_info().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(990));
}

#[tokio::test]
async fn a_501_or_505_is_not_retried_and_a_503_is() {
    let w = world().await;
    let c = account_client(&w, "abc123", "abc123");
    for status in [501, 505] {
        w.sandbox.set_fault(
            Fault::ServerError {
                status,
                area: Some(Area::BcApi),
                path_contains: None,
            },
            Some(1),
        );
        assert_eq!(
            c.store_info().await.unwrap_err(),
            Error::BigCommerceRequestUnsupported { status },
            "one answer, no retry (a retry would have succeeded)"
        );
        assert!(c.store_info().await.is_ok());
    }
    w.sandbox.set_fault(
        Fault::ServerError {
            status: 503,
            area: Some(Area::BcApi),
            path_contains: None,
        },
        Some(1),
    );
    assert!(c.store_info().await.is_ok(), "a 503 is retried");
}

#[tokio::test]
async fn another_stores_key_is_refused_in_words_that_allow_for_a_wrong_store() {
    let w = world().await;
    let c = account_client(&w, "abc123", "def456");
    assert_eq!(
        c.check_token().await.unwrap_err(),
        Error::BigCommerceStoreRefused
    );
    let e = bigcommerce::validate_api_account(
        w.http.clone(),
        &w.profile,
        "https://api.bigcommerce.com/stores/def456/v3/",
        abc123_key(&w).expose(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "bigcommerce_store_refused");
}

/// A valid key of store `abc123`.
fn abc123_key(w: &World) -> SecretString {
    SecretString::new(
        w.sandbox
            .create_api_account("abc123", &common::CONNECTOR_SCOPES)
            .unwrap()
            .access_token,
    )
}
