//! The product's fixed values and the client-id rule of Core1's Create form, kept apart from
//! the rest of [`super`] so the profile can use them (see the parent module for why these).

use crate::error::{Error, Result};

/// The wizard's Application (client) ID (see the module docs for why this one).
pub const PRODUCT_CLIENT_ID: &str = "core1_bigcommerce_setup";
/// The *Name* the guide asks for.
pub const REGISTRATION_NAME: &str = "Core1 BigCommerce Setup";
/// The fixed loopback port of the Core1 Redirect URI (see the module docs).
pub(crate) const DEFAULT_CALLBACK_PORT: u16 = 28417;
/// The scope of the authorize request (Actindo's guide: *Scope (required)*: `profile`).
pub(crate) const DEFAULT_SCOPE: &str = "profile";

/// Whether `id` obeys the Create form's rule: 4–31 characters of `A-Za-z0-9_-`, beginning with
/// a letter. `const`, so a client id given at build time is checked by the compiler.
pub(crate) const fn client_id_allowed(id: &str) -> bool {
    let b = id.as_bytes();
    if b.len() < 4 || b.len() > 31 || !b[0].is_ascii_alphabetic() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !(c.is_ascii_alphanumeric() || c == b'_' || c == b'-') {
            return false;
        }
        i += 1;
    }
    true
}

/// Checks a client id read from a profile or the build.
pub(crate) fn check_client_id(id: &str) -> Result<()> {
    if client_id_allowed(id) {
        Ok(())
    } else {
        Err(Error::ProfileInvalid {
            reason: "core1.client_id must be 4 - 31 characters (A-Za-z0-9_-) long and begin with a letter, as Core1's app registration form requires".into(),
        })
    }
}
