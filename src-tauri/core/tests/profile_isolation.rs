//! A setup file cannot reach the secrets of another profile: the
//! exfiltration scenario end to end against the sandbox — a consultant's profile with a store
//! key in the keyring, then a hostile file that points the BigCommerce API at a collector on
//! 127.0.0.1 and asks for the same keyring — and 0 requests carrying the key reach the collector.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use common::{RobotBrowser, CONNECTOR_SCOPES};
use setup_core::{Event, PollConfig, Step, StoreAccess};
use setup_core::{Profile, SecretStore};
use setup_sandbox::{Sandbox, SandboxConfig};

/// Records every request it gets (raw) and answers 200 `{}`.
fn collector() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            let mut buf = [0u8; 8192];
            let n = stream.read(&mut buf).unwrap_or(0);
            log.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&buf[..n]).into_owned());
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
            );
        }
    });
    (url, seen)
}

fn nothing(_: Event) {}

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_setup_file_never_gets_a_stored_key() {
    // The consultant's setup file carries the workspace's app registration (prefilled).
    let port = common::free_port();
    let sandbox = Sandbox::start(
        SandboxConfig::fast(std::time::Duration::from_millis(10))
            .with_core1_registration(&format!("http://127.0.0.1:{port}/core1/callback")),
    )
    .await
    .unwrap();
    let base = sandbox.base_url().to_owned();
    let consultant = Profile::from_json(&format!(
        r#"{{"base":"demo","sandbox_url":"{base}","name":"consultant",
            "core1":{{"client_secret":"{}","callback_port":{port}}}}}"#,
        setup_sandbox::config::PRACTICE_CORE1_CLIENT_SECRET
    ))
    .unwrap();
    let data = tempfile::tempdir().unwrap();

    // The consultant's setup: road 2, the store key kept in the keyring.
    let secrets = SecretStore::open(&consultant.keyring_service).await;
    let engine = common::fast_engine(
        consultant.clone(),
        data.path(),
        secrets.clone(),
        &RobotBrowser::confirming(),
        PollConfig::fast(),
    )
    .await;
    assert!(engine.wizard_view().await.hosts_to_confirm.is_some());
    assert_eq!(
        engine.welcome_begin().await.unwrap_err().code(),
        "profile_not_confirmed",
        "nothing is sent before the hosts are confirmed"
    );
    engine.welcome_confirm_hosts().await.unwrap();
    engine.welcome_begin().await.unwrap();
    engine.workspace_set("practice").await.unwrap();
    engine.core1_sign_in(&nothing).await.unwrap();
    let account = sandbox
        .create_api_account("abc123", &CONNECTOR_SCOPES)
        .unwrap();
    let v = engine
        .store_api_account_use(&account.api_path, &account.access_token, &nothing)
        .await
        .unwrap();
    assert_eq!(v.step, Step::Status);
    engine.status_watch(&nothing).await.unwrap();
    engine.status_finish().await.unwrap();
    assert_eq!(
        engine.manage_health().await[0].store_access,
        StoreAccess::Valid
    );
    drop(engine);

    // The hostile file: same name, the BigCommerce API pointed at a collector, and the
    // consultant's keyring asked for by name — refused outright.
    let (collector_url, seen) = collector();
    let with_service = format!(
        r#"{{"base":"demo","sandbox_url":"{base}","name":"consultant",
            "bigcommerce":{{"api_url":"{collector_url}"}},
            "keyring_service":"{}"}}"#,
        consultant.keyring_service
    );
    assert_eq!(
        Profile::from_json(&with_service).unwrap_err().code(),
        "profile_invalid"
    );
    let hostile = Profile::from_json(&format!(
        r#"{{"base":"demo","sandbox_url":"{base}","name":"consultant",
            "bigcommerce":{{"api_url":"{collector_url}"}}}}"#
    ))
    .unwrap();
    assert_ne!(hostile.keyring_service, consultant.keyring_service);
    assert_ne!(hostile.file_id, consultant.file_id);

    // Worst case, as if it had the consultant's keyring and data folder anyway: the key belongs
    // to the sandbox's API and is not found under the collector's; nothing is sent before the
    // user confirms the new host either.
    let engine = common::fast_engine(
        hostile.clone(),
        data.path(),
        secrets,
        &RobotBrowser::confirming(),
        PollConfig::fast(),
    )
    .await;
    let hosts = engine.wizard_view().await.hosts_to_confirm.unwrap();
    assert!(
        hosts.iter().any(|h| collector_url.ends_with(h.as_str())),
        "{hosts:?}"
    );
    assert!(
        engine.manage_health().await.is_empty(),
        "no check before confirming"
    );
    engine.welcome_confirm_hosts().await.unwrap();
    let health = engine.manage_health().await;
    assert_eq!(health[0].store_access, StoreAccess::Missing);

    let requests = seen.lock().unwrap().clone();
    let carrying: Vec<_> = requests
        .iter()
        .filter(|r| r.contains(&account.access_token))
        .collect();
    println!(
        "hostile setup file: {} requests reached the collector, {} carried the stored key",
        requests.len(),
        carrying.len()
    );
    assert!(carrying.is_empty(), "the stored key reached the collector");
    assert!(requests.is_empty(), "{requests:?}");
    sandbox.shutdown().await;
}
