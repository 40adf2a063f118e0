//! Declares the app's own commands as the inlined plugin `wizard`: each gets an `allow-…`
//! permission and the plugin's default permission grants them all, so the capability says only
//! `wizard:default` and cannot fall behind the list.

/// `src/commands/list.rs` expanded into the commands' names (`commands/mod.rs` expands the same
/// file into the invoke handler).
macro_rules! commands {
    ($($module:ident::{$($name:ident),* $(,)?}),* $(,)?) => {
        const NAMES: &[&str] = &[$($(stringify!($name)),*),*];
    };
}
include!("src/commands/list.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    println!("cargo:rerun-if-changed=windows/app.manifest");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .plugin(
                "wizard",
                tauri_build::InlinedPlugin::new()
                    .commands(NAMES)
                    .default_permission(tauri_build::DefaultPermissionRule::AllowAllCommands),
            )
            // The Windows .exe's manifest (used only when building for Windows). Tauri's default
            // declares only Common Controls 6; ours adds what Windows reads before any of our
            // code runs: `asInvoker` (never a UAC prompt; "setup" in the file name must not
            // trigger installer detection), per-monitor DPI awareness v2 (sharp on high-DPI and
            // mixed screens; declared, as Microsoft recommends, not only set at run time),
            // Windows 10/11 as supported OS, long paths. Checked by tests/windows/app.sh.
            .windows_attributes(
                tauri_build::WindowsAttributes::new()
                    .app_manifest(include_str!("windows/app.manifest")),
            ),
    )
    .unwrap_or_else(|e| panic!("tauri build script failed: {e}"));
}
