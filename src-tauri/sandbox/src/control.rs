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
//! | `POST /__sandbox/bigcommerce/stores/{hash}/uninstall` | — | `{"revoked": N}` |
//! | `GET`/`PUT /__sandbox/bigcommerce/callback` | `{"url": "…"}` | `{"url": "…"}` |
//! | `POST /__sandbox/core1/{ws}/freeze` | `{"frozen": bool}` | `{"frozen": bool}` |
//! | `GET /__sandbox/core1/{ws}/connections` | — | `[Connection]` |
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
            "/__sandbox/bigcommerce/callback",
            get(get_callback).put(put_callback).post(put_callback),
        )
        .route("/__sandbox/core1/{ws}/freeze", post(freeze))
        .route("/__sandbox/core1/{ws}/connections", get(connections))
        .route("/__sandbox/reset", post(reset))
}

fn error(e: &Error) -> Response {
    let status = match e {
        Error::UnknownStore(_) | Error::UnknownWorkspace(_) => StatusCode::NOT_FOUND,
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
        "bc_callback": world.state().bc_callback,
        "bc_scopes": c.bigcommerce.app.scopes,
        "bc_accounts": c.bigcommerce.accounts.iter().map(|a| json!({"email": a.email, "password": a.password, "stores": a.stores})).collect::<Vec<_>>(),
        "stores": c.bigcommerce.stores.iter().map(|s| json!({"hash": s.hash, "name": s.name})).collect::<Vec<_>>(),
        "core1_workspaces": c.core1.workspaces.iter().map(|w| json!({"name": w, "url": format!("{base}/core1/{w}")})).collect::<Vec<_>>(),
        "core1_users": c.core1.users.iter().map(|u| json!({"email": u.email, "password": u.password})).collect::<Vec<_>>(),
        "core1_client_id": c.core1.client.client_id,
        "core1_redirect_path": c.core1.client.redirect_path,
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
    match world.uninstall_app(&hash) {
        Ok(n) => Json(json!({ "revoked": n })).into_response(),
        Err(e) => error(&e),
    }
}

#[derive(Deserialize)]
struct CallbackBody {
    url: String,
}

async fn get_callback(State(world): State<Arc<World>>) -> Response {
    Json(json!({ "url": world.state().bc_callback })).into_response()
}

async fn put_callback(State(world): State<Arc<World>>, Json(body): Json<CallbackBody>) -> Response {
    world.state().bc_callback = body.url.clone();
    Json(json!({ "url": body.url })).into_response()
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

async fn reset(State(world): State<Arc<World>>) -> Response {
    world.reset();
    Json(json!({ "reset": true })).into_response()
}
