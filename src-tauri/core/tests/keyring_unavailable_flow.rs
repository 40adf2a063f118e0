//! Keyring missing: with no Secret Service reachable, the whole wizard runs on
//! session-only storage, the view says so, and afterwards nothing secret is in the data dir.
//! Its own test binary: it points the process's D-Bus session address nowhere (as
//! `keyring_unavailable.rs` does), so it must not share a process with keyring tests.
//! Linux and the BSDs only: Windows and macOS always have their store (see `windows.rs` for
//! what Windows does instead).
#![cfg(all(unix, not(target_os = "macos")))]
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::Path;

use common::{world, RobotBrowser};
use setup_core::Phase;
use setup_core::{Core1State, Event, PollConfig, Step, StoreAccess};
use setup_core::{SecretStore, SecretStoreStatus};

fn all_files(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all_files(&path, out);
        } else {
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_keyring_the_whole_flow_runs_session_only_and_writes_no_secret() {
    // Edition 2021: `set_var` is safe; this binary has this one test only.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/setup-core-test/bus",
    );
    std::env::remove_var("DISPLAY");

    let w = world().await;
    let data = tempfile::tempdir().unwrap();
    let store = SecretStore::open(&common::unique_service("nokeyring")).await;
    let expected = SecretStoreStatus::SessionOnly {
        reason: Some("keyring_unavailable".into()),
    };
    assert_eq!(store.status(), expected);
    let engine = common::fast_engine(
        w.profile.clone(),
        data.path(),
        store,
        &RobotBrowser::confirming(),
        PollConfig::fast(),
    )
    .await;
    let nothing = |_e: Event| {};

    let v = engine.welcome_begin().await.unwrap();
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["secretStorage"]["kind"], "session_only", "{json}");
    assert_eq!(json["secretStorage"]["reason"], "keyring_unavailable");
    assert_eq!(v.secret_storage, expected);

    assert_eq!(
        engine.workspace_set("practice").await.unwrap().step,
        Step::Core1
    );
    assert_eq!(
        engine.core1_sign_in(&nothing).await.unwrap().step,
        Step::BigCommerce
    );
    assert_eq!(
        engine.store_own_app_sign_in(&nothing).await.unwrap().step,
        Step::Status
    );
    let v = engine.status_watch(&nothing).await.unwrap();
    assert_eq!(v.connection.as_ref().unwrap().phase, Phase::Active);
    assert_eq!(v.secret_storage, expected);
    engine.status_finish().await.unwrap();
    let h = engine.manage_health().await;
    assert_eq!(h[0].store_access, StoreAccess::Valid);
    assert_eq!(h[0].core1, Core1State::Active);
    let report = engine
        .support_report(&Default::default(), None)
        .await
        .unwrap();
    assert!(
        report.contains("session_only") || report.contains("session"),
        "{report}"
    );

    // The app quits: a new engine on the same data dir has no secret to resume with.
    drop(engine);
    let mut files = Vec::new();
    all_files(data.path(), &mut files);
    assert!(!files.is_empty());
    let secrets = w.sandbox.issued_secrets();
    assert!(secrets.len() >= 8, "{} secrets", secrets.len());
    let mut hits = Vec::new();
    for (name, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for s in &secrets {
            if text.contains(s.as_str()) {
                hits.push(format!("{name}: a secret of {} chars", s.len()));
            }
        }
    }
    println!(
        "keyring missing: {} secrets searched in {} files of the data dir: {} hits",
        secrets.len(),
        files.len(),
        hits.len()
    );
    assert!(hits.is_empty(), "{hits:?}");

    let store = SecretStore::open(&common::unique_service("nokeyring")).await;
    let engine = common::fast_engine(
        w.profile.clone(),
        data.path(),
        store,
        &RobotBrowser::confirming(),
        PollConfig::fast(),
    )
    .await;
    let h = engine.manage_health().await;
    assert_eq!(h[0].store_access, StoreAccess::Missing, "{h:?}");
    assert!(h[0].needs_attention);
}
