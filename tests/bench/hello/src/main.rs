//! The baseline of `tests/bench`: a window with one static page and nothing else.
//!
//! Like for like: it applies the renderer setting the app ships with through the app's own code
//! (`webkit_env`, std only, compiled in from the app's source): when the user has not set
//! `WEBKIT_DISABLE_DMABUF_RENDERER`, the program starts itself again with it, as the app does —
//! so the benchmark compares the apps, not two ways of setting the variable (setting it
//! in-process, as this program once did, measured 1.75× slower than WebKit's default mode, while
//! the app's restart was 2× faster). The benchmark passes `WEBKIT_DISABLE_DMABUF_RENDERER=0` to
//! both for WebKit's default renderer.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[path = "../../../../src-tauri/src/webkit_env.rs"]
#[allow(dead_code)]
mod webkit_env;

fn main() {
    let prepared = webkit_env::prepare();
    eprintln!("{}: {prepared:?}", webkit_env::DMABUF_VAR);
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the hello world could not start");
}
