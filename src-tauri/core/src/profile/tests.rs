//! Unit tests of `profile`.

use super::*;

#[test]
fn unconfigured_production_gives_typed_errors() {
    let mut p = Profile::production();
    p.bigcommerce.client_id = None;
    p.core1.client_id = None;
    assert_eq!(
        p.bigcommerce_client_id(),
        Err(Error::BigCommerceNotConfigured)
    );
    assert_eq!(p.core1_client_id(), Err(Error::Core1NotConfigured));
    assert!(!p.bigcommerce_signin_available());
    assert!(p.validate().is_ok());
}

#[test]
fn demo_points_at_the_sandbox() {
    let base = Url::parse("http://127.0.0.1:4000/").unwrap();
    let p = Profile::demo(&base);
    assert_eq!(p.bigcommerce.login_url, "http://127.0.0.1:4000/bc-login");
    assert_eq!(p.bigcommerce.api_url, "http://127.0.0.1:4000/bc-api");
    assert_eq!(
        p.core1.workspace.name_url,
        "http://127.0.0.1:4000/core1/{name}/"
    );
    assert!(p.core1.workspace.allow_loopback);
    assert_eq!(
        p.bigcommerce.connector_url,
        "http://127.0.0.1:4000/bc-login/deep-links/manage/marketplace/apps"
    );
    assert!(!p.bigcommerce_signin_available(), "no road 3 in practice");
    assert!(p.validate().is_ok());
    let own = Profile::demo_with_own_app(&base);
    assert_eq!(own.bigcommerce_client_id(), Ok("practice-bc-client-id"));
}

#[test]
fn production_offers_the_connector_and_never_the_loopback_road() {
    let p = Profile::production();
    assert!(!p.bigcommerce_signin_available());
    assert_eq!(
        p.bigcommerce.connector_url,
        "https://login.bigcommerce.com/deep-links/manage/marketplace/apps"
    );
    assert_eq!(p.bigcommerce.connector_name, "Actindo Core1 DOP Connector");
}

#[test]
fn file_overlays_its_base_and_keeps_secrets_out_of_json() {
    let p = Profile::from_json(
        r#"{"base":"demo","sandbox_url":"http://127.0.0.1:9/","name":"t",
            "prefilled_workspace":"acme","signin_timeout":2.5,
            "bigcommerce":{"callback_port":40001,"client_id":"own",
            "client_secret":"practice-bc-client-secret"}}"#,
    )
    .unwrap();
    assert_eq!(p.name, "t");
    assert_eq!(p.bigcommerce.callback_port, 40001);
    assert_eq!(p.signin_timeout, Duration::from_millis(2500));
    assert_eq!(p.prefilled_workspace.as_deref(), Some("acme"));
    assert_eq!(
        p.bigcommerce.client_secret.as_ref().map(|s| s.expose()),
        Some("practice-bc-client-secret")
    );
    let json = serde_json::to_string(&p).unwrap();
    assert!(!json.contains("practice-bc-client-secret"));
    assert!(!format!("{p:?}").contains("practice-bc-client-secret"));
}

#[test]
fn a_file_cannot_choose_where_secrets_live_nor_to_practise() {
    for key in ["keyring_service", "practice", "file_id"] {
        let text = format!(r#"{{"base":"production","{key}":"core1-bigcommerce-setup"}}"#);
        let err = Profile::from_json(&text).unwrap_err();
        assert_eq!(err.code(), "profile_invalid", "{key}");
    }
    let demo =
        Profile::from_json(r#"{"base":"demo","sandbox_url":"http://127.0.0.1:9/"}"#).unwrap();
    assert!(!demo.practice, "practice comes only from --demo");
}

/// Where updates come from and the key they are checked with are built into the app: a file can
/// turn the check off and nothing more.
#[test]
fn a_file_can_turn_update_checks_off_but_not_point_them_elsewhere() {
    assert!(Profile::production().updates.check);
    let on = Profile::from_json(r#"{"base":"demo","sandbox_url":"http://127.0.0.1:9/"}"#).unwrap();
    assert!(on.updates.check, "on unless a file turns it off");
    let off = Profile::from_json(r#"{"updates":{"check":false}}"#).unwrap();
    assert!(!off.updates.check);
    assert!(
        Profile::from_json(r#"{"updates":{"check":true}}"#)
            .unwrap()
            .updates
            .check
    );
    for text in [
        r#"{"updates":{"endpoints":["https://evil.example/latest.json"]}}"#,
        r#"{"updates":{"check":false,"endpoint":"https://evil.example/"}}"#,
        r#"{"updates":{"pubkey":"RWQ..."}}"#,
        r#"{"updates":{"check":"no"}}"#,
        r#"{"updates":false}"#,
    ] {
        let err = Profile::from_json(text).unwrap_err();
        assert_eq!(err.code(), "profile_invalid", "{text}");
        assert!(
            err.to_string().contains("only turn update checks off"),
            "{text}: {err}"
        );
    }
}

#[test]
fn each_file_gets_its_own_keyring_service_and_data_folder() {
    let a = Profile::from_json(r#"{"base":"production","name":"a"}"#).unwrap();
    let again = Profile::from_json(r#"{"base":"production","name":"a"}"#).unwrap();
    let hostile = Profile::from_json(
        r#"{"base":"production","name":"a","bigcommerce":{"api_url":"https://collector.example"}}"#,
    )
    .unwrap();
    assert_eq!(a.keyring_service, again.keyring_service);
    assert_ne!(a.keyring_service, DEFAULT_KEYRING_SERVICE);
    assert_ne!(a.keyring_service, hostile.keyring_service);
    assert_ne!(a.file_id, hostile.file_id);
    assert!(a.file_id.as_deref().unwrap().starts_with("profile-"));
    assert_eq!(Profile::production().file_id, None);
}

#[test]
fn other_hosts_are_confirmed_before_use() {
    let same = Profile::from_json(r#"{"base":"production","prefilled_workspace":"acme"}"#).unwrap();
    assert!(!same.needs_host_confirmation());
    assert!(!Profile::production().needs_host_confirmation());
    let hostile = Profile::from_json(
        r#"{"base":"production","bigcommerce":{"api_url":"https://collector.example"}}"#,
    )
    .unwrap();
    assert!(hostile.needs_host_confirmation());
    assert!(hostile.hosts().contains(&"collector.example".to_owned()));
    assert!(Profile::production()
        .hosts()
        .contains(&"*.actindo.com".to_owned()));
}

#[test]
fn bad_files_are_typed_errors() {
    for text in [
        "nope",
        "[]",
        r#"{"base":"mars"}"#,
        r#"{"base":"demo"}"#,
        r#"{"signin_timeout":"soon"}"#,
        r#"{"bigcommerce":{"callback_path":"x"}}"#,
        r#"{"core1":{"callback_path":"/bigcommerce/callback"}}"#,
        r#"{"bigcommerce":{"login_url":"not a url"}}"#,
    ] {
        let err = Profile::from_json(text).unwrap_err();
        assert_eq!(err.code(), "profile_invalid", "{text}");
    }
}

#[test]
fn the_core1_registration_the_product_uses_needs_no_secret_at_build_time() {
    let p = Profile::production();
    assert_eq!(p.core1_client_id(), Ok("core1_bigcommerce_setup"));
    assert_eq!(
        p.core1.client_secret, None,
        "each workspace's own, from the keyring"
    );
    assert_eq!(p.core1.scope, "profile");
    assert_eq!(p.core1.callback_port, 28417);
    assert!(!p.core1.any_port);
    let demo = Profile::demo(&Url::parse("http://127.0.0.1:4000/").unwrap());
    assert_eq!(demo.core1_client_id(), Ok("core1_bigcommerce_setup"));
    assert_eq!(
        demo.core1.client_secret, None,
        "practice walks the registration"
    );
}

#[test]
fn a_setup_files_core1_registration_is_checked_against_cores_rule() {
    for bad in [
        "abc",
        "1core1",
        "core1.setup",
        "115e1d76-1cad-4067-bf3f-89772cda06b3",
    ] {
        let err =
            Profile::from_json(&format!(r#"{{"core1":{{"client_id":"{bad}"}}}}"#)).unwrap_err();
        assert_eq!(err.code(), "profile_invalid", "{bad}");
    }
    let p = Profile::from_json(
        r#"{"core1":{"client_id":"acme_setup","client_secret":"s3cret","callback_port":40123,"scope":"profile openid"}}"#,
    )
    .unwrap();
    assert_eq!(p.core1_client_id(), Ok("acme_setup"));
    assert_eq!(
        p.core1.client_secret.as_ref().map(|s| s.expose()),
        Some("s3cret")
    );
    assert_eq!(p.core1.callback_port, 40123);
    assert_eq!(p.core1.scope, "profile openid");
    // One exact Redirect URI names a port; any port only where the registration allows it.
    assert_eq!(
        Profile::from_json(r#"{"core1":{"callback_port":0}}"#)
            .unwrap_err()
            .code(),
        "profile_invalid"
    );
    let any = Profile::from_json(r#"{"core1":{"callback_port":0,"any_port":true}}"#).unwrap();
    assert!(any.core1.any_port);
}

#[test]
fn every_place_a_file_sends_requests_or_the_browser_is_confirmed() {
    // Production's own list: hosts, workspace patterns, the pages opened whole.
    let production = Profile::production().hosts();
    for entry in [
        "login.bigcommerce.com",
        "api.bigcommerce.com",
        "*.actindo.com",
        "*.dev.actindo.com",
        "https://login.bigcommerce.com/deep-links/manage/marketplace/apps",
        "https://login.bigcommerce.com/deep-links/settings/api-accounts",
    ] {
        assert!(
            production.contains(&entry.to_owned()),
            "{entry}: {production:?}"
        );
    }
    // Each file is asked about, naming exactly what is new in it.
    for (file, named) in [
        // A look-alike Core1 login added to production's workspace domains: the sign-in and road
        // 2's store key would go there.
        (
            r#"{"core1":{"workspace":{"domains":["actindo.com","dev.actindo.com","actindo-login.example"]}},
                "prefilled_workspace":"acme.actindo-login.example"}"#,
            "*.actindo-login.example",
        ),
        // Another app's install link on BigCommerce's own host, as the connector link.
        (
            r#"{"bigcommerce":{"connector_url":"https://login.bigcommerce.com/app/evil123/install"}}"#,
            "https://login.bigcommerce.com/app/evil123/install",
        ),
        // The API-accounts page and road 3's app are pages too.
        (
            r#"{"bigcommerce":{"api_accounts_url":"https://login.bigcommerce.com/app/x/install"}}"#,
            "https://login.bigcommerce.com/app/x/install",
        ),
        (
            r#"{"bigcommerce":{"client_id":"abc"}}"#,
            "https://login.bigcommerce.com/app/abc/install",
        ),
    ] {
        let p = Profile::from_json(file).unwrap();
        assert!(p.needs_host_confirmation(), "{file}");
        assert_eq!(
            p.hosts_beyond_production(),
            vec![named.to_owned()],
            "{file}"
        );
    }
    // Spelling the same places differently is not new.
    let same = Profile::from_json(
        r#"{"core1":{"workspace":{"domains":["dev.actindo.com","ACTINDO.com."]}}}"#,
    )
    .unwrap();
    assert!(
        !same.needs_host_confirmation(),
        "{:?}",
        same.hosts_beyond_production()
    );
}

#[test]
fn only_a_small_regular_file_is_read_and_never_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let ok = dir.path().join("ok.json");
    std::fs::write(&ok, r#"{"name":"small"}"#).unwrap();
    assert_eq!(Profile::load(&ok).unwrap().name, "small");
    let big = dir.path().join("big.json");
    let mut text = String::from(r#"{"name":""#);
    text.push_str(&"x".repeat(2 << 20));
    text.push_str(r#""}"#);
    std::fs::write(&big, text).unwrap();
    #[allow(unused_mut)]
    let mut refused = vec![big];
    #[cfg(unix)]
    {
        let fifo = dir.path().join("fifo.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        refused.push(fifo);
        refused.push(std::path::PathBuf::from("/dev/zero"));
    }
    for path in refused {
        // Asked on a thread, so a start-up that would hang fails this test instead of stopping it.
        let (tx, rx) = std::sync::mpsc::channel();
        let asked = path.clone();
        let started = std::time::Instant::now();
        std::thread::spawn(move || tx.send(Profile::load(&asked).map(|p| p.name)));
        let outcome = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .unwrap_or_else(|_| panic!("{} still being read after 5 s", path.display()));
        println!(
            "{}: {:?} in {:?}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            outcome.as_ref().map_err(|e| e.to_string()),
            started.elapsed()
        );
        assert_eq!(
            outcome.unwrap_err().code(),
            "profile_invalid",
            "{}",
            path.display()
        );
    }
}
