//! The loopback listener (RFC 8252 §7.3): a real HTTP server (hyper 1) on `127.0.0.1`.
//!
//! - The socket is made with `socket2`: IPv4 loopback only, no `SO_REUSEADDR`, an ephemeral
//!   port unless a fixed one is configured; a busy fixed port is [`Error::SignInPortBusy`] at
//!   once.
//! - Each connection is served on its own task with a header-read timeout of a few seconds
//!   ([`DEFAULT_HEADER_TIMEOUT`], a trickled header included), so an idle pre-connect or a
//!   flood of junk cannot hold up the real callback. At most [`MAX_CONNECTIONS`] are open at
//!   once; a new one beyond that makes the **oldest** one close (every open connection is idle
//!   from the listener's side: answering is synchronous), never the new one — which may be the
//!   browser's real callback.
//! - Only `Host: 127.0.0.1:{port}` is served (one `Host` header, exactly that): a page on another
//!   name that resolves to 127.0.0.1 (DNS rebinding) gets 421 and decides nothing.
//! - Accepted connections are set to close with a reset (`SO_LINGER` 0) when *we* close them,
//!   and are otherwise left for the browser to close: the listener's port never sits in
//!   `TIME_WAIT`, so a fixed port can be bound again at once for the next attempt — without
//!   `SO_REUSEADDR`. Connections still open when the outcome is known get a short grace period
//!   to finish reading their page before they are closed.
//! - Only `GET` on the exact callback path is considered; every other path (the favicon
//!   included) gets 404 and the listener keeps waiting.
//! - `state` is checked first, in constant time, before any other parameter — error responses
//!   included. A missing or wrong `state` gets a 400 page and the listener keeps waiting.
//! - With a valid `state`: `iss` (RFC 9207) — exactly one, equal to the expected issuer, when
//!   the provider advertises it ([`ListenerConfig::require_issuer`]); otherwise checked when
//!   present, and refused when repeated — then `error` (→ [`Error::SignInDenied`] /
//!   [`Error::SignInProviderError`]), then `code`.
//! - The deciding callback is answered with `303 See Other` to [`RESULT_PATH`], which then serves
//!   the static result page: the code and `state` do not stay in the address bar, the history or
//!   a restored session. (The 303 carries the same page for clients that do not follow it.) The
//!   browser follows it on the kept-alive connection; new connections are no longer accepted.
//! - The listener stops accepting after the first callback with a valid `state`, on timeout,
//!   on cancel, and when nobody waits for it any more.

use std::collections::{BTreeMap, VecDeque};
use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE, HOST, LOCATION};
use hyper::{Method, Request, Response, StatusCode, Uri};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::{AbortHandle, JoinSet};
use url::Url;

use super::pages;
use super::pkce::constant_time_eq;
use crate::error::{Error, Result};
use crate::secret_string::SecretString;

/// Most connections open at once; beyond that the oldest is closed (a local flood).
pub(crate) const MAX_CONNECTIONS: usize = 64;
/// How long a connection may take to send its request headers, unless configured otherwise.
pub(crate) const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(3);
/// Where the deciding callback redirects to: the result page, without code or state (or
/// [`RESULT_PATH_ALT`] should a profile pick `/done` as its callback path).
pub(crate) const RESULT_PATH: &str = "/done";
/// The result page's path when the callback path is [`RESULT_PATH`] itself.
pub(crate) const RESULT_PATH_ALT: &str = "/signed-in";
/// How long open connections may go on after the outcome is known.
const CLOSE_GRACE: Duration = Duration::from_millis(500);
/// Longest wait for our own previous listener on the same fixed port to finish closing.
const CLOSING_WAIT: Duration = Duration::from_secs(4);

/// Fixed ports whose previous listener (of this process) is still closing its connections:
/// a new attempt on the same port waits for it instead of failing as "busy".
static CLOSING: std::sync::Mutex<std::collections::BTreeMap<u16, (u64, watch::Receiver<bool>)>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());
static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How the listener is set up for one sign-in attempt.
#[derive(Debug, Clone)]
pub struct ListenerConfig {
    /// 0 = an ephemeral port; otherwise exactly this port.
    pub port: u16,
    /// The exact callback path, e.g. `/bigcommerce/callback`.
    pub path: String,
    /// How long to wait for the callback.
    pub timeout: Duration,
    /// Name shown on the result pages.
    pub provider: String,
    /// The issuer expected in `iss`, if the callback carries one.
    pub expected_issuer: Option<String>,
    /// The provider advertises RFC 9207 (`authorization_response_iss_parameter_supported`):
    /// a callback without `iss` is refused too. Needs `expected_issuer`.
    pub require_issuer: bool,
    /// How long one connection may take to send its request headers.
    pub header_timeout: Duration,
}

impl ListenerConfig {
    /// A config with the default header timeout ([`DEFAULT_HEADER_TIMEOUT`]).
    pub fn new(port: u16, path: &str, timeout: Duration, provider: &str) -> Self {
        ListenerConfig {
            port,
            path: path.to_owned(),
            timeout,
            provider: provider.to_owned(),
            expected_issuer: None,
            require_issuer: false,
            header_timeout: DEFAULT_HEADER_TIMEOUT,
        }
    }
}

/// What a valid callback carried.
#[derive(Debug, Clone)]
pub struct CallbackParams {
    /// The authorization code.
    pub code: SecretString,
    /// Every other single-valued parameter except `state` and `code` (e.g. `scope`,
    /// `context`, `account_uuid`, `iss`).
    pub params: BTreeMap<String, String>,
}

/// Cancels a waiting sign-in from any task. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Canceller {
    tx: Arc<watch::Sender<bool>>,
}

impl Canceller {
    /// Stop waiting: the listener closes and the sign-in ends with
    /// [`Error::SignInCancelled`]. Does nothing if it already ended.
    pub fn cancel(&self) {
        self.tx.send_replace(true);
    }
}

/// A bound, serving listener waiting for its callback.
#[derive(Debug)]
pub struct Listening {
    redirect_uri: Url,
    #[cfg(feature = "test-support")]
    local_addr: SocketAddr,
    result: oneshot::Receiver<Result<CallbackParams>>,
    canceller: Canceller,
}

impl Listening {
    /// `http://127.0.0.1:{port}{path}` — the IP literal, as RFC 8252 §7.3 recommends.
    pub fn redirect_uri(&self) -> &Url {
        &self.redirect_uri
    }

    /// The bound address.
    #[cfg(feature = "test-support")]
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// A handle to cancel the wait from another task.
    pub fn canceller(&self) -> Canceller {
        self.canceller.clone()
    }

    /// Wait for the outcome: the callback's parameters, or the error that ended the wait.
    pub async fn wait(self) -> Result<CallbackParams> {
        // Keep our own canceller alive while waiting so the serve loop sees no closed channel.
        let _keep = self.canceller;
        match self.result.await {
            Ok(outcome) => outcome,
            Err(_) => Err(Error::internal("the sign-in listener stopped unexpectedly")),
        }
    }
}

/// Bind the socket and start serving. `state` is the value the callback must carry.
pub async fn start(config: ListenerConfig, state: String) -> Result<Listening> {
    if config.port != 0 {
        let closing = CLOSING
            .lock()
            .ok()
            .and_then(|m| m.get(&config.port).map(|(_, rx)| rx.clone()));
        if let Some(mut rx) = closing {
            let _ = tokio::time::timeout(CLOSING_WAIT, rx.wait_for(|done| *done)).await;
        }
    }
    let listener = bind(config.port)?;
    let local_addr = listener.local_addr().map_err(|e| Error::SignInListener {
        reason: e.kind().to_string(),
    })?;
    let redirect_uri = Url::parse(&format!(
        "http://{}:{}{}",
        local_addr.ip(),
        local_addr.port(),
        config.path
    ))
    .map_err(|e| Error::SignInListener {
        reason: format!("callback address: {e}"),
    })?;
    let (cancel_tx, cancel_rx) = watch::channel(false);
    let (result_tx, result_rx) = oneshot::channel();
    tracing::debug!(port = local_addr.port(), path = %config.path, provider = %config.provider, "sign-in listener open");
    let shared = Arc::new(Shared {
        check: CallbackCheck {
            path: config.path.clone(),
            state,
            expected_issuer: config.expected_issuer.clone(),
            issuer_required: config.require_issuer,
        },
        host: format!("127.0.0.1:{}", local_addr.port()),
        result_path: if config.path == RESULT_PATH {
            RESULT_PATH_ALT
        } else {
            RESULT_PATH
        },
        provider: config.provider.clone(),
        done: AtomicBool::new(false),
        result: OnceLock::new(),
    });
    tokio::spawn(serve(
        listener,
        (config.port != 0).then_some(config.port),
        shared,
        config.timeout,
        config.header_timeout,
        cancel_rx,
        result_tx,
    ));
    Ok(Listening {
        redirect_uri,
        #[cfg(feature = "test-support")]
        local_addr,
        result: result_rx,
        canceller: Canceller {
            tx: Arc::new(cancel_tx),
        },
    })
}

/// A loopback socket: 127.0.0.1 only, no `SO_REUSEADDR`, non-blocking, close-on-exec; on
/// Windows also `SO_EXCLUSIVEADDRUSE`.
fn bind(port: u16) -> Result<TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let listener_error = |e: std::io::Error| Error::SignInListener {
        reason: e.kind().to_string(),
    };
    let socket =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).map_err(listener_error)?;
    // Explicitly off (it is off by default on a fresh socket): another process's socket on
    // the same port must make us fail, never share.
    socket.set_reuse_address(false).map_err(listener_error)?;
    // Windows lets a later socket that sets SO_REUSEADDR bind the same address and port while
    // ours listens (for sockets of the same user even with "enhanced socket security") and
    // then take over our callbacks — port squatting on the fixed port a BigCommerce app
    // registers. SO_EXCLUSIVEADDRUSE, set before bind, forbids any other socket on the address.
    // Neither socket2 nor std offers it, and this crate forbids `unsafe`: the one setsockopt
    // call lives in the tiny `exclusive-bind` crate (a no-op elsewhere).
    #[cfg(windows)]
    exclusive_bind::set_exclusive_address_use(&socket).map_err(listener_error)?;
    socket.set_nonblocking(true).map_err(listener_error)?;
    let addr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port));
    socket.bind(&addr.into()).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            Error::SignInPortBusy { port }
        } else {
            listener_error(e)
        }
    })?;
    socket.listen(128).map_err(listener_error)?;
    TcpListener::from_std(socket.into()).map_err(listener_error)
}

mod judge;
mod serve;

pub(crate) use judge::{judge, CallbackCheck, Judgement, Verdict};
use serve::{serve, Shared};
