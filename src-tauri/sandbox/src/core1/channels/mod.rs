//! The Omni-Channel connection endpoints — the ASSUMED contract, mirrored field for field from
//! the core crate's `core1/channels.rs` (kept independent on purpose: the sandbox checks it).
//!
//! `POST {ws}/Actindo.Modules.Actindo.Channels.Connections.{create|get|list|synchronize|
//! setEnabled|updateCredentials|getSettings|updateSettings|getStatistics}` (the last three in
//! `super::settings`, routed there by `super`), JSON, `Authorization: Bearer …`. Always HTTP 200 with
//! `success`; failures `{success:false, errno, error}`: 10000 not logged in, 20001 duplicate
//! (with `existingId`), 20002 unknown id, 20003 invalid request (also: `synchronize` on a disabled
//! connection), 20004 credentials rejected (`synchronize` while the last check found the
//! credentials rejected — update them first). `synchronize` re-runs only the sync when the
//! credentials were checked fine, else the whole run; `updateCredentials` re-checks and re-runs.
//! The lifecycle (and what changes `updatedAt`) is in `super::lifecycle`. The connector's
//! hand-over (`core1::handover`) creates and updates connections through the same functions
//! as `create` and `updateCredentials`. The names and types are in `super::model`.

mod envelope;
mod setup;

use envelope::{duplicate, ok_one};
pub(crate) use envelope::{fail, invalid, ok_json, parse, unknown, Fail};
use setup::setup_status;
pub(crate) use setup::{driver_installed, may_create};

use super::lifecycle::{start_run, ConnectionRecord, RunKind};
pub use super::model::{
    Connection, ConnectionError, Credentials, NewConnection, Phase, Progress, SetupStatus, CREATE,
    DRIVER_BIGCOMMERCE, ENDPOINT_PREFIX, ERRNO_CREDENTIALS_REJECTED, ERRNO_DRIVER_MISSING,
    ERRNO_DUPLICATE, ERRNO_INVALID_REQUEST, ERRNO_NOT_LOGGED_IN, ERRNO_NOT_PERMITTED,
    ERRNO_UNKNOWN_CONNECTION, GET, GET_SETTINGS, GET_SETUP_STATUS, GET_STATISTICS, LIST,
    SET_ENABLED, SYNCHRONIZE, UPDATE_CREDENTIALS, UPDATE_SETTINGS,
};
use super::{authenticate, not_logged_in};
use crate::{Error, SecretKind, State, World};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use std::time::Instant;

#[derive(Deserialize)]
struct CreateReq {
    connection: NewConnection,
}
#[derive(Deserialize)]
struct IdReq {
    id: i64,
}
#[derive(Deserialize)]
struct EnableReq {
    id: i64,
    enabled: bool,
}
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CredentialsReq {
    id: i64,
    credentials: Credentials,
}

fn valid_credentials(c: &Credentials) -> Result<(), Fail> {
    if c.store_hash.trim().is_empty() || c.access_token.trim().is_empty() {
        return Err(invalid(
            "credentials.storeHash and credentials.accessToken are required",
        ));
    }
    Ok(())
}

pub(crate) fn handle(
    world: &Arc<World>,
    ws: &str,
    endpoint: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let Some(user) = authenticate(world, ws, headers) else {
        return not_logged_in();
    };
    let result = match endpoint {
        GET_SETUP_STATUS => Ok(setup_status(world, ws, &user)),
        CREATE => may_create(world, ws, &user).and_then(|()| create(world, ws, body)),
        GET => {
            parse::<IdReq>(body).and_then(|r| change_connection(world, ws, r.id, |_, _| Ok(None)))
        }
        LIST => list(world, ws),
        SYNCHRONIZE => parse::<IdReq>(body).and_then(|r| {
            let lc = &world.config.core1.lifecycle;
            let now = Instant::now();
            change_connection(world, ws, r.id, |c, revoked_at| {
                if !c.enabled {
                    return Err(invalid("the connection is disabled; enable it first"));
                }
                if c.credentials_rejected(lc, now, revoked_at) {
                    return Err(fail(
                        ERRNO_CREDENTIALS_REJECTED,
                        "BigCommerce rejected this connection's credentials; update them first",
                    ));
                }
                let kind = if c.credentials_checked_ok(lc, now, revoked_at) {
                    RunKind::SyncOnly
                } else {
                    RunKind::Full
                };
                Ok(Some(kind))
            })
        }),
        SET_ENABLED => parse::<EnableReq>(body).and_then(|r| {
            let wall = world.wall_now();
            change_connection(world, ws, r.id, |c, _| {
                c.enabled = r.enabled;
                c.touch(wall);
                Ok(None)
            })
        }),
        UPDATE_CREDENTIALS => parse::<CredentialsReq>(body).and_then(|r| {
            update_credentials(world, ws, r.id, r.credentials)?;
            Ok(ok_one(view(world, ws, r.id).ok_or_else(|| unknown(r.id))?))
        }),
        _ => Err(fail(ERRNO_INVALID_REQUEST, "Unknown connection endpoint")),
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

/// `updateCredentials`: new credentials, `updatedAt` touched, the whole run again.
pub(crate) fn update_credentials(
    world: &Arc<World>,
    ws: &str,
    id: i64,
    credentials: Credentials,
) -> Result<(), Fail> {
    valid_credentials(&credentials)?;
    world
        .state()
        .record(SecretKind::ConnectionCredential, &credentials.access_token);
    if let Some(existing) = duplicate_of(world, ws, &credentials.store_hash, Some(id)) {
        return Err(duplicate(existing));
    }
    let wall = world.wall_now();
    change_connection(world, ws, id, |c, _| {
        c.store_hash = credentials.store_hash.clone();
        c.access_token = credentials.access_token.clone();
        c.touch(wall);
        Ok(Some(RunKind::Full))
    })?;
    Ok(())
}

/// The connection of a workspace for a store hash (one per store), if any.
pub(crate) fn find_by_store(world: &World, ws: &str, hash: &str) -> Option<i64> {
    duplicate_of(world, ws, hash, None)
}

fn duplicate_of(world: &World, ws: &str, hash: &str, except: Option<i64>) -> Option<i64> {
    let st = world.state();
    st.core1.get(ws)?.connections.values().find_map(|c| {
        (c.store_hash.eq_ignore_ascii_case(hash) && Some(c.id) != except).then_some(c.id)
    })
}

fn create(world: &Arc<World>, ws: &str, body: &[u8]) -> Result<Response, Fail> {
    let req: CreateReq = parse(body)?;
    let id = create_connection(world, ws, req.connection)?;
    Ok(ok_one(view(world, ws, id).ok_or_else(|| unknown(id))?))
}

/// `create`: a new connection (one per store hash), its lifecycle started; returns its id.
pub(crate) fn create_connection(
    world: &Arc<World>,
    ws: &str,
    new: NewConnection,
) -> Result<i64, Fail> {
    valid_credentials(&new.credentials)?;
    if new.driver != DRIVER_BIGCOMMERCE {
        return Err(invalid(format!("driver must be {DRIVER_BIGCOMMERCE}")));
    }
    if new.name.trim().is_empty() {
        return Err(invalid("connection.name is required"));
    }
    world.state().record(
        SecretKind::ConnectionCredential,
        &new.credentials.access_token,
    );
    if let Some(existing) = duplicate_of(world, ws, &new.credentials.store_hash, None) {
        return Err(duplicate(existing));
    }
    let wall = world.wall_now();
    let id = {
        let mut st = world.state();
        let w = st.core1.entry(ws.to_owned()).or_default();
        w.next_id += 1;
        let id = w.next_id;
        w.connections.insert(
            id,
            ConnectionRecord::new(id, new.name, new.credentials, wall),
        );
        id
    };
    start_run(world, ws, id, RunKind::Full);
    Ok(id)
}

/// A connection record as Core1 reports it now (its token's revocation looked up).
fn view_in(world: &World, st: &State, c: &ConnectionRecord, now: Instant) -> Connection {
    c.view(
        &world.config.core1.lifecycle,
        now,
        st.bc.revoked_at(&c.access_token),
    )
}

/// Every connection of a workspace as `list` reports it.
pub(crate) fn list_views(world: &World, ws: &str) -> Vec<Connection> {
    let now = Instant::now();
    let st = world.state();
    st.core1
        .get(ws)
        .map(|w| {
            w.connections
                .values()
                .map(|c| view_in(world, &st, c, now))
                .collect()
        })
        .unwrap_or_default()
}

fn list(world: &World, ws: &str) -> Result<Response, Fail> {
    if let Some(w) = world.state().core1.get_mut(ws) {
        w.list_calls += 1;
    }
    let list = list_views(world, ws);
    Ok(Json(json!({ "success": true, "connections": list })).into_response())
}

/// See [`crate::SandboxHandle::seed_connection`].
pub(crate) fn seed(
    world: &Arc<World>,
    ws: &str,
    store_hash: &str,
    name: &str,
) -> crate::Result<Connection> {
    if !world.config.has_workspace(ws) {
        return Err(Error::UnknownWorkspace(ws.to_owned()));
    }
    let scopes = world.config.bigcommerce.connector.scopes.clone();
    let scopes: Vec<&str> = scopes.iter().map(String::as_str).collect();
    let account = crate::bigcommerce::api_accounts::create(
        world,
        store_hash,
        Some("Omni-Channel (seeded)"),
        &scopes,
    )?;
    let new = NewConnection {
        driver: DRIVER_BIGCOMMERCE.to_owned(),
        name: name.to_owned(),
        credentials: Credentials {
            store_hash: store_hash.to_owned(),
            access_token: account.access_token,
        },
    };
    let id = create_connection(world, ws, new).map_err(|f| Error::ConnectionRefused(f.error))?;
    view(world, ws, id).ok_or_else(|| Error::UnknownWorkspace(ws.to_owned()))
}

/// Sets connection `id`'s `createdAt` and `updatedAt` back by `age` (see
/// [`crate::SandboxHandle::seed_connection_changed_ago`]).
pub(crate) fn backdate(world: &World, ws: &str, id: i64, age: std::time::Duration) {
    let age = time::Duration::try_from(age).unwrap_or(time::Duration::ZERO);
    if let Some(c) = world
        .state()
        .core1
        .get_mut(ws)
        .and_then(|w| w.connections.get_mut(&id))
    {
        c.backdate(age);
    }
}

/// Connection `id` as Core1 reports it now.
pub(crate) fn view(world: &World, ws: &str, id: i64) -> Option<Connection> {
    let st = world.state();
    let c = st.core1.get(ws)?.connections.get(&id)?;
    Some(view_in(world, &st, c, Instant::now()))
}

/// Applies `change` (given the record and its token's revocation time) to connection `id`; when
/// it asks for a run, starts it; answers the connection.
fn change_connection(
    world: &Arc<World>,
    ws: &str,
    id: i64,
    change: impl FnOnce(
        &mut ConnectionRecord,
        Option<std::time::Instant>,
    ) -> Result<Option<RunKind>, Fail>,
) -> Result<Response, Fail> {
    let run = {
        let mut st = world.state();
        let st = &mut *st;
        let c = st
            .core1
            .get_mut(ws)
            .and_then(|w| w.connections.get_mut(&id))
            .ok_or_else(|| unknown(id))?;
        let revoked_at = st.bc.revoked_at(&c.access_token);
        change(c, revoked_at)?
    };
    if let Some(kind) = run {
        start_run(world, ws, id, kind);
    }
    Ok(ok_one(view(world, ws, id).ok_or_else(|| unknown(id))?))
}
