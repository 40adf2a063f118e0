//! Unit tests of `secrets`.

use super::*;

const API: &str = "https://api.bigcommerce.com";

#[test]
fn a_store_key_belongs_to_its_api() {
    let real = SecretKey::bigcommerce_token(API, "abc123").account();
    let other = SecretKey::bigcommerce_token("https://collector.example", "abc123").account();
    assert_ne!(real, other);
    assert_eq!(
        real,
        "bigcommerce-token:https://api.bigcommerce.com/stores/abc123"
    );
}

#[tokio::test]
async fn session_only_store_works_and_says_so() {
    let s = SecretStore::session_only(Some(Error::KeyringLocked));
    assert!(!s.is_persistent());
    assert_eq!(
        s.status(),
        SecretStoreStatus::SessionOnly {
            reason: Some("keyring_locked".into())
        }
    );
    s.self_check().await.unwrap();
    let k = SecretKey::bigcommerce_token(API, "abc123");
    assert_eq!(s.get(&k).await.unwrap(), None);
    s.set(&k, &"tok".into()).await.unwrap();
    assert_eq!(s.require(&k).await.unwrap().expose(), "tok");
    s.delete(&k).await.unwrap();
    assert_eq!(s.require(&k).await.unwrap_err(), Error::SecretMissing);
    assert!(!format!("{s:?}").contains("tok"));
}

#[tokio::test]
async fn a_deferred_store_decides_once_on_first_use() {
    // With or without a Secret Service around, the check decides once for every clone.
    let s = SecretStore::deferred("setup-core-unit-deferred").with_timeout(Duration::from_secs(5));
    assert_eq!(s.status(), SecretStoreStatus::Checking);
    assert!(!s.is_persistent());
    let clone = s.clone();
    let decided = s.ready().await;
    assert_ne!(decided, SecretStoreStatus::Checking);
    assert_eq!(clone.status(), decided, "clones share the decision");
    let k = SecretKey::bigcommerce_token(API, "abc123");
    clone.set(&k, &"tok".into()).await.unwrap();
    assert_eq!(s.require(&k).await.unwrap().expose(), "tok");
    s.delete(&k).await.unwrap();
}

#[test]
fn accounts_are_distinct() {
    let ws = url::Url::parse("https://acme.actindo.com/").unwrap();
    assert_eq!(
        SecretKey::core1_refresh_token(&ws).account(),
        "core1-refresh-token:https://acme.actindo.com/"
    );
    assert_ne!(
        SecretKey::bigcommerce_token(API, "a").account(),
        SecretKey::bigcommerce_token(API, "b").account()
    );
}

#[tokio::test]
async fn the_practice_file_keeps_its_secrets_across_a_restart_for_its_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("practice").join("sign-ins.json");
    let store = SecretStore::practice_file(&path);
    assert!(store.is_persistent(), "no session-only notice in practice");
    store.self_check().await.unwrap();
    let token = SecretKey::bigcommerce_token(API, "abc123");
    let refresh =
        SecretKey::core1_refresh_token(&url::Url::parse("http://127.0.0.1:1/core1/acme/").unwrap());
    store
        .set(&token, &SecretString::new("bc-toy-token"))
        .await
        .unwrap();
    store
        .set(&refresh, &SecretString::new("core1-toy-refresh"))
        .await
        .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner reads the sign-ins");
    }

    // The app starts again: a new store on the same file has both.
    let again = SecretStore::practice_file(&path);
    assert_eq!(
        again.get(&token).await.unwrap().unwrap().expose(),
        "bc-toy-token"
    );
    assert_eq!(
        again.get(&refresh).await.unwrap().unwrap().expose(),
        "core1-toy-refresh"
    );
    again.delete(&token).await.unwrap();
    assert_eq!(
        SecretStore::practice_file(&path).get(&token).await.unwrap(),
        None
    );

    // Start over: nothing is left, not even the file.
    again.forget_all().await.unwrap();
    assert!(!path.exists());
    assert_eq!(
        SecretStore::practice_file(&path)
            .get(&refresh)
            .await
            .unwrap(),
        None
    );
    assert!(SecretStore::keyring("never-touched")
        .forget_all()
        .await
        .is_err());
}
