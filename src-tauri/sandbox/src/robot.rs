//! The browser robot: plays the system browser — and the person at it — for tests and practice.
//!
//! Given the URL the app would open in a browser, it GETs it with a cookie jar and follows
//! redirects by hand, doing on each page what a person would:
//! - `#login-form`: signs in (the BigCommerce account, or the Core1 user on `/core1/…` pages);
//! - Apps › Marketplace (`#marketplace-search`): searches for [`RobotOptions::app_name`], then
//!   opens the `<a data-app>` whose text is that name;
//! - the listing's `#install-form`: Install;
//! - `#consent-form`: Confirm (or Cancel, [`RobotOptions::action`]);
//! - the control panel's `<iframe id="app-frame">`: loads the app's page from its `src`;
//! - the connector's `#connector-setup-form`: types the workspace — read at that moment from
//!   [`RobotOptions::workspace_file`] (what the test "pasted"; waited for up to
//!   [`RobotOptions::workspace_wait`] while missing or empty), else [`RobotOptions::workspace`];
//!   with neither it stops there (`RobotStop::NoWorkspace`) — and presses START SETUP.
//!
//! - Core1's *Dev Tools › API › App registrations*, when it has a registration task
//!   ([`RobotOptions::registration_file`], see [`tasks::RegistrationTask`]): from the workspace's
//!   menu to the Create form, the values typed, SAVE, and the secret Core1 shows once written to
//!   the task's `secret_file` (a registration with the same client ID deleted first when the task
//!   says so);
//! - the connector's field can also be filled from the X clipboard
//!   ([`RobotOptions::paste_from_clipboard`]): what an app put there with its Copy button.
//!
//! It stops on `#connector-connected` ("BigCommerce connected"), on `#connector-error`, on
//! "Installation cancelled", on any other page it has nothing to do on, or once it has fetched
//! a URL outside the sandbox's origin (an app's loopback callback), recording that page's status
//! and text ([`RobotOutcome`]). It only ever talks to 127.0.0.1, localhost or `[::1]`.
//!
//! Cookies persist across runs when [`RobotOptions::cookie_file`] is set: loaded at the start,
//! saved at the end (also after an error), session cookies included — the system browser stays
//! logged in to Core1 after the wizard's Core1 sign-in was played, as Actindo's START SETUP
//! needs. The jar is the maintained `cookie_store` crate behind `reqwest_cookie_store`.
//!
//! Environment ([`RobotOptions::from_env`]): `ROBOT_BC_EMAIL`, `ROBOT_BC_PASSWORD`,
//! `ROBOT_CORE1_EMAIL`, `ROBOT_CORE1_PASSWORD` (defaults: the seeded accounts),
//! `ROBOT_ACTION=confirm|cancel` (default confirm), `ROBOT_APP_NAME` (default "Actindo Core1 DOP
//! Connector"), `ROBOT_WORKSPACE_FILE=path`, `ROBOT_WORKSPACE=text`,
//! `ROBOT_WORKSPACE_WAIT_MS` (default 10000), `ROBOT_PASTE=clipboard` (paste from the X
//! clipboard), `ROBOT_REGISTRATION_FILE=path`, `ROBOT_COOKIES=path`, `ROBOT_LOG=path` (appends one
//! line per step, URLs without query strings, never a secret).

mod tasks;

pub use tasks::RegistrationTask;

use crate::config::{
    BC_MERCHANT_EMAIL, CONNECTOR_APP_NAME, CORE1_CONSULTANT_EMAIL, PRACTICE_PASSWORD,
};
use crate::{Error, Result};
use reqwest::redirect::Policy;
use reqwest_cookie_store::{CookieStore, CookieStoreMutex};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use url::{Host, Url};

/// What to press on a consent page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RobotAction {
    Confirm,
    Cancel,
}

/// Who the robot signs in as, what it presses and types, and what it remembers.
#[derive(Debug, Clone)]
pub struct RobotOptions {
    pub bc_email: String,
    pub bc_password: String,
    pub core1_email: String,
    pub core1_password: String,
    pub action: RobotAction,
    /// Append a line per step here (no query strings, no secrets).
    pub log_path: Option<PathBuf>,
    /// Give up after this many requests.
    pub max_steps: usize,
    /// Timeout of each request.
    pub timeout: Duration,
    /// The app to find in Apps › Marketplace (`ROBOT_APP_NAME`).
    pub app_name: String,
    /// The file whose text is typed as the workspace on the connector's form, read when the
    /// form appears (`ROBOT_WORKSPACE_FILE`).
    pub workspace_file: Option<PathBuf>,
    /// How long to wait for `workspace_file` to have text (a person copying it from the wizard).
    pub workspace_wait: Duration,
    /// Typed when there is no `workspace_file` text (`ROBOT_WORKSPACE`).
    pub workspace: Option<String>,
    /// The browser's cookie jar, kept across runs (`ROBOT_COOKIES`).
    pub cookie_file: Option<PathBuf>,
    /// Paste into the connector's field what is on the X clipboard (`ROBOT_PASTE=clipboard`),
    /// waiting up to [`Self::workspace_wait`] for it.
    pub paste_from_clipboard: bool,
    /// An app registration to make in Core1 when the robot gets there
    /// (`ROBOT_REGISTRATION_FILE`, a [`RegistrationTask`] as JSON; removed once made).
    pub registration_file: Option<PathBuf>,
}

impl Default for RobotOptions {
    fn default() -> Self {
        Self {
            bc_email: BC_MERCHANT_EMAIL.into(),
            bc_password: PRACTICE_PASSWORD.into(),
            core1_email: CORE1_CONSULTANT_EMAIL.into(),
            core1_password: PRACTICE_PASSWORD.into(),
            action: RobotAction::Confirm,
            log_path: None,
            max_steps: 60,
            timeout: Duration::from_secs(15),
            app_name: CONNECTOR_APP_NAME.into(),
            workspace_file: None,
            workspace_wait: Duration::from_secs(10),
            workspace: None,
            cookie_file: None,
            paste_from_clipboard: false,
            registration_file: None,
        }
    }
}

impl RobotOptions {
    /// The defaults, overridden by the `ROBOT_*` environment variables.
    pub fn from_env() -> Self {
        let mut o = Self::default();
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(v) = var("ROBOT_BC_EMAIL") {
            o.bc_email = v;
        }
        if let Some(v) = var("ROBOT_BC_PASSWORD") {
            o.bc_password = v;
        }
        if let Some(v) = var("ROBOT_CORE1_EMAIL") {
            o.core1_email = v;
        }
        if let Some(v) = var("ROBOT_CORE1_PASSWORD") {
            o.core1_password = v;
        }
        if var("ROBOT_ACTION").is_some_and(|v| v.eq_ignore_ascii_case("cancel")) {
            o.action = RobotAction::Cancel;
        }
        if let Some(v) = var("ROBOT_APP_NAME") {
            o.app_name = v;
        }
        if let Some(ms) = var("ROBOT_WORKSPACE_WAIT_MS").and_then(|v| v.parse().ok()) {
            o.workspace_wait = Duration::from_millis(ms);
        }
        o.workspace_file = var("ROBOT_WORKSPACE_FILE").map(PathBuf::from);
        o.workspace = var("ROBOT_WORKSPACE");
        o.cookie_file = var("ROBOT_COOKIES").map(PathBuf::from);
        o.paste_from_clipboard = var("ROBOT_PASTE").is_some_and(|v| v == "clipboard");
        o.registration_file = var("ROBOT_REGISTRATION_FILE").map(PathBuf::from);
        o.log_path = var("ROBOT_LOG").map(PathBuf::from);
        o
    }
}

/// Why the robot stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RobotStop {
    /// It fetched a URL outside the sandbox (an app's loopback callback).
    Callback,
    /// The connector said "BigCommerce connected" (`#connector-connected`).
    ConnectorConnected,
    /// The connector showed an error (`#connector-error`), e.g. a workspace it cannot reach.
    ConnectorError,
    /// The connector asked for the workspace and there was nothing to type.
    NoWorkspace,
    /// The marketplace has no app with that name.
    AppNotFound,
    /// The merchant pressed Cancel: "Installation cancelled".
    InstallCancelled,
    /// Core1 saved the app registration; its secret was written down.
    RegistrationSaved,
    /// Core1 refused the app registration (`#app-registration-error`).
    RegistrationRefused,
    /// Any other page (an error page, or one with nothing to do).
    Page,
}

/// Where the robot ended.
#[derive(Debug, Clone)]
pub struct RobotOutcome {
    /// The last URL fetched, without its query string.
    pub final_url: String,
    /// Its HTTP status.
    pub status: u16,
    /// Its text, tags stripped.
    pub text: String,
    /// Whether that URL was outside the sandbox (the app's loopback callback).
    pub reached_callback: bool,
    /// Why it stopped there.
    pub stop: RobotStop,
    /// Requests made.
    pub steps: usize,
}

/// Visits `url` as a browser and a person would (see the module doc).
pub async fn run(url: &str, opts: &RobotOptions) -> Result<RobotOutcome> {
    let jar = Arc::new(CookieStoreMutex::new(load_cookies(
        opts.cookie_file.as_deref(),
    )?));
    let result = browse(url, opts, jar.clone()).await;
    let saved = match &opts.cookie_file {
        Some(path) => save_cookies(&jar, path),
        None => Ok(()),
    };
    let outcome = result?;
    saved?;
    Ok(outcome)
}

fn cookie_error(path: &Path, reason: impl std::fmt::Display) -> Error {
    Error::CookieFile {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// The jar in `path`; a missing file is an empty jar (a browser never used).
fn load_cookies(path: Option<&Path>) -> Result<CookieStore> {
    let Some(path) = path else {
        return Ok(CookieStore::default());
    };
    match std::fs::File::open(path) {
        Ok(f) => cookie_store::serde::json::load(std::io::BufReader::new(f))
            .map_err(|e| cookie_error(path, e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(CookieStore::default()),
        Err(e) => Err(cookie_error(path, e)),
    }
}

/// Writes the jar (session cookies too: the browser is still running) via a temporary file.
fn save_cookies(jar: &CookieStoreMutex, path: &Path) -> Result<()> {
    let mut bytes = Vec::new();
    {
        let store = jar.lock().map_err(|_| cookie_error(path, "jar poisoned"))?;
        cookie_store::serde::json::save_incl_expired_and_nonpersistent(&store, &mut bytes)
            .map_err(|e| cookie_error(path, e))?;
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, &bytes).map_err(|e| cookie_error(path, e))?;
    std::fs::rename(&tmp, path).map_err(|e| cookie_error(path, e))
}

/// The next request: a URL, and form fields when it is a POST.
type Next = (Url, Option<Vec<(String, String)>>);

async fn browse(
    url: &str,
    opts: &RobotOptions,
    jar: Arc<CookieStoreMutex>,
) -> Result<RobotOutcome> {
    let start = Url::parse(url)?;
    ensure_loopback(&start)?;
    let origin = start.origin();
    let client = reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(Policy::none())
        .no_proxy()
        .timeout(opts.timeout)
        .build()?;
    let mut next: Next = (start, None);
    let mut submitted_login = false;
    let mut searched = false;
    for step in 1..=opts.max_steps {
        let (url, form) = next;
        ensure_loopback(&url)?;
        let outside = url.origin() != origin;
        let req = match &form {
            Some(fields) => client.post(url.clone()).form(fields),
            None => client.get(url.clone()),
        };
        // Without the URL: its query may hold a code or a hand-over token.
        let resp = req.send().await.map_err(|e| Error::Http(e.without_url()))?;
        let status = resp.status();
        log(
            opts,
            step,
            if form.is_some() { "POST" } else { "GET" },
            &url,
            status.as_u16(),
        );
        if status.is_redirection() && !outside {
            let location = resp
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| Error::RobotStuck("a redirect without Location".into()))?;
            next = (url.join(location)?, None);
            submitted_login = false;
            continue;
        }
        let body = resp
            .text()
            .await
            .map_err(|e| Error::Http(e.without_url()))?;
        let outcome = |stop: RobotStop| RobotOutcome {
            final_url: strip_query(&url),
            status: status.as_u16(),
            text: page_text(&body),
            reached_callback: stop == RobotStop::Callback,
            stop,
            steps: step,
        };
        if outside {
            return Ok(outcome(RobotStop::Callback));
        }
        if has_id(&body, "connector-connected") {
            return Ok(outcome(RobotStop::ConnectorConnected));
        }
        if has_id(&body, "connector-error") {
            return Ok(outcome(RobotStop::ConnectorError));
        }
        if let Some(f) = find_form(&body, "login-form") {
            if submitted_login {
                return Err(Error::LoginRejected(strip_query(&url)));
            }
            let (email, password) = if url.path().starts_with("/core1/") {
                (&opts.core1_email, &opts.core1_password)
            } else {
                (&opts.bc_email, &opts.bc_password)
            };
            let fields = vec![
                ("email".to_owned(), email.clone()),
                ("password".to_owned(), password.clone()),
            ];
            next = submit(&url, f, fields)?;
            submitted_login = true;
            continue;
        }
        submitted_login = false;
        if url.path().starts_with("/core1/") {
            match tasks::registration_step(opts, &url, &body)? {
                Some(tasks::Step::Next(n)) => {
                    next = n;
                    continue;
                }
                Some(tasks::Step::Saved) => return Ok(outcome(RobotStop::RegistrationSaved)),
                Some(tasks::Step::Refused) => return Ok(outcome(RobotStop::RegistrationRefused)),
                None => {}
            }
        }
        if let Some(f) = find_form(&body, "consent-form") {
            let action = match opts.action {
                RobotAction::Confirm => "confirm",
                RobotAction::Cancel => "cancel",
            };
            next = submit(&url, f, vec![("action".into(), action.into())])?;
        } else if let Some(f) = find_form(&body, "marketplace-search") {
            let already = url.query_pairs().any(|(k, _)| k == "search");
            if !searched && !already {
                next = submit(&url, f, vec![("search".into(), opts.app_name.clone())])?;
                searched = true;
            } else if let Some(href) = find_app_link(&body, &opts.app_name) {
                next = (url.join(&href)?, None);
            } else {
                return Ok(outcome(RobotStop::AppNotFound));
            }
        } else if let Some(f) = find_form(&body, "install-form") {
            next = submit(&url, f, Vec::new())?;
        } else if let Some(src) = find_attr(&body, "iframe", "app-frame", "src") {
            next = (url.join(&src)?, None);
        } else if let Some(f) = find_form(&body, "connector-setup-form") {
            let Some(workspace) = workspace_to_type(opts).await else {
                return Ok(outcome(RobotStop::NoWorkspace));
            };
            next = submit(&url, f, vec![("workspace".into(), workspace)])?;
        } else if has_id(&body, "back-to-marketplace") {
            return Ok(outcome(RobotStop::InstallCancelled));
        } else {
            return Ok(outcome(RobotStop::Page));
        }
    }
    Err(Error::RobotStuck(format!(
        "nowhere to stop after {} requests",
        opts.max_steps
    )))
}

/// The request a form makes with its hidden fields plus `fields`: a GET form puts them in the
/// action's query, a POST form in the body.
fn submit(page: &Url, form: FoundForm, fields: Vec<(String, String)>) -> Result<Next> {
    let mut all = form.hidden;
    all.extend(fields);
    let mut target = page.join(&form.action)?;
    if form.method.eq_ignore_ascii_case("get") {
        target.set_query(None);
        target.query_pairs_mut().extend_pairs(&all);
        Ok((target, None))
    } else {
        Ok((target, Some(all)))
    }
}

/// What a person would paste now: the workspace file's text (waiting for it a while), else
/// the fixed workspace.
async fn workspace_to_type(opts: &RobotOptions) -> Option<String> {
    if opts.paste_from_clipboard {
        return tasks::clipboard_text(opts.workspace_wait).await;
    }
    if let Some(path) = &opts.workspace_file {
        let deadline = tokio::time::Instant::now() + opts.workspace_wait;
        loop {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let text = text.trim();
            if !text.is_empty() {
                return Some(text.to_owned());
            }
            if tokio::time::Instant::now() >= deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    opts.workspace
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
}

/// Refuses any URL that is not http(s) on the local machine.
pub fn ensure_loopback(url: &Url) -> Result<()> {
    let local = match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    if local && matches!(url.scheme(), "http" | "https") {
        Ok(())
    } else {
        Err(Error::NotLoopback(strip_query(url)))
    }
}

fn strip_query(url: &Url) -> String {
    let mut u = url.clone();
    u.set_query(None);
    u.set_fragment(None);
    u.to_string()
}

fn log(opts: &RobotOptions, step: usize, method: &str, url: &Url, status: u16) {
    let Some(path) = &opts.log_path else { return };
    let line = format!("{step} {method} {} -> {status}\n", strip_query(url));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path);
    if let Ok(mut f) = file {
        let _ = f.write_all(line.as_bytes());
    }
}

/// A form found on a page: where and how it submits, and its hidden fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundForm {
    pub action: String,
    /// `get` or `post` (lowercase; `get` when the form does not say, as in HTML).
    pub method: String,
    pub hidden: Vec<(String, String)>,
}

/// Finds `<form id="{id}">` (tag names in any case) and reads its action and hidden inputs.
pub fn find_form(html: &str, id: &str) -> Option<FoundForm> {
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("<form").map(|p| p + from) {
        let attrs_start = pos + 5;
        let end = attrs_start + lower[attrs_start..].find('>')?;
        let attrs = parse_attrs(&html[attrs_start..end]);
        let close = lower[end..].find("</form>").map_or(html.len(), |p| p + end);
        if attr(&attrs, "id") == Some(id) {
            let action = attr(&attrs, "action").unwrap_or_default().to_owned();
            let method = attr(&attrs, "method").unwrap_or("get").to_ascii_lowercase();
            let hidden = inputs(&html[end + 1..close], &lower[end + 1..close])
                .into_iter()
                .filter(|a| attr(a, "type").is_some_and(|t| t.eq_ignore_ascii_case("hidden")))
                .filter_map(|a| {
                    let name = attr(&a, "name")?.to_owned();
                    Some((name, attr(&a, "value").unwrap_or_default().to_owned()))
                })
                .collect();
            return Some(FoundForm {
                action,
                method,
                hidden,
            });
        }
        from = close;
    }
    None
}

/// Attribute `name` of the first `<{tag} id="{id}">` on the page.
pub fn find_attr(html: &str, tag: &str, id: &str, name: &str) -> Option<String> {
    tags(html, tag)
        .into_iter()
        .find(|(attrs, _)| attr(attrs, "id") == Some(id))
        .and_then(|(attrs, _)| attr(&attrs, name).map(str::to_owned))
}

/// Whether any element on the page has `id="{id}"`.
pub fn has_id(html: &str, id: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find('<').map(|p| p + from) {
        let end = lower[pos..].find('>').map_or(html.len(), |p| p + pos);
        let inner = &html[pos + 1..end];
        if !inner.starts_with(['/', '!']) {
            let attrs = parse_attrs(inner.split_once(char::is_whitespace).map_or("", |(_, a)| a));
            if attr(&attrs, "id") == Some(id) {
                return true;
            }
        }
        from = end;
    }
    false
}

/// The `href` of the marketplace link `<a data-app>` whose text is `name` (any case).
pub fn find_app_link(html: &str, name: &str) -> Option<String> {
    tags(html, "a").into_iter().find_map(|(attrs, text)| {
        let is_app = attr(&attrs, "data-app").is_some();
        (is_app && text.trim().eq_ignore_ascii_case(name.trim()))
            .then(|| attr(&attrs, "href").map(str::to_owned))
            .flatten()
    })
}

/// Every `<{tag} …>` with its attributes and its text up to `</{tag}>` (tags stripped).
fn tags(html: &str, tag: &str) -> Vec<(Vec<(String, String)>, String)> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(&open).map(|p| p + from) {
        let start = pos + open.len();
        if !lower[start..].starts_with(|c: char| c.is_whitespace() || c == '>') {
            from = start;
            continue;
        }
        let end = lower[start..].find('>').map_or(html.len(), |p| p + start);
        let attrs = parse_attrs(&html[start..end]);
        let text_end = lower[end..].find(&close).map_or(html.len(), |p| p + end);
        let text = page_text(html.get(end + 1..text_end).unwrap_or_default());
        out.push((attrs, text));
        from = end;
    }
    out
}

fn inputs(html: &str, lower: &str) -> Vec<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("<input").map(|p| p + from) {
        let start = pos + 6;
        let end = lower[start..].find('>').map_or(html.len(), |p| p + start);
        out.push(parse_attrs(&html[start..end]));
        from = end;
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Parses `a="x" b='y' c=z d` into pairs, decoding HTML entities in values.
fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = s.trim_end_matches('/').chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=')).collect();
        if name.is_empty() {
            if chars.next().is_none() {
                break;
            }
            continue;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    value = std::iter::from_fn(|| chars.next().filter(|c| *c != q)).collect();
                }
                _ => {
                    value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect();
                }
            }
        }
        out.push((
            name.to_lowercase(),
            html_escape::decode_html_entities(&value).into_owned(),
        ));
    }
    out
}

/// The visible text of a page: tags, styles and scripts removed, whitespace collapsed.
pub fn page_text(html: &str) -> String {
    let without = remove_blocks(&remove_blocks(html, "style"), "script");
    let mut text = String::new();
    let mut in_tag = false;
    for c in without.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = html_escape::decode_html_entities(&text);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn remove_blocks(html: &str, tag: &str) -> String {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = String::new();
    let mut rest = html;
    while let Some(pos) = rest.find(&open) {
        out.push_str(&rest[..pos]);
        rest = rest[pos..]
            .find(&close)
            .map_or("", |e| &rest[pos + e + close.len()..]);
    }
    out.push_str(rest);
    out
}
