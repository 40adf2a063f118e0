//! The `{success, errno, error}` envelope every Core1 answer comes in, read without I/O (fuzzed
//! in `src-tauri/core/fuzz`), apart from the client that sends the requests (`api.rs`).

use serde::de::DeserializeOwned;

use super::channels;
use crate::error::{Error, Result};

/// A Core1 answer that is not a success.
pub(crate) enum Envelope {
    /// errno 10000: the access token was not accepted.
    NotLoggedIn,
    /// Any other failure.
    Failed(Error),
}

/// Read the `{success, errno, error}` envelope of a 2xx answer. No I/O (fuzzed in
/// `src-tauri/core/fuzz`).
pub(crate) fn envelope(
    endpoint: &str,
    bytes: &[u8],
) -> std::result::Result<serde_json::Value, Envelope> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|_| {
        Envelope::Failed(Error::Core1BadResponse {
            detail: format!("{endpoint}: not JSON"),
        })
    })?;
    match value.get("success").and_then(|s| s.as_bool()) {
        Some(true) => Ok(value),
        Some(false) => {
            let errno = value.get("errno").and_then(|e| e.as_i64()).unwrap_or(0);
            let message = value
                .get("error")
                .and_then(|e| e.as_str())
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect::<String>();
            if errno == channels::ERRNO_NOT_LOGGED_IN {
                return Err(Envelope::NotLoggedIn);
            }
            tracing::info!(endpoint, errno, "Core1 reported an error");
            Err(Envelope::Failed(
                channels::error_for(errno, &message, &value)
                    .unwrap_or(Error::Core1Api { errno, message }),
            ))
        }
        None => Err(Envelope::Failed(Error::Core1BadResponse {
            detail: format!("{endpoint}: no \"success\" field"),
        })),
    }
}

/// Decode a successful envelope into `T`, or [`Error::Core1BadResponse`]. No I/O (fuzzed).
pub(crate) fn decode_value<T: DeserializeOwned>(
    endpoint: &str,
    value: serde_json::Value,
) -> Result<T> {
    serde_json::from_value(value).map_err(|e| Error::Core1BadResponse {
        detail: format!("{endpoint}: {}", crate::error::json_problem(&e)),
    })
}
