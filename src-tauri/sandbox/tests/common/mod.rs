//! Shared test helpers: a real loopback "app callback" server, HTTP client, and full sign-ins.
#![allow(dead_code)]

use axum::extract::{Query, State};
use axum::routing::get;
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use setup_sandbox::config::Core1Registration;
use setup_sandbox::robot::{self, RobotOptions, RobotOutcome};
use setup_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub type Params = HashMap<String, String>;

/// Starts a sandbox with fast lifecycle phases (20 ms each).
pub async fn sandbox() -> SandboxHandle {
    sandbox_with(SandboxConfig::fast(Duration::from_millis(20))).await
}

/// Starts `config`; a world without Core1 app registrations gets the wizard's practice one,
/// made to accept any loopback port with its path (so each test's own callback server may use a
/// free port). The registration's own rules are tested in `core1_registrations.rs`.
pub async fn sandbox_with(mut config: SandboxConfig) -> SandboxHandle {
    if config.core1.registrations.is_empty() {
        let mut r = Core1Registration::practice("http://127.0.0.1:1/core1/callback");
        r.any_loopback_port = true;
        config.core1.registrations.push(r);
    }
    Sandbox::start(config).await.expect("sandbox starts")
}

/// The wizard's Application (client) ID and the practice registration's secret.
pub use setup_sandbox::config::{CORE1_CLIENT_ID, PRACTICE_CORE1_CLIENT_SECRET as SECRET};

/// An HTTP client that follows no redirects and uses no proxy.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// A real loopback listener standing in for the app's callback; records every query it gets.
pub struct Callback {
    pub url: String,
    pub hits: Arc<Mutex<Vec<Params>>>,
}

impl Callback {
    pub async fn start(path: &str) -> Self {
        let hits: Arc<Mutex<Vec<Params>>> = Arc::default();
        let app = Router::new()
            .route(
                path,
                get(
                    |State(h): State<Arc<Mutex<Vec<Params>>>>, Query(q): Query<Params>| async move {
                        h.lock().expect("lock").push(q);
                        "You can close this tab."
                    },
                ),
            )
            .with_state(hits.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind callback");
        let port = listener.local_addr().expect("addr").port();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            url: format!("http://127.0.0.1:{port}{path}"),
            hits,
        }
    }

    pub fn last(&self) -> Params {
        self.hits
            .lock()
            .expect("lock")
            .last()
            .cloned()
            .expect("the callback was hit")
    }
}

/// A sandbox whose BigCommerce app callback is a real listener.
pub async fn bc_world() -> (SandboxHandle, Callback) {
    let sb = sandbox().await;
    let cb = Callback::start("/bigcommerce/callback").await;
    sb.register_bc_callback(&cb.url);
    (sb, cb)
}

pub async fn robot(url: &str) -> RobotOutcome {
    robot::run(url, &RobotOptions::default())
        .await
        .expect("robot run")
}

/// PKCE pair (verifier, S256 challenge).
pub fn pkce() -> (String, String) {
    let verifier = format!("verifier-{}", rand_suffix());
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

pub fn rand_suffix() -> String {
    use rand::Rng;
    let n: u64 = rand::thread_rng().gen();
    format!("{n:016x}abcdefghijklmnop")
}

/// Installs through the install link with the robot; returns the callback's query.
pub async fn bc_install(sb: &SandboxHandle, cb: &Callback) -> Params {
    let out = robot(&sb.bc_install_url()).await;
    assert!(out.reached_callback, "robot reached the callback: {out:?}");
    assert_eq!(out.status, 200);
    cb.last()
}

/// Standard token request body for a callback's query.
pub fn bc_token_body(sb: &SandboxHandle, cb: &Callback, q: &Params) -> Value {
    let app = &sb.config().bigcommerce.app;
    serde_json::json!({
        "client_id": app.client_id,
        "client_secret": app.client_secret,
        "code": q["code"],
        "context": q["context"],
        "scope": q["scope"],
        "grant_type": "authorization_code",
        "redirect_uri": cb.url,
    })
}

pub async fn bc_token_request(sb: &SandboxHandle, body: &Value) -> (u16, Value) {
    let resp = client()
        .post(format!("{}/oauth2/token", sb.bc_login_base()))
        .json(body)
        .send()
        .await
        .expect("token call");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("json"))
}

/// A full install and token exchange: returns the store access token.
pub async fn bc_access_token(sb: &SandboxHandle, cb: &Callback) -> String {
    let q = bc_install(sb, cb).await;
    let (status, body) = bc_token_request(sb, &bc_token_body(sb, cb, &q)).await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().expect("token").to_owned()
}

pub async fn bc_get(
    sb: &SandboxHandle,
    hash: &str,
    resource: &str,
    token: &str,
) -> reqwest::Response {
    client()
        .get(format!("{}/stores/{hash}/v2/{resource}", sb.bc_api_base()))
        .header("X-Auth-Token", token)
        .header("Accept", "application/json")
        .send()
        .await
        .expect("api call")
}

/// The Core1 authorize URL for a callback, with state, nonce and PKCE.
pub fn core1_authorize_url(
    sb: &SandboxHandle,
    ws: &str,
    redirect: &str,
    state: &str,
    challenge: &str,
) -> String {
    let _ = sb;
    let q = serde_urlencoded::to_string([
        ("client_id", CORE1_CLIENT_ID),
        ("redirect_uri", redirect),
        ("scope", "profile"),
        ("response_type", "code"),
        ("state", state),
        ("nonce", "n-0S6_WzA2Mj"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ])
    .expect("query");
    format!(
        "{}/Actindo.CoreModules.Auth.OAuth2.authorize?{q}",
        sb.core1_workspace_url(ws)
    )
}

pub async fn core1_token_request(
    sb: &SandboxHandle,
    ws: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let resp = client()
        .post(format!(
            "{}/Actindo.CoreModules.Auth.OAuth2Token.getAccessToken",
            sb.core1_workspace_url(ws)
        ))
        .form(form)
        .send()
        .await
        .expect("token call");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("json"))
}

/// Full Core1 sign-in with the robot: returns the token response.
pub async fn core1_sign_in(sb: &SandboxHandle, ws: &str) -> Value {
    let cb = Callback::start("/core1/callback").await;
    let (verifier, challenge) = pkce();
    let out = robot(&core1_authorize_url(sb, ws, &cb.url, "st-1", &challenge)).await;
    assert!(out.reached_callback, "{out:?}");
    let q = cb.last();
    assert_eq!(q["state"], "st-1");
    let (status, body) = core1_token_request(
        sb,
        ws,
        &[
            ("grant_type", "authorization_code"),
            ("code", &q["code"]),
            ("redirect_uri", &cb.url),
            ("client_id", CORE1_CLIENT_ID),
            ("client_secret", SECRET),
            ("code_verifier", &verifier),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

/// POST a Core1 endpoint with JSON and a bearer token.
pub async fn core1_call(
    sb: &SandboxHandle,
    ws: &str,
    endpoint: &str,
    token: &str,
    body: Value,
) -> (u16, Value) {
    let resp = client()
        .post(format!("{}/{endpoint}", sb.core1_workspace_url(ws)))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("core1 call");
    let status = resp.status().as_u16();
    let text = resp.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Polls `get` until the connection reaches `phase` (or panics after 5 s).
pub async fn wait_phase(sb: &SandboxHandle, ws: &str, token: &str, id: i64, phase: &str) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let (_, body) = core1_call(
            sb,
            ws,
            "Actindo.Modules.Actindo.Channels.Connections.get",
            token,
            serde_json::json!({ "id": id }),
        )
        .await;
        if body["connection"]["phase"] == phase {
            return body["connection"].clone();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "connection never reached {phase}: {body}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A browser-like client (cookie jar, no redirects followed) signed in to the practice
/// BigCommerce as the seeded merchant.
pub async fn bc_browser(sb: &SandboxHandle) -> reqwest::Client {
    let jar = reqwest::Client::builder()
        .cookie_store(true)
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let resp = jar
        .post(format!("{}/login", sb.bc_login_base()))
        .form(&[
            ("email", "merchant@example.com"),
            ("password", "practice-password"),
            ("next", "/bc-login/"),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(resp.status(), 302, "signed in");
    jar
}

/// GET with a browser client: (status, Location header, body).
pub async fn browse(c: &reqwest::Client, url: &str) -> (u16, Option<String>, String) {
    let resp = c.get(url).send().await.expect("get");
    let status = resp.status().as_u16();
    let location = resp
        .headers()
        .get("location")
        .map(|v| v.to_str().expect("ascii").to_owned());
    (status, location, resp.text().await.expect("body"))
}

/// Robot options for road 1 into `workspace` (typed as the sandbox URL), with a fresh cookie
/// file and a step log under the temp dir.
pub fn road1_options(_sb: &SandboxHandle, workspace: &str) -> RobotOptions {
    let dir = std::env::temp_dir();
    RobotOptions {
        // What the connector's field (between `https://` and `.actindo.com`) takes: the name.
        workspace: Some(workspace.to_owned()),
        cookie_file: Some(dir.join(format!("robot-cookies-{}.json", rand_suffix()))),
        log_path: Some(dir.join(format!("robot-log-{}.txt", rand_suffix()))),
        ..RobotOptions::default()
    }
}

/// Polls the sandbox's view of a workspace until `pred` holds for one connection (5 s at most).
pub async fn wait_connection(
    sb: &SandboxHandle,
    ws: &str,
    what: &str,
    pred: impl Fn(&setup_sandbox::Connection) -> bool,
) -> setup_sandbox::Connection {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let list = sb.connections(ws).expect("workspace");
        if let Some(c) = list.iter().find(|c| pred(c)) {
            return c.clone();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no connection became {what}: {list:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A sandbox with a BigCommerce app token for `abc123` and a Core1 sign-in on `acme`: what the
/// Omni-Channel connection tests call with.
pub struct World {
    pub sb: SandboxHandle,
    pub bc_token: String,
    pub core1: String,
}

pub async fn world_with(config: SandboxConfig) -> World {
    let sb = sandbox_with(config).await;
    let cb = Callback::start("/bigcommerce/callback").await;
    sb.register_bc_callback(&cb.url);
    let bc_token = bc_access_token(&sb, &cb).await;
    let core1 = core1_sign_in(&sb, "acme").await["access_token"]
        .as_str()
        .expect("core1 token")
        .to_owned();
    World {
        sb,
        bc_token,
        core1,
    }
}

/// [`world_with`] with 20 ms lifecycle phases.
pub async fn world() -> World {
    world_with(SandboxConfig::fast(Duration::from_millis(20))).await
}

impl World {
    /// `Connections.{op}` on `acme`: HTTP 200 always; the envelope.
    pub async fn call(&self, op: &str, body: Value) -> Value {
        let endpoint = format!("Actindo.Modules.Actindo.Channels.Connections.{op}");
        let (status, v) = core1_call(&self.sb, "acme", &endpoint, &self.core1, body).await;
        assert_eq!(status, 200, "{op}: {v}");
        v
    }
}
