//! Shared machinery of the end-to-end tests: tauri-driver around the real app binary, each test
//! with its own data, config and cache folders, and screenshots saved for people to look at.
//! By concern: `launch` (starting and stopping the app), `page` (reading and using the page),
//! `practice` (the sandbox, its profile and the robot browser), `seed` (starting where a walk
//! would have left the merchant, without walking), `walk` (stretches of the roads many tests
//! walk), `album` (the documents' pictures), `a11y` (the audit, keyboard and fit helpers),
//! `report` (the onboarding report: its save dialog, and the report in Chromium with axe-core and printed to PDF),
//! `installed` (the installed app seen from outside: dpkg, its windows and processes),
//! `update_server` (the update test's static host), `words` (words of the other language left
//! on the page after a language switch). Everything public (but `update_server`, `album`) is
//! re-exported here, so tests name it `setup_e2e::…`.
//!
//! Needs a display (`DISPLAY`, Xvfb in CI), `tauri-driver` (on `PATH` or `TAURI_DRIVER`),
//! `/usr/bin/WebKitWebDriver`, and a built app (`SETUP_APP_BINARY`, default
//! `target/debug/core1-bigcommerce-setup`). `tests/run-all.sh` provides all of them.
#![allow(clippy::unwrap_used)]

pub use fantoccini;

pub mod a11y;
pub mod album;
mod installed;
mod launch;
mod page;
mod practice;
mod report;
mod seed;
pub mod update_server;
mod walk;
mod words;

pub use installed::*;
pub use launch::*;
pub use page::*;
pub use practice::*;
pub use report::*;
pub use walk::*;
pub use words::*;
