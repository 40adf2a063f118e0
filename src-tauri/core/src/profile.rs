//! Profiles: where the wizard signs in and which app registrations it uses.
//!
//! - [`Profile::production`] — the real BigCommerce and `*.actindo.com`. The Core1 client id is
//!   the product's ([`crate::core1::registration::rule::PRODUCT_CLIENT_ID`]; a build may name another
//!   with `C1BC_CORE1_CLIENT_ID`, checked against Core1's rule by the compiler), and each
//!   workspace's client secret comes from that workspace's own app registration (the guided
//!   registration; kept in the keyring for the workspace). So a build needs no secret. The store
//!   is connected through Actindo's connector app (road 1) or an API account (road 2); the
//!   wizard's own BigCommerce app (road 3) exists only in a profile file that registers one
//!   (`bigcommerce.client_id`), never in production or practice by default — see
//!   [`BigCommerceProfile::client_id`]. An unconfigured production profile is valid to hold;
//!   using it for a sign-in gives [`Error::BigCommerceNotConfigured`] or
//!   [`Error::Core1NotConfigured`].
//! - [`Profile::demo`] — the practice world of a running sandbox (`setup-sandbox`), from its
//!   base URL.
//! - [`Profile::from_json`] / [`Profile::load`] — a profile file for consultants and tests: a
//!   JSON object that overlays a base profile (`"base": "production"` (default) or
//!   `"base": "demo"` with `"sandbox_url"`), e.g.
//!
//! ```json
//! { "base": "production", "name": "acme-onboarding",
//!   "prefilled_workspace": "acme",
//!   "bigcommerce": { "client_id": "abc", "callback_port": 53682 },
//!   "core1": { "client_id": "core1_bigcommerce_setup", "client_secret": "…", "callback_port": 28417 } }
//! ```
//!
//! **Client secrets in a profile are as public as the file**: anyone with it can read them. A
//! Core1 secret in a profile is a registration prepared by a consultant (or a vendor that
//! pre-registers the app) for the workspaces it is used with; without one, each workspace's own
//! registration secret is asked for once and kept in the keyring. The security of the sign-in
//! also rests on the exact registered callback, `state` and PKCE.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{Error, Result};
use crate::http::HttpConfig;
use crate::secret_string::SecretString;
use crate::updates::UpdateSettings;

/// Default port of the BigCommerce callback (the app registration names it exactly).
pub(crate) const DEFAULT_BIGCOMMERCE_CALLBACK_PORT: u16 = 53682;
/// Default callback path of the BigCommerce sign-in.
pub(crate) const DEFAULT_BIGCOMMERCE_CALLBACK_PATH: &str = "/bigcommerce/callback";
/// Default callback path of the Core1 sign-in.
pub(crate) const DEFAULT_CORE1_CALLBACK_PATH: &str = "/core1/callback";
/// The name of Actindo's connector app in BigCommerce's marketplace (docs.actindo.com, "Manage
/// BigCommerce connection").
pub(crate) const DEFAULT_CONNECTOR_NAME: &str = "Actindo Core1 DOP Connector";
/// Default keyring service name.
pub(crate) const DEFAULT_KEYRING_SERVICE: &str = "core1-bigcommerce-setup";

/// Everything that differs between production, practice and a consultant's setup.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Profile {
    /// `production`, `demo` or the file's own name; shown in diagnostics.
    pub name: String,
    /// Whether this is the practice world (the UI shows a "practice" badge).
    #[serde(default)]
    pub practice: bool,
    pub bigcommerce: BigCommerceProfile,
    pub core1: Core1Profile,
    /// Workspace to prefill on the Workspace screen.
    #[serde(default)]
    pub prefilled_workspace: Option<String>,
    /// Keyring service name under which secrets are stored. A setup file cannot choose it: a
    /// file's profile gets its own, derived from its endpoints ([`Profile::from_json`]).
    pub keyring_service: String,
    /// For a profile read from a setup file: an id derived from its name and endpoints, naming
    /// its own data folder and keyring service. `None` for the built-in profiles.
    #[serde(skip)]
    pub file_id: Option<String>,
    /// How long a browser sign-in waits for its callback.
    #[serde(with = "secs")]
    pub signin_timeout: Duration,
    /// Road 1: how long the wizard waits for the connector's connection before it offers help
    /// (installing and START SETUP take a merchant a few minutes).
    #[serde(with = "secs")]
    pub connector_help_after: Duration,
    /// Connect timeout of every remote call.
    #[serde(with = "secs")]
    pub connect_timeout: Duration,
    /// Total timeout of every remote call.
    #[serde(with = "secs")]
    pub request_timeout: Duration,
    /// Whether the app looks for updates; a setup file may only turn it off. Where updates come
    /// from is not a profile's business: it is fixed when the app is built ([`crate::updates`]).
    #[serde(default)]
    pub updates: UpdateSettings,
}

/// BigCommerce endpoints and the connector app's registration.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct BigCommerceProfile {
    /// Login host without a trailing slash, `https://login.bigcommerce.com`.
    pub login_url: String,
    /// API host without a trailing slash, `https://api.bigcommerce.com`.
    pub api_url: String,
    /// Path of the authorization endpoint on the login host, `/oauth2/authorize`.
    ///
    /// **Assumption**: BigCommerce documents only the install link
    /// (`/app/{client_id}/install`), not an authorize endpoint taking `state` and PKCE. We use
    /// the authorize endpoint so `state` and PKCE protect the loopback callback; the path is
    /// configurable here in case BigCommerce's differs.
    pub authorize_path: String,
    /// Path of the install link, `{client_id}` replaced: `/app/{client_id}/install`.
    pub install_path: String,
    /// Path of the token endpoint, `/oauth2/token`.
    pub token_path: String,
    /// Page where a merchant manages store-level API accounts (the "API account" road).
    /// `{store_hash}` is replaced when known. (Assumed deep link into the control panel.)
    pub api_accounts_url: String,
    /// Where road 1 starts: the page the system browser opens for Actindo's connector app —
    /// its marketplace listing, or a direct install link `…/app/{client_id}/install`. Default:
    /// the store control panel's Apps › Marketplace through BigCommerce's deep link (it asks
    /// the merchant to log in and picks their store; BigCommerce docs, "App IDs", use
    /// `login.bigcommerce.com/deep-links/manage/marketplace/apps/…`), where the merchant
    /// searches for [`Self::connector_name`].
    pub connector_url: String,
    /// The connector app's name in BigCommerce's marketplace, as the merchant searches for it.
    pub connector_name: String,
    /// Road 3 only: the client id of a BigCommerce app registered for the wizard's own loopback
    /// sign-in; `None` (production and practice) = road 3 is not offered.
    ///
    /// Why not by default: BigCommerce loads app callbacks only from public HTTPS URLs, inside
    /// an iframe of the control panel, starts installs from the store and sends no `state`
    /// (BigCommerce docs, "Implementing OAuth"); a loopback callback on a fixed port can be
    /// taken first by any local program. Only a partner with a registration that allows this
    /// callback can use it.
    #[serde(default)]
    pub client_id: Option<String>,
    /// The app's client secret. Public once shipped (see the module docs). Never serialised.
    #[serde(default, skip_serializing)]
    pub client_secret: Option<SecretString>,
    /// Fixed port of the loopback callback; the app registration names it exactly.
    pub callback_port: u16,
    /// Path of the loopback callback.
    pub callback_path: String,
}

/// Core1 workspace rules and the wizard's app registration (see
/// [`crate::core1::registration`]).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Core1Profile {
    /// The wizard's Application (client) ID in Core1 (4–31 of `A-Za-z0-9_-`, beginning with a
    /// letter); `None` = not configured.
    #[serde(default)]
    pub client_id: Option<String>,
    /// A prepared registration's client secret, used for every workspace (a consultant's, or a
    /// vendor-wide one). `None`: each workspace's own, kept in the keyring. Never serialised.
    #[serde(default, skip_serializing)]
    pub client_secret: Option<SecretString>,
    /// `scope` asked for at the authorize endpoint (Actindo's guide: `profile`; empty = none).
    #[serde(default = "default_scope")]
    pub scope: String,
    /// The loopback port of the one registered Redirect URI.
    #[serde(default = "default_core1_port")]
    pub callback_port: u16,
    /// The registration accepts any loopback port with the callback path (RFC 8252 §7.3), so the
    /// sign-in listens on any free port. Only for a profile whose registration says so: nothing
    /// in Actindo's pages says Core1 does.
    #[serde(default)]
    pub any_port: bool,
    /// Path of the loopback callback.
    pub callback_path: String,
    /// How workspace addresses are read.
    pub workspace: WorkspaceRules,
}

/// How a typed workspace becomes a URL (see [`crate::core1::workspace_url`]).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct WorkspaceRules {
    /// Domains a workspace host may end in, e.g. `["actindo.com", "dev.actindo.com"]`; the part
    /// before the domain must be one DNS label (the workspace name).
    pub domains: Vec<String>,
    /// The URL of a workspace given by name alone, `{name}` replaced, ending in `/`:
    /// `https://{name}.actindo.com/`.
    pub name_url: String,
    /// Whether loopback addresses (the sandbox) are accepted; they must match `name_url`.
    #[serde(default)]
    pub allow_loopback: bool,
    /// Whether hosts under `domains` are also mapped through `name_url` (the practice world
    /// plays every workspace, so `acme.actindo.com` means the practice `acme`).
    #[serde(default)]
    pub domains_via_name_url: bool,
}

impl Profile {
    /// The real BigCommerce and Core1, app registrations from the build-time environment.
    pub fn production() -> Self {
        Profile {
            name: "production".into(),
            practice: false,
            bigcommerce: BigCommerceProfile {
                login_url: "https://login.bigcommerce.com".into(),
                api_url: "https://api.bigcommerce.com".into(),
                authorize_path: "/oauth2/authorize".into(),
                install_path: "/app/{client_id}/install".into(),
                token_path: "/oauth2/token".into(),
                api_accounts_url: "https://login.bigcommerce.com/deep-links/settings/api-accounts"
                    .into(),
                connector_url: "https://login.bigcommerce.com/deep-links/manage/marketplace/apps"
                    .into(),
                connector_name: DEFAULT_CONNECTOR_NAME.into(),
                client_id: None,
                client_secret: None,
                callback_port: DEFAULT_BIGCOMMERCE_CALLBACK_PORT,
                callback_path: DEFAULT_BIGCOMMERCE_CALLBACK_PATH.into(),
            },
            core1: Core1Profile {
                client_id: Some(BUILD_CORE1_CLIENT_ID.into()),
                client_secret: None,
                scope: default_scope(),
                callback_port: default_core1_port(),
                any_port: false,
                callback_path: DEFAULT_CORE1_CALLBACK_PATH.into(),
                workspace: WorkspaceRules {
                    domains: vec!["actindo.com".into(), "dev.actindo.com".into()],
                    name_url: "https://{name}.actindo.com/".into(),
                    allow_loopback: false,
                    domains_via_name_url: false,
                },
            },
            prefilled_workspace: None,
            keyring_service: DEFAULT_KEYRING_SERVICE.into(),
            file_id: None,
            signin_timeout: Duration::from_secs(300),
            connector_help_after: Duration::from_secs(180),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            updates: UpdateSettings::default(),
        }
    }

    /// The practice world of a sandbox listening at `base` (e.g. `http://127.0.0.1:4000`):
    /// road 1 through the practice marketplace and connector, road 2 through the practice
    /// control panel's API accounts; the product's Core1 client id, registered in each practice
    /// workspace the way a merchant does it (no secret prefilled). Road 3 is off, as in
    /// production (a profile file may register the sandbox's partner app).
    pub fn demo(base: &Url) -> Self {
        let base = base.as_str().trim_end_matches('/').to_owned();
        let mut p = Profile::production();
        p.name = "demo".into();
        p.practice = true;
        p.bigcommerce.login_url = format!("{base}/bc-login");
        p.bigcommerce.api_url = format!("{base}/bc-api");
        p.bigcommerce.api_accounts_url = format!("{base}/bc-login/manage/settings/api-accounts");
        p.bigcommerce.connector_url = format!("{base}/bc-login/deep-links/manage/marketplace/apps");
        p.core1.client_secret = None;
        p.core1.workspace = WorkspaceRules {
            domains: vec!["actindo.com".into(), "dev.actindo.com".into()],
            name_url: format!("{base}/core1/{{name}}/"),
            allow_loopback: true,
            domains_via_name_url: true,
        };
        p.prefilled_workspace = Some("practice".into());
        p.connector_help_after = Duration::from_secs(45);
        p.keyring_service = format!("{DEFAULT_KEYRING_SERVICE}-demo");
        p
    }

    /// [`Profile::demo`] with road 3 on: the sandbox's loopback partner registration
    /// (`practice-bc-client-id`), for tests of the wizard's own-app road. A profile file does the
    /// same with `"bigcommerce": {"client_id": …, "client_secret": …}`.
    pub fn demo_with_own_app(base: &Url) -> Self {
        let mut p = Profile::demo(base);
        p.bigcommerce.client_id = Some("practice-bc-client-id".into());
        p.bigcommerce.client_secret = Some(SecretString::from("practice-bc-client-secret"));
        p
    }

    /// The BigCommerce client id, or [`Error::BigCommerceNotConfigured`].
    pub(crate) fn bigcommerce_client_id(&self) -> Result<&str> {
        self.bigcommerce
            .client_id
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or(Error::BigCommerceNotConfigured)
    }

    /// The Core1 client id, or [`Error::Core1NotConfigured`].
    pub(crate) fn core1_client_id(&self) -> Result<&str> {
        self.core1
            .client_id
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or(Error::Core1NotConfigured)
    }

    /// Whether road 3, the wizard's own BigCommerce app over loopback, is offered.
    pub(crate) fn bigcommerce_signin_available(&self) -> bool {
        self.bigcommerce_client_id().is_ok()
    }

    /// Timeouts for [`crate::http::client`].
    pub fn http_config(&self) -> HttpConfig {
        HttpConfig {
            connect_timeout: self.connect_timeout,
            request_timeout: self.request_timeout,
        }
    }
}

/// The Core1 client id of this build: the product's, or `C1BC_CORE1_CLIENT_ID` at build time
/// (e.g. a vendor's own registration).
const BUILD_CORE1_CLIENT_ID: &str = match option_env!("C1BC_CORE1_CLIENT_ID") {
    Some(id) => id,
    None => crate::core1::registration::rule::PRODUCT_CLIENT_ID,
};
// A build with a client id Core1's form would refuse does not compile.
const _: () = assert!(
    crate::core1::registration::rule::client_id_allowed(BUILD_CORE1_CLIENT_ID),
    "C1BC_CORE1_CLIENT_ID must be 4 - 31 characters (A-Za-z0-9_-) long and begin with a letter"
);

fn default_scope() -> String {
    crate::core1::registration::rule::DEFAULT_SCOPE.to_owned()
}

fn default_core1_port() -> u16 {
    crate::core1::registration::rule::DEFAULT_CALLBACK_PORT
}

/// Parse a URL built from profile values; a failure means the profile is wrong.
pub(crate) fn profile_url(s: &str) -> Result<Url> {
    Url::parse(s).map_err(|e| Error::ProfileInvalid {
        reason: format!("\"{s}\" is not a valid URL: {e}"),
    })
}

mod secs {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(d.as_secs_f64())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let secs = f64::deserialize(d)?;
        if !(secs.is_finite() && (0.0..1e9).contains(&secs)) {
            return Err(serde::de::Error::custom("seconds out of range"));
        }
        Ok(Duration::from_secs_f64(secs))
    }
}

mod checks;
mod file;

#[cfg(test)]
mod tests;
