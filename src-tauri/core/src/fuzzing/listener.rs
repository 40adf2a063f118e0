//! Fuzz target body: Requests to the loopback listener.

use super::*;

/// The expected path of the listener target.
pub const CALLBACK_PATH: &str = "/callback";
/// The expected `state` of the listener target.
pub const CALLBACK_STATE: &str = "st-9f8e7d6c5b4a";
/// The expected issuer of the listener target.
pub const CALLBACK_ISSUER: &str = "https://acme.actindo.com";

const METHODS: [&str; 8] = ["GET", "GET", "GET", "GET", "POST", "HEAD", "PUT", "OPTIONS"];

/// One request to the listener: the first byte picks the method, the rest is the request
/// target as hyper would hand it over (parsed as a [`Uri`]; what does not parse never reaches
/// the listener's code).
///
/// Asserts, independently of [`judge`]'s own code path: only the exact path is ever considered;
/// only `GET` with exactly one correct `state` can decide the sign-in, and only with exactly one
/// right `iss` (or none, where the top bit of the first byte does not require it); a code outcome carries
/// the one non-empty `code` and neither `state` nor `code` among its other parameters, and only
/// when no `error` was sent; provider texts are shortened (100/300 characters) and cannot inject
/// markup into the page; the judgement's `Debug` never shows the code.
pub fn listener_request(data: &[u8]) -> &'static str {
    let Some((&m, target)) = data.split_first() else {
        return "empty";
    };
    let method = Method::from_bytes(METHODS[usize::from(m) % METHODS.len()].as_bytes())
        .unwrap_or(Method::GET);
    let Ok(uri) = Uri::try_from(target) else {
        return "bad_uri";
    };
    // The method takes the low bits of the first byte; its top bit says whether the provider
    // advertises `iss` (so a callback without one is refused).
    let issuer_required = m & 0x80 != 0;
    let check = CallbackCheck {
        path: CALLBACK_PATH.into(),
        state: CALLBACK_STATE.into(),
        expected_issuer: Some(CALLBACK_ISSUER.into()),
        issuer_required,
    };
    let judgement = judge(&method, &uri, &check);

    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let values = |k: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let state_ok = values("state") == [CALLBACK_STATE];
    let decides = matches!(judgement, Judgement::Callback(_));
    assert_eq!(
        matches!(judgement, Judgement::Stray),
        uri.path() != CALLBACK_PATH
    );
    if decides {
        assert_eq!(method, Method::GET);
        assert!(state_ok, "decided without exactly one correct state: {uri}");
        if !matches!(judgement, Judgement::Callback(Verdict::IssuerMismatch)) {
            let iss = values("iss");
            assert!(
                (iss.is_empty() && !issuer_required)
                    || (iss.len() == 1 && iss[0].trim_end_matches('/') == CALLBACK_ISSUER),
                "accepted without exactly one right iss: {uri}"
            );
        }
    }
    if uri.path() == CALLBACK_PATH && method == Method::GET && !state_ok {
        assert!(matches!(judgement, Judgement::BadState));
    }
    let shown = format!("{judgement:?}");
    assert!(
        !shown.contains(CALLBACK_STATE)
            || pairs.iter().any(|(k, v)| {
                k != "state" && (k.contains(CALLBACK_STATE) || v.contains(CALLBACK_STATE))
            })
    );

    match judgement {
        Judgement::Stray => "stray",
        Judgement::WrongMethod => "wrong_method",
        Judgement::BadState => "bad_state",
        Judgement::Callback(Verdict::IssuerMismatch) => {
            let iss = values("iss");
            match iss.as_slice() {
                [] => assert!(issuer_required, "no iss refused where it is not required"),
                [one] => assert_ne!(one.trim_end_matches('/'), CALLBACK_ISSUER),
                _repeated => {}
            }
            "issuer_mismatch"
        }
        Judgement::Callback(Verdict::ProviderError {
            error,
            description,
            outcome,
        }) => {
            assert_eq!(values("error").first().copied(), Some(error.as_str()));
            match &outcome {
                Error::SignInDenied => assert_eq!(error, "access_denied"),
                Error::SignInProviderError {
                    error: e,
                    description: d,
                } => {
                    assert!(e.chars().count() <= 100);
                    assert!(d.as_ref().is_none_or(|d| d.chars().count() <= 300));
                }
                other => panic!("unexpected outcome {other:?}"),
            }
            // The page escapes what the provider sent: no more tags than with harmless text.
            let page = pages::failure("Prov", &error, description.as_deref());
            let plain = pages::failure("Prov", "x", description.as_ref().map(|_| "y"));
            assert_eq!(
                page.matches('<').count(),
                plain.matches('<').count(),
                "markup from the callback reached the page"
            );
            "provider_error"
        }
        Judgement::Callback(Verdict::MissingCode) => {
            let codes = values("code");
            assert!(codes.len() != 1 || codes[0].is_empty());
            assert!(values("error").is_empty());
            "missing_code"
        }
        Judgement::Callback(Verdict::Code(params)) => {
            assert!(values("error").is_empty());
            assert_eq!(values("code"), [params.code.expose()]);
            assert!(!params.code.is_empty());
            assert!(!params.params.contains_key("state") && !params.params.contains_key("code"));
            for (k, v) in &params.params {
                assert_eq!(values(k), [v.as_str()], "parameter {k:?} is not single");
            }
            let code = params.code.expose();
            if code.contains(MARKER) {
                let elsewhere = params
                    .params
                    .iter()
                    .any(|(k, v)| k.contains(MARKER) || v.contains(MARKER));
                assert!(
                    elsewhere || !shown.contains(MARKER),
                    "the code shows in Debug: {shown}"
                );
            }
            "code"
        }
    }
}
