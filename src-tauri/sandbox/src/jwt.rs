//! HS256 JSON Web Tokens (RFC 7519), for the `signed_payload_jwt` BigCommerce sends to an app's
//! uninstall callback, signed with the app's client secret (BigCommerce docs, Single-Click App
//! Callback Handlers, docs/integrations/apps/guide/callbacks.mdx).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &str) -> Option<HmacSha256> {
    HmacSha256::new_from_slice(secret.as_bytes()).ok()
}

/// `header.claims.signature`, base64url without padding, `alg: HS256`.
pub(crate) fn sign(claims: &Value, secret: &str) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let input = format!("{header}.{payload}");
    let signature = mac(secret)
        .map(|mut m| {
            m.update(input.as_bytes());
            URL_SAFE_NO_PAD.encode(m.finalize().into_bytes())
        })
        .unwrap_or_default();
    format!("{input}.{signature}")
}

/// The claims of `token` if it is an HS256 token signed with `secret` (constant-time check).
pub(crate) fn verify(token: &str, secret: &str) -> Option<Value> {
    let mut parts = token.split('.');
    let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let head: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
    if head["alg"] != "HS256" {
        return None;
    }
    let mut m = mac(secret)?;
    m.update(format!("{header}.{payload}").as_bytes());
    m.verify_slice(&URL_SAFE_NO_PAD.decode(signature).ok()?)
        .ok()?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn signs_and_verifies() {
        let t = sign(&json!({"sub": "stores/abc123"}), "s3cret");
        assert_eq!(
            verify(&t, "s3cret").map(|c| c["sub"].clone()),
            Some(json!("stores/abc123"))
        );
        assert!(verify(&t, "other").is_none());
        assert!(verify(&format!("{t}x"), "s3cret").is_none());
        assert!(verify("a.b", "s3cret").is_none());
    }
}
