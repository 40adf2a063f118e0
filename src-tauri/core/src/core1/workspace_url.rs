//! Reading a Core1 workspace address the way a person types it.
//!
//! Accepted (production rules): `acme`, ` ACME `, `acme.actindo.com`,
//! `https://acme.actindo.com/`, `https://acme.actindo.com/any/path?x=1`,
//! `acme.dev.actindo.com` — all normalised to `https://{host}/` (path, query and fragment are
//! dropped). Rejected, each with its own code: empty ([`Error::WorkspaceEmpty`]), `http://` to a
//! remote host ([`Error::WorkspaceInsecure`]), other domains such as
//! `acme.actindo.com.evil.com` or `evil.com/?acme.actindo.com`
//! ([`Error::WorkspaceWrongDomain`]), user info ([`Error::WorkspaceUserInfo`]), an explicit
//! port ([`Error::WorkspacePort`]), IP addresses ([`Error::WorkspaceIpAddress`]), names
//! that are not one DNS label ([`Error::WorkspaceInvalidName`]), and names spelled with other
//! characters than ASCII letters, digits and hyphens, or in their encoded `xn--` form
//! ([`Error::WorkspaceLookalikeName`]): `аcme` with a Cyrillic `а` would otherwise become
//! `xn--cme-5cd.actindo.com`, a different workspace that looks the same, so a look-alike in a
//! message could route a store's data to a stranger's workspace.
//!
//! The rules come from the profile ([`WorkspaceRules`]): the allowed domains, how a bare name
//! maps to a URL, and whether loopback addresses (the sandbox) are accepted.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use url::{Host, Url};

use crate::error::{Error, Result};
use crate::http::is_loopback_host;
pub(crate) use crate::profile::WorkspaceRules;

/// A normalised workspace: its name and its base URL (ending in `/`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkspaceUrl {
    name: String,
    base: Url,
}

impl WorkspaceUrl {
    /// Read `input` by `rules`.
    pub fn parse(input: &str, rules: &WorkspaceRules) -> Result<Self> {
        normalize(input, rules)
    }

    /// The workspace name (`acme`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The base URL, ending in `/` (`https://acme.actindo.com/`).
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// `{base}{endpoint}`, e.g. `https://acme.actindo.com/Actindo.CoreModules.Tools.TenantTest.ping`.
    pub(crate) fn endpoint(&self, endpoint: &str) -> Result<Url> {
        self.base
            .join(endpoint.trim_start_matches('/'))
            .map_err(|e| Error::internal(format!("endpoint URL: {e}")))
    }

    /// The base URL without the trailing slash: the issuer we expect in `iss`.
    pub fn origin_str(&self) -> &str {
        self.base.as_str().trim_end_matches('/')
    }
}

impl fmt::Display for WorkspaceUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.base.as_str())
    }
}

/// Check that the workspace answers before signing in: `GET` of its base URL.
///
/// Any answer that shows a live Core1 (2xx, 3xx, 401, 403) is fine. HTTP 530 →
/// [`Error::Core1Frozen`]; 404 → [`Error::WorkspaceNotFound`]; 5xx → [`Error::Core1Unavailable`];
/// no answer → [`Error::Core1Unreachable`]. A frozen workspace or a server error is tried again
/// a few times with backoff (GET is safe to repeat).
pub async fn check_reachable(
    http: &reqwest::Client,
    workspace: &WorkspaceUrl,
    retry: &crate::http::RetryPolicy,
) -> Result<()> {
    let mut attempt = 0;
    loop {
        let outcome = match http.get(workspace.base().clone()).send().await {
            Err(e) => {
                tracing::info!(workspace = %workspace, error = crate::http::describe(&e), "workspace unreachable");
                match crate::http::transport_error(&e, Error::Core1Unreachable) {
                    Error::Core1Unreachable => Err(Error::Core1Unreachable),
                    blocked => return Err(blocked),
                }
            }
            Ok(r) => match r.status().as_u16() {
                530 => Err(Error::Core1Frozen),
                404 | 410 => return Err(Error::WorkspaceNotFound),
                s if s >= 500 => Err(Error::Core1Unavailable { status: s }),
                _ => return Ok(()),
            },
        };
        attempt += 1;
        if attempt >= retry.max_attempts {
            return outcome;
        }
        tokio::time::sleep(retry.backoff(attempt - 1).min(Duration::from_secs(5))).await;
    }
}

fn wrong_domain(rules: &WorkspaceRules) -> Error {
    let allowed = if rules.domains.is_empty() {
        "the practice workspace names".to_owned()
    } else {
        rules
            .domains
            .iter()
            .map(|d| format!(".{d}"))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    Error::WorkspaceWrongDomain { allowed }
}

/// Whether `label` is one DNS label: 1–63 of `a-z 0-9 -`, not starting or ending with `-`.
pub fn is_valid_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `label` is not spelled in plain ASCII, or is the encoded (`xn--`, IDNA A-label)
/// form of a name that is not: a possible look-alike of another workspace's name.
fn is_lookalike(label: &str) -> bool {
    !label.is_ascii()
        || label
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
}

fn lookalike(typed: &str) -> Error {
    Error::WorkspaceLookalikeName {
        name: shorten(typed),
    }
}

/// The host part of `text` as typed: after a `scheme://` and any `user@`, before the first
/// `/`, `?`, `#` or `\`.
fn typed_host(text: &str) -> &str {
    let rest = text.split_once("://").map_or(text, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host)
}

fn from_name(name: &str, rules: &WorkspaceRules) -> Result<WorkspaceUrl> {
    if is_lookalike(name) {
        return Err(lookalike(name));
    }
    if !is_valid_label(name) {
        return Err(Error::WorkspaceInvalidName {
            name: shorten(name),
        });
    }
    let url = rules.name_url.replace("{name}", name);
    let mut base = Url::parse(&url).map_err(|e| {
        // A label the URL rules refuse (`xn--0`: not valid punycode) is the input's fault;
        // only a template that fails for a plain name is the profile's.
        if Url::parse(&rules.name_url.replace("{name}", "x")).is_ok() {
            Error::WorkspaceInvalidName {
                name: shorten(name),
            }
        } else {
            Error::ProfileInvalid {
                reason: format!("core1.workspace.name_url: {e}"),
            }
        }
    })?;
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    base.set_query(None);
    base.set_fragment(None);
    Ok(WorkspaceUrl {
        name: name.to_owned(),
        base,
    })
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn normalize(input: &str, rules: &WorkspaceRules) -> Result<WorkspaceUrl> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Error::WorkspaceEmpty);
    }
    // Only plain ASCII is a name: URL rules would turn other characters into a different
    // (punycode) name, or quietly map them (fullwidth letters) to ASCII ones.
    let host = typed_host(trimmed);
    if !host.is_ascii() {
        return Err(lookalike(host));
    }
    let first_label = host.split(['.', ':']).next().unwrap_or_default();
    if is_lookalike(first_label) {
        return Err(lookalike(first_label));
    }
    // A bare name.
    if !trimmed.contains(['.', '/', ':', '@', '?', '#', '[', ']', '\\']) {
        return from_name(&trimmed.to_lowercase(), rules);
    }
    let has_scheme = trimmed.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    let text = if has_scheme {
        trimmed.to_owned()
    } else {
        format!("https://{trimmed}")
    };
    let url = Url::parse(&text).map_err(|e| match e {
        url::ParseError::InvalidPort => Error::WorkspacePort { port: 0 },
        url::ParseError::InvalidIpv4Address | url::ParseError::InvalidIpv6Address => {
            Error::WorkspaceIpAddress
        }
        _ => Error::WorkspaceInvalidName {
            name: shorten(trimmed),
        },
    })?;
    let scheme = url.scheme();
    if scheme != "http" && scheme != "https" {
        return Err(Error::WorkspaceInsecure);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::WorkspaceUserInfo);
    }
    let host = match url.host() {
        None => {
            return Err(Error::WorkspaceInvalidName {
                name: shorten(trimmed),
            })
        }
        Some(h) => h,
    };
    let host_str = url.host_str().unwrap_or_default().to_owned();
    if is_loopback_host(&host_str) {
        return if rules.allow_loopback {
            loopback(&url, rules)
        } else if matches!(host, Host::Domain(_)) {
            Err(wrong_domain(rules))
        } else {
            Err(Error::WorkspaceIpAddress)
        };
    }
    if matches!(host, Host::Ipv4(_) | Host::Ipv6(_)) {
        return Err(Error::WorkspaceIpAddress);
    }
    if scheme == "http" {
        return Err(Error::WorkspaceInsecure);
    }
    if let Some(port) = url.port() {
        return Err(Error::WorkspacePort { port });
    }
    let host = host_str.trim_end_matches('.');
    // Longest allowed domain first, so `acme.dev.actindo.com` is `acme` under `dev.actindo.com`.
    let mut domains: Vec<&String> = rules.domains.iter().collect();
    domains.sort_by_key(|d| std::cmp::Reverse(d.len()));
    let mut multi_label: Option<String> = None;
    for domain in domains {
        let domain = domain.trim_matches('.').to_ascii_lowercase();
        let Some(name) = host.strip_suffix(&format!(".{domain}")) else {
            continue;
        };
        if name.contains('.') {
            multi_label.get_or_insert_with(|| name.to_owned());
            continue;
        }
        if is_lookalike(name) {
            return Err(lookalike(name));
        }
        if !is_valid_label(name) {
            return Err(Error::WorkspaceInvalidName {
                name: shorten(name),
            });
        }
        if rules.domains_via_name_url {
            return from_name(name, rules);
        }
        let base = Url::parse(&format!("https://{name}.{domain}/")).map_err(|_| {
            Error::WorkspaceInvalidName {
                name: shorten(name),
            }
        })?;
        return Ok(WorkspaceUrl {
            name: name.to_owned(),
            base,
        });
    }
    match multi_label {
        Some(name) => Err(Error::WorkspaceInvalidName {
            name: shorten(&name),
        }),
        None => Err(wrong_domain(rules)),
    }
}

/// A loopback address is accepted only where it matches the profile's `name_url`
/// (the sandbox): same scheme, host and port, and a path starting with the part of `name_url`
/// before `{name}`.
fn loopback(url: &Url, rules: &WorkspaceRules) -> Result<WorkspaceUrl> {
    let Some((prefix, _suffix)) = rules.name_url.split_once("{name}") else {
        return Err(wrong_domain(rules));
    };
    let Ok(template) = Url::parse(&format!("{prefix}x")) else {
        return Err(wrong_domain(rules));
    };
    if template.scheme() != url.scheme()
        || template.host_str() != url.host_str()
        || template.port_or_known_default() != url.port_or_known_default()
    {
        return Err(wrong_domain(rules));
    }
    let path_prefix = template.path().trim_end_matches('x');
    let Some(rest) = url.path().strip_prefix(path_prefix) else {
        return Err(wrong_domain(rules));
    };
    let name = rest
        .split('/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if name.is_empty() {
        return Err(Error::WorkspaceEmpty);
    }
    from_name(&name, rules)
}

pub(crate) mod names;
pub(crate) use names::ConnectorField;

#[cfg(test)]
mod tests;
