//! The crate's one error type.
//!
//! Every failure the core can report is a variant of [`Error`]. Each variant has a stable
//! snake_case code ([`Error::code`]) that the Tauri shell sends to the UI as `{code, message}`;
//! the UI turns the code into words (`ui/locales/*.json`). The `message` is English for logs and
//! diagnostics and always says what the user can do next.
//!
//! Rules kept by every variant:
//! - one code means one thing the user can act on;
//! - no message, field or `Debug` output ever contains a secret (tokens, client secrets, PKCE
//!   verifiers, authorization codes): provider texts that we show are only the error texts the
//!   provider sent for display;
//! - codes never change once shipped; new variants may be added (`#[non_exhaustive]`).
//!
//! The full list of codes is [`Error::ALL_CODES`].

use std::time::Duration;

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

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core. See [`Error::code`] for the stable codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // ----- sign-in in the browser (loopback listener) -----
    /// The fixed local port the provider's registered callback needs is taken.
    #[error("Port {port} on this computer is in use by another program, so the sign-in cannot receive its answer. Close the other program (or another copy of this wizard) and try again.")]
    SignInPortBusy { port: u16 },
    /// The local listener could not be opened at all.
    #[error("The wizard could not open a local port to receive the sign-in answer ({reason}). Restart the wizard and try again.")]
    SignInListener { reason: String },
    /// No answer from the browser in time.
    #[error("No answer came back from the browser within {} seconds. Start the sign-in again.", .after.as_secs())]
    SignInTimeout { after: Duration },
    /// The user (or the app) cancelled the waiting sign-in.
    #[error("The sign-in was cancelled. Start it again when you are ready.")]
    SignInCancelled,
    /// The user declined the consent page.
    #[error("Access was not granted in the browser. To continue, sign in again and confirm the access the app asks for.")]
    SignInDenied,
    /// The provider sent another OAuth error to the callback.
    #[error("The sign-in page reported an error ({error}{}). Try again; if it keeps happening, contact support.", .description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    SignInProviderError {
        error: String,
        description: Option<String>,
    },
    /// The callback named an issuer (`iss`) other than the one we started with.
    #[error("The sign-in answer came from an unexpected server and was ignored for your safety. Start the sign-in again.")]
    SignInIssuerMismatch,
    /// The system browser could not be opened.
    #[error("The browser could not be opened ({reason}). Use \"Copy link\" and open the link in your browser.")]
    BrowserOpenFailed { reason: String },

    // ----- BigCommerce -----
    /// The profile has no BigCommerce app (client id) configured.
    #[error("This copy of the wizard has no BigCommerce app configured. Use \"Use an API account instead\", or ask your consultant for a profile file.")]
    BigCommerceNotConfigured,
    /// BigCommerce could not be reached (network, DNS, timeout).
    #[error("BigCommerce could not be reached. Check the internet connection and try again.")]
    BigCommerceUnreachable,
    /// BigCommerce answered with a server error, even after retrying.
    #[error("BigCommerce is having problems right now (HTTP {status}). Wait a few minutes and try again.")]
    BigCommerceUnavailable { status: u16 },
    /// BigCommerce kept rate-limiting us after waiting.
    #[error(
        "BigCommerce is limiting requests for this store right now. Wait a minute and try again."
    )]
    BigCommerceRateLimited,
    /// The access token is not (or no longer) valid (HTTP 401).
    #[error("BigCommerce does not accept the access token (it may have been revoked, or the app was uninstalled). Reconnect the store or enter a new access token.")]
    BigCommerceTokenInvalid,
    /// The token lacks an access scope the connector needs (HTTP 403).
    #[error("The access token is missing a permission the connector needs. Create the API account again (or reinstall the app) with every listed permission ticked.")]
    BigCommerceScopeMissing,
    /// The API account lacks access the connector needs; the rows name what to tick (probes of
    /// `bigcommerce::scopes`). Serialised with `missing`: the UI's locale keys of those rows.
    #[error("The API account is missing access the connector needs: {rows}. Create the API account again with these ticked.")]
    BigCommerceAccessMissing {
        /// The control panel's row names, for the message.
        rows: String,
        /// Locale keys of the missing rows (`scope.*`).
        missing: Vec<&'static str>,
    },
    /// A setup file's hosts were not confirmed yet; nothing was sent to them.
    #[error("This setup file connects to other places than the real BigCommerce and Core1. Confirm them on the first screen before going on.")]
    ProfileNotConfirmed,
    /// The file picked on the API-account road is not the one BigCommerce downloads.
    #[error("This file is not the API account file BigCommerce downloads (it has no {field}). Pick the .txt file saved when the API account was created, or paste the API path and access token.")]
    ApiAccountFileInvalid { field: &'static str },
    /// No store with that store hash (HTTP 404 on the store).
    #[error("BigCommerce knows no store for this API path. Copy the API path again from the API account page.")]
    BigCommerceStoreNotFound,
    /// The code could not be exchanged for a token.
    #[error("BigCommerce did not complete the sign-in ({reason}). Start the sign-in again.")]
    BigCommerceExchangeFailed { reason: String },
    /// The API path typed by the user has no store hash in it.
    #[error("This does not look like a BigCommerce API path. Copy the whole \"API path\" shown with the API account, e.g. https://api.bigcommerce.com/stores/abc123/v3/.")]
    BigCommerceApiPathInvalid,
    /// The access token typed by the user is empty or malformed.
    #[error("The access token is empty or has characters a BigCommerce token never has. Copy the access token again.")]
    BigCommerceTokenMalformed,
    /// BigCommerce answered something we do not understand.
    #[error("BigCommerce sent an answer the wizard did not understand ({detail}). Try again; if it keeps happening, contact support.")]
    BigCommerceBadResponse { detail: String },
    /// A server (`service`: BigCommerce or Core1) sent or announced an answer larger than the
    /// wizard reads ([`crate::http::MAX_BODY_BYTES`]); reading stopped at the cap.
    #[error("{service} sent an answer far larger than any the wizard expects, so it stopped reading. Try again later; if it keeps happening, contact support.")]
    ResponseTooLarge { service: &'static str },

    // ----- Core1 workspace address -----
    /// Nothing typed.
    #[error("Enter your Core1 workspace, e.g. acme or acme.actindo.com.")]
    WorkspaceEmpty,
    /// `http://` to a remote host.
    #[error(
        "The workspace address must use https://. Use https:// (or just type the workspace name)."
    )]
    WorkspaceInsecure,
    /// A host outside the allowed Actindo domains.
    #[error("This is not a Core1 workspace address. Core1 workspaces end in {allowed}.")]
    WorkspaceWrongDomain { allowed: String },
    /// `user:password@` in the address.
    #[error("The workspace address must not contain a user name or password. Type just the workspace address.")]
    WorkspaceUserInfo,
    /// An explicit port other than the default.
    #[error("The workspace address must not name a port. Remove the \":{port}\" part.")]
    WorkspacePort { port: u16 },
    /// An IP address instead of a workspace name.
    #[error("Enter the workspace name, not an IP address.")]
    WorkspaceIpAddress,
    /// The workspace name is not a valid name.
    #[error("\"{name}\" is not a valid workspace name: use letters, digits and hyphens only.")]
    WorkspaceInvalidName { name: String },
    /// The workspace name has other characters than ASCII letters, digits and hyphens, or is
    /// the encoded (`xn--`) form of such a name: possibly a look-alike of another workspace.
    #[error("\"{name}\" is not a plain workspace name: it has other characters than the letters a-z, digits and hyphens (some only look like them, such as a Cyrillic \"а\") and would lead to a different workspace. Type the workspace name with the letters a-z, digits and hyphens.")]
    WorkspaceLookalikeName { name: String },
    /// The workspace does not exist (404 at its address).
    #[error(
        "No Core1 workspace answers at this address. Check the spelling of the workspace name."
    )]
    WorkspaceNotFound,

    // ----- Core1 -----
    /// The profile has no Core1 OAuth client configured.
    #[error("This copy of the wizard has no Core1 sign-in configured. Ask your consultant for a profile file.")]
    Core1NotConfigured,
    /// The workspace could not be reached (network, DNS, timeout).
    #[error("The Core1 workspace could not be reached. Check the address and the internet connection, then try again.")]
    Core1Unreachable,
    /// HTTP 530: the workspace is frozen for maintenance.
    #[error("The Core1 workspace is in maintenance right now. Wait a few minutes and try again; nothing is lost.")]
    Core1Frozen,
    /// Core1 answered with a server error, even after retrying.
    #[error(
        "Core1 is having problems right now (HTTP {status}). Wait a few minutes and try again."
    )]
    Core1Unavailable { status: u16 },
    /// Not (or no longer) signed in to Core1; refreshing did not help.
    #[error("The Core1 sign-in has expired. Sign in to Core1 again.")]
    Core1SignInRequired,
    /// The authorization code could not be exchanged.
    #[error("Core1 did not complete the sign-in ({reason}). Start the sign-in again.")]
    Core1ExchangeFailed { reason: String },
    /// The Omni-Channel connection endpoints are missing in the workspace.
    #[error("The Omni-Channel module (or its BigCommerce driver) is not available in this workspace. Ask Actindo to enable it, then try again.")]
    Core1ModuleMissing,
    /// Core1 reported an error we have no specific code for.
    #[error("Core1 reported an error ({errno}: {message}). Try again; if it keeps happening, contact support.")]
    Core1Api { errno: i64, message: String },
    /// Core1 answered something we do not understand.
    #[error("Core1 sent an answer the wizard did not understand ({detail}). Try again; if it keeps happening, contact support.")]
    Core1BadResponse { detail: String },

    // ----- Omni-Channel connections -----
    /// A connection for this store already exists in Core1.
    #[error("Core1 already has a connection for this store. Update that connection instead of creating a new one.")]
    ConnectionExists { existing_id: i64 },
    /// The connection id is unknown to Core1.
    #[error("Core1 no longer has this connection (it may have been deleted there). Set up the connection again.")]
    ConnectionNotFound,
    /// Core1 rejected the BigCommerce credentials when it checked them.
    #[error("Core1 could not use the BigCommerce access with the store. Reconnect the store or enter a new access token.")]
    ConnectionCredentialsRejected,
    /// Core1 rejected the request as malformed (a bug on our side or a contract change).
    #[error("Core1 rejected the request ({message}). Update the wizard; if it keeps happening, contact support.")]
    ConnectionRequestRejected { message: String },

    // ----- secret storage -----
    /// No keyring (Secret Service) is reachable.
    #[error("No password store (keyring) is available on this computer, so sign-ins are kept for this session only. Install or start a keyring (e.g. GNOME Keyring) to keep them.")]
    KeyringUnavailable { reason: String },
    /// The keyring exists but is locked or refused access.
    #[error("The password store (keyring) is locked or refused access. Unlock it and try again.")]
    KeyringLocked,
    /// The keyring did not answer in time (e.g. an unlock prompt is waiting).
    #[error("The password store (keyring) did not answer in time. Check for an unlock prompt and try again.")]
    KeyringTimeout,
    /// The keyring failed in another way.
    #[error("The password store (keyring) failed ({reason}). Try again; if it keeps happening, restart the computer.")]
    KeyringFailed { reason: String },
    /// A secret that should have been stored is not there.
    #[error(
        "A saved sign-in is missing (it may have been removed from the keyring). Sign in again."
    )]
    SecretMissing,

    // ----- configuration -----
    /// A profile file could not be read or is invalid.
    #[error("The profile file could not be used ({reason}). Check the file or ask your consultant for a new one.")]
    ProfileInvalid { reason: String },

    // ----- wizard -----
    /// The wizard's progress could not be saved to the app's data folder.
    #[error("The wizard could not save its progress on this computer ({reason}). Check that the disk is not full, then try again.")]
    ProgressUnwritable { reason: String },
    /// An action was asked for on a screen where it does not belong (a UI bug or a stale window).
    #[error("This step is not available right now. Go back to the current step and try again.")]
    WizardOutOfOrder,
    /// Reconnect signed in to another store than the connection's.
    #[error("You signed in to another store. Sign in to the store {expected} to reconnect this connection.")]
    ReconnectOtherStore { expected: String },
    /// Manage was asked about a connection this computer does not know.
    #[error("This connection is not known on this computer any more. Reopen the assistant.")]
    ConnectionNotKnown,
    /// A first setting cannot be used: `field` is `date` (not a day as YYYY-MM-DD), `id` (not a
    /// whole number) or `statuses` (no order status ticked).
    #[error("This setting cannot be used ({field}). Write the date as year-month-day, the order ID as a whole number, and tick at least one order status.")]
    SettingsInvalid { field: &'static str },
    /// Core1 kept working on the connection for longer than the wizard waits.
    #[error(
        "Core1 is still setting up the connection. Check it later under Manage; nothing is lost."
    )]
    StatusTimeout,

    /// A bug: something that should not happen did.
    #[error("Something unexpected went wrong ({detail}). Try again; if it keeps happening, contact support.")]
    Internal { detail: String },
}

impl Error {
    /// Every code with its meaning: the one place the codes are listed. The UI has one entry
    /// per code in each locale.
    pub const ALL_CODES: &'static [(&'static str, &'static str)] = &[
        (
            "signin_port_busy",
            "The fixed local callback port is used by another program.",
        ),
        (
            "signin_listener",
            "The local listener for the sign-in answer could not be opened.",
        ),
        (
            "signin_timeout",
            "No answer came back from the browser in time.",
        ),
        ("signin_cancelled", "The waiting sign-in was cancelled."),
        (
            "signin_denied",
            "The user declined access on the consent page.",
        ),
        (
            "signin_provider_error",
            "The provider reported another error to the callback.",
        ),
        (
            "signin_issuer_mismatch",
            "The callback came from an unexpected issuer; ignored.",
        ),
        (
            "browser_open_failed",
            "The system browser could not be opened; copy the link.",
        ),
        (
            "bigcommerce_not_configured",
            "No BigCommerce app is configured; use an API account.",
        ),
        (
            "bigcommerce_unreachable",
            "BigCommerce could not be reached (network, timeout).",
        ),
        (
            "bigcommerce_unavailable",
            "BigCommerce answered with server errors; try later.",
        ),
        (
            "bigcommerce_rate_limited",
            "BigCommerce keeps rate-limiting; wait a minute.",
        ),
        (
            "bigcommerce_token_invalid",
            "The BigCommerce access token is invalid or revoked.",
        ),
        (
            "bigcommerce_scope_missing",
            "The BigCommerce token lacks a needed permission.",
        ),
        (
            "bigcommerce_access_missing",
            "The API account lacks access the connector needs; the missing rows are named.",
        ),
        (
            "profile_not_confirmed",
            "A setup file's hosts were not confirmed yet; nothing was sent.",
        ),
        (
            "api_account_file_invalid",
            "The picked file is not BigCommerce's API account file.",
        ),
        (
            "bigcommerce_store_not_found",
            "No BigCommerce store has this store hash.",
        ),
        (
            "bigcommerce_exchange_failed",
            "The BigCommerce code could not be exchanged.",
        ),
        (
            "bigcommerce_api_path_invalid",
            "The typed API path contains no store hash.",
        ),
        (
            "bigcommerce_token_malformed",
            "The typed access token is empty or malformed.",
        ),
        (
            "bigcommerce_bad_response",
            "BigCommerce answered something not understood.",
        ),
        (
            "response_too_large",
            "A server's answer was larger than the wizard reads (1 MiB).",
        ),
        ("workspace_empty", "No workspace was typed."),
        (
            "workspace_insecure",
            "http:// to a remote host; https is required.",
        ),
        (
            "workspace_wrong_domain",
            "The host is not under an allowed Actindo domain.",
        ),
        (
            "workspace_userinfo",
            "The address contains a user name or password.",
        ),
        ("workspace_port", "The address names a port."),
        (
            "workspace_ip_address",
            "An IP address was typed instead of a workspace.",
        ),
        (
            "workspace_invalid_name",
            "The workspace name is not a valid DNS label.",
        ),
        (
            "workspace_lookalike_name",
            "The name has other characters than a-z, 0-9 and '-' (or is xn--).",
        ),
        (
            "workspace_not_found",
            "No workspace answers at the address (404).",
        ),
        (
            "core1_not_configured",
            "No Core1 OAuth client is configured.",
        ),
        (
            "core1_unreachable",
            "The workspace could not be reached (network, timeout).",
        ),
        (
            "core1_frozen",
            "The workspace is frozen for maintenance (HTTP 530).",
        ),
        (
            "core1_unavailable",
            "Core1 answered with server errors; try later.",
        ),
        (
            "core1_signin_required",
            "The Core1 sign-in expired; sign in again.",
        ),
        (
            "core1_exchange_failed",
            "The Core1 code could not be exchanged.",
        ),
        (
            "core1_module_missing",
            "Omni-Channel (or its BigCommerce driver) is not available.",
        ),
        (
            "core1_api_error",
            "Core1 reported an error with no specific code.",
        ),
        (
            "core1_bad_response",
            "Core1 answered something not understood.",
        ),
        (
            "connection_exists",
            "A connection for this store already exists in Core1.",
        ),
        (
            "connection_not_found",
            "Core1 does not know the connection id.",
        ),
        (
            "connection_credentials_rejected",
            "Core1 could not use the BigCommerce credentials.",
        ),
        (
            "connection_request_rejected",
            "Core1 rejected the request as malformed.",
        ),
        (
            "keyring_unavailable",
            "No keyring is reachable; secrets kept for this session only.",
        ),
        ("keyring_locked", "The keyring is locked or refused access."),
        ("keyring_timeout", "The keyring did not answer in time."),
        ("keyring_failed", "The keyring failed in another way."),
        (
            "secret_missing",
            "A secret that should be stored is missing; sign in again.",
        ),
        (
            "profile_invalid",
            "A profile file could not be read or is invalid.",
        ),
        (
            "progress_unwritable",
            "The wizard's progress file could not be written.",
        ),
        (
            "wizard_out_of_order",
            "An action was asked for on the wrong step.",
        ),
        (
            "reconnect_other_store",
            "Reconnect signed in to a different store.",
        ),
        (
            "connection_not_known",
            "Manage was asked about a connection this computer does not know.",
        ),
        (
            "settings_invalid",
            "A first setting (date, order ID or order statuses) cannot be used.",
        ),
        (
            "status_timeout",
            "Core1 did not finish setting up the connection in time.",
        ),
        ("internal", "A bug."),
    ];

    /// The stable snake_case code of this error (see [`Error::ALL_CODES`]).
    pub fn code(&self) -> &'static str {
        match self {
            Error::SignInPortBusy { .. } => "signin_port_busy",
            Error::SignInListener { .. } => "signin_listener",
            Error::SignInTimeout { .. } => "signin_timeout",
            Error::SignInCancelled => "signin_cancelled",
            Error::SignInDenied => "signin_denied",
            Error::SignInProviderError { .. } => "signin_provider_error",
            Error::SignInIssuerMismatch => "signin_issuer_mismatch",
            Error::BrowserOpenFailed { .. } => "browser_open_failed",
            Error::BigCommerceNotConfigured => "bigcommerce_not_configured",
            Error::BigCommerceUnreachable => "bigcommerce_unreachable",
            Error::BigCommerceUnavailable { .. } => "bigcommerce_unavailable",
            Error::BigCommerceRateLimited => "bigcommerce_rate_limited",
            Error::BigCommerceTokenInvalid => "bigcommerce_token_invalid",
            Error::BigCommerceScopeMissing => "bigcommerce_scope_missing",
            Error::BigCommerceAccessMissing { .. } => "bigcommerce_access_missing",
            Error::ApiAccountFileInvalid { .. } => "api_account_file_invalid",
            Error::ProfileNotConfirmed => "profile_not_confirmed",
            Error::BigCommerceStoreNotFound => "bigcommerce_store_not_found",
            Error::BigCommerceExchangeFailed { .. } => "bigcommerce_exchange_failed",
            Error::BigCommerceApiPathInvalid => "bigcommerce_api_path_invalid",
            Error::BigCommerceTokenMalformed => "bigcommerce_token_malformed",
            Error::BigCommerceBadResponse { .. } => "bigcommerce_bad_response",
            Error::ResponseTooLarge { .. } => "response_too_large",
            Error::WorkspaceEmpty => "workspace_empty",
            Error::WorkspaceInsecure => "workspace_insecure",
            Error::WorkspaceWrongDomain { .. } => "workspace_wrong_domain",
            Error::WorkspaceUserInfo => "workspace_userinfo",
            Error::WorkspacePort { .. } => "workspace_port",
            Error::WorkspaceIpAddress => "workspace_ip_address",
            Error::WorkspaceInvalidName { .. } => "workspace_invalid_name",
            Error::WorkspaceLookalikeName { .. } => "workspace_lookalike_name",
            Error::WorkspaceNotFound => "workspace_not_found",
            Error::Core1NotConfigured => "core1_not_configured",
            Error::Core1Unreachable => "core1_unreachable",
            Error::Core1Frozen => "core1_frozen",
            Error::Core1Unavailable { .. } => "core1_unavailable",
            Error::Core1SignInRequired => "core1_signin_required",
            Error::Core1ExchangeFailed { .. } => "core1_exchange_failed",
            Error::Core1ModuleMissing => "core1_module_missing",
            Error::Core1Api { .. } => "core1_api_error",
            Error::Core1BadResponse { .. } => "core1_bad_response",
            Error::ConnectionExists { .. } => "connection_exists",
            Error::ConnectionNotFound => "connection_not_found",
            Error::ConnectionCredentialsRejected => "connection_credentials_rejected",
            Error::ConnectionRequestRejected { .. } => "connection_request_rejected",
            Error::KeyringUnavailable { .. } => "keyring_unavailable",
            Error::KeyringLocked => "keyring_locked",
            Error::KeyringTimeout => "keyring_timeout",
            Error::KeyringFailed { .. } => "keyring_failed",
            Error::SecretMissing => "secret_missing",
            Error::ProfileInvalid { .. } => "profile_invalid",
            Error::ProgressUnwritable { .. } => "progress_unwritable",
            Error::WizardOutOfOrder => "wizard_out_of_order",
            Error::ReconnectOtherStore { .. } => "reconnect_other_store",
            Error::ConnectionNotKnown => "connection_not_known",
            Error::SettingsInvalid { .. } => "settings_invalid",
            Error::StatusTimeout => "status_timeout",
            Error::Internal { .. } => "internal",
        }
    }

    /// Whether trying the same thing again later may succeed without the user changing
    /// anything (network trouble, maintenance, server errors, rate limits, keyring timeouts).
    pub fn is_transient(&self) -> bool {
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
        let mut s = serializer.serialize_struct("Error", 2 + usize::from(missing.is_some()))?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        if let Some(missing) = missing {
            s.serialize_field("missing", missing)?;
        }
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn samples() -> Vec<Error> {
        vec![
            Error::SignInPortBusy { port: 1 },
            Error::SignInListener { reason: "x".into() },
            Error::ProgressUnwritable { reason: "x".into() },
            Error::WizardOutOfOrder,
            Error::ReconnectOtherStore {
                expected: "x".into(),
            },
            Error::ConnectionNotKnown,
            Error::SettingsInvalid { field: "date" },
            Error::StatusTimeout,
            Error::SignInTimeout {
                after: Duration::from_secs(1),
            },
            Error::SignInCancelled,
            Error::SignInDenied,
            Error::SignInProviderError {
                error: "e".into(),
                description: None,
            },
            Error::SignInIssuerMismatch,
            Error::BrowserOpenFailed { reason: "x".into() },
            Error::BigCommerceNotConfigured,
            Error::BigCommerceUnreachable,
            Error::BigCommerceUnavailable { status: 500 },
            Error::BigCommerceRateLimited,
            Error::BigCommerceTokenInvalid,
            Error::BigCommerceScopeMissing,
            Error::BigCommerceAccessMissing {
                rows: "Orders".into(),
                missing: vec!["scope.orders_modify"],
            },
            Error::ApiAccountFileInvalid {
                field: "ACCESS TOKEN",
            },
            Error::ProfileNotConfirmed,
            Error::BigCommerceStoreNotFound,
            Error::BigCommerceExchangeFailed { reason: "x".into() },
            Error::BigCommerceApiPathInvalid,
            Error::BigCommerceTokenMalformed,
            Error::BigCommerceBadResponse { detail: "x".into() },
            Error::ResponseTooLarge { service: "x" },
            Error::WorkspaceEmpty,
            Error::WorkspaceInsecure,
            Error::WorkspaceWrongDomain {
                allowed: "x".into(),
            },
            Error::WorkspaceUserInfo,
            Error::WorkspacePort { port: 1 },
            Error::WorkspaceIpAddress,
            Error::WorkspaceInvalidName { name: "x".into() },
            Error::WorkspaceLookalikeName { name: "x".into() },
            Error::WorkspaceNotFound,
            Error::Core1NotConfigured,
            Error::Core1Unreachable,
            Error::Core1Frozen,
            Error::Core1Unavailable { status: 500 },
            Error::Core1SignInRequired,
            Error::Core1ExchangeFailed { reason: "x".into() },
            Error::Core1ModuleMissing,
            Error::Core1Api {
                errno: 1,
                message: "x".into(),
            },
            Error::Core1BadResponse { detail: "x".into() },
            Error::ConnectionExists { existing_id: 1 },
            Error::ConnectionNotFound,
            Error::ConnectionCredentialsRejected,
            Error::ConnectionRequestRejected {
                message: "x".into(),
            },
            Error::KeyringUnavailable { reason: "x".into() },
            Error::KeyringLocked,
            Error::KeyringTimeout,
            Error::KeyringFailed { reason: "x".into() },
            Error::SecretMissing,
            Error::ProfileInvalid { reason: "x".into() },
            Error::Internal { detail: "x".into() },
        ]
    }

    #[test]
    fn every_code_is_listed_once_and_every_listed_code_is_used() {
        let used: Vec<&str> = samples().iter().map(Error::code).collect();
        let used_set: HashSet<&str> = used.iter().copied().collect();
        assert_eq!(used.len(), used_set.len(), "two variants share a code");
        let listed: HashSet<&str> = Error::ALL_CODES.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            listed.len(),
            Error::ALL_CODES.len(),
            "a code is listed twice"
        );
        assert_eq!(used_set, listed);
    }

    #[test]
    fn codes_are_snake_case() {
        for (code, doc) in Error::ALL_CODES {
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{code}"
            );
            assert!(!doc.is_empty());
        }
    }

    #[test]
    fn serialises_as_code_and_message() {
        let v = serde_json::to_value(Error::Core1Frozen).unwrap();
        assert_eq!(v["code"], "core1_frozen");
        assert_eq!(v["message"], Error::Core1Frozen.to_string());
        assert_eq!(v.as_object().unwrap().len(), 2);
    }

    #[test]
    fn messages_are_sentences() {
        for e in samples() {
            let m = e.to_string();
            assert!(m.ends_with('.'), "{m}");
        }
    }
}
