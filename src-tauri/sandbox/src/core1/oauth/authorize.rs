//! The authorize request, the Core1 login on the way, and the consent page's Confirm or Cancel
//! (which redirects with a code, or with `error=access_denied`).

use super::{
    bad_request, redirect_matches, session, IssuedCode, PendingConsent, REQUIRED_SCOPE,
    SESSION_COOKIE,
};
#[cfg(feature = "faults")]
use crate::faults::{covers, faulted_state, Area, Fault};
use crate::pages::{self, Brand};
use crate::util::{random_token, with_query};
use crate::{SecretKind, World};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use serde::Deserialize;
use std::collections::HashMap;
use std::time::Instant;

pub(crate) fn authorize(world: &World, ws: &str, headers: &HeaderMap, uri: &Uri) -> Response {
    let q: HashMap<String, String> =
        serde_urlencoded::from_str(uri.query().unwrap_or_default()).unwrap_or_default();
    let param = |k: &str| q.get(k).map(String::as_str).unwrap_or_default();
    let client_id = param("client_id").to_owned();
    let Some(registration) = crate::core1::registration(world, ws, &client_id) else {
        return bad_request(
            "Unknown client",
            "This workspace has no app registration with this Application (client) ID.",
        );
    };
    let redirect_uri = param("redirect_uri").to_owned();
    if !redirect_matches(&registration, &redirect_uri) {
        return bad_request(
            "Wrong redirect_uri",
            "The redirect_uri is not the Redirect URI registered for this app.",
        );
    }
    let state = q.get("state").cloned();
    let fail = |error: &str, description: &str| {
        let mut params = vec![("error", error), ("error_description", description)];
        if let Some(s) = state.as_deref() {
            params.push(("state", s));
        }
        pages::redirect(&with_query(&redirect_uri, &params))
    };
    if param("response_type") != "code" {
        return fail("unsupported_response_type", "response_type must be code");
    }
    if !param("scope").split(' ').any(|s| s == REQUIRED_SCOPE) {
        return fail("invalid_scope", "the scope must include profile");
    }
    let challenge = q.get("code_challenge").filter(|c| !c.is_empty()).cloned();
    if challenge.is_some() && param("code_challenge_method") != "S256" {
        return fail("invalid_request", "code_challenge_method must be S256");
    }
    let Some((sid, user)) = session(world, ws, headers) else {
        let here = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let next = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
        return pages::redirect(&format!("/core1/{ws}/login?{next}"));
    };
    let id = random_token(24);
    let scope = param("scope").to_owned();
    world
        .state()
        .core1
        .entry(ws.to_owned())
        .or_default()
        .consents
        .insert(
            id.clone(),
            PendingConsent {
                client_id: client_id.clone(),
                session: sid,
                user: user.clone(),
                redirect_uri: redirect_uri.clone(),
                scope,
                state: state.clone(),
                challenge,
            },
        );
    pages::consent(
        Brand::Core1,
        &pages::Consent {
            action: &format!("/core1/{ws}/consent"),
            request_id: &id,
            heading: &format!("Allow {}?", registration.name),
            intro: &format!(
                "{} asks to work in the workspace \u{201c}{ws}\u{201d} as {user}. It will be able to:",
                registration.name
            ),
            items: vec![
                "Read your workspace's basic information".to_owned(),
                "Create and manage Omni-Channel connections".to_owned(),
            ],
        },
    )
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub(crate) fn login_form(uri: &Uri) -> Response {
    let q: HashMap<String, String> =
        serde_urlencoded::from_str(uri.query().unwrap_or_default()).unwrap_or_default();
    let next = q.get("next").map(String::as_str).unwrap_or_default();
    pages::login(Brand::Core1, uri.path(), next, "", None)
}

pub(crate) fn login_submit(world: &World, ws: &str, body: &[u8]) -> Response {
    let action = format!("/core1/{ws}/login");
    let Ok(f) = serde_urlencoded::from_bytes::<LoginForm>(body) else {
        return pages::login(
            Brand::Core1,
            &action,
            "",
            "",
            Some("Please fill in the form."),
        );
    };
    let user = world
        .config
        .core1
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(f.email.trim()) && u.password == f.password);
    let Some(user) = user else {
        return pages::login(
            Brand::Core1,
            &action,
            &f.next,
            &f.email,
            Some("That email and password do not match a practice Core1 user. Please try again."),
        );
    };
    let sid = random_token(32);
    world
        .state()
        .core1
        .entry(ws.to_owned())
        .or_default()
        .sessions
        .insert(sid.clone(), user.email.clone());
    let prefix = format!("/core1/{ws}/");
    let next = if f.next.starts_with(&prefix) {
        f.next.as_str()
    } else {
        prefix.as_str()
    };
    pages::redirect_with_cookie(
        next,
        &format!("{SESSION_COOKIE}={sid}; Path=/core1/{ws}; HttpOnly; SameSite=Lax"),
    )
}

#[derive(Deserialize)]
struct Decision {
    #[serde(default)]
    request: String,
    #[serde(default)]
    action: String,
}

pub(crate) fn decide(world: &World, ws: &str, headers: &HeaderMap, body: &[u8]) -> Response {
    let d: Decision = serde_urlencoded::from_bytes(body).unwrap_or(Decision {
        request: String::new(),
        action: String::new(),
    });
    let sid = session(world, ws, headers).map(|(sid, _)| sid);
    let pending = world
        .state()
        .core1
        .get_mut(ws)
        .and_then(|w| w.consents.remove(&d.request));
    let Some(p) = pending.filter(|p| Some(&p.session) == sid.as_ref()) else {
        return bad_request(
            "Sign-in expired",
            "This page is no longer valid. Start the sign-in again from the app.",
        );
    };
    let confirmed = d.action == "confirm"
        && !fault_fires!(world, Fault::ConsentDenied { area } if covers(*area, Area::Core1));
    let state = p.state.clone();
    #[cfg(feature = "faults")]
    let state = faulted_state(world, Area::Core1, state);
    let mut params: Vec<(&str, String)> = Vec::new();
    if confirmed {
        let code = random_token(40);
        params.push(("code", code.clone()));
        let mut st = world.state();
        st.record(SecretKind::AuthorizationCode, &code);
        st.core1.entry(ws.to_owned()).or_default().codes.insert(
            code,
            IssuedCode {
                client_id: p.client_id,
                user: p.user,
                redirect_uri: p.redirect_uri.clone(),
                scope: p.scope,
                challenge: p.challenge,
                issued_at: Instant::now(),
                used: false,
            },
        );
    } else {
        params.push(("error", "access_denied".into()));
        params.push(("error_description", "The user denied the sign-in.".into()));
    }
    if let Some(s) = state {
        params.push(("state", s));
    }
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    pages::redirect(&with_query(&p.redirect_uri, &pairs))
}
