//! Fuzz target body: BigCommerce's answers.

use super::*;

/// The context the BigCommerce target's callback confirmed.
pub const BC_CONTEXT: &str = "stores/abc123";

/// A BigCommerce answer: the first byte picks what is decoded (`0` token exchange, `1`
/// `GET /v2/store`, `2` `GET /v2/time`; taken modulo 3, so `'0'`–`'2'` work in text seeds), the
/// second the HTTP status of a token answer, the rest is the body.
///
/// Asserts: a grant is only ever for the confirmed store, with a non-blank token, from a 2xx
/// answer, and its `Debug` never shows the token; a store decodes to what it re-encodes to
/// (round trip); every error has a listed code and shows no secret from the body.
pub fn bigcommerce_response(data: &[u8]) -> &'static str {
    let (kind, status, body) = match data {
        [k, s, rest @ ..] => (k % 3, http_status_from(*s), rest),
        _ => return "short",
    };
    match kind {
        0 => {
            match oauth::read_token_answer(
                status,
                body,
                BC_CONTEXT,
                "store_v2_default",
                Some("uuid-from-callback"),
            ) {
                Ok(grant) => {
                    assert!((200..300).contains(&status));
                    assert_eq!(grant.store_hash.as_str(), "abc123");
                    assert!(!grant.access_token.expose().trim().is_empty());
                    let token = grant.access_token.expose();
                    if token.contains(MARKER) {
                        let mut others = Vec::new();
                        if let Some(v) = json_lossy(body) {
                            if let Some(o) = v.as_object() {
                                for (k, x) in o {
                                    if k != "access_token" {
                                        strings(x, &mut others);
                                    }
                                }
                            }
                        }
                        let shown = format!("{grant:?}");
                        assert!(
                            others.iter().any(|s| s.contains(MARKER)) || !shown.contains(MARKER),
                            "the access token shows in the grant's Debug: {shown}"
                        );
                    }
                    "ok"
                }
                Err(e) => {
                    check_error(&e, body);
                    e.code()
                }
            }
        }
        1 => match decode_json::<StoreInfo>("v2/store", body) {
            Ok(store) => {
                let again = serde_json::to_value(&store)
                    .ok()
                    .and_then(|v| serde_json::from_value::<StoreInfo>(v).ok());
                assert_eq!(
                    again.as_ref(),
                    Some(&store),
                    "StoreInfo does not round-trip"
                );
                "ok"
            }
            Err(e) => {
                check_error(&e, body);
                e.code()
            }
        },
        _ => {
            #[derive(serde::Deserialize)]
            struct Time {
                #[allow(dead_code)]
                time: i64,
            }
            match decode_json::<Time>("v2/time", body) {
                Ok(_) => "ok",
                Err(e) => {
                    check_error(&e, body);
                    e.code()
                }
            }
        }
    }
}
