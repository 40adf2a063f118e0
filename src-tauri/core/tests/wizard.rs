//! The wizard engine end to end against the sandbox over real HTTP, with the browser robot as
//! the system browser and the real keyring (session-only where none runs).
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::sync::{Arc, Mutex};

use common::{secrets, world, RobotBrowser, World};
use setup_core::core1::channels::Phase;
use setup_core::http::RetryPolicy;
use setup_core::wizard::{
    ConnectChoice, Core1State, Engine, Event, Notice, PollConfig, Step, StoreAccess,
};
use setup_sandbox::Fault;

struct Run {
    engine: Engine,
    events: Arc<Mutex<Vec<Event>>>,
    dir: tempfile::TempDir,
}

async fn engine_in(w: &World, dir: tempfile::TempDir, tag: &str, browser: RobotBrowser) -> Run {
    let store = secrets(tag).await;
    let engine = Engine::open(
        w.profile.clone(),
        dir.path(),
        store,
        Arc::new(browser.clone()),
    )
    .await
    .unwrap()
    .with_timing(RetryPolicy::fast(), PollConfig::fast());
    Run {
        engine,
        events: Arc::default(),
        dir,
    }
}

impl Run {
    fn sink(&self) -> impl Fn(Event) + Send + Sync + 'static {
        let events = self.events.clone();
        move |e| events.lock().unwrap().push(e)
    }

    /// Welcome → BigCommerce → Workspace → Core1 → Connect.
    async fn to_connect(&self, workspace: &str) {
        assert_eq!(self.engine.begin().await.unwrap().step, Step::BigCommerce);
        let v = self.engine.sign_in_bigcommerce(&self.sink()).await.unwrap();
        assert_eq!(v.step, Step::Workspace);
        assert_eq!(v.store.as_ref().unwrap().hash, "abc123");
        let v = self.engine.set_workspace(workspace).await.unwrap();
        assert_eq!(v.step, Step::Core1);
        let v = self.engine.sign_in_core1(&self.sink()).await.unwrap();
        assert_eq!(v.step, Step::Connect);
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

#[tokio::test(flavor = "multi_thread")]
async fn from_nothing_to_an_active_connection() {
    let w = world().await;
    let run = fresh(&w, "flow").await;
    run.to_connect("practice").await;
    let v = run.engine.connect(ConnectChoice::Create).await.unwrap();
    assert_eq!(v.step, Step::Status);
    let v = run.engine.watch_status(&run.sink()).await.unwrap();
    let c = v.connection.unwrap();
    assert_eq!(c.phase, Phase::Active);
    assert_eq!(c.credentials_valid, Some(true));
    assert!(c.attributes.total > 0 && c.attributes.done == c.attributes.total);
    assert!(c.attribute_sets.done > 0 && c.attribute_groups.done > 0);
    assert!(c.sync.total > 0 && c.sync.done == c.sync.total);

    // Status arrived as a stream, phase by phase, ending active.
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
    assert_eq!(phases.last(), Some(&Phase::Active));
    assert!(run
        .events
        .lock()
        .unwrap()
        .iter()
        .any(|e| matches!(e, Event::StoreFound { .. })));

    // Exactly one connection in Core1; the store key is in the secret store and nowhere on disk.
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);
    let on_disk = std::fs::read_to_string(run.dir.path().join("progress.json")).unwrap();
    for secret in w.sandbox.issued_secrets() {
        assert!(
            !on_disk.contains(&secret),
            "a secret reached the progress file"
        );
    }
    let report = run.engine.support_report(&Default::default()).await;
    assert!(report.contains("watch_status"));
    for secret in w.sandbox.issued_secrets() {
        assert!(
            !report.contains(&secret),
            "a secret reached the support report"
        );
    }

    // Finishing leads to Manage, where the connection is healthy.
    assert_eq!(run.engine.finish().await.unwrap().step, Step::Manage);
    let health = run.engine.health().await;
    assert_eq!(health.len(), 1);
    assert_eq!(health[0].store_access, StoreAccess::Valid);
    assert_eq!(health[0].core1, Core1State::Active);
    assert!(!health[0].needs_attention);
}

#[tokio::test(flavor = "multi_thread")]
async fn quitting_mid_flow_resumes_at_the_same_step_without_asking_again() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let tag = common::unique_service("resume");
    let store = setup_core::SecretStore::open(&tag).await;
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
        engine.begin().await.unwrap();
        engine.sign_in_bigcommerce(&|_e: Event| {}).await.unwrap();
        engine.set_workspace("acme").await.unwrap();
    } // the app quits
    let engine = Engine::open(
        w.profile.clone(),
        &path,
        store.clone(),
        Arc::new(browser.clone()),
    )
    .await
    .unwrap();
    let v = engine.view().await;
    assert_eq!(v.step, Step::Core1);
    assert_eq!(v.store.unwrap().name, "Practice Store");
    assert!(v.workspace.unwrap().url.contains("/core1/acme"));
    let opened_before = browser.opened.lock().unwrap().len();
    engine.sign_in_core1(&|_e: Event| {}).await.unwrap();
    // Only the Core1 sign-in opened the browser: the store was not asked for again.
    assert_eq!(browser.opened.lock().unwrap().len(), opened_before + 1);

    // Quit once more on Connect: the Core1 sign-in is kept too.
    drop(engine);
    let engine = Engine::open(w.profile.clone(), &path, store, Arc::new(browser.clone()))
        .await
        .unwrap();
    assert_eq!(engine.view().await.step, Step::Connect);
    let v = engine.connect(ConnectChoice::Create).await.unwrap();
    assert_eq!(v.step, Step::Status);
    assert_eq!(browser.opened.lock().unwrap().len(), opened_before + 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_run_for_the_same_store_updates_instead_of_duplicating() {
    let w = world().await;
    let first = fresh(&w, "dup1").await;
    first.to_connect("practice").await;
    first.engine.connect(ConnectChoice::Create).await.unwrap();
    let first_id = first.engine.view().await.connection.unwrap().id;

    let second = fresh(&w, "dup2").await;
    second.to_connect("practice").await;
    let v = second.engine.view().await;
    assert_eq!(v.existing_connection_id, Some(first_id));
    let err = second
        .engine
        .connect(ConnectChoice::Create)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "connection_exists");
    let v = second
        .engine
        .connect(ConnectChoice::UpdateExisting)
        .await
        .unwrap();
    assert_eq!(v.connection.unwrap().id, first_id);
    let v = second.engine.watch_status(&second.sink()).await.unwrap();
    assert_eq!(v.connection.unwrap().phase, Phase::Active);
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn consent_denied_keeps_the_step_and_a_retry_succeeds() {
    let w = world().await;
    let run = fresh(&w, "denied").await;
    run.engine.begin().await.unwrap();
    w.sandbox
        .set_fault(Fault::ConsentDenied { area: None }, Some(1));
    let err = run
        .engine
        .sign_in_bigcommerce(&run.sink())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "signin_denied");
    assert_eq!(run.engine.view().await.step, Step::BigCommerce);
    let v = run.engine.sign_in_bigcommerce(&run.sink()).await.unwrap();
    assert_eq!(v.step, Step::Workspace);
    let report = run.engine.support_report(&Default::default()).await;
    assert!(report.contains("signin_denied"), "{report}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_frozen_workspace_is_reported_and_the_retry_continues() {
    let w = world().await;
    let run = fresh(&w, "frozen").await;
    run.engine.begin().await.unwrap();
    run.engine.sign_in_bigcommerce(&run.sink()).await.unwrap();
    w.sandbox.freeze("practice", true).unwrap();
    let err = run.engine.set_workspace("practice").await.unwrap_err();
    assert_eq!(err.code(), "core1_frozen");
    let v = run.engine.view().await;
    assert_eq!(v.step, Step::Workspace);
    assert!(v.store.is_some(), "the store was kept");
    w.sandbox.freeze("practice", false).unwrap();
    assert_eq!(
        run.engine.set_workspace("practice").await.unwrap().step,
        Step::Core1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn revoked_store_access_shows_in_manage_and_a_manual_key_repairs_the_same_connection() {
    let w = world().await;
    let run = fresh(&w, "revoked").await;
    run.to_connect("practice").await;
    run.engine.connect(ConnectChoice::Create).await.unwrap();
    run.engine.watch_status(&run.sink()).await.unwrap();
    run.engine.finish().await.unwrap();
    let id = run.engine.health().await[0].id;

    // The merchant deletes the app in BigCommerce.
    assert!(w.sandbox.uninstall_app("abc123").unwrap() >= 1);
    let health = run.engine.health().await;
    assert_eq!(health[0].store_access, StoreAccess::Invalid);
    assert!(health[0].needs_attention);

    // A wrong key is refused before Core1 sees it.
    let err = run
        .engine
        .set_access_token(id, "not-a-valid-key-0000000000")
        .await
        .unwrap_err();
    assert_eq!(err.code(), "bigcommerce_token_invalid");

    // A new valid key (installed again, outside the wizard) repairs the same connection.
    let grant = setup_core::bigcommerce::oauth::sign_in(
        &w.profile,
        w.http.clone(),
        None,
        &RobotBrowser::confirming(),
    )
    .await
    .unwrap();
    let h = run
        .engine
        .set_access_token(id, grant.access_token.expose())
        .await
        .unwrap();
    assert_eq!(h.id, id);
    assert_eq!(h.store_access, StoreAccess::Valid);
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);

    // Reconnect through the browser works as well and keeps the id.
    w.sandbox.uninstall_app("abc123").unwrap();
    let h = run.engine.reconnect(id, &run.sink()).await.unwrap();
    assert_eq!((h.id, h.store_access), (id, StoreAccess::Valid));

    // Forget removes it locally only.
    run.engine.forget(id).await.unwrap();
    assert!(run.engine.health().await.is_empty());
    assert_eq!(w.sandbox.connections("practice").unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_failing_halfway_is_shown_and_synchronizing_again_recovers() {
    let w = world().await;
    let run = fresh(&w, "syncfail").await;
    run.to_connect("practice").await;
    w.sandbox
        .set_fault(Fault::SyncFailsHalfway { workspace: None }, None);
    run.engine.connect(ConnectChoice::Create).await.unwrap();
    let v = run.engine.watch_status(&run.sink()).await.unwrap();
    let c = v.connection.unwrap();
    assert_eq!(c.phase, Phase::Failed);
    assert_eq!(c.error_code.as_deref(), Some("sync_failed"));
    w.sandbox.clear_faults();
    let v = run.engine.retry_status(&run.sink()).await.unwrap();
    assert_eq!(v.connection.unwrap().phase, Phase::Active);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_corrupt_progress_file_starts_over_with_a_notice() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("progress.json"),
        b"{\"version\": 1, \"step\": ",
    )
    .unwrap();
    let run = engine_in(&w, dir, "corrupt", RobotBrowser::confirming()).await;
    let v = run.engine.view().await;
    assert_eq!(v.step, Step::Welcome);
    assert_eq!(v.notice, Some(Notice::ProgressReset));
    assert_eq!(
        run.engine.view().await.notice,
        None,
        "the notice is shown once"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn cancel_ends_the_wait_and_the_link_is_available_while_waiting() {
    let w = world().await;
    let run = engine_in(
        &w,
        tempfile::tempdir().unwrap(),
        "cancel",
        RobotBrowser::default(),
    )
    .await;
    run.engine.begin().await.unwrap();
    let engine = run.engine.clone();
    let waiting = tokio::spawn(async move { engine.sign_in_bigcommerce(&|_e: Event| {}).await });
    // The robot does come back quickly; so cancel as soon as the link is there and accept
    // either a cancelled wait or (if the robot won the race) a completed one.
    let mut link = None;
    for _ in 0..200 {
        link = run.engine.sign_in_link();
        if link.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let link = link.expect("the sign-in link is available while waiting");
    assert!(link.as_str().contains("code_challenge_method=S256"));
    run.engine.cancel_sign_in();
    match waiting.await.unwrap() {
        Err(e) => assert_eq!(e.code(), "signin_cancelled"),
        Ok(v) => assert_eq!(v.step, Step::Workspace),
    }
    assert!(run.engine.sign_in_link().is_none());
}
