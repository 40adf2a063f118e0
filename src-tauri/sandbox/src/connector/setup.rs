//! "BigCommerce installation" (the workspace URL and START SETUP), the hand-over to Core1, and
//! "BigCommerce connected".

use super::{error_page, workspace_name, Handoff};
use crate::pages::{self, esc, Brand};
use crate::util::random_token;
use crate::{SecretKind, World};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The "BigCommerce installation" page, worded and laid out as Actindo's
/// (`Assets/Screenshots/BigCommerce/Connections/EnterWorkspaceURL.png`, Actindo-AG/Documentation
/// main): a fixed `https://`, a field for the workspace **name**, a fixed `.actindo.com`, START
/// SETUP. `error` above the form (and HTTP 400) when set.
pub(crate) fn page(install: &str, store: &str, workspace: &str, error: Option<&str>) -> Response {
    let error_html = error
        .map(|e| {
            format!(
                "<p class=\"error\" id=\"connector-error\" role=\"alert\">{}</p>",
                esc(e)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "<h1 id=\"title\">BigCommerce Installation</h1>\
         <p>You're about to connect your BigCommerce shop (<strong id=\"connector-store\">{store}</strong>) \
         to your Channels plugin. Please make sure you're logged into your Core1 account before proceeding.</p>\
         <p>If you proceed, we will create a new Channels connection and connect it to your shop.</p>\
         <p>Before proceeding, make sure you have installed the BigCommerce driver from the Actindo Appstore.</p>{error_html}\
         <form id=\"connector-setup-form\" method=\"post\" action=\"/connector/setup\" target=\"_top\">\
         <input type=\"hidden\" name=\"install\" value=\"{install}\">\
         <label for=\"workspace\">Workspace</label>\
         <p class=\"workspace-field\"><span id=\"workspace-prefix\">{prefix}</span>\
         <input type=\"text\" id=\"workspace\" name=\"workspace\" value=\"{workspace}\" \
         placeholder=\"your-workspace-url\" autocomplete=\"off\" required>\
         <span id=\"workspace-suffix\">{suffix}</span></p>\
         <button type=\"submit\" id=\"start-setup\">START SETUP</button></form>",
        store = esc(store),
        install = esc(install),
        workspace = esc(workspace),
        prefix = super::FIELD_PREFIX,
        suffix = super::FIELD_SUFFIX,
    );
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    pages::page(Brand::Connector, status, "BigCommerce Installation", &body)
}

#[derive(Deserialize)]
pub(crate) struct SetupForm {
    #[serde(default)]
    install: String,
    #[serde(default)]
    workspace: String,
}

fn gone() -> Response {
    error_page(
        "Installation no longer valid",
        "This installation has ended (the app was uninstalled or installed again). Install the \
         app again from Apps \u{203a} Marketplace in your BigCommerce control panel.",
    )
}

/// START SETUP: find the workspace, check it answers, hand the browser over to it.
pub(crate) async fn submit(State(world): State<Arc<World>>, Form(f): Form<SetupForm>) -> Response {
    let store_hash = {
        let st = world.state();
        match st.connector.installs.get(&f.install) {
            Some(i) if !i.gone => i.store_hash.clone(),
            _ => return gone(),
        }
    };
    let store = world
        .config
        .store(&store_hash)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| store_hash.clone());
    let typed = f.workspace.trim();
    let again = |error: &str| page(&f.install, &store, typed, Some(error));
    // What the connector forms from its fixed parts and the field, as the real one does.
    let address = format!("{}{typed}{}", super::FIELD_PREFIX, super::FIELD_SUFFIX);
    let Some(name) = workspace_name(typed) else {
        return again(&format!("Could not reach the workspace at {address}."));
    };
    let url = format!("{}/core1/{name}", world.base_url);
    if let Err(why) = reachable(&world, &url).await {
        return again(&format!(
            "Could not reach the workspace at {address}: {why}."
        ));
    }
    if !crate::core1::channels::driver_installed(&world, &name) {
        return again(&format!(
            "The BigCommerce driver is not installed in the workspace {address}. Install it from \
             the Actindo Appstore, then press START SETUP again."
        ));
    }
    let token = random_token(40);
    {
        let mut st = world.state();
        st.record(SecretKind::AuthorizationCode, &token);
        st.connector.handoffs.insert(
            token.clone(),
            Handoff {
                install: f.install.clone(),
                workspace: name.clone(),
                issued_at: Instant::now(),
                used: false,
            },
        );
    }
    let q = serde_urlencoded::to_string([("handoff", token.as_str())]).unwrap_or_default();
    pages::see_other(&format!("{url}/bigcommerce/connect?{q}"))
}

/// Whether the workspace's home answers 200.
async fn reachable(world: &World, url: &str) -> Result<(), String> {
    let answer = world
        .http
        .get(format!("{url}/"))
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    match answer {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) if r.status().as_u16() == 404 => Err("there is no such workspace".to_owned()),
        Ok(r) if r.status().as_u16() == 530 => {
            Err("the workspace is in maintenance, try again later".to_owned())
        }
        Ok(r) => Err(format!("it answered HTTP {}", r.status().as_u16())),
        Err(_) => Err("it did not answer".to_owned()),
    }
}

#[derive(Deserialize)]
pub(crate) struct DoneQuery {
    #[serde(default)]
    install: String,
}

/// "BigCommerce connected": where the connector's part ends.
pub(crate) async fn done(State(world): State<Arc<World>>, Query(q): Query<DoneQuery>) -> Response {
    let (hash, connected) = {
        let st = world.state();
        match st.connector.installs.get(&q.install) {
            Some(i) => (i.store_hash.clone(), i.connected.clone()),
            None => return gone(),
        }
    };
    let Some((ws, _)) = connected else {
        return error_page(
            "Not connected yet",
            "This store has not been handed over to a Core1 workspace yet. Enter the workspace \
             URL and press START SETUP.",
        );
    };
    let store = world
        .config
        .store(&hash)
        .map(|s| s.name.clone())
        .unwrap_or(hash);
    let url = format!("{}/core1/{ws}", world.base_url);
    let body = format!(
        "<h1 id=\"connector-connected\">BigCommerce connected</h1>\
         <p><strong id=\"connected-store\">{store}</strong> is connected to the Core1 workspace \
         <a id=\"connected-workspace\" href=\"{url}/\">{url}</a>. In Omni-Channel \u{203a} \
         Settings \u{203a} Connections the connection is now being checked, synchronized and \
         activated.</p>\
         <p class=\"note\">Do not uninstall this app in BigCommerce: that invalidates the access \
         token and the connection stops working.</p>",
        store = esc(&store),
        url = esc(&url),
    );
    pages::page(
        Brand::Connector,
        StatusCode::OK,
        "BigCommerce connected",
        &body,
    )
}
