//! The `sandbox` binary: starts, prints its URLs and seeds, serves over HTTP until killed.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test(flavor = "multi_thread")]
async fn prints_urls_and_serves_until_killed() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sandbox"))
        .args(["--port", "0", "--fast"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let banner = tokio::task::spawn_blocking(move || {
        let mut banner = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap();
            let done = line.starts_with("Press Ctrl-C");
            banner.push(line);
            if done {
                break;
            }
        }
        banner
    })
    .await
    .unwrap();
    let text = banner.join("\n");
    let base = banner[0].rsplit(' ').next().unwrap().to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{text}");
    for needle in [
        "merchant@example.com / practice-password",
        "consultant@example.com / practice-password",
        "/bc-login/app/practice-bc-client-id/install",
        "/bc-login/deep-links/manage/marketplace/apps",
        "/bc-login/deep-links/settings/api-accounts",
        "/bc-login/app/practice-connector-client-id/install",
        "/connector/auth",
        "/core1/acme",
        "/__sandbox/faults",
        "abc123",
    ] {
        assert!(text.contains(needle), "missing {needle} in\n{text}");
    }
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let info: serde_json::Value = client
        .get(format!("{base}/__sandbox/"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["base_url"], base.as_str());
    let home = client
        .get(format!("{base}/core1/acme/"))
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), 200);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn rejects_bad_arguments() {
    let out = Command::new(env!("CARGO_BIN_EXE_sandbox"))
        .arg("--port")
        .arg("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_sandbox"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--port"));
}
