//! `negotext serve`: search, paragraph histories and redlines as a local
//! web page, and a JSON API that gives the CLI's `--json` contracts.
//!
//! One process: an HTTP server (axum on tokio) on loopback by default, and
//! a [`refresh`] thread that updates the index when the corpus changes.
//! Requests answer from the current [`snapshot`] of the index, swapped
//! atomically when a new commit lands.
//!
//! - [`params`]: the state of a page, held whole in its URL;
//! - [`routes`]: which path is which page; [`api`]: the JSON Lines;
//! - [`pages`]: the HTML (maud), with the stylesheet and script in `assets/`;
//! - [`guard`]: request limits and security headers.

pub mod api;
pub mod guard;
pub mod pages;
pub mod params;
pub mod refresh;
pub mod routes;
pub mod snapshot;

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread::JoinHandle;

use tokio::sync::oneshot;

use crate::error::{Error, Result};
use crate::index::ChunkIndex;
use refresh::{Places, Refresher};
use snapshot::Live;

/// The address served by default: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7878";

/// A running server: stopped when dropped (or on Ctrl-C).
pub struct Server {
    /// The address it listens on (the port chosen when asked for port 0).
    pub addr: SocketAddr,
    pub live: Arc<Live>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<Result<()>>>,
    refresher: Option<Refresher>,
}

impl Server {
    /// Starts serving `index` on `addr`, refreshing it from `places` in the
    /// background. `stale` says why the index may be behind its corpus.
    pub fn start(
        addr: SocketAddr,
        places: Places,
        index: ChunkIndex,
        stale: Option<String>,
    ) -> Result<Server> {
        let listener = TcpListener::bind(addr).map_err(|source| Error::Listen {
            addr: addr.to_string(),
            source,
        })?;
        let listen_error = move |source| Error::Listen {
            addr: addr.to_string(),
            source,
        };
        let addr = listener.local_addr().map_err(listen_error)?;
        listener.set_nonblocking(true).map_err(listen_error)?;
        let live = Arc::new(Live::new(index, stale));
        let refresher = Refresher::start(places, Arc::clone(&live));
        let router = routes::router(routes::App {
            live: Arc::clone(&live),
        });
        let (stop, stopped) = oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("negotext-serve")
            .build()
            .map_err(listen_error)?;
        let thread = std::thread::Builder::new()
            .name("negotext-server".to_string())
            .spawn(move || {
                runtime.block_on(async move {
                    let listener =
                        tokio::net::TcpListener::from_std(listener).map_err(listen_error)?;
                    axum::serve(listener, router)
                        .with_graceful_shutdown(async move {
                            tokio::select! {
                                _ = stopped => {}
                                _ = tokio::signal::ctrl_c() => {}
                            }
                        })
                        .await
                        .map_err(listen_error)
                })
            })
            .map_err(listen_error)?;
        Ok(Server {
            addr,
            live,
            stop: Some(stop),
            thread: Some(thread),
            refresher: Some(refresher),
        })
    }

    /// Whether the corpus is watched (or only checked on a timer).
    pub fn watching(&self) -> bool {
        self.refresher.as_ref().is_some_and(|r| r.watching)
    }

    /// Serves until Ctrl-C (or until the server fails).
    pub fn wait(mut self) -> Result<()> {
        let served = match self.thread.take() {
            Some(thread) => thread.join().unwrap_or(Ok(())),
            None => Ok(()),
        };
        self.refresher.take();
        served
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.refresher.take();
    }
}
