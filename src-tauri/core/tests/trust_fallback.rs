//! Where the operating system has no trust store at all (a Linux without a CA bundle), the
//! clients fall back to the built-in Mozilla roots and the log says so; with one, the system's
//! store is used. Its own test binary: it changes the process's `SSL_CERT_FILE` (Windows and
//! macOS always have their store and do not read the variable).
#![cfg(all(unix, not(target_os = "macos")))]
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use setup_core::testing::http::{self, HttpConfig, ProxyEnv};
use setup_sandbox::network::TestCa;

#[test]
fn without_system_roots_the_built_in_ones_are_used_and_logged() {
    let logs = common::capture_logs("setup_core=debug");
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    // Edition 2021: `set_var` is safe; this binary has this one test only.
    std::env::set_var("SSL_CERT_FILE", &empty);
    std::env::remove_var("SSL_CERT_DIR");
    http::client_with_env(&HttpConfig::default(), ProxyEnv::default()).unwrap();
    let text = logs.text();
    assert!(
        text.contains("no trust store on this computer: using the built-in roots"),
        "{text}"
    );
    assert!(text.contains("source=BuiltIn"), "{text}");

    let bundle = dir.path().join("store.pem");
    TestCa::new("A store with one root")
        .unwrap()
        .write_pem(&bundle)
        .unwrap();
    std::env::set_var("SSL_CERT_FILE", &bundle);
    http::client_with_env(&HttpConfig::default(), ProxyEnv::default()).unwrap();
    let text = logs.text();
    assert!(text.contains("source=System"), "{text}");
}
