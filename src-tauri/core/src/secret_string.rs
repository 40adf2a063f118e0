//! [`SecretString`]: a string that never shows itself.
//!
//! Tokens, client secrets, authorization codes and PKCE verifiers are held in this type.
//! `Debug` and `Display` print `<redacted>`; it is not `Serialize`, so it cannot end up in a
//! file or an event by accident. Read the value with [`SecretString::expose`] only at the
//! point where it is sent to the provider or stored in the keyring.
//!
//! In memory it is wiped when dropped by the `zeroize` crate: volatile writes over the whole
//! allocation (spare capacity included) that the optimiser may not remove. Wrapping a `String`
//! moves it in without a copy. What it cannot reach: copies made before it was wrapped (e.g. by
//! an earlier reallocation) and buffers inside the HTTP stack.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

/// A secret string. `Debug`/`Display` never print the value; it is zeroed when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(String);

impl SecretString {
    /// Wrap a value.
    pub fn new(value: impl Into<String>) -> Self {
        SecretString(value.into())
    }

    /// The value itself. Call only where it leaves the process to its rightful recipient.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        SecretString(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        SecretString(value.to_owned())
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<'de> serde::Deserialize<'de> for SecretString {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SecretString)
    }
}

impl Zeroize for SecretString {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

impl Drop for SecretString {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// Zeroed on drop (see the `Drop` impl).
impl ZeroizeOnDrop for SecretString {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_wiped_by_the_zeroize_crate() {
        // Wiped with zeroize's volatile writes over the whole allocation (spare capacity
        // included) on drop — not with plain writes the optimiser may drop.
        fn wiped_on_drop<T: zeroize::ZeroizeOnDrop + zeroize::Zeroize>() {}
        wiped_on_drop::<SecretString>();
        let mut s = SecretString::new(String::with_capacity(64) + "hunter2");
        zeroize::Zeroize::zeroize(&mut s);
        assert_eq!(s.expose(), "");
    }

    #[test]
    fn wrapping_a_string_does_not_copy_it() {
        let value = String::from("token-value");
        let at = value.as_ptr();
        let s = SecretString::from(value);
        assert_eq!(s.expose().as_ptr(), at);
        let d: SecretString = serde_json::from_str("\"from-json\"").unwrap();
        assert_eq!(d.expose(), "from-json");
    }

    #[test]
    fn never_prints_the_value() {
        let s = SecretString::new("hunter2");
        assert_eq!(format!("{s:?}"), "<redacted>");
        assert_eq!(format!("{s}"), "<redacted>");
        assert_eq!(format!("{:?}", Some(s.clone())), "Some(<redacted>)");
        assert_eq!(s.expose(), "hunter2");
    }
}
