//! Secret leaks end to end: the real app in a real window, logging at TRACE, through
//! the whole wizard to an active connection, Manage with a synchronization, and a second launch
//! (which reads the secrets back from the keyring and refreshes the Core1 sign-in). Then every
//! secret the sandbox issued or received — client secrets, authorization codes, PKCE verifiers,
//! access and refresh tokens, connection credentials — is searched for, raw, URL-encoded and
//! base64 (standard and URL-safe, at any alignment), in: the app's stdout/stderr, every file
//! under the app's XDG data/config/cache folders (its log files, its progress file, WebKit's
//! storage), the webview's DOM (page source, input values and web storage) on every screen
//! visited, the support report, and the onboarding reports saved on Status and from a Manage
//! card (also with their HTML entities decoded) → 0 hits, asserted.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::Instant;

use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use base64::Engine as _;
use setup_e2e::{artifacts_dir, wait_active, App, Pace, Practice};
use setup_sandbox::SecretKind;

/// Everything the user, the UI, a log or a support mail could see: (where, what).
#[derive(Default)]
struct Places(Vec<(String, String)>);

impl Places {
    fn add(&mut self, what: impl Into<String>, text: impl Into<String>) {
        self.0.push((what.into(), text.into()));
    }

    /// Every file under `dir`, read as bytes (WebKit's databases are binary).
    fn files(&mut self, dir: &Path, base: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                self.files(&path, base);
            } else if let Ok(bytes) = std::fs::read(&path) {
                let name = path.strip_prefix(base).unwrap_or(&path).display();
                self.add(
                    format!("file {name}"),
                    String::from_utf8_lossy(&bytes).into_owned(),
                );
            }
        }
    }

    /// The page source, every input's value and the web storage of the screen shown now.
    async fn screen(&mut self, app: &App, name: &str) {
        let source = app.client.source().await.unwrap();
        assert!(source.contains("data-testid"), "page source of {name}");
        self.add(format!("page source: {name}"), source);
        let extra = app
            .client
            .execute(
                "const values = [...document.querySelectorAll('input, textarea, select')] \
                   .map(n => `${n.dataset.testid || n.name || n.id}=${n.value}`); \
                 const store = s => { const o = {}; \
                   for (let i = 0; i < s.length; i++) { o[s.key(i)] = s.getItem(s.key(i)); } \
                   return o; }; \
                 return JSON.stringify({ values, local: store(localStorage), \
                   session: store(sessionStorage), title: document.title, url: location.href });",
                vec![],
            )
            .await
            .unwrap();
        self.add(
            format!("input values and web storage: {name}"),
            extra.as_str().unwrap_or_default(),
        );
    }

    /// The support report: pressed as the merchant would (the Help bar's button, or a Manage
    /// card's for `about`, the card's tag) and read from the clipboard; the app says it copied.
    async fn support_report(&mut self, app: &App, name: &str, about: Option<&str>) {
        let text = app.support_report(about).await;
        let said = match about {
            Some(card) => format!("conn-message-{card}"),
            None => "help-message".to_owned(),
        };
        let deadline = Instant::now() + std::time::Duration::from_secs(10);
        while !app.exists(&said).await || !app.text(&said).await.contains("report is copied") {
            assert!(Instant::now() < deadline, "the app did not say it copied");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(text.len() > 100, "a real support report: {text}");
        std::fs::write(
            artifacts_dir().join(format!("secret-leak-report-{name}.txt")),
            &text,
        )
        .unwrap();
        self.add(format!("support report: {name}"), text);
    }
}

/// `secret` as it could appear: raw, percent-encoded, and base64 in both alphabets at each of
/// the three alignments inside a longer encoded text (only the characters that do not depend
/// on neighbouring bytes).
fn forms(secret: &str) -> Vec<(&'static str, String)> {
    let mut out = vec![("raw", secret.to_owned())];
    let url: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    if url != secret {
        out.push(("url-encoded", url));
    }
    for (name, engine) in [("base64", &STANDARD), ("base64url", &URL_SAFE)] {
        for k in 0..3usize {
            let mut bytes = vec![0u8; k];
            bytes.extend_from_slice(secret.as_bytes());
            let encoded = engine.encode(&bytes);
            let start = (8 * k).div_ceil(6);
            let end = 8 * bytes.len() / 6;
            let part = encoded[start..end].to_owned();
            if !out.iter().any(|(_, f)| *f == part) {
                out.push((name, part));
            }
        }
    }
    out
}

/// Every (place, secret kind, form) where a secret shows.
fn hits(places: &Places, secrets: &[(SecretKind, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (kind, secret) in secrets {
        for (form, needle) in forms(secret) {
            for (what, text) in &places.0 {
                if text.contains(&needle) {
                    found.push(format!(
                        "{what}: a {kind:?} ({} chars) {form}",
                        secret.len()
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn the_search_finds_a_planted_secret_in_every_form() {
    let secret = "Zq9-secret_value~with/odd+chars".to_owned();
    let secrets = vec![(SecretKind::RefreshToken, secret.clone())];
    for (form, needle) in forms(&secret) {
        let mut places = Places::default();
        places.add("clean", "nothing to see here, Practice Store, acme");
        places.add("planted", format!("log line … token={needle} …"));
        let found = hits(&places, &secrets);
        assert_eq!(found.len(), 1, "{form}: {found:?}");
        assert!(found[0].starts_with("planted"), "{form}: {found:?}");
    }
    // base64 of a longer text that holds the secret somewhere in the middle, at any offset.
    for pad in ["", "a", "ab", "abc"] {
        let mut places = Places::default();
        places.add(
            "encoded",
            STANDARD.encode(format!("Bearer {pad}{secret} rest")),
        );
        places.add("encoded-url", URL_SAFE.encode(format!("x{pad}{secret}yz")));
        assert_eq!(hits(&places, &secrets).len(), 2, "pad {pad:?}");
    }
    let mut clean = Places::default();
    clean.add("clean", "Zq9-secret_value~with/odd+char (one short)");
    assert!(hits(&clean, &secrets).is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn no_secret_in_logs_output_files_dom_or_support_report() {
    let started = Instant::now();
    // Unregistered: the client secret Core1 shows once is pasted through the screen too.
    let practice = Practice::start_unregistered(Pace::QUICK).await;
    let home = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let mut places = Places::default();
    let trace = |mut launch: setup_e2e::Launch, n: usize| {
        launch.args.push("--verbose".into());
        launch.env.push(("RUST_LOG".into(), "trace".into()));
        launch.output = Some(out_dir.path().join(format!("app-{n}.out")));
        launch
    };

    // First launch: the whole wizard.
    let app = App::launch(trace(
        practice.launch("en_US.UTF-8", Some(home.path().to_path_buf())),
        1,
    ))
    .await;
    app.wait_screen("welcome-title").await;
    places.screen(&app, "Welcome").await;
    app.click("welcome-start").await;
    app.wait_screen("ws-title").await;
    app.type_into("ws-input", "acme").await;
    app.wait_text("ws-preview-url", "acme").await;
    places.screen(&app, "Workspace").await;
    app.click("ws-continue").await;
    app.wait_screen("core1-title").await;
    places.screen(&app, "Core1 app registration").await;
    setup_e2e::register_in_core1(&app, &practice).await;
    places.screen(&app, "Core1 sign-in").await;
    app.click("core1-sign-in").await;
    app.wait_screen("bc-title").await;
    places.screen(&app, "after Core1 sign-in").await;
    // Road 2, which hands the app a store key to keep (road 1 never gives it one).
    app.click("bc-use-api").await;
    app.wait_screen("bc-api-title").await;
    places.screen(&app, "API account form").await;
    let account = practice.api_account(None);
    app.type_into("bc-api-path", &account.api_path).await;
    // (The key is in the field while typed, as any password field; it is taken out on submit.)
    app.type_into("bc-api-key", &account.access_token).await;
    app.click("bc-api-submit").await;
    app.wait_screen("status-title").await;
    wait_active(&app, &practice).await;
    places.screen(&app, "Status (Active)").await;
    places.support_report(&app, "active", None).await;
    let status_report = app.save_status_report().await;

    let conns = practice.sandbox.connections("acme").unwrap();
    assert_eq!(conns.len(), 1, "exactly one connection in Core1");
    let id = practice.card("acme");
    app.click("status-finish").await;
    app.wait_screen("manage-title").await;
    app.wait_attr(&format!("conn-health-{id}"), "data-attention", "false", 20)
        .await;
    places.screen(&app, "Manage").await;
    app.click(&format!("conn-sync-{id}")).await;
    app.wait_text(&format!("conn-message-{id}"), "synchronization has started")
        .await;
    places.screen(&app, "Manage after Synchronize now").await;
    places.support_report(&app, "manage", None).await;
    places.support_report(&app, "manage-card", Some(&id)).await;
    app.close().await;

    // Second launch: Manage straight away, the secrets read back from the keyring.
    let app = App::launch(trace(
        practice.launch("en_US.UTF-8", Some(home.path().to_path_buf())),
        2,
    ))
    .await;
    app.wait_screen("manage-title").await;
    app.wait_attr(&format!("conn-health-{id}"), "data-attention", "false", 30)
        .await;
    places.screen(&app, "Manage on the next launch").await;
    places.support_report(&app, "next-launch", None).await;
    let card_report = app
        .save_report(
            &format!("conn-onboarding-{id}-save"),
            "Save the onboarding report",
            Some("from-manage.html"),
            &format!("conn-onboarding-{id}-message"),
        )
        .await;
    app.close().await;
    // The reports (also under the home, so read again below as files): entities decoded too.
    for report in [&status_report, &card_report] {
        let html = std::fs::read_to_string(report).unwrap();
        assert!(html.contains("data-fact=\"store-hash\">abc123<"));
        let decoded = html
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&amp;", "&");
        places.add(
            format!("onboarding report {} (decoded)", report.display()),
            decoded,
        );
    }
    let secrets = practice_secrets(&practice);
    practice.sandbox.shutdown().await;

    // The app's stdout/stderr (through tauri-driver) and every file it could have written.
    let mut output_bytes = 0;
    for n in [1, 2] {
        let text = std::fs::read_to_string(out_dir.path().join(format!("app-{n}.out"))).unwrap();
        assert!(
            text.contains("[TRACE]"),
            "launch {n} logged at TRACE to stdout"
        );
        output_bytes += text.len();
        std::fs::write(
            artifacts_dir().join(format!("secret-leak-output-{n}.txt")),
            &text,
        )
        .unwrap();
        places.add(format!("stdout/stderr of launch {n}"), text);
    }
    let app_data = home.path().join("data/io.core1setup.bigcommerce");
    let logs: Vec<_> = std::fs::read_dir(app_data.join("logs"))
        .expect("the app's log folder")
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!logs.is_empty(), "log files in {}", app_data.display());
    let log_text: String = logs
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    std::fs::write(artifacts_dir().join("secret-leak-app.log"), &log_text).unwrap();
    assert!(
        log_text.contains("TRACE") && log_text.contains("DEBUG"),
        "the log file holds TRACE and DEBUG lines"
    );
    let data_files = std::fs::read_dir(&app_data).unwrap().count();
    assert!(
        data_files >= 2,
        "the data folder holds the logs and progress"
    );
    places.files(home.path(), home.path());
    let file_count = places
        .0
        .iter()
        .filter(|(w, _)| w.starts_with("file "))
        .count();

    // The secrets: the sandbox's ledger, which must hold every kind the flow goes through.
    for kind in [
        SecretKind::ClientSecret,
        SecretKind::AuthorizationCode,
        SecretKind::PkceVerifier,
        SecretKind::AccessToken,
        SecretKind::RefreshToken,
    ] {
        assert!(
            secrets.iter().any(|(k, _)| *k == kind),
            "the ledger holds no {kind:?}: {:?}",
            secrets.iter().map(|(k, _)| k).collect::<Vec<_>>()
        );
    }
    assert!(
        secrets.iter().all(|(_, s)| s.len() >= 8),
        "no trivial secrets"
    );

    // The search can fail: a real secret planted in a copy of the real log is found.
    let mut plain = Places::default();
    plain.add("log", log_text.clone());
    let mut planted = Places::default();
    planted.add("log", format!("{log_text}\n{}\n", secrets[2].1));
    assert_eq!(
        hits(&planted, &secrets).len(),
        hits(&plain, &secrets).len() + 1,
        "the search finds a secret planted in the real log"
    );

    let found = hits(&places, &secrets);
    let forms_searched: usize = secrets.iter().map(|(_, s)| forms(s).len()).sum();
    let bytes: usize = places.0.iter().map(|(_, t)| t.len()).sum();
    let kinds = |k: SecretKind| secrets.iter().filter(|(kind, _)| *kind == k).count();
    println!(
        "secret leak e2e: {} secrets ({} client secrets, {} codes, {} PKCE verifiers, \
         {} access tokens, {} refresh tokens, {} connection credentials; {} forms) × {} places \
         ({} files, {} screens/DOM, 4 support reports, 2 stdout/stderr; {} bytes, {} log bytes, \
         {} output bytes): {} hits, {:.1} s",
        secrets.len(),
        kinds(SecretKind::ClientSecret),
        kinds(SecretKind::AuthorizationCode),
        kinds(SecretKind::PkceVerifier),
        kinds(SecretKind::AccessToken),
        kinds(SecretKind::RefreshToken),
        kinds(SecretKind::ConnectionCredential),
        forms_searched,
        places.0.len(),
        file_count,
        places
            .0
            .iter()
            .filter(|(w, _)| w.starts_with("page source"))
            .count(),
        bytes,
        log_text.len(),
        output_bytes,
        found.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(found.is_empty(), "secrets leaked:\n{}", found.join("\n"));
}

/// The ledger, with the app's own registrations added in case the sandbox did not see them.
fn practice_secrets(practice: &Practice) -> Vec<(SecretKind, String)> {
    let mut secrets = practice.sandbox.issued_secrets_by_kind();
    let config = practice.sandbox.config();
    let mut extra = vec![config.bigcommerce.app.client_secret.clone()];
    extra.extend(
        config
            .core1
            .registrations
            .iter()
            .map(|r| r.client_secret.clone()),
    );
    for s in extra {
        if !secrets.iter().any(|(_, known)| *known == s) {
            secrets.push((SecretKind::ClientSecret, s));
        }
    }
    secrets
}
