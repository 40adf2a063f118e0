//! Serving the listener's connections: at most [`MAX_CONNECTIONS`] open (the oldest closed
//! first), the exact `Host` only, the judged callback answered with a redirect to the result
//! page, and a short grace for open connections once the outcome is known.

use super::*;

pub(super) struct Shared {
    pub(super) check: CallbackCheck,
    /// The only `Host` served: `127.0.0.1:{port}`.
    pub(super) host: String,
    /// Where the result page is served once decided.
    pub(super) result_path: &'static str,
    pub(super) provider: String,
    /// Set once a callback with a valid `state` has decided the outcome.
    pub(super) done: AtomicBool,
    /// The result page (status, HTML) once decided, served at `result_path`.
    pub(super) result: OnceLock<(StatusCode, String)>,
}

pub(super) async fn serve(
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
pub(super) fn host_is(headers: &hyper::HeaderMap, uri: &Uri, expected: &str) -> bool {
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
