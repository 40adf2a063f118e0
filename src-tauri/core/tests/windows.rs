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
use setup_core::testing::listener::{self, ListenerConfig};
use setup_core::{Engine, Event, Step};
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
    assert!(words.contains("2560 bytes"), "{words}");
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
        engine.welcome_begin().await.unwrap();
        engine.workspace_set("acme").await.unwrap();
        engine.core1_sign_in(&|_e: Event| {}).await.unwrap();
    } // the app quits
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_some(),
        "nothing was kept in {}",
        dir.display()
    );
    let engine = Engine::open(w.profile.clone(), &dir, store, Arc::new(browser))
        .await
        .unwrap();
    let v = engine.wizard_view().await;
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

/// A wizard started from the Start menu has no proxy variables: it takes the proxy from the
/// user's Windows settings (Internet Settings: `ProxyEnable`, `ProxyServer`, `ProxyOverride`),
/// and still sends loopback past it. Ignored by a plain `cargo test`, because it changes the
/// current user's proxy settings while it runs (restored after); tests/windows/run.sh runs it
/// in its throwaway Wine profile.
#[tokio::test]
#[ignore = "changes this user's Windows proxy settings; tests/windows/run.sh runs it under Wine"]
async fn the_windows_proxy_setting_is_used_without_proxy_variables() {
    use setup_sandbox::network::{ConnectProxy, HttpsFront, TestCa};
    for var in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        std::env::remove_var(var);
    }
    let w = world().await;
    let ca = TestCa::new("Office HTTPS Inspection CA").unwrap();
    let front = HttpsFront::start(w.sandbox.base_url(), ca.issue(&["practice.test"]).unwrap())
        .await
        .unwrap();
    let proxy = ConnectProxy::start(front.addr()).await.unwrap();
    let settings = InternetSettings::set(&proxy.addr().to_string());

    let http = setup_core::testing::http::client(&setup_core::testing::http::HttpConfig::default())
        .unwrap();
    // A name only the proxy knows: the tunnel is asked for (the practice CA is not in Windows'
    // store, so the answer is the re-signed connection's error, which is fine here).
    let _ = http.get("https://practice.test/core1/acme/").send().await;
    assert_eq!(proxy.tunnels(), vec!["practice.test:443".to_owned()]);
    // Loopback never goes to the proxy.
    http.get(w.sandbox.base_url()).send().await.unwrap();
    assert_eq!(proxy.tunnels().len(), 1);
    drop(settings);
    proxy.shutdown().await;
    front.shutdown().await;
}

/// The current user's proxy settings, set for a test with `reg.exe` and put back on drop.
struct InternetSettings {
    before: Vec<(&'static str, Option<(String, String)>)>,
}

const INTERNET_SETTINGS: &str = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings";

impl InternetSettings {
    fn set(server: &str) -> Self {
        let names = ["ProxyEnable", "ProxyServer", "ProxyOverride"];
        let before = names.iter().map(|n| (*n, reg_query(n))).collect();
        reg_add("ProxyEnable", "REG_DWORD", "1");
        reg_add("ProxyServer", "REG_SZ", server);
        reg_add("ProxyOverride", "REG_SZ", "<local>");
        InternetSettings { before }
    }
}

impl Drop for InternetSettings {
    fn drop(&mut self) {
        for (name, value) in &self.before {
            match value {
                Some((kind, data)) => reg_add(name, kind, data),
                None => {
                    let _ = std::process::Command::new("reg")
                        .args(["delete", INTERNET_SETTINGS, "/v", name, "/f"])
                        .output();
                }
            }
        }
    }
}

fn reg_add(name: &str, kind: &str, data: &str) {
    let out = std::process::Command::new("reg")
        .args([
            "add",
            INTERNET_SETTINGS,
            "/v",
            name,
            "/t",
            kind,
            "/d",
            data,
            "/f",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "reg add {name}: {out:?}");
}

/// The value's type and data, if it is set.
fn reg_query(name: &str) -> Option<(String, String)> {
    let out = std::process::Command::new("reg")
        .args(["query", INTERNET_SETTINGS, "/v", name])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.trim_start().starts_with(name))?;
    let mut parts = line.split_whitespace().skip(1);
    let kind = parts.next()?.to_owned();
    let data = parts.collect::<Vec<_>>().join(" ");
    let data = match (kind.as_str(), data.strip_prefix("0x")) {
        ("REG_DWORD", Some(hex)) => u32::from_str_radix(hex, 16).ok()?.to_string(),
        _ => data,
    };
    Some((kind, data))
}
