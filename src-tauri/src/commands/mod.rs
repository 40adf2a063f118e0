//! Tauri commands: thin adapters over `setup-core`, one file per screen group.

pub mod app;
