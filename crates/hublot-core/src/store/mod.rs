//! The offline cache: one SQLite file per account.
//!
//! The server-derived tables are a pure cache, replaced by a bootstrap and
//! kept in step by sync batches, each applied in one transaction with its
//! cursor. The outbox holds the user's unsent work and is never lost: the
//! views show it as an overlay over the cached rows, so what the user wrote
//! appears at once, marked pending.
//!
//! [`Store`] is cheap to clone and may be shared between threads: one writer
//! connection behind a mutex, and a small pool of read-only connections so the
//! UI's queries never wait for a long write (WAL mode).

mod apply;
mod convert;
mod error;
mod feed;
mod groups;
mod open;
mod outbox;
mod overlay;
mod people;
mod render;
mod search;
mod settings;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use error::StoreError;
pub use open::OpenReport;
pub use outbox::{OutboxEntry, OutboxOp, SentOutcome};

/// Most idle read-only connections kept open.
const MAX_IDLE_READERS: usize = 4;

/// The offline cache of one account. Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    render: render::RenderCache,
    /// The background integrity check started by `open`, if one was due.
    check: Mutex<Option<std::thread::JoinHandle<Result<bool, StoreError>>>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Readers first: the writer, closing last, checkpoints the WAL and
        // removes it, which is how the next open knows this was a clean close.
        if let Ok(readers) = self.readers.get_mut() {
            readers.clear();
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.inner.path)
            .finish()
    }
}

/// Locks a mutex, going on after a panic of another holder: a connection's
/// state is consistent again once its transaction was rolled back on drop.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Store {
    /// Opens (creating it if needed) the cache at `path`.
    ///
    /// Creates the directories, makes the file readable by the user only,
    /// applies the migrations, refuses a cache newer than this binary
    /// ([`StoreError::TooNew`]), and moves a corrupt cache aside
    /// (`<name>.corrupt-<unix seconds>`), starting afresh with the outbox
    /// salvaged from it when it can be read. The [`OpenReport`] says what
    /// happened, so the UI can tell the user.
    ///
    /// Opening only runs cheap checks, so it stays instant on a large cache;
    /// after an unclean shutdown (and once a week) a full check runs on a
    /// background thread (see [`Store::wait_background_check`]). Damage it
    /// finds, or that a query meets, is recorded next to the file, and the
    /// next open rebuilds the cache as above.
    pub fn open(path: &Path) -> Result<(Store, OpenReport), StoreError> {
        let (writer, report, check_due) = open::open_writer(path)?;
        let check = check_due.then(|| {
            let path = path.to_path_buf();
            std::thread::spawn(move || open::check_file(&path))
        });
        let store = Store {
            inner: Arc::new(Inner {
                path: path.to_path_buf(),
                writer: Mutex::new(writer),
                readers: Mutex::new(Vec::new()),
                render: render::RenderCache::default(),
                check: Mutex::new(check),
            }),
        };
        Ok((store, report))
    }

    /// Waits for the background check started by [`Store::open`]: None when
    /// none was due (or it was already waited for), else whether the cache
    /// passed it. A failed check has already been recorded for the next open.
    pub fn wait_background_check(&self) -> Option<Result<bool, StoreError>> {
        let handle = lock(&self.inner.check).take()?;
        Some(handle.join().unwrap_or_else(|_| {
            Err(StoreError::Invalid(
                "the background check of the offline cache stopped unexpectedly".into(),
            ))
        }))
    }

    /// Ends this run's writing, for a quit: folds the write-ahead log into
    /// the file and empties it, which tells the next open that the cache was
    /// closed cleanly, so no full check is due. A process that quits without
    /// closing its connections (Tauri ends with `exit`) leaves the log behind,
    /// and every start would look like one after a crash.
    ///
    /// True when the log was emptied; false when a reader still held part of
    /// it (a background check still running, say): the next open then checks,
    /// as after a crash. The store stays usable.
    pub fn close(&self) -> Result<bool, StoreError> {
        lock(&self.inner.readers).clear();
        let busy: i64 =
            lock(&self.inner.writer)
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    /// Runs the full check now (`PRAGMA quick_check`, which reads every page)
    /// on a connection of its own; true when the cache is sound. A damaged
    /// cache is recorded, and the next open rebuilds it.
    pub fn verify(&self) -> Result<bool, StoreError> {
        open::check_file(&self.inner.path)
    }

    /// Records a corruption met by a query, so the next open rebuilds.
    fn note<T>(&self, r: Result<T, StoreError>) -> Result<T, StoreError> {
        if let Err(e) = &r {
            if e.is_corruption() {
                open::mark_damaged(&self.inner.path, &e.to_string());
            }
        }
        r
    }

    /// Where the cache of an account lives by default: the OS data directory
    /// (e.g. `~/.local/share/hublot/caches/<account_key>.sqlite3` on Linux).
    /// `account_key` is reduced to safe file-name characters.
    pub fn default_path(account_key: &str) -> Result<PathBuf, StoreError> {
        let dirs = directories::ProjectDirs::from("", "", "hublot").ok_or(StoreError::NoDataDir)?;
        let safe: String = account_key
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let safe = if safe.is_empty() || safe.starts_with('.') {
            format!("account{safe}")
        } else {
            safe
        };
        Ok(dirs
            .data_dir()
            .join("caches")
            .join(format!("{safe}.sqlite3")))
    }

    /// The cache file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Runs `f` on a read-only connection from the pool.
    fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let conn = lock(&self.inner.readers).pop();
        let conn = match conn {
            Some(c) => c,
            None => self.note(open::open_reader(&self.inner.path))?,
        };
        let out = self.note(f(&conn));
        let mut pool = lock(&self.inner.readers);
        if pool.len() < MAX_IDLE_READERS {
            pool.push(conn);
        }
        out
    }

    /// Runs `f` in one immediate write transaction, committed when `f` succeeds
    /// and rolled back (nothing written) when it fails.
    fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = lock(&self.inner.writer);
        let run = || -> Result<T, StoreError> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        };
        self.note(run())
    }

    /// Runs SQLite's full `PRAGMA integrity_check`; true when the cache is sound.
    pub fn integrity_check(&self) -> Result<bool, StoreError> {
        let conn = lock(&self.inner.writer);
        open::integrity_ok(&conn)
    }
}
