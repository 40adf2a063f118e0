//! What a request that got no answer means for the merchant, beyond "could not be reached".
//!
//! Two failures look like a dead network to a program but are not, and each has its own code
//! and words: a server certificate the operating system does not trust (on the way to
//! BigCommerce and Core1, whose certificates are public, that means something re-signs the
//! connection: an office's HTTPS inspection without its CA installed here, an antivirus "web
//! shield"; or, rarely, a clock far off), and a proxy that answers the tunnel request with
//! `407 Proxy Authentication Required`.

use crate::error::Error;

/// A transport failure that the network is not to blame for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Blocked {
    /// The server's certificate failed verification against the OS trust store.
    Untrusted,
    /// The proxy wants a password the wizard does not have (407 to `CONNECT`).
    ProxyPassword,
}

impl Blocked {
    /// Words for the log (no secret, no server text).
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Blocked::Untrusted => "server certificate not trusted by this computer",
            Blocked::ProxyPassword => "the proxy asks for a password",
        }
    }
}

/// What blocked `e`, if anything but the network. Reads the error's chain of causes: rustls's
/// certificate error (wrapped by the TLS stream in an `io::Error`, whose `source()` skips it,
/// hence `get_ref`), and hyper-util's tunnel error for a 407, whose type is private: it is
/// recognised by its name and text, which the proxy tests pin (`tests/network.rs`). The TLS error comes
/// wrapped twice (hyper-util and tokio-rustls each make an `io::Error` of it).
pub(crate) fn blocked(e: &reqwest::Error) -> Option<Blocked> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = next {
        if let Some(found) = judge(err) {
            return Some(found);
        }
        next = match err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner),
            None => err.source(),
        };
    }
    None
}

fn judge(err: &(dyn std::error::Error + 'static)) -> Option<Blocked> {
    if let Some(rustls::Error::InvalidCertificate(_)) = err.downcast_ref::<rustls::Error>() {
        return Some(Blocked::Untrusted);
    }
    // hyper-util's `TunnelError::ProxyAuthRequired`: "tunnel error: proxy authorization required".
    let proxy_password = format!("{err:?}") == "ProxyAuthRequired"
        || err.to_string().ends_with("proxy authorization required");
    proxy_password.then_some(Blocked::ProxyPassword)
}

/// The error for a request that failed in transport: [`Error::ConnectionIntercepted`],
/// [`Error::ProxyAuthRequired`], or `unreachable` (the service's own "could not be reached").
/// The first two are never worth retrying.
pub(crate) fn transport_error(e: &reqwest::Error, unreachable: Error) -> Error {
    match blocked(e) {
        Some(Blocked::Untrusted) => Error::ConnectionIntercepted,
        Some(Blocked::ProxyPassword) => Error::ProxyAuthRequired,
        None => unreachable,
    }
}
