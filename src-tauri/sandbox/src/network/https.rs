//! An HTTPS listener on 127.0.0.1 in front of a plain-HTTP origin.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{self, HeaderName};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

use super::ServerCert;
use crate::{Error, Result};

/// HTTPS on 127.0.0.1 with a [`ServerCert`], every request passed on to `origin` (the practice
/// sandbox's `http://127.0.0.1:{port}`) with the origin's own `Host`, every answer passed back.
/// Dropping it (or [`HttpsFront::shutdown`]) stops it.
pub struct HttpsFront {
    addr: SocketAddr,
    counts: Arc<Counts>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

#[derive(Default)]
struct Counts {
    connections: AtomicUsize,
    requests: AtomicUsize,
}

impl HttpsFront {
    /// Listens on a free port of 127.0.0.1 with `cert`, in front of `origin`.
    pub async fn start(origin: &str, cert: ServerCert) -> Result<HttpsFront> {
        let mut config = rustls::ServerConfig::builder_with_provider(super::crypto())
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::Certificate(e.to_string()))?
            .with_no_client_auth()
            .with_single_cert(cert.chain, cert.key)
            .map_err(|e| Error::Certificate(e.to_string()))?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .map_err(|source| Error::Bind { port: 0, source })?;
        let addr = listener.local_addr()?;
        let client = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let origin: Arc<str> = Arc::from(origin.trim_end_matches('/'));
        let counts = Arc::new(Counts::default());
        let (stop, mut stopped) = watch::channel(false);
        let shared = counts.clone();
        let task = tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    accepted = listener.accept() => accepted,
                    _ = stopped.wait_for(|s| *s) => break,
                };
                let Ok((stream, _)) = accepted else { continue };
                shared.connections.fetch_add(1, Ordering::SeqCst);
                let (acceptor, client, origin, counts) = (
                    acceptor.clone(),
                    client.clone(),
                    origin.clone(),
                    shared.clone(),
                );
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(stream).await else {
                        return;
                    };
                    let service = hyper::service::service_fn(move |req| {
                        counts.requests.fetch_add(1, Ordering::SeqCst);
                        forward(client.clone(), origin.clone(), req)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(tls), service)
                        .await;
                });
            }
        });
        Ok(HttpsFront {
            addr,
            counts,
            stop,
            task,
        })
    }

    /// `https://127.0.0.1:{port}`.
    pub fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    /// The listening address (where a [`super::ConnectProxy`] sends its tunnels).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Connections accepted so far (a client that refuses the certificate makes one and sends
    /// nothing: with TLS 1.3 the server cannot tell its handshake apart from a good one).
    pub fn connections(&self) -> usize {
        self.counts.connections.load(Ordering::SeqCst)
    }

    /// Requests passed on to the origin so far.
    pub fn requests(&self) -> usize {
        self.counts.requests.load(Ordering::SeqCst)
    }

    /// Stops listening and waits for the accept loop to end.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// One request passed on to the origin; a failure to reach it is a 502, as a load balancer says.
async fn forward(
    client: reqwest::Client,
    origin: Arc<str>,
    request: Request<Incoming>,
) -> std::result::Result<Response<Full<Bytes>>, std::convert::Infallible> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let mut out = client
        .request(parts.method, format!("{origin}{path}"))
        .body(body);
    for (name, value) in &parts.headers {
        if name != header::HOST && !hop_by_hop(name) {
            out = out.header(name, value);
        }
    }
    let answer = match out.send().await {
        Ok(answer) => answer,
        Err(_) => return Ok(status_only(StatusCode::BAD_GATEWAY)),
    };
    let mut response = Response::builder().status(answer.status());
    for (name, value) in answer.headers() {
        if !hop_by_hop(name) && name != header::CONTENT_LENGTH {
            response = response.header(name, value);
        }
    }
    let bytes = answer.bytes().await.unwrap_or_default();
    Ok(response
        .body(Full::new(bytes))
        .unwrap_or_else(|_| status_only(StatusCode::BAD_GATEWAY)))
}

fn status_only(status: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}

/// Headers about one connection, not the message (RFC 9110 §7.6.1).
fn hop_by_hop(name: &HeaderName) -> bool {
    [
        header::CONNECTION,
        header::TRANSFER_ENCODING,
        header::TE,
        header::TRAILER,
        header::UPGRADE,
        header::PROXY_AUTHORIZATION,
        header::PROXY_AUTHENTICATE,
    ]
    .contains(name)
        || name.as_str().eq_ignore_ascii_case("keep-alive")
}
