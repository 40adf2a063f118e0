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
//! this reason). In the real app that moment never comes: linking WebKitGTK runs its library
//! constructors before `main`, and one of them starts JavaScriptCore's heap scavenger thread
//! (seen with gdb: `pthread_create` ← `pas_scavenger_notify_eligibility_if_needed` ←
//! `libjavascriptcoregtk` ← `_dl_init`). So [`prepare`] sets the variable in place only when
//! `/proc/self/task` shows this thread alone (a process that does not load WebKit), and
//! otherwise starts the app again in place — `execve` of its own executable with the same
//! arguments and the variable added to the new environment — which changes no running
//! thread's environment at all. The restart costs one more load of the program (see the
//! benchmark, tests/bench/README.md) and happens once: the restarted process finds the variable
//! set, plus [`RESTART_MARK`], and goes on.

use std::ffi::OsStr;

/// The variable WebKitGTK reads.
pub const DMABUF_VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Set beside [`DMABUF_VAR`] when the app restarted itself to add it, so the restarted process
/// says in its log what happened (and never restarts again).
pub const RESTART_MARK: &str = "CORE1_SETUP_DMABUF_RESTART";

/// What [`prepare`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prepared {
    /// Not Linux: nothing to do.
    NotNeeded,
    /// The user's own value was kept.
    UserValueKept,
    /// `WEBKIT_DISABLE_DMABUF_RENDERER=1` was set in place (this was the only thread).
    Set,
    /// This process is the restart that added `WEBKIT_DISABLE_DMABUF_RENDERER=1`.
    SetByRestart,
    /// Other threads were running and the restart failed: the environment was left alone.
    RestartFailed,
}

/// The value to set, given the variable's current value: `"1"` when it is unset, nothing when
/// the user set it (to anything, even empty).
pub fn dmabuf_override(current: Option<&OsStr>) -> Option<&'static str> {
    match current {
        None => Some("1"),
        Some(_) => None,
    }
}

/// Make sure WebKit starts with `WEBKIT_DISABLE_DMABUF_RENDERER=1` unless the user set it. Call
/// first thing in `main` (see the module docs); on other platforms it does nothing. Does not
/// return when it restarts the app.
pub fn prepare() -> Prepared {
    if !cfg!(target_os = "linux") {
        return Prepared::NotNeeded;
    }
    let Some(value) = dmabuf_override(std::env::var_os(DMABUF_VAR).as_deref()) else {
        return if std::env::var_os(RESTART_MARK).is_some() {
            Prepared::SetByRestart
        } else {
            Prepared::UserValueKept
        };
    };
    if only_thread() {
        // Sound here: this process has exactly one thread, which is this one (checked above),
        // so nothing reads the environment concurrently.
        std::env::set_var(DMABUF_VAR, value);
        return Prepared::Set;
    }
    restart_with(value);
    Prepared::RestartFailed
}

/// Replaces this process by a fresh start of the same executable, same arguments, with the
/// variable in its environment. Returns only if that failed (e.g. the executable was replaced
/// by an update while it ran).
#[cfg(unix)]
fn restart_with(value: &str) {
    use std::os::unix::process::CommandExt;
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let mut cmd = std::process::Command::new(exe);
    if let Some(arg0) = args.next() {
        cmd.arg0(arg0);
    }
    let _failed = cmd
        .args(args)
        .env(DMABUF_VAR, value)
        .env(RESTART_MARK, "1")
        .exec();
}

#[cfg(not(unix))]
fn restart_with(_value: &str) {}

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
    fn a_second_thread_is_seen() {
        // A second thread is alive for the whole check: the environment must not be changed
        // in place (prepare itself is tested in fresh processes, tests/webkit_env.rs).
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let other = std::thread::spawn(move || stopped.recv());
        assert!(!only_thread());
        let _ = stop.send(());
        let _ = other.join();
    }
}
