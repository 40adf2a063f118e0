//! App commands through Tauri's mock runtime: the real IPC path, no window, no display.
#![allow(clippy::unwrap_used)]

use core1_bigcommerce_setup_lib::{build, LaunchArgs};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;

/// The app's real context: its configuration and the permissions `build.rs` resolved from the
/// capability (a mock context would grant nothing, so it could not tell a granted command).
fn context() -> tauri::Context<tauri::test::MockRuntime> {
    tauri::generate_context!()
}

/// Calls the app's command `cmd` as the page does (`plugin:wizard|<cmd>`).
fn invoke(
    webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    body: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: format!("plugin:wizard|{cmd}"),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<serde_json::Value>().unwrap())
}

/// Keeps the app's data folder out of the user's real one.
fn isolated_data_dir() {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().unwrap());
    std::env::set_var("XDG_DATA_HOME", dir.path());
}

#[test]
fn app_info_reports_practice_mode_and_prefilled_workspace() {
    isolated_data_dir();
    let args = LaunchArgs::parse(["--demo", "--workspace", "acme"].map(String::from));
    let mut app = build(mock_builder(), args).build(context()).unwrap();
    // Runs the setup hook (the engine and, with --demo, the practice sandbox). Called once, so
    // the deprecation's busy-loop concern does not apply.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    // Opened by the app's setup, as in the real app (`window::open_main`).
    let webview = app.get_webview_window("main").unwrap();
    let info = invoke(&webview, "app_info", serde_json::json!({})).unwrap();
    assert_eq!(info["practice"], true);
    assert_eq!(info["workspace"], "acme");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn an_unknown_command_is_refused() {
    isolated_data_dir();
    let mut app = build(mock_builder(), LaunchArgs::default())
        .build(context())
        .unwrap();
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    // Opened by the app's setup, as in the real app (`window::open_main`).
    let webview = app.get_webview_window("main").unwrap();
    assert!(invoke(&webview, "not_a_command", serde_json::json!({})).is_err());
}

/// The window may call the app's own commands (the `wizard` plugin's default permission, which
/// `build.rs` generates from `commands/list.rs`, so none is unreachable and none is granted that
/// does not exist) — plus two of Tauri's own, each limited to the window itself: setting its
/// title (WebKitGTK does not pass `document.title` on; the title names the step for screen
/// readers and the task bar) and zooming its page (`zoomHotkeysEnabled`: Ctrl + / Ctrl - / Ctrl 0
/// for large text).
#[test]
fn capability_grants_the_commands_the_title_and_the_zoom() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let cap: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("capabilities/main-window.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        cap["permissions"],
        serde_json::json!([
            "wizard:default",
            "core:window:allow-set-title",
            "core:webview:allow-set-webview-zoom"
        ]),
        "the window may call exactly the app's own commands, set its title and zoom its page"
    );
}

/// As the app resolves its permissions: every listed command is granted to the main window's
/// own pages; an unknown one, a command without the plugin's prefix, another window and a
/// remote page are refused.
#[test]
fn every_listed_command_and_nothing_else_is_granted() {
    use core1_bigcommerce_setup_lib::commands::NAMES;
    use tauri::ipc::Origin;
    let mut context = context();
    let acl = context.runtime_authority_mut();
    let granted = |cmd: &str, window: &str, origin: &Origin| {
        acl.resolve_access(cmd, window, window, origin).is_some()
    };
    assert!(NAMES.len() > 40, "{NAMES:?}");
    for name in NAMES {
        let cmd = format!("plugin:wizard|{name}");
        assert!(granted(&cmd, "main", &Origin::Local), "{cmd} is refused");
        assert!(
            !granted(&cmd, "other", &Origin::Local),
            "{cmd} in another window"
        );
        let remote = Origin::Remote {
            url: "https://example.com/".parse().unwrap(),
        };
        assert!(!granted(&cmd, "main", &remote), "{cmd} from a remote page");
        assert!(
            !granted(name, "main", &Origin::Local),
            "{name} without the prefix"
        );
    }
    assert!(!granted(
        "plugin:wizard|not_a_command",
        "main",
        &Origin::Local
    ));
}

/// The page may not run inline or evaluated code, nor load anything remote.
#[test]
fn csp_is_strict() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let conf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("tauri.conf.json")).unwrap())
            .unwrap();
    let security = &conf["app"]["security"];
    assert_eq!(security["freezePrototype"], true);
    let csp = security["csp"].as_object().unwrap();
    for (directive, value) in csp {
        let v = value.as_str().unwrap();
        assert!(
            !v.contains("unsafe-inline"),
            "{directive} allows unsafe-inline"
        );
        assert!(!v.contains("unsafe-eval"), "{directive} allows unsafe-eval");
        assert!(
            !v.contains("https:") && !v.contains('*'),
            "{directive} allows remote content"
        );
    }
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
}

/// The shipped update settings: every address HTTPS, none of the plugin's `dangerous…` switches
/// (the installed-app test merges plain HTTP to 127.0.0.1 into its own build only), signatures
/// bound to their version; Linux's overlay adds no switch either.
#[test]
fn the_shipped_update_settings_allow_only_https_and_signed_versions() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(name)).unwrap()).unwrap()
    };
    let updater = &read("tauri.conf.json")["plugins"]["updater"];
    let endpoints = updater["endpoints"].as_array().unwrap();
    assert!(!endpoints.is_empty());
    for e in endpoints {
        let url = url::Url::parse(e.as_str().unwrap()).unwrap();
        assert_eq!(url.scheme(), "https", "{url}");
    }
    assert_eq!(updater["requireSignedVersion"], true);
    for name in ["tauri.conf.json", "tauri.linux.conf.json"] {
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        assert!(
            !text.contains("dangerous"),
            "{name} has a dangerous… switch"
        );
    }
}

/// One raw request to 127.0.0.1:`port`; its status code.
fn status_of(port: u16, request: &str) -> u16 {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut head = [0u8; 64];
    let n = stream.read(&mut head).unwrap();
    let line = String::from_utf8_lossy(&head[..n]).into_owned();
    line.split(' ').nth(1).unwrap_or_default().parse().unwrap()
}

/// The practice server `--demo` starts, as this app is built: no control API (the secrets
/// ledger, seeded passwords, faults, reset), and only for its own `Host`.
#[test]
fn the_practice_server_offers_a_browser_page_nothing() {
    tauri::async_runtime::block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = core1_bigcommerce_setup_lib::practice_sandbox(&dir.path().join("world.json"))
            .await
            .unwrap();
        let port = sandbox.addr().port();
        let own = format!("127.0.0.1:{port}");
        let request = |method: &str, path: &str, host: &str| {
            format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        };
        for (method, path) in [
            ("GET", "/__sandbox/"),
            ("GET", "/__sandbox/secrets"),
            ("POST", "/__sandbox/reset"),
        ] {
            assert_eq!(
                status_of(port, &request(method, path, &own)),
                404,
                "{method} {path}"
            );
        }
        assert_eq!(
            status_of(port, &request("GET", "/core1/practice/", &own)),
            200
        );
        assert_eq!(
            status_of(port, &request("GET", "/core1/practice/", "rebound.example")),
            421
        );
        sandbox.shutdown().await;
    });
}
