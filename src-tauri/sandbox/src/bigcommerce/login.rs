//! The BigCommerce login page and its session cookie.

use crate::pages::{self, Brand};
use crate::util::{cookie, random_token};
use crate::World;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use std::sync::Arc;

/// Name of the BigCommerce session cookie (path `/bc-login`).
pub(crate) const SESSION_COOKIE: &str = "bc_session";

#[derive(Deserialize)]
pub(crate) struct NextQuery {
    #[serde(default)]
    next: String,
}

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// The signed-in account's email, if the request carries a live session.
pub(crate) fn session(world: &World, headers: &HeaderMap) -> Option<(String, String)> {
    let sid = cookie(headers, SESSION_COOKIE)?;
    let email = world.state().bc.sessions.get(&sid)?.clone();
    Some((sid, email))
}

/// Where to send a browser to sign in and come back to `return_to` (a path on this host).
pub(crate) fn login_redirect(return_to: &str) -> Response {
    let next = serde_urlencoded::to_string([("next", return_to)]).unwrap_or_default();
    pages::redirect(&format!("/bc-login/login?{next}"))
}

/// Only local paths under `/bc-login/` are followed after login (no open redirect).
fn safe_next(next: &str) -> &str {
    if next.starts_with("/bc-login/") && !next.starts_with("//") {
        next
    } else {
        "/bc-login/"
    }
}

pub(crate) async fn home(State(world): State<Arc<World>>, headers: HeaderMap) -> Response {
    let text = match session(&world, &headers) {
        Some((_, email)) => format!("You are signed in as {email}."),
        None => "You are not signed in.".to_owned(),
    };
    pages::message(
        Brand::BigCommerce,
        StatusCode::OK,
        "Practice BigCommerce",
        &text,
    )
}

pub(crate) async fn form(Query(q): Query<NextQuery>) -> Response {
    pages::login(Brand::BigCommerce, "/bc-login/login", &q.next, "", None)
}

pub(crate) async fn submit(State(world): State<Arc<World>>, Form(f): Form<LoginForm>) -> Response {
    let ok = world
        .config
        .bigcommerce
        .accounts
        .iter()
        .any(|a| a.email.eq_ignore_ascii_case(f.email.trim()) && a.password == f.password);
    if !ok {
        return pages::login(
            Brand::BigCommerce,
            "/bc-login/login",
            &f.next,
            &f.email,
            Some("That email and password do not match a practice account. Please try again."),
        );
    }
    let sid = random_token(32);
    world
        .state()
        .bc
        .sessions
        .insert(sid.clone(), f.email.trim().to_lowercase());
    pages::redirect_with_cookie(
        safe_next(&f.next),
        &format!("{SESSION_COOKIE}={sid}; Path=/bc-login; HttpOnly; SameSite=Lax"),
    )
}
