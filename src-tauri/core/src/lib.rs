//! The setup wizard's brain, free of any Tauri dependency so it can be tested hard and fast.
#![deny(clippy::unwrap_used, clippy::panic)]

pub mod core1;
