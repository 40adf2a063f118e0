//! The simulated Core1 workspaces, each at `{base}/core1/{name}` (stand-in for
//! `https://{name}.actindo.com`). An unknown name answers 404 on everything.
//!
//! - `GET /` — 200 for a known workspace (reachability check), with the menu's *Dev Tools*
//!   (`#nav-devtools`).
//! - `GET /devtools…` — *Dev Tools › API › App registrations*, see [`registrations`].
//! - `GET /Actindo.CoreModules.Auth.OAuth2.authorize` — see [`oauth`]; login at `/login`,
//!   consent posted to `/consent` (session cookie `core1_session`, path `/core1/{name}`).
//! - `POST /Actindo.CoreModules.Auth.OAuth2Token.getAccessToken` — see [`oauth`].
//! - `POST /Actindo.CoreModules.Tools.TenantTest.ping` — `Authorization: Bearer …`;
//!   `{success:true, workspace, user:{email,name}, time}` or
//!   `{success:false, errno:10000, error:"Not logged in"}` (HTTP 200).
//! - `POST /Actindo.Modules.Actindo.Channels.Connections.*` — see [`channels`].
//! - `GET /bigcommerce/connect?handoff=…` — the connector app's hand-over, in `handover.rs`.
//! - HTTP 530 on everything while the workspace is frozen.

pub mod channels;
pub(crate) mod handover;
pub(crate) mod lifecycle;
pub mod model;
pub mod oauth;
pub mod registrations;
pub mod settings;

use crate::pages::{self, Brand};
use crate::util::bearer;
use crate::World;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;

/// The ping endpoint.
pub const PING: &str = "Actindo.CoreModules.Tools.TenantTest.ping";

pub(crate) fn routes() -> Router<Arc<World>> {
    Router::new()
        .route("/core1/{ws}", any(home))
        .route("/core1/{ws}/", any(home))
        .route("/core1/{ws}/{endpoint}", any(dispatch))
        .route("/core1/{ws}/bigcommerce/connect", get(handover::connect))
        .merge(registrations::routes())
}

/// Run-time state of one workspace. A persistent practice world keeps it but for what is in
/// flight (consents, codes).
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct WorkspaceState {
    /// Session id → user email.
    pub(crate) sessions: HashMap<String, String>,
    #[serde(skip)]
    pub(crate) consents: HashMap<String, oauth::PendingConsent>,
    #[serde(skip)]
    pub(crate) codes: HashMap<String, oauth::IssuedCode>,
    pub(crate) access: HashMap<String, oauth::Access>,
    pub(crate) refresh: HashMap<String, oauth::Refresh>,
    pub(crate) connections: BTreeMap<i64, lifecycle::ConnectionRecord>,
    /// *Dev Tools › API › App registrations*.
    pub(crate) registrations: Vec<registrations::Registered>,
    pub(crate) next_registration_id: i64,
    pub(crate) next_id: i64,
    /// Answered `Connections.list` calls (how hard a client polls; see the benchmark).
    pub(crate) list_calls: u64,
}

impl WorkspaceState {
    /// A workspace as it starts: with the configured app registrations.
    pub(crate) fn seeded(config: &crate::config::Core1Config) -> Self {
        let registrations: Vec<registrations::Registered> = config
            .registrations
            .iter()
            .zip(1..)
            .map(|(r, id)| registrations::Registered {
                id,
                registration: r.clone(),
            })
            .collect();
        Self {
            next_registration_id: registrations.len() as i64,
            registrations,
            ..Self::default()
        }
    }
}

/// The app registration of `client_id` in workspace `ws`, if any (`registrations` keeps them;
/// `oauth` checks requests against them).
pub(crate) fn registration(
    world: &World,
    ws: &str,
    client_id: &str,
) -> Option<crate::config::Core1Registration> {
    let st = world.state();
    st.core1
        .get(ws)?
        .registrations
        .iter()
        .find(|r| r.registration.client_id == client_id)
        .map(|r| r.registration.clone())
}

pub(crate) fn unknown_workspace() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "success": false, "error": "Unknown workspace" })),
    )
        .into_response()
}

async fn home(State(world): State<Arc<World>>, Path(ws): Path<String>) -> Response {
    if !world.config.has_workspace(&ws) {
        return unknown_workspace();
    }
    let body = format!(
        "<h1 id=\"title\">Workspace {name}</h1>\
         <nav id=\"core1-nav\"><a id=\"nav-omni-channel\" href=\"/core1/{name}/\">Omni-Channel</a> \
         <a id=\"nav-devtools\" href=\"/core1/{name}/devtools\">Dev Tools</a></nav>\
         <p id=\"message\">This is the practice Core1 workspace \u{201c}{name}\u{201d}.</p>",
        name = crate::pages::esc(&ws),
    );
    pages::page(
        Brand::Core1,
        StatusCode::OK,
        &format!("Workspace {ws}"),
        &body,
    )
}

async fn dispatch(
    State(world): State<Arc<World>>,
    Path((ws, endpoint)): Path<(String, String)>,
    method: Method,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    if !world.config.has_workspace(&ws) {
        return unknown_workspace();
    }
    let get = method == Method::GET;
    let post = method == Method::POST;
    match endpoint.as_str() {
        "login" if get => oauth::login_form(&uri),
        "login" if post => oauth::login_submit(&world, &ws, &body),
        "consent" if post => oauth::decide(&world, &ws, &headers, &body),
        oauth::AUTHORIZE if get => oauth::authorize(&world, &ws, &headers, &uri),
        oauth::TOKEN if post => oauth::token(&world, &ws, &body),
        PING if post || get => ping(&world, &ws, &headers),
        // Without the Omni-Channel module, its endpoints do not exist.
        e if e.starts_with("Actindo.Modules.Actindo.Channels.")
            && world.config.core1.omni_channel_version.is_none() =>
        {
            (
                StatusCode::NOT_FOUND,
                Json(json!({ "success": false, "error": format!("Unknown endpoint {endpoint}") })),
            )
                .into_response()
        }
        e if post && settings::ENDPOINTS.contains(&e) => {
            settings::serve(&world, &ws, e, &headers, &body)
        }
        e if post && e.starts_with(channels::ENDPOINT_PREFIX) => {
            channels::handle(&world, &ws, e, &headers, &body)
        }
        _ => (
            StatusCode::NOT_FOUND,
            Json(json!({ "success": false, "error": format!("Unknown endpoint {endpoint}") })),
        )
            .into_response(),
    }
}

/// The user behind a live bearer token of this workspace.
pub(crate) fn authenticate(world: &World, ws: &str, headers: &HeaderMap) -> Option<String> {
    let token = bearer(headers)?;
    let st = world.state();
    let access = st.core1.get(ws)?.access.get(&token)?;
    (access.expires_at > Instant::now()).then(|| access.user.clone())
}

/// `{success:false, errno:10000, error}` — the envelope for "not logged in".
pub(crate) fn not_logged_in() -> Response {
    Json(json!({
        "success": false,
        "errno": channels::ERRNO_NOT_LOGGED_IN,
        "error": "Not logged in"
    }))
    .into_response()
}

fn ping(world: &World, ws: &str, headers: &HeaderMap) -> Response {
    let Some(email) = authenticate(world, ws, headers) else {
        return not_logged_in();
    };
    let name = world
        .config
        .core1
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(&email))
        .map(|u| u.name.clone())
        .unwrap_or_default();
    Json(json!({
        "success": true,
        "workspace": ws,
        "user": { "email": email, "name": name },
        "time": crate::util::rfc3339(world.wall_now()),
    }))
    .into_response()
}
