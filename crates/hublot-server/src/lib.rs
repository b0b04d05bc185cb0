//! The reference server of the Hublot API v1.
//!
//! - [`start`] runs it (the binary `hublot-server` and the desktop app's demo
//!   both use it); [`RunningServer::shutdown`] stops it gracefully.
//! - [`storage`] holds all SQL behind one interface; its `feed` module
//!   documents the change feed (cursors, visibility, private groups, 410).
//! - [`http`] holds the routes and the OpenAPI document ([`http::openapi`]).
//! - [`demo`] seeds the demo organisation; [`password`] hashes passwords.

pub mod demo;
pub mod http;
pub mod password;
pub mod storage;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use hublot_api::limits::EVENTS_HEARTBEAT_SECS;
pub use hublot_demo::DemoConfig;
use storage::{Storage, StoreError};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The SQLite database file (created if missing).
    pub db_path: PathBuf,
    /// Where to listen, e.g. `127.0.0.1:8787` (port 0: any free port).
    pub listen: SocketAddr,
    /// Seed this demo organisation if the database is empty.
    pub demo: Option<DemoConfig>,
}

/// Tuning knobs with sensible defaults (tests shorten them).
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// How long tombstones are kept; a cursor older than the pruned ones
    /// answers 410 Gone.
    pub tombstone_retention: Duration,
    /// How often tombstones are pruned.
    pub prune_interval: Duration,
    /// Interval of `heartbeat` events on `/v1/events`.
    pub heartbeat: Duration,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            tombstone_retention: Duration::from_secs(30 * 24 * 3600),
            prune_interval: Duration::from_secs(3600),
            heartbeat: Duration::from_secs(EVENTS_HEARTBEAT_SECS),
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The database could not be opened, migrated or seeded.
    #[error("database {path}: {source}")]
    Storage {
        /// The file.
        path: PathBuf,
        /// What failed.
        source: StoreError,
    },
    /// Storage failed (seeding, admin commands).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address is taken or not ours.
    #[error("cannot listen on {addr}: {source}; pick another address with --listen")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What the OS said.
        source: std::io::Error,
    },
    /// Hashing a password failed.
    #[error(transparent)]
    Password(#[from] password::PasswordError),
    /// A background task died.
    #[error("internal task failed: {0}")]
    Task(String),
}

/// A server running in the background of the current tokio runtime.
pub struct RunningServer {
    addr: SocketAddr,
    storage: Arc<Storage>,
    shutdown: watch::Sender<bool>,
    serve: JoinHandle<()>,
    /// Tombstone pruning and the check for other processes' writes.
    background: [JoinHandle<()>; 2],
}

impl RunningServer {
    /// The address it listens on (the real port when asked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its database (tests, diagnostics).
    pub fn storage(&self) -> &Arc<Storage> {
        &self.storage
    }

    /// Stops accepting, ends event streams, lets requests in flight finish.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        for task in &self.background {
            task.abort();
        }
        let _ = self.serve.await;
    }
}

/// Starts the server with default options; seeds the demo into an empty
/// database when `config.demo` is set.
pub async fn start(config: ServerConfig) -> Result<RunningServer, ServerError> {
    start_with(config, ServerOptions::default()).await
}

/// Starts the server with explicit options.
pub async fn start_with(
    config: ServerConfig,
    options: ServerOptions,
) -> Result<RunningServer, ServerError> {
    let path = config.db_path.clone();
    let demo = config.demo.clone();
    let storage = tokio::task::spawn_blocking(move || -> Result<Storage, ServerError> {
        let storage = Storage::open(&path).map_err(|source| ServerError::Storage {
            path: path.clone(),
            source,
        })?;
        if let Some(cfg) = demo {
            if storage.is_empty()? {
                let t = std::time::Instant::now();
                let stats = demo::seed(&storage, &cfg)?;
                tracing::info!(?stats, elapsed = ?t.elapsed(), "seeded the demo organisation");
            }
        }
        Ok(storage)
    })
    .await
    .map_err(|e| ServerError::Task(e.to_string()))??;
    let storage = Arc::new(storage);

    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| ServerError::Bind {
            addr: config.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| ServerError::Bind {
        addr: config.listen,
        source,
    })?;

    let (shutdown, shutdown_rx) = watch::channel(false);
    let state = http::AppState::new(storage.clone(), shutdown_rx.clone(), options.heartbeat);
    let app = http::app(state);
    let mut stop = shutdown_rx.clone();
    let serve = tokio::spawn(async move {
        let server = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = stop.wait_for(|v| *v).await;
        });
        if let Err(e) = server.await {
            tracing::error!(error = %e, "server stopped with an error");
        }
    });
    let prune_storage = storage.clone();
    let prune = tokio::spawn(async move {
        let mut tick = tokio::time::interval(options.prune_interval);
        loop {
            tick.tick().await;
            let s = prune_storage.clone();
            let retention = options.tombstone_retention.as_millis() as i64;
            match tokio::task::spawn_blocking(move || s.prune_tombstones(retention)).await {
                Ok(Ok(n)) if n > 0 => tracing::info!(pruned = n, "pruned tombstones"),
                Ok(Err(e)) => tracing::warn!(error = %e, "pruning tombstones failed"),
                _ => {}
            }
        }
    });
    let other_storage = storage.clone();
    let other_writes = tokio::spawn(async move {
        let mut tick = tokio::time::interval(storage::OTHER_WRITERS_RECHECK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let s = other_storage.clone();
            match tokio::task::spawn_blocking(move || s.notice_other_processes()).await {
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, "checking for other processes' writes failed")
                }
                Err(e) => {
                    tracing::warn!(error = %e, "the check for other processes' writes failed")
                }
                Ok(Ok(())) => {}
            }
        }
    });
    Ok(RunningServer {
        addr,
        storage,
        shutdown,
        serve,
        background: [prune, other_writes],
    })
}
