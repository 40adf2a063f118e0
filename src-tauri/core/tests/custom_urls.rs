//! The go-live check's custom-URL read against the practice store over real HTTP: colliding
//! products named, 300 products read page by page through the rate limiter with progress.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::{world, world_with, World};
use setup_core::testing::bigcommerce::{BigCommerceClient, StoreHash};
use setup_core::RetryPolicy;
use setup_core::SecretString;
use setup_sandbox::SandboxConfig;

fn client(w: &World) -> BigCommerceClient {
    let account = w
        .sandbox
        .create_api_account("abc123", &common::CONNECTOR_SCOPES)
        .unwrap();
    BigCommerceClient::new(
        w.http.clone(),
        &w.profile,
        StoreHash::parse("abc123").unwrap(),
        SecretString::new(account.access_token),
    )
    .with_retry(RetryPolicy::fast())
}

#[tokio::test]
async fn colliding_custom_urls_are_named_and_a_clean_store_has_none() {
    let w = world().await;
    let c = client(&w);
    let clean = c.custom_url_collisions(&|_, _| {}).await.unwrap();
    assert_eq!(clean.products, 250);
    assert!(clean.collisions.is_empty());

    // Product 112 takes product 111's URL without its trailing slash and in other letter case;
    // product 140 takes 111's exactly.
    w.sandbox
        .set_custom_url("abc123", 112, "/Practice-Product-1")
        .unwrap();
    w.sandbox
        .set_custom_url("abc123", 140, "/practice-product-1/")
        .unwrap();
    let found = c.custom_url_collisions(&|_, _| {}).await.unwrap();
    assert_eq!(found.collisions.len(), 1);
    let group = &found.collisions[0];
    assert_eq!(group.url, "/practice-product-1/");
    let named: Vec<(u64, &str)> = group
        .products
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    assert_eq!(
        named,
        [
            (111, "Practice product 1"),
            (112, "Practice product 2"),
            (140, "Practice product 30")
        ]
    );
}

#[tokio::test]
async fn three_hundred_products_are_read_page_by_page_with_progress() {
    // The practice rate limit as shipped (150 requests per 30 s window).
    let w = world().await;
    w.sandbox.set_products("abc123", 300).unwrap();
    w.sandbox
        .set_custom_url("abc123", 410, "/practice-product-1/")
        .unwrap();
    let c = client(&w);
    let seen = Mutex::new(Vec::new());
    let started = Instant::now();
    let found = c
        .custom_url_collisions(&|done, total| seen.lock().unwrap().push((done, total)))
        .await
        .unwrap();
    let took = started.elapsed();
    // A figure, not a timed assertion.
    println!(
        "custom-URL check, 300 products, practice rate limit (150 per 30 s): {} ms, {} pages",
        took.as_millis(),
        seen.lock().unwrap().len()
    );
    assert_eq!(*seen.lock().unwrap(), [(250, 300), (300, 300)]);
    assert_eq!(found.products, 300);
    let ids: Vec<u64> = found.collisions[0].products.iter().map(|p| p.id).collect();
    assert_eq!(ids, [111, 410], "the last page's product is compared too");
}

#[tokio::test]
async fn the_check_waits_for_the_rate_limit_between_pages() {
    // One request per 400 ms: the second page must wait for the window to reset.
    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    config.bigcommerce.rate_limit_quota = 1;
    config.bigcommerce.rate_limit_window = Duration::from_millis(400);
    let w = world_with(config).await;
    w.sandbox.set_products("abc123", 300).unwrap();
    let c = client(&w);
    let started = Instant::now();
    let found = c.custom_url_collisions(&|_, _| {}).await.unwrap();
    let took = started.elapsed();
    println!(
        "custom-URL check, 300 products, 1 request per 400 ms: {} ms",
        took.as_millis()
    );
    assert_eq!(found.products, 300);
    assert!(
        took >= Duration::from_millis(300),
        "the second page waited for the reset: {took:?}"
    );
}
