//! All SQL of the server, behind one narrow interface: [`Storage`].
//!
//! Each public method is one operation of the API (authorization checks
//! included, so they run in the same transaction as the write they guard).
//! A PostgreSQL backend would implement the same methods; nothing outside this
//! module sees SQL. Methods block: the HTTP layer calls them from
//! `spawn_blocking`.
//!
//! Connections: one writer behind a mutex (SQLite has one writer anyway) and a
//! small pool of readers (WAL lets them read while the writer writes).

mod access;
mod directory;
pub mod feed;
mod groups;
mod migrations;
pub mod posts;
mod render;
pub mod seed;
mod token_cache;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use hublot_api::{ErrorCode, Id, Millis};
use rusqlite::{Connection, OpenFlags};
use tokio::sync::broadcast;

pub use directory::{fold, valid_handle, NewUser};
pub use feed::FeedEvent;
pub use posts::Created;

/// What went wrong in a storage operation. The first variants are refusals a
/// user can act on; [`StoreError::Database`] is the server's own failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such thing, or the user may not see it.
    #[error("{0}")]
    NotFound(String),
    /// The user sees it but may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// Well-formed but refused (too long, closed poll, archived group...).
    #[error("{0}")]
    Unprocessable(String),
    /// Malformed input (a cursor that is not one of ours...).
    #[error("{0}")]
    BadRequest(String),
    /// Conflicts with the current state (a handle already taken...).
    #[error("{0}")]
    Conflict(String),
    /// The sync cursor is older than the kept tombstones, or not from this server.
    #[error("{0}")]
    Gone(String),
    /// Wrong credentials or an unknown token.
    #[error("{0}")]
    Unauthorized(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// The database file is from a newer version of the server.
    #[error("the database at {path} has schema version {found}, newer than this server's {supported}; upgrade hublot-server")]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: i64,
        /// The newest version this binary knows.
        supported: i64,
    },
}

impl StoreError {
    /// The API error code this error is answered with.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::Forbidden(_) => ErrorCode::Forbidden,
            StoreError::Unprocessable(_) => ErrorCode::Unprocessable,
            StoreError::BadRequest(_) => ErrorCode::BadRequest,
            StoreError::Conflict(_) => ErrorCode::Conflict,
            StoreError::Gone(_) => ErrorCode::Gone,
            StoreError::Unauthorized(_) => ErrorCode::Unauthorized,
            StoreError::Database(e) if is_busy(e) => ErrorCode::Unavailable,
            StoreError::Database(_) | StoreError::TooNew { .. } => ErrorCode::Internal,
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Shorthand for storage results.
pub type StoreResult<T> = Result<T, StoreError>;

pub(crate) fn not_found(what: &str) -> StoreError {
    StoreError::NotFound(format!("{what} not found"))
}

/// The current time in milliseconds since the epoch.
pub fn now_ms() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as Millis)
        .unwrap_or(0)
}

/// How often a running server looks for what other processes (the `admin`
/// command) wrote: token revocations and log rows
/// ([`Storage::notice_other_processes`]).
pub const OTHER_WRITERS_RECHECK: std::time::Duration = std::time::Duration::from_secs(1);

/// The server's database.
pub struct Storage {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    events: broadcast::Sender<FeedEvent>,
    tokens: token_cache::TokenCache,
    /// The newest seq of the log this process knows of: moved after each
    /// commit of this process, and by [`Storage::notice_other_processes`].
    head: AtomicI64,
}

/// Most idle reader connections kept open. The HTTP layer runs at most
/// [`Storage::max_concurrent`] operations at once, so in a server every
/// reader is opened once and reused (opening one parses the schema again and
/// loses its prepared statements).
const MAX_IDLE_READERS: usize = 16;

impl Storage {
    /// Opens (creating if needed) the database at `path` and migrates it.
    pub fn open(path: &Path) -> StoreResult<Storage> {
        let mut writer = open_connection(path)?;
        // WAL is switched on outside any transaction; it persists in the file.
        writer.pragma_update(None, "journal_mode", "WAL")?;
        migrations::migrate(&mut writer, path)?;
        let (events, _) = broadcast::channel(1024);
        let storage = Storage {
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            events,
            tokens: token_cache::TokenCache::default(),
            head: AtomicI64::new(0),
        };
        storage.notice_other_processes()?;
        Ok(storage)
    }

    /// Catches up with what other processes (the `admin` command) wrote: token
    /// revocations (flushes the token cache) and log rows (moves the known
    /// head and wakes every event stream). A running server calls it every
    /// [`OTHER_WRITERS_RECHECK`].
    pub fn notice_other_processes(&self) -> StoreResult<()> {
        self.recheck_auth_epoch()?;
        let head = self.read(feed::head)?;
        if head > self.head.fetch_max(head, Ordering::AcqRel) {
            self.notify(FeedEvent {
                seq: head,
                global: true,
                ..FeedEvent::default()
            });
        }
        Ok(())
    }

    /// The newest seq of the log this process knows of.
    pub fn known_head(&self) -> i64 {
        self.head.load(Ordering::Acquire)
    }

    /// Records that the log reached `seq` (after a commit of this process).
    pub(crate) fn saw_head(&self, seq: i64) {
        self.head.fetch_max(seq, Ordering::AcqRel);
    }

    /// How many storage operations the HTTP layer runs at once: enough to keep
    /// the cores busy while some wait for the disk or the writer, few enough
    /// that every one finds an open reader connection (see
    /// [`MAX_IDLE_READERS`]) and the threads do not fight over two cores.
    pub fn max_concurrent() -> usize {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        (cores * 2).clamp(4, MAX_IDLE_READERS)
    }

    /// Subscribes to the notices sent after each committed write.
    pub fn subscribe(&self) -> broadcast::Receiver<FeedEvent> {
        self.events.subscribe()
    }

    pub(crate) fn notify(&self, event: FeedEvent) {
        // No subscriber is fine: nobody is listening.
        let _ = self.events.send(event);
    }

    /// Runs `f` in a write transaction on the writer connection; commits if it
    /// returns Ok.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut conn = self
            .writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in a read transaction (one consistent snapshot) on a pooled
    /// reader connection.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let pooled = self
            .readers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop();
        let mut conn = match pooled {
            Some(c) => c,
            None => open_connection(&self.path)?,
        };
        let out = (|| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })();
        let mut readers = self
            .readers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if readers.len() < MAX_IDLE_READERS {
            readers.push(conn);
        }
        out
    }

    /// The number of rows of each table, for tests and diagnostics.
    pub fn table_counts(&self) -> StoreResult<Vec<(String, i64)>> {
        self.read(|tx| {
            let names: Vec<String> = tx
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut out = Vec::new();
            for name in names {
                let n: i64 = tx.query_row(&format!("SELECT COUNT(*) FROM \"{name}\""), [], |r| r.get(0))?;
                out.push((name, n));
            }
            Ok(out)
        })
    }

    /// True when the database holds no user yet (a fresh file to seed).
    pub fn is_empty(&self) -> StoreResult<bool> {
        self.read(|tx| {
            let n: i64 = tx.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?;
            Ok(n == 0)
        })
    }
}

fn open_connection(path: &Path) -> StoreResult<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 8 MB of page cache (SQLite's default is 2 MB): the inner pages of the
    // big tables and indexes stay in memory for the feed's lookups.
    conn.pragma_update(None, "cache_size", -8192)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Counts characters the way the limits do (Unicode scalar values).
pub(crate) fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Checks a body's length: 1 to `max` characters, not only whitespace.
pub(crate) fn check_body(what: &str, body: &str, max: usize) -> StoreResult<()> {
    if body.trim().is_empty() {
        return Err(StoreError::Unprocessable(format!("the {what} is empty")));
    }
    let n = chars(body);
    if n > max {
        return Err(StoreError::Unprocessable(format!(
            "the {what} has {n} characters; at most {max} are allowed"
        )));
    }
    Ok(())
}

/// Reads an optional id from a query.
pub(crate) fn opt_id(
    tx: &rusqlite::Transaction<'_>,
    sql: &str,
    params: impl rusqlite::Params,
) -> StoreResult<Option<Id>> {
    use rusqlite::OptionalExtension;
    Ok(tx.query_row(sql, params, |r| r.get(0)).optional()?)
}
