//! The real OS keyring (Secret Service). Needs an unlocked keyring in the session; run as
//! `tests/support/in-session.sh` does: gnome-keyring-daemon on a private D-Bus session.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::time::Duration;

use setup_core::{SecretKey, SecretStore, SecretStoreStatus};

async fn real_keyring(tag: &str) -> SecretStore {
    let service = common::unique_service(tag);
    let store = SecretStore::keyring(&service);
    if let Err(e) = store.self_check().await {
        panic!(
            "these tests need a real, unlocked Secret Service ({}: {e}). Run them inside \
             `dbus-run-session` with `gnome-keyring-daemon --unlock --components=secrets`.",
            e.code()
        );
    }
    store
}

#[tokio::test]
async fn the_real_keyring_passes_its_self_check_and_is_persistent() {
    let store = real_keyring("selfcheck").await;
    assert!(store.is_persistent());
    assert_eq!(store.status(), SecretStoreStatus::Persistent);
    let opened = SecretStore::open(&common::unique_service("open")).await;
    assert_eq!(opened.status(), SecretStoreStatus::Persistent);
    // The app's way: checked after the first screen, decided once for every clone.
    let deferred = SecretStore::deferred(&common::unique_service("deferred"));
    let clone = deferred.clone();
    assert_eq!(deferred.status(), SecretStoreStatus::Checking);
    assert_eq!(clone.ready().await, SecretStoreStatus::Persistent);
    assert!(deferred.is_persistent());
}

#[tokio::test]
async fn secrets_round_trip_through_the_keyring_and_outlive_the_store() {
    let service = common::unique_service("roundtrip");
    let store = real_keyring("roundtrip-probe").await;
    drop(store);
    let store = SecretStore::keyring(&service);
    let ws = url::Url::parse("https://acme.actindo.com/").unwrap();
    let keys = [
        SecretKey::bigcommerce_token("https://api.bigcommerce.com", "abc123"),
        SecretKey::core1_refresh_token(&ws),
        SecretKey::BigCommerceClientSecret,
    ];
    for (i, key) in keys.iter().enumerate() {
        assert_eq!(store.get(key).await.unwrap(), None);
        store
            .set(key, &format!("value-{i}-ünïcødé").into())
            .await
            .unwrap();
    }
    // A new store object (as after a restart) reads them from the keyring.
    let again = SecretStore::keyring(&service);
    for (i, key) in keys.iter().enumerate() {
        assert_eq!(
            again.require(key).await.unwrap().expose(),
            format!("value-{i}-ünïcødé")
        );
    }
    // Overwrite, delete, delete again.
    again.set(&keys[0], &"newer".into()).await.unwrap();
    assert_eq!(store.require(&keys[0]).await.unwrap().expose(), "newer");
    for key in &keys {
        again.delete(key).await.unwrap();
        again.delete(key).await.unwrap();
        assert_eq!(store.get(key).await.unwrap(), None);
    }
    // Another service name sees nothing of this one.
    let other = SecretStore::keyring(&common::unique_service("other"));
    store.set(&keys[0], &"mine".into()).await.unwrap();
    assert_eq!(other.get(&keys[0]).await.unwrap(), None);
    store.delete(&keys[0]).await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn keyring_calls_do_not_block_the_runtime() {
    let store = real_keyring("nonblocking").await;
    let key = SecretKey::bigcommerce_token("https://api.bigcommerce.com", "tick");
    let ticker = tokio::spawn(async {
        let mut ticks = 0u32;
        let mut interval = tokio::time::interval(Duration::from_millis(1));
        for _ in 0..5 {
            interval.tick().await;
            ticks += 1;
        }
        ticks
    });
    for _ in 0..5 {
        store.set(&key, &"v".into()).await.unwrap();
        store.get(&key).await.unwrap();
    }
    store.delete(&key).await.unwrap();
    assert_eq!(ticker.await.unwrap(), 5);
}

#[tokio::test]
async fn a_core1_refresh_token_is_kept_in_the_keyring() {
    let w = common::world().await;
    let service = common::unique_service("core1");
    let secrets = SecretStore::keyring(&service);
    secrets.self_check().await.unwrap();
    let robot = common::RobotBrowser::confirming();
    let ws = setup_core::WorkspaceUrl::parse("acme", &w.profile.core1.workspace).unwrap();
    let client = setup_core::testing::core1::sign_in(
        &w.profile,
        w.http.clone(),
        ws.clone(),
        secrets.clone(),
        &robot,
    )
    .await
    .unwrap();
    let key = client.refresh_token_key();
    let before = SecretStore::keyring(&service).require(&key).await.unwrap();
    client.refresh_now().await.unwrap();
    let after = SecretStore::keyring(&service).require(&key).await.unwrap();
    assert_ne!(before, after);
    // Every secret the sandbox issued for Core1 is either in the keyring or nowhere.
    assert!(w
        .sandbox
        .issued_secrets()
        .contains(&after.expose().to_owned()));
    client.sign_out().await.unwrap();
    assert_eq!(
        SecretStore::keyring(&service).get(&key).await.unwrap(),
        None
    );
}
