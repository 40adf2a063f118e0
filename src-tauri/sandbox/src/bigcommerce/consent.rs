//! The install link, the (partner-only) authorize endpoint, and the Confirm page with Confirm
//! and Cancel.
//!
//! A marketplace app is installed the documented way (BigCommerce docs, Implementing OAuth,
//! docs/integrations/apps/guide/auth.mdx): the merchant approves all of the app's scopes, then
//! the control panel loads the app's auth callback in an iframe (`#app-frame`) with `code`,
//! `scope`, `context=stores/{hash}`, `account_uuid` — and `external_install=1` when it started
//! from the install link rather than the marketplace (BigCommerce docs, Creating an External
//! Installation Button, docs/integrations/apps/guide/buttons.mdx). No `state` is ever sent.

use super::control_panel::{panel, Viewer, MARKETPLACE};
use super::login::{login_redirect, session};
use super::{apps, scope_in_words, IssuedCode, PendingConsent};
use crate::config::{AppKind, BcApp};
#[cfg(feature = "faults")]
use crate::faults::{covers, faulted_state, Area, Fault};
use crate::pages::{self, esc, Brand};
use crate::util::{random_token, with_query};
use crate::{SecretKind, World};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

/// What a Confirm page was opened for.
struct Request {
    client_id: String,
    redirect_uri: String,
    scopes: Vec<String>,
    state: Option<String>,
    challenge: Option<String>,
    external_install: bool,
}

fn bad_request(title: &str, text: &str) -> Response {
    pages::message(Brand::BigCommerce, StatusCode::BAD_REQUEST, title, text)
}

fn unknown_app() -> Response {
    pages::message(
        Brand::BigCommerce,
        StatusCode::NOT_FOUND,
        "App not found",
        "There is no app with this client id.",
    )
}

/// `GET /bc-login/app/{client_id}/install[?source=marketplace]`.
pub(crate) async fn install(
    State(world): State<Arc<World>>,
    Path(client_id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let Some(app) = world.config.app(&client_id) else {
        return unknown_app();
    };
    let Some(redirect_uri) = world.callback(&client_id) else {
        return unknown_app();
    };
    let request = Request {
        client_id,
        redirect_uri,
        scopes: app.scopes.clone(),
        state: None,
        challenge: None,
        external_install: q.get("source").map(String::as_str) != Some("marketplace"),
    };
    show(&world, &headers, &uri, app, request)
}

/// `GET /bc-login/oauth2/authorize`: NOT documented by BigCommerce, which starts every install in
/// the store and sends no `state`; kept only for a loopback partner registration (road 3).
pub(crate) async fn authorize(
    State(world): State<Arc<World>>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let param = |k: &str| q.get(k).map(String::as_str).unwrap_or_default();
    let Some(app) = world
        .config
        .app(param("client_id"))
        .filter(|a| a.kind == AppKind::LoopbackPartner)
    else {
        return bad_request("Unknown app", "The client_id does not belong to any app.");
    };
    let registered = world.callback(&app.client_id).unwrap_or_default();
    if param("redirect_uri") != registered {
        return bad_request(
            "Wrong redirect_uri",
            "The redirect_uri does not match the app's registered callback URL.",
        );
    }
    let state = q.get("state").cloned();
    let fail = |error: &str, description: &str| {
        let mut params = vec![("error", error), ("error_description", description)];
        if let Some(s) = state.as_deref() {
            params.push(("state", s));
        }
        pages::redirect(&with_query(&registered, &params))
    };
    if param("response_type") != "code" {
        return fail("unsupported_response_type", "response_type must be code");
    }
    let challenge = q.get("code_challenge").filter(|c| !c.is_empty()).cloned();
    if challenge.is_some() && param("code_challenge_method") != "S256" {
        return fail("invalid_request", "code_challenge_method must be S256");
    }
    let scopes: Vec<String> = match q.get("scope").filter(|s| !s.trim().is_empty()) {
        Some(s) => s.split_whitespace().map(str::to_owned).collect(),
        None => app.scopes.clone(),
    };
    if let Some(unknown) = scopes.iter().find(|s| !app.scopes.contains(s)) {
        return fail(
            "invalid_scope",
            &format!("the app is not registered for scope {unknown}"),
        );
    }
    let request = Request {
        client_id: app.client_id.clone(),
        redirect_uri: registered.clone(),
        scopes,
        state,
        challenge,
        external_install: false,
    };
    show(&world, &headers, &uri, app, request)
}

/// Sends the browser to sign in first, or shows the Confirm page.
fn show(world: &World, headers: &HeaderMap, uri: &Uri, app: &BcApp, request: Request) -> Response {
    let Some((sid, email)) = session(world, headers) else {
        let here = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        return login_redirect(here);
    };
    let Some(store) = world
        .config
        .account(&email)
        .and_then(|a| a.stores.first())
        .and_then(|h| world.config.store(h))
    else {
        return bad_request("No store", "This login has no store to install the app on.");
    };
    let id = random_token(24);
    let items = request.scopes.iter().map(|s| scope_in_words(s)).collect();
    world.state().bc.consents.insert(
        id.clone(),
        PendingConsent {
            client_id: request.client_id,
            session: sid,
            email,
            store_hash: store.hash.clone(),
            redirect_uri: request.redirect_uri,
            scopes: request.scopes,
            state: request.state,
            challenge: request.challenge,
            external_install: request.external_install,
        },
    );
    pages::consent(
        Brand::BigCommerce,
        &pages::Consent {
            action: "/bc-login/consent",
            request_id: &id,
            heading: &format!("Install {}?", app.name),
            intro: &format!(
                "{} asks for this access to your store {}. Installing it means approving all of it:",
                app.name, store.name
            ),
            items,
        },
    )
}

#[derive(Deserialize)]
pub(crate) struct Decision {
    #[serde(default)]
    request: String,
    #[serde(default)]
    action: String,
}

pub(crate) async fn decide(
    State(world): State<Arc<World>>,
    headers: HeaderMap,
    Form(d): Form<Decision>,
) -> Response {
    let sid = session(&world, &headers).map(|(sid, _)| sid);
    let pending = world.state().bc.consents.remove(&d.request);
    let Some(p) = pending.filter(|p| Some(&p.session) == sid.as_ref()) else {
        return bad_request(
            "Consent expired",
            "This consent page is no longer valid. Start the installation again.",
        );
    };
    let Some(app) = world.config.app(&p.client_id) else {
        return unknown_app();
    };
    let confirmed = d.action == "confirm"
        && !fault_fires!(world, Fault::ConsentDenied { area } if covers(*area, Area::BcLogin));
    match app.kind {
        AppKind::Marketplace => in_control_panel(&world, app, p, confirmed),
        AppKind::LoopbackPartner => to_loopback(&world, p, confirmed),
    }
}

/// Issues a code for a confirmed install; returns the callback's query parameters.
fn issue_code(world: &World, p: &PendingConsent) -> Vec<(&'static str, String)> {
    let code = random_token(40);
    let account_uuid = world
        .config
        .store(&p.store_hash)
        .map(|s| s.account_uuid.clone())
        .unwrap_or_default();
    let params = vec![
        ("code", code.clone()),
        ("scope", p.scopes.join(" ")),
        ("context", format!("stores/{}", p.store_hash)),
        ("account_uuid", account_uuid),
    ];
    let mut st = world.state();
    st.record(SecretKind::AuthorizationCode, &code);
    st.bc.codes.insert(
        code,
        IssuedCode {
            client_id: p.client_id.clone(),
            email: p.email.clone(),
            store_hash: p.store_hash.clone(),
            redirect_uri: p.redirect_uri.clone(),
            scopes: p.scopes.clone(),
            challenge: p.challenge.clone(),
            issued_at: Instant::now(),
            used: false,
        },
    );
    params
}

/// A marketplace app: the control panel frames the app's auth callback (no `state`), or says the
/// installation was cancelled (no callback call).
fn in_control_panel(world: &World, app: &BcApp, p: PendingConsent, confirmed: bool) -> Response {
    let Some(store) = world.config.store(&p.store_hash) else {
        return bad_request("No store", "This login has no store to install the app on.");
    };
    let viewer = Viewer {
        email: p.email.clone(),
        store: store.clone(),
    };
    if !confirmed {
        let body = format!(
            "<h1 id=\"title\">Installation cancelled</h1>\
             <p id=\"message\">{} was not installed. Nothing was shared with it.</p>\
             <p><a id=\"back-to-marketplace\" href=\"{MARKETPLACE}\">Back to the Marketplace</a></p>",
            esc(&app.name)
        );
        return panel(&viewer, StatusCode::OK, "Installation cancelled", &body);
    }
    let mut params = issue_code(world, &p);
    if p.external_install {
        params.push(("external_install", "1".to_owned()));
    }
    apps::mark_installed(world, &p.store_hash, &app.client_id);
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let src = with_query(&p.redirect_uri, &pairs);
    let body = format!(
        "<h1 id=\"title\">{name}</h1>\
         <iframe id=\"app-frame\" title=\"{name}\" src=\"{src}\"></iframe>",
        name = esc(&app.name),
        src = esc(&src),
    );
    panel(&viewer, StatusCode::OK, &app.name, &body)
}

/// The loopback partner app: a redirect to its registered callback, as before.
fn to_loopback(world: &World, p: PendingConsent, confirmed: bool) -> Response {
    let state = p.state.clone();
    #[cfg(feature = "faults")]
    let state = faulted_state(world, Area::BcLogin, state);
    let mut params: Vec<(&str, String)> = if confirmed {
        let mut params = issue_code(world, &p);
        if p.external_install {
            params.push(("external_install", "1".to_owned()));
        }
        apps::mark_installed(world, &p.store_hash, &p.client_id);
        params
    } else {
        vec![
            ("error", "access_denied".into()),
            (
                "error_description",
                "The user denied access to the app.".into(),
            ),
        ]
    };
    if let Some(s) = state {
        params.push(("state", s));
    }
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    pages::redirect(&with_query(&p.redirect_uri, &pairs))
}
