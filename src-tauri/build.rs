//! Declares the app's own commands, so capabilities can grant each one by name.

include!("src/commands/names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/commands/names.rs");
    println!("cargo:rerun-if-changed=windows/app.manifest");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(NAMES))
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
