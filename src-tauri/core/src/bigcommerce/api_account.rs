//! The API-account road: the merchant creates a store-level API account in the control panel,
//! ticks the scopes of [`super::scopes::REQUIRED_SCOPES`], and pastes the *API path* and the access
//! token BigCommerce shows once. Both are checked before use.

use url::Url;

use super::StoreHash;
use crate::error::{Error, Result};
use crate::profile::{profile_url, Profile};
use crate::secret_string::SecretString;

/// Read the store hash from an API path, liberally: with or without scheme, `v2`/`v3`, a
/// trailing slash or surrounding whitespace, e.g. `https://api.bigcommerce.com/stores/abc123/v3/`
/// or `api.bigcommerce.com/stores/abc123`.
pub(crate) fn parse_api_path(input: &str) -> Result<StoreHash> {
    let text = input.trim();
    if text.is_empty() {
        return Err(Error::BigCommerceApiPathInvalid);
    }
    let path = match Url::parse(text) {
        Ok(url) if url.has_host() => url.path().to_owned(),
        _ => {
            // No scheme: drop a leading host if there is one.
            let no_query = text.split(['?', '#']).next().unwrap_or_default();
            no_query.to_owned()
        }
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let hash = segments
        .windows(2)
        .find(|w| w[0].eq_ignore_ascii_case("stores"))
        .map(|w| w[1])
        .ok_or(Error::BigCommerceApiPathInvalid)?;
    StoreHash::parse(hash)
}

/// Check a pasted access token's form (not its validity): trimmed, non-empty, no spaces, only
/// visible ASCII, at most 256 characters.
pub(crate) fn parse_access_token(input: &str) -> Result<SecretString> {
    let t = input.trim();
    if t.is_empty() || t.len() > 256 || !t.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::BigCommerceTokenMalformed);
    }
    Ok(SecretString::new(t))
}

/// The largest API account file read. BigCommerce's is about 300 bytes; the page refuses a
/// larger pick before reading it (`ui/js/screens/bigcommerce.js` holds the same number).
pub const ACCOUNT_FILE_MAX_BYTES: usize = 64 * 1024;

/// The API path and access token from the .txt file BigCommerce downloads when an API account
/// is created (lines `KEY: value`: `ACCESS TOKEN`, `CLIENT NAME`, `API PATH`, `CLIENT ID`,
/// `CLIENT SECRET`; any order, CRLF or LF, keys in any case). The layout is what BigCommerce's
/// control panel saves (seen, not documented), so only the two needed keys are required and
/// everything else is ignored. The file's client secret is never read into memory kept here.
pub(crate) fn parse_account_file(text: &str) -> Result<(StoreHash, SecretString)> {
    if text.len() > ACCOUNT_FILE_MAX_BYTES {
        return Err(Error::ApiAccountFileTooLarge);
    }
    let value = |key: &str| {
        text.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.trim().eq_ignore_ascii_case(key).then(|| v.trim())
        })
    };
    let path = value("API PATH").ok_or(Error::ApiAccountFileInvalid { field: "API PATH" })?;
    let token = value("ACCESS TOKEN").ok_or(Error::ApiAccountFileInvalid {
        field: "ACCESS TOKEN",
    })?;
    Ok((parse_api_path(path)?, parse_access_token(token)?))
}

/// The page where a merchant creates store-level API accounts (the profile's
/// `api_accounts_url`, `{store_hash}` filled in when known).
pub fn api_accounts_page(profile: &Profile, store_hash: Option<&StoreHash>) -> Result<Url> {
    let template = &profile.bigcommerce.api_accounts_url;
    let url = match store_hash {
        Some(h) => template.replace("{store_hash}", h.as_str()),
        None => template.replace("{store_hash}", ""),
    };
    profile_url(&url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_paths() {
        for input in [
            "https://api.bigcommerce.com/stores/abc123/v3/",
            "https://api.bigcommerce.com/stores/abc123/v3",
            "https://api.bigcommerce.com/stores/abc123/v2/",
            "https://api.bigcommerce.com/stores/abc123",
            "  https://api.bigcommerce.com/stores/ABC123/  \n",
            "api.bigcommerce.com/stores/abc123/v3/",
            "/stores/abc123/v3",
            "stores/abc123",
            "http://127.0.0.1:4000/bc-api/stores/abc123/v3/",
        ] {
            assert_eq!(
                parse_api_path(input).unwrap().as_str(),
                "abc123",
                "{input:?}"
            );
        }
        for bad in [
            "",
            "https://api.bigcommerce.com/",
            "abc123",
            "https://api.bigcommerce.com/stores/",
            "stores/ab c",
        ] {
            assert_eq!(
                parse_api_path(bad).unwrap_err().code(),
                "bigcommerce_api_path_invalid",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn account_files() {
        let text = "ACCESS TOKEN: tok123\r\nCLIENT NAME: Core1\r\nAPI PATH: https://api.bigcommerce.com/stores/abc123/v3/\r\nCLIENT ID: cid\r\nCLIENT SECRET: csec\r\n";
        let (hash, token) = parse_account_file(text).unwrap();
        assert_eq!(hash.as_str(), "abc123");
        assert_eq!(token.expose(), "tok123");
        let lower = "api path: http://127.0.0.1:4/bc-api/stores/def456/v3/\naccess token:  t2 \n";
        assert_eq!(parse_account_file(lower).unwrap().0.as_str(), "def456");
        for (bad, code) in [
            ("", "api_account_file_invalid"),
            ("ACCESS TOKEN: x", "api_account_file_invalid"),
            (
                "API PATH: https://api.bigcommerce.com/stores/abc123/v3/",
                "api_account_file_invalid",
            ),
            (
                "API PATH: nope\nACCESS TOKEN: x",
                "bigcommerce_api_path_invalid",
            ),
            (
                "API PATH: /stores/abc123\nACCESS TOKEN: a b",
                "bigcommerce_token_malformed",
            ),
        ] {
            assert_eq!(parse_account_file(bad).unwrap_err().code(), code, "{bad:?}");
        }
        let mut over = "API PATH: /stores/abc123\nACCESS TOKEN: tok\n".to_owned();
        over.push_str(&" ".repeat(ACCOUNT_FILE_MAX_BYTES - over.len()));
        assert!(parse_account_file(&over).is_ok(), "exactly at the limit");
        over.push(' ');
        assert_eq!(
            parse_account_file(&over).unwrap_err(),
            Error::ApiAccountFileTooLarge,
            "one byte over: too large, not a missing field"
        );
        let err = parse_account_file("ACCESS TOKEN: secret-value").unwrap_err();
        assert!(!err.to_string().contains("secret-value"));
    }

    #[test]
    fn tokens() {
        assert_eq!(
            parse_access_token("  abcDEF123 \n").unwrap().expose(),
            "abcDEF123"
        );
        for bad in ["", "   ", "abc def", "äbc"] {
            assert_eq!(
                parse_access_token(bad).unwrap_err().code(),
                "bigcommerce_token_malformed"
            );
        }
    }
}
