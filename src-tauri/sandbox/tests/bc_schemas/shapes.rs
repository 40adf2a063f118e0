//! Building blocks of the transcribed schemas (JSON Schema 2020-12), and what BigCommerce
//! documents for every answer besides an operation's own: the status codes, the error shapes of
//! each API version and the response headers.
//!
//! Objects are **closed** (`additionalProperties: false`): the documents do not close them (in
//! OpenAPI 3.0 more fields are allowed), but the practice store may send only fields the
//! document names — so a field it invents, or one with a name the document does not have, is
//! caught. Each object lists the document's fields the practice store sends, with their types,
//! and the document's `required` list.

use serde_json::{json, Value};

/// The commit of `bigcommerce/docs` every schema here was transcribed from.
pub const DOCS_COMMIT: &str = "24f580ca6d2981728b7ed70a2049e00fc602c335";

/// A closed object with these properties, `required` as the document lists them.
pub fn obj(properties: Value, required: &[&str]) -> Value {
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// An object the document leaves open (`additionalProperties: true`, e.g. `meta` of a write).
pub fn open_obj() -> Value {
    json!({ "type": "object" })
}

pub fn int() -> Value {
    json!({ "type": "integer" })
}

pub fn int_min(min: i64) -> Value {
    json!({ "type": "integer", "minimum": min })
}

pub fn num() -> Value {
    json!({ "type": "number" })
}

pub fn string() -> Value {
    json!({ "type": "string" })
}

pub fn boolean() -> Value {
    json!({ "type": "boolean" })
}

pub fn date_time() -> Value {
    json!({ "type": "string", "format": "date-time" })
}

pub fn one_of(values: &[&str]) -> Value {
    json!({ "type": "string", "enum": values })
}

pub fn array(items: Value) -> Value {
    json!({ "type": "array", "items": items })
}

/// `links` of a page: `previous`, `current`, `next`, all strings.
pub fn links() -> Value {
    obj(
        json!({ "previous": string(), "current": string(), "next": string() }),
        &[],
    )
}

/// `meta` with page-number pagination (`metaCollection_Full`, `Pagination`, `pagination_Full`,
/// alike in the catalog, customers, inventory and channels documents); the category trees'
/// document adds minimums (`bounded`).
pub fn full_pagination(bounded: bool) -> Value {
    let n = |min: i64| if bounded { int_min(min) } else { int() };
    obj(
        json!({ "pagination": obj(json!({
            "total": n(0), "count": n(0), "per_page": n(0),
            "current_page": n(1), "total_pages": n(0), "links": links(),
        }), &[]) }),
        &[],
    )
}

/// The v3 error answer (`ErrorResponse` of `reference/channels.v3.yml`,
/// `reference/inventory.v3.yml`, `reference/customers.v3.yml`; `errorResponse_422` of the
/// catalog adds `code`): all fields optional, `errors` an open object.
pub fn v3_error() -> Value {
    obj(
        json!({
            "status": int(), "title": string(), "type": string(), "instance": string(),
            "code": int(), "errors": open_obj(),
        }),
        &[],
    )
}

/// The v2 error answer: `[{"status", "message"}]` (`reference/orders.v2.oas2.yml`, `404_Resp`).
pub fn v2_error() -> Value {
    array(obj(json!({ "status": int(), "message": string() }), &[]))
}

/// The REST status codes BigCommerce documents (`docs/start/about/status-codes.mdx`): any
/// answer an operation's own document does not list must be one of these.
pub const DOCUMENTED_STATUSES: [u16; 24] = [
    200, 201, 202, 204, 207, 301, 304, 400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 423, 429,
    499, 500, 501, 503, 507,
];

/// The rate-limit headers on every answer to a known key (`docs/start/about/index.mdx`,
/// "BigCommerce-specific response headers": numbers).
pub const RATE_LIMIT_HEADERS: [&str; 4] = [
    "x-rate-limit-time-window-ms",
    "x-rate-limit-time-reset-ms",
    "x-rate-limit-requests-quota",
    "x-rate-limit-requests-left",
];

/// On a 429: seconds before the quota refreshes, an integer (same page).
pub const RETRY_AFTER: &str = "x-retry-after";
