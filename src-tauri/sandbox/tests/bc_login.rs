//! BigCommerce login host: login page, install link, authorize, consent, Cancel.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use setup_sandbox::robot::{self, RobotAction, RobotOptions};

fn authorize_url(
    sb: &setup_sandbox::SandboxHandle,
    redirect: &str,
    extra: &[(&str, &str)],
) -> String {
    let mut q = vec![
        ("response_type", "code"),
        ("client_id", sb.config().bigcommerce.app.client_id.as_str()),
        ("redirect_uri", redirect),
    ];
    q.extend_from_slice(extra);
    format!(
        "{}/oauth2/authorize?{}",
        sb.bc_login_base(),
        serde_urlencoded::to_string(q).unwrap()
    )
}

#[tokio::test]
async fn login_page_is_labelled_and_has_stable_ids() {
    let sb = sandbox().await;
    let resp = client()
        .get(format!("{}/login", sb.bc_login_base()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    assert_eq!(resp.headers()["referrer-policy"], "no-referrer");
    let html = resp.text().await.unwrap();
    for needle in [
        "Practice BigCommerce",
        "id=\"login-form\"",
        "name=\"email\"",
        "name=\"password\"",
        "id=\"login-submit\"",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no third-party resources"
    );
}

#[tokio::test]
async fn wrong_password_rerenders_with_a_message_and_no_session() {
    let sb = sandbox().await;
    let resp = client()
        .post(format!("{}/login", sb.bc_login_base()))
        .form(&[
            ("email", "merchant@example.com"),
            ("password", "nope"),
            ("next", "/bc-login/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    assert!(resp.headers().get("set-cookie").is_none());
    let html = resp.text().await.unwrap();
    assert!(html.contains("id=\"login-error\""));
    assert!(html.contains("do not match"));
    assert!(
        html.contains("value=\"merchant@example.com\""),
        "email kept"
    );
}

#[tokio::test]
async fn right_password_sets_a_session_and_follows_next() {
    let sb = sandbox().await;
    let resp = client()
        .post(format!("{}/login", sb.bc_login_base()))
        .form(&[
            ("email", "merchant@example.com"),
            ("password", "practice-password"),
            ("next", "/bc-login/app/x/install"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
    assert_eq!(resp.headers()["location"], "/bc-login/app/x/install");
    let cookie = resp.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("bc_session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("Path=/bc-login")
    );
    // An off-site `next` is not followed.
    let resp = client()
        .post(format!("{}/login", sb.bc_login_base()))
        .form(&[
            ("email", "merchant@example.com"),
            ("password", "practice-password"),
            ("next", "https://evil.example/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["location"], "/bc-login/");
}

#[tokio::test]
async fn install_link_asks_to_log_in_then_shows_scopes_in_words() {
    let sb = sandbox().await;
    let resp = client().get(sb.bc_install_url()).send().await.unwrap();
    assert_eq!(resp.status(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/bc-login/login?next="), "{location}");
    let unknown = client()
        .get(format!("{}/app/not-our-app/install", sb.bc_login_base()))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);

    // With a session (cookie jar), the consent page lists the access in words.
    let jar = reqwest::Client::builder()
        .cookie_store(true)
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    jar.post(format!("{}/login", sb.bc_login_base()))
        .form(&[
            ("email", "merchant@example.com"),
            ("password", "practice-password"),
            ("next", "/bc-login/"),
        ])
        .send()
        .await
        .unwrap();
    let html = jar
        .get(sb.bc_install_url())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"consent-form\""));
    assert!(html.contains("id=\"confirm\"") && html.contains("id=\"cancel\""));
    assert!(
        html.contains("See your store&#x27;s information")
            || html.contains("See your store's information"),
        "{html}"
    );
    assert!(html.contains("See and change your products"));
    assert!(html.contains("Practice Store"));
}

#[tokio::test]
async fn authorize_with_state_and_pkce_passes_state_back() {
    let (sb, cb) = bc_world().await;
    let (verifier, challenge) = pkce();
    let url = authorize_url(
        &sb,
        &cb.url,
        &[
            ("state", "xyz-1"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
            ("scope", "store_v2_information_read_only store_v2_products"),
        ],
    );
    let out = robot(&url).await;
    assert!(out.reached_callback);
    assert_eq!(out.text, "You can close this tab.");
    let q = cb.last();
    assert_eq!(q["state"], "xyz-1");
    assert_eq!(
        q["scope"],
        "store_v2_information_read_only store_v2_products"
    );
    let mut body = bc_token_body(&sb, &cb, &q);
    body["code_verifier"] = verifier.clone().into();
    let (status, token) = bc_token_request(&sb, &body).await;
    assert_eq!(status, 200, "{token}");
    assert!(sb.issued_secrets().contains(&verifier), "verifier recorded");
}

#[tokio::test]
async fn authorize_rejects_a_redirect_uri_that_is_not_the_registered_one() {
    let (sb, cb) = bc_world().await;
    for bad in [
        format!("{}/", cb.url),
        cb.url.replace("127.0.0.1", "localhost"),
        "http://127.0.0.1:1/bigcommerce/callback".into(),
    ] {
        let resp = client()
            .get(authorize_url(&sb, &bad, &[]))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 400, "{bad}");
        assert!(resp.headers().get("location").is_none());
    }
    let url = format!(
        "{}/oauth2/authorize?response_type=code&client_id=someone-else&redirect_uri={}",
        sb.bc_login_base(),
        cb.url
    );
    assert_eq!(client().get(url).send().await.unwrap().status(), 400);
}

#[tokio::test]
async fn authorize_errors_after_a_valid_redirect_go_back_to_the_callback() {
    let (sb, cb) = bc_world().await;
    let resp = client()
        .get(authorize_url(
            &sb,
            &cb.url,
            &[("scope", "store_v2_everything"), ("state", "s9")],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
    let loc = url::Url::parse(resp.headers()["location"].to_str().unwrap()).unwrap();
    let q: Params = loc.query_pairs().into_owned().collect();
    assert_eq!(q["error"], "invalid_scope");
    assert_eq!(q["state"], "s9");

    let resp = client()
        .get(authorize_url(&sb, &cb.url, &[]).replace("response_type=code", "response_type=token"))
        .send()
        .await
        .unwrap();
    let loc = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(loc.contains("error=unsupported_response_type"), "{loc}");

    let url = authorize_url(
        &sb,
        &cb.url,
        &[
            ("code_challenge", "abc"),
            ("code_challenge_method", "plain"),
        ],
    );
    let resp = client().get(url).send().await.unwrap();
    let loc = url::Url::parse(resp.headers()["location"].to_str().unwrap()).unwrap();
    assert!(loc.query().unwrap().contains("error=invalid_request"));
}

#[tokio::test]
async fn cancel_redirects_with_access_denied_and_state() {
    let (sb, cb) = bc_world().await;
    let opts = RobotOptions {
        action: RobotAction::Cancel,
        ..RobotOptions::default()
    };
    let out = robot::run(&authorize_url(&sb, &cb.url, &[("state", "keep-me")]), &opts)
        .await
        .unwrap();
    assert!(out.reached_callback);
    let q = cb.last();
    assert_eq!(q["error"], "access_denied");
    assert!(q.contains_key("error_description"));
    assert_eq!(q["state"], "keep-me");
    assert!(!q.contains_key("code"));
}

#[tokio::test]
async fn consent_cannot_be_answered_without_the_session_that_saw_it() {
    let (sb, _cb) = bc_world().await;
    let resp = client()
        .post(format!("{}/consent", sb.bc_login_base()))
        .form(&[("request", "made-up"), ("action", "confirm")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}

#[tokio::test]
async fn callback_registered_at_run_time_is_used() {
    let sb = sandbox().await;
    assert_eq!(
        sb.bc_callback(),
        "http://127.0.0.1:53682/bigcommerce/callback"
    );
    let cb = Callback::start("/elsewhere").await;
    sb.register_bc_callback(&cb.url);
    let out = robot(&sb.bc_install_url()).await;
    assert!(out.reached_callback);
    assert!(out.final_url.ends_with("/elsewhere"));
    assert!(cb.last().contains_key("code"));
}
