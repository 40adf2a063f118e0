//! The BigCommerce API host, `{base}/bc-api/stores/{hash}/v2|v3/…` with `X-Auth-Token`: the
//! gate every call passes (store, token, rate limit), error bodies in each version's shape, and
//! `GET /v2/store` and `/v2/time` (BigCommerce docs, Store Information). The resources behind
//! the scope probes are in [`super::probes`].
//!
//! Order of checks, as BigCommerce answers: unknown store 404; unknown, revoked or other-store
//! token 401 (no rate-limit headers); past the quota 429; then the resource: 403 when the token
//! lacks the scope, 404 unknown path, 405 wrong method. Every answer after the token check
//! carries the `X-Rate-Limit-*` headers.

use super::call::{error, missing_scope, Call, Caller, Version};
use super::store_data::StoreShape;
use super::{probes, ratelimit, STORE_INFO_SCOPES};
use crate::config::BcStore;
#[cfg(feature = "faults")]
use crate::faults::{names, Fault};
use crate::World;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

pub(crate) async fn v2(
    world: State<Arc<World>>,
    Path((hash, rest)): Path<(String, String)>,
    method: Method,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = Call::new(method, &rest, query, body);
    serve(&world, &hash, &headers, Version::V2, &call, route_v2)
}

pub(crate) async fn v3(
    world: State<Arc<World>>,
    Path((hash, rest)): Path<(String, String)>,
    method: Method,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = Call::new(method, &rest, query, body);
    serve(
        &world,
        &hash,
        &headers,
        Version::V3,
        &call,
        probes::route_v3,
    )
}

/// The gate, then `route`, then the rate-limit headers.
fn serve(
    world: &World,
    hash: &str,
    headers: &HeaderMap,
    v: Version,
    call: &Call<'_>,
    route: fn(&Caller<'_>, &Call<'_>) -> Response,
) -> Response {
    let Some(store) = world.config.store(hash) else {
        return error(
            v,
            StatusCode::NOT_FOUND,
            "The requested store was not found.",
        );
    };
    let token = headers
        .get("x-auth-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let revoked_by_fault =
        fault_fires!(world, Fault::RevokedBcToken { store_hash } if names(store_hash, hash));
    let bc = &world.config.bigcommerce;
    let (scopes, decision, shape) = {
        let mut st = world.state();
        let shape = st.bc.shapes.get(hash).cloned().unwrap_or_default();
        let scopes = match st.bc.tokens.get(&token) {
            Some(t) if t.revoked_at.is_none() && t.store_hash == hash && !revoked_by_fault => {
                t.scopes.clone()
            }
            // A live key of another store: BigCommerce's 403 "Check the URL. Are the endpoint
            // and store hash correct?" (docs/start/about/status-codes.mdx, Troubleshooting).
            Some(t) if t.revoked_at.is_none() && !revoked_by_fault => {
                return error(
                    v,
                    StatusCode::FORBIDDEN,
                    "You don't have access to this store: check the store hash in the URL.",
                )
            }
            _ => return unauthorized(v, call),
        };
        let d = ratelimit::hit(
            &mut st.bc.rate,
            hash,
            Instant::now(),
            bc.rate_limit_quota,
            bc.rate_limit_window,
        );
        (scopes, d, shape)
    };
    let mut resp = if decision.allowed {
        route(
            &Caller {
                store,
                scopes,
                shape,
            },
            call,
        )
    } else {
        let mut resp = error(
            v,
            StatusCode::TOO_MANY_REQUESTS,
            "You have exceeded the rate limit for this store. Wait for the window to reset.",
        );
        ratelimit::put_retry_after(&mut resp, decision.reset_ms);
        resp
    };
    ratelimit::put_headers(
        &mut resp,
        decision.left,
        decision.reset_ms,
        bc.rate_limit_quota,
        bc.rate_limit_window.as_millis(),
    );
    resp
}

/// 401: the version's error shape — except where an operation's document says otherwise: the
/// catalog's category trees answer `plain/text` (`reference/catalog/category-trees_catalog.v3.yml`,
/// `UnauthorizedError`; read as `text/plain`).
fn unauthorized(v: Version, call: &Call<'_>) -> Response {
    let text = "You are not authorized to access this resource: the access token is invalid or has been revoked.";
    if v == Version::V3 && call.path.starts_with(&["catalog", "trees"]) {
        let plain = [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; charset=utf-8",
        )];
        return (StatusCode::UNAUTHORIZED, plain, text).into_response();
    }
    error(v, StatusCode::UNAUTHORIZED, text)
}

fn route_v2(caller: &Caller<'_>, call: &Call<'_>) -> Response {
    let v = Version::V2;
    match (call.method.as_str(), call.path.as_slice()) {
        ("GET", ["store"]) if caller.has_any(&STORE_INFO_SCOPES) => {
            Json(store_json(caller.store, &caller.shape)).into_response()
        }
        // Both are "Information & Settings" (BigCommerce docs, `reference/store_information.v2.yml`,
        // security scheme: `store_v2_information[_read_only]`).
        ("GET", ["time"]) if caller.has_any(&STORE_INFO_SCOPES) => {
            Json(json!({ "time": time::OffsetDateTime::now_utc().unix_timestamp() }))
                .into_response()
        }
        ("GET", ["store"] | ["time"]) => missing_scope(v),
        (_, ["orders", ..]) => probes::orders_v2(caller, call),
        (_, ["store"] | ["time"]) => error(
            v,
            StatusCode::METHOD_NOT_ALLOWED,
            "The requested method is not supported by this resource.",
        ),
        _ => error(
            v,
            StatusCode::NOT_FOUND,
            "The requested resource was not found.",
        ),
    }
}

/// The documented `GET /v2/store` shape (BigCommerce docs, `reference/store_information.v2.yml`):
/// `features.multi_storefront_enabled` and `storefront_limits` as the store's shape says
/// (`active` is 1 on a single-storefront store).
pub(crate) fn store_json(s: &BcStore, shape: &StoreShape) -> Value {
    let channels = shape.channels(s);
    let storefronts = channels
        .iter()
        .filter(|c| c.kind.as_deref() == Some("storefront"));
    let active = storefronts
        .clone()
        .filter(|c| c.status == "active")
        .count()
        .max(1);
    let total = storefronts.count().max(1);
    let timezone = json!({
            "name": s.timezone,
            "raw_offset": -21600,
            "dst_offset": -18000,
            "date_format": {
                "display": "jS M Y",
                "export": "M jS Y",
                "extended_display": "M jS Y @ g:i A"
            }
    });
    let features = json!({
            "stencil_enabled": true,
            "sitewidehttps_enabled": true,
            "facebook_catalog_id": "",
            "checkout_type": "optimized",
            "wishlists_enabled": true,
            "graphql_storefront_api_enabled": true,
            "shopper_consent_tracking_enabled": false,
            "multi_storefront_enabled": shape.multi_storefront(s),
            "storefront_limits": { "active": active, "total_including_inactive": total }
    });
    json!({
        "id": s.hash,
        "account_uuid": s.account_uuid,
        "domain": s.domain,
        "secure_url": s.secure_url,
        "control_panel_base_url": format!("https://store-{}.mybigcommerce.com", s.hash),
        "status": s.status,
        "name": s.name,
        "first_name": s.first_name,
        "last_name": s.last_name,
        "address": s.address,
        "country": s.country,
        "country_code": s.country_code,
        "phone": s.phone,
        "admin_email": s.admin_email,
        "order_email": s.admin_email,
        "favicon_url": "",
        "language": s.language,
        "currency": s.currency,
        "currency_symbol": "$",
        "decimal_separator": ".",
        "thousands_separator": ",",
        "decimal_places": 2,
        "currency_symbol_location": "left",
        "weight_units": "LBS",
        "dimension_units": "Inches",
        "dimension_decimal_places": 2,
        "dimension_decimal_token": ".",
        "dimension_thousands_token": ",",
        "plan_name": s.plan_name,
        "plan_level": s.plan_level,
        "plan_is_trial": false,
        "industry": "Apparel & Accessories",
        "logo": [],
        "is_price_entered_with_tax": false,
        "store_id": s.id.parse::<u64>().unwrap_or_default(),
        "default_site_id": 1000,
        "default_channel_id": 1,
        "active_comparison_modules": [],
        "timezone": timezone,
        "features": features,
    })
}
