//! `SO_EXCLUSIVEADDRUSE` for a listening socket on Windows — the project's one `unsafe` call,
//! kept out of the crates that forbid `unsafe` code.
//!
//! Why: on Windows, a socket that sets `SO_REUSEADDR` may bind the address and port of a socket
//! that is already listening and take over its new connections (for sockets of the same user
//! even with Windows' "enhanced socket security"). For the sign-in listener that is port
//! squatting on the callback: another program could receive the browser's authorization code.
//! `SO_EXCLUSIVEADDRUSE`, set before `bind`, makes the address ours alone. socket2 (0.5 and 0.6)
//! and std expose no setter for it, hence this crate. Elsewhere the function does nothing: on
//! Linux and macOS, without `SO_REUSEPORT`, no other socket can bind a listening address.

use socket2::Socket;

/// Mark `socket` (not yet bound) for exclusive use of its address. Windows only; a no-op
/// elsewhere.
pub fn set_exclusive_address_use(socket: &Socket) -> std::io::Result<()> {
    #[cfg(windows)]
    {
        use std::os::windows::io::AsRawSocket;
        set_exclusive_raw(socket.as_raw_socket())
    }
    #[cfg(not(windows))]
    {
        let _ = socket;
        Ok(())
    }
}

/// The `setsockopt(SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1)` call on a raw Windows socket handle.
/// Compiled on every platform so that its types are checked by every build; called only on
/// Windows.
#[cfg_attr(not(windows), allow(dead_code))]
#[allow(unsafe_code)]
fn set_exclusive_raw(raw: u64) -> std::io::Result<()> {
    use windows_sys::Win32::Networking::WinSock::{
        setsockopt, SOCKET, SOCKET_ERROR, SOL_SOCKET, SO_EXCLUSIVEADDRUSE,
    };
    let on: i32 = 1;
    // SAFETY: `raw` is the handle of a socket the caller owns and keeps open for the whole
    // call (`set_exclusive_address_use` borrows it); `optval` points to a live `i32` and
    // `optlen` is its size. The call writes nothing through the pointer.
    let rc = unsafe {
        setsockopt(
            raw as SOCKET,
            SOL_SOCKET,
            SO_EXCLUSIVEADDRUSE,
            (&on as *const i32).cast::<u8>(),
            std::mem::size_of::<i32>() as i32,
        )
    };
    if rc == SOCKET_ERROR {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_a_no_op_off_windows() {
        let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)
            .expect("a socket");
        if cfg!(not(windows)) {
            assert!(super::set_exclusive_address_use(&socket).is_ok());
        }
    }
}
