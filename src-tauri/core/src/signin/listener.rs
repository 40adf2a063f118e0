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
use crate::secret::SecretString;

/// Most connections open at once; beyond that the oldest is closed (a local flood).
pub const MAX_CONNECTIONS: usize = 64;
/// How long a connection may take to send its request headers, unless configured otherwise.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(3);
/// Where the deciding callback redirects to: the result page, without code or state (or
/// [`RESULT_PATH_ALT`] should a profile pick `/done` as its callback path).
pub const RESULT_PATH: &str = "/done";
/// The result page's path when the callback path is [`RESULT_PATH`] itself.
pub const RESULT_PATH_ALT: &str = "/signed-in";
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

struct Shared {
    check: CallbackCheck,
    /// The only `Host` served: `127.0.0.1:{port}`.
    host: String,
    /// Where the result page is served once decided.
    result_path: &'static str,
    provider: String,
    /// Set once a callback with a valid `state` has decided the outcome.
    done: AtomicBool,
    /// The result page (status, HTML) once decided, served at `result_path`.
    result: OnceLock<(StatusCode, String)>,
}

async fn serve(
    listener: TcpListener,
    fixed_port: Option<u16>,
    shared: Arc<Shared>,
    timeout: Duration,
    header_timeout: Duration,
    mut cancel_rx: watch::Receiver<bool>,
    mut result_tx: oneshot::Sender<Result<CallbackParams>>,
) {
    let (outcome_tx, mut outcome_rx) = mpsc::channel::<Result<CallbackParams>>(1);
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let mut conns = JoinSet::new();
    // The open connections, oldest first.
    let mut open: VecDeque<AbortHandle> = VecDeque::new();
    let deadline = tokio::time::sleep(timeout);
    tokio::pin!(deadline);

    let outcome = loop {
        tokio::select! {
            biased;
            Some(outcome) = outcome_rx.recv() => break outcome,
            changed = cancel_rx.changed() => {
                if changed.is_err() || *cancel_rx.borrow() {
                    break Err(Error::SignInCancelled);
                }
            }
            _ = result_tx.closed() => break Err(Error::SignInCancelled),
            _ = &mut deadline => break Err(Error::SignInTimeout { after: timeout }),
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    // Close with a reset when we close: no TIME_WAIT on the listener's port.
                    let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
                    open.retain(|c| !c.is_finished());
                    if open.len() >= MAX_CONNECTIONS {
                        // The oldest goes, not the newcomer: that may be the browser's callback.
                        if let Some(oldest) = open.pop_front() {
                            tracing::debug!("sign-in listener: too many connections, closing the oldest");
                            oldest.abort();
                        }
                    }
                    open.push_back(conns.spawn(connection(
                        stream,
                        shared.clone(),
                        outcome_tx.clone(),
                        shutdown_rx.clone(),
                        header_timeout,
                    )));
                }
                Err(e) => {
                    // E.g. out of file descriptors: back off briefly, keep serving.
                    tracing::warn!(error = %e.kind(), "sign-in listener: accept failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            },
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    };
    // Stop accepting before anyone learns the outcome: once `wait` returns, the port is closed
    // (and a new attempt on a fixed port waits until our connections are closed too).
    drop(listener);
    let (closed_tx, closed_rx) = watch::channel(false);
    let generation = GENERATION.fetch_add(1, Ordering::SeqCst);
    if let (Some(port), Ok(mut m)) = (fixed_port, CLOSING.lock()) {
        m.insert(port, (generation, closed_rx));
    }
    match &outcome {
        Ok(_) => tracing::info!(provider = %shared.provider, "sign-in callback received"),
        Err(e) => tracing::info!(provider = %shared.provider, code = e.code(), "sign-in ended"),
    }
    let _ = result_tx.send(outcome);
    // Let the deciding page reach the browser (which may close the connection itself), then
    // close what is left gracefully, then stop.
    let finished = tokio::time::timeout(CLOSE_GRACE, async {
        while conns.join_next().await.is_some() {}
    })
    .await;
    if finished.is_err() {
        shutdown_tx.send_replace(true);
        let drained = tokio::time::timeout(Duration::from_secs(2), async {
            while conns.join_next().await.is_some() {}
        })
        .await;
        if drained.is_err() {
            conns.abort_all();
            while conns.join_next().await.is_some() {}
        }
    }
    closed_tx.send_replace(true);
    if let (Some(port), Ok(mut m)) = (fixed_port, CLOSING.lock()) {
        if m.get(&port).is_some_and(|(g, _)| *g == generation) {
            m.remove(&port);
        }
    }
}

async fn connection(
    stream: tokio::net::TcpStream,
    shared: Arc<Shared>,
    outcome_tx: mpsc::Sender<Result<CallbackParams>>,
    mut shutdown_rx: watch::Receiver<bool>,
    header_timeout: Duration,
) {
    let service = hyper::service::service_fn(move |req| {
        let shared = shared.clone();
        let outcome_tx = outcome_tx.clone();
        async move { Ok::<_, Infallible>(handle(&req, &shared, &outcome_tx)) }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let shutdown = async move {
        let _ = shutdown_rx.wait_for(|s| *s).await;
    };
    // No connection lives long: a browser opens a new one for the real callback if needed.
    let lifetime = tokio::time::sleep(header_timeout.saturating_mul(3));
    tokio::select! {
        _ = conn.as_mut() => {}
        () = shutdown => {
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(Duration::from_secs(2), conn).await;
        }
        () = lifetime => {
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(Duration::from_secs(2), conn).await;
        }
    }
}

/// Whether the request names exactly `expected` (`127.0.0.1:{port}`) as its host: one `Host`
/// header with that value, and no other authority in the request target.
pub fn host_is(headers: &hyper::HeaderMap, uri: &Uri, expected: &str) -> bool {
    let mut hosts = headers.get_all(HOST).iter();
    let one = match (hosts.next(), hosts.next()) {
        (Some(h), None) => h.as_bytes().eq_ignore_ascii_case(expected.as_bytes()),
        _ => false,
    };
    one && uri
        .authority()
        .is_none_or(|a| a.as_str().eq_ignore_ascii_case(expected))
}

fn handle(
    req: &Request<Incoming>,
    shared: &Shared,
    outcome_tx: &mpsc::Sender<Result<CallbackParams>>,
) -> Response<Full<Bytes>> {
    if !host_is(req.headers(), req.uri(), &shared.host) {
        tracing::warn!("sign-in listener: request for another host refused (421)");
        return page(StatusCode::MISDIRECTED_REQUEST, pages::wrong_host());
    }
    if req.uri().path() == shared.result_path {
        return match (req.method() == Method::GET, shared.result.get()) {
            (true, Some((status, html))) => page(*status, html.clone()),
            _ => page(StatusCode::NOT_FOUND, pages::not_found()),
        };
    }
    let verdict = match judge(req.method(), req.uri(), &shared.check) {
        Judgement::Stray => {
            tracing::debug!("sign-in listener: stray request (404)");
            return page(StatusCode::NOT_FOUND, pages::not_found());
        }
        Judgement::WrongMethod => {
            return page(StatusCode::METHOD_NOT_ALLOWED, pages::method_not_allowed());
        }
        Judgement::BadState => {
            tracing::warn!(
                "sign-in listener: callback with a missing or wrong state ignored (400)"
            );
            return page(StatusCode::BAD_REQUEST, pages::state_mismatch());
        }
        Judgement::Callback(verdict) => verdict,
    };
    if shared.done.swap(true, Ordering::SeqCst) {
        // A second (e.g. reloaded) callback after the outcome was decided: the result page.
        return see_result(shared);
    }
    let (outcome, result) = match verdict {
        Verdict::IssuerMismatch => (
            Err(Error::SignInIssuerMismatch),
            (
                StatusCode::BAD_REQUEST,
                pages::failure(&shared.provider, "issuer_mismatch", None),
            ),
        ),
        Verdict::ProviderError {
            error,
            description,
            outcome,
        } => (
            Err(outcome),
            (
                StatusCode::OK,
                pages::failure(&shared.provider, &error, description.as_deref()),
            ),
        ),
        Verdict::MissingCode => (
            Err(Error::SignInProviderError {
                error: "missing_code".into(),
                description: None,
            }),
            (StatusCode::BAD_REQUEST, pages::incomplete()),
        ),
        Verdict::Code(params) => (
            Ok(params),
            (StatusCode::OK, pages::success(&shared.provider)),
        ),
    };
    // The page first, so the redirect's target exists before anyone learns the outcome.
    let _ = shared.result.set(result);
    let _ = outcome_tx.try_send(outcome);
    see_result(shared)
}

/// `303 See Other` to the result page's path; the result page as the body too.
fn see_result(shared: &Shared) -> Response<Full<Bytes>> {
    let html = shared
        .result
        .get()
        .map(|(_, html)| html.clone())
        .unwrap_or_else(|| pages::success(&shared.provider));
    let mut response = page(StatusCode::SEE_OTHER, html);
    response
        .headers_mut()
        .insert(LOCATION, HeaderValue::from_static(shared.result_path));
    response
}

/// What a callback must match: the exact path, the `state` and (when the callback names one)
/// the issuer.
#[derive(Debug, Clone)]
pub struct CallbackCheck {
    /// The exact callback path, e.g. `/bigcommerce/callback`.
    pub path: String,
    /// The `state` the callback must carry (compared in constant time).
    pub state: String,
    /// The issuer expected in `iss`, if the callback carries one.
    pub expected_issuer: Option<String>,
    /// With `expected_issuer`: a callback without `iss` is refused too (the provider
    /// advertises RFC 9207).
    pub issuer_required: bool,
}

/// What one request to the listener amounts to; see [`judge`].
#[derive(Debug)]
pub enum Judgement {
    /// Not the callback path (a favicon, a probe): 404, the listener keeps waiting.
    Stray,
    /// The callback path with another method than `GET`: 405, the listener keeps waiting.
    WrongMethod,
    /// `state` missing, repeated or wrong: 400, the listener keeps waiting.
    BadState,
    /// A valid `state`: this callback decides the sign-in (unless an earlier one already did).
    Callback(Verdict),
}

/// What a callback with a valid `state` decides.
#[derive(Debug)]
pub enum Verdict {
    /// `iss` is not exactly one value equal to the expected issuer — present and different,
    /// repeated, or (where required) missing: [`Error::SignInIssuerMismatch`].
    IssuerMismatch,
    /// The provider reported an error. `error` and `description` as sent (for the page, which
    /// escapes them); `outcome` is the wizard's error ([`Error::SignInDenied`] or
    /// [`Error::SignInProviderError`] with the texts shortened).
    ProviderError {
        error: String,
        description: Option<String>,
        outcome: Error,
    },
    /// Neither an error nor exactly one non-empty `code`.
    MissingCode,
    /// The code and every other single-valued parameter.
    Code(CallbackParams),
}

/// Judge one request to the listener from its method and request target alone — no I/O, no
/// shared state, so it can be fuzzed (`src-tauri/core/fuzz`).
///
/// Order of the checks: the exact path (else [`Judgement::Stray`]), then `GET` (else
/// [`Judgement::WrongMethod`]), then exactly one `state` equal to `check.state` in constant time
/// (else [`Judgement::BadState`]) — before any other parameter is looked at. With a valid
/// `state` and an expected issuer: `iss` must be one value equal to it (trailing `/` ignored) —
/// a different or repeated `iss` is refused, a missing one where `issuer_required`; then the
/// first `error`, then exactly one non-empty `code`. Parameters are read as
/// `application/x-www-form-urlencoded` (percent-decoding, `+` as space, invalid UTF-8
/// replaced); a parameter given more than once counts as absent.
pub fn judge(method: &Method, uri: &Uri, check: &CallbackCheck) -> Judgement {
    if uri.path() != check.path {
        return Judgement::Stray;
    }
    if method != Method::GET {
        return Judgement::WrongMethod;
    }
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let single = |name: &str| {
        let mut it = pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        match (it.next(), it.next()) {
            (Some(v), None) => Some(v.as_str()),
            _ => None,
        }
    };

    // 1. state, before anything else.
    let state_ok = single("state").is_some_and(|s| constant_time_eq(s, &check.state));
    if !state_ok {
        return Judgement::BadState;
    }

    // 2. iss: exactly one, the expected one — or none where the provider does not send it.
    if let Some(expected) = check.expected_issuer.as_deref() {
        let iss: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| k == "iss")
            .map(|(_, v)| v.as_str())
            .collect();
        let fine = match iss.as_slice() {
            [] => !check.issuer_required,
            [one] => one.trim_end_matches('/') == expected.trim_end_matches('/'),
            _ => false,
        };
        if !fine {
            return Judgement::Callback(Verdict::IssuerMismatch);
        }
    }

    // 3. an error from the provider.
    if let Some(error) = pairs.iter().find(|(k, _)| k == "error").map(|(_, v)| v) {
        let description = single("error_description").map(str::to_owned);
        let outcome = if error == "access_denied" {
            Error::SignInDenied
        } else {
            Error::SignInProviderError {
                error: truncate(error, 100),
                description: description.as_deref().map(|d| truncate(d, 300)),
            }
        };
        return Judgement::Callback(Verdict::ProviderError {
            error: error.clone(),
            description,
            outcome,
        });
    }

    // 4. the code.
    let Some(code) = single("code").filter(|c| !c.is_empty()) else {
        return Judgement::Callback(Verdict::MissingCode);
    };
    let mut params = BTreeMap::new();
    for (k, v) in &pairs {
        if k != "state" && k != "code" && single(k).is_some() {
            params.insert(k.clone(), v.clone());
        }
    }
    Judgement::Callback(Verdict::Code(CallbackParams {
        code: SecretString::new(code),
        params,
    }))
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

fn page(status: StatusCode, html: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(html)));
    *response.status_mut() = status;
    let h = response.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    response
}
