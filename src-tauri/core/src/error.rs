//! The crate's one error type.
//!
//! Every failure the core can report is a variant of [`Error`]. Each variant has a stable
//! snake_case code ([`Error::code`]) that the Tauri shell sends to the UI as `{code, message}`;
//! the UI turns the code into the user's words (`ui/locales/*.json`, `errors.<code>.text` and
//! `.next`), which are the only place that says what the user can do. The `message` is a short
//! English line for logs and support reports: what happened, with the variant's fields, no advice.
//!
//! Rules kept by every variant:
//! - one code means one thing the user can act on;
//! - no message, field or `Debug` output ever contains a secret (tokens, client secrets, PKCE
//!   verifiers, authorization codes): provider texts that we show are only the error texts the
//!   provider sent for display;
//! - codes never change once shipped; new variants may be added (`#[non_exhaustive]`).
//!
//! The variants are kept once, in the table of `error/table.rs`; the list of codes is
//! [`Error::ALL_CODES`].

/// Generates, from one table of `code => Variant { fields } sample { … };` entries (each with
/// its doc comment and `#[error("…")]` log line): the [`Error`] enum (thiserror),
/// [`Error::code`], [`Error::ALL_CODES`] and, for the tests, one sample value of every variant.
/// A variant with fields needs its `sample`, or the crate does not compile; so the tests cover
/// every code, and the locale test (the shell's) finds each code's words or fails.
macro_rules! error_table {
    ($(
        $(#[$attr:meta])*
        $code:ident => $variant:ident
            $({ $($(#[$field_attr:meta])* $field:ident : $ty:ty),* $(,)? })?
        $(sample { $($sample_field:ident : $sample_value:expr),* $(,)? })?;
    )*) => {
        /// Everything that can go wrong in the core. See [`Error::code`] for the stable codes.
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
        #[non_exhaustive]
        pub enum Error {
            $(
                $(#[$attr])*
                $variant $({ $($(#[$field_attr])* $field: $ty),* })?,
            )*
        }

        impl Error {
            /// Every code: the UI has words for each in each locale.
            pub const ALL_CODES: &'static [&'static str] = &[$(stringify!($code)),*];

            /// The stable snake_case code of this error (see [`Error::ALL_CODES`]).
            pub fn code(&self) -> &'static str {
                match self {
                    $(Error::$variant { .. } => stringify!($code),)*
                }
            }

            /// One value of every variant, in table order.
            #[cfg(test)]
            pub(super) fn samples() -> Vec<Error> {
                vec![$(Error::$variant $({ $($sample_field: $sample_value),* })?),*]
            }
        }
    };
}

pub(crate) mod table;

pub(crate) use table::Error;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Whether trying the same thing again later may succeed without the user changing
    /// anything (network trouble, maintenance, server errors, rate limits, keyring timeouts).
    pub(crate) fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::BigCommerceUnreachable
                | Error::BigCommerceUnavailable { .. }
                | Error::BigCommerceRateLimited
                | Error::Core1Unreachable
                | Error::Core1Frozen
                | Error::Core1Unavailable { .. }
                | Error::KeyringTimeout
        )
    }

    pub(crate) fn internal(detail: impl Into<String>) -> Self {
        Error::Internal {
            detail: detail.into(),
        }
    }
}

/// Serialised as `{ "code": "...", "message": "..." }` — what crosses to the UI.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let missing = match self {
            Error::BigCommerceAccessMissing { missing, .. } => Some(missing),
            _ => None,
        };
        let store_hash = match self {
            Error::ApiAccountFileRefused { store_hash } => Some(store_hash),
            _ => None,
        };
        let extra = usize::from(missing.is_some()) + usize::from(store_hash.is_some());
        let mut s = serializer.serialize_struct("Error", 2 + extra)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        if let Some(missing) = missing {
            s.serialize_field("missing", missing)?;
        }
        if let Some(store_hash) = store_hash {
            s.serialize_field("storeHash", store_hash)?;
        }
        s.end()
    }
}

/// What is wrong with a JSON answer, for an error's detail — without quoting the answer.
///
/// serde_json's messages quote the offending value (`invalid type: string "…"`, ``unknown
/// variant `…` ``), and that value may be a token a misbehaving server echoed back. Kept: the
/// kind of problem, the name of a missing field (ours, from the type) and the position.
pub(crate) fn json_problem(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let kind = match e.classify() {
        Category::Io => "unreadable".to_owned(),
        Category::Syntax | Category::Eof => "not JSON".to_owned(),
        Category::Data => {
            let message = e.to_string();
            match message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split_once('`'))
            {
                Some((field, _)) => format!("missing field `{field}`"),
                None => "a field of the wrong type or value".to_owned(),
            }
        }
    };
    if e.line() > 0 {
        format!("{kind} at line {} column {}", e.line(), e.column())
    } else {
        kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_listed_once_and_every_listed_code_is_used() {
        let used: Vec<&str> = Error::samples().iter().map(Error::code).collect();
        let used_set: HashSet<&str> = used.iter().copied().collect();
        assert_eq!(used.len(), used_set.len(), "two variants share a code");
        let listed: HashSet<&str> = Error::ALL_CODES.iter().copied().collect();
        assert_eq!(
            listed.len(),
            Error::ALL_CODES.len(),
            "a code is listed twice"
        );
        assert_eq!(used_set, listed);
    }

    #[test]
    fn codes_are_snake_case() {
        for code in Error::ALL_CODES {
            assert!(
                !code.is_empty()
                    && code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{code}"
            );
        }
    }

    #[test]
    fn serialises_as_code_and_message() {
        let v = serde_json::to_value(Error::Core1Frozen).unwrap();
        assert_eq!(v["code"], "core1_frozen");
        assert_eq!(v["message"], Error::Core1Frozen.to_string());
        assert_eq!(v.as_object().unwrap().len(), 2);
    }

    /// The message is a log line, not the user's words: short, no closing full stop, no
    /// advice (that lives in the locales' `.next`).
    #[test]
    fn messages_are_short_log_lines_without_advice() {
        for e in Error::samples() {
            let m = e.to_string();
            assert!(!m.is_empty() && m.len() <= 80, "{}: {m}", e.code());
            assert!(!m.ends_with('.'), "{}: {m}", e.code());
            let lower = m.to_lowercase();
            for advice in [
                "try again",
                "contact support",
                "ask your",
                "check the",
                "sign in again",
            ] {
                assert!(!lower.contains(advice), "{} advises: {m}", e.code());
            }
        }
    }
}
