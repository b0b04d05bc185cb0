//! Versioned migrations: each one runs with its version bump in one transaction,
//! and a database newer than this binary is refused.

use std::path::Path;

use rusqlite::Connection;

use super::{StoreError, StoreResult};

/// The migrations, in order; index + 1 is the schema version they lead to.
const MIGRATIONS: &[&str] = &[include_str!("schema_v1.sql"), include_str!("schema_v2.sql")];

/// Brings the database to the newest schema version.
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> StoreResult<()> {
    let supported = MIGRATIONS.len() as i64;
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > supported {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
