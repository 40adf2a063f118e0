//! The merchant's network, played on 127.0.0.1: what an office puts between the wizard and the
//! real services (feature `network`, for tests; the app never enables it).
//!
//! - [`TestCa`]: a certificate authority made for one test run (`rcgen`), which a test hands to
//!   the operating system's trust store the way the platform reads it (on Linux
//!   `SSL_CERT_FILE`), or leaves out of it — as a company's HTTPS-inspecting proxy re-signs every
//!   connection with a CA that IT installs (or forgot to install) on the computer.
//! - [`HttpsFront`]: an HTTPS listener with a certificate from such a CA, passing every request
//!   on to a plain-HTTP origin (the practice sandbox) like a load balancer in front of it.
//! - [`ConnectProxy`]: a small HTTP `CONNECT` proxy that counts the tunnels it opens, can demand
//!   a password (`407`), and sends every tunnel to one address whatever name was asked for (it
//!   plays the office's DNS too, so no test ever leaves this machine).

mod ca;
mod https;
mod proxy;

pub use ca::{ServerCert, TestCa};
pub use https::HttpsFront;
pub use proxy::ConnectProxy;

/// The TLS implementation's crypto: ring, as everywhere else in the workspace.
fn crypto() -> std::sync::Arc<rustls::crypto::CryptoProvider> {
    std::sync::Arc::new(rustls::crypto::ring::default_provider())
}
