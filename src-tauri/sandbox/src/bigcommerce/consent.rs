//! The install link, the authorize endpoint and the consent page with Confirm and Cancel.

use super::login::{login_redirect, session};
use super::{scope_in_words, IssuedCode, PendingConsent};
use crate::faults::{covers, Area, Fault};
use crate::pages::{self, Brand};
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

/// What a consent page was opened for.
struct Request {
    redirect_uri: String,
    scopes: Vec<String>,
    state: Option<String>,
    challenge: Option<String>,
}

fn bad_request(title: &str, text: &str) -> Response {
    pages::message(Brand::BigCommerce, StatusCode::BAD_REQUEST, title, text)
}

pub(crate) async fn install(
    State(world): State<Arc<World>>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let app = &world.config.bigcommerce.app;
    if client_id != app.client_id {
        return pages::message(
            Brand::BigCommerce,
            StatusCode::NOT_FOUND,
            "App not found",
            "There is no app with this client id.",
        );
    }
    let request = Request {
        redirect_uri: world.state().bc_callback.clone(),
        scopes: app.scopes.clone(),
        state: None,
        challenge: None,
    };
    show(&world, &headers, &uri, request)
}

pub(crate) async fn authorize(
    State(world): State<Arc<World>>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let app = &world.config.bigcommerce.app;
    let param = |k: &str| q.get(k).map(String::as_str).unwrap_or_default();
    if param("client_id") != app.client_id {
        return bad_request("Unknown app", "The client_id does not belong to any app.");
    }
    let registered = world.state().bc_callback.clone();
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
        redirect_uri: registered.clone(),
        scopes,
        state,
        challenge,
    };
    show(&world, &headers, &uri, request)
}

/// Sends the browser to sign in first, or shows the consent page.
fn show(world: &World, headers: &HeaderMap, uri: &Uri, request: Request) -> Response {
    let Some((sid, email)) = session(world, headers) else {
        let here = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        return login_redirect(here);
    };
    let account = world
        .config
        .bigcommerce
        .accounts
        .iter()
        .find(|a| a.email.eq_ignore_ascii_case(&email));
    let Some(store) = account
        .and_then(|a| a.stores.first())
        .and_then(|h| world.config.store(h))
    else {
        return bad_request("No store", "This login has no store to install the app on.");
    };
    let id = random_token(24);
    let items = request.scopes.iter().map(|s| scope_in_words(s)).collect();
    let app_name = world.config.bigcommerce.app.name.clone();
    world.state().bc.consents.insert(
        id.clone(),
        PendingConsent {
            session: sid,
            email,
            store_hash: store.hash.clone(),
            redirect_uri: request.redirect_uri,
            scopes: request.scopes,
            state: request.state,
            challenge: request.challenge,
        },
    );
    pages::consent(
        Brand::BigCommerce,
        &pages::Consent {
            action: "/bc-login/consent",
            request_id: &id,
            heading: &format!("Install {app_name}?"),
            intro: &format!(
                "{app_name} asks for this access to your store {}:",
                store.name
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

/// The redirect `state` after the wrong/missing-state faults.
pub(crate) fn faulted_state(world: &World, area: Area, state: Option<String>) -> Option<String> {
    if world
        .take_fault(|f| matches!(f, Fault::MissingState { area: a } if covers(*a, area)))
        .is_some()
    {
        return None;
    }
    if world
        .take_fault(|f| matches!(f, Fault::WrongState { area: a } if covers(*a, area)))
        .is_some()
    {
        return Some(format!("wrong-{}", random_token(16)));
    }
    state
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
    let confirmed = d.action == "confirm"
        && world
            .take_fault(
                |f| matches!(f, Fault::ConsentDenied { area } if covers(*area, Area::BcLogin)),
            )
            .is_none();
    let state = faulted_state(&world, Area::BcLogin, p.state.clone());
    let mut params: Vec<(&str, String)> = Vec::new();
    if confirmed {
        let code = random_token(40);
        let store = world.config.store(&p.store_hash);
        let account_uuid = store.map(|s| s.account_uuid.clone()).unwrap_or_default();
        params.push(("code", code.clone()));
        params.push(("scope", p.scopes.join(" ")));
        params.push(("context", format!("stores/{}", p.store_hash)));
        params.push(("account_uuid", account_uuid));
        let mut st = world.state();
        st.record(SecretKind::AuthorizationCode, &code);
        st.bc.codes.insert(
            code,
            IssuedCode {
                email: p.email,
                store_hash: p.store_hash,
                redirect_uri: p.redirect_uri.clone(),
                scopes: p.scopes,
                challenge: p.challenge,
                issued_at: Instant::now(),
                used: false,
            },
        );
    } else {
        params.push(("error", "access_denied".into()));
        params.push((
            "error_description",
            "The user denied access to the app.".into(),
        ));
    }
    if let Some(s) = state {
        params.push(("state", s));
    }
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    pages::redirect(&with_query(&p.redirect_uri, &pairs))
}
