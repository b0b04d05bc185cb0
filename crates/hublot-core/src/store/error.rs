//! The store's errors, worded for the person who has to act on them.

use std::path::PathBuf;

/// What can go wrong with the offline cache.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The disk holding the cache is full; nothing of the failed write was kept.
    #[error("the disk holding the offline cache is full: free some space, then try again (nothing was lost)")]
    DiskFull,
    /// The cache was written by a newer version of Hublot.
    #[error("the offline cache at {path} was written by a newer version of Hublot (schema {found}, this version knows up to {supported}): update Hublot, or remove that file to start afresh")]
    TooNew {
        /// The cache file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest schema this binary knows.
        supported: i64,
    },
    /// A file or directory of the cache could not be created, read or moved.
    #[error("cannot use the offline cache at {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The operating system gave no data directory for the cache.
    #[error("no data directory could be found for the offline cache: set HOME (or pass a data directory)")]
    NoDataDir,
    /// The server sent a sync batch whose cursor is older than the stored one.
    #[error("the server's change feed went backwards (cursor {received} after {stored}); the batch was not applied")]
    CursorBackwards {
        /// The stored cursor.
        stored: String,
        /// The cursor of the refused batch.
        received: String,
    },
    /// Data from the server or the user is not acceptable (the message says why).
    #[error("{0}")]
    Invalid(String),
    /// No such item (outbox entry, post...).
    #[error("{0} not found in the offline cache")]
    NotFound(String),
    /// A stored value could not be encoded or decoded.
    #[error("a value of the offline cache could not be read or written: {0}")]
    Json(#[from] serde_json::Error),
    /// Any other SQLite failure.
    #[error("offline cache database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            if f.code == rusqlite::ErrorCode::DiskFull {
                return StoreError::DiskFull;
            }
        }
        StoreError::Sqlite(e)
    }
}

impl StoreError {
    /// True when the database file looks damaged (not a database, or corrupt).
    pub fn is_corruption(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase))
    }
}
