//! Prints figures for the core against the sandbox (no injected delay): the whole practice
//! flow, callback → store key stored, and CPU used while waiting for the browser.
//!
//! `cargo bench -p setup-core --bench practice_flow` (targets: flow ≤ 300 ms, callback → key
//! stored ≤ 20 ms, CPU while waiting ~0). Uses the OS keyring when one answers, else
//! session-only storage, and says which.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use setup_core::http::RetryPolicy;
use setup_core::wizard::{Engine, Event, PollConfig};
use setup_core::{BrowserOpener, Profile, SecretStore};
use setup_sandbox::robot::{self, RobotOptions};
use setup_sandbox::{Sandbox, SandboxConfig};
use url::Url;

/// Plays the browser in-process and notes when it has delivered the callback.
#[derive(Clone, Default)]
struct Robot {
    delivered: Arc<Mutex<Vec<Instant>>>,
}

impl BrowserOpener for Robot {
    fn open(&self, url: &Url) -> setup_core::Result<()> {
        let (url, delivered) = (url.to_string(), self.delivered.clone());
        tokio::spawn(async move {
            robot::run(&url, &RobotOptions::default()).await.unwrap();
            delivered.lock().unwrap().push(Instant::now());
        });
        Ok(())
    }
}

/// A browser that never comes back.
struct Idle;

impl BrowserOpener for Idle {
    fn open(&self, _url: &Url) -> setup_core::Result<()> {
        Ok(())
    }
}

fn cpu_time() -> Duration {
    // utime + stime of this process, in clock ticks (100 Hz on Linux).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<u64> = after
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect();
    // Fields after the name: state is not numeric, so utime/stime are at 10 and 11 here.
    let ticks = f.get(10).copied().unwrap_or(0) + f.get(11).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let sandbox = Sandbox::start(SandboxConfig::fast(Duration::ZERO))
        .await
        .unwrap();
    let base = Url::parse(sandbox.base_url()).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut profile = Profile::demo_with_own_app(&base);
    profile.bigcommerce.callback_port = port;
    sandbox.register_bc_callback(format!("http://127.0.0.1:{port}/bigcommerce/callback"));

    let probe = SecretStore::open("core1-bigcommerce-setup-bench").await;
    let storage = if probe.is_persistent() {
        "OS keyring"
    } else {
        "session-only memory"
    };

    let runs = 15;
    let mut flows = Vec::new();
    let mut callbacks = Vec::new();
    for i in 0..runs {
        sandbox.reset();
        let dir = tempfile::tempdir().unwrap();
        let robot = Robot::default();
        let secrets = SecretStore::open(&format!("core1-bigcommerce-setup-bench-{i}")).await;
        let engine = Engine::open(
            profile.clone(),
            dir.path(),
            secrets.clone(),
            Arc::new(robot.clone()),
        )
        .await
        .unwrap()
        .with_timing(RetryPolicy::fast(), PollConfig::fast());
        let none = |_e: Event| {};
        let started = Instant::now();
        engine.begin().await.unwrap();
        engine.set_workspace("practice").await.unwrap();
        engine.sign_in_core1(&none).await.unwrap();
        engine.sign_in_bigcommerce(&none).await.unwrap();
        let key_stored = Instant::now();
        let v = engine.watch_status(&none).await.unwrap();
        flows.push(started.elapsed());
        assert_eq!(
            v.connection.as_ref().map(|c| c.phase),
            Some(setup_core::core1::channels::Phase::Active)
        );
        let delivered = robot.delivered.lock().unwrap()[0];
        callbacks.push(key_stored.saturating_duration_since(delivered));
        let _ = secrets
            .delete(&setup_core::SecretKey::bigcommerce_token("abc123"))
            .await;
        let _ = engine.forget(v.connection_id_or_default()).await;
    }

    // CPU while a sign-in waits for a browser that does not come back.
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(
        profile.clone(),
        dir.path(),
        SecretStore::session_only(None),
        Arc::new(Idle),
    )
    .await
    .unwrap();
    engine.begin().await.unwrap();
    engine.set_workspace("practice").await.unwrap();
    engine.sign_in_core1(&|_e: Event| {}).await.unwrap();
    let waiting = {
        let engine = engine.clone();
        tokio::spawn(async move { engine.sign_in_bigcommerce(&|_e: Event| {}).await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let cpu_before = cpu_time();
    let wall = Duration::from_secs(3);
    tokio::time::sleep(wall).await;
    let cpu_waiting = cpu_time().saturating_sub(cpu_before);
    engine.cancel_sign_in();
    let _ = waiting.await;

    println!("core practice flow against the sandbox (no injected delay), {runs} runs, secrets in {storage}");
    println!(
        "  whole flow, Welcome → Active     median {:>7.1} ms   (target ≤ 300 ms)",
        ms(median(flows.clone()))
    );
    println!(
        "                                    min    {:>7.1} ms   max {:.1} ms",
        ms(*flows.iter().min().unwrap()),
        ms(*flows.iter().max().unwrap())
    );
    println!("  callback delivered → key stored  median {:>7.1} ms   (target ≤ 20 ms; includes the code exchange and the store check)", ms(median(callbacks)));
    println!(
        "  CPU while waiting for the browser {:>6} ms over {} s of waiting (target ~0)",
        cpu_waiting.as_millis(),
        wall.as_secs()
    );
    sandbox.shutdown().await;
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

trait ConnId {
    fn connection_id_or_default(&self) -> i64;
}

impl ConnId for setup_core::wizard::WizardView {
    fn connection_id_or_default(&self) -> i64 {
        self.connection.as_ref().map(|c| c.id).unwrap_or_default()
    }
}
