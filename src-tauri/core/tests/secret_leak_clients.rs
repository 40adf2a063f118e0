//! Every secret the sandbox issued or received (client secret, codes, PKCE verifiers, tokens)
//! must stay out of the core's tracing events, error messages, serialised errors and `Debug`
//! output, across whole flows and their failures.
//! Its own test binary: it installs a global tracing subscriber at TRACE.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::RobotBrowser;
use setup_core::testing::bigcommerce::{self, BigCommerceClient};
use setup_core::testing::core1;
use setup_core::testing::core1::{Credentials, NewConnection};
use setup_core::RetryPolicy;
use setup_core::SecretString;
use setup_core::WorkspaceUrl;
use setup_sandbox::Fault;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_logs_errors_or_debug_output() {
    let logs = common::capture_logs("setup_core=trace");

    let w = common::world().await;
    let mut seen: Vec<String> = Vec::new();
    let record_err = |e: &setup_core::Error, seen: &mut Vec<String>| {
        seen.push(e.to_string());
        seen.push(format!("{e:?}"));
        seen.push(serde_json::to_string(e).unwrap());
    };

    // BigCommerce: a failed exchange (wrong client secret), consent denied, then a full run.
    let robot = RobotBrowser::confirming();
    let e = bigcommerce::sign_in(
        &w.profile,
        w.http.clone(),
        Some(SecretString::from("wrong-secret-xyz")),
        &robot,
    )
    .await
    .unwrap_err();
    record_err(&e, &mut seen);
    let e = bigcommerce::sign_in(
        &w.profile,
        w.http.clone(),
        None,
        &RobotBrowser::cancelling(),
    )
    .await
    .unwrap_err();
    record_err(&e, &mut seen);
    let grant = bigcommerce::sign_in(&w.profile, w.http.clone(), None, &robot)
        .await
        .unwrap();
    seen.push(format!("{grant:?}"));
    let bc = BigCommerceClient::new(
        w.http.clone(),
        &w.profile,
        grant.store_hash.clone(),
        grant.access_token.clone(),
    )
    .with_retry(RetryPolicy::fast());
    seen.push(format!("{bc:?}"));
    seen.push(format!("{:?}", bc.store_info().await.unwrap()));
    let acct = bigcommerce::validate_api_account(
        w.http.clone(),
        &w.profile,
        "https://api.bigcommerce.com/stores/abc123/v3/",
        grant.access_token.expose(),
    )
    .await
    .unwrap();
    seen.push(format!("{acct:?}"));
    w.sandbox
        .set_fault(Fault::RevokedBcToken { store_hash: None }, Some(1));
    record_err(&bc.check_token().await.unwrap_err(), &mut seen);

    // Core1: sign-in, refresh, connection operations, a rejected refresh.
    let secrets = common::secrets("leaks").await;
    seen.push(format!("{secrets:?}"));
    let ws = WorkspaceUrl::parse("acme", &w.profile.core1.workspace).unwrap();
    let client = core1::sign_in(&w.profile, w.http.clone(), ws, secrets, &robot)
        .await
        .unwrap()
        .with_retry(RetryPolicy::fast());
    seen.push(format!("{client:?}"));
    client.refresh_now().await.unwrap();
    let created = client
        .create_connection(&NewConnection::bigcommerce(
            "Practice Store",
            "abc123",
            &grant.access_token,
        ))
        .await
        .unwrap();
    seen.push(format!("{created:?}"));
    let creds = Credentials {
        store_hash: "abc123".into(),
        access_token: grant.access_token.expose().to_owned(),
    };
    seen.push(format!("{creds:?}"));
    seen.push(format!(
        "{:?}",
        client.update_credentials(created.id, &creds).await.unwrap()
    ));
    record_err(
        &client
            .create_connection(&NewConnection::bigcommerce(
                "x",
                "abc123",
                &grant.access_token,
            ))
            .await
            .unwrap_err(),
        &mut seen,
    );
    w.sandbox
        .set_fault(Fault::ExpiredRefreshToken { workspace: None }, Some(1));
    client.refresh_now().await.unwrap_err();

    let logs = logs.text();
    assert!(
        logs.contains("BigCommerce sign-in complete"),
        "events were captured"
    );
    assert!(logs.contains("Core1 sign-in complete"));
    assert!(logs.contains("abc123"), "event fields were captured");
    let mut secrets_issued = w.sandbox.issued_secrets();
    secrets_issued.push("wrong-secret-xyz".into());
    secrets_issued.push(grant.access_token.expose().to_owned());
    assert!(secrets_issued.len() > 8, "{}", secrets_issued.len());
    for secret in &secrets_issued {
        assert!(!logs.contains(secret.as_str()), "a secret reached the logs");
        for s in &seen {
            assert!(!s.contains(secret.as_str()), "a secret reached: {s}");
        }
    }
}
