//! The DMA-BUF workaround in fresh processes, the way the app starts — and in the real app
//! binary, which links WebKitGTK and so never starts with one thread.
//!
//! A custom harness (`harness = false`): libtest would run each test on a thread of its own,
//! and `webkit_env::prepare` rightly refuses to touch the environment while other threads
//! run. So this binary starts copies of itself: each child calls `prepare` as the first thing
//! in `main` — as `run()` does before the Tauri builder, GTK and the webview — and reports the
//! variable's value afterwards. The parent checks that the variable is set when the user has
//! not set it, that a user's own value is kept, that nothing is set once another thread runs,
//! and that `run()` calls `prepare` before it builds anything.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use core1_bigcommerce_setup_lib::webkit_env::{self, Prepared, DMABUF_VAR};

const CHILD: &str = "WEBKIT_ENV_TEST_CHILD";

fn main() {
    match std::env::var(CHILD).ok().as_deref() {
        Some("first") => child(false),
        Some("after-a-thread") => child(true),
        _ => parent(),
    }
}

/// What the app does at start; prints `<what prepare did>|<value afterwards or UNSET>`.
fn child(thread_first: bool) {
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let other = thread_first.then(|| std::thread::spawn(move || stopped.recv()));
    let did = webkit_env::prepare();
    let now = std::env::var(DMABUF_VAR).unwrap_or_else(|_| "UNSET".into());
    println!("{did:?}|{now}");
    drop(stop);
    if let Some(t) = other {
        let _ = t.join();
    }
}

fn run_child(mode: &str, user_value: Option<&str>) -> String {
    let mut cmd = Command::new(std::env::current_exe().expect("own path"));
    cmd.env(CHILD, mode);
    match user_value {
        Some(v) => cmd.env(DMABUF_VAR, v),
        None => cmd.env_remove(DMABUF_VAR),
    };
    let out = cmd.output().expect("the child runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Starts the real app (fresh data folders, production profile: nothing is sent at start),
/// waits for the line its log writes about the variable, reads the variable from the app's
/// environment in `/proc`, and stops it by its PID. `<what the log says>|<value or UNSET>`.
fn real_app(user_value: Option<&str>) -> String {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "needs a display: run through tests/run-all.sh (Xvfb)"
    );
    let home = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_core1-bigcommerce-setup"));
    for (var, sub) in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ] {
        cmd.env(var, home.path().join(sub));
    }
    cmd.env_remove(webkit_env::RESTART_MARK)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    match user_value {
        Some(v) => cmd.env(DMABUF_VAR, v),
        None => cmd.env_remove(DMABUF_VAR),
    };
    let mut app = cmd.spawn().expect("the app starts");
    let pid = app.id();
    let stdout = app.stdout.take().expect("stdout piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some((_, did)) = line.split_once(&format!("{DMABUF_VAR}: ")) {
                let _ = tx.send(did.trim().to_owned());
                return;
            }
        }
    });
    let did = rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| "NO LOG LINE".into());
    // The same PID: the restart replaced the program in place.
    let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
    let value = environ
        .split(|b| *b == 0)
        .filter_map(|kv| std::str::from_utf8(kv).ok())
        .find_map(|kv| {
            kv.strip_prefix(&format!("{DMABUF_VAR}="))
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "UNSET".into());
    let _ = app.kill();
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    format!("{did}|{value}")
}

fn parent() {
    let mut passed = 0;
    let mut failed = Vec::new();
    let mut check = |name: &str, got: String, want: String| {
        if got == want {
            passed += 1;
            println!("test {name} ... ok");
        } else {
            failed.push(format!("{name}: got {got:?}, want {want:?}"));
            println!("test {name} ... FAILED");
        }
    };

    if cfg!(target_os = "linux") {
        check(
            "unset_is_set_to_1_before_anything_else_starts",
            run_child("first", None),
            format!("{:?}|1", Prepared::Set),
        );
        for users in ["0", "1", ""] {
            check(
                &format!("a_users_value_{users:?}_is_kept"),
                run_child("first", Some(users)),
                format!("{:?}|{users}", Prepared::UserValueKept),
            );
        }
        check(
            "with_another_thread_the_process_restarts_with_the_variable",
            run_child("after-a-thread", None),
            format!("{:?}|1", Prepared::SetByRestart),
        );
        check(
            "the_real_app_restarts_itself_with_the_variable",
            real_app(None),
            format!("{:?}|1", Prepared::SetByRestart),
        );
        check(
            "the_real_app_keeps_a_users_0",
            real_app(Some("0")),
            format!("{:?}|0", Prepared::UserValueKept),
        );
    } else {
        check(
            "nothing_to_do_off_linux",
            run_child("first", None),
            format!("{:?}|UNSET", Prepared::NotNeeded),
        );
    }

    // `run()` prepares the environment before it builds the app (and so before GTK starts).
    let lib = include_str!("../src/lib.rs");
    let run = &lib[lib.find("pub fn run()").expect("run() in lib.rs")..];
    let prepare = run.find("webkit_env::prepare()");
    let builder = run.find("Builder::default()");
    let args = run.find("Invocation::from_env()");
    check(
        "run_prepares_first",
        format!(
            "{}",
            matches!((prepare, builder, args), (Some(p), Some(b), Some(a)) if p < b && p < a)
        ),
        "true".into(),
    );

    println!();
    println!("{} passed, {} failed", passed, failed.len());
    if !failed.is_empty() {
        for f in &failed {
            eprintln!("{f}");
        }
        std::process::exit(1);
    }
}
