//! Judging one request to the listener from its method and target alone (no I/O, fuzzed).

use super::*;

/// What a callback must match: the exact path, the `state` and (when the callback names one)
/// the issuer.
#[derive(Debug, Clone)]
pub(crate) struct CallbackCheck {
    /// The exact callback path, e.g. `/bigcommerce/callback`.
    pub path: String,
    /// The `state` the callback must carry (compared in constant time).
    pub state: String,
    /// The issuer expected in `iss`, if the callback carries one.
    pub expected_issuer: Option<String>,
    /// With `expected_issuer`: a callback without `iss` is refused too (the provider
    /// advertises RFC 9207).
    pub issuer_required: bool,
}

/// What one request to the listener amounts to; see [`judge`].
#[derive(Debug)]
pub(crate) enum Judgement {
    /// Not the callback path (a favicon, a probe): 404, the listener keeps waiting.
    Stray,
    /// The callback path with another method than `GET`: 405, the listener keeps waiting.
    WrongMethod,
    /// `state` missing, repeated or wrong: 400, the listener keeps waiting.
    BadState,
    /// A valid `state`: this callback decides the sign-in (unless an earlier one already did).
    Callback(Verdict),
}

/// What a callback with a valid `state` decides.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// `iss` is not exactly one value equal to the expected issuer — present and different,
    /// repeated, or (where required) missing: [`Error::SignInIssuerMismatch`].
    IssuerMismatch,
    /// The provider reported an error. `error` and `description` as sent (for the page, which
    /// escapes them); `outcome` is the wizard's error ([`Error::SignInDenied`] or
    /// [`Error::SignInProviderError`] with the texts shortened).
    ProviderError {
        error: String,
        description: Option<String>,
        outcome: Error,
    },
    /// Neither an error nor exactly one non-empty `code`.
    MissingCode,
    /// The code and every other single-valued parameter.
    Code(CallbackParams),
}

/// Judge one request to the listener from its method and request target alone — no I/O, no
/// shared state, so it can be fuzzed (`src-tauri/core/fuzz`).
///
/// Order of the checks: the exact path (else [`Judgement::Stray`]), then `GET` (else
/// [`Judgement::WrongMethod`]), then exactly one `state` equal to `check.state` in constant time
/// (else [`Judgement::BadState`]) — before any other parameter is looked at. With a valid
/// `state` and an expected issuer: `iss` must be one value equal to it (trailing `/` ignored) —
/// a different or repeated `iss` is refused, a missing one where `issuer_required`; then the
/// first `error`, then exactly one non-empty `code`. Parameters are read as
/// `application/x-www-form-urlencoded` (percent-decoding, `+` as space, invalid UTF-8
/// replaced); a parameter given more than once counts as absent.
pub(crate) fn judge(method: &Method, uri: &Uri, check: &CallbackCheck) -> Judgement {
    if uri.path() != check.path {
        return Judgement::Stray;
    }
    if method != Method::GET {
        return Judgement::WrongMethod;
    }
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let single = |name: &str| {
        let mut it = pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        match (it.next(), it.next()) {
            (Some(v), None) => Some(v.as_str()),
            _ => None,
        }
    };

    // 1. state, before anything else.
    let state_ok = single("state").is_some_and(|s| constant_time_eq(s, &check.state));
    if !state_ok {
        return Judgement::BadState;
    }

    // 2. iss: exactly one, the expected one — or none where the provider does not send it.
    if let Some(expected) = check.expected_issuer.as_deref() {
        let iss: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| k == "iss")
            .map(|(_, v)| v.as_str())
            .collect();
        let fine = match iss.as_slice() {
            [] => !check.issuer_required,
            [one] => one.trim_end_matches('/') == expected.trim_end_matches('/'),
            _ => false,
        };
        if !fine {
            return Judgement::Callback(Verdict::IssuerMismatch);
        }
    }

    // 3. an error from the provider.
    if let Some(error) = pairs.iter().find(|(k, _)| k == "error").map(|(_, v)| v) {
        let description = single("error_description").map(str::to_owned);
        let outcome = if error == "access_denied" {
            Error::SignInDenied
        } else {
            Error::SignInProviderError {
                error: truncate(error, 100),
                description: description.as_deref().map(|d| truncate(d, 300)),
            }
        };
        return Judgement::Callback(Verdict::ProviderError {
            error: error.clone(),
            description,
            outcome,
        });
    }

    // 4. the code.
    let Some(code) = single("code").filter(|c| !c.is_empty()) else {
        return Judgement::Callback(Verdict::MissingCode);
    };
    let mut params = BTreeMap::new();
    for (k, v) in &pairs {
        if k != "state" && k != "code" && single(k).is_some() {
            params.insert(k.clone(), v.clone());
        }
    }
    Judgement::Callback(Verdict::Code(CallbackParams {
        code: SecretString::new(code),
        params,
    }))
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
