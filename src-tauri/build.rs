//! Declares the app's own commands, so capabilities can grant each one by name.

include!("src/commands/names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/commands/names.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(NAMES)),
    )
    .unwrap_or_else(|e| panic!("tauri build script failed: {e}"));
}
