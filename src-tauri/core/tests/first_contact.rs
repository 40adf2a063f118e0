//! First contact with a workspace, through the engine against the practice Core1 over real
//! HTTP: the guided app registration (secret checked, kept per workspace, never asked again),
//! the registration check before a sign-in (`invalid_client` / `invalid_grant`), the fixed
//! callback port, Core1's readiness, and road 1 never taking a connection the merchant did not
//! confirm (a colleague's, two at once, an old change on resume a day later).
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::{secrets, world, world_unregistered, RobotBrowser, World};
use setup_core::testing::core1::Core1Client;
use setup_core::testing::core1::ReadinessProblem;
use setup_core::testing::core1::{Verdict, PRODUCT_CLIENT_ID, REGISTRATION_NAME};
use setup_core::WorkspaceUrl;
use setup_core::{ConnectOutcome, Engine, Event, Notice, PollConfig, Step, WizardView};
use setup_core::{Error, SecretKey, SecretStore, SecretString};
use setup_sandbox::Fault;

fn poll() -> PollConfig {
    PollConfig {
        connector: Duration::from_millis(50),
        ..PollConfig::fast()
    }
}

fn nothing(_: Event) {}

async fn engine(w: &World, dir: &std::path::Path, store: SecretStore, b: &RobotBrowser) -> Engine {
    common::fast_engine(w.profile.clone(), dir, store, b, poll()).await
}

fn ws(w: &World, name: &str) -> WorkspaceUrl {
    WorkspaceUrl::parse(name, &w.profile.core1.workspace).unwrap()
}

fn key(w: &World, name: &str) -> SecretKey {
    SecretKey::core1_client_secret(ws(w, name).base(), PRODUCT_CLIENT_ID)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_guided_registration_then_the_sign_in_and_never_again() {
    let w = world_unregistered().await;
    let store = secrets("firstcontact").await;
    let dir = tempfile::tempdir().unwrap();
    let browser = RobotBrowser::confirming();
    let e = engine(&w, dir.path(), store.clone(), &browser).await;
    e.welcome_begin().await.unwrap();
    let v = e.workspace_set("practice").await.unwrap();
    assert_eq!(v.step, Step::Core1);
    let info = v.core1.unwrap();
    assert!(info.registration_needed, "no secret for this workspace yet");
    let form = info.registration;
    assert_eq!(form.name, REGISTRATION_NAME);
    assert_eq!(form.client_id, PRODUCT_CLIENT_ID);
    assert!(!form.only_auth_scopes);
    let redirect = format!(
        "http://127.0.0.1:{}/core1/callback",
        w.profile.core1.callback_port
    );
    assert_eq!(form.redirect_uri, redirect);
    // Without the secret, no browser opens.
    assert_eq!(
        e.core1_sign_in(&nothing).await.unwrap_err(),
        Error::Core1RegistrationNeeded
    );
    assert!(browser.opened.lock().unwrap().is_empty());

    // The merchant registers the app in Dev Tools with the values shown.
    let secret = w
        .sandbox
        .register_core1_app("practice", &form.name, &form.client_id, &form.redirect_uri)
        .unwrap();
    // Pasted wrong, or not a secret at all: named as such, nothing kept.
    for (pasted, code) in [
        ("wrong-secret__", "core1_secret_refused"),
        ("  ", "core1_secret_malformed"),
        ("two words", "core1_secret_malformed"),
    ] {
        assert_eq!(
            e.core1_registration_save_secret(pasted)
                .await
                .unwrap_err()
                .code(),
            code,
            "{pasted:?}"
        );
        assert_eq!(store.get(&key(&w, "practice")).await.unwrap(), None);
    }
    // A secret of another workspace's registration is refused here too (instance-specific).
    let acme = w
        .sandbox
        .register_core1_app("acme", &form.name, &form.client_id, &form.redirect_uri)
        .unwrap();
    assert_eq!(
        e.core1_registration_save_secret(&acme).await.unwrap_err(),
        Error::Core1SecretRefused
    );
    let v = e
        .core1_registration_save_secret(&format!(" {secret}\n"))
        .await
        .unwrap();
    assert!(!v.core1.unwrap().registration_needed);
    assert_eq!(
        store
            .get(&key(&w, "practice"))
            .await
            .unwrap()
            .unwrap()
            .expose(),
        secret,
        "kept in the keyring for this workspace"
    );
    let v = e.core1_sign_in(&nothing).await.unwrap();
    assert_eq!(v.step, Step::BigCommerce);
    let url = browser.opened.lock().unwrap()[0].clone();
    let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(q["redirect_uri"], redirect, "the registered Redirect URI");
    assert_eq!(q["scope"], "profile");

    // A later launch, its Core1 session expired: signed in again without the registration.
    w.sandbox.set_fault(
        Fault::ExpiredRefreshToken {
            workspace: Some("practice".into()),
        },
        Some(1),
    );
    let later_dir = tempfile::tempdir().unwrap();
    let later = engine(&w, later_dir.path(), store.clone(), &browser).await;
    later.welcome_begin().await.unwrap();
    let v = later.workspace_set("practice").await.unwrap();
    assert_eq!(v.step, Step::Core1);
    assert!(!v.core1.unwrap().registration_needed, "never asked again");
    assert_eq!(
        later.core1_sign_in(&nothing).await.unwrap().step,
        Step::BigCommerce
    );

    // Someone deletes and re-creates the registration in Core1: the stored secret is refused
    // before any browser opens, dropped, and the registration is what comes next.
    assert!(w
        .sandbox
        .delete_core1_registration("practice", PRODUCT_CLIENT_ID));
    w.sandbox
        .register_core1_app("practice", &form.name, &form.client_id, &form.redirect_uri)
        .unwrap();
    let third_dir = tempfile::tempdir().unwrap();
    let third = engine(&w, third_dir.path(), store.clone(), &browser).await;
    third.welcome_begin().await.unwrap();
    let v = third.workspace_set("practice").await.unwrap();
    assert_eq!(
        v.step,
        Step::Core1,
        "the old sign-in died with the registration"
    );
    let opened = browser.opened.lock().unwrap().len();
    assert_eq!(
        third.core1_sign_in(&nothing).await.unwrap_err(),
        Error::Core1RegistrationRefused
    );
    assert_eq!(browser.opened.lock().unwrap().len(), opened, "no browser");
    assert_eq!(store.get(&key(&w, "practice")).await.unwrap(), None);
    assert!(third.wizard_view().await.core1.unwrap().registration_needed);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_check_tells_a_good_registration_from_a_refused_one() {
    let w = world().await;
    let store = secrets("probe").await;
    let redirect = url::Url::parse(&format!(
        "http://127.0.0.1:{}/core1/callback",
        w.profile.core1.callback_port
    ))
    .unwrap();
    let check = |secret: Option<&str>, profile: &setup_core::Profile| {
        let c = Core1Client::with_client_secret(
            w.http.clone(),
            profile,
            ws(&w, "acme"),
            store.clone(),
            secret.map(SecretString::from).as_ref(),
        )
        .unwrap();
        let redirect = redirect.clone();
        async move { c.check_registration(&redirect).await }
    };
    let good = setup_sandbox::config::PRACTICE_CORE1_CLIENT_SECRET;
    assert_eq!(
        check(Some(good), &w.profile).await.unwrap(),
        Verdict::Accepted
    );
    assert_eq!(
        check(Some("not-it"), &w.profile).await.unwrap(),
        Verdict::Refused
    );
    assert_eq!(check(None, &w.profile).await.unwrap(), Verdict::Refused);
    let mut other = w.profile.clone();
    other.core1.client_id = Some("another_app".into());
    assert_eq!(
        check(Some(good), &other).await.unwrap(),
        Verdict::Refused,
        "unknown to the workspace"
    );
    // A frozen workspace keeps its own error.
    w.sandbox.freeze("acme", true).unwrap();
    assert_eq!(
        check(Some(good), &w.profile).await.unwrap_err(),
        Error::Core1Frozen
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_taken_port_is_named_and_the_sign_in_works_once_it_is_free() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let e = engine(
        &w,
        dir.path(),
        secrets("portbusy").await,
        &RobotBrowser::confirming(),
    )
    .await;
    e.welcome_begin().await.unwrap();
    e.workspace_set("practice").await.unwrap();
    let port = w.profile.core1.callback_port;
    let squatter = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    assert_eq!(
        e.core1_sign_in(&nothing).await.unwrap_err(),
        Error::SignInPortBusy { port },
        "never another port: the registration would refuse it"
    );
    drop(squatter);
    assert_eq!(
        e.core1_sign_in(&nothing).await.unwrap().step,
        Step::BigCommerce
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn readiness_names_the_missing_driver_until_it_is_installed() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let e = engine(
        &w,
        dir.path(),
        secrets("ready").await,
        &RobotBrowser::confirming(),
    )
    .await;
    e.welcome_begin().await.unwrap();
    e.workspace_set("practice").await.unwrap();
    e.core1_sign_in(&nothing).await.unwrap();
    assert!(e.store_readiness().await.unwrap().ready());
    let rule = w.sandbox.set_fault(
        Fault::DriverMissing {
            workspace: Some("practice".into()),
        },
        None,
    );
    assert_eq!(
        e.store_readiness().await.unwrap().problems,
        vec![ReadinessProblem::DriverMissing]
    );
    w.sandbox.remove_fault(rule);
    assert!(e.store_readiness().await.unwrap().ready());
}

/// Welcome → Workspace → Core1 → the store step.
async fn to_store_step(e: &Engine) {
    e.welcome_begin().await.unwrap();
    e.workspace_set("practice").await.unwrap();
    assert_eq!(
        e.core1_sign_in(&nothing).await.unwrap().step,
        Step::BigCommerce
    );
}

/// Runs the watch until it asks "Is this your store?".
async fn asked(e: &Engine, resume: bool) -> WizardView {
    tokio::time::timeout(
        Duration::from_secs(20),
        e.store_connector_watch(resume, &nothing),
    )
    .await
    .expect("asked in time")
    .unwrap()
}

fn names(v: &WizardView) -> Vec<String> {
    v.connector
        .candidates
        .iter()
        .map(|c| c.store_hash.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_colleagues_connection_is_asked_about_not_taken() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let browser = RobotBrowser::confirming();
    let e = engine(&w, dir.path(), secrets("colleague").await, &browser).await;
    to_store_step(&e).await;
    let _ = browser.last_outcome().await;
    // While the merchant is in BigCommerce, a colleague connects another store.
    let waiting = {
        let e = e.clone();
        tokio::spawn(async move { asked(&e, false).await })
    };
    let _ = browser.last_outcome_waiting().await; // the connector's page, nothing typed
    let colleague = w
        .sandbox
        .seed_connection("practice", "def456", "BigCommerce (def456)")
        .unwrap();
    let v = waiting.await.unwrap();
    assert_eq!(v.step, Step::BigCommerce, "not adopted");
    assert_eq!(names(&v), ["def456"]);
    assert!(v.connector.candidates[0].is_new);
    assert_eq!(v.connector.candidates[0].name, "BigCommerce (def456)");
    // No: nothing stored, no setting written, the wait goes on.
    let v = e.store_connector_decline().await.unwrap();
    assert!(v.connector.candidates.is_empty());
    assert_eq!(v.known_connections, 0);
    let on_disk: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("progress.json")).unwrap())
            .unwrap();
    assert_eq!(
        on_disk["known"],
        serde_json::json!([]),
        "nothing remembered"
    );
    assert_eq!(on_disk["connectionId"], serde_json::Value::Null);
    let now = w
        .sandbox
        .connections("practice")
        .unwrap()
        .into_iter()
        .find(|c| c.id == colleague.id)
        .unwrap();
    // `updateSettings` (and every other write) changes `updatedAt`: nothing was written.
    assert_eq!(
        now.updated_at, colleague.updated_at,
        "nothing written to it"
    );

    // The merchant's own connector run: only theirs is asked about.
    let waiting = {
        let e = e.clone();
        tokio::spawn(async move { asked(&e, true).await })
    };
    browser.types_workspace("practice");
    browser.run_now(&w.profile.bigcommerce.connector_url).await;
    let v = waiting.await.unwrap();
    assert_eq!(names(&v), ["abc123"]);
    let v = e
        .store_connector_confirm(v.connector.candidates[0].id)
        .await
        .unwrap();
    assert_eq!(v.step, Step::Status);
    assert_eq!(v.store.unwrap().hash, "abc123");
    assert_eq!(v.known_connections, 1);
    // A stale answer for a connection that was not asked about is refused.
    assert_eq!(
        e.store_connector_confirm(colleague.id).await.unwrap_err(),
        Error::WizardOutOfOrder
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn two_at_once_the_merchant_picks_theirs() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let browser = RobotBrowser::confirming();
    let e = engine(&w, dir.path(), secrets("twoatonce").await, &browser).await;
    to_store_step(&e).await;
    let _ = browser.last_outcome().await;
    // The watch's baseline is taken; then two stores are connected between two polls.
    let waiting = {
        let e = e.clone();
        tokio::spawn(async move { asked(&e, false).await })
    };
    let _ = browser.last_outcome_waiting().await;
    w.sandbox.set_fault(
        Fault::Latency {
            ms: 300,
            area: Some(setup_sandbox::Area::Core1),
        },
        Some(1),
    );
    w.sandbox
        .seed_connection("practice", "def456", "BigCommerce (def456)")
        .unwrap();
    w.sandbox
        .seed_connection("practice", "abc123", "BigCommerce (abc123)")
        .unwrap();
    let v = waiting.await.unwrap();
    let mut got = names(&v);
    got.sort();
    assert_eq!(got, ["abc123", "def456"]);
    let mine = v
        .connector
        .candidates
        .iter()
        .find(|c| c.store_hash == "abc123")
        .unwrap()
        .id;
    let v = e.store_connector_confirm(mine).await.unwrap();
    assert_eq!(v.store.unwrap().hash, "abc123");
}

#[tokio::test(flavor = "multi_thread")]
async fn resumed_a_day_later_an_older_change_is_not_offered() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let store = secrets("daylater").await;
    let browser = RobotBrowser::confirming();
    let e = engine(&w, dir.path(), store.clone(), &browser).await;
    to_store_step(&e).await;
    let _ = browser.last_outcome().await;
    let waiting = {
        let e = e.clone();
        tokio::spawn(async move { e.store_connector_watch(false, &nothing).await })
    };
    let _ = browser.last_outcome_waiting().await;
    waiting.abort(); // the wizard is closed
    let _ = waiting.await;
    drop(e);

    // A day passes in the workspace. A connection shows up that was last changed an hour
    // before the wizard started waiting (e.g. moved in from elsewhere): not this run's.
    w.sandbox.advance_clock(Duration::from_secs(24 * 3600));
    let old = w
        .sandbox
        .seed_connection_changed_ago("practice", "def456", "BigCommerce (def456)", {
            Duration::from_secs(25 * 3600)
        })
        .unwrap();
    let e = engine(&w, dir.path(), store, &browser).await;
    assert!(e.wizard_view().await.connector.waiting_since.is_some());
    let resumed = {
        let e = e.clone();
        tokio::spawn(async move { asked(&e, true).await })
    };
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(!resumed.is_finished(), "{} is not offered", old.updated_at);
    // The merchant's own START SETUP today is.
    browser.types_workspace("practice");
    browser.run_now(&w.profile.bigcommerce.connector_url).await;
    let v = resumed.await.unwrap();
    assert_eq!(names(&v), ["abc123"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn back_pauses_the_watch_and_the_return_finds_what_was_done_meanwhile() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let browser = RobotBrowser::confirming();
    let e = engine(&w, dir.path(), secrets("backmeanwhile").await, &browser).await;
    to_store_step(&e).await;
    let _ = browser.last_outcome().await;
    let waiting = {
        let e = e.clone();
        tokio::spawn(async move { e.store_connector_watch(false, &nothing).await })
    };
    let _ = browser.last_outcome_waiting().await; // the connector's page, nothing typed
                                                  // Back to Workspace: the watch stops, is kept, and the screen says so.
    let v = e.wizard_back().await.unwrap();
    assert_eq!(v.step, Step::Workspace);
    assert_eq!(v.notice, Some(Notice::ConnectorPaused));
    assert_eq!(waiting.await.unwrap().unwrap_err(), Error::SignInCancelled);
    // The merchant presses START SETUP anyway, then returns to the store step.
    browser.types_workspace("practice");
    browser.run_now(&w.profile.bigcommerce.connector_url).await;
    let v = e.workspace_set("practice").await.unwrap();
    assert_eq!(v.step, Step::BigCommerce);
    assert!(v.connector.waiting_since.is_some(), "the watch is kept");
    let v = asked(&e, true).await;
    assert_eq!(names(&v), ["abc123"]);
    assert!(v.connector.candidates[0].is_new, "made by this run");
    let v = e
        .store_connector_confirm(v.connector.candidates[0].id)
        .await
        .unwrap();
    assert_eq!(v.outcome, Some(ConnectOutcome::Created));
}

#[tokio::test(flavor = "multi_thread")]
async fn looking_again_finds_a_connection_made_before_the_page_was_opened() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let browser = RobotBrowser::confirming();
    let e = engine(&w, dir.path(), secrets("lookagain").await, &browser).await;
    to_store_step(&e).await;
    let _ = browser.last_outcome().await;
    // Nothing to look again for before a watch.
    assert_eq!(
        e.store_connector_look_again().await.unwrap_err(),
        Error::WizardOutOfOrder
    );
    // The merchant found the connector by themselves and pressed START SETUP, then pressed
    // "Open BigCommerce": the watch's baseline holds their connection.
    browser.types_workspace("practice");
    browser.run_now(&w.profile.bigcommerce.connector_url).await;
    browser.options.lock().unwrap().workspace = None;
    let waiting = {
        let e = e.clone();
        tokio::spawn(async move { e.store_connector_watch(false, &nothing).await })
    };
    let _ = browser.last_outcome_waiting().await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(!waiting.is_finished(), "the baseline hides it");
    // "I already pressed START SETUP" → Look again now: asked, as made by this run.
    let v = e.store_connector_look_again().await.unwrap();
    assert_eq!(names(&v), ["abc123"]);
    assert!(v.connector.candidates[0].is_new);
    assert_eq!(waiting.await.unwrap().unwrap_err(), Error::SignInCancelled);
    // Not theirs after all: declined, and looking again finds nothing more.
    let v = e.store_connector_decline().await.unwrap();
    assert!(v.connector.candidates.is_empty());
    let v = e.store_connector_look_again().await.unwrap();
    assert!(v.connector.candidates.is_empty());
    assert_eq!(v.step, Step::BigCommerce);
}
