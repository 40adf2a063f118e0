//! Shared start-up for the end-to-end tests: Xvfb, tauri-driver, the app binary, screenshots.
