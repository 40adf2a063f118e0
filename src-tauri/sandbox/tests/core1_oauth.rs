//! Core1 OAuth2: authorize, login, consent, token grants, rotation, expiry, reachability.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use serde_json::json;
use setup_sandbox::core1::oauth::redirect_allowed;
use setup_sandbox::robot::{self, RobotAction, RobotOptions};
use setup_sandbox::{Error, SandboxConfig};
use std::time::Duration;

const PING: &str = "Actindo.CoreModules.Tools.TenantTest.ping";

async fn code_for(
    sb: &setup_sandbox::SandboxHandle,
    ws: &str,
    challenge: &str,
) -> (Callback, Params) {
    let cb = Callback::start("/core1/callback").await;
    let out = robot(&core1_authorize_url(sb, ws, &cb.url, "st", challenge)).await;
    assert!(out.reached_callback, "{out:?}");
    let q = cb.last();
    (cb, q)
}

#[tokio::test]
async fn known_workspace_answers_unknown_is_404_everywhere() {
    let sb = sandbox().await;
    let resp = client()
        .get(format!("{}/", sb.core1_workspace_url("practice")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.text().await.unwrap().contains("Practice Core1"));
    assert_eq!(
        client()
            .get(sb.core1_workspace_url("acme"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    for path in [
        "",
        "/",
        "/Actindo.CoreModules.Auth.OAuth2.authorize",
        "/login",
    ] {
        let r = client()
            .get(format!("{}{path}", sb.core1_workspace_url("nosuch")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
    let r = client()
        .post(format!("{}/{PING}", sb.core1_workspace_url("nosuch")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[test]
fn loopback_redirects_per_rfc_8252() {
    let path = "/core1/callback";
    assert!(redirect_allowed(
        "http://127.0.0.1:5000/core1/callback",
        path
    ));
    assert!(redirect_allowed(
        "http://127.0.0.1:65535/core1/callback",
        path
    ));
    assert!(redirect_allowed("http://[::1]:5000/core1/callback", path));
    for bad in [
        "http://127.0.0.1/core1/callback",
        "http://localhost:5000/core1/callback",
        "https://127.0.0.1:5000/core1/callback",
        "http://127.0.0.1:5000/core1/callback/",
        "http://127.0.0.1:5000/other",
        "http://127.0.0.1:5000/core1/callback?x=1",
        "http://example.com:5000/core1/callback",
        "not a url",
    ] {
        assert!(!redirect_allowed(bad, path), "{bad}");
    }
}

#[tokio::test]
async fn authorize_refuses_unknown_client_and_bad_redirect_without_redirecting() {
    let sb = sandbox().await;
    let good = core1_authorize_url(
        &sb,
        "acme",
        "http://127.0.0.1:4242/core1/callback",
        "s",
        "c",
    );
    let bad_client = good.replace("client_id=core1_bigcommerce_setup", "client_id=other");
    let bad_redirect = good.replace("4242%2Fcore1%2Fcallback", "4242%2Fevil");
    for url in [bad_client, bad_redirect] {
        let r = client().get(&url).send().await.unwrap();
        assert_eq!(r.status(), 400, "{url}");
        assert!(r.headers().get("location").is_none());
    }
    // Not signed in: the login page first.
    let r = client().get(&good).send().await.unwrap();
    assert_eq!(r.status(), 302);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/core1/acme/login?next="));
}

#[tokio::test]
async fn wrong_core1_password_stops_the_robot() {
    let sb = sandbox().await;
    let opts = RobotOptions {
        core1_password: "wrong".into(),
        ..RobotOptions::default()
    };
    let url = core1_authorize_url(
        &sb,
        "acme",
        "http://127.0.0.1:4242/core1/callback",
        "s",
        "c",
    );
    let err = robot::run(&url, &opts).await.unwrap_err();
    assert!(matches!(err, Error::LoginRejected(_)), "{err}");
}

#[tokio::test]
async fn cancel_gives_access_denied_with_state() {
    let sb = sandbox().await;
    let cb = Callback::start("/core1/callback").await;
    let opts = RobotOptions {
        action: RobotAction::Cancel,
        ..RobotOptions::default()
    };
    let out = robot::run(
        &core1_authorize_url(&sb, "acme", &cb.url, "st-c", "ch"),
        &opts,
    )
    .await
    .unwrap();
    assert!(out.reached_callback);
    let q = cb.last();
    assert_eq!(q["error"], "access_denied");
    assert_eq!(q["state"], "st-c");
    assert!(!q.contains_key("code"));
}

#[tokio::test]
async fn code_grant_negatives() {
    let sb = sandbox().await;
    let (verifier, challenge) = pkce();
    let (cb, q) = code_for(&sb, "acme", &challenge).await;
    let cid = CORE1_CLIENT_ID.to_owned();
    // Wrong client: 401 invalid_client.
    let (s, e) = core1_token_request(
        &sb,
        "acme",
        &[
            ("grant_type", "authorization_code"),
            ("code", &q["code"]),
            ("redirect_uri", &cb.url),
            ("client_id", "other"),
            ("code_verifier", &verifier),
        ],
    )
    .await;
    assert_eq!((s, e["error"].as_str().unwrap()), (401, "invalid_client"));
    assert!(e["error_description"].is_string());
    // PKCE mismatch: invalid_grant (and the code is spent).
    let (s, e) = core1_token_request(
        &sb,
        "acme",
        &[
            ("grant_type", "authorization_code"),
            ("code", &q["code"]),
            ("redirect_uri", &cb.url),
            ("client_id", &cid),
            ("client_secret", SECRET),
            (
                "code_verifier",
                "wrong-verifier-wrong-verifier-wrong-verifier",
            ),
        ],
    )
    .await;
    assert_eq!((s, e["error"].as_str().unwrap()), (400, "invalid_grant"));
    let (s, e) = core1_token_request(
        &sb,
        "acme",
        &[
            ("grant_type", "authorization_code"),
            ("code", &q["code"]),
            ("redirect_uri", &cb.url),
            ("client_id", &cid),
            ("client_secret", SECRET),
            ("code_verifier", &verifier),
        ],
    )
    .await;
    assert_eq!(
        (s, e["error"].as_str().unwrap()),
        (400, "invalid_grant"),
        "reused code"
    );

    // redirect_uri must be the one used to authorize.
    let (cb, q) = code_for(&sb, "acme", &challenge).await;
    let other = cb.url.replace("/core1/callback", "/core1/callback2");
    let (s, e) = core1_token_request(
        &sb,
        "acme",
        &[
            ("grant_type", "authorization_code"),
            ("code", &q["code"]),
            ("redirect_uri", &other),
            ("client_id", &cid),
            ("client_secret", SECRET),
            ("code_verifier", &verifier),
        ],
    )
    .await;
    assert_eq!((s, e["error"].as_str().unwrap()), (400, "invalid_grant"));

    // A code of one workspace is unknown in another.
    let (cb, q) = code_for(&sb, "acme", &challenge).await;
    let (s, _) = core1_token_request(
        &sb,
        "practice",
        &[
            ("grant_type", "authorization_code"),
            ("code", &q["code"]),
            ("redirect_uri", &cb.url),
            ("client_id", &cid),
            ("client_secret", SECRET),
            ("code_verifier", &verifier),
        ],
    )
    .await;
    assert_eq!(s, 400);

    // Grant type checks.
    let (s, e) = core1_token_request(
        &sb,
        "acme",
        &[
            ("grant_type", "password"),
            ("client_id", &cid),
            ("client_secret", SECRET),
        ],
    )
    .await;
    assert_eq!(
        (s, e["error"].as_str().unwrap()),
        (400, "unsupported_grant_type")
    );
    let (s, e) = core1_token_request(
        &sb,
        "acme",
        &[("client_id", &cid), ("client_secret", SECRET)],
    )
    .await;
    assert_eq!((s, e["error"].as_str().unwrap()), (400, "invalid_request"));
    assert!(sb.issued_secrets().contains(&verifier));
}

#[tokio::test]
async fn refresh_rotates_and_rejects_the_replayed_old_token() {
    let sb = sandbox().await;
    let first = core1_sign_in(&sb, "acme").await;
    let cid = CORE1_CLIENT_ID.to_owned();
    let old = first["refresh_token"].as_str().unwrap();
    let (s, second) = core1_token_request(
        &sb,
        "acme",
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", old),
            ("client_id", &cid),
            ("client_secret", SECRET),
        ],
    )
    .await;
    assert_eq!(s, 200, "{second}");
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_ne!(second["access_token"], first["access_token"]);
    let (_, ping) = core1_call(
        &sb,
        "acme",
        PING,
        second["access_token"].as_str().unwrap(),
        json!({}),
    )
    .await;
    assert_eq!(ping["success"], true);
    // Replay of the old refresh token.
    let (s, e) = core1_token_request(
        &sb,
        "acme",
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", old),
            ("client_id", &cid),
            ("client_secret", SECRET),
        ],
    )
    .await;
    assert_eq!((s, e["error"].as_str().unwrap()), (400, "invalid_grant"));
    // The new one still works once.
    let new = second["refresh_token"].as_str().unwrap();
    let (s, _) = core1_token_request(
        &sb,
        "acme",
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", new),
            ("client_id", &cid),
            ("client_secret", SECRET),
        ],
    )
    .await;
    assert_eq!(s, 200);
    let secrets = sb.issued_secrets();
    for t in [
        &first["access_token"],
        &first["refresh_token"],
        &second["access_token"],
        &second["refresh_token"],
    ] {
        assert!(secrets.contains(&t.as_str().unwrap().to_owned()));
    }
}

#[tokio::test]
async fn expiry_of_access_and_refresh_tokens_is_configurable() {
    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    config.core1.access_token_lifetime = Duration::from_millis(80);
    config.core1.refresh_token_lifetime = Duration::from_millis(80);
    let sb = sandbox_with(config).await;
    let tokens = core1_sign_in(&sb, "acme").await;
    assert_eq!(tokens["expires_in"], 0, "whole seconds, rounded down");
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(
        core1_call(&sb, "acme", PING, access, json!({})).await.1["success"],
        true
    );
    tokio::time::sleep(Duration::from_millis(120)).await;
    assert_eq!(
        core1_call(&sb, "acme", PING, access, json!({})).await.1["errno"],
        10000
    );
    let cid = CORE1_CLIENT_ID.to_owned();
    let (s, e) = core1_token_request(
        &sb,
        "acme",
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
            ("client_id", &cid),
            ("client_secret", SECRET),
        ],
    )
    .await;
    assert_eq!((s, e["error"].as_str().unwrap()), (400, "invalid_grant"));
    assert!(e["error_description"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn the_client_must_present_its_secret() {
    let sb = sandbox().await;
    assert!(sb.issued_secrets().contains(&SECRET.to_owned()));
    let (verifier, challenge) = pkce();
    let (cb, q) = code_for(&sb, "acme", &challenge).await;
    let base = [
        ("grant_type", "authorization_code"),
        ("code", q["code"].as_str()),
        ("redirect_uri", cb.url.as_str()),
        ("client_id", CORE1_CLIENT_ID),
        ("code_verifier", verifier.as_str()),
    ];
    let (s, e) = core1_token_request(&sb, "acme", &base).await;
    assert_eq!((s, e["error"].as_str().unwrap()), (401, "invalid_client"));
    let mut wrong = base.to_vec();
    wrong.push(("client_secret", "not-the-secret"));
    let (s, e) = core1_token_request(&sb, "acme", &wrong).await;
    assert_eq!((s, e["error"].as_str().unwrap()), (401, "invalid_client"));
    let mut with_secret = base.to_vec();
    with_secret.push(("client_secret", SECRET));
    let (s, body) = core1_token_request(&sb, "acme", &with_secret).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["scope"], "profile");
}

#[tokio::test]
async fn token_responses_are_not_cached() {
    let sb = sandbox().await;
    let resp = client()
        .post(format!(
            "{}/Actindo.CoreModules.Auth.OAuth2Token.getAccessToken",
            sb.core1_workspace_url("acme")
        ))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", "x"),
            ("client_id", CORE1_CLIENT_ID),
            ("client_secret", SECRET),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(resp.headers()["cache-control"], "no-store");
}
