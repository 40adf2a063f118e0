//! A window that paints on real Linux desktops.
//!
//! WebKitGTK's DMA-BUF renderer leaves Tauri windows blank (white or grey) on NVIDIA's
//! proprietary driver and on some Wayland setups: tauri-apps/tauri#9394
//! (<https://github.com/tauri-apps/tauri/issues/9394>) and tauri-apps/tauri#8462
//! (<https://github.com/tauri-apps/tauri/issues/8462>), and many app trackers since. The widely
//! used fix is `WEBKIT_DISABLE_DMABUF_RENDERER=1` in the environment before GTK and WebKit
//! start; WebKit then composites through its older path, which paints everywhere (and, measured
//! under Xvfb, starts faster and uses less memory).
//!
//! [`prepare`] sets it at the top of [`crate::run`] when the user has not set it. A user's own
//! value always wins — `WEBKIT_DISABLE_DMABUF_RENDERER=0 core1-bigcommerce-setup` brings the
//! DMA-BUF renderer back (WebKit treats "0" as "not disabled").
//!
//! Soundness: changing the environment is only sound while no other thread can read it
//! (`setenv` and `getenv` are not synchronised in C; edition 2024 makes `set_var` `unsafe` for
//! this reason). [`prepare`] runs first thing in `main` → `run`, before Tauri, tokio or the log
//! plugin start a thread — and does not rely on that alone: it counts this process's threads in
//! `/proc/self/task` and leaves the environment alone unless it is the only one.

use std::ffi::OsStr;

/// The variable WebKitGTK reads.
pub const DMABUF_VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// What [`prepare`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prepared {
    /// Not Linux: nothing to do.
    NotNeeded,
    /// The user's own value was kept.
    UserValueKept,
    /// `WEBKIT_DISABLE_DMABUF_RENDERER=1` was set.
    Set,
    /// Other threads were running (or could not be counted): the environment was left alone.
    SkippedThreads,
}

/// The value to set, given the variable's current value: `"1"` when it is unset, nothing when
/// the user set it (to anything, even empty).
pub fn dmabuf_override(current: Option<&OsStr>) -> Option<&'static str> {
    match current {
        None => Some("1"),
        Some(_) => None,
    }
}

/// Set `WEBKIT_DISABLE_DMABUF_RENDERER=1` unless the user set it. Call before anything starts a
/// thread (see the module docs); on other platforms it does nothing.
pub fn prepare() -> Prepared {
    if !cfg!(target_os = "linux") {
        return Prepared::NotNeeded;
    }
    let Some(value) = dmabuf_override(std::env::var_os(DMABUF_VAR).as_deref()) else {
        return Prepared::UserValueKept;
    };
    if !only_thread() {
        return Prepared::SkippedThreads;
    }
    // Sound here: this process has exactly one thread, which is this one (checked above), so
    // nothing reads the environment concurrently.
    std::env::set_var(DMABUF_VAR, value);
    Prepared::Set
}

/// Whether this process has exactly one thread (Linux: the entries of `/proc/self/task`).
fn only_thread() -> bool {
    std::fs::read_dir("/proc/self/task").is_ok_and(|tasks| tasks.count() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    #[test]
    fn unset_becomes_1_and_a_users_value_wins() {
        assert_eq!(dmabuf_override(None), Some("1"));
        for users in ["0", "1", "", "false", "yes"] {
            assert_eq!(
                dmabuf_override(Some(OsString::from(users).as_os_str())),
                None,
                "{users:?}"
            );
        }
    }

    #[test]
    fn never_touches_the_environment_while_other_threads_run() {
        // A second thread is alive for the whole check.
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let other = std::thread::spawn(move || stopped.recv());
        if cfg!(target_os = "linux") && std::env::var_os(DMABUF_VAR).is_none() {
            assert!(!only_thread());
            assert_eq!(prepare(), Prepared::SkippedThreads);
            assert!(std::env::var_os(DMABUF_VAR).is_none());
        }
        let _ = stop.send(());
        let _ = other.join();
    }
}
