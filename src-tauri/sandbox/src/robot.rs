//! The browser robot: plays the system browser for tests and practice runs.
//!
//! Given the URL the app would open in a browser, it GETs it with a cookie jar, follows redirects
//! by hand, signs in on a login page (`#login-form`), presses Confirm (or Cancel) on a consent
//! page (`#consent-form`), and stops once it has fetched a URL outside the sandbox's origin — the
//! app's loopback callback — recording that page's status and text. It only ever talks to
//! 127.0.0.1, localhost or [::1], and refuses anything else.
//!
//! Environment ([`RobotOptions::from_env`]): `ROBOT_BC_EMAIL`, `ROBOT_BC_PASSWORD`,
//! `ROBOT_CORE1_EMAIL`, `ROBOT_CORE1_PASSWORD` (defaults: the seeded accounts),
//! `ROBOT_ACTION=confirm|cancel` (default confirm), `ROBOT_LOG=path` (appends one line per step,
//! URLs without query strings, never a secret).

use crate::config::{BC_MERCHANT_EMAIL, CORE1_CONSULTANT_EMAIL, PRACTICE_PASSWORD};
use crate::{Error, Result};
use reqwest::redirect::Policy;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;
use url::{Host, Url};

/// What to press on a consent page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RobotAction {
    Confirm,
    Cancel,
}

/// Who the robot signs in as and what it presses.
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
            max_steps: 20,
            timeout: Duration::from_secs(15),
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
        o.log_path = var("ROBOT_LOG").map(PathBuf::from);
        o
    }
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
    /// Requests made.
    pub steps: usize,
}

/// Visits `url` as a browser would, until the loopback callback (see the module doc).
pub async fn run(url: &str, opts: &RobotOptions) -> Result<RobotOutcome> {
    let start = Url::parse(url)?;
    ensure_loopback(&start)?;
    let origin = start.origin();
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .no_proxy()
        .timeout(opts.timeout)
        .build()?;
    let mut next = (start, None::<Vec<(String, String)>>);
    let mut submitted_login = false;
    for step in 1..=opts.max_steps {
        let (url, form) = next;
        ensure_loopback(&url)?;
        let outside = url.origin() != origin;
        let req = match &form {
            Some(fields) => client.post(url.clone()).form(fields),
            None => client.get(url.clone()),
        };
        let resp = req.send().await?;
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
        let body = resp.text().await?;
        let outcome = |reached_callback| RobotOutcome {
            final_url: strip_query(&url),
            status: status.as_u16(),
            text: page_text(&body),
            reached_callback,
            steps: step,
        };
        if outside {
            return Ok(outcome(true));
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
            let mut fields = f.hidden;
            fields.push(("email".into(), email.clone()));
            fields.push(("password".into(), password.clone()));
            next = (url.join(&f.action)?, Some(fields));
            submitted_login = true;
        } else if let Some(f) = find_form(&body, "consent-form") {
            let mut fields = f.hidden;
            let action = match opts.action {
                RobotAction::Confirm => "confirm",
                RobotAction::Cancel => "cancel",
            };
            fields.push(("action".into(), action.into()));
            next = (url.join(&f.action)?, Some(fields));
            submitted_login = false;
        } else {
            return Ok(outcome(false));
        }
    }
    Err(Error::RobotStuck(format!(
        "no callback after {} requests",
        opts.max_steps
    )))
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

/// A form found on a page: where it posts and its hidden fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundForm {
    pub action: String,
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
            let hidden = inputs(&html[end + 1..close], &lower[end + 1..close])
                .into_iter()
                .filter(|a| attr(a, "type").is_some_and(|t| t.eq_ignore_ascii_case("hidden")))
                .filter_map(|a| {
                    let name = attr(&a, "name")?.to_owned();
                    Some((name, attr(&a, "value").unwrap_or_default().to_owned()))
                })
                .collect();
            return Some(FoundForm { action, hidden });
        }
        from = close;
    }
    None
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
