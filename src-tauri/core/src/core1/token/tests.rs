//! Unit tests of `token`.

use super::*;

/// Found while writing the `core1_response` fuzz target (its invariant "the client can
/// compute the expiry"; the fuzzer itself did not reach such a number in 8 minutes):
/// `expires_in` ≥ 2^63 made the expiry panic ("overflow when adding duration to instant")
/// right after a sign-in or refresh.
#[test]
fn an_absurd_expires_in_does_not_overflow_the_clock() {
    for expires_in in ["18446744073709551615", "9223372036854775807", "86401", "0"] {
        let body = format!(r#"{{"access_token":"a","expires_in":{expires_in}}}"#);
        let Ok(t) = decode_token_answer(200, body.as_bytes()) else {
            panic!("{body} not accepted");
        };
        let now = tokio::time::Instant::now();
        let at = t.expires_at(now);
        assert!(at >= now && at <= now + MAX_TOKEN_LIFETIME, "{body}");
    }
}

/// The statuses keep their own codes, and a §5.2 rejection its words, through oauth2.
#[test]
fn answers_map_to_the_same_errors_as_before() {
    let code = |status, body: &str| match decode_token_answer(status, body.as_bytes()) {
        Ok(_) => "ok".to_owned(),
        Err(TokenError::Rejected { error }) => format!("rejected:{error}"),
        Err(TokenError::Other(e)) => e.code().to_owned(),
    };
    assert_eq!(
        code(200, r#"{"access_token":"a","token_type":"Bearer"}"#),
        "ok"
    );
    assert_eq!(code(201, r#"{"access_token":"a","token_type":7}"#), "ok");
    assert_eq!(
        code(400, r#"{"error":"invalid_grant"}"#),
        "rejected:invalid_grant"
    );
    assert_eq!(code(401, "no json"), "rejected:HTTP 401");
    assert_eq!(code(530, ""), "core1_frozen");
    assert_eq!(code(404, ""), "workspace_not_found");
    assert_eq!(code(503, ""), "core1_unavailable");
    assert_eq!(code(200, r#"{"access_token":""}"#), "core1_bad_response");
    assert_eq!(code(200, ""), "core1_bad_response");
    assert_eq!(code(302, ""), "core1_bad_response");
}
