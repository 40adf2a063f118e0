//! After the connection, against the sandbox over real HTTP: the first settings read from and
//! written to Core1 (and applied by the practice Core1), what arrived on road 2 (store counts
//! beside Core1's, products left behind until Synchronize now, several storefronts) and on
//! road 1 (Core1's side only), and the store counts under a tight rate limit.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{secrets, world, world_with, RobotBrowser, World};
use setup_core::testing::bigcommerce::{BigCommerceClient, StoreHash};
use setup_core::RetryPolicy;
use setup_core::WorkspaceUrl;
use setup_core::{ConnectionKey, Engine, EngineOptions, PollConfig, SettingsForm, StoreHidden};
use setup_core::{Error, SecretString};
use setup_core::{Phase, VariantOptionType};
use setup_sandbox::{Fault, SandboxConfig};

async fn engine(w: &World, tag: &str, browser: RobotBrowser) -> (Engine, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open_with(
        w.profile.clone(),
        dir.path(),
        secrets(tag).await,
        Arc::new(browser),
        EngineOptions::timing(RetryPolicy::fast(), PollConfig::fast()),
    )
    .await
    .unwrap();
    (engine, dir)
}

/// Welcome → Workspace → Core1 sign-in, on to the store step.
async fn to_store_step(e: &Engine, workspace: &str) {
    e.welcome_begin().await.unwrap();
    e.workspace_set(workspace).await.unwrap();
    e.core1_sign_in(&|_| {}).await.unwrap();
}

fn form(date: &str, id: &str, statuses: Vec<u32>) -> SettingsForm {
    SettingsForm {
        variant_option_type: VariantOptionType::Rectangles,
        order_statuses: statuses,
        orders_created_after: date.into(),
        orders_id_from: id.into(),
        import_archived_orders: false,
        only_push_mapped_attributes: true,
    }
}

/// The connection once Core1 reports it active again.
async fn active_again(e: &Engine, key: &ConnectionKey) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !e.arrived_check(key).await.unwrap().active {
        assert!(Instant::now() < deadline, "never active again");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn road_2_settings_round_trip_and_every_product_accounted_for() {
    let w = world().await;
    w.sandbox.set_storefronts("abc123", 3).unwrap();
    w.sandbox.set_fault(
        Fault::ProductsLeftBehind {
            workspace: Some("acme".into()),
            products: 3,
        },
        Some(1),
    );
    let account = w
        .sandbox
        .create_api_account("abc123", &common::CONNECTOR_SCOPES)
        .unwrap();
    let (e, _dir) = engine(&w, "settings2", RobotBrowser::confirming()).await;
    to_store_step(&e, "acme").await;
    let api_path = format!("{}/stores/abc123/v3/", w.sandbox.bc_api_base());
    e.store_api_account_use(&api_path, &account.access_token, &|_| {})
        .await
        .unwrap();
    let v = e.status_watch(&|_| {}).await.unwrap();
    let key = v.connection_key.unwrap();
    let id = key.id;

    // Core1's defaults, then a form Core1 could not use: nothing is sent.
    let defaults = e.settings_load(&key).await.unwrap();
    assert_eq!(defaults.variant_option_type, VariantOptionType::Dropdown);
    assert_eq!(defaults.order_statuses, vec![8, 9, 11]);
    for (bad, field) in [
        (form("2024-02-30", "", vec![11]), "date"),
        (form("", "twelve", vec![11]), "id"),
        (form("", "", vec![]), "statuses"),
    ] {
        assert_eq!(
            e.settings_save(&key, &bad).await.unwrap_err(),
            Error::SettingsInvalid { field }
        );
    }
    let kept = w.sandbox.applied_settings("acme", id).unwrap();
    assert_eq!(kept.settings.order_statuses, vec![8, 9, 11]);

    // Saved, and applied by the practice Core1's order import.
    let saved = e
        .settings_save(&key, &form("2024-02-01", " 110 ", vec![11, 2]))
        .await
        .unwrap();
    assert_eq!(saved.order_statuses, vec![2, 11]);
    assert_eq!(saved.orders_id_from, Some(110));
    let applied = w.sandbox.applied_settings("acme", id).unwrap();
    assert_eq!(
        applied.settings.variant_option_type,
        setup_sandbox::VariantOptionType::Rectangles
    );
    assert_eq!(
        applied.settings.orders_created_after.as_deref(),
        Some("2024-02-01")
    );
    // Both states, from 1 February (ids 118…) and from order 110 on: ids 118–142.
    assert_eq!(applied.statistics.orders, 25);
    assert_eq!(e.settings_load(&key).await.unwrap(), saved);

    // What arrived: the store's figures beside Core1's; 3 products (and variants) behind.
    let a = e.arrived_check(&key).await.unwrap();
    let catalog = w.sandbox.config().bigcommerce.stores[0].catalog;
    let store = a.store.clone().unwrap();
    assert_eq!(store.products, Some(catalog.products));
    assert_eq!(store.variants, Some(catalog.variants));
    assert_eq!(store.categories, Some(catalog.categories));
    assert_eq!(store.customers, Some(catalog.customers));
    assert_eq!(store.orders, Some(catalog.orders));
    assert!(a.active);
    assert_eq!(a.core1.products, catalog.products - 3);
    assert_eq!(a.missing, 6);
    assert_eq!(a.store_hidden, None);
    assert!(a.several_storefronts);
    assert_eq!(a.storefronts.len(), 3);
    assert_eq!(
        a.core1.storefront.as_ref().map(|s| s.channel_id),
        Some(1),
        "the storefront the connection covers"
    );

    // The go-live check reads the store's custom URLs with its key, page by page.
    w.sandbox
        .set_custom_url("abc123", 113, "/practice-product-1")
        .unwrap();
    let events = std::sync::Mutex::new(Vec::new());
    let report = e
        .golive_check_urls(&key, &|ev| events.lock().unwrap().push(ev))
        .await
        .unwrap();
    let check = report.check.unwrap();
    assert_eq!(check.products, catalog.products);
    assert_eq!(check.collisions.len(), 1);
    assert_eq!(check.collisions[0].products[1].id, 113);
    assert_eq!(
        *events.lock().unwrap(),
        [setup_core::Event::ProductsRead {
            done: 250,
            total: 250
        }]
    );

    // Synchronize now: everything arrives.
    e.manage_synchronize(&key).await.unwrap();
    active_again(&e, &key).await;
    let a = e.arrived_check(&key).await.unwrap();
    assert_eq!((a.missing, a.core1.products), (0, catalog.products));
    assert_eq!(a.core1.orders, 25, "the settings still apply");
}

#[tokio::test(flavor = "multi_thread")]
async fn road_1_arrived_shows_core1_side_only() {
    let w = world().await;
    let browser = RobotBrowser::confirming();
    let (e, _dir) = engine(&w, "arrived1", browser.clone()).await;
    to_store_step(&e, "practice").await;
    browser.types_workspace(&e.wizard_view().await.connector.field.unwrap().name);
    let asked = e.store_connector_watch(false, &|_| {}).await.unwrap();
    e.store_connector_confirm(asked.connector.candidates[0].id)
        .await
        .unwrap();
    let v = e.status_watch(&|_| {}).await.unwrap();
    let c = v.connection.unwrap();
    assert_eq!(c.phase, Phase::Active);
    let key = v.connection_key.unwrap();
    assert_eq!(key.id, c.id);
    let a = e.arrived_check(&key).await.unwrap();
    assert!(a.store.is_none());
    assert_eq!(a.store_hidden, Some(StoreHidden::ConnectorHoldsKey));
    assert_eq!(
        a.missing, 0,
        "nothing is called missing without the store's side"
    );
    assert!(!a.several_storefronts);
    let urls = e.golive_check_urls(&key, &|_| {}).await.unwrap();
    assert!(urls.check.is_none(), "road 1: the connector holds the key");
    assert_eq!(urls.store_hidden, Some(StoreHidden::ConnectorHoldsKey));
    assert_eq!(
        a.core1.products,
        w.sandbox.config().bigcommerce.stores[0].catalog.products
    );
    let other_id = ConnectionKey {
        id: key.id + 1000,
        ..key.clone()
    };
    let other_workspace = ConnectionKey {
        workspace: WorkspaceUrl::parse("acme", &w.profile.core1.workspace).unwrap(),
        ..key.clone()
    };
    for unknown in [other_id, other_workspace] {
        assert_eq!(
            e.arrived_check(&unknown).await.unwrap_err(),
            Error::ConnectionNotKnown
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn store_counts_wait_for_the_rate_limit_and_skip_what_the_key_may_not_read() {
    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    config.bigcommerce.rate_limit_quota = 3;
    config.bigcommerce.rate_limit_window = Duration::from_millis(600);
    let w = world_with(config).await;
    // No customers access on this key.
    let scopes: Vec<&str> = common::CONNECTOR_SCOPES
        .iter()
        .copied()
        .filter(|s| !s.contains("customers"))
        .collect();
    let account = w.sandbox.create_api_account("abc123", &scopes).unwrap();
    let client = BigCommerceClient::new(
        w.http.clone(),
        &w.profile,
        StoreHash::parse("abc123").unwrap(),
        SecretString::new(account.access_token.clone()),
    )
    .with_retry(RetryPolicy::fast());
    let started = Instant::now();
    let counts = client.counts().await.unwrap();
    // Figures, not a timed assertion: 6 requests through a quota of 3 per 600 ms.
    println!(
        "store counts with a quota of 3 per 600 ms: {} ms",
        started.elapsed().as_millis()
    );
    let catalog = w.sandbox.config().bigcommerce.stores[0].catalog;
    assert_eq!(counts.products, Some(catalog.products));
    assert_eq!(counts.orders, Some(catalog.orders));
    assert_eq!(counts.customers, None, "403: not readable, not an error");
    assert!(
        !counts.multi_storefront,
        "a single-storefront store: its channels are not asked"
    );
    assert!(counts.storefronts.is_empty());
}
