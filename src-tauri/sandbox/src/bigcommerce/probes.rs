//! The API resources a client probes to learn what a token may do, each behind its scope as in
//! BigCommerce docs, API Accounts & OAuth Scopes (docs/start/authentication/api-accounts.mdx):
//! reading needs the modify or the `_read_only` scope, writing the modify scope.
//!
//! | call | scope | answer |
//! |---|---|---|
//! | `GET v3/catalog/products?limit&page&include_fields` | products | `{data:[…], meta:{pagination:{total,…}}}`; each product with its `custom_url` |
//! | `POST v3/catalog/products` | `store_v2_products` | 422 (the practice store creates nothing) |
//! | `GET v3/catalog/summary` | products | `{data:{variant_count,…}, meta:{}}` |
//! | `GET v3/catalog/categories?limit&page` | products | data/meta (deprecated by BigCommerce, still served) |
//! | `GET v3/catalog/trees/categories?limit&page` | products | data/meta: the one category tree's categories |
//! | `GET v2/orders/count`, `GET v2/orders` | orders | `{count, statuses}`, `[order…]` |
//! | `POST v2/orders` | `store_v2_orders` | 400 |
//! | `GET v3/customers` | customers | data/meta |
//! | `GET v3/inventory/items` | inventory | data/meta |
//! | `PUT v3/inventory/adjustments/absolute` | `store_inventory` | 422 `application/problem+json` (`items` is required) |
//! | `GET v3/channels?limit&page` | channel settings | the store's channels (`store_data`: its storefronts, then added ones) |
//! | `POST v3/channels` | `store_channel_settings` | 422 |
//! | `GET v3/channels/{id}/listings` | channel listings | data/meta; 400 for a channel the store does not have |
//! | `POST v3/channels/{id}/listings` | `store_channel_listings` | `[]`: 200 with no listings (the document allows an empty array); else 422; 400 for an unknown channel |
//!
//! Without the scope: 403. The store's contents are counts ([`crate::config::StoreCatalog`],
//! and what [`super::store_data::StoreShape`] switched); records are generated on demand. Writes
//! never change anything: a body that is not JSON is a 400, a JSON body gets 422 naming the
//! missing fields (or, complete, saying the practice store is read-only). Statuses, content
//! types and fields follow each operation's document (bigcommerce/docs at 24f580ca; checked by
//! `tests/bc_schemas.rs`).

use super::call::{error, error_with, missing_scope, Call, Caller, Version};
use super::records::{
    self, category, channel, customer, inventory_item, listing, order, product, tree_category,
};
use super::store_data::{self, PRODUCT_ID_BASE};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

const PRODUCTS: [&str; 2] = ["store_v2_products", "store_v2_products_read_only"];
const ORDERS: [&str; 2] = ["store_v2_orders", "store_v2_orders_read_only"];
const CUSTOMERS: [&str; 2] = ["store_v2_customers", "store_v2_customers_read_only"];
const INVENTORY: [&str; 2] = ["store_inventory", "store_inventory_read_only"];
const CHANNELS: [&str; 2] = ["store_channel_settings", "store_channel_settings_read_only"];
const LISTINGS: [&str; 2] = ["store_channel_listings", "store_channel_listings_read_only"];

fn not_found(v: Version) -> Response {
    error(
        v,
        StatusCode::NOT_FOUND,
        "The requested resource was not found.",
    )
}

fn not_allowed(v: Version) -> Response {
    error(
        v,
        StatusCode::METHOD_NOT_ALLOWED,
        "The requested method is not supported by this resource.",
    )
}

/// `read` for GET (either scope), `write` for the modify scope only, then `answer`.
fn gated(
    caller: &Caller<'_>,
    v: Version,
    scopes: [&str; 2],
    write: bool,
    answer: impl FnOnce() -> Response,
) -> Response {
    let ok = if write {
        caller.has_any(&scopes[..1])
    } else {
        caller.has_any(&scopes)
    };
    if ok {
        answer()
    } else {
        missing_scope(v)
    }
}

pub(crate) fn route_v3(caller: &Caller<'_>, call: &Call<'_>) -> Response {
    let v = Version::V3;
    let c = caller.store.catalog;
    let products = caller.shape.products(caller.store);
    let m = call.method.as_str();
    match call.path.as_slice() {
        ["catalog", "products"] => match m {
            "GET" => gated(caller, v, PRODUCTS, false, || {
                let fields = include_fields(call);
                page(call, products, |i| {
                    let id = PRODUCT_ID_BASE + u64::from(i) + 1;
                    with_only_fields(product(i, &caller.shape.custom_url(id)), fields.as_deref())
                })
            }),
            "POST" => gated(caller, v, PRODUCTS, true, || {
                refuse_write(call, &["name", "type", "weight", "price"])
            }),
            _ => not_allowed(v),
        },
        ["catalog", "categories"] => match m {
            "GET" => gated(caller, v, PRODUCTS, false, || {
                page(call, c.categories, category)
            }),
            _ => not_allowed(v),
        },
        ["catalog", "trees", "categories"] => match m {
            "GET" => gated(caller, v, PRODUCTS, false, || {
                page(call, c.categories, tree_category)
            }),
            _ => not_allowed(v),
        },
        ["catalog", "summary"] => match m {
            "GET" => gated(caller, v, PRODUCTS, false, || {
                Json(records::summary(c)).into_response()
            }),
            _ => not_allowed(v),
        },
        ["customers"] => match m {
            "GET" => gated(caller, v, CUSTOMERS, false, || {
                page(call, c.customers, customer)
            }),
            _ => not_allowed(v),
        },
        ["inventory", "items"] => match m {
            "GET" => gated(caller, v, INVENTORY, false, || {
                page(call, c.variants, inventory_item)
            }),
            _ => not_allowed(v),
        },
        ["inventory", "adjustments", "absolute"] => match m {
            "PUT" => gated(caller, v, INVENTORY, true, || {
                problem(refuse_write(call, &["items"]))
            }),
            _ => not_allowed(v),
        },
        ["channels"] => match m {
            "GET" => gated(caller, v, CHANNELS, false, || {
                let all = caller.shape.channels(caller.store);
                page(call, all.len() as u32, move |i| channel(&all[i as usize]))
            }),
            "POST" => gated(caller, v, CHANNELS, true, || {
                refuse_write(call, &["name", "type", "platform"])
            }),
            _ => not_allowed(v),
        },
        ["channels", id, "listings"] => {
            let channel_id = id.parse::<u64>().ok().filter(|id| {
                caller
                    .shape
                    .channels(caller.store)
                    .iter()
                    .any(|c| c.id == *id)
            });
            // An unknown channel: 400 "Invalid channel ID is provided." (`reference/channels.v3.yml`,
            // Get Channel Listings; the same for creating them).
            let unknown = || {
                error(
                    v,
                    StatusCode::BAD_REQUEST,
                    "Invalid channel ID is provided.",
                )
            };
            match (m, channel_id) {
                ("GET", Some(ch)) => gated(caller, v, LISTINGS, false, || {
                    listings_page(call, products, ch)
                }),
                ("POST", Some(_)) => gated(caller, v, LISTINGS, true, || {
                    if serde_json::from_slice::<Value>(&call.body).ok() == Some(json!([])) {
                        Json(json!({ "data": [], "meta": {} })).into_response()
                    } else {
                        refuse_write(call, &["product_id", "state", "variants"])
                    }
                }),
                ("GET", None) => gated(caller, v, LISTINGS, false, unknown),
                ("POST", None) => gated(caller, v, LISTINGS, true, unknown),
                _ => not_allowed(v),
            }
        }
        _ => not_found(v),
    }
}

/// `v2/orders…` (count, list, create).
pub(crate) fn orders_v2(caller: &Caller<'_>, call: &Call<'_>) -> Response {
    let v = Version::V2;
    let catalog = caller.store.catalog;
    let n = catalog.orders;
    match (call.method.as_str(), call.path.as_slice()) {
        ("GET", ["orders", "count"]) => gated(caller, v, ORDERS, false, || {
            let shipped = n / 2;
            Json(json!({
                "statuses": [
                    {"id": 11, "name": "Awaiting Fulfillment", "system_label": "Awaiting Fulfillment", "custom_label": "Awaiting Fulfillment", "system_description": "Customer has completed the checkout process and payment has been confirmed.", "count": n - shipped, "sort_order": 1},
                    {"id": 2, "name": "Shipped", "system_label": "Shipped", "custom_label": "Shipped", "system_description": "Order has been shipped.", "count": shipped, "sort_order": 8}
                ],
                "count": n,
            }))
            .into_response()
        }),
        ("GET", ["orders"]) => gated(caller, v, ORDERS, false, || {
            let (limit, page) = limit_page(call, 50);
            let from = (page - 1).saturating_mul(limit);
            let list: Vec<Value> = (from..n.min(from.saturating_add(limit)))
                .map(|i| order(store_data::order_facts(&catalog, i)))
                .collect();
            if list.is_empty() {
                // BigCommerce's v2 answers an empty page with 204 No Content.
                StatusCode::NO_CONTENT.into_response()
            } else {
                Json(list).into_response()
            }
        }),
        ("POST", ["orders"]) => gated(caller, v, ORDERS, true, || {
            error(
                v,
                StatusCode::BAD_REQUEST,
                "The required field 'products' was not supplied.",
            )
        }),
        (_, ["orders"] | ["orders", "count"]) => not_allowed(v),
        _ => not_found(v),
    }
}

/// `limit` (1..=250, default `default`) and `page` (from 1).
fn limit_page(call: &Call<'_>, default: u32) -> (u32, u32) {
    let num = |k: &str| call.query.get(k).and_then(|s| s.parse::<u32>().ok());
    let limit = num("limit").unwrap_or(default).clamp(1, 250);
    let page = num("page").unwrap_or(1).max(1);
    (limit, page)
}

/// A v3 list page of `total` generated records.
fn page(call: &Call<'_>, total: u32, record: impl Fn(u32) -> Value) -> Response {
    let (limit, page) = limit_page(call, 50);
    let from = (page - 1).saturating_mul(limit);
    let data: Vec<Value> = (from..total.min(from.saturating_add(limit)))
        .map(record)
        .collect();
    let total_pages = total.div_ceil(limit);
    let mut links = json!({ "current": format!("?page={page}&limit={limit}") });
    if page < total_pages {
        links["next"] = json!(format!("?page={}&limit={limit}", page + 1));
    }
    if page > 1 {
        links["previous"] = json!(format!("?page={}&limit={limit}", page - 1));
    }
    Json(json!({
        "data": data,
        "meta": { "pagination": {
            "total": total,
            "count": data.len(),
            "per_page": limit,
            "current_page": page,
            "total_pages": total_pages,
            "links": links,
        }},
    }))
    .into_response()
}

/// A write the practice store refuses without changing anything (see the module doc).
fn refuse_write(call: &Call<'_>, required: &[&str]) -> Response {
    let v = Version::V3;
    let Ok(body) = serde_json::from_slice::<Value>(&call.body) else {
        return error(
            v,
            StatusCode::BAD_REQUEST,
            "The request body is not valid JSON.",
        );
    };
    let first = match &body {
        Value::Array(items) => items.first().cloned().unwrap_or(Value::Null),
        other => other.clone(),
    };
    let missing: serde_json::Map<String, Value> = required
        .iter()
        .filter(|f| first.get(**f).is_none())
        .map(|f| ((*f).to_owned(), json!("error.path.missing")))
        .collect();
    let title = if missing.is_empty() {
        "The practice store is read-only: nothing was changed."
    } else {
        "JSON data is missing or invalid"
    };
    error_with(
        v,
        StatusCode::UNPROCESSABLE_ENTITY,
        title,
        Value::Object(missing),
    )
}

/// `include_fields` (comma-separated), if given.
fn include_fields(call: &Call<'_>) -> Option<Vec<String>> {
    call.query
        .get("include_fields")
        .map(|f| f.split(',').map(|s| s.trim().to_owned()).collect())
}

/// `record` with only `fields` (and its `id`, which BigCommerce always returns) when given.
fn with_only_fields(record: Value, fields: Option<&[String]>) -> Value {
    match (record, fields) {
        (Value::Object(map), Some(fields)) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| k == "id" || fields.iter().any(|f| f == k))
                .collect(),
        ),
        (record, _) => record,
    }
}

/// `resp` as `application/problem+json` (Inventory's error answers, `reference/inventory.v3.yml`).
fn problem(mut resp: Response) -> Response {
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    resp
}

/// A page of listings: `limit` (default 50) after listing id `after` (cursor pagination;
/// `reference/channels.v3.yml`, Get Channel Listings: `meta.pagination` has `count`, `total`,
/// `links`, `total_pages`).
fn listings_page(call: &Call<'_>, total: u32, channel_id: u64) -> Response {
    let num = |k: &str| call.query.get(k).and_then(|s| s.parse::<u32>().ok());
    let limit = num("limit").unwrap_or(50).clamp(1, 1000);
    let after = num("after").unwrap_or(0).min(total);
    let data: Vec<Value> = (after..total.min(after.saturating_add(limit)))
        .map(|i| listing(channel_id, i))
        .collect();
    let mut links = json!({ "current": format!("?limit={limit}") });
    if after.saturating_add(limit) < total {
        links["next"] = json!(format!("?limit={limit}&after={}", after + limit));
    }
    Json(json!({
        "data": data,
        "meta": { "pagination": {
            "count": data.len(),
            "total": total,
            "links": links,
            "total_pages": total.div_ceil(limit),
        }},
    }))
    .into_response()
}
