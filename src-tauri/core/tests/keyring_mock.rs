//! A keyring that accepts secrets but does not keep them is caught by the self-check.
//! Its own test binary: keyring's mock credential builder is process-wide.
#![allow(clippy::unwrap_used, clippy::panic)]

use setup_core::{SecretStore, SecretStoreStatus};

#[tokio::test]
async fn a_keyring_that_keeps_nothing_fails_the_self_check() {
    // Every entry of the mock store is a fresh credential: a write is never read back.
    keyring::set_default_credential_builder(keyring::mock::default_credential_builder());

    let store = SecretStore::keyring("setup-core-test-mock");
    let err = store.self_check().await.unwrap_err();
    assert_eq!(err.code(), "keyring_failed", "{err:?}");
    assert!(err.to_string().contains("not kept"), "{err}");

    let opened = SecretStore::open("setup-core-test-mock").await;
    assert_eq!(
        opened.status(),
        SecretStoreStatus::SessionOnly {
            reason: Some("keyring_failed".into())
        }
    );
    opened.self_check().await.unwrap();
}
