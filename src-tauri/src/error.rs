//! The shell's one error type, crossing to the UI as a stable `{code, message}`.

use serde::{ser::SerializeStruct, Serialize, Serializer};

/// Generates the shell's [`Error`] from one list of its own `code => Variant(detail)` entries
/// (the core's errors pass through with their own codes), with [`Error::code`] and
/// [`Error::ALL_CODES`], so a code is written once and the locale test finds its words.
macro_rules! shell_errors {
    ($($(#[$attr:meta])* $code:ident => $variant:ident($detail:ty);)*) => {
        /// Everything a command can fail with. The UI branches on [`Error::code`] and shows its
        /// own words from `ui/locales`; `message` is for logs and support reports and never holds
        /// a secret.
        #[derive(Debug, thiserror::Error)]
        #[non_exhaustive]
        pub enum Error {
            /// From the core: its code is passed through unchanged.
            #[error(transparent)]
            Core(#[from] setup_core::Error),
            $($(#[$attr])* $variant($detail),)*
        }

        impl Error {
            /// The shell's own codes (the core's are `setup_core::Error::ALL_CODES`).
            pub const ALL_CODES: &'static [&'static str] = &[$(stringify!($code)),*];

            /// Stable code the UI maps to words.
            pub fn code(&self) -> &'static str {
                match self {
                    Error::Core(e) => e.code(),
                    $(Error::$variant(_) => stringify!($code),)*
                }
            }
        }
    };
}

shell_errors! {
    /// The practice sandbox could not start.
    #[error("the practice sandbox could not start: {0}")]
    practice_unavailable => Practice(String);
    /// A link could not be opened.
    #[error("could not open: {0}")]
    open_failed => Open(String);
    /// The system clipboard refused the text.
    #[error("could not copy: {0}")]
    clipboard_failed => Clipboard(String);
    /// Updates: the update server could not be reached (no network, a timeout).
    #[error("the update server could not be reached: {0}")]
    update_offline => UpdateOffline(String);
    /// Updates: the server answered, but with nothing the updater could use.
    #[error("the update server's answer could not be used: {0}")]
    update_check_failed => UpdateCheckFailed(String);
    /// Updates: the package did not arrive whole.
    #[error("the update could not be downloaded: {0}")]
    update_download_failed => UpdateDownloadFailed(String);
    /// Updates: the package's signature is not the publisher's (changed on the way, or signed
    /// with another key); nothing was installed.
    #[error("the update's signature is not valid: {0}")]
    update_signature_invalid => UpdateSignatureInvalid(String);
    /// Updates: the system did not install the package (password window cancelled or refused,
    /// the package manager failed).
    #[error("the update could not be installed: {0}")]
    update_install_failed => UpdateInstallFailed(String);
    /// Updates: this copy does not update itself (practice, turned off, a developer's build).
    #[error("this copy does not update itself: {0}")]
    update_unavailable => UpdateUnavailable(String);
    /// The app's own state could not be read (a bug, not the user's doing).
    #[error("internal error: {0}")]
    internal => Internal(String);
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        // The core's errors keep their own form (some carry details, e.g. `missing`).
        if let Error::Core(e) = self {
            return e.serialize(serializer);
        }
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// Result of every command.
pub type Result<T> = std::result::Result<T, Error>;
