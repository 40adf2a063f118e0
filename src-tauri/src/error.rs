//! The shell's one error type, crossing to the UI as a stable `{code, message}`.

use serde::{ser::SerializeStruct, Serialize, Serializer};

/// Everything a command can fail with. The UI branches on [`Error::code`] and shows its own
/// words from `ui/locales`; `message` is for logs and support reports and never holds a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// From the core: its code is passed through unchanged.
    #[error(transparent)]
    Core(#[from] setup_core::Error),
    /// The practice sandbox could not start.
    #[error("the practice sandbox could not start: {0}")]
    Practice(String),
    /// A link could not be opened.
    #[error("could not open: {0}")]
    Open(String),
    /// The system clipboard refused the text.
    #[error("could not copy: {0}")]
    Clipboard(String),
    /// The app's own state could not be read (a bug, not the user's doing).
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Stable code the UI maps to words.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Core(e) => e.code(),
            Error::Practice(_) => "practice_unavailable",
            Error::Open(_) => "open_failed",
            Error::Clipboard(_) => "clipboard_failed",
            Error::Internal(_) => "internal",
        }
    }
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
