//! The control panel's Settings › API › Store-level API accounts pages: the list, the Create
//! form, the credentials shown once (with the .txt download), and Delete.

use super::{create, delete_where, ACCESS_ROWS};
use crate::bigcommerce::control_panel::{panel, Viewer, API_ACCOUNTS};
use crate::pages::{self, esc};
use crate::{Error, World};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use base64::Engine;
use std::collections::HashMap;
use std::sync::Arc;

fn scopes_in_words(scopes: &[String]) -> String {
    let words: Vec<String> = ACCESS_ROWS
        .iter()
        .filter_map(|r| {
            if scopes.iter().any(|s| s == r.modify) {
                Some(format!("{}: Modify", r.label))
            } else if scopes.iter().any(|s| s == r.read_only) {
                Some(format!("{}: Read-only", r.label))
            } else {
                None
            }
        })
        .collect();
    if words.is_empty() {
        "None".to_owned()
    } else {
        words.join(", ")
    }
}

pub(crate) async fn list_page(State(world): State<Arc<World>>, v: Viewer) -> Response {
    let rows: String = world
        .state()
        .bc
        .api_accounts
        .iter()
        .filter(|a| a.store_hash == v.store.hash)
        .map(|a| {
            format!(
                "<tr data-client-id=\"{cid}\"><td>{name}</td><td>{cid}</td><td>{created}</td>\
                 <td>{scopes}</td><td><form id=\"delete-api-account-{id}\" method=\"post\" \
                 action=\"{API_ACCOUNTS}/{id}/delete\"><button type=\"submit\" class=\"secondary\">\
                 Delete</button></form></td></tr>",
                id = a.id,
                cid = esc(&a.client_id),
                name = esc(&a.name),
                created = esc(&crate::util::rfc3339(a.created)),
                scopes = esc(&scopes_in_words(&a.scopes)),
            )
        })
        .collect();
    let table = if rows.is_empty() {
        "<p id=\"no-api-accounts\">This store has no API accounts yet.</p>".to_owned()
    } else {
        format!(
            "<table id=\"api-account-list\"><tr><th>Name</th><th>Client ID</th><th>Created</th>\
             <th>OAuth scopes</th><th></th></tr>{rows}</table>"
        )
    };
    let body = format!(
        "<h1 id=\"title\">Store-level API accounts</h1>\
         <p><a id=\"create-api-account\" href=\"{API_ACCOUNTS}/create\">Create API account</a></p>{table}"
    );
    panel(&v, StatusCode::OK, "Store-level API accounts", &body)
}

fn form_body(error: Option<&str>, name: &str, chosen: &HashMap<String, String>) -> String {
    let error = error
        .map(|e| {
            format!(
                "<p class=\"error\" id=\"api-account-error\" role=\"alert\">{}</p>",
                esc(e)
            )
        })
        .unwrap_or_default();
    let rows: String = ACCESS_ROWS
        .iter()
        .map(|r| {
            let current = chosen.get(r.field).map(String::as_str).unwrap_or("none");
            let options: String = [
                ("none", "None"),
                ("read_only", "Read-only"),
                ("modify", "Modify"),
            ]
            .iter()
            .map(|(value, text)| {
                let selected = if *value == current { " selected" } else { "" };
                format!("<option value=\"{value}\"{selected}>{text}</option>")
            })
            .collect();
            format!(
                "<tr><th><label for=\"access-{f}\">{label}</label></th><td>\
                 <select id=\"access-{f}\" name=\"{f}\">{options}</select></td></tr>",
                f = r.field,
                label = esc(r.label),
            )
        })
        .collect();
    format!(
        "<h1 id=\"title\">Create API account</h1>{error}\
         <form id=\"api-account-form\" method=\"post\" action=\"{API_ACCOUNTS}\">\
         <label for=\"api-account-name\">Name</label>\
         <input type=\"text\" id=\"api-account-name\" name=\"name\" value=\"{name}\" required>\
         <label for=\"api-account-token-type\">Token type</label>\
         <select id=\"api-account-token-type\" name=\"token_type\">\
         <option value=\"v2_v3\" selected>V2/V3 API token</option></select>\
         <h2>OAuth scopes</h2><table id=\"access-rows\">{rows}</table>\
         <button type=\"submit\" id=\"api-account-save\">Save</button></form>",
        name = esc(name),
    )
}

pub(crate) async fn form_page(v: Viewer) -> Response {
    panel(
        &v,
        StatusCode::OK,
        "Create API account",
        &form_body(None, "", &HashMap::new()),
    )
}

pub(crate) async fn create_submit(
    State(world): State<Arc<World>>,
    v: Viewer,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let name = f.get("name").map(|n| n.trim()).unwrap_or_default();
    let again = |error: &str| {
        panel(
            &v,
            StatusCode::BAD_REQUEST,
            "Create API account",
            &form_body(Some(error), name, &f),
        )
    };
    if name.is_empty() {
        return again("Enter a name for the API account.");
    }
    if f.get("token_type").map(String::as_str) != Some("v2_v3") {
        return again("Choose the token type V2/V3 API token.");
    }
    let mut scopes = Vec::new();
    for r in &ACCESS_ROWS {
        match f.get(r.field).map(String::as_str).unwrap_or("none") {
            "none" => {}
            "read_only" => scopes.push(r.read_only),
            "modify" => scopes.push(r.modify),
            _ => {
                return again(&format!(
                    "Choose None, Read-only or Modify for {}.",
                    r.label
                ))
            }
        }
    }
    let account = match create(&world, &v.store.hash, Some(name), &scopes) {
        Ok(a) => a,
        Err(Error::ApiAccountLimit(_)) => {
            return again("This store already has the maximum number of API accounts (50).")
        }
        Err(e) => return again(&e.to_string()),
    };
    let data = base64::engine::general_purpose::STANDARD.encode(account.txt());
    let body = format!(
        "<h1 id=\"title\">API account created</h1>\
         <p class=\"error\" id=\"shown-once\">Copy these now: the client secret and access token \
         are shown only once.</p>\
         <table id=\"api-account-credentials\">\
         <tr><th>Client ID</th><td id=\"api-account-client-id\" class=\"secret\">{cid}</td></tr>\
         <tr><th>Client secret</th><td id=\"api-account-client-secret\" class=\"secret\">{secret}</td></tr>\
         <tr><th>Access token</th><td id=\"api-account-access-token\" class=\"secret\">{token}</td></tr>\
         <tr><th>API path</th><td id=\"api-account-api-path\" class=\"secret\">{path}</td></tr>\
         </table>\
         <p><a id=\"api-account-txt\" download=\"{file}\" href=\"data:text/plain;charset=utf-8;base64,{data}\">\
         Download the credentials (.txt)</a></p>\
         <p><a id=\"api-account-done\" href=\"{API_ACCOUNTS}\">Done</a></p>",
        cid = esc(&account.client_id),
        secret = esc(&account.client_secret),
        token = esc(&account.access_token),
        path = esc(&account.api_path),
        file = esc(&account.txt_file_name()),
    );
    panel(&v, StatusCode::OK, "API account created", &body)
}

/// Deletes an API account of the viewer's store: its token stops working.
pub(crate) async fn delete_submit(
    State(world): State<Arc<World>>,
    Path(id): Path<u64>,
    v: Viewer,
) -> Response {
    delete_where(&world, |a| a.id == id && a.store_hash == v.store.hash);
    pages::see_other(API_ACCOUNTS)
}
