//! The browser robot: as a library and as the `browser-robot` binary.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use setup_sandbox::robot::{self, find_form, page_text, RobotOptions};
use setup_sandbox::Error;
use std::process::Command;

#[tokio::test]
async fn refuses_hosts_that_are_not_loopback() {
    let opts = RobotOptions::default();
    for url in [
        "http://example.com/",
        "https://login.bigcommerce.com/app/x/install",
        "ftp://127.0.0.1/",
    ] {
        let err = robot::run(url, &opts).await.unwrap_err();
        assert!(matches!(err, Error::NotLoopback(_)), "{url}: {err}");
    }
}

#[tokio::test]
async fn refuses_to_follow_a_redirect_off_the_machine() {
    let sb = sandbox().await;
    sb.register_bc_callback("http://example.com/bigcommerce/callback");
    let err = robot::run(&sb.bc_install_url(), &RobotOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::NotLoopback(ref u) if u.starts_with("http://example.com/")),
        "{err}"
    );
    assert!(
        !err.to_string().contains("code="),
        "no secrets in the error"
    );
}

#[tokio::test]
async fn logs_each_step_without_query_strings() {
    let (sb, cb) = bc_world().await;
    let log = std::env::temp_dir().join(format!("robot-log-{}.txt", rand_suffix()));
    let opts = RobotOptions {
        log_path: Some(log.clone()),
        ..RobotOptions::default()
    };
    let out = robot::run(&sb.bc_install_url(), &opts).await.unwrap();
    let text = std::fs::read_to_string(&log).unwrap();
    std::fs::remove_file(&log).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), out.steps);
    assert!(
        lines[0].contains("GET ") && lines[0].contains("/install -> 302"),
        "{text}"
    );
    assert!(text.contains("POST ") && text.contains("/bc-login/login -> 302"));
    assert!(text
        .lines()
        .last()
        .unwrap()
        .contains("/bigcommerce/callback -> 200"));
    assert!(!text.contains('?'), "{text}");
    for secret in sb.issued_secrets() {
        assert!(!text.contains(&secret));
    }
    assert!(!text.contains("practice-password"));
    assert!(cb.last().contains_key("code"));
}

#[tokio::test]
async fn stops_on_a_sandbox_error_page() {
    let sb = sandbox().await;
    let url = format!(
        "{}/oauth2/authorize?client_id=nobody&redirect_uri=x",
        sb.bc_login_base()
    );
    let out = robot::run(&url, &RobotOptions::default()).await.unwrap();
    assert!(!out.reached_callback);
    assert_eq!(out.status, 400);
    assert!(out.text.contains("Unknown app"), "{}", out.text);
}

#[test]
fn form_parsing_is_tolerant() {
    let html = r#"<form id='other' action="/x"><input type="hidden" name="a" value="1"></form>
        <FORM id="login-form" method=post action="/in?x=1&amp;y=2">
        <input type=hidden name=next value="/bc-login/a&amp;b">
        <input type="email" name="email" value="">
        <INPUT TYPE="HIDDEN" name='q' value='v w' /></form>"#;
    let f = find_form(html, "login-form").unwrap();
    assert_eq!(f.action, "/in?x=1&y=2");
    assert_eq!(
        f.hidden,
        vec![
            ("next".into(), "/bc-login/a&b".into()),
            ("q".into(), "v w".into())
        ]
    );
    assert!(find_form(html, "consent-form").is_none());
    assert_eq!(
        page_text("<style>p{}</style><h1>Hi&amp;</h1>\n<p>there</p>"),
        "Hi& there"
    );
}

fn run_binary(url: &str, envs: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_browser-robot"));
    cmd.arg(url)
        .env_remove("ROBOT_ACTION")
        .env_remove("ROBOT_LOG");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_binary_plays_browser_with_confirm_or_cancel() {
    let (sb, cb) = bc_world().await;
    let url = sb.bc_install_url();
    let out = tokio::task::spawn_blocking(move || run_binary(&url, &[]))
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("200 http://127.0.0.1:"), "{stdout}");
    assert!(stdout.contains("You can close this tab."));
    assert!(cb.last().contains_key("code"));

    let url = sb.bc_install_url();
    let out = tokio::task::spawn_blocking(move || run_binary(&url, &[("ROBOT_ACTION", "cancel")]))
        .await
        .unwrap();
    assert!(out.status.success());
    assert_eq!(cb.last()["error"], "access_denied");

    let url = sb.bc_install_url();
    let out =
        tokio::task::spawn_blocking(move || run_binary(&url, &[("ROBOT_BC_PASSWORD", "wrong")]))
            .await
            .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("login was rejected"));
}

#[test]
fn the_binary_wants_exactly_one_url() {
    let out = Command::new(env!("CARGO_BIN_EXE_browser-robot"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_browser-robot"))
        .args(["a", "b"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_browser-robot"))
        .arg("http://example.com/")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not loopback"));
}
