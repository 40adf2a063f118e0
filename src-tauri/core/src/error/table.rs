//! The table of every error the core can report: code, variant with its fields, the English
//! message (`#[error]`), what the code means, and a sample value for the tests. The one place an
//! error is added; the `error_table!` macro (in `error.rs`) generates [`Error`],
//! [`Error::code`] and [`Error::ALL_CODES`] from it.

use std::time::Duration;

error_table! {
    // ----- sign-in in the browser (loopback listener) -----
    /// The fixed local port the provider's registered callback needs is taken.
    #[error("Port {port} on this computer is in use by another program, so the sign-in cannot receive its answer. Close the other program (or another copy of this wizard) and try again.")]
    signin_port_busy => SignInPortBusy { port: u16 }
        means "The fixed local callback port is used by another program."
        sample { port: 1 };
    /// The local listener could not be opened at all.
    #[error("The wizard could not open a local port to receive the sign-in answer ({reason}). Restart the wizard and try again.")]
    signin_listener => SignInListener { reason: String }
        means "The local listener for the sign-in answer could not be opened."
        sample { reason: "x".into() };
    /// No answer from the browser in time.
    #[error("No answer came back from the browser within {} seconds. Start the sign-in again.", .after.as_secs())]
    signin_timeout => SignInTimeout { after: Duration }
        means "No answer came back from the browser in time."
        sample { after: Duration::from_secs(1) };
    /// The user (or the app) cancelled the waiting sign-in.
    #[error("The sign-in was cancelled. Start it again when you are ready.")]
    signin_cancelled => SignInCancelled
        means "The waiting sign-in was cancelled.";
    /// The user declined the consent page.
    #[error("Access was not granted in the browser. To continue, sign in again and confirm the access the app asks for.")]
    signin_denied => SignInDenied
        means "The user declined access on the consent page.";
    /// The provider sent another OAuth error to the callback.
    #[error("The sign-in page reported an error ({error}{}). Try again; if it keeps happening, contact support.", .description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    signin_provider_error => SignInProviderError {
        error: String,
        description: Option<String>,
    }
        means "The provider reported another error to the callback."
        sample { error: "e".into(), description: None };
    /// The callback named an issuer (`iss`) other than the one we started with.
    #[error("The sign-in answer came from an unexpected server and was ignored for your safety. Start the sign-in again.")]
    signin_issuer_mismatch => SignInIssuerMismatch
        means "The callback came from an unexpected issuer; ignored.";
    /// The system browser could not be opened.
    #[error("The browser could not be opened ({reason}). Use \"Copy link\" and open the link in your browser.")]
    browser_open_failed => BrowserOpenFailed { reason: String }
        means "The system browser could not be opened; copy the link."
        sample { reason: "x".into() };

    // ----- BigCommerce -----
    /// The profile has no BigCommerce app (client id) configured.
    #[error("This copy of the wizard has no BigCommerce app configured. Use \"Use an API account instead\", or ask your consultant for a profile file.")]
    bigcommerce_not_configured => BigCommerceNotConfigured
        means "No BigCommerce app is configured; use an API account.";
    /// BigCommerce could not be reached (network, DNS, timeout).
    #[error("BigCommerce could not be reached. Check the internet connection and try again.")]
    bigcommerce_unreachable => BigCommerceUnreachable
        means "BigCommerce could not be reached (network, timeout).";
    /// BigCommerce answered with a server error, even after retrying.
    #[error("BigCommerce is having problems right now (HTTP {status}). Wait a few minutes and try again.")]
    bigcommerce_unavailable => BigCommerceUnavailable { status: u16 }
        means "BigCommerce answered with server errors; try later."
        sample { status: 500 };
    /// BigCommerce kept rate-limiting us after waiting.
    #[error("BigCommerce is limiting requests for this store right now. Wait a minute and try again.")]
    bigcommerce_rate_limited => BigCommerceRateLimited
        means "BigCommerce keeps rate-limiting; wait a minute.";
    /// The access token is not (or no longer) valid (HTTP 401).
    #[error("BigCommerce does not accept the access token (it may have been revoked, or the app was uninstalled). Reconnect the store or enter a new access token.")]
    bigcommerce_token_invalid => BigCommerceTokenInvalid
        means "The BigCommerce access token is invalid or revoked.";
    /// The token lacks an access scope the connector needs (HTTP 403).
    #[error("The access token is missing a permission the connector needs. Create the API account again (or reinstall the app) with every listed permission ticked.")]
    bigcommerce_scope_missing => BigCommerceScopeMissing
        means "The BigCommerce token lacks a needed permission.";
    /// The API account lacks access the connector needs; the rows name what to tick (probes of
    /// `bigcommerce::scopes`). Serialised with `missing`: the UI's locale keys of those rows.
    #[error("The API account is missing access the connector needs: {rows}. Create the API account again with these ticked.")]
    bigcommerce_access_missing => BigCommerceAccessMissing {
        /// The control panel's row names, for the message.
        rows: String,
        /// Locale keys of the missing rows (`scope.*`).
        missing: Vec<&'static str>,
    }
        means "The API account lacks access the connector needs; the missing rows are named."
        sample { rows: "Orders".into(), missing: vec!["scope.orders_modify"] };
    /// A setup file's hosts were not confirmed yet; nothing was sent to them.
    #[error("This setup file connects to other places than the real BigCommerce and Core1. Confirm them on the first screen before going on.")]
    profile_not_confirmed => ProfileNotConfirmed
        means "A setup file's hosts were not confirmed yet; nothing was sent.";
    /// The file picked on the API-account road is not the one BigCommerce downloads.
    #[error("This file is not the API account file BigCommerce downloads (it has no {field}). Pick the .txt file saved when the API account was created, or paste the API path and access token.")]
    api_account_file_invalid => ApiAccountFileInvalid { field: &'static str }
        means "The picked file is not BigCommerce's API account file."
        sample { field: "ACCESS TOKEN" };
    /// The picked file is far larger than BigCommerce's API account file (a few hundred bytes).
    #[error("This file is too large to be the API account file BigCommerce downloads. Pick the .txt file saved when the API account was created, or paste the API path and access token.")]
    api_account_file_too_large => ApiAccountFileTooLarge
        means "The picked file is larger than an API account file can be (64 KiB).";
    /// BigCommerce refused the key in a picked API account file (HTTP 401, or no such store):
    /// its account was deleted, which is the only way a store-level key stops working
    /// (BigCommerce, `docs/start/authentication/api-accounts.mdx`, "Revoking store-level API
    /// credentials"), or the file is from an earlier account. Serialised with `storeHash`, read
    /// from the file, so the page can say which store the file is for; a store hash is no
    /// secret (it is part of every API address).
    #[error("BigCommerce no longer accepts the access token in this API account file (store {store_hash}): the API account was deleted, or the file is from an earlier one. Create a new API account in this store and pick the file BigCommerce saves.")]
    api_account_file_refused => ApiAccountFileRefused { store_hash: String }
        means "A picked API account file's key is refused: its account was deleted."
        sample { store_hash: "abc123".into() };
    /// No store with that store hash (HTTP 404 on the store).
    #[error("BigCommerce knows no store for this API path. Copy the API path again from the API account page.")]
    bigcommerce_store_not_found => BigCommerceStoreNotFound
        means "No BigCommerce store has this store hash.";
    /// The code could not be exchanged for a token.
    #[error("BigCommerce did not complete the sign-in ({reason}). Start the sign-in again.")]
    bigcommerce_exchange_failed => BigCommerceExchangeFailed { reason: String }
        means "The BigCommerce code could not be exchanged."
        sample { reason: "x".into() };
    /// The API path typed by the user has no store hash in it.
    #[error("This does not look like a BigCommerce API path. Copy the whole \"API path\" shown with the API account, e.g. https://api.bigcommerce.com/stores/abc123/v3/.")]
    bigcommerce_api_path_invalid => BigCommerceApiPathInvalid
        means "The typed API path contains no store hash.";
    /// The access token typed by the user is empty or malformed.
    #[error("The access token is empty or has characters a BigCommerce token never has. Copy the access token again.")]
    bigcommerce_token_malformed => BigCommerceTokenMalformed
        means "The typed access token is empty or malformed.";
    /// BigCommerce answered something we do not understand.
    #[error("BigCommerce sent an answer the wizard did not understand ({detail}). Try again; if it keeps happening, contact support.")]
    bigcommerce_bad_response => BigCommerceBadResponse { detail: String }
        means "BigCommerce answered something not understood."
        sample { detail: "x".into() };
    /// BigCommerce answered 501 or 505: persistent, not retried (BigCommerce docs,
    /// `docs/start/migration/4_errors.md`).
    #[error("BigCommerce answered that it does not support this request (HTTP {status}). Trying again will not help; send the support report to your consultant.")]
    bigcommerce_request_unsupported => BigCommerceRequestUnsupported { status: u16 }
        means "BigCommerce answered 501/505 (persistent); not retried."
        sample { status: 501 };
    /// The first call with a key (`GET /v2/store`) got 403: the key lacks *Information &
    /// settings*, or it belongs to another store than the API path names (BigCommerce docs,
    /// `docs/start/about/status-codes.mdx`, Troubleshooting: "Are the endpoint and store hash
    /// correct?").
    #[error("BigCommerce refused this access key for this store. Check that the API path and the access token come from the same API account, and that \"Information & settings\" is set in it.")]
    bigcommerce_store_refused => BigCommerceStoreRefused
        means "The store check got 403: another store's key, or no Information & settings access.";
    /// A server (`service`: BigCommerce or Core1) sent or announced an answer larger than the
    /// wizard reads ([`crate::http::MAX_BODY_BYTES`]); reading stopped at the cap.
    #[error("{service} sent an answer far larger than any the wizard expects, so it stopped reading. Try again later; if it keeps happening, contact support.")]
    response_too_large => ResponseTooLarge { service: &'static str }
        means "A server's answer was larger than the wizard reads (1 MiB)."
        sample { service: "x" };

    // ----- Core1 workspace address -----
    /// Nothing typed.
    #[error("Enter your Core1 workspace, e.g. acme or acme.actindo.com.")]
    workspace_empty => WorkspaceEmpty
        means "No workspace was typed.";
    /// `http://` to a remote host.
    #[error("The workspace address must use https://. Use https:// (or just type the workspace name).")]
    workspace_insecure => WorkspaceInsecure
        means "http:// to a remote host; https is required.";
    /// A host outside the allowed Actindo domains.
    #[error("This is not a Core1 workspace address. Core1 workspaces end in {allowed}.")]
    workspace_wrong_domain => WorkspaceWrongDomain { allowed: String }
        means "The host is not under an allowed Actindo domain."
        sample { allowed: "x".into() };
    /// `user:password@` in the address.
    #[error("The workspace address must not contain a user name or password. Type just the workspace address.")]
    workspace_userinfo => WorkspaceUserInfo
        means "The address contains a user name or password.";
    /// An explicit port other than the default.
    #[error("The workspace address must not name a port. Remove the \":{port}\" part.")]
    workspace_port => WorkspacePort { port: u16 }
        means "The address names a port."
        sample { port: 1 };
    /// An IP address instead of a workspace name.
    #[error("Enter the workspace name, not an IP address.")]
    workspace_ip_address => WorkspaceIpAddress
        means "An IP address was typed instead of a workspace.";
    /// The workspace name is not a valid name.
    #[error("\"{name}\" is not a valid workspace name: use letters, digits and hyphens only.")]
    workspace_invalid_name => WorkspaceInvalidName { name: String }
        means "The workspace name is not a valid DNS label."
        sample { name: "x".into() };
    /// The workspace name has other characters than ASCII letters, digits and hyphens, or is
    /// the encoded (`xn--`) form of such a name: possibly a look-alike of another workspace.
    #[error("\"{name}\" is not a plain workspace name: it has other characters than the letters a-z, digits and hyphens (some only look like them, such as a Cyrillic \"а\") and would lead to a different workspace. Type the workspace name with the letters a-z, digits and hyphens.")]
    workspace_lookalike_name => WorkspaceLookalikeName { name: String }
        means "The name has other characters than a-z, 0-9 and '-' (or is xn--)."
        sample { name: "x".into() };
    /// The workspace does not exist (404 at its address).
    #[error("No Core1 workspace answers at this address. Check the spelling of the workspace name.")]
    workspace_not_found => WorkspaceNotFound
        means "No workspace answers at the address (404).";

    // ----- Core1 -----
    /// The profile has no Core1 OAuth client configured.
    #[error("This copy of the wizard has no Core1 sign-in configured. Ask your consultant for a profile file.")]
    core1_not_configured => Core1NotConfigured
        means "No Core1 OAuth client is configured.";
    /// The workspace could not be reached (network, DNS, timeout).
    #[error("The Core1 workspace could not be reached. Check the address and the internet connection, then try again.")]
    core1_unreachable => Core1Unreachable
        means "The workspace could not be reached (network, timeout).";
    /// HTTP 530: the workspace is frozen for maintenance.
    #[error("The Core1 workspace is in maintenance right now. Wait a few minutes and try again; nothing is lost.")]
    core1_frozen => Core1Frozen
        means "The workspace is frozen for maintenance (HTTP 530).";
    /// Core1 answered with a server error, even after retrying.
    #[error("Core1 is having problems right now (HTTP {status}). Wait a few minutes and try again.")]
    core1_unavailable => Core1Unavailable { status: u16 }
        means "Core1 answered with server errors; try later."
        sample { status: 500 };
    /// Not (or no longer) signed in to Core1; refreshing did not help.
    #[error("The Core1 sign-in has expired. Sign in to Core1 again.")]
    core1_signin_required => Core1SignInRequired
        means "The Core1 sign-in expired; sign in again.";
    /// The authorization code could not be exchanged.
    #[error("Core1 did not complete the sign-in ({reason}). Start the sign-in again.")]
    core1_exchange_failed => Core1ExchangeFailed { reason: String }
        means "The Core1 code could not be exchanged."
        sample { reason: "x".into() };
    /// The Omni-Channel connection endpoints are missing in the workspace.
    #[error("The Omni-Channel module (or its BigCommerce driver) is not available in this workspace. Ask Actindo to enable it, then try again.")]
    core1_module_missing => Core1ModuleMissing
        means "Omni-Channel (or its BigCommerce driver) is not available.";
    /// Core1 reported an error we have no specific code for.
    #[error("Core1 reported an error ({errno}: {message}). Try again; if it keeps happening, contact support.")]
    core1_api_error => Core1Api { errno: i64, message: String }
        means "Core1 reported an error with no specific code."
        sample { errno: 1, message: "x".into() };
    /// Core1 answered something we do not understand.
    #[error("Core1 sent an answer the wizard did not understand ({detail}). Try again; if it keeps happening, contact support.")]
    core1_bad_response => Core1BadResponse { detail: String }
        means "Core1 answered something not understood."
        sample { detail: "x".into() };

    // ----- the network between this computer and the services (`http/failure.rs`) -----
    /// A server's certificate is not trusted by this computer's trust store: on the way to
    /// BigCommerce or Core1 (public certificates) that means something re-signs the connection.
    #[error("Security software on this computer or network re-signs secure connections, so the wizard cannot be sure it talks to BigCommerce and Core1. Ask your IT to allow *.actindo.com and *.bigcommerce.com, or to install its certificate on this computer.")]
    connection_intercepted => ConnectionIntercepted
        means "A server certificate is not trusted here: something re-signs secure connections.";
    /// The network's proxy asked for a password (407) that the wizard does not have.
    #[error("The network's proxy server asks for a sign-in before it lets the wizard through. Ask your IT to allow *.actindo.com and *.bigcommerce.com through the proxy without one.")]
    proxy_auth_required => ProxyAuthRequired
        means "The proxy asks for a password (407).";

    // ----- Omni-Channel connections -----
    /// A connection for this store already exists in Core1.
    #[error("Core1 already has a connection for this store. Update that connection instead of creating a new one.")]
    connection_exists => ConnectionExists { existing_id: i64 }
        means "A connection for this store already exists in Core1."
        sample { existing_id: 1 };
    /// The connection id is unknown to Core1.
    #[error("Core1 no longer has this connection (it may have been deleted there). Set up the connection again.")]
    connection_not_found => ConnectionNotFound
        means "Core1 does not know the connection id.";
    /// Core1 rejected the BigCommerce credentials when it checked them.
    #[error("Core1 could not use the BigCommerce access with the store. Reconnect the store or enter a new access token.")]
    connection_credentials_rejected => ConnectionCredentialsRejected
        means "Core1 could not use the BigCommerce credentials.";
    /// Core1 rejected the request as malformed (a bug on our side or a contract change).
    #[error("Core1 rejected the request ({message}). Update the wizard; if it keeps happening, contact support.")]
    connection_request_rejected => ConnectionRequestRejected { message: String }
        means "Core1 rejected the request as malformed."
        sample { message: "x".into() };

    // ----- secret storage -----
    /// No keyring (Secret Service) is reachable.
    #[error("No password store (keyring) is available on this computer, so sign-ins are kept for this session only. Install or start a keyring (e.g. GNOME Keyring) to keep them.")]
    keyring_unavailable => KeyringUnavailable { reason: String }
        means "No keyring is reachable; secrets kept for this session only."
        sample { reason: "x".into() };
    /// The keyring exists but is locked or refused access.
    #[error("The password store (keyring) is locked or refused access. Unlock it and try again.")]
    keyring_locked => KeyringLocked
        means "The keyring is locked or refused access.";
    /// The keyring did not answer in time (e.g. an unlock prompt is waiting).
    #[error("The password store (keyring) did not answer in time. Check for an unlock prompt and try again.")]
    keyring_timeout => KeyringTimeout
        means "The keyring did not answer in time.";
    /// The keyring failed in another way.
    #[error("The password store (keyring) failed ({reason}). Try again; if it keeps happening, restart the computer.")]
    keyring_failed => KeyringFailed { reason: String }
        means "The keyring failed in another way."
        sample { reason: "x".into() };
    /// The keyring refused a secret longer than one entry may hold (Windows' Credential Manager:
    /// 2,560 bytes). Nothing was stored; nothing is ever cut to fit.
    #[error("The password store on this computer cannot hold this sign-in: it is longer than the {limit} bytes one entry may have. Nothing was saved. Contact support.")]
    keyring_secret_too_long => KeyringSecretTooLong { limit: u32 }
        means "A secret is longer than a keyring entry may hold; refused, never cut."
        sample { limit: 2560 };
    /// A secret that should have been stored is not there.
    #[error("A saved sign-in is missing (it may have been removed from the keyring). Sign in again.")]
    secret_missing => SecretMissing
        means "A secret that should be stored is missing; sign in again.";

    // ----- configuration -----
    /// A profile file could not be read or is invalid.
    #[error("The profile file could not be used ({reason}). Check the file or ask your consultant for a new one.")]
    profile_invalid => ProfileInvalid { reason: String }
        means "A profile file could not be read or is invalid."
        sample { reason: "x".into() };

    // ----- wizard -----
    /// The wizard's progress could not be saved to the app's data folder.
    #[error("The wizard could not save its progress on this computer ({reason}). Check that the disk is not full, then try again.")]
    progress_unwritable => ProgressUnwritable { reason: String }
        means "The wizard's progress file could not be written."
        sample { reason: "x".into() };
    /// An action was asked for on a screen where it does not belong (a UI bug or a stale window).
    #[error("This step is not available right now. Go back to the current step and try again.")]
    wizard_out_of_order => WizardOutOfOrder
        means "An action was asked for on the wrong step.";
    /// Reconnect signed in to another store than the connection's.
    #[error("You signed in to another store. Sign in to the store {expected} to reconnect this connection.")]
    reconnect_other_store => ReconnectOtherStore { expected: String }
        means "Reconnect signed in to a different store."
        sample { expected: "x".into() };
    /// Manage was asked about a connection this computer does not know.
    #[error("This connection is not known on this computer any more. Reopen the assistant.")]
    connection_not_known => ConnectionNotKnown
        means "Manage was asked about a connection this computer does not know.";
    /// A first setting cannot be used: `field` is `date` (not a day as YYYY-MM-DD), `id` (not a
    /// whole number, or beyond 2^53 − 1, which the page cannot keep exactly) or `statuses` (no
    /// order status ticked).
    #[error("This setting cannot be used ({field}). Write the date as year-month-day, the order ID as a whole number, and tick at least one order status.")]
    settings_invalid => SettingsInvalid { field: &'static str }
        means "A first setting (date, order ID or order statuses) cannot be used."
        sample { field: "date" };
    /// Core1 kept working on the connection for longer than the wizard waits.
    #[error("Core1 is still setting up the connection. Check it later under Manage; nothing is lost.")]
    status_timeout => StatusTimeout
        means "Core1 did not finish setting up the connection in time.";
    /// A bug: something that should not happen did.
    #[error("Something unexpected went wrong ({detail}). Try again; if it keeps happening, contact support.")]
    internal => Internal { detail: String }
        means "A bug."
        sample { detail: "x".into() };

    // ----- the onboarding report -----
    /// The onboarding report could not be written where the user chose.
    #[error("The onboarding report could not be saved there ({reason}). Choose another folder, for example Documents, and try again.")]
    report_not_saved => ReportNotSaved { reason: String }
        means "The onboarding report could not be written to the chosen file."
        sample { reason: "x".into() };
    // ----- the wizard's app registration in a Core1 workspace -----
    /// This computer has no client secret for the workspace: the guided registration first.
    #[error("This Core1 workspace does not know the wizard yet. Register it once in Core1 under Dev Tools > API > App registrations, then paste the client secret here.")]
    core1_registration_needed => Core1RegistrationNeeded
        means "No app registration secret for this workspace on this computer; register first.";
    /// The workspace refused the stored (or profile's) client id and secret (`invalid_client`):
    /// the registration was deleted, or its secret changed.
    #[error("Core1 no longer accepts the wizard's app registration in this workspace (it was deleted or created again). Delete it in Dev Tools > API > App registrations, create it again and paste the new client secret.")]
    core1_registration_refused => Core1RegistrationRefused
        means "The workspace refused the app registration (deleted, or its secret changed).";
    /// The pasted client secret is not the registration's (`invalid_client` when checked).
    #[error("Core1 does not accept this client secret for the wizard's app registration. Copy the secret Core1 showed after SAVE again; if it is lost, delete the registration and create it again.")]
    core1_secret_refused => Core1SecretRefused
        means "The pasted client secret is not the registration's.";
    /// The pasted text cannot be a client secret (empty, spaces, too long).
    #[error("This does not look like a client secret. Copy the whole secret Core1 showed after SAVE, without spaces.")]
    core1_secret_malformed => Core1SecretMalformed
        means "The pasted text cannot be a client secret.";
    /// Core1 refused to make a connection: the signed-in user may not create connections.
    #[error("Your Core1 user may not create connections in Omni-Channel. Ask your Core1 administrator for that right, or sign in with a user who has it.")]
    core1_not_permitted => Core1NotPermitted
        means "The Core1 user may not create connections.";
    /// Core1 refused to make a connection: the BigCommerce driver is not installed.
    #[error("The BigCommerce driver is not installed in this Core1 workspace. Install it from the Actindo Appstore, then try again.")]
    core1_driver_missing => Core1DriverMissing
        means "The BigCommerce driver is not installed in the workspace.";
}
