//! No Secret Service reachable: a typed error, and a session-only store that says so.
//! Its own test binary: it points the process's D-Bus session address nowhere.
//! Linux and the BSDs only: Windows and macOS always have their store (see `windows.rs` for
//! what Windows does instead).
#![cfg(all(unix, not(target_os = "macos")))]
#![allow(clippy::unwrap_used, clippy::panic)]

use setup_core::{SecretKey, SecretStore, SecretStoreStatus};

#[tokio::test]
async fn no_secret_service_is_a_typed_error_and_session_only_storage() {
    // Edition 2021: `set_var` is safe; this binary has this one test only.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/setup-core-test/bus",
    );
    std::env::remove_var("DISPLAY");

    let keyring = SecretStore::keyring("setup-core-test-unavailable");
    let err = keyring.self_check().await.unwrap_err();
    assert_eq!(err.code(), "keyring_unavailable", "{err:?}");
    let err = keyring
        .get(&SecretKey::bigcommerce_token(
            "https://api.bigcommerce.com",
            "abc123",
        ))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "keyring_unavailable", "{err:?}");

    let store = SecretStore::open("setup-core-test-unavailable").await;
    assert!(!store.is_persistent());
    assert_eq!(
        store.status(),
        SecretStoreStatus::SessionOnly {
            reason: Some("keyring_unavailable".into())
        }
    );
    assert_eq!(
        serde_json::to_value(store.status()).unwrap(),
        serde_json::json!({"kind": "session_only", "reason": "keyring_unavailable"})
    );
    // Session-only storage works for this session, and nothing was written anywhere else.
    let key = SecretKey::bigcommerce_token("https://api.bigcommerce.com", "abc123");
    store.set(&key, &"session-secret".into()).await.unwrap();
    assert_eq!(
        store.require(&key).await.unwrap().expose(),
        "session-secret"
    );
}
