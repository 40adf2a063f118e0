//! The wizard engine end to end against the sandbox over real HTTP, with the browser robot as
//! the system browser and the real keyring (session-only where none runs): Workspace → Core1 →
//! the store step on each road → Status → Manage.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{secrets, world, RobotBrowser, World};
use setup_core::SecretKey;
use setup_core::{
    ConnectOutcome, ConnectionKey, Core1State, Engine, Event, Notice, PollConfig, SettingsForm,
    Step, StoreAccess, StoreRoad, WizardView,
};
use setup_core::{Phase, VariantOptionType};
use setup_sandbox::Fault;

struct Run {
    engine: Engine,
    browser: RobotBrowser,
    events: Arc<Mutex<Vec<Event>>>,
    dir: tempfile::TempDir,
}

fn poll() -> PollConfig {
    PollConfig {
        connector: Duration::from_millis(50),
        ..PollConfig::fast()
    }
}

async fn engine_in(w: &World, dir: tempfile::TempDir, tag: &str, browser: RobotBrowser) -> Run {
    let store = secrets(tag).await;
    let engine = common::fast_engine(w.profile.clone(), dir.path(), store, &browser, poll()).await;
    Run {
        engine,
        browser,
        events: Arc::default(),
        dir,
    }
}

impl Run {
    fn sink(&self) -> impl Fn(Event) + Send + Sync + 'static {
        let events = self.events.clone();
        move |e| events.lock().unwrap().push(e)
    }

    /// Welcome → Workspace → Core1 → the store step.
    async fn to_store_step(&self, workspace: &str) {
        assert_eq!(
            self.engine.welcome_begin().await.unwrap().step,
            Step::Workspace
        );
        let v = self.engine.workspace_set(workspace).await.unwrap();
        assert_eq!(v.step, Step::Core1);
        let v = self.engine.core1_sign_in(&self.sink()).await.unwrap();
        assert_eq!(v.step, Step::BigCommerce);
        // The Core1 sign-in's robot run is done; later outcomes are the connector's.
        assert!(self.browser.last_outcome().await.reached_callback);
    }
}

async fn fresh(w: &World, tag: &str) -> Run {
    engine_in(
        w,
        tempfile::tempdir().unwrap(),
        tag,
        RobotBrowser::confirming(),
    )
    .await
}

/// "Is this your store?" — the one connection the watch found is the merchant's: Yes.
async fn yes_the_only_one(engine: &Engine, v: WizardView) -> WizardView {
    assert_eq!(v.step, Step::BigCommerce, "nothing taken before the answer");
    assert_eq!(
        v.connector.candidates.len(),
        1,
        "{:?}",
        v.connector.candidates
    );
    engine
        .store_connector_confirm(v.connector.candidates[0].id)
        .await
        .unwrap()
}

/// What the merchant types into the connector's field: the name the wizard shows.
async fn field(engine: &Engine) -> String {
    engine.wizard_view().await.connector.field.unwrap().name
}

fn api_path(w: &World) -> String {
    format!("{}/stores/abc123/v3/", w.sandbox.bc_api_base())
}

#[tokio::test(flavor = "multi_thread")]
async fn road_1_the_connector_makes_the_connection_and_the_wizard_moves_on() {
    let w = world().await;
    let run = fresh(&w, "road1").await;
    run.to_store_step("practice").await;
    // The merchant pastes exactly what the wizard shows for the connector's field.
    run.browser.types_workspace(&field(&run.engine).await);
    let v = run
        .engine
        .store_connector_watch(false, &run.sink())
        .await
        .unwrap();
    let v = yes_the_only_one(&run.engine, v).await;
    assert_eq!(v.step, Step::Status);
    assert_eq!(v.outcome, Some(ConnectOutcome::Created));
    let store = v.store.unwrap();
    assert_eq!(
        (store.hash.as_str(), store.road),
        ("abc123", StoreRoad::Connector)
    );
    let out = run.browser.last_outcome().await;
    assert!(out.text.contains("BigCommerce connected"), "{}", out.text);
    // The wizard opened the connector's page (the marketplace deep link), nothing else.
    let opened = run.browser.opened.lock().unwrap().clone();
    assert!(
        opened.last().unwrap().path().contains("marketplace"),
        "{opened:?}"
    );

    let v = run.engine.status_watch(&run.sink()).await.unwrap();
    assert_eq!(v.connection.unwrap().phase, Phase::Active);
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);
    // No BigCommerce key on this computer on road 1.
    let on_disk = std::fs::read_to_string(run.dir.path().join("progress.json")).unwrap();
    for secret in w.sandbox.issued_secrets() {
        assert!(
            !on_disk.contains(&secret),
            "a secret reached the progress file"
        );
    }

    // Manage: Core1 speaks for the store.
    run.engine.status_finish().await.unwrap();
    let h = &run.engine.manage_health().await[0];
    assert_eq!(
        (h.store_access, h.core1),
        (StoreAccess::NotHeld, Core1State::Active)
    );
    assert!(!h.needs_attention);
    let key = h.key.clone();

    // The merchant deletes the app: Core1 notices at its next scheduled import.
    assert!(w.sandbox.uninstall_app("abc123").unwrap() >= 1);
    let mut noticed = None;
    for _ in 0..100 {
        let h = run.engine.manage_health().await.remove(0);
        if h.needs_attention {
            noticed = Some(h);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let h = noticed.expect("Manage shows the revoked access");
    assert_eq!(h.connection.unwrap().credentials_valid, Some(false));

    // "Reinstall the connector" repairs the same connection.
    let h = run
        .engine
        .manage_reinstall_connector(&key, &run.sink())
        .await
        .unwrap();
    assert_eq!(h.key, key);
    let mut healthy = false;
    for _ in 0..100 {
        let h = run.engine.manage_health().await.remove(0);
        if !h.needs_attention && h.core1 == Core1State::Active {
            healthy = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        healthy,
        "the reinstalled connector made the connection healthy again"
    );
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn road_1_for_a_store_with_a_connection_updates_it() {
    let w = world().await;
    let existing = w
        .sandbox
        .seed_connection("practice", "abc123", "Practice Store")
        .unwrap();
    let run = fresh(&w, "road1dup").await;
    run.to_store_step("practice").await;
    run.browser.types_workspace(&field(&run.engine).await);
    let v = run
        .engine
        .store_connector_watch(false, &run.sink())
        .await
        .unwrap();
    let v = yes_the_only_one(&run.engine, v).await;
    assert_eq!(v.outcome, Some(ConnectOutcome::Updated));
    assert_eq!(v.connection.unwrap().id, existing.id);
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn road_1_a_wrong_workspace_in_the_connector_is_not_taken_and_the_right_one_is() {
    let w = world().await;
    let run = fresh(&w, "road1wrong").await;
    run.to_store_step("practice").await;
    // The merchant types another workspace in the connector.
    run.browser.types_workspace("acme");
    let engine = run.engine.clone();
    let sink = run.sink();
    let waiting = tokio::spawn(async move { engine.store_connector_watch(false, &sink).await });
    let out = run.browser.last_outcome_waiting().await;
    assert!(out.text.contains("BigCommerce connected"), "{}", out.text);
    assert_eq!(w.sandbox.connections("acme").unwrap().len(), 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !waiting.is_finished(),
        "a connection elsewhere is not this one"
    );
    assert!(run
        .engine
        .wizard_view()
        .await
        .connector
        .waiting_since
        .is_some());

    // "Open the connector page again", this time with the name shown.
    run.browser.types_workspace(&field(&run.engine).await);
    run.engine.store_connector_open_page().unwrap();
    let v = waiting.await.unwrap().unwrap();
    let v = yes_the_only_one(&run.engine, v).await;
    assert_eq!(v.step, Step::Status);
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn road_1_quitting_while_waiting_resumes_and_finds_the_connection_made_meanwhile() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let run = engine_in(&w, dir, "road1resume", RobotBrowser::confirming()).await;
    run.to_store_step("practice").await;
    // The connector page opens, but the merchant has not typed anything yet.
    let engine = run.engine.clone();
    let waiting =
        tokio::spawn(async move { engine.store_connector_watch(false, &|_e: Event| {}).await });
    let _ = run.browser.last_outcome_waiting().await;
    assert!(run
        .engine
        .wizard_view()
        .await
        .connector
        .waiting_since
        .is_some());
    waiting.abort(); // the app quits
    let _ = waiting.await;
    let browser = run.browser.clone();
    let store = run.engine.secrets().clone();
    drop(run.engine);

    // Meanwhile, in the browser, the merchant finishes the connector.
    browser.types_workspace("practice");
    browser.run_now(&w.profile.bigcommerce.connector_url).await;
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);

    let engine = common::fast_engine(w.profile.clone(), &path, store, &browser, poll()).await;
    let v = engine.wizard_view().await;
    assert_eq!(v.step, Step::BigCommerce);
    assert!(v.connector.waiting_since.is_some());
    let opened = browser.opened.lock().unwrap().len();
    let v = engine
        .store_connector_watch(true, &|_e: Event| {})
        .await
        .unwrap();
    let v = yes_the_only_one(&engine, v).await;
    assert_eq!(v.step, Step::Status);
    assert_eq!(v.outcome, Some(ConnectOutcome::Created));
    assert_eq!(
        browser.opened.lock().unwrap().len(),
        opened,
        "nothing reopened"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn road_1_cancel_and_back_stop_waiting_but_keep_the_watch_for_the_return() {
    let w = world().await;
    let run = fresh(&w, "road1cancel").await;
    run.to_store_step("practice").await;
    let engine = run.engine.clone();
    let waiting =
        tokio::spawn(async move { engine.store_connector_watch(false, &|_e: Event| {}).await });
    let _ = run.browser.last_outcome_waiting().await;
    run.engine.store_connector_stop();
    let err = tokio::time::timeout(Duration::from_secs(5), waiting)
        .await
        .expect("the watch ends at once")
        .unwrap()
        .unwrap_err();
    assert_eq!(err.code(), "signin_cancelled");
    let v = run.engine.wizard_back().await.unwrap();
    assert_eq!(v.step, Step::Workspace);
    // Kept for the return to the store step, which looks for what was done meanwhile against
    // the same baseline (a new watch's baseline would swallow the merchant's connection).
    assert!(v.connector.waiting_since.is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn road_2_an_api_account_creates_then_a_second_run_updates() {
    // Phases long enough that a loaded machine still sees them one by one on Status.
    let w = common::world_with(setup_sandbox::SandboxConfig::fast(Duration::from_millis(
        150,
    )))
    .await;
    let account = w
        .sandbox
        .create_api_account("abc123", &common::CONNECTOR_SCOPES)
        .unwrap();
    let run = fresh(&w, "road2").await;
    run.to_store_step("practice").await;
    let v = run
        .engine
        .store_api_account_use(&api_path(&w), &account.access_token, &run.sink())
        .await
        .unwrap();
    assert_eq!(v.step, Step::Status);
    assert_eq!(v.outcome, Some(ConnectOutcome::Created));
    assert_eq!(v.store.as_ref().unwrap().name, "Practice Store");
    assert_eq!(v.store.unwrap().road, StoreRoad::ApiAccount);
    assert_eq!(v.workspace_display.as_deref(), Some("practice.actindo.com"));
    let v = run.engine.status_watch(&run.sink()).await.unwrap();
    let c = v.connection.unwrap();
    assert_eq!(c.phase, Phase::Active);
    assert!(c.attributes.total > 0 && c.attributes.done == c.attributes.total);
    assert!(c.sync.total > 0 && c.sync.done == c.sync.total);
    let phases: Vec<Phase> = run
        .events
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            Event::Status { connection } => Some(connection.phase),
            _ => None,
        })
        .collect();
    assert!(phases.len() >= 3, "too few status events: {phases:?}");
    let report = run
        .engine
        .support_report(&Default::default(), None)
        .await
        .unwrap();
    for secret in w.sandbox.issued_secrets() {
        assert!(
            !report.contains(&secret),
            "a secret reached the support report"
        );
    }
    run.engine.status_finish().await.unwrap();
    let h = &run.engine.manage_health().await[0];
    assert_eq!(
        (h.store_access, h.core1),
        (StoreAccess::Valid, Core1State::Active)
    );
    // Manage names the store and the workspace as the merchant knows them.
    assert_eq!(h.store_domain, "practice-store.example.com");
    assert_eq!(h.workspace_display, "practice.actindo.com");
    assert!(h.workspace_url.contains("127.0.0.1"), "{}", h.workspace_url);

    // Another computer, the .txt file BigCommerce saved: the same connection, updated.
    let second = fresh(&w, "road2file").await;
    second.to_store_step("practice").await;
    let text = account.txt();
    let v = second
        .engine
        .store_api_account_use_file(&text, &second.sink())
        .await
        .unwrap();
    assert_eq!(v.outcome, Some(ConnectOutcome::Updated));
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn road_2_a_missing_access_is_named_and_nothing_is_made() {
    let w = world().await;
    // Orders read-only where the connector needs to change orders; no customers at all.
    let scopes: Vec<&str> = common::CONNECTOR_SCOPES
        .iter()
        .map(|s| {
            if *s == "store_v2_orders" {
                "store_v2_orders_read_only"
            } else {
                s
            }
        })
        .filter(|s| *s != "store_v2_customers_read_only")
        .collect();
    let account = w.sandbox.create_api_account("abc123", &scopes).unwrap();
    let run = fresh(&w, "road2missing").await;
    run.to_store_step("practice").await;
    let err = run
        .engine
        .store_api_account_use(&api_path(&w), &account.access_token, &run.sink())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "bigcommerce_access_missing");
    let json = serde_json::to_value(&err).unwrap();
    let missing: Vec<&str> = json["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        ["scope.orders_modify", "scope.customers_read_only"]
    );
    assert!(err.to_string().contains("Orders"), "{err}");
    assert_eq!(run.engine.wizard_view().await.step, Step::BigCommerce);
    assert!(w.sandbox.connections("practice").unwrap().is_empty());

    let err = run
        .engine
        .store_api_account_use_file("just some notes", &run.sink())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "api_account_file_invalid");

    // The file of an API account deleted since: refused with the store it is for; the same key
    // pasted is the pasted form's refusal.
    let old = w
        .sandbox
        .create_api_account("abc123", &common::CONNECTOR_SCOPES)
        .unwrap();
    assert!(w.sandbox.delete_api_accounts("abc123") >= 1);
    let err = run
        .engine
        .store_api_account_use_file(&old.txt(), &run.sink())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "api_account_file_refused");
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["storeHash"], "abc123");
    assert!(!json.to_string().contains(&old.access_token));
    let err = run
        .engine
        .store_api_account_use(&api_path(&w), &old.access_token, &run.sink())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "bigcommerce_token_invalid");
    assert_eq!(run.engine.wizard_view().await.step, Step::BigCommerce);
}

#[tokio::test(flavor = "multi_thread")]
async fn road_3_only_where_a_profile_registers_an_app() {
    let w = world().await;
    let run = fresh(&w, "road3").await;
    run.to_store_step("practice").await;
    assert!(run.engine.wizard_view().await.bigcommerce_signin_available);
    w.sandbox
        .set_fault(Fault::ConsentDenied { area: None }, Some(1));
    let err = run
        .engine
        .store_own_app_sign_in(&run.sink())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "signin_denied");
    assert_eq!(run.engine.wizard_view().await.step, Step::BigCommerce);
    let v = run.engine.store_own_app_sign_in(&run.sink()).await.unwrap();
    assert_eq!(
        (v.step, v.store.unwrap().road),
        (Step::Status, StoreRoad::OwnApp)
    );

    // Practice and production have no app of the wizard's own: road 3 is not offered.
    let mut plain = w.profile.clone();
    plain.bigcommerce.client_id = None;
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(
        plain,
        dir.path(),
        secrets("road3off").await,
        Arc::new(RobotBrowser::confirming()),
    )
    .await
    .unwrap();
    assert!(!engine.wizard_view().await.bigcommerce_signin_available);
}

#[tokio::test(flavor = "multi_thread")]
async fn quitting_mid_flow_resumes_without_asking_again() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let store = secrets("resume").await;
    let browser = RobotBrowser::confirming();
    {
        let engine = Engine::open(
            w.profile.clone(),
            &path,
            store.clone(),
            Arc::new(browser.clone()),
        )
        .await
        .unwrap();
        engine.welcome_begin().await.unwrap();
        engine.workspace_set("acme").await.unwrap();
        engine.core1_sign_in(&|_e: Event| {}).await.unwrap();
    } // the app quits
    let engine = Engine::open(w.profile.clone(), &path, store, Arc::new(browser.clone()))
        .await
        .unwrap();
    let v = engine.wizard_view().await;
    assert_eq!(v.step, Step::BigCommerce);
    assert!(v.workspace.unwrap().url.contains("/core1/acme"));
    // Back to the workspace and on again: the Core1 sign-in is not asked for again.
    engine.wizard_back().await.unwrap();
    let opened = browser.opened.lock().unwrap().len();
    assert_eq!(
        engine.workspace_set("acme").await.unwrap().step,
        Step::BigCommerce
    );
    assert_eq!(browser.opened.lock().unwrap().len(), opened);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_frozen_workspace_is_reported_and_the_retry_continues() {
    let w = world().await;
    let run = fresh(&w, "frozen").await;
    run.engine.welcome_begin().await.unwrap();
    w.sandbox.freeze("practice", true).unwrap();
    let err = run.engine.workspace_set("practice").await.unwrap_err();
    assert_eq!(err.code(), "core1_frozen");
    assert_eq!(run.engine.wizard_view().await.step, Step::Workspace);
    w.sandbox.freeze("practice", false).unwrap();
    assert_eq!(
        run.engine.workspace_set("practice").await.unwrap().step,
        Step::Core1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn revoked_store_access_shows_in_manage_and_a_manual_key_repairs_the_same_connection() {
    let w = world().await;
    let account = w
        .sandbox
        .create_api_account("abc123", &common::CONNECTOR_SCOPES)
        .unwrap();
    let run = fresh(&w, "revoked").await;
    run.to_store_step("practice").await;
    run.engine
        .store_api_account_use(&api_path(&w), &account.access_token, &run.sink())
        .await
        .unwrap();
    run.engine.status_watch(&run.sink()).await.unwrap();
    run.engine.status_finish().await.unwrap();
    let key = run.engine.manage_health().await[0].key.clone();

    // The API account is deleted in BigCommerce: its key stops working.
    assert_eq!(w.sandbox.delete_api_accounts("abc123"), 1);
    let health = run.engine.manage_health().await;
    assert_eq!(health[0].store_access, StoreAccess::Invalid);
    assert!(health[0].needs_attention);
    // The connector was never installed on this road: there is nothing to reinstall.
    let pages = run.browser.opened.lock().unwrap().len();
    let err = run
        .engine
        .manage_reinstall_connector(&key, &run.sink())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "wizard_out_of_order");
    assert_eq!(
        run.browser.opened.lock().unwrap().len(),
        pages,
        "no page opened"
    );

    // A wrong key is refused before Core1 sees it.
    let err = run
        .engine
        .manage_set_access_key(&key, "not-a-valid-key-0000000000")
        .await
        .unwrap_err();
    assert_eq!(err.code(), "bigcommerce_token_invalid");

    // A new API account's key repairs the same connection.
    let fresh_account = w
        .sandbox
        .create_api_account("abc123", &common::CONNECTOR_SCOPES)
        .unwrap();
    let h = run
        .engine
        .manage_set_access_key(&key, &fresh_account.access_token)
        .await
        .unwrap();
    assert_eq!((&h.key, h.store_access), (&key, StoreAccess::Valid));
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);

    // Forget removes it locally only.
    run.engine.manage_forget(&key).await.unwrap();
    assert!(run.engine.manage_health().await.is_empty());
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);
}

/// A consultant onboards merchant A (workspace `practice`, store abc123) and then merchant B
/// (workspace `acme`, store def456) on one computer. Core1 numbers connections per workspace, so
/// both are connection 1: every Manage action must reach the one it names.
#[tokio::test(flavor = "multi_thread")]
async fn two_merchants_with_the_same_connection_id_are_kept_apart() {
    let w = world().await;
    // B's first synchronization leaves products behind, A's does not.
    w.sandbox.set_fault(
        Fault::ProductsLeftBehind {
            workspace: Some("acme".into()),
            products: 3,
        },
        Some(1),
    );
    let run = fresh(&w, "two-merchants").await;
    let e = &run.engine;
    let mut keys = Vec::new();
    for (workspace, hash) in [("practice", "abc123"), ("acme", "def456")] {
        if keys.is_empty() {
            run.to_store_step(workspace).await;
        } else {
            assert_eq!(e.manage_start_new().await.unwrap().step, Step::Workspace);
            assert_eq!(e.workspace_set(workspace).await.unwrap().step, Step::Core1);
            e.core1_sign_in(&run.sink()).await.unwrap();
        }
        let account = w
            .sandbox
            .create_api_account(hash, &common::CONNECTOR_SCOPES)
            .unwrap();
        let path = format!("{}/stores/{hash}/v3/", w.sandbox.bc_api_base());
        e.store_api_account_use(&path, &account.access_token, &run.sink())
            .await
            .unwrap();
        let v = e.status_watch(&run.sink()).await.unwrap();
        assert_eq!(v.connection.unwrap().phase, Phase::Active);
        keys.push(v.connection_key.unwrap());
        // The report of this run names this merchant only.
        let report = e.support_report(&Default::default(), None).await.unwrap();
        assert!(report.contains(hash) && report.contains(&format!("/core1/{workspace}/")));
        for (other, other_hash) in [("practice", "abc123"), ("acme", "def456")] {
            if other != workspace {
                assert!(
                    !report.contains(other_hash) && !report.contains(&format!("/core1/{other}/")),
                    "{report}"
                );
            }
        }
        e.status_finish().await.unwrap();
    }
    let (a, b) = (keys[0].clone(), keys[1].clone());
    assert_eq!((a.id, b.id), (1, 1), "Core1 numbers per workspace");
    assert_ne!(a, b);
    let health = e.manage_health().await;
    let listed: Vec<_> = health
        .iter()
        .map(|h| (&h.key, h.store_hash.as_str()))
        .collect();
    assert_eq!(listed, [(&a, "abc123"), (&b, "def456")]);
    assert_ne!(
        health[0].tag, health[1].tag,
        "the page tells the cards apart"
    );

    // Manage: a report about B names B and not A; one about nothing in particular names neither.
    let about_b = e
        .support_report(&Default::default(), Some(&b))
        .await
        .unwrap();
    assert!(about_b.contains("def456") && about_b.contains("/core1/acme/"));
    assert!(!about_b.contains("abc123") && !about_b.contains("/core1/practice/"));
    let general = e.support_report(&Default::default(), None).await.unwrap();
    for absent in ["abc123", "def456", "/core1/"] {
        assert!(!general.contains(absent), "{general}");
    }
    assert!(general.contains("known connections on this computer: 2"));

    // B's settings land on B; A keeps Core1's defaults.
    let form = SettingsForm {
        variant_option_type: VariantOptionType::Rectangles,
        order_statuses: vec![11],
        orders_created_after: String::new(),
        orders_id_from: "500".into(),
        import_archived_orders: true,
        only_push_mapped_attributes: false,
    };
    e.settings_save(&b, &form).await.unwrap();
    assert_eq!(e.settings_load(&b).await.unwrap().orders_id_from, Some(500));
    assert_eq!(e.settings_load(&a).await.unwrap().orders_id_from, None);
    let applied = |ws: &str| w.sandbox.applied_settings(ws, 1).unwrap().settings;
    assert_eq!(applied("acme").orders_id_from, Some(500));
    assert_eq!(applied("practice").orders_id_from, None, "A untouched");

    // What arrived is B's; Synchronize now reaches B.
    assert_eq!(e.arrived_check(&a).await.unwrap().missing, 0);
    assert_eq!(
        e.arrived_check(&b).await.unwrap().missing,
        6,
        "B's 3 products and variants"
    );
    e.manage_synchronize(&b).await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let arrived = e.arrived_check(&b).await.unwrap();
        if arrived.active && arrived.missing == 0 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "B never synchronized again"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // Forget B: exactly A is left, exactly B's secrets are gone.
    let api = &w.profile.bigcommerce.api_url;
    let secrets_of = |k: &ConnectionKey, hash: &str| {
        [
            SecretKey::bigcommerce_token(api, hash),
            SecretKey::core1_refresh_token(k.workspace.base()),
        ]
    };
    for secret in secrets_of(&a, "abc123")
        .iter()
        .chain(&secrets_of(&b, "def456"))
    {
        assert!(
            e.secrets().get(secret).await.unwrap().is_some(),
            "{secret:?}"
        );
    }
    e.manage_forget(&b).await.unwrap();
    let left: Vec<_> = e.manage_health().await.into_iter().map(|h| h.key).collect();
    assert_eq!(left, std::slice::from_ref(&a));
    for secret in secrets_of(&a, "abc123") {
        assert!(
            e.secrets().get(&secret).await.unwrap().is_some(),
            "A keeps {secret:?}"
        );
    }
    for secret in secrets_of(&b, "def456") {
        assert!(
            e.secrets().get(&secret).await.unwrap().is_none(),
            "B's {secret:?} is gone"
        );
    }
    assert_eq!(
        e.manage_forget(&b).await.unwrap_err().code(),
        "connection_not_known"
    );
    println!(
        "two merchants, both connection 1: settings on B only, Synchronize reached B, Forget B left [{}] and removed B's 2 secrets",
        left.iter().map(ConnectionKey::tag).collect::<Vec<_>>().join(", ")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_failing_halfway_is_shown_and_synchronizing_again_recovers() {
    let w = world().await;
    let account = w
        .sandbox
        .create_api_account("abc123", &common::CONNECTOR_SCOPES)
        .unwrap();
    let run = fresh(&w, "syncfail").await;
    run.to_store_step("practice").await;
    w.sandbox
        .set_fault(Fault::SyncFailsHalfway { workspace: None }, None);
    run.engine
        .store_api_account_use(&api_path(&w), &account.access_token, &run.sink())
        .await
        .unwrap();
    let v = run.engine.status_watch(&run.sink()).await.unwrap();
    let c = v.connection.unwrap();
    assert_eq!(c.phase, Phase::Failed);
    assert_eq!(c.error_code.as_deref(), Some("sync_failed"));
    w.sandbox.clear_faults();
    let v = run.engine.status_retry(&run.sink()).await.unwrap();
    assert_eq!(v.connection.unwrap().phase, Phase::Active);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_corrupt_progress_file_starts_over_with_a_notice() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("progress.json"),
        b"{\"version\": 2, \"step\": ",
    )
    .unwrap();
    let run = engine_in(&w, dir, "corrupt", RobotBrowser::confirming()).await;
    let v = run.engine.wizard_view().await;
    assert_eq!(v.step, Step::Welcome);
    assert_eq!(v.notice, Some(Notice::ProgressReset));
    assert_eq!(
        run.engine.wizard_view().await.notice,
        None,
        "the notice is shown once"
    );
}

/// Two commands racing for one step (a double click the UI's busy flag did not catch, or two
/// windows): both are polled on one task, so the second passes the early step check while the
/// first waits on the network. Only one may move the step on — the change checks the step again
/// in the same taking of the lock — and the other is refused as out of order.
#[tokio::test(flavor = "multi_thread")]
async fn two_commands_racing_for_one_step_cannot_both_pass() {
    let w = world().await;
    let run = fresh(&w, "race").await;
    assert_eq!(
        run.engine.welcome_begin().await.unwrap().step,
        Step::Workspace
    );
    let (a, b) = tokio::join!(
        run.engine.workspace_set("practice"),
        run.engine.workspace_set("practice")
    );
    let passed: Vec<_> = [&a, &b]
        .into_iter()
        .filter_map(|r| r.as_ref().ok())
        .collect();
    assert_eq!(passed.len(), 1, "both passed: {a:?} / {b:?}");
    assert_eq!(passed[0].step, Step::Core1);
    let refused = [a, b].into_iter().find_map(Result::err);
    assert_eq!(refused, Some(setup_core::Error::WizardOutOfOrder));
    assert_eq!(run.engine.wizard_view().await.step, Step::Core1);
    // Both did their network check (two entries in the history); one step change was refused.
    let report = run
        .engine
        .support_report(&setup_core::AppFacts::default(), None)
        .await
        .unwrap();
    assert_eq!(report.matches("workspace_check").count(), 2, "{report}");
}
