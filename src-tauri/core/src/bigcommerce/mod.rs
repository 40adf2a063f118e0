//! BigCommerce: the install/consent sign-in ([`oauth`]), the API-account road
//! ([`api_account`]), the store API client ([`client`]), the scopes the connector needs
//! ([`scopes`]), rate limits ([`ratelimit`]), the store's counts ([`counts`]) and its colliding
//! product URLs ([`custom_urls`]).
//!
//! Public contract (BigCommerce docs): token `POST {login}/oauth2/token` (JSON), API
//! `{api}/stores/{hash}/v2|v3/…` with `X-Auth-Token`; 401 = invalid token, 403 = missing scope.
//! BigCommerce documents neither PKCE nor loopback callbacks; see [`oauth`] for what is assumed.

pub(crate) mod api_account;
pub(crate) mod client;
pub(crate) mod counts;
pub(crate) mod custom_urls;
pub(crate) mod oauth;
pub(crate) mod ratelimit;
pub(crate) mod scopes;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};

pub(crate) use api_account::{parse_access_token, parse_account_file, parse_api_path};
pub(crate) use client::BigCommerceClient;
pub(crate) use oauth::BigCommerceSignIn;

/// A store hash (`abc123`): lower-case letters and digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StoreHash(String);

impl StoreHash {
    /// Check and normalise (lower case) a store hash.
    pub fn parse(s: &str) -> Result<Self> {
        let s = s.trim().to_ascii_lowercase();
        if s.is_empty() || s.len() > 64 || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(Error::BigCommerceApiPathInvalid);
        }
        Ok(StoreHash(s))
    }

    /// The hash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for StoreHash {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        StoreHash::parse(&s)
    }
}

impl From<StoreHash> for String {
    fn from(h: StoreHash) -> String {
        h.0
    }
}

impl fmt::Display for StoreHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The store as `GET /v2/store` reports it (the fields the wizard shows or checks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreInfo {
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub domain: String,
    #[serde(default)]
    pub secure_url: String,
    #[serde(default)]
    pub plan_name: String,
    #[serde(default)]
    pub plan_level: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub timezone: Option<serde_json::Value>,
    #[serde(default)]
    pub admin_email: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
}

pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected a string or a number, got {}",
            match other {
                serde_json::Value::Null => "null",
                serde_json::Value::Bool(_) => "a boolean",
                serde_json::Value::Array(_) => "an array",
                _ => "an object",
            }
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_hash_rules() {
        assert_eq!(StoreHash::parse(" ABC123 ").unwrap().as_str(), "abc123");
        for bad in ["", "abc/123", "abc 123", "äbc"] {
            assert_eq!(
                StoreHash::parse(bad).unwrap_err().code(),
                "bigcommerce_api_path_invalid"
            );
        }
    }

    #[test]
    fn store_info_parses_numbers_and_strings() {
        let s: StoreInfo = serde_json::from_str(
            r#"{"id":1000001,"name":"P","domain":"p.example.com","secure_url":"https://p","plan_name":"Plus","status":"live","extra":1}"#,
        )
        .unwrap();
        assert_eq!(s.id, "1000001");
        assert_eq!(s.status.as_deref(), Some("live"));
    }

    /// Found by fuzzing: the error for a wrongly typed answer quoted the value, which may be a
    /// token an echoing server sent back.
    #[test]
    fn a_bad_answer_is_described_without_quoting_it() {
        for body in [
            r#"{"time":"tok-sEcReT-1"}"#,
            r#"["tok-sEcReT-1"]"#,
            r#"{"id":{"x":"tok-sEcReT-1"},"name":"P"}"#,
        ] {
            let e = client::decode_json::<StoreInfo>("v2/store", body.as_bytes()).unwrap_err();
            assert_eq!(e.code(), "bigcommerce_bad_response");
            assert!(!format!("{e} {e:?}").contains("sEcReT"), "{e:?}");
        }
        let e = client::decode_json::<StoreInfo>("v2/store", br#"{"id":1}"#).unwrap_err();
        assert!(e.to_string().contains("missing field `name`"), "{e}");
    }
}
