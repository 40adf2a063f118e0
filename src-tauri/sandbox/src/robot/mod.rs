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

mod cookies;
mod html;
mod options;
mod tasks;

pub use html::{find_app_link, find_attr, find_form, has_id, page_text, FoundForm};
pub use options::{RobotAction, RobotOptions};
pub use tasks::RegistrationTask;

use crate::{Error, Result};
use cookies::{load_cookies, save_cookies};
use reqwest::redirect::Policy;
use reqwest_cookie_store::CookieStoreMutex;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;
use url::{Host, Url};

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
