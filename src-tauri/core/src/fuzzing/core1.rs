//! Fuzz target body: Core1's answers.

use super::*;

/// A Core1 answer: the first byte picks what is decoded (`0` ping, `1` one connection, `2` the
/// connection list — each through the `{success, errno, error}` envelope —, `3` a token
/// answer; modulo 4), the second the HTTP status of a token answer, the rest is the body.
///
/// Asserts: the envelope is a success only with `"success": true`, "not logged in" only for
/// errno 10000; Core1's error text is kept to 200 characters; connections round-trip; a token
/// answer is accepted only from a 2xx with a non-empty access token and gives an expiry in the
/// future that the client can compute; no error shows a secret from the body.
pub fn core1_response(data: &[u8]) -> &'static str {
    let (kind, status, body) = match data {
        [k, s, rest @ ..] => (k % 4, http_status_from(*s), rest),
        _ => return "short",
    };
    if kind == 3 {
        return match decode_token_answer(status, body) {
            Ok(t) => {
                assert!((200..300).contains(&status));
                assert!(!t.access_token.is_empty());
                let now = tokio::time::Instant::now();
                assert!(t.expires_at(now) >= now);
                "ok"
            }
            Err(TokenError::Rejected { error }) => {
                assert!(status == 400 || status == 401);
                assert!(error.chars().count() <= 60);
                "rejected"
            }
            Err(TokenError::Other(e)) => {
                check_error(&e, body);
                e.code()
            }
        };
    }
    const ENDPOINT: &str = "Actindo.Modules.Actindo.Channels.Connections.get";
    let parsed = serde_json::from_slice::<Value>(body).ok();
    let value = match envelope(ENDPOINT, body) {
        Ok(v) => v,
        Err(Envelope::NotLoggedIn) => {
            let v = parsed.unwrap_or(Value::Null);
            assert_eq!(v.get("success"), Some(&Value::Bool(false)));
            assert_eq!(v.get("errno").and_then(Value::as_i64), Some(10000));
            return "not_logged_in";
        }
        Err(Envelope::Failed(e)) => {
            if let Error::Core1Api { message, .. } = &e {
                assert!(message.chars().count() <= 200);
            }
            check_error(&e, body);
            return e.code();
        }
    };
    assert_eq!(value.get("success"), Some(&Value::Bool(true)));
    let result: Result<(), Error> = match kind {
        0 => decode_value::<PingInfo>(ENDPOINT, value).map(|_| ()),
        1 => decode_value::<OneConnection>(ENDPOINT, value).map(|one| {
            round_trip(&one.connection);
        }),
        _ => decode_value::<ManyConnections>(ENDPOINT, value).map(|many| {
            many.connections.iter().for_each(round_trip);
        }),
    };
    match result {
        Ok(()) => "ok",
        Err(e) => {
            check_error(&e, body);
            e.code()
        }
    }
}

fn round_trip(c: &crate::core1::channels::Connection) {
    let again = serde_json::to_value(c)
        .ok()
        .and_then(|v| serde_json::from_value::<crate::core1::channels::Connection>(v).ok());
    assert_eq!(again.as_ref(), Some(c), "Connection does not round-trip");
    let _ = c.is_settled();
}
