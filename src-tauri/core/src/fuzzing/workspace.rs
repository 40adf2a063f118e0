//! Fuzz target body: The Core1 workspace address as typed.

use super::*;

/// The workspace address as typed: production rules and the practice (sandbox) rules.
///
/// Asserts: an accepted address is `https://{label}.{allowed domain}/` (production) or the
/// sandbox's own `http://127.0.0.1:4000/core1/{label}/` (practice), the label never an encoded
/// `xn--` (look-alike) name — https or loopback, never
/// anything else; nothing but scheme, host (and the sandbox's port and path) survives;
/// normalising the normalised URL gives the same workspace (idempotent); an error has a listed
/// code and quotes at most 40 characters of the input.
pub fn workspace_url(data: &[u8]) -> &'static str {
    let input = String::from_utf8_lossy(data);
    let prod = Profile::production().core1.workspace;
    let sandbox = sandbox_rules();
    let label = check_workspace(&input, &prod);
    check_workspace(&input, &sandbox);
    label
}

fn sandbox_rules() -> WorkspaceRules {
    let base = url::Url::parse("http://127.0.0.1:4000").expect("a constant URL");
    Profile::demo(&base).core1.workspace
}

fn check_workspace(input: &str, rules: &WorkspaceRules) -> &'static str {
    match WorkspaceUrl::parse(input, rules) {
        Ok(ws) => {
            let base = ws.base();
            let host = base.host_str().unwrap_or_default();
            assert!(
                crate::core1::workspace_url::is_valid_label(ws.name()),
                "name {:?} is not one DNS label",
                ws.name()
            );
            assert!(
                !ws.name().starts_with("xn--"),
                "an encoded (look-alike) name was accepted: {input:?} → {}",
                ws.name()
            );
            assert!(base.username().is_empty() && base.password().is_none());
            assert!(base.query().is_none() && base.fragment().is_none());
            assert!(base.path().ends_with('/'));
            assert_eq!(ws.to_string(), base.as_str());
            assert_eq!(ws.origin_str(), base.as_str().trim_end_matches('/'));
            if rules.allow_loopback {
                let want = rules.name_url.replace("{name}", ws.name());
                assert_eq!(base.as_str(), want, "practice: not the sandbox's URL");
                assert!(is_loopback_host(host));
            } else {
                assert_eq!(base.scheme(), "https", "{input:?} → {base}");
                assert!(base.port().is_none(), "{input:?} → {base}");
                assert_eq!(base.path(), "/");
                assert!(
                    rules
                        .domains
                        .iter()
                        .any(|d| host == format!("{}.{d}", ws.name())),
                    "{input:?} → {base}: not a workspace under an allowed domain"
                );
            }
            // "https or loopback", whatever the rules.
            assert!(base.scheme() == "https" || (rules.allow_loopback && is_loopback_host(host)));
            // Idempotent: the normalised URL (and its host alone) read again is the same.
            let again = WorkspaceUrl::parse(base.as_str(), rules);
            assert_eq!(
                again.as_ref(),
                Ok(&ws),
                "not idempotent: {input:?} → {base}"
            );
            if !rules.allow_loopback {
                assert_eq!(WorkspaceUrl::parse(host, rules).as_ref(), Ok(&ws));
            }
            // Endpoints stay inside the workspace.
            if let Ok(ping) = ws.endpoint(crate::core1::endpoints::PING) {
                assert!(ping.as_str().starts_with(base.as_str()));
            }
            "ok"
        }
        Err(e) => {
            assert!(listed(&e), "unlisted code {}", e.code());
            assert!(
                e.code().starts_with("workspace_"),
                "{input:?}: {}",
                e.code()
            );
            let trimmed = input.trim();
            if trimmed.chars().count() > 41 {
                assert!(
                    !e.to_string().contains(trimmed),
                    "the error quotes the whole long input"
                );
            }
            e.code()
        }
    }
}
