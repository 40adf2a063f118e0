//! The baseline of `tests/bench`: a window with one static page and nothing else.
//!
//! Like for like: it starts with the renderer setting the app ships with — the app sets
//! `WEBKIT_DISABLE_DMABUF_RENDERER=1` before GTK starts unless the user set it (the app's
//! `webkit_env` module) — so the benchmark compares the apps, not WebKit's two renderers. The
//! benchmark passes `WEBKIT_DISABLE_DMABUF_RENDERER=0` to both for WebKit's default renderer.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Sound: nothing has started a thread yet (edition 2021: `set_var` is a safe call).
    if cfg!(target_os = "linux") && std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the hello world could not start");
}
