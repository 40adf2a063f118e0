//! The control API under `{base}/__sandbox/` (JSON), the same operations as [`crate::SandboxHandle`].
//!
//! | method, path | body | answer |
//! |---|---|---|
//! | `GET /__sandbox/` | — | URLs, seeded accounts, workspaces, client ids |
//! | `GET /__sandbox/faults` | — | `[FaultRule]` |
//! | `POST /__sandbox/faults` | `{"fault": Fault, "count": N?}` | `{"id": N}` |
//! | `DELETE /__sandbox/faults` | — | `{"cleared": true}` (also unfreezes) |
//! | `DELETE /__sandbox/faults/{id}` | — | `{"removed": bool}` |
//! | `GET /__sandbox/secrets` | — | `["secret", …]` |
//! | `POST /__sandbox/bigcommerce/stores/{hash}/uninstall` | — | `{"revoked": N}` (every app) |
//! | `POST /__sandbox/bigcommerce/stores/{hash}/api-accounts` | `{"scopes": ["…"]}` | `ApiAccount` fields and `txt` (secrets!) |
//! | `GET`/`PUT /__sandbox/bigcommerce/callback` | `{"url": "…"}` | `{"url": "…"}` (the loopback partner app) |
//! | `GET`/`PUT /__sandbox/bigcommerce/apps/{client_id}/callback` | `{"url": "…"}` | `{"url": "…"}`, 400 when refused |
//! | `POST /__sandbox/core1/{ws}/freeze` | `{"frozen": bool}` | `{"frozen": bool}` |
//! | `GET /__sandbox/core1/{ws}/connections` | — | `[Connection]` |
//! | `POST /__sandbox/core1/{ws}/connections` | `{"storeHash", "name"}` | `Connection` (seeded) |
//! | `GET /__sandbox/core1/{ws}/connections/{id}/settings` | — | `{settings, statistics}` (what the practice Core1 applies) |
//! | `POST /__sandbox/core1/{ws}/connections/{id}/order-errors` | `{"errors": bool}` | `{"errors": bool}` ("Order/Return have errors") |
//! | `POST /__sandbox/bigcommerce/stores/{hash}/storefronts` | `{"count": N, "multiStorefront": bool?}` | `{"storefronts": N}` (more than one: multi-storefront) |
//! | `POST /__sandbox/bigcommerce/stores/{hash}/channels` | `{"name", "type"?, "status"}` | `{"id": N}` (another channel) |
//! | `POST /__sandbox/bigcommerce/stores/{hash}/products` | `{"count"?: N, "customUrls"?: {"112": "/url/"}}` | `{"changed": true}` |
//! | `POST /__sandbox/reset` | — | `{"reset": true}` |
//!
//! Example: `curl -X POST {base}/__sandbox/faults -H 'content-type: application/json'
//! -d '{"fault":{"kind":"server_error","status":503,"area":"bc-api"},"count":1}'`.

use crate::faults::SetFault;
use crate::{Error, World};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

pub(crate) fn routes() -> Router<Arc<World>> {
    Router::new()
        .route("/__sandbox", get(info))
        .route("/__sandbox/", get(info))
        .route(
            "/__sandbox/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/__sandbox/faults/{id}", delete(remove_fault))
        .route("/__sandbox/secrets", get(secrets))
        .route(
            "/__sandbox/bigcommerce/stores/{hash}/uninstall",
            post(uninstall),
        )
        .route(
            "/__sandbox/bigcommerce/stores/{hash}/api-accounts",
            post(create_api_account),
        )
        .route(
            "/__sandbox/bigcommerce/callback",
            get(get_callback).put(put_callback).post(put_callback),
        )
        .route(
            "/__sandbox/bigcommerce/apps/{client_id}/callback",
            get(get_app_callback)
                .put(put_app_callback)
                .post(put_app_callback),
        )
        .route("/__sandbox/core1/{ws}/freeze", post(freeze))
        .route(
            "/__sandbox/core1/{ws}/connections",
            get(connections).post(seed_connection),
        )
        .route(
            "/__sandbox/core1/{ws}/connections/{id}/settings",
            get(applied_settings),
        )
        .route(
            "/__sandbox/core1/{ws}/connections/{id}/order-errors",
            post(order_errors),
        )
        .route(
            "/__sandbox/bigcommerce/stores/{hash}/storefronts",
            post(storefronts),
        )
        .route(
            "/__sandbox/bigcommerce/stores/{hash}/channels",
            post(add_channel),
        )
        .route(
            "/__sandbox/bigcommerce/stores/{hash}/products",
            post(products),
        )
        .route("/__sandbox/reset", post(reset))
}

fn error(e: &Error) -> Response {
    let status = match e {
        Error::UnknownStore(_) | Error::UnknownWorkspace(_) | Error::UnknownApp(_) => {
            StatusCode::NOT_FOUND
        }
        Error::CallbackRefused { .. }
        | Error::ApiAccountLimit(_)
        | Error::UnknownScope(_)
        | Error::ConnectionRefused(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (status, Json(json!({ "error": e.to_string() }))).into_response()
}

async fn info(State(world): State<Arc<World>>) -> Response {
    let base = &world.base_url;
    let c = &world.config;
    Json(json!({
        "base_url": base,
        "bc_login_base": format!("{base}/bc-login"),
        "bc_api_base": format!("{base}/bc-api"),
        "bc_install_url": format!("{base}/bc-login/app/{}/install", c.bigcommerce.app.client_id),
        "bc_client_id": c.bigcommerce.app.client_id,
        "bc_callback": world.callback(&c.bigcommerce.app.client_id),
        "bc_scopes": c.bigcommerce.app.scopes,
        "marketplace_url": format!("{base}/bc-login/deep-links/manage/marketplace/apps"),
        "connector_listing_url": format!("{base}/bc-login/deep-links/manage/marketplace/apps/{}", c.bigcommerce.connector.app_id),
        "my_apps_url": format!("{base}/bc-login/deep-links/manage/marketplace/apps/my-apps"),
        "api_accounts_url": format!("{base}/bc-login/deep-links/settings/api-accounts"),
        "connector_url": format!("{base}/connector"),
        "connector_install_url": format!("{base}/bc-login/app/{}/install", c.bigcommerce.connector.client_id),
        "connector_client_id": c.bigcommerce.connector.client_id,
        "connector_name": c.bigcommerce.connector.name,
        "connector_callback": world.callback(&c.bigcommerce.connector.client_id),
        "connector_scopes": c.bigcommerce.connector.scopes,
        "bc_accounts": c.bigcommerce.accounts.iter().map(|a| json!({"email": a.email, "password": a.password, "stores": a.stores})).collect::<Vec<_>>(),
        "stores": c.bigcommerce.stores.iter().map(|s| json!({"hash": s.hash, "name": s.name})).collect::<Vec<_>>(),
        "core1_workspaces": c.core1.workspaces.iter().map(|w| json!({"name": w, "url": format!("{base}/core1/{w}")})).collect::<Vec<_>>(),
        "core1_users": c.core1.users.iter().map(|u| json!({"email": u.email, "password": u.password})).collect::<Vec<_>>(),
        "core1_registrations": c.core1.registrations.iter().map(|r| json!({"name": r.name, "client_id": r.client_id, "redirect_uri": r.redirect_uri})).collect::<Vec<_>>(),
    }))
    .into_response()
}

async fn list_faults(State(world): State<Arc<World>>) -> Response {
    Json(world.state().faults.list()).into_response()
}

async fn add_fault(State(world): State<Arc<World>>, Json(req): Json<SetFault>) -> Response {
    let id = world.set_fault(req.fault, req.count);
    Json(json!({ "id": id })).into_response()
}

async fn clear_faults(State(world): State<Arc<World>>) -> Response {
    world.state().faults.clear();
    Json(json!({ "cleared": true })).into_response()
}

async fn remove_fault(State(world): State<Arc<World>>, Path(id): Path<u64>) -> Response {
    let removed = world.state().faults.remove_id(id);
    Json(json!({ "removed": removed })).into_response()
}

async fn secrets(State(world): State<Arc<World>>) -> Response {
    let secrets: Vec<String> = world
        .state()
        .ledger
        .iter()
        .map(|(_, s)| s.clone())
        .collect();
    Json(secrets).into_response()
}

async fn uninstall(State(world): State<Arc<World>>, Path(hash): Path<String>) -> Response {
    match crate::bigcommerce::apps::uninstall_all(&world, &hash) {
        Ok(n) => Json(json!({ "revoked": n })).into_response(),
        Err(e) => error(&e),
    }
}

#[derive(Deserialize)]
struct CallbackBody {
    url: String,
}

async fn get_callback(State(world): State<Arc<World>>) -> Response {
    let id = &world.config.bigcommerce.app.client_id;
    Json(json!({ "url": world.callback(id) })).into_response()
}

async fn put_callback(State(world): State<Arc<World>>, Json(body): Json<CallbackBody>) -> Response {
    let id = world.config.bigcommerce.app.client_id.clone();
    world.state().callbacks.insert(id, body.url.clone());
    Json(json!({ "url": body.url })).into_response()
}

async fn get_app_callback(
    State(world): State<Arc<World>>,
    Path(client_id): Path<String>,
) -> Response {
    match world.callback(&client_id) {
        Some(url) => Json(json!({ "url": url })).into_response(),
        None => error(&Error::UnknownApp(client_id)),
    }
}

async fn put_app_callback(
    State(world): State<Arc<World>>,
    Path(client_id): Path<String>,
    Json(body): Json<CallbackBody>,
) -> Response {
    match crate::bigcommerce::apps::register_callback(&world, &client_id, &body.url) {
        Ok(()) => Json(json!({ "url": world.callback(&client_id) })).into_response(),
        Err(e) => error(&e),
    }
}

#[derive(Deserialize)]
struct ApiAccountBody {
    #[serde(default)]
    scopes: Vec<String>,
}

async fn create_api_account(
    State(world): State<Arc<World>>,
    Path(hash): Path<String>,
    Json(body): Json<ApiAccountBody>,
) -> Response {
    let scopes: Vec<&str> = body.scopes.iter().map(String::as_str).collect();
    match crate::bigcommerce::api_accounts::create(&world, &hash, None, &scopes) {
        Ok(a) => Json(json!({
            "name": a.name,
            "store_hash": a.store_hash,
            "client_id": a.client_id,
            "client_secret": a.client_secret,
            "access_token": a.access_token,
            "api_path": a.api_path,
            "scopes": a.scopes,
            "txt": a.txt(),
        }))
        .into_response(),
        Err(e) => error(&e),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SeedBody {
    store_hash: String,
    name: String,
}

async fn seed_connection(
    State(world): State<Arc<World>>,
    Path(ws): Path<String>,
    Json(body): Json<SeedBody>,
) -> Response {
    match crate::core1::channels::seed(&world, &ws, &body.store_hash, &body.name) {
        Ok(c) => Json(c).into_response(),
        Err(e) => error(&e),
    }
}

#[derive(Deserialize)]
struct FreezeBody {
    frozen: bool,
}

async fn freeze(
    State(world): State<Arc<World>>,
    Path(ws): Path<String>,
    Json(body): Json<FreezeBody>,
) -> Response {
    match world.freeze(&ws, body.frozen) {
        Ok(()) => Json(json!({ "frozen": body.frozen })).into_response(),
        Err(e) => error(&e),
    }
}

async fn connections(State(world): State<Arc<World>>, Path(ws): Path<String>) -> Response {
    match world.connections(&ws) {
        Ok(list) => Json(list).into_response(),
        Err(e) => error(&e),
    }
}

#[derive(Deserialize)]
struct OrderErrorsBody {
    errors: bool,
}

async fn order_errors(
    State(world): State<Arc<World>>,
    Path((ws, id)): Path<(String, i64)>,
    Json(b): Json<OrderErrorsBody>,
) -> Response {
    match crate::core1::settings::set_order_return_errors(&world, &ws, id, b.errors) {
        Ok(()) => Json(json!({ "errors": b.errors })).into_response(),
        Err(e) => error(&e),
    }
}

async fn applied_settings(
    State(world): State<Arc<World>>,
    Path((ws, id)): Path<(String, i64)>,
) -> Response {
    match crate::core1::settings::applied(&world, &ws, id) {
        Ok(a) => Json(a).into_response(),
        Err(e) => error(&e),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StorefrontsBody {
    count: u32,
    #[serde(default)]
    multi_storefront: Option<bool>,
}

async fn storefronts(
    State(world): State<Arc<World>>,
    Path(hash): Path<String>,
    Json(body): Json<StorefrontsBody>,
) -> Response {
    let set = crate::bigcommerce::store_data::set_storefronts;
    match set(&world, &hash, body.count, body.multi_storefront) {
        Ok(()) => Json(json!({ "storefronts": body.count.max(1) })).into_response(),
        Err(e) => error(&e),
    }
}

#[derive(Deserialize)]
struct ChannelBody {
    name: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    status: String,
}

async fn add_channel(
    State(world): State<Arc<World>>,
    Path(hash): Path<String>,
    Json(b): Json<ChannelBody>,
) -> Response {
    let added = crate::bigcommerce::store_data::add_channel(
        &world,
        &hash,
        &b.name,
        b.kind.as_deref(),
        &b.status,
    );
    match added {
        Ok(id) => Json(json!({ "id": id })).into_response(),
        Err(e) => error(&e),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProductsBody {
    #[serde(default)]
    count: Option<u32>,
    /// Product id → custom URL.
    #[serde(default)]
    custom_urls: std::collections::HashMap<u64, String>,
}

async fn products(
    State(world): State<Arc<World>>,
    Path(hash): Path<String>,
    Json(b): Json<ProductsBody>,
) -> Response {
    let reshaped = crate::bigcommerce::store_data::reshape(&world, &hash, |s| {
        if b.count.is_some() {
            s.products = b.count;
        }
        s.custom_urls.extend(b.custom_urls);
    });
    match reshaped {
        Ok(()) => Json(json!({ "changed": true })).into_response(),
        Err(e) => error(&e),
    }
}

async fn reset(State(world): State<Arc<World>>) -> Response {
    world.reset();
    Json(json!({ "reset": true })).into_response()
}
