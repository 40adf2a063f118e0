//! The static pages the loopback listener shows in the browser tab.
//!
//! Self-contained HTML: inline CSS only, no scripts, no third-party resources. Every value that
//! comes from the request is HTML-escaped. The listener adds `Cache-Control: no-store`,
//! `Referrer-Policy: no-referrer` and a CSP that forbids everything but inline style.

use html_escape::encode_text;

fn page(title: &str, heading: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>
body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f5f6f8;color:#1d2330;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}}
main{{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:2.5rem 3rem;max-width:32rem;text-align:center}}
h1{{font-size:1.4rem;margin:0 0 1rem}}p{{line-height:1.5;margin:.5rem 0}}code{{background:#eef0f4;padding:.1rem .3rem;border-radius:4px}}
</style></head>
<body><main><h1>{heading}</h1>{body}</main></body></html>
"#
    )
}

/// Shown after a valid callback.
pub(crate) fn success(provider: &str) -> String {
    let provider = encode_text(provider);
    page(
        "Signed in",
        &format!("You are signed in to {provider}"),
        "<p>You can close this tab and go back to the setup wizard.</p>",
    )
}

/// Shown when the provider reported an error (e.g. `access_denied`).
pub(crate) fn failure(provider: &str, error: &str, description: Option<&str>) -> String {
    let provider = encode_text(provider);
    let detail = match description {
        Some(d) if !d.is_empty() => format!(
            "<p>{} said: <code>{}</code> — {}</p>",
            provider,
            encode_text(error),
            encode_text(d)
        ),
        _ => format!(
            "<p>{} said: <code>{}</code></p>",
            provider,
            encode_text(error)
        ),
    };
    let lead = if error == "access_denied" {
        "<p>Access was not granted. Go back to the setup wizard to try again.</p>"
    } else {
        "<p>The sign-in did not complete. Go back to the setup wizard to try again.</p>"
    };
    page(
        "Sign-in not completed",
        "Sign-in not completed",
        &format!("{lead}{detail}<p>You can close this tab.</p>"),
    )
}

/// Shown when `state` is missing or wrong (the listener keeps waiting).
pub(crate) fn state_mismatch() -> String {
    page(
        "Unexpected sign-in answer",
        "This answer does not belong to the current sign-in",
        "<p>The setup wizard ignored it and is still waiting. Use the link from the wizard \
         (\"Open again\") to sign in.</p>",
    )
}

/// Shown for a callback with a valid `state` but no code and no error.
pub(crate) fn incomplete() -> String {
    page(
        "Sign-in not completed",
        "Sign-in not completed",
        "<p>The answer had no sign-in code. Go back to the setup wizard to try again.</p>",
    )
}

/// Shown for any other path.
pub(crate) fn not_found() -> String {
    page("Not found", "Not found", "<p>Nothing here.</p>")
}

/// Shown for a request that names another host than `127.0.0.1:{port}` (DNS rebinding).
pub(crate) fn wrong_host() -> String {
    page(
        "Not for this address",
        "Not for this address",
        "<p>The setup wizard only answers at the address it opened itself.</p>",
    )
}

/// Shown for a method other than GET on the callback path.
pub(crate) fn method_not_allowed() -> String {
    page(
        "Not allowed",
        "Not allowed",
        "<p>Only the browser's redirect is accepted here.</p>",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_escapes_everything() {
        let p = failure("BigCommerce", "<script>x</script>", Some("\"a\" & <b>"));
        assert!(!p.contains("<script>x"));
        assert!(p.contains("&lt;script&gt;"));
        assert!(p.contains("&amp;"));
        assert!(!p.contains("http://") && !p.contains("https://"));
    }

    #[test]
    fn success_says_close_this_tab() {
        assert!(success("Core1").contains("You can close this tab"));
    }
}
