//! The update server of the installed-app test: a static host on 127.0.0.1 serving the update
//! manifest (`/latest.json`, Tauri's static format) and the packages that
//! `tests/support/update-release.sh` made, as a release's download host would. What the manifest
//! points at is switched at run time ([`Serve`]); every request is counted; a download can be
//! paced like a slow line so its progress can be watched.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The release `update-release.sh` made, and where the app under test looks for it (the port
/// compiled into the test build's update address): `SETUP_UPDATE_DIR`, `SETUP_UPDATE_PORT`.
#[derive(Debug, Clone)]
pub struct Release {
    pub dir: PathBuf,
    pub port: u16,
    /// The version offered (`DIR/version`).
    pub version: String,
}

impl Release {
    /// From the environment `tests/support/installed-smoke.sh` sets.
    pub fn from_env() -> Release {
        let dir = PathBuf::from(
            std::env::var("SETUP_UPDATE_DIR").expect("SETUP_UPDATE_DIR (installed-smoke.sh)"),
        );
        let port = std::env::var("SETUP_UPDATE_PORT")
            .expect("SETUP_UPDATE_PORT (installed-smoke.sh)")
            .parse()
            .unwrap();
        let version = std::fs::read_to_string(dir.join("version"))
            .unwrap()
            .trim()
            .to_owned();
        Release { dir, port, version }
    }

    fn signature(&self, file: &str) -> String {
        std::fs::read_to_string(self.dir.join(file))
            .unwrap()
            .trim()
            .to_owned()
    }
}

/// What `/latest.json` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serve {
    /// The release as published: `new.deb` with its signature.
    Good,
    /// A package changed on the way (one byte), with the real package's signature.
    Tampered,
    /// The real package with a signature from another key.
    OtherKey,
}

/// English and German notes the manifest carries (`notes`, `notes_by_language.de`).
pub const NOTES_EN: &str = "Follows the new connector page in BigCommerce.";
pub const NOTES_DE: &str = "Folgt der neuen Connector-Seite in BigCommerce.";

struct Shared {
    release: Release,
    serve: Mutex<Serve>,
    /// Bytes per second for downloads; `None`: as fast as the machine goes.
    pace: Mutex<Option<u64>>,
    hits: Mutex<BTreeMap<String, usize>>,
}

/// A running update server; [`UpdateServer::stop`] ends it and frees the port.
pub struct UpdateServer {
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl UpdateServer {
    /// Listens on the release's port (retrying for a moment while an earlier server lets go).
    pub async fn start(release: &Release) -> UpdateServer {
        let shared = Arc::new(Shared {
            release: release.clone(),
            serve: Mutex::new(Serve::Good),
            pace: Mutex::new(None),
            hits: Mutex::new(BTreeMap::new()),
        });
        let mut listener = None;
        for _ in 0..50 {
            match tokio::net::TcpListener::bind(("127.0.0.1", release.port)).await {
                Ok(l) => {
                    listener = Some(l);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
        let listener = listener.unwrap_or_else(|| panic!("port {} stays taken", release.port));
        let app = Router::new()
            .route("/latest.json", get(manifest))
            .route("/{file}", get(package))
            .with_state(shared.clone());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
        });
        UpdateServer {
            shared,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// What the manifest offers from now on.
    pub fn serve(&self, serve: Serve) {
        *self.shared.serve.lock().unwrap() = serve;
    }

    /// Downloads at `bytes_per_second` (`None`: unpaced).
    pub fn pace(&self, bytes_per_second: Option<u64>) {
        *self.shared.pace.lock().unwrap() = bytes_per_second;
    }

    /// How many requests `path` (`/latest.json`, `/new.deb`, …) has had.
    pub fn hits(&self, path: &str) -> usize {
        self.shared
            .hits
            .lock()
            .unwrap()
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    /// Stops listening: from now on the app meets a closed port, as with no network.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

fn count(shared: &Shared, path: &str) {
    *shared
        .hits
        .lock()
        .unwrap()
        .entry(path.to_owned())
        .or_default() += 1;
}

async fn manifest(State(shared): State<Arc<Shared>>) -> Response {
    count(&shared, "/latest.json");
    let release = &shared.release;
    let (file, signature) = match *shared.serve.lock().unwrap() {
        Serve::Good => ("new.deb", release.signature("new.deb.sig")),
        Serve::Tampered => ("tampered.deb", release.signature("new.deb.sig")),
        Serve::OtherKey => ("new.deb", release.signature("other.sig")),
    };
    let body = serde_json::json!({
        "version": release.version,
        "notes": NOTES_EN,
        "notes_by_language": { "de": NOTES_DE },
        "pub_date": "2026-12-01T09:00:00Z",
        "platforms": {
            "linux-x86_64-deb": {
                "url": format!("http://127.0.0.1:{}/{file}", release.port),
                "signature": signature,
            }
        }
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

async fn package(State(shared): State<Arc<Shared>>, Path(file): Path<String>) -> Response {
    count(&shared, &format!("/{file}"));
    if !matches!(file.as_str(), "new.deb" | "tampered.deb") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let bytes = Bytes::from(std::fs::read(shared.release.dir.join(&file)).unwrap());
    let length = bytes.len();
    let pace = *shared.pace.lock().unwrap();
    let body = match pace {
        None => Body::from(bytes),
        Some(rate) => {
            // 64 KiB at a time, each after the time it takes at `rate`.
            const CHUNK: usize = 64 * 1024;
            let wait = Duration::from_secs_f64(CHUNK as f64 / rate as f64);
            let chunks = futures_util::stream::unfold(bytes, move |mut rest| async move {
                if rest.is_empty() {
                    return None;
                }
                tokio::time::sleep(wait).await;
                let chunk = rest.split_to(CHUNK.min(rest.len()));
                Some((Ok::<_, std::io::Error>(chunk), rest))
            });
            Body::from_stream(chunks)
        }
    };
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_LENGTH, length.into());
    headers.insert(
        header::CONTENT_TYPE,
        "application/vnd.debian.binary-package".parse().unwrap(),
    );
    response
}
