//! Opening the cache file: pragmas, migrations, and recovery from corruption.
//!
//! Opening must be instant, so it only runs cheap checks (the file header,
//! the schema, the migrations). The full check (`PRAGMA quick_check`, which
//! reads every page: seconds on a large cache) runs on a background thread
//! after an unclean shutdown and once a week. A damage found then, or by any
//! query that meets a corrupt page, leaves a marker next to the file
//! (`<name>.damaged`): the next open moves the cache aside, rebuilds it and
//! salvages the outbox.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::StoreError;

/// The schema migrations, in order. Migration `i` brings `user_version` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_batch_fts_unread_counters.sql"),
];

/// A full check is due when the last one is older than this (milliseconds).
const CHECK_EVERY_MS: i64 = 7 * 24 * 3600 * 1000;

/// The newest schema version this binary knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// What [`super::Store::open`] had to do, so the UI can tell the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// The cache was corrupt: it was moved aside and a fresh one was created
    /// (it fills again from the server).
    pub rebuilt: bool,
    /// Where the damaged file was moved, when rebuilt.
    pub moved_to: Option<PathBuf>,
    /// Outbox items recovered from the damaged cache.
    pub salvaged_outbox: u32,
    /// The damaged cache's outbox could not be read (wholly or partly): unsent
    /// work may have been lost, and the user must be told.
    pub lost_outbox: bool,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Creates the parent directory (user-only on unix) and an empty file with mode 0600.
fn create_file(path: &Path) -> Result<(), StoreError> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            let mut b = std::fs::DirBuilder::new();
            b.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
            b.create(dir).map_err(io_err(dir))?;
        }
    }
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path).map_err(io_err(path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(io_err(path))?;
    }
    Ok(())
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "temp_store", "memory")?;
    // 16 MiB of page cache per connection: fast queries, bounded memory.
    conn.pragma_update(None, "cache_size", -16_000)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Opens a read-only connection for queries.
pub(super) fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    configure(&conn)?;
    Ok(conn)
}

/// The marker left next to a cache found damaged while in use.
pub(super) fn damage_marker(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{name}.damaged"))
}

/// Records that the cache is damaged, for the next open to rebuild it.
pub(super) fn mark_damaged(path: &Path, why: &str) {
    tracing::error!(path = %path.display(), "the offline cache is damaged ({why}); it will be rebuilt at the next start");
    if let Err(e) = std::fs::write(damage_marker(path), why) {
        tracing::error!(error = %e, "could not record the damage of the offline cache");
    }
}

/// True when the previous session left its write-ahead log behind: it did
/// not close cleanly (a crash, a kill, a power cut), or another process has
/// the cache open.
fn unclean_shutdown(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    std::fs::metadata(path.with_file_name(format!("{name}-wal"))).is_ok_and(|m| m.len() > 0)
}

/// Runs `PRAGMA quick_check` on a connection of its own and records the
/// verdict: the time of a passed check, or the damage marker.
pub(super) fn check_file(path: &Path) -> Result<bool, StoreError> {
    let verdict = (|| -> Result<bool, StoreError> {
        let conn = open_reader(path)?;
        let rows: Vec<String> = conn
            .prepare("PRAGMA quick_check(1)")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(rows.len() == 1 && rows[0] == "ok")
    })();
    let ok = match verdict {
        Ok(ok) => ok,
        Err(e) if e.is_corruption() => false,
        Err(e) => return Err(e),
    };
    if ok {
        let record = || -> Result<(), StoreError> {
            let conn = Connection::open(path)?;
            conn.busy_timeout(Duration::from_secs(5))?;
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('checked_at', ?1)",
                [super::convert::now_millis().to_string()],
            )?;
            Ok(())
        };
        if let Err(e) = record() {
            tracing::info!(error = %e, "the time of the cache check was not recorded");
        }
    } else {
        mark_damaged(path, "the integrity check failed");
    }
    Ok(ok)
}

/// Runs `PRAGMA integrity_check`.
pub(super) fn integrity_ok(conn: &Connection) -> Result<bool, StoreError> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(rows.len() == 1 && rows[0] == "ok")
}

/// Opens the file as a cache, migrating it; errors when it is not a sound cache.
fn open_checked(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    configure(&conn)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Invalid(format!(
            "the cache could not switch to WAL mode (got {mode})"
        )));
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Cheap checks only (see the module's comment): reading the schema
    // parses the first pages; a garbled header or schema fails here.
    conn.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    migrate(&conn, path)?;
    Ok(conn)
}

/// Fails like SQLite does for a file that is not a database, before SQLite
/// is asked to make sense of it.
fn check_header(path: &Path) -> Result<(), StoreError> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut f = std::fs::File::open(path).map_err(io_err(path))?;
    let n = f.read(&mut head).map_err(io_err(path))?;
    if n == 0 {
        return Ok(()); // A new, empty file.
    }
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
            Some("the file does not start with the SQLite header".into()),
        )));
    }
    Ok(())
}

/// True when a full check should run in the background now.
pub(super) fn check_due(conn: &Connection, unclean: bool) -> bool {
    if unclean {
        return true;
    }
    let last: Option<i64> = super::settings::meta_get(conn, "checked_at")
        .ok()
        .flatten()
        .and_then(|s| s.parse().ok());
    last.is_none_or(|t| super::convert::now_millis() - t > CHECK_EVERY_MS)
}

fn migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Opens the writer connection, rebuilding a corrupt cache. The bool: a full
/// check is due (see [`check_due`]).
pub(super) fn open_writer(path: &Path) -> Result<(Connection, OpenReport, bool), StoreError> {
    create_file(path)?;
    let unclean = unclean_shutdown(path);
    if damage_marker(path).exists() {
        tracing::warn!(path = %path.display(), "offline cache marked damaged; rebuilding it");
        let (conn, report) = rebuild(path)?;
        return Ok((conn, report, false));
    }
    match check_header(path).and_then(|()| open_checked(path)) {
        Ok(conn) => {
            let due = check_due(&conn, unclean);
            Ok((conn, OpenReport::default(), due))
        }
        Err(e) if e.is_corruption() => {
            tracing::warn!(path = %path.display(), error = %e, "offline cache is damaged; rebuilding it");
            let (conn, report) = rebuild(path)?;
            Ok((conn, report, false))
        }
        Err(e) => Err(e),
    }
}

/// A salvaged outbox row, copied column by column.
type OutboxRow = (
    i64,
    Vec<u8>,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    String,
    String,
    Option<String>,
    i64,
    Option<String>,
    i64,
);

/// Reads what it can of the damaged cache's outbox. The bool is false when
/// some or all of it could not be read.
fn salvage_outbox(path: &Path) -> (Vec<OutboxRow>, bool) {
    let read = || -> Result<(Vec<OutboxRow>, bool), rusqlite::Error> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut stmt = conn.prepare(
            "SELECT id, client_id, kind, group_id, post_id, comment_id, op, state, reason, attempts, last_error, created_at
             FROM outbox ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        loop {
            match rows.next() {
                Ok(Some(r)) => {
                    let row = (|| {
                        Ok::<_, rusqlite::Error>((
                            r.get(0)?,
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                            r.get(6)?,
                            r.get(7)?,
                            r.get(8)?,
                            r.get(9)?,
                            r.get(10)?,
                            r.get(11)?,
                        ))
                    })();
                    match row {
                        Ok(row) => out.push(row),
                        Err(_) => return Ok((out, false)),
                    }
                }
                Ok(None) => return Ok((out, true)),
                Err(_) => return Ok((out, false)),
            }
        }
    };
    match read() {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(error = %e, "the damaged cache's outbox cannot be read");
            (Vec::new(), false)
        }
    }
}

fn rebuild(path: &Path) -> Result<(Connection, OpenReport), StoreError> {
    let (rows, complete) = salvage_outbox(path);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let moved = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    std::fs::rename(path, &moved).map_err(io_err(path))?;
    for suffix in ["-wal", "-shm", ".damaged"] {
        let side = path.with_file_name(format!("{name}{suffix}"));
        if side.exists() {
            let to = moved.with_file_name(format!("{name}.corrupt-{stamp}{suffix}"));
            std::fs::rename(&side, &to).map_err(io_err(&side))?;
        }
    }
    create_file(path)?;
    let conn = open_checked(path)?;
    let mut salvaged = 0u32;
    {
        let tx = conn.unchecked_transaction()?;
        {
            let mut ins = tx.prepare(
                "INSERT OR IGNORE INTO outbox
                 (id, client_id, kind, group_id, post_id, comment_id, op, state, reason, attempts, last_error, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for r in &rows {
                salvaged += ins.execute(rusqlite::params![
                    r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10, r.11
                ])? as u32;
            }
        }
        tx.commit()?;
    }
    Ok((
        conn,
        OpenReport {
            rebuilt: true,
            moved_to: Some(moved),
            salvaged_outbox: salvaged,
            lost_outbox: !complete,
        },
    ))
}
