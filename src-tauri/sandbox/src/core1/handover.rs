//! `GET {ws}/bigcommerce/connect?handoff=…`: the Core1 workspace taking the connector's
//! hand-over in the browser ("The Core1 Platform is being initialized…").
//!
//! It needs a Core1 browser session (the `core1_session` cookie of `{ws}/login`) — Actindo's
//! docs ask to be logged in to the workspace first; without one: 303 to
//! `{ws}/login?next=…`, and back here after login. Then the single-use, short-lived hand-over
//! token is spent and the BigCommerce connection for the store is created — named
//! `BigCommerce ({store hash})`, as the connector names its connections (Actindo's own list
//! shows the Shopify twin's as `Shopify ({shop domain})`, `OmniChannelConnectionCreated.png`) —
//! or, when the workspace already has one for that store hash (one connection per
//! store), that one's credentials are updated — through the same functions as `create` and
//! `updateCredentials` (a Full run, `updatedAt` changed). Then 303 to
//! `{base}/connector/done?install=…`. A token that is unknown, used, expired, or for another
//! workspace gets an error page (400).

use super::channels::{self, Credentials, NewConnection, DRIVER_BIGCOMMERCE};
use super::oauth;
use crate::connector::HANDOFF_TTL;
use crate::pages::{self, Brand};
use crate::World;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize)]
pub(crate) struct ConnectQuery {
    #[serde(default)]
    handoff: String,
}

fn refused(text: &str) -> Response {
    pages::message(
        Brand::Core1,
        StatusCode::BAD_REQUEST,
        "Connection not set up",
        text,
    )
}

pub(crate) async fn connect(
    State(world): State<Arc<World>>,
    Path(ws): Path<String>,
    Query(q): Query<ConnectQuery>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if !world.config.has_workspace(&ws) {
        return super::unknown_workspace();
    }
    let expired = "This hand-over from the BigCommerce connector is no longer valid. Start the \
                   setup again from the connector app in your BigCommerce control panel.";
    let valid = {
        let st = world.state();
        st.connector
            .handoffs
            .get(&q.handoff)
            .is_some_and(|h| !h.used && h.workspace == ws && h.issued_at.elapsed() <= HANDOFF_TTL)
    };
    if !valid {
        return refused(expired);
    }
    let Some((_, user)) = oauth::session(&world, &ws, &headers) else {
        let here = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let next = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
        return pages::see_other(&format!("/core1/{ws}/login?{next}"));
    };
    if let Err(why) = channels::may_create(&world, &ws, &user) {
        return refused(&format!(
            "Omni-Channel refused the connection: {}",
            why.error
        ));
    }
    let install_id = {
        let mut st = world.state();
        match st.connector.handoffs.get_mut(&q.handoff) {
            Some(h) if !h.used => {
                h.used = true;
                h.install.clone()
            }
            _ => return refused(expired),
        }
    };
    let (hash, token) = {
        let st = world.state();
        match st.connector.installs.get(&install_id) {
            Some(i) if !i.gone => (i.store_hash.clone(), i.access_token.clone()),
            _ => return refused(
                "The BigCommerce app was uninstalled or installed again since. Start the setup \
                 again from the connector app in your BigCommerce control panel.",
            ),
        }
    };
    let credentials = Credentials {
        store_hash: hash.clone(),
        access_token: token,
    };
    let result = match channels::find_by_store(&world, &ws, &hash) {
        Some(id) => channels::update_credentials(&world, &ws, id, credentials).map(|()| id),
        None => {
            // As Actindo's connector names it: "BigCommerce (k61t8zm5ut)" (Actindo-AG/Documentation
            // at bd453b86, Assets/Screenshots/Channels/Settings/Connections/BigCommerce/
            // ConnectionCredentials.png, shown by BigCommerce/Integration/01_ManageBigCommerceConnection.md).
            let name = format!("BigCommerce ({hash})");
            channels::create_connection(
                &world,
                &ws,
                NewConnection {
                    driver: DRIVER_BIGCOMMERCE.to_owned(),
                    name,
                    credentials,
                },
            )
        }
    };
    let id = match result {
        Ok(id) => id,
        Err(f) => return refused(&format!("Omni-Channel refused the connection: {}", f.error)),
    };
    if let Some(i) = world.state().connector.installs.get_mut(&install_id) {
        i.connected = Some((ws.clone(), id));
    }
    let q = serde_urlencoded::to_string([("install", install_id.as_str())]).unwrap_or_default();
    let mut resp = pages::see_other(&format!("{}/connector/done?{q}", world.base_url));
    let body = "<!doctype html><title>Practice Core1</title><p>The Core1 Platform is being initialized\u{2026}</p>";
    *resp.body_mut() = axum::body::Body::from(body);
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    resp.into_response()
}
