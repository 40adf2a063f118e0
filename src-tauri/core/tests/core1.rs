//! Core1 against the sandbox over real HTTP: reachability, sign-in with the robot, refresh
//! rotation, the envelope, 530, and every connection operation.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::time::{Duration, Instant};

use common::{world, RobotBrowser, World};
use setup_core::testing::core1::{self, check_reachable, Core1Client, Core1SignIn};
use setup_core::testing::core1::{Connection, Credentials, NewConnection};
use setup_core::Phase;
use setup_core::RetryPolicy;
use setup_core::WorkspaceUrl;
use setup_core::{Error, SecretStore};
use setup_sandbox::{Area, Fault};

fn ws(w: &World, name: &str) -> WorkspaceUrl {
    WorkspaceUrl::parse(name, &w.profile.core1.workspace).unwrap()
}

async fn signed_in(w: &World, tag: &str) -> (Core1Client, SecretStore) {
    let secrets = common::secrets(tag).await;
    let robot = RobotBrowser::confirming();
    let client = core1::sign_in(
        &w.profile,
        w.http.clone(),
        ws(w, "acme"),
        secrets.clone(),
        &robot,
    )
    .await
    .unwrap()
    .with_retry(RetryPolicy::fast());
    (client, secrets)
}

async fn settle(client: &Core1Client, id: i64) -> Connection {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let c = client.get_connection(id).await.unwrap();
        if c.is_settled() || Instant::now() > deadline {
            return c;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn reachability_check() {
    let w = world().await;
    let retry = RetryPolicy::fast();
    check_reachable(&w.http, &ws(&w, "acme"), &retry)
        .await
        .unwrap();
    assert_eq!(
        check_reachable(&w.http, &ws(&w, "nosuchworkspace"), &retry)
            .await
            .unwrap_err(),
        Error::WorkspaceNotFound
    );
    w.sandbox.freeze("acme", true).unwrap();
    assert_eq!(
        check_reachable(&w.http, &ws(&w, "acme"), &retry)
            .await
            .unwrap_err(),
        Error::Core1Frozen
    );
    w.sandbox.freeze("acme", false).unwrap();
    check_reachable(&w.http, &ws(&w, "acme"), &retry)
        .await
        .unwrap();
    // Nothing listening: unreachable.
    let port = common::free_port();
    let mut rules = w.profile.core1.workspace.clone();
    rules.name_url = format!("http://127.0.0.1:{port}/core1/{{name}}/");
    let gone = WorkspaceUrl::parse("acme", &rules).unwrap();
    assert_eq!(
        check_reachable(&w.http, &gone, &retry).await.unwrap_err(),
        Error::Core1Unreachable
    );
}

#[tokio::test]
async fn sign_in_with_state_and_pkce_then_ping() {
    let w = world().await;
    let secrets = common::secrets("signin").await;
    let robot = RobotBrowser::confirming();
    let signin = Core1SignIn::start(&w.profile, w.http.clone(), ws(&w, "acme"), secrets.clone())
        .await
        .unwrap();
    let url = signin.authorize_url().clone();
    assert!(url.as_str().starts_with(&format!(
        "{}/Actindo.CoreModules.Auth.OAuth2.authorize?",
        w.sandbox.core1_workspace_url("acme")
    )));
    let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], "core1_bigcommerce_setup");
    assert_eq!(q["scope"], "profile", "the scope Actindo's guide asks for");
    assert_eq!(q["code_challenge_method"], "S256");
    for k in ["state", "code_challenge"] {
        assert_eq!(q[k].len(), 43, "{k}");
    }
    // A nonce is only checkable in an ID token, which Core1's token answer does not carry;
    // state and PKCE bind the answer to this attempt. An unchecked value is not sent.
    assert!(!q.contains_key("nonce"), "{url}");
    let redirect = url::Url::parse(&q["redirect_uri"]).unwrap();
    assert_eq!(redirect.host_str(), Some("127.0.0.1"));
    assert_eq!(redirect.path(), "/core1/callback");
    assert_eq!(
        redirect.port(),
        Some(w.profile.core1.callback_port),
        "the registered port, never another"
    );
    assert_eq!(&redirect, signin.redirect_uri());

    signin.open_with(&robot).unwrap();
    let client = signin.finish().await.unwrap();
    let outcome = robot.last_outcome().await;
    assert!(
        outcome.text.contains("You can close this tab"),
        "{}",
        outcome.text
    );
    assert!(client.has_stored_sign_in().await.unwrap());
    let ping = client.ping().await.unwrap();
    assert_eq!(ping.workspace.as_deref(), Some("acme"));
    assert_eq!(
        ping.user.and_then(|u| u.email).as_deref(),
        Some("consultant@example.com")
    );
    assert!(!format!("{client:?}").contains(
        secrets
            .require(&client.refresh_token_key())
            .await
            .unwrap()
            .expose()
    ));
    client.sign_out().await.unwrap();
    assert!(!client.has_stored_sign_in().await.unwrap());
}

#[tokio::test]
async fn consent_denied_and_unconfigured_client_are_typed() {
    let mut w = world().await;
    let secrets = common::secrets("denied").await;
    let robot = RobotBrowser::cancelling();
    let err = core1::sign_in(
        &w.profile,
        w.http.clone(),
        ws(&w, "acme"),
        secrets.clone(),
        &robot,
    )
    .await
    .unwrap_err();
    assert_eq!(err, Error::SignInDenied);
    w.profile.core1.client_id = None;
    let err = Core1SignIn::start(&w.profile, w.http.clone(), ws(&w, "acme"), secrets)
        .await
        .unwrap_err();
    assert_eq!(err, Error::Core1NotConfigured);
}

#[tokio::test]
async fn a_missing_state_is_ignored_and_open_again_completes() {
    let w = world().await;
    w.sandbox.set_fault(
        Fault::MissingState {
            area: Some(Area::Core1),
        },
        Some(1),
    );
    let secrets = common::secrets("missing-state").await;
    let robot = RobotBrowser::confirming();
    let signin = Core1SignIn::start(&w.profile, w.http.clone(), ws(&w, "acme"), secrets)
        .await
        .unwrap();
    signin.open_with(&robot).unwrap();
    assert_eq!(robot.last_outcome().await.status, 400);
    signin.open_with(&robot).unwrap();
    let client = signin.finish().await.unwrap();
    client.ping().await.unwrap();
}

#[tokio::test]
async fn refresh_tokens_rotate_and_each_new_one_is_stored_first() {
    let w = world().await;
    let (client, secrets) = signed_in(&w, "rotation").await;
    let key = client.refresh_token_key();
    let first = secrets.require(&key).await.unwrap();
    client.refresh_now().await.unwrap();
    let second = secrets.require(&key).await.unwrap();
    assert_ne!(first, second, "rotated");
    // The sandbox rejects the replayed old refresh token.
    let replay = w
        .http
        .post(format!(
            "{}/Actindo.CoreModules.Auth.OAuth2Token.getAccessToken",
            w.sandbox.core1_workspace_url("acme")
        ))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", first.expose()),
            ("client_id", "core1_bigcommerce_setup"),
            (
                "client_secret",
                w.profile.core1.client_secret.as_ref().unwrap().expose(),
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status().as_u16(), 400);
    let body: serde_json::Value = replay.json().await.unwrap();
    assert_eq!(body["error"], "invalid_grant");
    client.ping().await.unwrap();

    // A new client (a later launch) signs in from the stored token alone, rotating it again.
    let later = Core1Client::new(w.http.clone(), &w.profile, ws(&w, "acme"), secrets.clone())
        .unwrap()
        .with_retry(RetryPolicy::fast());
    later.ping().await.unwrap();
    let third = secrets.require(&key).await.unwrap();
    assert_ne!(third, second);
    assert_ne!(third, first);
}

#[tokio::test]
async fn a_rejected_refresh_token_means_sign_in_again_and_is_forgotten() {
    let w = world().await;
    for fault in [
        Fault::ExpiredRefreshToken {
            workspace: Some("acme".into()),
        },
        Fault::ReplayedRefreshToken {
            workspace: Some("acme".into()),
        },
    ] {
        let (_client, secrets) = signed_in(&w, "rejected").await;
        let later = Core1Client::new(w.http.clone(), &w.profile, ws(&w, "acme"), secrets.clone())
            .unwrap()
            .with_retry(RetryPolicy::fast());
        w.sandbox.set_fault(fault, Some(1));
        assert_eq!(later.ping().await.unwrap_err(), Error::Core1SignInRequired);
        assert!(
            !later.has_stored_sign_in().await.unwrap(),
            "dead token removed"
        );
        assert_eq!(later.ping().await.unwrap_err(), Error::Core1SignInRequired);
    }
}

#[tokio::test]
async fn not_logged_in_refreshes_once_then_asks_for_sign_in() {
    let w = world().await;
    let (client, _secrets) = signed_in(&w, "errno10000").await;
    client.ping().await.unwrap();
    // The workspace forgets every session and token: errno 10000, the refresh is refused too.
    w.sandbox.reset();
    assert_eq!(client.ping().await.unwrap_err(), Error::Core1SignInRequired);
    assert!(!client.has_stored_sign_in().await.unwrap());
}

#[tokio::test]
async fn a_frozen_workspace_is_530_and_nothing_is_lost() {
    let w = world().await;
    let (client, secrets) = signed_in(&w, "frozen").await;
    let stored = secrets.require(&client.refresh_token_key()).await.unwrap();
    w.sandbox.freeze("acme", true).unwrap();
    let started = Instant::now();
    assert_eq!(client.ping().await.unwrap_err(), Error::Core1Frozen);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(
        client.list_connections().await.unwrap_err(),
        Error::Core1Frozen
    );
    // A fresh client must refresh first: the token call meets 530 too, and the stored token
    // stays untouched.
    let later = Core1Client::new(w.http.clone(), &w.profile, ws(&w, "acme"), secrets.clone())
        .unwrap()
        .with_retry(RetryPolicy::fast());
    assert_eq!(later.ping().await.unwrap_err(), Error::Core1Frozen);
    assert_eq!(
        secrets.require(&client.refresh_token_key()).await.unwrap(),
        stored
    );
    w.sandbox.freeze("acme", false).unwrap();
    client.ping().await.unwrap();
    later.ping().await.unwrap();
    // A short freeze is ridden out by the retries.
    w.sandbox.set_fault(
        Fault::Frozen {
            workspace: "acme".into(),
        },
        Some(2),
    );
    client.list_connections().await.unwrap();
}

#[tokio::test]
async fn server_errors_are_retried_only_for_idempotent_calls() {
    let w = world().await;
    let (client, _secrets) = signed_in(&w, "5xx").await;
    let token = common::store_token(&w).await;
    w.sandbox.set_fault(
        Fault::ServerError {
            status: 503,
            area: Some(Area::Core1),
            path_contains: None,
        },
        Some(2),
    );
    client.list_connections().await.unwrap();
    w.sandbox.set_fault(
        Fault::ServerError {
            status: 503,
            area: Some(Area::Core1),
            path_contains: Some("Connections.create".into()),
        },
        Some(1),
    );
    let new = NewConnection::bigcommerce("Practice Store", "abc123", &token);
    assert_eq!(
        client.create_connection(&new).await.unwrap_err(),
        Error::Core1Unavailable { status: 503 }
    );
    assert!(
        client.list_connections().await.unwrap().is_empty(),
        "create was not retried and did not run"
    );
}

#[tokio::test]
async fn unknown_endpoints_mean_the_module_is_missing() {
    let w = world().await;
    let (client, _secrets) = signed_in(&w, "module").await;
    let err = client
        .call::<_, serde_json::Value>(
            "Actindo.Modules.Nothing.Here.list",
            &serde_json::json!({}),
            true,
        )
        .await
        .unwrap_err();
    assert_eq!(err, Error::Core1ModuleMissing);
}

#[tokio::test]
async fn every_connection_operation() {
    let w = world().await;
    let (client, _secrets) = signed_in(&w, "ops").await;
    let token = common::store_token(&w).await;
    assert!(client.find_connection("abc123").await.unwrap().is_none());

    // create
    let created = client
        .create_connection(&NewConnection::bigcommerce(
            "Practice Store",
            "abc123",
            &token,
        ))
        .await
        .unwrap();
    assert_eq!(created.store_hash, "abc123");
    assert_eq!(created.driver, "bigcommerce");
    assert!(created.enabled);
    let id = created.id;

    // create again: the duplicate names the existing connection
    let dup = client
        .create_connection(&NewConnection::bigcommerce(
            "Practice Store",
            "abc123",
            &token,
        ))
        .await
        .unwrap_err();
    assert_eq!(dup, Error::ConnectionExists { existing_id: id });

    // list / find / get, then the lifecycle to active
    assert_eq!(client.list_connections().await.unwrap().len(), 1);
    assert_eq!(
        client.find_connection("ABC123").await.unwrap().unwrap().id,
        id
    );
    let active = settle(&client, id).await;
    assert_eq!(active.phase, Phase::Active, "{active:?}");
    assert_eq!(active.credentials_valid, Some(true));
    assert_eq!(active.attributes.done, active.attributes.total);
    assert!(active.attributes.total > 0);
    assert_eq!(active.sync.done, active.sync.total);
    assert!(active.last_error.is_none());

    // synchronize
    let syncing = client.synchronize(id).await.unwrap();
    assert_eq!(syncing.id, id);
    assert_eq!(settle(&client, id).await.phase, Phase::Active);

    // setEnabled (idempotent)
    let off = client.set_enabled(id, false).await.unwrap();
    assert!(!off.enabled);
    assert_eq!(
        client.set_enabled(id, false).await.unwrap().phase,
        Phase::Disabled
    );
    assert_eq!(
        client.synchronize(id).await.unwrap_err().code(),
        "connection_request_rejected"
    );
    assert!(client.set_enabled(id, true).await.unwrap().enabled);

    // updateCredentials with a token BigCommerce rejects → failed, credentials_rejected
    let bad = Credentials {
        store_hash: "abc123".into(),
        access_token: "revoked-or-wrong".into(),
    };
    client.update_credentials(id, &bad).await.unwrap();
    let failed = settle(&client, id).await;
    assert_eq!(failed.phase, Phase::Failed);
    assert_eq!(failed.credentials_valid, Some(false));
    assert_eq!(
        failed.last_error.as_ref().map(|e| e.code.as_str()),
        Some("credentials_rejected")
    );
    assert_eq!(
        client.synchronize(id).await.unwrap_err(),
        Error::ConnectionCredentialsRejected
    );

    // updateCredentials with the good token → active again, same connection
    let good = Credentials {
        store_hash: "abc123".into(),
        access_token: token.expose().to_owned(),
    };
    assert_eq!(client.update_credentials(id, &good).await.unwrap().id, id);
    assert_eq!(settle(&client, id).await.phase, Phase::Active);
    assert_eq!(
        client.list_connections().await.unwrap().len(),
        1,
        "never duplicated"
    );

    // unknown ids
    assert_eq!(
        client.get_connection(id + 1000).await.unwrap_err(),
        Error::ConnectionNotFound
    );
    assert_eq!(
        client.set_enabled(id + 1000, true).await.unwrap_err(),
        Error::ConnectionNotFound
    );
}
