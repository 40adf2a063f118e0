//! A small HTTP `CONNECT` proxy on 127.0.0.1, as offices run them.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Bytes;
use base64::Engine as _;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::{Error, Result};

/// A `CONNECT` proxy: every tunnel it opens goes to one address (an [`super::HttpsFront`]),
/// whatever host was asked for, so a client can use real-looking names and nothing leaves this
/// machine. It counts what it lets through and what it refuses, and can demand a password
/// (`407 Proxy Authentication Required` with `Proxy-Authenticate: Basic`). Other methods get
/// `405`: the wizard only ever asks a proxy for tunnels (its plain-http targets are loopback,
/// which is never proxied).
pub struct ConnectProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

struct Shared {
    upstream: Mutex<SocketAddr>,
    /// The `Proxy-Authorization` value demanded, if any.
    password: Option<String>,
    tunnels: Mutex<Vec<String>>,
    refused: Mutex<Vec<String>>,
}

impl Shared {
    fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
        m.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl ConnectProxy {
    /// A proxy on a free port of 127.0.0.1 that tunnels to `upstream` without asking who you are.
    pub async fn start(upstream: SocketAddr) -> Result<ConnectProxy> {
        Self::start_with(upstream, None).await
    }

    /// A proxy that tunnels only for `user` with `password` (Basic), else answers 407.
    pub async fn with_password(
        upstream: SocketAddr,
        user: &str,
        password: &str,
    ) -> Result<ConnectProxy> {
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        Self::start_with(upstream, Some(format!("Basic {token}"))).await
    }

    async fn start_with(upstream: SocketAddr, password: Option<String>) -> Result<ConnectProxy> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .map_err(|source| Error::Bind { port: 0, source })?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            upstream: Mutex::new(upstream),
            password,
            tunnels: Mutex::default(),
            refused: Mutex::default(),
        });
        let (stop, mut stopped) = watch::channel(false);
        let state = shared.clone();
        let task = tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    accepted = listener.accept() => accepted,
                    _ = stopped.wait_for(|s| *s) => break,
                };
                let Ok((stream, _)) = accepted else { continue };
                let state = state.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| answer(state.clone(), req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .with_upgrades()
                        .await;
                });
            }
        });
        Ok(ConnectProxy {
            addr,
            shared,
            stop,
            task,
        })
    }

    /// `http://127.0.0.1:{port}`, as a proxy variable takes it.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://user:password@127.0.0.1:{port}`.
    pub fn url_with(&self, user: &str, password: &str) -> String {
        format!("http://{user}:{password}@{}", self.addr)
    }

    /// The listening address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The `host:port` of every tunnel opened so far, in order.
    pub fn tunnels(&self) -> Vec<String> {
        Shared::lock(&self.shared.tunnels).clone()
    }

    /// The `host:port` of every tunnel refused for want of the password, in order.
    pub fn refused(&self) -> Vec<String> {
        Shared::lock(&self.shared.refused).clone()
    }

    /// Sends later tunnels to `upstream` instead (say, a front whose certificate comes from an
    /// HTTPS-inspecting proxy's own CA).
    pub fn send_tunnels_to(&self, upstream: SocketAddr) {
        *Shared::lock(&self.shared.upstream) = upstream;
    }

    /// Stops listening and waits for the accept loop to end (open tunnels end with their peers).
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

async fn answer(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> std::result::Result<Response<Full<Bytes>>, std::convert::Infallible> {
    if request.method() != Method::CONNECT {
        return Ok(reply(StatusCode::METHOD_NOT_ALLOWED));
    }
    let authority = request
        .uri()
        .authority()
        .map(|a| a.to_string())
        .unwrap_or_default();
    if let Some(expected) = &shared.password {
        let given = request
            .headers()
            .get(header::PROXY_AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        if given != Some(expected.as_str()) {
            Shared::lock(&shared.refused).push(authority);
            let mut response = reply(StatusCode::PROXY_AUTHENTICATION_REQUIRED);
            response.headers_mut().insert(
                header::PROXY_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"practice proxy\""),
            );
            return Ok(response);
        }
    }
    let upstream = *Shared::lock(&shared.upstream);
    Shared::lock(&shared.tunnels).push(authority);
    tokio::spawn(async move {
        let Ok(upgraded) = hyper::upgrade::on(request).await else {
            return;
        };
        let Ok(mut server) = TcpStream::connect(upstream).await else {
            return;
        };
        let mut client = TokioIo::new(upgraded);
        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
    });
    Ok(reply(StatusCode::OK))
}

fn reply(status: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}
