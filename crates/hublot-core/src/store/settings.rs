//! Sync metadata, the small settings store, and the notifications already raised.

use std::collections::HashSet;

use hublot_api::{Cursor, Id};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::convert::now_millis;
use super::{Store, StoreError};

pub(super) fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(super) fn meta_set(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?
        .execute([key, value])?;
    Ok(())
}

/// The signed-in user's id, as stored by the last bootstrap.
pub(super) fn me(conn: &Connection) -> Result<Option<Id>, StoreError> {
    Ok(meta_get(conn, "me")?.and_then(|s| s.parse().ok()))
}

impl Store {
    /// The signed-in user of this cache; None before the first bootstrap.
    pub fn me(&self) -> Result<Option<Id>, StoreError> {
        self.read(me)
    }

    /// Where the change feed continues; None before the first bootstrap.
    pub fn cursor(&self) -> Result<Option<Cursor>, StoreError> {
        self.read(|c| meta_get(c, "cursor"))
    }

    /// Forgets the change feed's cursor, keeping the cached rows: the next
    /// `/v1/sync` reads the feed from its beginning (full history). Until a
    /// batch is applied, [`Store::cursor`] is None.
    pub fn forget_cursor(&self) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("DELETE FROM meta WHERE key = 'cursor'", [])?;
            Ok(())
        })
    }

    /// A setting stored by the shell (JSON by key); None when never set.
    pub fn get_setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let raw: Option<String> = self.read(|c| {
            Ok(
                c.prepare_cached("SELECT value FROM settings WHERE key = ?1")?
                    .query_row([key], |r| r.get(0))
                    .optional()?,
            )
        })?;
        raw.map(|s| serde_json::from_str(&s).map_err(StoreError::from))
            .transpose()
    }

    /// Stores a setting (JSON by key), replacing any earlier value.
    pub fn set_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let json = serde_json::to_string(value)?;
        self.write(|tx| {
            tx.prepare_cached("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)")?
                .execute([key, &json])?;
            Ok(())
        })
    }

    /// Which of these posts were already notified.
    pub fn raised_filter(&self, post_ids: &[Id]) -> Result<HashSet<Id>, StoreError> {
        let json = serde_json::to_string(post_ids)?;
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT post_id FROM raised WHERE post_id IN (SELECT value FROM json_each(?1))",
            )?;
            let out = stmt
                .query_map([json], |r| r.get(0))?
                .collect::<Result<HashSet<Id>, _>>()?;
            Ok(out)
        })
    }

    /// Remembers that these posts were notified, so a restart never repeats them.
    pub fn record_raised(&self, post_ids: &[Id]) -> Result<(), StoreError> {
        let now = now_millis();
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO raised (post_id, raised_at) VALUES (?1, ?2)",
            )?;
            for id in post_ids {
                stmt.execute(params![id, now])?;
            }
            Ok(())
        })
    }
}
