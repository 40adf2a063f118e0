//! [`Sandbox`]: starting a practice world — on a port of its own, or one saved to a file that
//! outlives the process.

use crate::world::State;
use crate::World;
use crate::{core1, server, snapshot, Error, Result, SandboxConfig, SandboxHandle};
use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

/// Starts sandboxes.
pub struct Sandbox;

impl Sandbox {
    /// Starts the sandbox on an ephemeral port of 127.0.0.1 (tests can run in parallel).
    pub async fn start(config: SandboxConfig) -> Result<SandboxHandle> {
        Self::start_on_port(config, 0).await
    }

    /// Starts the sandbox on 127.0.0.1:`port` (`0` = ephemeral), e.g. for the `sandbox` binary.
    pub async fn start_on_port(config: SandboxConfig, port: u16) -> Result<SandboxHandle> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))
            .await
            .map_err(|source| Error::Bind { port, source })?;
        Self::serve(config, listener, None, None)
    }

    /// Starts a practice world that outlives the process: the world saved at `path` (see
    /// `snapshot` for what is kept) on its saved port, or a fresh one on a new port. When the
    /// saved port is taken the world moves to a new one and [`SandboxHandle::moved_from`] says
    /// from which: pages of the old address no longer reach it. The world is saved to `path`
    /// shortly after every change and when the server stops.
    pub async fn start_persistent(
        config: SandboxConfig,
        path: &std::path::Path,
    ) -> Result<SandboxHandle> {
        let saved = snapshot::Saved::read(path);
        let wanted = saved.as_ref().map_or(0, |s| s.port);
        let (listener, moved_from) =
            match tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, wanted)).await {
                Ok(listener) => (listener, None),
                Err(e) if wanted != 0 => {
                    tracing::warn!(port = wanted, error = %e, "saved practice port taken; moving");
                    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                        .await
                        .map_err(|source| Error::Bind { port: 0, source })?;
                    (listener, Some(wanted))
                }
                Err(source) => return Err(Error::Bind { port: 0, source }),
            };
        let mut handle = Self::serve(config, listener, saved, Some(path.to_owned()))?;
        handle.moved_from = moved_from;
        Ok(handle)
    }

    fn serve(
        config: SandboxConfig,
        listener: tokio::net::TcpListener,
        saved: Option<snapshot::Saved>,
        persist: Option<std::path::PathBuf>,
    ) -> Result<SandboxHandle> {
        let addr = listener.local_addr()?;
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()?;
        let base_url = format!("http://{addr}");
        let callbacks = config
            .apps()
            .into_iter()
            .map(|a| {
                let url = if a.callback_url.starts_with('/') {
                    format!("{base_url}{}", a.callback_url)
                } else {
                    a.callback_url.clone()
                };
                (a.client_id.clone(), url)
            })
            .collect();
        let mut state = State::new(&config, callbacks);
        let resumed = saved.is_some();
        if let Some(saved) = saved {
            saved.restore(&mut state);
        }
        let world = Arc::new(World {
            state: Mutex::new(state),
            config,
            base_url,
            http,
            runtime: tokio::runtime::Handle::current(),
            port: addr.port(),
            dirty: tokio::sync::Notify::new(),
        });
        if resumed {
            core1::lifecycle::resume_checks(&world);
        }
        let app = server::routes(world.clone());
        let (shutdown, rx) = watch::channel(false);
        let saver = persist.as_ref().map(|path| {
            snapshot::save_logged(&world, path);
            let saving = snapshot::keep_saving(world.clone(), path.clone(), rx.clone());
            tokio::spawn(saving)
        });
        let task = tokio::spawn(server::serve(listener, app, rx));
        tracing::info!(%addr, "sandbox listening");
        Ok(SandboxHandle {
            world,
            addr,
            shutdown,
            task: Some(task),
            persist,
            saver,
            moved_from: None,
        })
    }
}
