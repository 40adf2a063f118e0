//! The envelope every Connections answer comes in: HTTP 200 with `success`, and on failure
//! `errno` and `error` (and `existingId` for a duplicate).

use super::{Connection, ERRNO_DUPLICATE, ERRNO_INVALID_REQUEST, ERRNO_UNKNOWN_CONNECTION};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// A failed call: the `{success:false, errno, error[, existingId]}` envelope.
pub(crate) struct Fail {
    errno: i64,
    pub(crate) error: String,
    existing_id: Option<i64>,
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        let mut body = json!({ "success": false, "errno": self.errno, "error": self.error });
        if let Some(id) = self.existing_id {
            body["existingId"] = json!(id);
        }
        Json(body).into_response()
    }
}

pub(crate) fn fail(errno: i64, error: &str) -> Fail {
    Fail {
        errno,
        error: error.to_owned(),
        existing_id: None,
    }
}

pub(crate) fn invalid(error: impl std::fmt::Display) -> Fail {
    fail(ERRNO_INVALID_REQUEST, &format!("Invalid request: {error}"))
}

/// A success envelope as it is.
pub(crate) fn ok_json(body: serde_json::Value) -> Response {
    Json(body).into_response()
}

pub(super) fn ok_one(c: Connection) -> Response {
    Json(json!({ "success": true, "connection": c })).into_response()
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Fail> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    serde_json::from_slice(body).map_err(invalid)
}

pub(crate) fn unknown(id: i64) -> Fail {
    fail(
        ERRNO_UNKNOWN_CONNECTION,
        &format!("There is no connection with id {id}"),
    )
}

pub(super) fn duplicate(existing: i64) -> Fail {
    Fail {
        errno: ERRNO_DUPLICATE,
        error: format!("A connection for this store already exists (id {existing})"),
        existing_id: Some(existing),
    }
}
