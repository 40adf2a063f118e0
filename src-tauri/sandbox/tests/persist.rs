//! A practice world that outlives the process (`Sandbox::start_persistent`): what a restart on
//! the same port keeps, and a saved port another program took meanwhile.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use setup_sandbox::core1::channels::Phase;
use setup_sandbox::robot::{self, RobotStop};
use setup_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use std::path::Path;
use std::time::Duration;

/// A persistent world with 300 ms lifecycle phases (a quit can come mid-sync) and the wizard's
/// practice registration.
async fn start(path: &Path) -> SandboxHandle {
    let mut config = SandboxConfig::fast(Duration::from_millis(300));
    let mut r =
        setup_sandbox::config::Core1Registration::practice("http://127.0.0.1:1/core1/callback");
    r.any_loopback_port = true;
    config.core1.registrations.push(r);
    Sandbox::start_persistent(config, path).await.unwrap()
}

#[tokio::test]
async fn a_restart_on_the_same_port_keeps_the_world() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("world.json");
    let sb = start(&path).await;
    let port = sb.addr().port();

    // Road 1 into `acme`: an install, BigCommerce and Core1 sessions, a connection.
    let out = robot::run(&sb.marketplace_url(), &road1_options(&sb, "acme"))
        .await
        .unwrap();
    assert_eq!(out.stop, RobotStop::ConnectorConnected, "{out:?}");
    let browser = bc_browser(&sb).await;
    let live = sb
        .create_api_account("abc123", &["store_v2_information_read_only"])
        .unwrap();
    let deleted = sb
        .create_api_account("def456", &["store_v2_information_read_only"])
        .unwrap();
    assert_eq!(sb.delete_api_accounts("def456"), 1);
    let helper = sb
        .register_core1_app("acme", "Helper", "helper-app", "http://127.0.0.1:1/cb")
        .unwrap();
    let signed_in = core1_sign_in(&sb, "acme").await;
    let access = signed_in["access_token"].as_str().unwrap().to_owned();
    let refresh = signed_in["refresh_token"].as_str().unwrap().to_owned();
    // Quit while the connection is still on its way (mid-sync at the latest).
    let made = sb.connections("acme").unwrap();
    assert_eq!(made.len(), 1, "{made:?}");
    assert_ne!(
        made[0].phase,
        Phase::Active,
        "quit before the connection is active"
    );
    sb.shutdown().await;
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(&live.access_token),
        "the world file keeps what it issued"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner reads the world file");
    }

    let sb = start(&path).await;
    assert_eq!(sb.addr().port(), port, "the saved port again");
    assert_eq!(sb.moved_from(), None);
    // The store still answers the live token and refuses the deleted account's.
    assert_eq!(
        bc_get(&sb, "abc123", "store", &live.access_token)
            .await
            .status(),
        200
    );
    assert_eq!(
        bc_get(&sb, "def456", "store", &deleted.access_token)
            .await
            .status(),
        401
    );
    // The browser's BigCommerce session is still signed in: the marketplace, not the login.
    let (status, location, _) = browse(
        &browser,
        &format!("{}/manage/marketplace/apps", sb.bc_login_base()),
    )
    .await;
    assert_eq!(status, 200, "still signed in, not sent to {location:?}");
    // Core1: the connection is there and goes active; the access token and the refresh token
    // still work; the registration is still listed.
    let c = wait_connection(&sb, "acme", "active", |c| {
        c.id == made[0].id && c.phase == Phase::Active
    })
    .await;
    assert_eq!(c.store_hash, "abc123");
    let (status, body) = core1_call(
        &sb,
        "acme",
        "Actindo.Modules.Actindo.Channels.Connections.list",
        &access,
        serde_json::json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = core1_token_request(
        &sb,
        "acme",
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("client_id", CORE1_CLIENT_ID),
            ("client_secret", SECRET),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let kept = sb.core1_registrations("acme");
    assert!(kept
        .iter()
        .any(|r| r.client_id == "helper-app" && r.client_secret == helper));

    // Start over: the seeded world, on the same port, and the file says so.
    sb.start_over().unwrap();
    assert!(sb.connections("acme").unwrap().is_empty());
    assert_eq!(
        bc_get(&sb, "abc123", "store", &live.access_token)
            .await
            .status(),
        401
    );
    let (status, _, _) = browse(
        &browser,
        &format!("{}/manage/marketplace/apps", sb.bc_login_base()),
    )
    .await;
    assert_ne!(status, 200, "signed out");
    sb.shutdown().await;
    assert!(!std::fs::read_to_string(&path)
        .unwrap()
        .contains(&live.access_token));
}

#[tokio::test]
async fn a_taken_port_moves_the_world_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("world.json");
    let sb = start(&path).await;
    let port = sb.addr().port();
    let live = sb
        .create_api_account("abc123", &["store_v2_information_read_only"])
        .unwrap();
    sb.shutdown().await;

    // Another program takes the port while the app is closed.
    let squatter = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let sb = start(&path).await;
    assert_ne!(sb.addr().port(), port);
    assert_eq!(sb.moved_from(), Some(port));
    assert_eq!(
        bc_get(&sb, "abc123", "store", &live.access_token)
            .await
            .status(),
        200
    );
    drop(squatter);
    sb.shutdown().await;
    // The next start keeps the new port.
    let moved = sb_port(&path).await;
    assert_ne!(moved, port);
}

/// The port a restart of the world at `path` takes.
async fn sb_port(path: &Path) -> u16 {
    let sb = start(path).await;
    let port = sb.addr().port();
    assert_eq!(sb.moved_from(), None);
    sb.shutdown().await;
    port
}
