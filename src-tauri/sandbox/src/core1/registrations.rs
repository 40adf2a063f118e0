//! *Dev Tools › API › App registrations* of a practice workspace, after Actindo's API guide
//! (Actindo-AG/Documentation, branch ACD-1069, `PIM/API/02_GetStarted.md`, "Step 1 – Register
//! the client app"; pictures `AppRegistrations.png`, `AppRegistrationExample.png`):
//!
//! - registrations live **in the workspace** ("the authorization is instance-specific");
//! - the Create form has *Name*, *Application (client) ID* ("4 - 31 characters (A-Za-z0-9_-)
//!   long and begins with a letter"), the toggle *Only authentication scopes openid profile
//!   email*, and **one** *Redirect URI*; SAVE shows the client secret, and "the client secret is
//!   displayed only once";
//! - the list shows ID, Name, Only auth, Application (client) ID, Redirect URI, or "No app
//!   registration created. Use + button to create one".
//!
//! | call | answer |
//! |---|---|
//! | `GET {ws}/devtools` | Dev Tools with the tabs API, DATA MODELS, APP REGISTRATIONS (`#devtools-tabs`, `#tab-app-registrations`) |
//! | `GET {ws}/devtools/app-registrations` | the list `#app-registrations`, a delete form `#delete-registration-{client id}` per row, `+` as `#add-app-registration` |
//! | `GET {ws}/devtools/app-registrations/create` | `#app-registration-form`: `name`, `client_id`, `only_auth` (checkbox), `redirect_uri`, SAVE |
//! | `POST {ws}/devtools/app-registrations` | saved: `#app-registration-saved` with the secret in `#app-registration-secret` (once); refused: the form again with `#app-registration-error` (400) |
//! | `POST {ws}/devtools/app-registrations/{id}/delete` | 303 to the list; the registration's tokens stop working |
//!
//! Every page needs the Core1 browser session (else 303 to the workspace's login). Two
//! registrations of a workspace cannot share an Application (client) ID.
//!
//! Assumed where Actindo says nothing: a duplicate client ID is refused with a message (rather
//! than replacing the old registration); the Redirect URI must be an absolute http(s) URL;
//! deleting a registration ends the access of every token issued to it.

use super::oauth;
use crate::config::Core1Registration;
use crate::pages::{self, esc, Brand, Layout};
use crate::util::random_token;
use crate::{SecretKind, World};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use std::sync::Arc;

/// One registration of a workspace with the id its list shows.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Registered {
    pub(crate) id: i64,
    pub(crate) registration: Core1Registration,
}

pub(crate) fn routes() -> Router<Arc<World>> {
    Router::new()
        .route("/core1/{ws}/devtools", get(devtools))
        .route(
            "/core1/{ws}/devtools/app-registrations",
            get(list).post(create),
        )
        .route("/core1/{ws}/devtools/app-registrations/create", get(form))
        .route(
            "/core1/{ws}/devtools/app-registrations/{id}/delete",
            post(delete),
        )
}

/// Whether `id` obeys the Create form's rule: 4–31 characters of `A-Za-z0-9_-`, beginning with
/// a letter.
pub fn client_id_allowed(id: &str) -> bool {
    (4..=31).contains(&id.len())
        && id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Registers `registration` in `ws` (as SAVE does); `Err` with the form's words when refused.
pub(crate) fn add(world: &World, ws: &str, registration: Core1Registration) -> Result<i64, String> {
    if registration.name.trim().is_empty() {
        return Err("Enter a name.".into());
    }
    if !client_id_allowed(&registration.client_id) {
        return Err("The Application (client) ID must be 4 - 31 characters (A-Za-z0-9_-) long and begin with a letter.".into());
    }
    let redirect_ok = url::Url::parse(registration.redirect_uri.trim())
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    if !redirect_ok {
        return Err(
            "Enter the Redirect URI as a complete address, e.g. https://example.com/callback."
                .into(),
        );
    }
    let mut st = world.state();
    st.record(SecretKind::ClientSecret, &registration.client_secret);
    let w = st.core1.entry(ws.to_owned()).or_default();
    if w.registrations
        .iter()
        .any(|r| r.registration.client_id == registration.client_id)
    {
        return Err(format!(
            "An app registration with the Application (client) ID \u{201c}{}\u{201d} already exists. Delete it first to create it again.",
            registration.client_id
        ));
    }
    w.next_registration_id += 1;
    let id = w.next_registration_id;
    w.registrations.push(Registered { id, registration });
    Ok(id)
}

/// Deletes the registration of `client_id` in `ws` and ends its tokens; whether there was one.
pub(crate) fn remove(world: &World, ws: &str, client_id: &str) -> bool {
    let mut st = world.state();
    let Some(w) = st.core1.get_mut(ws) else {
        return false;
    };
    let before = w.registrations.len();
    w.registrations
        .retain(|r| r.registration.client_id != client_id);
    oauth::end_client(w, client_id);
    before != w.registrations.len()
}

/// Every registration of `ws`.
pub(crate) fn all(world: &World, ws: &str) -> Vec<Core1Registration> {
    let st = world.state();
    st.core1
        .get(ws)
        .map(|w| {
            w.registrations
                .iter()
                .map(|r| r.registration.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// What to answer instead of the page: 404 for an unknown workspace, the login when there is no
/// Core1 browser session; `None` when the page may be shown.
fn not_signed_in(world: &World, ws: &str, headers: &HeaderMap, uri: &Uri) -> Option<Response> {
    if !world.config.has_workspace(ws) {
        return Some(super::unknown_workspace());
    }
    if oauth::session(world, ws, headers).is_some() {
        return None;
    }
    let here = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let next = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
    Some(pages::see_other(&format!("/core1/{ws}/login?{next}")))
}

fn tabs(ws: &str, current: &str) -> String {
    let ws = esc(ws);
    let tab = |id: &str, href: &str, label: &str| {
        let mark = if id == current {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<a id=\"{id}\" href=\"/core1/{ws}/{href}\"{mark}>{label}</a> ")
    };
    format!(
        "<h1 id=\"title\">Dev Tools</h1><nav id=\"devtools-tabs\">{}{}{}</nav>",
        tab("tab-api", "devtools", "API"),
        tab("tab-data-models", "devtools", "DATA MODELS"),
        tab(
            "tab-app-registrations",
            "devtools/app-registrations",
            "APP REGISTRATIONS"
        ),
    )
}

fn panel(title: &str, status: StatusCode, body: &str) -> Response {
    pages::render(Brand::Core1, status, title, body, Layout::Panel)
}

async fn devtools(
    State(world): State<Arc<World>>,
    Path(ws): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if let Some(page) = not_signed_in(&world, &ws, &headers, &uri) {
        return page;
    }
    let body = format!(
        "{}<p>The API documentation of this workspace, its data models and its app registrations. Choose a tab.</p>",
        tabs(&ws, "tab-api")
    );
    panel("Dev Tools", StatusCode::OK, &body)
}

async fn list(
    State(world): State<Arc<World>>,
    Path(ws): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if let Some(page) = not_signed_in(&world, &ws, &headers, &uri) {
        return page;
    }
    let rows: Vec<(i64, Core1Registration)> = {
        let st = world.state();
        st.core1
            .get(&ws)
            .map(|w| {
                w.registrations
                    .iter()
                    .map(|r| (r.id, r.registration.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let table = if rows.is_empty() {
        "<p id=\"no-registrations\">No app registration created. Use + button to create one</p>"
            .to_owned()
    } else {
        let rows: String = rows
            .iter()
            .map(|(id, r)| {
                format!(
                    "<tr><td>{id}</td><td>{name}</td><td>{only}</td><td>{client}</td><td>{redirect}</td>\
                     <td><form id=\"delete-registration-{client}\" method=\"post\" \
                     action=\"/core1/{ws}/devtools/app-registrations/{id}/delete\">\
                     <button type=\"submit\" class=\"secondary\">Delete</button></form></td></tr>",
                    name = esc(&r.name),
                    only = if r.only_auth { "yes" } else { "no" },
                    client = esc(&r.client_id),
                    redirect = esc(&r.redirect_uri),
                    ws = esc(&ws),
                )
            })
            .collect();
        format!(
            "<table id=\"app-registrations\"><tr><th>ID</th><th>Name</th><th>Only auth</th>\
             <th>Application (client) ID</th><th>Redirect URI</th><th></th></tr>{rows}</table>"
        )
    };
    let body = format!(
        "{}<h2>App registrations</h2>{table}\
         <p><a id=\"add-app-registration\" href=\"/core1/{ws}/devtools/app-registrations/create\" \
         aria-label=\"Add an app registration\">+</a></p>",
        tabs(&ws, "tab-app-registrations"),
        ws = esc(&ws),
    );
    panel("App registrations", StatusCode::OK, &body)
}

fn form_page(ws: &str, values: &NewRegistration, error: Option<&str>) -> Response {
    let error_html = error
        .map(|e| {
            format!(
                "<p class=\"error\" id=\"app-registration-error\" role=\"alert\">{}</p>",
                esc(e)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "{tabs}<h2>Create</h2>{error_html}\
         <form id=\"app-registration-form\" method=\"post\" action=\"/core1/{ws}/devtools/app-registrations\">\
         <p>BASIC DATA</p>\
         <label for=\"name\">Name</label><input type=\"text\" id=\"name\" name=\"name\" value=\"{name}\">\
         <label for=\"client_id\">Application (client) ID: 4 - 31 characters (A-Za-z0-9_-) long and begins with a letter</label>\
         <input type=\"text\" id=\"client_id\" name=\"client_id\" value=\"{client}\">\
         <label><input type=\"checkbox\" id=\"only_auth\" name=\"only_auth\" value=\"on\"{checked}> Only authentication scopes openid profile email. You will not be able to call any methods besides getting profile data</label>\
         <label for=\"redirect_uri\">Redirect URI</label><input type=\"text\" id=\"redirect_uri\" name=\"redirect_uri\" value=\"{redirect}\">\
         <a href=\"/core1/{ws}/devtools/app-registrations\">CANCEL</a> \
         <button type=\"submit\" id=\"app-registration-save\">SAVE</button></form>",
        tabs = tabs(ws, "tab-app-registrations"),
        ws = esc(ws),
        name = esc(&values.name),
        client = esc(&values.client_id),
        redirect = esc(&values.redirect_uri),
        checked = if values.only_auth.is_some() {
            " checked"
        } else {
            ""
        },
    );
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    panel("Create app registration", status, &body)
}

async fn form(
    State(world): State<Arc<World>>,
    Path(ws): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if let Some(page) = not_signed_in(&world, &ws, &headers, &uri) {
        return page;
    }
    form_page(&ws, &NewRegistration::default(), None)
}

#[derive(Debug, Default, Deserialize)]
struct NewRegistration {
    #[serde(default)]
    name: String,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    only_auth: Option<String>,
    #[serde(default)]
    redirect_uri: String,
}

async fn create(
    State(world): State<Arc<World>>,
    Path(ws): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(f): Form<NewRegistration>,
) -> Response {
    if let Some(page) = not_signed_in(&world, &ws, &headers, &uri) {
        return page;
    }
    let secret = format!("{}__", random_token(22));
    let registration = Core1Registration {
        name: f.name.trim().to_owned(),
        client_id: f.client_id.trim().to_owned(),
        client_secret: secret.clone(),
        redirect_uri: f.redirect_uri.trim().to_owned(),
        only_auth: f.only_auth.is_some(),
        any_loopback_port: false,
    };
    if let Err(why) = add(&world, &ws, registration) {
        return form_page(&ws, &f, Some(&why));
    }
    let body = format!(
        "{tabs}<h2 id=\"app-registration-saved\">The app registration is saved</h2>\
         <p>Client secret:</p><p><code class=\"secret\" id=\"app-registration-secret\">{secret}</code></p>\
         <p class=\"error\" role=\"alert\">The client secret is displayed only once. Make sure you copy it and keep it safe for future reference.</p>\
         <p><a id=\"back-to-registrations\" href=\"/core1/{ws}/devtools/app-registrations\">Back to the app registrations</a></p>",
        tabs = tabs(&ws, "tab-app-registrations"),
        secret = esc(&secret),
        ws = esc(&ws),
    );
    panel("App registration saved", StatusCode::OK, &body)
}

async fn delete(
    State(world): State<Arc<World>>,
    Path((ws, id)): Path<(String, i64)>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if let Some(page) = not_signed_in(&world, &ws, &headers, &uri) {
        return page;
    }
    let client_id = {
        let st = world.state();
        st.core1.get(&ws).and_then(|w| {
            w.registrations
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.registration.client_id.clone())
        })
    };
    if let Some(client_id) = client_id {
        remove(&world, &ws, &client_id);
    }
    pages::see_other(&format!("/core1/{ws}/devtools/app-registrations"))
}

#[cfg(test)]
mod tests {
    use super::client_id_allowed;

    #[test]
    fn the_forms_client_id_rule() {
        for ok in [
            "core1_bigcommerce_setup",
            "abcd",
            "A-b_c",
            "a234567890123456789012345678901",
        ] {
            assert!(client_id_allowed(ok), "{ok}");
        }
        for bad in [
            "abc",
            "1abc",
            "_abc",
            "a2345678901234567890123456789012",
            "core1.setup",
            "core1 setup",
            "115e1d76-1cad-4067-bf3f-89772cda06b3",
            "caf\u{e9}",
        ] {
            assert!(!client_id_allowed(bad), "{bad}");
        }
    }
}
