//! One BigCommerce API request as the resource handlers see it ([`Call`], [`Caller`]) and the
//! error answers in each API version's shape. Shared by the gate (`super::api`) and the scope
//! probes' resources (`super::probes`), so neither reaches into the other.

use crate::config::BcStore;
use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;

/// Which API generation a path belongs to (they shape errors differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    V2,
    V3,
}

/// An error in the version's shape: v2 `[{"status", "message"}]` (BigCommerce docs,
/// `reference/orders.v2.oas2.yml`, `404_Resp`), v3 `{"status", "title", "type"}` (e.g.
/// `reference/channels.v3.yml`, `ErrorResponse`; `errors` is optional and left out when empty —
/// the category trees' 403 names no `errors` at all).
pub(crate) fn error(v: Version, status: StatusCode, text: &str) -> Response {
    error_with(v, status, text, json!({}))
}

/// [`error`] with v3 field errors (`errors: {"field": "reason"}`); v2 ignores them.
pub(crate) fn error_with(v: Version, status: StatusCode, text: &str, errors: Value) -> Response {
    let body = match v {
        Version::V2 => json!([{ "status": status.as_u16(), "message": text }]),
        Version::V3 => {
            let mut body = json!({
                "status": status.as_u16(),
                "title": text,
                "type": "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
            });
            if errors.as_object().is_some_and(|e| !e.is_empty()) {
                body["errors"] = errors;
            }
            body
        }
    };
    (status, Json(body)).into_response()
}

/// The 403 BigCommerce gives a token without the endpoint's scope.
pub(crate) fn missing_scope(v: Version) -> Response {
    error(
        v,
        StatusCode::FORBIDDEN,
        "You don't have a required scope to access the endpoint",
    )
}

/// What a request that passed the gate may do.
pub(crate) struct Caller<'a> {
    pub(crate) store: &'a BcStore,
    pub(crate) scopes: Vec<String>,
    /// What was switched of the store at run time (storefronts, channels, products).
    pub(crate) shape: super::store_data::StoreShape,
}

impl Caller<'_> {
    /// Whether the token holds any of `scopes`.
    pub(crate) fn has_any(&self, scopes: &[&str]) -> bool {
        self.scopes.iter().any(|s| scopes.contains(&s.as_str()))
    }
}

/// One API request, as the resource handlers see it.
pub(crate) struct Call<'a> {
    pub(crate) method: Method,
    /// Path segments after `v2/` or `v3/`.
    pub(crate) path: Vec<&'a str>,
    pub(crate) query: HashMap<String, String>,
    pub(crate) body: Bytes,
}

impl<'a> Call<'a> {
    pub(super) fn new(
        method: Method,
        rest: &'a str,
        query: HashMap<String, String>,
        body: Bytes,
    ) -> Self {
        Call {
            method,
            path: rest.split('/').filter(|s| !s.is_empty()).collect(),
            query,
            body,
        }
    }
}
