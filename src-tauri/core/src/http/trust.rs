//! Which servers the wizard believes: the operating system's trust store.
//!
//! Why not the roots compiled into the program (reqwest's `rustls-tls`, Mozilla's list): offices
//! that inspect HTTPS (Zscaler, Netskope, Fortinet, many antivirus "web shields") re-sign every
//! connection with their own CA, which IT installs in the operating system's store. A program
//! that trusts only its own list fails every call there, and the merchant reads "check the
//! internet connection" on a computer whose browser works. Browsers, `gh`, `gcloud` and
//! `rclone` all use the OS store.
//!
//! How: [`rustls_platform_verifier`] (maintained by the rustls project; reqwest 0.13 made it its
//! default): on Windows the system's chain engine (`CertGetCertificateChain`: the machine's and
//! the user's stores, group policy, revocation), on macOS the Security framework (`SecTrust`:
//! the keychains and their trust settings), on Linux WebPKI over the bundle
//! `rustls-native-certs` finds (`SSL_CERT_FILE` / `SSL_CERT_DIR` when set, else the
//! distribution's `/etc/ssl/certs`). reqwest 0.12's own `rustls-tls-native-roots` only copies
//! root certificates into rustls, without the platform's policy or revocation, so the verifier
//! is handed to reqwest whole (`use_preconfigured_tls`).
//!
//! Where the OS has no roots at all (the verifier says so on a Linux without a CA bundle), the
//! built-in Mozilla roots (`webpki-roots`) are used instead, so such a machine still reaches the
//! real services. The crypto is ring, as in the rest of the workspace.

use std::sync::Arc;

use rustls::client::danger::ServerCertVerifier;
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::ClientConfig;

use crate::error::{Error, Result};

/// Where the verifier's roots come from, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TrustSource {
    /// The operating system's trust store.
    System,
    /// The built-in Mozilla roots: the OS had none.
    BuiltIn,
}

/// The TLS client configuration of every client: the OS trust store, ALPN `http/1.1` (the
/// clients speak HTTP/1.1 only).
pub(super) fn client_config() -> Result<(ClientConfig, TrustSource)> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let (verifier, source) = verifier(provider.clone())?;
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::internal(format!("TLS versions: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok((config, source))
}

fn verifier(provider: Arc<CryptoProvider>) -> Result<(Arc<dyn ServerCertVerifier>, TrustSource)> {
    match rustls_platform_verifier::Verifier::new(provider.clone()) {
        Ok(platform) => Ok((Arc::new(platform), TrustSource::System)),
        Err(e) => {
            tracing::warn!(error = %e, "no trust store on this computer: using the built-in roots");
            let roots = rustls::RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            };
            let built_in = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .map_err(|e| Error::internal(format!("built-in roots: {e}")))?;
            Ok((built_in, TrustSource::BuiltIn))
        }
    }
}
