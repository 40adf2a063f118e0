//! The table of every error the core can report: the doc comment (when it happens, for
//! developers), the short English log line (`#[error]`, with the fields), code, variant with its
//! fields and a sample value for the tests. The user's words are in `ui/locales/*.json` only.
//! The one place an error is added; the `error_table!` macro (in `error.rs`) generates
//! [`Error`], [`Error::code`] and [`Error::ALL_CODES`] from it.

use std::time::Duration;

error_table! {
    // ----- sign-in in the browser (loopback listener) -----
    /// The fixed local port the provider's registered callback needs is taken.
    #[error("sign-in port {port} in use")]
    signin_port_busy => SignInPortBusy { port: u16 }
        sample { port: 1 };
    /// The local listener could not be opened at all.
    #[error("sign-in listener could not open: {reason}")]
    signin_listener => SignInListener { reason: String }
        sample { reason: "x".into() };
    /// No answer from the browser in time.
    #[error("no sign-in answer within {} s", .after.as_secs())]
    signin_timeout => SignInTimeout { after: Duration }
        sample { after: Duration::from_secs(1) };
    /// The user (or the app) cancelled the waiting sign-in.
    #[error("sign-in cancelled")]
    signin_cancelled => SignInCancelled;
    /// The user declined the consent page.
    #[error("access declined on the consent page")]
    signin_denied => SignInDenied;
    /// The provider sent another OAuth error to the callback.
    #[error("sign-in page reported {error}{}", .description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    signin_provider_error => SignInProviderError {
        error: String,
        description: Option<String>,
    }
        sample { error: "e".into(), description: None };
    /// The callback named an issuer (`iss`) other than the one we started with.
    #[error("sign-in answer from an unexpected issuer, ignored")]
    signin_issuer_mismatch => SignInIssuerMismatch;
    /// The system browser could not be opened.
    #[error("browser could not be opened: {reason}")]
    browser_open_failed => BrowserOpenFailed { reason: String }
        sample { reason: "x".into() };

    // ----- BigCommerce -----
    /// The profile has no BigCommerce app (client id) configured.
    #[error("no BigCommerce app in the profile")]
    bigcommerce_not_configured => BigCommerceNotConfigured;
    /// BigCommerce could not be reached (network, DNS, timeout).
    #[error("BigCommerce unreachable")]
    bigcommerce_unreachable => BigCommerceUnreachable;
    /// BigCommerce answered with a server error, even after retrying.
    #[error("BigCommerce server error (HTTP {status})")]
    bigcommerce_unavailable => BigCommerceUnavailable { status: u16 }
        sample { status: 500 };
    /// BigCommerce kept rate-limiting us after waiting.
    #[error("BigCommerce still rate-limiting after waiting")]
    bigcommerce_rate_limited => BigCommerceRateLimited;
    /// The access token is not (or no longer) valid (HTTP 401).
    #[error("BigCommerce refused the access token (HTTP 401)")]
    bigcommerce_token_invalid => BigCommerceTokenInvalid;
    /// The token lacks an access scope the connector needs (HTTP 403).
    #[error("BigCommerce token lacks a needed scope (HTTP 403)")]
    bigcommerce_scope_missing => BigCommerceScopeMissing;
    /// The API account lacks access the connector needs; the rows name what to tick (probes of
    /// `bigcommerce::scopes`). Serialised with `missing`: the UI's locale keys of those rows.
    #[error("API account lacks access: {rows}")]
    bigcommerce_access_missing => BigCommerceAccessMissing {
        /// The control panel's row names, for the message.
        rows: String,
        /// Locale keys of the missing rows (`scope.*`).
        missing: Vec<&'static str>,
    }
        sample { rows: "Orders".into(), missing: vec!["scope.orders_modify"] };
    /// A setup file's hosts were not confirmed yet; nothing was sent to them.
    #[error("setup file hosts not confirmed yet")]
    profile_not_confirmed => ProfileNotConfirmed;
    /// The file picked on the API-account road is not the one BigCommerce downloads.
    #[error("not an API account file: no {field}")]
    api_account_file_invalid => ApiAccountFileInvalid { field: &'static str }
        sample { field: "ACCESS TOKEN" };
    /// The picked file is far larger than BigCommerce's API account file (a few hundred bytes).
    #[error("API account file too large")]
    api_account_file_too_large => ApiAccountFileTooLarge;
    /// BigCommerce refused the key in a picked API account file (HTTP 401, or no such store):
    /// its account was deleted, which is the only way a store-level key stops working
    /// (BigCommerce, `docs/start/authentication/api-accounts.mdx`, "Revoking store-level API
    /// credentials"), or the file is from an earlier account. Serialised with `storeHash`, read
    /// from the file, so the page can say which store the file is for; a store hash is no
    /// secret (it is part of every API address).
    #[error("API account file of store {store_hash} refused")]
    api_account_file_refused => ApiAccountFileRefused { store_hash: String }
        sample { store_hash: "abc123".into() };
    /// No store with that store hash (HTTP 404 on the store).
    #[error("no BigCommerce store for this store hash")]
    bigcommerce_store_not_found => BigCommerceStoreNotFound;
    /// The code could not be exchanged for a token.
    #[error("BigCommerce code exchange failed: {reason}")]
    bigcommerce_exchange_failed => BigCommerceExchangeFailed { reason: String }
        sample { reason: "x".into() };
    /// The API path typed by the user has no store hash in it.
    #[error("API path has no store hash")]
    bigcommerce_api_path_invalid => BigCommerceApiPathInvalid;
    /// The access token typed by the user is empty or malformed.
    #[error("access token empty or malformed")]
    bigcommerce_token_malformed => BigCommerceTokenMalformed;
    /// BigCommerce answered something we do not understand.
    #[error("BigCommerce answer not understood: {detail}")]
    bigcommerce_bad_response => BigCommerceBadResponse { detail: String }
        sample { detail: "x".into() };
    /// BigCommerce answered 501 or 505: persistent, not retried (BigCommerce docs,
    /// `docs/start/migration/4_errors.md`).
    #[error("BigCommerce does not support the request (HTTP {status})")]
    bigcommerce_request_unsupported => BigCommerceRequestUnsupported { status: u16 }
        sample { status: 501 };
    /// The first call with a key (`GET /v2/store`) got 403: the key lacks *Information &
    /// settings*, or it belongs to another store than the API path names (BigCommerce docs,
    /// `docs/start/about/status-codes.mdx`, Troubleshooting: "Are the endpoint and store hash
    /// correct?").
    #[error("BigCommerce refused the key for this store (HTTP 403)")]
    bigcommerce_store_refused => BigCommerceStoreRefused;
    /// A server (`service`: BigCommerce or Core1) sent or announced an answer larger than the
    /// wizard reads ([`crate::http::MAX_BODY_BYTES`]); reading stopped at the cap.
    #[error("{service} answer larger than the read limit")]
    response_too_large => ResponseTooLarge { service: &'static str }
        sample { service: "x" };

    // ----- Core1 workspace address -----
    /// Nothing typed.
    #[error("workspace empty")]
    workspace_empty => WorkspaceEmpty;
    /// `http://` to a remote host.
    #[error("workspace address not https")]
    workspace_insecure => WorkspaceInsecure;
    /// A host outside the allowed Actindo domains.
    #[error("workspace host outside {allowed}")]
    workspace_wrong_domain => WorkspaceWrongDomain { allowed: String }
        sample { allowed: "x".into() };
    /// `user:password@` in the address.
    #[error("workspace address has a user name or password")]
    workspace_userinfo => WorkspaceUserInfo;
    /// An explicit port other than the default.
    #[error("workspace address names port {port}")]
    workspace_port => WorkspacePort { port: u16 }
        sample { port: 1 };
    /// An IP address instead of a workspace name.
    #[error("workspace is an IP address")]
    workspace_ip_address => WorkspaceIpAddress;
    /// The workspace name is not a valid name.
    #[error("invalid workspace name \"{name}\"")]
    workspace_invalid_name => WorkspaceInvalidName { name: String }
        sample { name: "x".into() };
    /// The workspace name has other characters than ASCII letters, digits and hyphens, or is
    /// the encoded (`xn--`) form of such a name: possibly a look-alike of another workspace.
    #[error("workspace name \"{name}\" not plain a-z, 0-9 and -")]
    workspace_lookalike_name => WorkspaceLookalikeName { name: String }
        sample { name: "x".into() };
    /// The workspace does not exist (404 at its address).
    #[error("no workspace at this address (HTTP 404)")]
    workspace_not_found => WorkspaceNotFound;

    // ----- Core1 -----
    /// The profile has no Core1 OAuth client configured.
    #[error("no Core1 client in the profile")]
    core1_not_configured => Core1NotConfigured;
    /// The workspace could not be reached (network, DNS, timeout).
    #[error("Core1 workspace unreachable")]
    core1_unreachable => Core1Unreachable;
    /// HTTP 530: the workspace is frozen for maintenance.
    #[error("Core1 workspace frozen for maintenance (HTTP 530)")]
    core1_frozen => Core1Frozen;
    /// Core1 answered with a server error, even after retrying.
    #[error("Core1 server error (HTTP {status})")]
    core1_unavailable => Core1Unavailable { status: u16 }
        sample { status: 500 };
    /// Not (or no longer) signed in to Core1; refreshing did not help.
    #[error("Core1 sign-in expired, refresh failed")]
    core1_signin_required => Core1SignInRequired;
    /// The authorization code could not be exchanged.
    #[error("Core1 code exchange failed: {reason}")]
    core1_exchange_failed => Core1ExchangeFailed { reason: String }
        sample { reason: "x".into() };
    /// The Omni-Channel connection endpoints are missing in the workspace.
    #[error("Omni-Channel or its BigCommerce driver missing in the workspace")]
    core1_module_missing => Core1ModuleMissing;
    /// Core1 reported an error we have no specific code for.
    #[error("Core1 error {errno}: {message}")]
    core1_api_error => Core1Api { errno: i64, message: String }
        sample { errno: 1, message: "x".into() };
    /// Core1 answered something we do not understand.
    #[error("Core1 answer not understood: {detail}")]
    core1_bad_response => Core1BadResponse { detail: String }
        sample { detail: "x".into() };

    // ----- the network between this computer and the services (`http/failure.rs`) -----
    /// A server's certificate is not trusted by this computer's trust store: on the way to
    /// BigCommerce or Core1 (public certificates) that means something re-signs the connection.
    #[error("server certificate not trusted (connection re-signed)")]
    connection_intercepted => ConnectionIntercepted;
    /// The network's proxy asked for a password (407) that the wizard does not have.
    #[error("proxy asks for a sign-in (HTTP 407)")]
    proxy_auth_required => ProxyAuthRequired;

    // ----- Omni-Channel connections -----
    /// A connection for this store already exists in Core1.
    #[error("Core1 already has connection {existing_id} for this store")]
    connection_exists => ConnectionExists { existing_id: i64 }
        sample { existing_id: 1 };
    /// The connection id is unknown to Core1.
    #[error("Core1 does not know the connection")]
    connection_not_found => ConnectionNotFound;
    /// Core1 rejected the BigCommerce credentials when it checked them.
    #[error("Core1 rejected the BigCommerce credentials")]
    connection_credentials_rejected => ConnectionCredentialsRejected;
    /// Core1 rejected the request as malformed (a bug on our side or a contract change).
    #[error("Core1 rejected the request: {message}")]
    connection_request_rejected => ConnectionRequestRejected { message: String }
        sample { message: "x".into() };

    // ----- secret storage -----
    /// No keyring (Secret Service) is reachable; secrets are kept for this session only.
    #[error("no keyring: {reason}")]
    keyring_unavailable => KeyringUnavailable { reason: String }
        sample { reason: "x".into() };
    /// The keyring exists but is locked or refused access.
    #[error("keyring locked or access refused")]
    keyring_locked => KeyringLocked;
    /// The keyring did not answer in time (e.g. an unlock prompt is waiting).
    #[error("keyring did not answer in time")]
    keyring_timeout => KeyringTimeout;
    /// The keyring failed in another way.
    #[error("keyring failed: {reason}")]
    keyring_failed => KeyringFailed { reason: String }
        sample { reason: "x".into() };
    /// The keyring refused a secret longer than one entry may hold (Windows' Credential Manager:
    /// 2,560 bytes). Nothing was stored; nothing is ever cut to fit.
    #[error("secret longer than a keyring entry ({limit} bytes)")]
    keyring_secret_too_long => KeyringSecretTooLong { limit: u32 }
        sample { limit: 2560 };
    /// A secret that should have been stored is not there.
    #[error("stored secret missing")]
    secret_missing => SecretMissing;

    // ----- configuration -----
    /// A profile file could not be read or is invalid.
    #[error("profile invalid: {reason}")]
    profile_invalid => ProfileInvalid { reason: String }
        sample { reason: "x".into() };

    // ----- wizard -----
    /// The wizard's progress could not be saved to the app's data folder.
    #[error("progress not saved: {reason}")]
    progress_unwritable => ProgressUnwritable { reason: String }
        sample { reason: "x".into() };
    /// An action was asked for on a screen where it does not belong (a UI bug or a stale window).
    #[error("action not available on the current step")]
    wizard_out_of_order => WizardOutOfOrder;
    /// Reconnect signed in to another store than the connection's.
    #[error("reconnect signed in to another store than {expected}")]
    reconnect_other_store => ReconnectOtherStore { expected: String }
        sample { expected: "x".into() };
    /// Manage was asked about a connection this computer does not know.
    #[error("connection not known on this computer")]
    connection_not_known => ConnectionNotKnown;
    /// A first setting cannot be used: `field` is `date` (not a day as YYYY-MM-DD), `id` (not a
    /// whole number, or beyond 2^53 − 1, which the page cannot keep exactly) or `statuses` (no
    /// order status ticked).
    #[error("first setting invalid: {field}")]
    settings_invalid => SettingsInvalid { field: &'static str }
        sample { field: "date" };
    /// Core1 kept working on the connection for longer than the wizard waits.
    #[error("Core1 still setting up the connection after the wait")]
    status_timeout => StatusTimeout;
    /// A bug: something that should not happen did.
    #[error("internal error: {detail}")]
    internal => Internal { detail: String }
        sample { detail: "x".into() };

    // ----- the onboarding report -----
    /// The onboarding report could not be written where the user chose.
    #[error("onboarding report not saved: {reason}")]
    report_not_saved => ReportNotSaved { reason: String }
        sample { reason: "x".into() };
    // ----- the wizard's app registration in a Core1 workspace -----
    /// This computer has no client secret for the workspace: the guided registration first.
    #[error("no app registration secret for this workspace")]
    core1_registration_needed => Core1RegistrationNeeded;
    /// The workspace refused the stored (or profile's) client id and secret (`invalid_client`):
    /// the registration was deleted, or its secret changed.
    #[error("workspace refused the app registration (invalid_client)")]
    core1_registration_refused => Core1RegistrationRefused;
    /// The pasted client secret is not the registration's (`invalid_client` when checked).
    #[error("pasted client secret refused (invalid_client)")]
    core1_secret_refused => Core1SecretRefused;
    /// The pasted text cannot be a client secret (empty, spaces, too long).
    #[error("pasted text is not a client secret")]
    core1_secret_malformed => Core1SecretMalformed;
    /// Core1 refused to make a connection: the signed-in user may not create connections.
    #[error("Core1 user may not create connections")]
    core1_not_permitted => Core1NotPermitted;
    /// Core1 refused to make a connection: the BigCommerce driver is not installed.
    #[error("BigCommerce driver not installed in the workspace")]
    core1_driver_missing => Core1DriverMissing;
}
