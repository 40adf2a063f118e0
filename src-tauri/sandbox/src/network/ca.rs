//! A test certificate authority and the server certificates it issues.

use std::net::IpAddr;
use std::path::Path;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use time::{Duration, OffsetDateTime};

use crate::{Error, Result};

/// A certificate authority generated for one test run: its root certificate (PEM, for a trust
/// store) and the key that signs the server certificates it issues.
pub struct TestCa {
    issuer: Issuer<'static, KeyPair>,
    cert: CertificateDer<'static>,
    pem: String,
}

/// A server's certificate chain (leaf, then the CA) and private key, for [`super::HttpsFront`].
pub struct ServerCert {
    pub(super) chain: Vec<CertificateDer<'static>>,
    pub(super) key: PrivateKeyDer<'static>,
}

impl TestCa {
    /// A new root CA named `name` (its subject's common name), valid from yesterday for 30 days.
    pub fn new(name: &str) -> Result<TestCa> {
        let mut params = CertificateParams::new(Vec::<String>::new()).map_err(cert_error)?;
        params.distinguished_name.push(DnType::CommonName, name);
        params
            .distinguished_name
            .push(DnType::OrganizationName, "Core1 BigCommerce Setup tests");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        validity(&mut params);
        let key = KeyPair::generate().map_err(cert_error)?;
        let cert = params.self_signed(&key).map_err(cert_error)?;
        Ok(TestCa {
            pem: cert.pem(),
            cert: cert.der().clone(),
            issuer: Issuer::new(params, key),
        })
    }

    /// The root certificate, PEM-encoded.
    pub fn cert_pem(&self) -> &str {
        &self.pem
    }

    /// Writes the root certificate as a PEM file (a bundle for `SSL_CERT_FILE`).
    pub fn write_pem(&self, path: &Path) -> Result<()> {
        std::fs::write(path, &self.pem)?;
        Ok(())
    }

    /// A server certificate for `names` (DNS names or IP addresses), signed by this CA.
    pub fn issue(&self, names: &[&str]) -> Result<ServerCert> {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut params = CertificateParams::new(names.clone()).map_err(cert_error)?;
        let common = names
            .iter()
            .find(|n| n.parse::<IpAddr>().is_err())
            .or(names.first())
            .cloned()
            .unwrap_or_default();
        params.distinguished_name.push(DnType::CommonName, common);
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.use_authority_key_identifier_extension = true;
        validity(&mut params);
        let key = KeyPair::generate().map_err(cert_error)?;
        let cert = params.signed_by(&key, &self.issuer).map_err(cert_error)?;
        Ok(ServerCert {
            chain: vec![cert.der().clone(), self.cert.clone()],
            key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        })
    }
}

/// From yesterday (clocks differ a little) for 30 days: a realistic lifetime, which every
/// platform's verifier accepts.
fn validity(params: &mut CertificateParams) {
    let now = OffsetDateTime::now_utc();
    params.not_before = now - Duration::days(1);
    params.not_after = now + Duration::days(30);
}

fn cert_error(e: rcgen::Error) -> Error {
    Error::Certificate(e.to_string())
}
