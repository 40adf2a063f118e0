//! The registration check against a second OAuth 2.0 server that is not ours:
//! `@node-oauth/oauth2-server` 5.3.0 (npm; `bootstrap_oauth2_server` in
//! `src-tauri/scripts/bootstrap.sh` installs it into `target/tools`, `tests/run-all.sh` runs it),
//! behind the small HTTP front in `foreign_oauth/server.js`. So the `invalid_client` /
//! `invalid_grant` reading is not only what our own practice Core1 says: another implementation
//! of RFC 6749 §5.2 authenticates the client first, too — and answers `invalid_client` with HTTP
//! 400 where the practice Core1 uses 401, which the check must read the same.
//!
//! Run where the test command installs Node.js (Linux); the Windows run under Wine has no
//! Windows `node`, and the check it tests is the same code on every platform.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use setup_core::testing::core1::Core1Client;
use setup_core::testing::core1::Verdict;
use setup_core::WorkspaceUrl;
use setup_core::{Profile, SecretStore, SecretString};

const CLIENT_ID: &str = "core1_bigcommerce_setup";
const SECRET: &str = "foreign-server-secret";

/// The node server, stopped (by its own process handle) when dropped.
struct Foreign {
    child: Child,
    port: u16,
}

impl Drop for Foreign {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn node_modules() -> PathBuf {
    std::env::var_os("OAUTH2_SERVER_NODE_PATH")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/tools/node_modules")
        })
}

fn start(redirect: &str) -> Foreign {
    let modules = node_modules();
    assert!(
        modules
            .join("@node-oauth/oauth2-server/package.json")
            .exists(),
        "@node-oauth/oauth2-server is not in {}: `source src-tauri/scripts/bootstrap.sh && \
         bootstrap_oauth2_server` (tests/run-all.sh does it), or set OAUTH2_SERVER_NODE_PATH",
        modules.display()
    );
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/foreign_oauth/server.js");
    let mut child = Command::new("node")
        .arg(script)
        .args([CLIENT_ID, SECRET, redirect])
        .env("NODE_PATH", &modules)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs (Debian's nodejs, installed with npm by bootstrap_npm)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    let port = u16::try_from(v["port"].as_u64().unwrap()).unwrap();
    Foreign { child, port }
}

#[tokio::test]
async fn another_oauth_server_answers_the_check_the_same_way() {
    let redirect = url::Url::parse("http://127.0.0.1:28417/core1/callback").unwrap();
    let server = start(redirect.as_str());
    let base = url::Url::parse(&format!("http://127.0.0.1:{}", server.port)).unwrap();
    let profile = Profile::demo(&base);
    let ws = WorkspaceUrl::parse("acme", &profile.core1.workspace).unwrap();
    let http = setup_core::testing::http::client(&profile.http_config()).unwrap();
    let verdict = |secret: Option<&str>| {
        let client = Core1Client::with_client_secret(
            http.clone(),
            &profile,
            ws.clone(),
            SecretStore::session_only(None),
            secret.map(SecretString::from).as_ref(),
        )
        .unwrap();
        let redirect = redirect.clone();
        async move { client.check_registration(&redirect).await.unwrap() }
    };
    assert_eq!(verdict(Some(SECRET)).await, Verdict::Accepted);
    assert_eq!(verdict(Some("not-the-secret")).await, Verdict::Refused);
    assert_eq!(verdict(None).await, Verdict::Refused);
    let mut other = profile.clone();
    other.core1.client_id = Some("another_app".into());
    let client = Core1Client::with_client_secret(
        http.clone(),
        &other,
        ws.clone(),
        SecretStore::session_only(None),
        Some(&SecretString::from(SECRET)),
    )
    .unwrap();
    assert_eq!(
        client.check_registration(&redirect).await.unwrap(),
        Verdict::Refused,
        "a client id the server does not know"
    );
}
