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
    cmd.arg(url);
    for k in [
        "ROBOT_ACTION",
        "ROBOT_LOG",
        "ROBOT_COOKIES",
        "ROBOT_WORKSPACE",
        "ROBOT_WORKSPACE_FILE",
        "ROBOT_WORKSPACE_WAIT_MS",
        "ROBOT_APP_NAME",
    ] {
        cmd.env_remove(k);
    }
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

#[test]
fn finds_links_ids_frames_and_form_methods() {
    let html = r#"<style>iframe#app-frame{}</style><ul>
        <li><a data-app="x" href="/apps/x">Other App</a></li>
        <li><A DATA-APP="c" HREF="/apps/c"> Actindo <b>Core1</b> DOP Connector </A></li>
        <li><a href="/apps/plain">Actindo Core1 DOP Connector</a></li></ul>
        <iframe id="app-frame" src="/connector/auth?code=1&amp;scope=a"></iframe>
        <h1 id="connector-connected">Done</h1><abbr id="other">x</abbr>
        <form id="s" method="GET" action="/search"></form><form id="p" action="/x"></form>"#;
    assert_eq!(
        robot::find_app_link(html, "actindo core1 dop connector").as_deref(),
        Some("/apps/c")
    );
    assert_eq!(robot::find_app_link(html, "Missing"), None);
    assert_eq!(
        robot::find_attr(html, "iframe", "app-frame", "src").as_deref(),
        Some("/connector/auth?code=1&scope=a")
    );
    assert!(robot::has_id(html, "connector-connected"));
    assert!(robot::has_id(html, "other"));
    assert!(!robot::has_id(html, "connector-error"));
    assert_eq!(find_form(html, "s").unwrap().method, "get");
    assert_eq!(
        find_form(html, "p").unwrap().method,
        "get",
        "HTML's default"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_binary_plays_road_one_with_cookies_and_a_pasted_workspace() {
    let sb = sandbox().await;
    let dir = std::env::temp_dir();
    let cookies = dir.join(format!("bin-cookies-{}.json", rand_suffix()));
    let paste = dir.join(format!("bin-paste-{}.txt", rand_suffix()));
    std::fs::write(&paste, "practice").unwrap();
    let url = sb.marketplace_url();
    let envs = [
        ("ROBOT_COOKIES", cookies.display().to_string()),
        ("ROBOT_WORKSPACE_FILE", paste.display().to_string()),
    ];
    let out = tokio::task::spawn_blocking(move || {
        let envs: Vec<(&str, &str)> = envs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        run_binary(&url, &envs)
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("BigCommerce connected"), "{stdout}");
    assert!(stdout.contains("outcome: ConnectorConnected"), "{stdout}");
    assert!(cookies.exists(), "cookies saved");
    assert_eq!(sb.connections("practice").unwrap().len(), 1);

    // Nothing to paste: it stops on the connector's form and says so (exit 1).
    std::fs::remove_file(&paste).unwrap();
    let url = sb.marketplace_url();
    let envs = [
        ("ROBOT_COOKIES", cookies.display().to_string()),
        ("ROBOT_WORKSPACE_FILE", paste.display().to_string()),
        ("ROBOT_WORKSPACE_WAIT_MS", "50".to_owned()),
    ];
    let out = tokio::task::spawn_blocking(move || {
        let envs: Vec<(&str, &str)> = envs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        run_binary(&url, &envs)
    })
    .await
    .unwrap();
    std::fs::remove_file(&cookies).unwrap();
    // Stopped where a person would (nothing pasted yet): like a browser, no failure — xdg-open
    // would otherwise start the next browser it knows.
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("outcome: NoWorkspace"));
}
