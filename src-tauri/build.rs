//! Declares the app's own commands, so capabilities can grant each one by name.

include!("src/commands/names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/commands/names.rs");
    println!("cargo:rerun-if-changed=windows/app.manifest");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(NAMES))
            // The Windows .exe's manifest (used only when building for Windows): see the file.
            .windows_attributes(
                tauri_build::WindowsAttributes::new()
                    .app_manifest(include_str!("windows/app.manifest")),
            ),
    )
    .unwrap_or_else(|e| panic!("tauri build script failed: {e}"));
}
