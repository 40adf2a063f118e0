//! Secret leaks at the engine level: a whole wizard run (both sign-ins, the API-account
//! road, connect, status to active, Manage health, synchronize, a reconnect, a manual key, and
//! failures on the way) with a TRACE subscriber for every crate, then every secret the sandbox
//! issued or received (client secrets, codes, PKCE verifiers, access and rotated refresh
//! tokens, connection credentials) is searched for in: the captured logs (also written to a
//! log file), every file in the data dir, the support report, the onboarding report (English and
//! German, as written and with its HTML entities decoded), every `WizardView`,
//! `ConnectionHealth` and `Event` as JSON, and every error's Display, Debug and JSON → 0 hits.
//! Its own test binary: it installs a global tracing subscriber.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use common::{world_with, RobotBrowser};
use setup_core::Phase;
use setup_core::{Event, PollConfig, Step, StoreAccess};
use setup_sandbox::{Fault, SandboxConfig};
use sha2::Digest;

/// Everything the user, the UI, a log or a support mail could see.
#[derive(Default)]
struct Places {
    places: Vec<(String, String)>,
}

impl Places {
    fn add(&mut self, what: impl Into<String>, text: impl Into<String>) {
        self.places.push((what.into(), text.into()));
    }
    fn json<T: serde::Serialize>(&mut self, what: &str, value: &T) {
        self.add(what, serde_json::to_string(value).unwrap());
    }
    fn error(&mut self, what: &str, e: &setup_core::Error) {
        self.add(format!("{what}: Display"), e.to_string());
        self.add(format!("{what}: Debug"), format!("{e:?}"));
        self.json(&format!("{what}: JSON"), e);
    }
    fn files(&mut self, dir: &Path) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                self.files(&path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                self.add(
                    format!("file {}", path.display()),
                    String::from_utf8_lossy(&bytes).into_owned(),
                );
            }
        }
    }
}

fn challenge_of(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_from_a_whole_wizard_run_is_anywhere_it_could_be_seen() {
    // Everything at TRACE (the core and its HTTP stack); the in-process sandbox is the
    // "remote" side and not part of the app's logs.
    let logs = common::capture_logs("trace,setup_sandbox=off");

    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    // Shorter than the client's refresh margin: every Core1 call refreshes and rotates.
    config.core1.access_token_lifetime = Duration::from_secs(30);
    let w = world_with(config).await;
    let mut places = Places::default();
    let events: Arc<Mutex<Vec<Event>>> = Arc::default();
    let sink = {
        let events = events.clone();
        move |e: Event| events.lock().unwrap().push(e)
    };
    let data = tempfile::tempdir().unwrap();
    let browser = RobotBrowser::confirming();
    let engine = common::fast_engine(
        w.profile.clone(),
        data.path(),
        common::secrets("leak").await,
        &browser,
        PollConfig::fast(),
    )
    .await;

    // A key for the API-account road and the manual key (a real one, from the sandbox).
    let spare = common::store_token(&w).await;

    // Workspace (a frozen one first), Core1 (a denied consent first).
    places.json("view", &engine.welcome_begin().await.unwrap());
    w.sandbox.freeze("practice", true).unwrap();
    places.error(
        "frozen",
        &engine.workspace_set("practice").await.unwrap_err(),
    );
    w.sandbox.freeze("practice", false).unwrap();
    places.json("view", &engine.workspace_set("practice").await.unwrap());
    w.sandbox
        .set_fault(Fault::ConsentDenied { area: None }, Some(1));
    places.error(
        "core1 denied",
        &engine.core1_sign_in(&sink).await.unwrap_err(),
    );
    let v = engine.core1_sign_in(&sink).await.unwrap();
    assert_eq!(v.step, Step::BigCommerce);
    places.json("view", &v);

    // The store: consent denied (own app), a wrong key and a revoked one (API account).
    w.sandbox
        .set_fault(Fault::ConsentDenied { area: None }, Some(1));
    let e = engine.store_own_app_sign_in(&sink).await.unwrap_err();
    places.error("consent denied", &e);
    let e = engine
        .store_api_account_use(
            "https://api.bigcommerce.com/stores/abc123/v3/",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
            &sink,
        )
        .await
        .unwrap_err();
    places.error("wrong key", &e);
    w.sandbox
        .set_fault(Fault::RevokedBcToken { store_hash: None }, Some(1));
    let e = engine
        .store_api_account_use(
            "https://api.bigcommerce.com/stores/abc123/v3/",
            spare.expose(),
            &sink,
        )
        .await
        .unwrap_err();
    places.error("revoked key", &e);

    // The API-account road to Status and Active.
    let v = engine
        .store_api_account_use(
            "https://api.bigcommerce.com/stores/abc123/v3/",
            spare.expose(),
            &sink,
        )
        .await
        .unwrap();
    assert_eq!(v.step, Step::Status);
    places.json("view", &v);
    let v = engine.status_watch(&sink).await.unwrap();
    assert_eq!(v.connection.as_ref().unwrap().phase, Phase::Active);
    places.json("view", &v);
    places.json("view", &engine.status_finish().await.unwrap());

    // Set up the same store again with the own app: the connection is updated.
    places.json("view", &engine.manage_start_new().await.unwrap());
    let v = engine.workspace_set("practice").await.unwrap();
    assert_eq!(v.step, Step::BigCommerce, "the Core1 sign-in was kept");
    let v = engine.store_own_app_sign_in(&sink).await.unwrap();
    assert_eq!(v.step, Step::Status);
    places.json("view", &v);
    let v = engine.status_watch(&sink).await.unwrap();
    assert_eq!(v.connection.as_ref().unwrap().phase, Phase::Active);
    places.json("view", &engine.status_finish().await.unwrap());

    // Manage: health, synchronize, a refresh token rejected, reconnect, manual keys.
    let health = engine.manage_health().await;
    assert_eq!(health[0].store_access, StoreAccess::Valid);
    places.json("health", &health);
    let key = health[0].key.clone();
    places.json("health", &engine.manage_synchronize(&key).await.unwrap());
    w.sandbox
        .set_fault(Fault::ExpiredRefreshToken { workspace: None }, Some(1));
    places.error(
        "expired refresh",
        &engine.manage_synchronize(&key).await.unwrap_err(),
    );
    places.json("health", &engine.manage_health().await);
    places.json(
        "health",
        &engine.manage_core1_sign_in(&key, &sink).await.unwrap(),
    );
    assert!(w.sandbox.uninstall_app("abc123").unwrap() >= 1);
    places.json("health", &engine.manage_health().await);
    let h = engine.manage_reconnect(&key, &sink).await.unwrap();
    assert_eq!(h.store_access, StoreAccess::Valid);
    places.json("health", &h);
    places.error(
        "bad manual key",
        &engine
            .manage_set_access_key(&key, "not-a-valid-key-0000000000")
            .await
            .unwrap_err(),
    );
    let manual = common::store_token(&w).await;
    let h = engine
        .manage_set_access_key(&key, manual.expose())
        .await
        .unwrap();
    assert_eq!(h.store_access, StoreAccess::Valid);
    places.json("health", &h);
    places.json("health", &engine.manage_health().await);
    places.json("view", &engine.wizard_view().await);

    // The places: events, the support report, the data dir, the logs (buffer and file).
    for e in events.lock().unwrap().iter() {
        places.json("event", e);
        places.add("event Debug", format!("{e:?}"));
    }
    places.add(
        "support report",
        engine
            .support_report(&Default::default(), None)
            .await
            .unwrap(),
    );
    // The onboarding report about the connection, in both languages, as the file it is.
    let reports = tempfile::tempdir().unwrap();
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/locales");
    let read = |l: &str| std::fs::read_to_string(locales.join(format!("{l}.json"))).unwrap();
    for lang in ["en", "de"] {
        let words = setup_core::Words::from_locales(lang, &read(lang), &read("en")).unwrap();
        let saved = engine
            .onboarding_save(&key, &words, "1.0.0", &reports.path().join(lang))
            .await
            .unwrap();
        let html = std::fs::read_to_string(&saved.path).unwrap();
        assert!(
            html.contains("data-fact=\"store-hash\">abc123<"),
            "the report is about the store"
        );
        places.add(
            format!("onboarding report {lang} (entities decoded)"),
            html_escape::decode_html_entities(&html).into_owned(),
        );
    }
    places.files(reports.path());
    places.add("engine Debug", format!("{engine:?}"));
    drop(engine);
    places.files(data.path());
    let log_text = logs.text();
    assert!(
        log_text.contains("TRACE") || log_text.contains("DEBUG"),
        "the subscriber captured detailed logs"
    );
    assert!(
        log_text.contains("watch_status") && log_text.contains("update_credentials"),
        "the logs cover the flow"
    );
    let log_dir = tempfile::tempdir().unwrap();
    std::fs::write(log_dir.path().join("wizard.log"), &log_text).unwrap();
    places.files(log_dir.path());
    places.add("captured logs", log_text);

    // The secrets: the sandbox's ledger, the app's client secret, and the verifiers.
    let mut secrets = w.sandbox.issued_secrets();
    secrets.push(w.sandbox.config().bigcommerce.app.client_secret.clone());
    secrets.extend(
        w.sandbox
            .config()
            .core1
            .registrations
            .iter()
            .map(|r| r.client_secret.clone()),
    );
    secrets.push(spare.expose().to_owned());
    secrets.push(manual.expose().to_owned());
    secrets.sort();
    secrets.dedup();
    // The ledger holds the PKCE verifiers the sandbox received: every challenge in a sign-in
    // link the wizard opened has its verifier among the secrets searched.
    let challenges: Vec<String> = browser
        .opened
        .lock()
        .unwrap()
        .iter()
        .filter_map(|u| {
            u.query_pairs()
                .find(|(k, _)| k == "code_challenge")
                .map(|(_, v)| v.into_owned())
        })
        .collect();
    assert!(challenges.len() >= 4, "sign-ins opened: {challenges:?}");
    let verifiers = secrets
        .iter()
        .filter(|s| challenges.contains(&challenge_of(s)))
        .count();
    assert!(verifiers >= 4, "verifiers among the secrets: {verifiers}");
    assert!(secrets.iter().all(|s| s.len() >= 8), "no trivial secrets");

    let mut hits = Vec::new();
    for (what, text) in &places.places {
        for s in &secrets {
            if text.contains(s.as_str()) {
                hits.push(format!("{what} contains a secret ({} chars)", s.len()));
            }
        }
    }
    let bytes: usize = places.places.iter().map(|(_, t)| t.len()).sum();
    println!(
        "secret leak: {} secrets ({} PKCE verifiers) searched in {} places ({} bytes, {} log bytes): {} hits",
        secrets.len(),
        verifiers,
        places.places.len(),
        bytes,
        places
            .places
            .iter()
            .find(|(w, _)| w == "captured logs")
            .map_or(0, |(_, t)| t.len()),
        hits.len()
    );
    assert!(hits.is_empty(), "{}", hits.join("\n"));
}
