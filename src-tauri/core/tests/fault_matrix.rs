//! The fault matrix: the wizard engine against the sandbox with every sandbox fault at
//! every step that can meet it. For each row: what the user saw (an error code, a connection
//! error code, or "ok"), whether the documented next step after clearing the fault recovered,
//! and whether progress was kept (the view's step/store/workspace and the progress file).
//!
//! The test fails on a panic, a hang past the row's timeout, a lost step, an unrecovered row, or
//! an error code that is not in `Error::ALL_CODES` (every listed code's words say what to do:
//! the shell's locale test).
//! The table is printed (`cargo test --test fault_matrix -- --nocapture`) and written to
//! `target/fault-matrix.txt`.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{world_with, RobotBrowser, World};
use futures_util::StreamExt;
use setup_core::Error;
use setup_core::Phase;
use setup_core::RetryPolicy;
use setup_core::WorkspaceUrl;
use setup_core::{ConnectionHealth, ConnectionKey, Engine, EngineOptions, Event, PollConfig, Step};
use setup_sandbox::{Area, Fault, SandboxConfig};

/// Where in the flow a fault meets the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Road 3: sign in to BigCommerce in the browser with the profile's own app (install +
    /// consent, exchange, store check), then the connection is created.
    BcSignIn,
    /// Road 2: API path + access token, validated (store, time, access probes), then the
    /// connection is created (or updated) in Core1.
    ApiAccount,
    /// The workspace check.
    Workspace,
    /// Sign in to Core1 in the browser.
    Core1SignIn,
    /// Watch a created connection until it settles.
    Status,
    /// Road 2 and then watching the connection (faults that affect a connection run).
    ApiAccountStatus,
    /// Manage: the health check.
    Health,
    /// Manage: Synchronize now.
    Sync,
    /// Manage: Reconnect (BigCommerce sign-in again, key pushed to the connection).
    Reconnect,
    /// Manage: Enter access token manually.
    ManualKey,
}

impl At {
    fn name(self) -> &'static str {
        match self {
            At::BcSignIn => "bigcommerce sign-in",
            At::ApiAccount => "api account",
            At::Workspace => "workspace check",
            At::Core1SignIn => "core1 sign-in",
            At::Status => "status",
            At::ApiAccountStatus => "api account+status",
            At::Health => "manage: health",
            At::Sync => "manage: synchronize",
            At::Reconnect => "manage: reconnect",
            At::ManualKey => "manage: manual key",
        }
    }

    /// The step the engine is on when the action starts.
    fn step(self) -> Step {
        match self {
            At::BcSignIn | At::ApiAccount | At::ApiAccountStatus => Step::BigCommerce,
            At::Workspace => Step::Workspace,
            At::Core1SignIn => Step::Core1,
            At::Status => Step::Status,
            At::Health | At::Sync | At::Reconnect | At::ManualKey => Step::Manage,
        }
    }
}

struct Row {
    fault_name: &'static str,
    fault: Fault,
    count: Option<u32>,
    at: At,
    /// Core1 access tokens shorter than the client's refresh margin: every call refreshes.
    short_tokens: bool,
}

fn row(fault_name: &'static str, fault: Fault, at: At) -> Row {
    Row {
        fault_name,
        fault,
        count: None,
        at,
        short_tokens: false,
    }
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    let latency = || Fault::Latency {
        ms: 300,
        area: None,
    };
    for at in [
        At::BcSignIn,
        At::ApiAccount,
        At::Workspace,
        At::Core1SignIn,
        At::Status,
        At::Health,
        At::Reconnect,
    ] {
        rows.push(Row {
            count: Some(3),
            ..row("latency 300 ms ×3", latency(), at)
        });
    }
    let bc_login_5xx = || Fault::ServerError {
        status: 500,
        area: Some(Area::BcLogin),
        path_contains: Some("/oauth2/token".into()),
    };
    for at in [At::BcSignIn, At::Reconnect] {
        rows.push(row("500 bc-login token", bc_login_5xx(), at));
    }
    let bc_api_5xx = || Fault::ServerError {
        status: 503,
        area: Some(Area::BcApi),
        path_contains: None,
    };
    for at in [At::BcSignIn, At::ApiAccount, At::Health, At::ManualKey] {
        rows.push(row("503 bc-api", bc_api_5xx(), at));
    }
    rows.push(Row {
        count: Some(1),
        ..row("503 bc-api ×1", bc_api_5xx(), At::ApiAccount)
    });
    let core1_5xx = |path: Option<&str>| Fault::ServerError {
        status: 502,
        area: Some(Area::Core1),
        path_contains: path.map(str::to_owned),
    };
    for at in [
        At::Workspace,
        At::ApiAccount,
        At::Status,
        At::Health,
        At::Sync,
    ] {
        rows.push(row("502 core1", core1_5xx(None), at));
    }
    rows.push(row(
        "502 core1 token",
        core1_5xx(Some("getAccessToken")),
        At::Core1SignIn,
    ));
    rows.push(Row {
        count: Some(1),
        ..row("502 core1 ×1", core1_5xx(None), At::Status)
    });
    let tmr = |area, with_headers| Fault::TooManyRequests {
        area: Some(area),
        with_headers,
        retry_after_s: None,
        reset_ms: 50,
    };
    for at in [At::BcSignIn, At::ApiAccount, At::Health, At::ManualKey] {
        rows.push(row("429 bc-api + headers", tmr(Area::BcApi, true), at));
        rows.push(row("429 bc-api no headers", tmr(Area::BcApi, false), at));
    }
    for at in [At::Workspace, At::ApiAccount] {
        rows.push(row("429 core1 + headers", tmr(Area::Core1, true), at));
        rows.push(row("429 core1 no headers", tmr(Area::Core1, false), at));
    }
    let frozen = || Fault::Frozen {
        workspace: "practice".into(),
    };
    for at in [
        At::Workspace,
        At::Core1SignIn,
        At::ApiAccount,
        At::Status,
        At::Health,
        At::Sync,
    ] {
        rows.push(row("530 frozen", frozen(), at));
    }
    let drop = |area, path: Option<&str>| Fault::DropConnection {
        area: Some(area),
        path_contains: path.map(str::to_owned),
    };
    rows.push(row(
        "drop bc-login token",
        drop(Area::BcLogin, Some("/oauth2/token")),
        At::BcSignIn,
    ));
    for at in [At::ApiAccount, At::Health] {
        rows.push(row("drop bc-api", drop(Area::BcApi, None), at));
    }
    for at in [At::Workspace, At::ApiAccount, At::Status, At::Sync] {
        rows.push(row("drop core1", drop(Area::Core1, None), at));
    }
    rows.push(row(
        "drop core1 token",
        drop(Area::Core1, Some("getAccessToken")),
        At::Core1SignIn,
    ));
    let slow = |area| Fault::SlowBody {
        area: Some(area),
        chunk_delay_ms: 2,
        chunk_bytes: 64,
    };
    for at in [At::ApiAccount, At::Health] {
        rows.push(row("slow body bc-api", slow(Area::BcApi), at));
    }
    for at in [At::Workspace, At::ApiAccount, At::Status] {
        rows.push(row("slow body core1", slow(Area::Core1), at));
    }
    // A hostile or broken server: an endless body (streamed, or announced as 1 TiB).
    let endless = |area, path: Option<&str>, announced: bool| Fault::EndlessBody {
        area: Some(area),
        path_contains: path.map(str::to_owned),
        declared_length: announced.then_some(1 << 40),
        chunk_bytes: if announced { 0 } else { 64 * 1024 },
        chunk_delay_ms: 1,
    };
    rows.push(row(
        "endless body bc token",
        endless(Area::BcLogin, Some("/oauth2/token"), false),
        At::BcSignIn,
    ));
    for at in [At::ApiAccount, At::Health, At::ManualKey] {
        rows.push(row(
            "endless body bc-api",
            endless(Area::BcApi, None, false),
            at,
        ));
    }
    rows.push(row(
        "1 TiB announced bc-api",
        endless(Area::BcApi, None, true),
        At::ApiAccount,
    ));
    for at in [At::ApiAccount, At::Status, At::Sync] {
        rows.push(row(
            "endless body core1",
            endless(Area::Core1, Some("Channels"), false),
            at,
        ));
    }
    rows.push(row(
        "endless body core1 token",
        endless(Area::Core1, Some("getAccessToken"), false),
        At::Core1SignIn,
    ));
    rows.push(row(
        "1 TiB announced core1",
        endless(Area::Core1, Some("Channels"), true),
        At::Health,
    ));
    rows.push(row(
        "consent denied bc",
        Fault::ConsentDenied {
            area: Some(Area::BcLogin),
        },
        At::BcSignIn,
    ));
    rows.push(row(
        "consent denied bc",
        Fault::ConsentDenied {
            area: Some(Area::BcLogin),
        },
        At::Reconnect,
    ));
    rows.push(row(
        "consent denied core1",
        Fault::ConsentDenied {
            area: Some(Area::Core1),
        },
        At::Core1SignIn,
    ));
    for (name, area, at) in [
        ("wrong state bc", Area::BcLogin, At::BcSignIn),
        ("wrong state bc", Area::BcLogin, At::Reconnect),
        ("wrong state core1", Area::Core1, At::Core1SignIn),
    ] {
        rows.push(row(name, Fault::WrongState { area: Some(area) }, at));
    }
    for (name, area, at) in [
        ("missing state bc", Area::BcLogin, At::BcSignIn),
        ("missing state core1", Area::Core1, At::Core1SignIn),
    ] {
        rows.push(row(name, Fault::MissingState { area: Some(area) }, at));
    }
    let revoked = || Fault::RevokedBcToken { store_hash: None };
    for at in [
        At::BcSignIn,
        At::ApiAccount,
        At::Health,
        At::ManualKey,
        At::Reconnect,
    ] {
        rows.push(row("revoked bc token", revoked(), at));
    }
    for at in [At::ApiAccount, At::Status, At::Health, At::Sync] {
        rows.push(Row {
            short_tokens: true,
            ..row(
                "expired refresh token",
                Fault::ExpiredRefreshToken { workspace: None },
                at,
            )
        });
    }
    for at in [At::ApiAccount, At::Sync] {
        rows.push(Row {
            short_tokens: true,
            ..row(
                "replayed refresh token",
                Fault::ReplayedRefreshToken { workspace: None },
                at,
            )
        });
    }
    for at in [At::ApiAccountStatus, At::Sync] {
        rows.push(row(
            "sync fails halfway",
            Fault::SyncFailsHalfway { workspace: None },
            at,
        ));
        rows.push(row(
            "credentials rejected",
            Fault::CredentialsRejected { workspace: None },
            at,
        ));
    }
    rows
}

/// What road 2 is given (only the store hash in it matters; the host is the profile's).
const API_PATH: &str = "https://api.bigcommerce.com/stores/abc123/v3/";

/// What one row found.
struct Outcome {
    saw: String,
    recovered: bool,
    kept: bool,
    problems: Vec<String>,
}

/// The per-row fixture: a sandbox of its own, an engine on a data dir of its own.
struct Fixture {
    w: World,
    engine: Engine,
    browser: RobotBrowser,
    dir: tempfile::TempDir,
    /// A second valid store key (for the API-account road and manual keys).
    spare_token: String,
    connection_key: Option<ConnectionKey>,
}

fn poll() -> PollConfig {
    PollConfig {
        first: Duration::from_millis(20),
        max: Duration::from_millis(100),
        give_up_after: Duration::from_secs(2),
        connector: Duration::from_millis(50),
    }
}

fn nothing(_: Event) {}

async fn fixture(r: &Row) -> Fixture {
    let mut config = SandboxConfig::fast(Duration::from_millis(20));
    if r.short_tokens {
        config.core1.access_token_lifetime = Duration::from_secs(30);
    }
    let mut w = world_with(config).await;
    // Sign-ins whose callback is refused end by this timeout.
    w.profile.signin_timeout = Duration::from_millis(1500);
    w.profile.request_timeout = Duration::from_secs(3);
    let dir = tempfile::tempdir().unwrap();
    let browser = RobotBrowser::confirming();
    // Session-only secrets: the matrix is about the network and the flow; with 6 rows at once
    // a real gnome-keyring serialises every token write and dominates the run (80 s vs 6 s).
    // The keyring itself is tested in keyring*.rs, and the leak test uses it.
    let store = setup_core::SecretStore::session_only(None);
    let engine = Engine::open_with(
        w.profile.clone(),
        dir.path(),
        store,
        Arc::new(browser.clone()),
        EngineOptions::timing(RetryPolicy::fast(), poll()),
    )
    .await
    .unwrap();
    let spare = common::store_token(&w).await.expose().to_owned();
    let mut f = Fixture {
        w,
        engine,
        browser,
        dir,
        spare_token: spare,
        connection_key: None,
    };
    let target = r.at.step();
    let e = &f.engine;
    e.welcome_begin().await.unwrap();
    if target == Step::Workspace {
        return f;
    }
    e.workspace_set("practice").await.unwrap();
    if target == Step::Core1 {
        return f;
    }
    e.core1_sign_in(&nothing).await.unwrap();
    if target == Step::BigCommerce {
        return f;
    }
    e.store_api_account_use(API_PATH, &f.spare_token, &nothing)
        .await
        .unwrap();
    f.connection_key = e.wizard_view().await.connection_key;
    if target == Step::Status {
        return f;
    }
    let v = e.status_watch(&nothing).await.unwrap();
    assert_eq!(v.connection.unwrap().phase, Phase::Active);
    e.status_finish().await.unwrap();
    assert_eq!(e.wizard_view().await.step, Step::Manage);
    f
}

/// step, store, workspace, known connections: of the view and of the progress file.
type Snapshot = (serde_json::Value, serde_json::Value);

async fn snapshot(engine: &Engine, dir: &Path) -> Snapshot {
    let v = serde_json::to_value(engine.wizard_view().await).unwrap();
    let view = serde_json::json!([v["step"], v["store"], v["workspace"], v["knownConnections"]]);
    let file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("progress.json")).expect("progress file readable"),
    )
    .expect("progress file intact");
    let file = serde_json::json!([
        file["step"],
        file["store"],
        file["workspace"],
        file["known"].as_array().map(|k| k.len())
    ]);
    (view, file)
}

/// Checks an error the user meets: a listed code (whose words, with the next step, the locale
/// test of the shell checks in English and German).
fn check_error(e: &Error, problems: &mut Vec<String>) -> String {
    let code = e.code();
    if !Error::ALL_CODES.contains(&code) {
        problems.push(format!("code {code} is not in Error::ALL_CODES"));
    }
    code.to_owned()
}

fn health_outcome(h: &[ConnectionHealth]) -> (String, bool) {
    let Some(h) = h.first() else {
        return ("no connection".into(), false);
    };
    if !h.needs_attention {
        return ("ok".into(), true);
    }
    let v = serde_json::to_value(h).unwrap();
    let mut saw = format!(
        "attention: store {} core1 {}",
        v["storeAccess"].as_str().unwrap_or("?"),
        v["core1"].as_str().unwrap_or("?")
    );
    for code in [h.store_code, h.core1_code].into_iter().flatten() {
        saw.push_str(&format!(" ({code})"));
    }
    (saw, false)
}

/// The fixture's connection, or one this computer does not know (a row before Status).
fn key_of(f: &Fixture) -> ConnectionKey {
    f.connection_key.clone().unwrap_or_else(|| ConnectionKey {
        workspace: WorkspaceUrl::parse("practice", &f.engine.profile().core1.workspace).unwrap(),
        id: 0,
    })
}

/// Runs the row's action once; `Ok(saw)` when the action did what it should (`saw` = "ok" or a
/// connection/health state), `Err(code)` otherwise.
async fn act(f: &Fixture, at: At, problems: &mut Vec<String>) -> Result<String, String> {
    let e = &f.engine;
    let key = &key_of(f);
    let err = |e: Error, problems: &mut Vec<String>| Err(check_error(&e, problems));
    match at {
        At::BcSignIn => match e.store_own_app_sign_in(&nothing).await {
            Ok(v) if v.step == Step::Status => Ok("ok".into()),
            Ok(v) => Ok(format!("ok but on {:?}", v.step)),
            Err(x) => err(x, problems),
        },
        At::ApiAccount => match e
            .store_api_account_use(API_PATH, &f.spare_token, &nothing)
            .await
        {
            Ok(v) if v.step == Step::Status => Ok("ok".into()),
            Ok(v) => Ok(format!("ok but on {:?}", v.step)),
            Err(x) => err(x, problems),
        },
        At::Workspace => match e.workspace_set("practice").await {
            Ok(v) if v.step == Step::Core1 => Ok("ok".into()),
            Ok(v) => Ok(format!("ok but on {:?}", v.step)),
            Err(x) => err(x, problems),
        },
        At::Core1SignIn => match e.core1_sign_in(&nothing).await {
            Ok(v) if v.step == Step::BigCommerce => Ok("ok".into()),
            Ok(v) => Ok(format!("ok but on {:?}", v.step)),
            Err(x) => err(x, problems),
        },
        At::Status | At::ApiAccountStatus => {
            if at == At::ApiAccountStatus {
                if let Err(x) = e
                    .store_api_account_use(API_PATH, &f.spare_token, &nothing)
                    .await
                {
                    return err(x, problems);
                }
            }
            match e.status_watch(&nothing).await {
                Ok(v) => status_outcome(&v.connection, problems),
                Err(x) => err(x, problems),
            }
        }
        At::Health => {
            let (saw, good) = health_outcome(&e.manage_health().await);
            if good {
                Ok(saw)
            } else {
                Err(saw)
            }
        }
        At::Sync => match e.manage_synchronize(key).await {
            Ok(_) => match settled_health(e).await {
                (saw, true) => Ok(saw),
                (saw, false) => Err(saw),
            },
            Err(x) => err(x, problems),
        },
        At::Reconnect => match e.manage_reconnect(key, &nothing).await {
            Ok(h) if !h.needs_attention => Ok("ok".into()),
            Ok(h) => Err(health_outcome(&[h]).0),
            Err(x) => err(x, problems),
        },
        At::ManualKey => match e.manage_set_access_key(key, &f.spare_token).await {
            Ok(h) if !h.needs_attention => Ok("ok".into()),
            Ok(h) => Err(health_outcome(&[h]).0),
            Err(x) => err(x, problems),
        },
    }
}

/// Manage's view once the connection's run has settled: (what it shows, all good).
async fn settled_health(e: &Engine) -> (String, bool) {
    for _ in 0..100 {
        let h = e.manage_health().await;
        let working = h
            .first()
            .and_then(|h| h.connection.as_ref())
            .is_some_and(|c| !matches!(c.phase, Phase::Active | Phase::Failed | Phase::Disabled));
        if !working {
            if let Some(code) = h
                .first()
                .and_then(|h| h.connection.as_ref())
                .and_then(|c| c.error_code.clone())
            {
                return (format!("connection {code}"), false);
            }
            return health_outcome(&h);
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    ("still working".into(), false)
}

fn status_outcome(
    c: &Option<setup_core::ConnectionStatus>,
    problems: &mut Vec<String>,
) -> Result<String, String> {
    let Some(c) = c else {
        return Err("no connection shown".into());
    };
    match c.phase {
        Phase::Active => Ok("ok".into()),
        _ => {
            let code = c.error_code.clone().unwrap_or_else(|| "none".into());
            if c.error_message
                .as_deref()
                .is_none_or(|m| m.trim().is_empty())
            {
                problems.push(format!("connection error {code} without a message"));
            }
            Err(format!("connection {code}"))
        }
    }
}

/// After the fault is cleared: the documented next step for what the user saw.
async fn recover(f: &Fixture, at: At, saw: &str, problems: &mut Vec<String>) -> bool {
    let e = &f.engine;
    let mut scratch = Vec::new();
    let key = key_of(f);
    let result = if saw == "core1_signin_required" || saw.contains("sign_in_needed") {
        // "Sign in to Core1 again."
        match at {
            At::ApiAccount | At::BcSignIn => {
                // Back to the workspace, which asks for the Core1 sign-in again.
                e.wizard_back().await.unwrap();
                let again = e.workspace_set("practice").await.is_ok()
                    && e.core1_sign_in(&nothing).await.is_ok();
                again && act(f, at, &mut scratch).await.is_ok()
            }
            _ => {
                let ok = e.manage_core1_sign_in(&key, &nothing).await.is_ok();
                ok && act(f, at, &mut scratch).await.is_ok()
            }
        }
    } else if saw.contains("credentials_rejected") {
        // "Reconnect the store or enter a new access token": a manual key, then the run.
        let key = e.wizard_view().await.connection_key.unwrap_or(key);
        match e.manage_set_access_key(&key, &f.spare_token).await {
            Ok(_) => settled_health(e).await.1,
            Err(x) => {
                scratch.push(x.code().to_owned());
                false
            }
        }
    } else if saw.starts_with("connection ") && matches!(at, At::Status | At::ApiAccountStatus) {
        // A failed connection run: "try again" on the Status screen.
        match e.status_retry(&nothing).await {
            Ok(v) => status_outcome(&v.connection, &mut scratch).is_ok(),
            Err(_) => false,
        }
    } else if at == At::ApiAccountStatus {
        // The connection may have been created before the fault hit: watch (or create) again.
        if e.wizard_view().await.step == Step::Status {
            matches!(e.status_watch(&nothing).await, Ok(v) if status_outcome(&v.connection, &mut scratch).is_ok())
        } else {
            act(f, at, &mut scratch).await.is_ok()
        }
    } else {
        act(f, at, &mut scratch).await.is_ok()
    };
    if !result {
        problems.push(format!("after clearing: {scratch:?}"));
    }
    result
}

async fn run_row(r: Row) -> Outcome {
    let f = fixture(&r).await;
    let before = snapshot(&f.engine, f.dir.path()).await;
    f.w.sandbox.set_fault(r.fault.clone(), r.count);
    let mut problems = Vec::new();
    let first = act(&f, r.at, &mut problems).await;
    let after = snapshot(&f.engine, f.dir.path()).await;
    let (saw, advanced) = match &first {
        Ok(s) => (s.clone(), true),
        Err(s) => (s.clone(), false),
    };
    // Progress kept: where the action failed nothing moved; where it went through, the step
    // moved on as it should (checked in `act`) and the file follows the view.
    let kept = if advanced {
        let v = serde_json::to_value(f.engine.wizard_view().await).unwrap();
        after.1[0] == v["step"] && !saw.contains("but on")
    } else {
        after == before
            || (matches!(r.at, At::ApiAccountStatus) && after.0[0] == serde_json::json!("status"))
    };
    if !kept {
        problems.push(format!("progress changed: {before:?} → {after:?}"));
    }
    if matches!(
        r.fault,
        Fault::WrongState { .. } | Fault::MissingState { .. }
    ) {
        // The forged callback got the "still waiting" page; the sign-in ended by timeout.
        let last = f.browser.runs.lock().unwrap().pop();
        if let Some(run) = last {
            match run.await {
                Ok(Ok(out)) if out.reached_callback && out.status == 400 => {}
                other => problems.push(format!("forged callback: {other:?}")),
            }
        }
    }
    f.w.sandbox.clear_faults();
    let recovered = if advanced && r.at != At::ApiAccountStatus {
        true
    } else {
        recover(&f, r.at, &saw, &mut problems).await
    };
    if !recovered {
        problems.push("no recovery after the fault was cleared".into());
    }
    f.w.sandbox.stop();
    Outcome {
        saw,
        recovered,
        kept,
        problems,
    }
}

fn table_path() -> PathBuf {
    // tests run in the crate directory; the workspace's target dir is two levels up.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.join("../../target/fault-matrix.txt")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_matrix() {
    let rows = rows();
    let kinds: std::collections::HashSet<&str> = rows
        .iter()
        .map(|r| {
            serde_json::to_value(&r.fault).unwrap()["kind"]
                .as_str()
                .map(|s| Box::leak(s.to_owned().into_boxed_str()) as &str)
                .unwrap()
        })
        .collect();
    let names: std::collections::HashSet<&str> = rows.iter().map(|r| r.fault_name).collect();
    let row_timeout = Duration::from_secs(20);
    let results = Arc::new(Mutex::new(Vec::new()));
    let started = std::time::Instant::now();
    let meta: Vec<(String, &'static str)> = rows
        .iter()
        .map(|r| (r.fault_name.to_owned(), r.at.name()))
        .collect();
    futures_util::stream::iter(rows.into_iter().enumerate())
        .for_each_concurrent(6, |(i, r)| {
            let results = results.clone();
            async move {
                let t = std::time::Instant::now();
                let out = match tokio::time::timeout(row_timeout, tokio::spawn(run_row(r))).await {
                    Err(_) => Err("HANG (timeout)".to_owned()),
                    Ok(Err(join)) => Err(format!("PANIC: {join}")),
                    Ok(Ok(o)) => Ok(o),
                };
                results
                    .lock()
                    .unwrap()
                    .push((i, out, t.elapsed().as_millis()));
            }
        })
        .await;
    let mut results = std::mem::take(&mut *results.lock().unwrap());
    results.sort_by_key(|r| r.0);

    let mut table = String::new();
    let mut failures = Vec::new();
    let mut recovered = 0;
    table.push_str(&format!(
        "{:<26} {:<22} {:<52} {:<9} {:<5} {:>6}\n",
        "fault", "step", "user saw", "recovered", "kept", "ms"
    ));
    for (i, out, ms) in &results {
        let (fault, step) = &meta[*i];
        match out {
            Ok(o) => {
                if o.recovered {
                    recovered += 1;
                }
                table.push_str(&format!(
                    "{:<26} {:<22} {:<52} {:<9} {:<5} {:>6}\n",
                    fault,
                    step,
                    o.saw,
                    if o.recovered { "yes" } else { "NO" },
                    if o.kept { "yes" } else { "NO" },
                    ms
                ));
                for p in &o.problems {
                    failures.push(format!("{fault} @ {step}: {p}"));
                }
            }
            Err(what) => {
                table.push_str(&format!("{fault:<26} {step:<22} {what}\n"));
                failures.push(format!("{fault} @ {step}: {what}"));
            }
        }
    }
    table.push_str(&format!(
        "\n{} rows, {} distinct faults ({} sandbox fault kinds), {} recovered, {} problems, {:.1} s\n",
        results.len(),
        names.len(),
        kinds.len(),
        recovered,
        failures.len(),
        started.elapsed().as_secs_f64()
    ));
    println!("{table}");
    let path = table_path();
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(&path, &table);
    assert!(names.len() >= 15, "at least 15 distinct faults");
    assert!(kinds.len() >= 14, "every sandbox fault kind is used");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
