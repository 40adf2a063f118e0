//! What only Windows has: the Credential Manager (always there, with a 2,560-byte limit per
//! entry), the user's folders under `%APPDATA%` with any characters in their names, and the
//! sign-in listener's exclusive bind. The test command runs these, with every other core test,
//! cross-built for Windows under Wine (`tests/windows/run.sh`), in a Wine profile whose user
//! name has non-ASCII characters; Wine does not enforce every Windows limit, so the limits are
//! tested as the wizard enforces them.
#![cfg(windows)]
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use common::{unique_service, world, RobotBrowser};
use setup_core::signin::listener::{self, ListenerConfig};
use setup_core::wizard::{Engine, Event, Step};
use setup_core::{SecretKey, SecretStore, SecretStoreStatus};

/// The Credential Manager's largest secret per entry (`CRED_MAX_CREDENTIAL_BLOB_SIZE`).
const BLOB_LIMIT: usize = 2560;

/// What "no keyring" means on Linux (no Secret Service: session-only storage) cannot happen on
/// Windows: the Credential Manager is part of every user session. The wizard finds it, proves it
/// keeps what it is given, and a second launch reads what the first stored.
#[tokio::test]
async fn the_credential_manager_is_always_there_and_keeps_secrets_across_launches() {
    let service = unique_service("credman");
    let store = SecretStore::open(&service).await;
    assert_eq!(store.status(), SecretStoreStatus::Persistent);
    let key = SecretKey::bigcommerce_token("https://api.bigcommerce.com", "abc123");
    store.set(&key, &"first-launch-key".into()).await.unwrap();
    drop(store);

    let second_launch = SecretStore::open(&service).await;
    assert_eq!(
        second_launch.require(&key).await.unwrap().expose(),
        "first-launch-key"
    );
    second_launch.delete(&key).await.unwrap();
}

/// A Core1 refresh token is opaque and may be long (a JWT of a few kilobytes). Up to the
/// Credential Manager's 2,560 bytes it is stored whole (UTF-8, so 2,560 characters, not the
/// 1,280 that UTF-16 would leave); beyond, it is refused with words before anything is written,
/// and the entry keeps what it had. Never cut.
#[tokio::test]
async fn a_long_refresh_token_is_stored_whole_or_refused_in_words() {
    let store = SecretStore::open(&unique_service("longtoken")).await;
    assert_eq!(store.status(), SecretStoreStatus::Persistent);
    let key =
        SecretKey::core1_refresh_token(&url::Url::parse("https://acme.actindo.com/").unwrap());

    for len in [1281, 2000, BLOB_LIMIT] {
        let token = token_of(len);
        store.set(&key, &token.as_str().into()).await.unwrap();
        assert_eq!(store.require(&key).await.unwrap().expose(), token, "{len}");
    }

    let too_long = token_of(BLOB_LIMIT + 1);
    let err = store
        .set(&key, &too_long.as_str().into())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "keyring_secret_too_long", "{err:?}");
    let words = err.to_string();
    assert!(
        words.contains("2560 bytes") && words.contains("Nothing was saved"),
        "{words}"
    );
    assert!(
        !words.contains(&too_long[..40]),
        "the error quotes the secret"
    );
    // The entry still holds the last token that fitted, whole.
    assert_eq!(
        store.require(&key).await.unwrap().expose(),
        token_of(BLOB_LIMIT)
    );
    store.delete(&key).await.unwrap();
}

/// A token-like text of `len` characters.
fn token_of(len: usize) -> String {
    "eyJhbGciOiJSUzI1NiJ9.refresh-"
        .chars()
        .cycle()
        .take(len)
        .collect()
}

/// The app keeps its progress under `%APPDATA%` (Tauri's data folder on Windows); user names
/// and folders there may have any characters. A sign-in and a quit, then a second launch on the
/// same folder, resume where the first stopped.
#[tokio::test(flavor = "multi_thread")]
async fn progress_under_appdata_in_folders_with_non_ascii_names_resumes() {
    let appdata = PathBuf::from(std::env::var_os("APPDATA").expect("APPDATA is set on Windows"));
    let dir = appdata
        .join("Jürgen Müller – Prüfung ✓")
        .join(unique_service("appdata"));
    let w = world().await;
    let store = common::secrets("appdata").await;
    let browser = RobotBrowser::confirming();
    {
        let engine = Engine::open(
            w.profile.clone(),
            &dir,
            store.clone(),
            Arc::new(browser.clone()),
        )
        .await
        .unwrap();
        engine.begin().await.unwrap();
        engine.set_workspace("acme").await.unwrap();
        engine.sign_in_core1(&|_e: Event| {}).await.unwrap();
    } // the app quits
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_some(),
        "nothing was kept in {}",
        dir.display()
    );
    let engine = Engine::open(w.profile.clone(), &dir, store, Arc::new(browser))
        .await
        .unwrap();
    let v = engine.view().await;
    assert_eq!(v.step, Step::BigCommerce);
    assert!(v.workspace.unwrap().url.contains("/core1/acme"));
    drop(engine);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// On Windows a socket with `SO_REUSEADDR` may bind a listening address and take over its
/// connections; the sign-in listener binds with `SO_EXCLUSIVEADDRUSE`, so such a bind is
/// refused with "access denied" (WSAEACCES) while the listener waits. Wine refuses that bind
/// with or without the option (measured: WSAEACCES after a `SO_REUSEADDR` bind, WSAEADDRINUSE
/// without, whatever the listener set), so under Wine this checks the outcome only; on Windows
/// itself (the release workflow runs this file there) it fails without the option.
#[tokio::test]
async fn the_sign_in_listener_keeps_its_port_to_itself() {
    let listening = listener::start(
        ListenerConfig::new(0, "/core1/callback", Duration::from_secs(20), "Test"),
        "state".into(),
    )
    .await
    .unwrap();
    let addr = listening.local_addr();
    let squatter =
        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    squatter.set_reuse_address(true).unwrap();
    let err = squatter.bind(&addr.into()).unwrap_err();
    assert_eq!(err.raw_os_error(), Some(10013), "{err:?}"); // WSAEACCES
    listening.canceller().cancel();
    let _ = listening.wait().await;
}
