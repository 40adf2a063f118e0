//! The wizard's app registration in a Core1 workspace, the way Actindo documents it
//! (Actindo-AG/Documentation, branch ACD-1069, `PIM/API/02_GetStarted.md`, "Step 1 – Register
//! the client app"): an app is registered **in the workspace itself** under *Dev Tools › API ›
//! APP REGISTRATIONS* › `+` with a *Name*, an *Application (client) ID* of the app's choosing, the
//! toggle *Only authentication scopes openid profile email* left off, and **one** *Redirect URI*;
//! SAVE shows the client secret, "displayed only once". "The authorization is instance-specific":
//! each workspace has its own registration and secret, which this computer keeps in the keyring
//! for that workspace ([`crate::SecretKey::Core1ClientSecret`]).
//!
//! **The product's client id** is [`PRODUCT_CLIENT_ID`], `core1_bigcommerce_setup`: it obeys the
//! form's rule ("4 - 31 characters (A-Za-z0-9_-) long and begins with a letter") and the stricter
//! reading of the guide's text (letters, digits and underscore only — the text leaves the hyphen
//! out), and it names the product, so a workspace administrator recognises it in the list.
//!
//! **The Redirect URI** is one exact `http://127.0.0.1:{port}/core1/callback` per registration, so
//! the port is fixed: [`DEFAULT_CALLBACK_PORT`] (28417), profile-overridable. 28417 lies below
//! every desktop system's range of ports handed out for outgoing connections (Linux 32768–60999,
//! Windows and macOS 49152–65535), so no connection of the computer holds it by chance, and it is
//! no widely used program's default (not in the Debian `services` list; BigCommerce's loopback
//! road keeps 53682). Any loopback port (RFC 8252 §7.3) is used only by a profile that says its
//! registration allows it (`core1.any_port`): nothing in Actindo's pages says Core1 does.
//!
//! **Squatting risk of a fixed port**: another program on this computer can bind 28417 first and
//! wait for the browser's callback. What limits it: the listener binds exclusively (no
//! `SO_REUSEADDR`; `SO_EXCLUSIVEADDRUSE` on Windows) and says "port taken" instead of falling back
//! to another port (which the registration would refuse anyway); `state` is checked before
//! anything else, so a squatter cannot feed the wizard a code; PKCE (S256) is still sent — if
//! Core1 checks it, a stolen code is useless without the verifier, and if it ignores it, nothing
//! is lost; and the client secret lives only in this computer's keyring, per workspace, never in
//! the app: a squatter that steals a code still cannot redeem it.
//!
//! **Is the registration there?** ([`probe`], before any browser opens): a token request with
//! the client id, the secret and a made-up code. Under RFC 6749 §5.2 the server authenticates the
//! client first: `invalid_client` means the registration is gone or the secret is wrong;
//! `invalid_grant` means the client authenticated and only the code was bad — the registration is
//! good. **This is an assumption** about Core1 (its token endpoint is standard OAuth 2.0, but
//! Actindo documents no error answers); the practice Core1 answers this way. Other signs that
//! would tell them apart, none documented: an authorize request for an unknown client id
//! answered with an error page instead of the login (that needs no secret, but Core1's answer is
//! not known); an API listing the workspace's app registrations. Without the secret the probe
//! cannot tell "unknown" from "known": a confidential client that does not authenticate gets
//! `invalid_client` either way.

use serde::Serialize;
use url::Url;

use super::token::{Token, TokenError};
use crate::error::{Error, Result};
use crate::profile::Profile;
use crate::secret_string::SecretString;

pub(crate) mod rule;
use rule::REGISTRATION_NAME;

/// What the merchant types into *Dev Tools › API › App registrations* › `+`, in the form's own
/// order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegistrationForm {
    /// *Name*.
    pub name: String,
    /// *Application (client) ID*.
    pub client_id: String,
    /// *Only authentication scopes openid profile email*: always left off.
    pub only_auth_scopes: bool,
    /// *Redirect URI*.
    pub redirect_uri: String,
}

/// One value of the form, for "Copy".
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FormField {
    Name,
    ClientId,
    RedirectUri,
}

impl RegistrationForm {
    /// The values for `profile` (its client id and Redirect URI).
    pub(crate) fn of(profile: &Profile) -> Result<Self> {
        Ok(RegistrationForm {
            name: REGISTRATION_NAME.to_owned(),
            client_id: profile.core1_client_id()?.to_owned(),
            only_auth_scopes: false,
            redirect_uri: redirect_uri(profile)?.to_string(),
        })
    }

    /// The text of one field.
    pub(crate) fn value(&self, field: FormField) -> &str {
        match field {
            FormField::Name => &self.name,
            FormField::ClientId => &self.client_id,
            FormField::RedirectUri => &self.redirect_uri,
        }
    }
}

/// The one Redirect URI of the registration: `http://127.0.0.1:{port}{path}`.
pub(crate) fn redirect_uri(profile: &Profile) -> Result<Url> {
    crate::profile::profile_url(&format!(
        "http://127.0.0.1:{}{}",
        profile.core1.callback_port, profile.core1.callback_path
    ))
}

/// The loopback port the sign-in listens on: the registered one, or any (0) where the profile
/// says its registration allows it.
pub(crate) fn listen_port(profile: &Profile) -> u16 {
    if profile.core1.any_port {
        0
    } else {
        profile.core1.callback_port
    }
}

/// A client secret as pasted: trimmed; refused when empty, over 200 characters, or holding
/// spaces or control characters (a secret is one printable word). Never quoted in an error.
pub(crate) fn parse_client_secret(pasted: &str) -> Result<SecretString> {
    let s = pasted.trim();
    let ok = !s.is_empty() && s.len() <= 200 && s.chars().all(|c| c.is_ascii_graphic());
    if ok {
        Ok(SecretString::from(s))
    } else {
        Err(Error::Core1SecretMalformed)
    }
}

/// What the workspace said to the registration's client id and secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// `invalid_grant`: the client authenticated; the registration is good.
    Accepted,
    /// `invalid_client`: no such registration, or not this secret.
    Refused,
    /// Another RFC 6749 §5.2 error: not decided by the probe (the sign-in goes on and says
    /// whatever the workspace says then).
    Undecided { error: String },
}

/// Asks the token endpoint with a made-up code (see the module docs). Network and server
/// trouble keep their own errors.
pub(crate) async fn probe(token: &Token, redirect: &Url) -> Result<Verdict> {
    let made_up = SecretString::new(crate::signin::pkce::random_token());
    match token.probe(&made_up, redirect).await {
        Ok(_) => Err(Error::Core1BadResponse {
            detail: "token: a made-up code was accepted".into(),
        }),
        Err(TokenError::Rejected { error }) => Ok(match error.as_str() {
            "invalid_grant" => Verdict::Accepted,
            "invalid_client" => Verdict::Refused,
            _ => Verdict::Undecided { error },
        }),
        Err(TokenError::Other(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::rule::{check_client_id, client_id_allowed, PRODUCT_CLIENT_ID};
    use super::*;

    #[test]
    fn the_forms_rule() {
        assert!(client_id_allowed(PRODUCT_CLIENT_ID));
        for ok in ["abcd", "A-b_c", "a234567890123456789012345678901"] {
            assert!(client_id_allowed(ok), "{ok}");
        }
        for bad in [
            "",
            "abc",
            "1abc",
            "_abc",
            "-abc",
            "a2345678901234567890123456789012",
            "core1-bigcommerce-setup.",
            "core1 setup",
            "caf\u{e9}x",
            // Actindo's own example UUID is 36 characters and begins with a digit.
            "115e1d76-1cad-4067-bf3f-89772cda06b3",
        ] {
            assert!(!client_id_allowed(bad), "{bad}");
            assert!(check_client_id(bad).is_err());
        }
    }

    #[test]
    fn the_product_id_also_fits_the_guides_stricter_text() {
        assert!(PRODUCT_CLIENT_ID
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_'));
    }

    #[test]
    fn a_pasted_secret() {
        assert_eq!(
            parse_client_secret("  1U-YdJpAD67huXxmy0c7Cg__\n")
                .unwrap()
                .expose(),
            "1U-YdJpAD67huXxmy0c7Cg__"
        );
        for bad in ["", "   ", "two words", "tab\there", &"x".repeat(201)] {
            assert_eq!(
                parse_client_secret(bad).unwrap_err(),
                Error::Core1SecretMalformed
            );
        }
    }

    #[test]
    fn the_form_for_a_profile() {
        let p = Profile::production();
        let form = RegistrationForm::of(&p).unwrap();
        assert_eq!(form.name, "Core1 BigCommerce Setup");
        assert_eq!(form.client_id, PRODUCT_CLIENT_ID);
        assert!(!form.only_auth_scopes);
        assert_eq!(form.redirect_uri, "http://127.0.0.1:28417/core1/callback");
        assert_eq!(form.value(FormField::RedirectUri), form.redirect_uri);
        assert_eq!(listen_port(&p), 28417);
        let mut any = p.clone();
        any.core1.any_port = true;
        assert_eq!(listen_port(&any), 0);
    }
}
