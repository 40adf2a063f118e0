//! The HTML pages a person (or the browser robot) sees: plain, self-contained, clearly labelled
//! "Practice …" so nobody mistakes them for the real services.
//!
//! Stable hooks: login form `#login-form` (inputs `email`, `password`, hidden `next`, button
//! `#login-submit`), error `#login-error`; consent form `#consent-form` (hidden `request`, buttons
//! `name=action` `value=confirm` `#confirm` / `value=cancel` `#cancel`). Control-panel pages carry
//! `<nav id="panel-nav">`; the other hooks are listed where each page is made.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Which simulated service a page belongs to (sets its label and colour).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Brand {
    BigCommerce,
    Core1,
    /// Actindo's connector app: its own pages, shown in the control panel's iframe.
    Connector,
}

impl Brand {
    fn label(self) -> &'static str {
        match self {
            Self::BigCommerce => "Practice BigCommerce",
            Self::Core1 => "Practice Core1",
            Self::Connector => "Practice Actindo Core1 DOP Connector",
        }
    }
    fn colour(self) -> &'static str {
        match self {
            Self::BigCommerce => "#34313f",
            Self::Core1 => "#0b5c8a",
            Self::Connector => "#c2410c",
        }
    }
}

/// How wide a page is and what it may embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A small centred card (login, consent, messages).
    Narrow,
    /// A control-panel page, wide, that may frame pages of the sandbox's own origin.
    Panel,
}

/// HTML-escapes text for element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;background:#f4f5f7;color:#1d1d1f}\
header{color:#fff;padding:14px 24px;font-weight:600;letter-spacing:.02em}\
header small{font-weight:400;opacity:.85;margin-left:8px}\
main{max-width:440px;margin:40px auto;background:#fff;border-radius:8px;padding:28px 32px;box-shadow:0 1px 4px rgba(0,0,0,.12)}\
h1{font-size:1.35em;margin-top:0}label{display:block;margin:14px 0 4px;font-weight:600}\
input[type=email],input[type=password],input[type=text]{width:100%;box-sizing:border-box;padding:9px;border:1px solid #b8bcc4;border-radius:4px;font-size:1em}\
button{margin-top:18px;padding:10px 18px;border-radius:4px;border:1px solid #2a6df4;background:#2a6df4;color:#fff;font-size:1em;cursor:pointer}\
button.secondary{background:#fff;color:#2a6df4;margin-left:8px}\
.error{background:#fdecea;color:#8a1c12;padding:10px;border-radius:4px}\
ul.scopes li{margin:6px 0}.note{color:#5b5f66;font-size:.9em}\
main.panel{max-width:900px}nav#panel-nav{margin:-8px 0 18px;font-size:.92em}nav#panel-nav a{margin-right:14px}\
iframe#app-frame{width:100%;height:520px;border:1px solid #d5d8de;border-radius:6px}\
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e5e9}\
select{padding:6px;font-size:1em}.secret{font-family:ui-monospace,monospace;word-break:break-all}";

/// A complete page with the service label, no third-party resources and no-store caching.
pub(crate) fn page(brand: Brand, status: StatusCode, title: &str, body: &str) -> Response {
    render(brand, status, title, body, Layout::Narrow)
}

/// [`page`] with a layout.
pub(crate) fn render(
    brand: Brand,
    status: StatusCode,
    title: &str,
    body: &str,
    layout: Layout,
) -> Response {
    let class = match layout {
        Layout::Narrow => "",
        Layout::Panel => " class=\"panel\"",
    };
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title} · {label}</title><style>{CSS}</style></head><body>\
         <header style=\"background:{colour}\">{label}<small>a local practice simulation, not the real service</small></header>\
         <main{class}>{body}</main></body></html>",
        title = esc(title),
        label = brand.label(),
        colour = brand.colour(),
    );
    let mut resp = (status, html).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    let csp = match layout {
        Layout::Narrow => "default-src 'none'; style-src 'unsafe-inline'",
        Layout::Panel => {
            "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:"
        }
    };
    h.insert("content-security-policy", HeaderValue::from_static(csp));
    resp
}

/// A page with a heading and one paragraph.
pub(crate) fn message(brand: Brand, status: StatusCode, title: &str, text: &str) -> Response {
    let body = format!(
        "<h1 id=\"title\">{}</h1><p id=\"message\">{}</p>",
        esc(title),
        esc(text)
    );
    page(brand, status, title, &body)
}

/// The login form; `error` is shown above it when the last attempt failed.
pub(crate) fn login(
    brand: Brand,
    action: &str,
    next: &str,
    email: &str,
    error: Option<&str>,
) -> Response {
    let error = error
        .map(|e| {
            format!(
                "<p class=\"error\" id=\"login-error\" role=\"alert\">{}</p>",
                esc(e)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "<h1>Sign in</h1>{error}\
         <form id=\"login-form\" method=\"post\" action=\"{action}\">\
         <input type=\"hidden\" name=\"next\" value=\"{next}\">\
         <label for=\"email\">Email</label><input type=\"email\" id=\"email\" name=\"email\" value=\"{email}\" autocomplete=\"username\" required>\
         <label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>\
         <button type=\"submit\" id=\"login-submit\">Sign in</button></form>\
         <p class=\"note\">Practice accounts only. Nothing you type here leaves this computer.</p>",
        action = esc(action),
        next = esc(next),
        email = esc(email),
    );
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    };
    page(brand, status, "Sign in", &body)
}

/// What a consent page shows.
pub(crate) struct Consent<'a> {
    pub action: &'a str,
    pub request_id: &'a str,
    pub heading: &'a str,
    pub intro: &'a str,
    pub items: Vec<String>,
}

/// The consent page: the access asked for, in words, with Confirm and Cancel.
pub(crate) fn consent(brand: Brand, c: &Consent<'_>) -> Response {
    let items: String = c
        .items
        .iter()
        .map(|i| format!("<li>{}</li>", esc(i)))
        .collect();
    let body = format!(
        "<h1 id=\"title\">{heading}</h1><p>{intro}</p><ul class=\"scopes\" id=\"scopes\">{items}</ul>\
         <form id=\"consent-form\" method=\"post\" action=\"{action}\">\
         <input type=\"hidden\" name=\"request\" value=\"{request}\">\
         <button type=\"submit\" name=\"action\" value=\"confirm\" id=\"confirm\">Confirm</button>\
         <button type=\"submit\" name=\"action\" value=\"cancel\" id=\"cancel\" class=\"secondary\">Cancel</button>\
         </form>",
        heading = esc(c.heading),
        intro = esc(c.intro),
        action = esc(c.action),
        request = esc(c.request_id),
    );
    page(brand, StatusCode::OK, c.heading, &body)
}

/// A 302 to `location`, uncached.
pub(crate) fn redirect(location: &str) -> Response {
    let mut resp = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// A 303 See Other to `location` (after a form post, or a hand-over), uncached.
pub(crate) fn see_other(location: &str) -> Response {
    let mut resp = redirect(location);
    *resp.status_mut() = StatusCode::SEE_OTHER;
    resp
}

/// A 302 that also sets a session cookie.
pub(crate) fn redirect_with_cookie(location: &str, cookie: &str) -> Response {
    let mut resp = redirect(location);
    if let Ok(v) = HeaderValue::from_str(cookie) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}
