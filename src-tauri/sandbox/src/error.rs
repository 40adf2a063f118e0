//! The crate's one error type, so callers can match on what went wrong instead of parsing text.

/// Everything the sandbox (server, control API from Rust, browser robot) can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The listener could not be bound (port taken, or no loopback interface).
    #[error("could not bind the sandbox on 127.0.0.1:{port}: {source}")]
    Bind {
        port: u16,
        #[source]
        source: std::io::Error,
    },
    /// Any other I/O failure (robot log file, listener address).
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// An HTTP request made by the sandbox or the robot failed at the transport level.
    #[error("http request failed: {0}")]
    Http(#[from] reqwest::Error),
    /// A URL could not be parsed.
    #[error("invalid url: {0}")]
    Url(#[from] url::ParseError),
    /// The robot was asked to visit a host that is not the local machine.
    #[error("refusing to contact a host that is not loopback: {0}")]
    NotLoopback(String),
    /// A workspace name that the sandbox does not know.
    #[error("unknown workspace: {0}")]
    UnknownWorkspace(String),
    /// A BigCommerce store hash that the sandbox does not know.
    #[error("unknown store: {0}")]
    UnknownStore(String),
    /// The robot's login was refused (wrong seeded email or password).
    #[error("the robot's login was rejected on {0}")]
    LoginRejected(String),
    /// The robot met a page it does not know how to get past.
    #[error("the robot got stuck: {0}")]
    RobotStuck(String),
    /// A client id that no app registration has.
    #[error("unknown app: {0}")]
    UnknownApp(String),
    /// BigCommerce would not accept this callback for this app (a marketplace app needs a
    /// public HTTPS callback; in the sandbox, one on the sandbox's own origin).
    #[error("callback refused for app {client_id}: {reason}")]
    CallbackRefused { client_id: String, reason: String },
    /// The store already has as many store-level API accounts as BigCommerce allows.
    #[error("store {0} already has the maximum number of API accounts")]
    ApiAccountLimit(String),
    /// An access a store-level API account cannot be given (not a known scope name).
    #[error("unknown API account scope: {0}")]
    UnknownScope(String),
    /// The practice Core1 refused to make or change a connection.
    #[error("Core1 refused the connection: {0}")]
    ConnectionRefused(String),
    /// A test certificate or TLS configuration could not be made (feature `network`).
    #[error("certificate: {0}")]
    Certificate(String),
    /// The robot's cookie file (`ROBOT_COOKIES`) could not be read or written.
    #[error("cookie file {path}: {reason}")]
    CookieFile { path: String, reason: String },
    /// The practice Core1 refused an app registration (the Create form's message).
    #[error("Core1 refused the app registration: {0}")]
    RegistrationRefused(String),
    /// The robot's registration task or clipboard could not be read, or its secret not written.
    #[error("robot task: {0}")]
    RobotTask(String),
}

/// Result alias for this crate.
pub type Result<T> = std::result::Result<T, Error>;
