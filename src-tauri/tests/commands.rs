//! App commands through Tauri's mock runtime: the real IPC path, no window, no display.

use core1_bigcommerce_setup_lib::{build, LaunchArgs};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

fn invoke(
    webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    body: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
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

#[test]
fn app_info_reports_practice_mode_and_prefilled_workspace() {
    let args = LaunchArgs::parse(["--demo", "--workspace", "acme"].map(String::from));
    let app = build(mock_builder(), args)
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let info = invoke(&webview, "app_info", serde_json::json!({})).unwrap();
    assert_eq!(info["practice"], true);
    assert_eq!(info["workspace"], "acme");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn an_unknown_command_is_refused() {
    let app = build(mock_builder(), LaunchArgs::default())
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    assert!(invoke(&webview, "not_a_command", serde_json::json!({})).is_err());
}
