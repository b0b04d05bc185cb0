//! Users, passwords, tokens and the directory.

use hublot_api::limits::{DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT};
use hublot_api::{DirectoryQuery, Id, User, UserPage};
use rusqlite::OptionalExtension;
use unicode_normalization::UnicodeNormalization;

use super::render::{self, USER_COLS};
use super::{not_found, now_ms, Storage, StoreError, StoreResult};

const TOKEN_USER: &str =
    "SELECT u.id, u.handle, u.name, u.job_title, u.department, u.site, u.email, u.phone, \
     u.disabled, u.updated_at FROM tokens t JOIN users u ON u.id = t.user_id \
     WHERE t.hash = ?1 AND u.disabled = 0";

/// Tells the token caches of running servers that tokens were revoked.
fn bump_auth_epoch(tx: &rusqlite::Transaction<'_>) -> StoreResult<()> {
    tx.execute(
        "UPDATE meta SET value = value + 1 WHERE key = 'auth_epoch'",
        [],
    )?;
    Ok(())
}

/// A user to create (admin command, demo seed).
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Handle, as in `@handle`.
    pub handle: String,
    /// Display name.
    pub name: String,
    /// Job title.
    pub job_title: String,
    /// Department.
    pub department: String,
    /// Site.
    pub site: String,
    /// Work e-mail.
    pub email: String,
    /// Work phone.
    pub phone: Option<String>,
    /// An argon2 PHC string.
    pub password_hash: String,
}

/// Lowercases and strips accents, for accent- and case-insensitive search.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `h` is a valid handle: 1 to 64 of lowercase ASCII letters, digits,
/// `.`, `-`, `_`, starting with a letter or digit.
pub fn valid_handle(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 64
        && h.chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && h.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
}

impl Storage {
    /// Creates a user.
    pub fn create_user(&self, new: &NewUser) -> StoreResult<User> {
        if !valid_handle(&new.handle) {
            return Err(StoreError::BadRequest(format!(
                "{:?} is not a valid handle: use lowercase letters, digits, '.', '-' or '_'",
                new.handle
            )));
        }
        if new.name.trim().is_empty() {
            return Err(StoreError::BadRequest("the name is empty".into()));
        }
        self.write_logged(|tx, ch| {
            let taken = tx
                .prepare_cached("SELECT 1 FROM users WHERE handle = ?1")?
                .exists([&new.handle])?;
            if taken {
                return Err(StoreError::Conflict(format!("the handle {:?} is already taken", new.handle)));
            }
            tx.execute(
                "INSERT INTO users(handle, name, job_title, department, site, email, phone, password_hash, search, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                rusqlite::params![
                    new.handle,
                    new.name,
                    new.job_title,
                    new.department,
                    new.site,
                    new.email.to_lowercase(),
                    new.phone,
                    new.password_hash,
                    format!("{} {}", fold(&new.name), new.handle),
                    now_ms()
                ],
            )?;
            let id = tx.last_insert_rowid();
            ch.user(tx, id)?;
            render::user(tx, id)?.ok_or_else(|| not_found("user"))
        })
    }

    fn user_id_by_handle(tx: &rusqlite::Transaction<'_>, handle: &str) -> StoreResult<Id> {
        tx.query_row("SELECT id FROM users WHERE handle = ?1", [handle], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("no user has the handle {handle:?}")))
    }

    /// Disables (or enables) an account; disabling signs it out everywhere.
    pub fn set_disabled(&self, handle: &str, disabled: bool) -> StoreResult<User> {
        self.write_logged(|tx, ch| {
            let id = Self::user_id_by_handle(tx, handle)?;
            tx.execute(
                "UPDATE users SET disabled = ?2, updated_at = ?3 WHERE id = ?1",
                rusqlite::params![id, disabled, now_ms()],
            )?;
            if disabled {
                tx.execute("DELETE FROM tokens WHERE user_id = ?1", [id])?;
                bump_auth_epoch(tx)?;
            }
            ch.user(tx, id)?;
            render::user(tx, id)?.ok_or_else(|| not_found("user"))
        })
        .inspect(|_| self.tokens.flush())
    }

    /// Replaces a password hash and signs the account out everywhere.
    pub fn set_password(&self, handle: &str, password_hash: &str) -> StoreResult<()> {
        self.write(|tx| {
            let id = Self::user_id_by_handle(tx, handle)?;
            tx.execute(
                "UPDATE users SET password_hash = ?2 WHERE id = ?1",
                rusqlite::params![id, password_hash],
            )?;
            tx.execute("DELETE FROM tokens WHERE user_id = ?1", [id])?;
            bump_auth_epoch(tx)
        })
        .inspect(|_| self.tokens.flush())
    }

    /// The user a login (handle or e-mail) names, with her password hash.
    pub fn credentials(&self, login: &str) -> StoreResult<Option<(User, String)>> {
        let login = login.trim().to_lowercase();
        self.read(|tx| {
            let mut st = tx.prepare_cached(&format!(
                "SELECT {USER_COLS}, password_hash FROM users WHERE handle = ?1 OR email = ?1 ORDER BY handle = ?1 DESC LIMIT 1"
            ))?;
            Ok(st
                .query_row([&login], |r| Ok((render::user_from_row(r)?, r.get::<_, String>(10)?)))
                .optional()?)
        })
    }

    /// Stores a token (its SHA-256) for a user.
    pub fn add_token(&self, user: Id, token_hash: &[u8]) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO tokens(hash, user_id, created_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![token_hash, user, now_ms()],
            )?;
            Ok(())
        })
    }

    /// Revokes a token.
    pub fn delete_token(&self, token_hash: &[u8]) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM tokens WHERE hash = ?1", [token_hash])?;
            bump_auth_epoch(tx)
        })
        .inspect(|_| self.tokens.flush())
    }

    /// The enabled user a token belongs to, if the token cache knows it (no
    /// database access: callable from async code).
    pub fn cached_user_by_token(&self, token_hash: &[u8]) -> Option<User> {
        self.tokens.get(token_hash)
    }

    /// The enabled user a token belongs to (from the token cache, else from
    /// the database, then cached).
    pub fn user_by_token(&self, token_hash: &[u8]) -> StoreResult<Option<User>> {
        if let Some(user) = self.tokens.get(token_hash) {
            return Ok(Some(user));
        }
        let generation = self.tokens.generation();
        let user = self.read(|tx| {
            let mut st = tx.prepare_cached(TOKEN_USER)?;
            Ok(st
                .query_row([token_hash], render::user_from_row)
                .optional()?)
        })?;
        if let Some(user) = &user {
            self.tokens.insert(generation, token_hash, user);
        }
        Ok(user)
    }

    /// Rereads the token revocation epoch; forgets the cached tokens if
    /// another process revoked some (see [`crate::storage::OTHER_WRITERS_RECHECK`]).
    pub(crate) fn recheck_auth_epoch(&self) -> StoreResult<()> {
        let epoch: i64 = self.read(|tx| {
            Ok(tx
                .prepare_cached("SELECT value FROM meta WHERE key = 'auth_epoch'")?
                .query_row([], |r| r.get(0))
                .optional()?
                .unwrap_or(0))
        })?;
        self.tokens.observe_epoch(epoch);
        Ok(())
    }

    /// One user of the directory.
    pub fn user(&self, id: Id) -> StoreResult<User> {
        self.read(|tx| render::user(tx, id)?.ok_or_else(|| not_found("user")))
    }

    /// The id of a handle.
    pub fn user_id(&self, handle: &str) -> StoreResult<Id> {
        self.read(|tx| Self::user_id_by_handle(tx, handle))
    }

    /// `GET /v1/users`: the directory, filtered, by increasing id.
    pub fn directory(&self, q: &DirectoryQuery) -> StoreResult<UserPage> {
        let limit = q.limit.unwrap_or(DEFAULT_PAGE_LIMIT);
        if limit == 0 || limit > MAX_PAGE_LIMIT {
            return Err(StoreError::BadRequest(format!(
                "`limit` must be between 1 and {MAX_PAGE_LIMIT}"
            )));
        }
        let words: Vec<String> =
            q.q.as_deref()
                .map(|s| {
                    fold(s)
                        .split_whitespace()
                        .map(|w| format!("%{}%", w.replace(['%', '_'], "")))
                        .collect()
                })
                .unwrap_or_default();
        let mut sql = format!("SELECT {USER_COLS} FROM users WHERE id > ?1");
        let mut params: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(q.after.unwrap_or(0))];
        for w in words {
            params.push(Box::new(w));
            sql.push_str(&format!(" AND search LIKE ?{}", params.len()));
        }
        if let Some(d) = &q.department {
            params.push(Box::new(d.clone()));
            sql.push_str(&format!(" AND department = ?{}", params.len()));
        }
        if let Some(s) = &q.site {
            params.push(Box::new(s.clone()));
            sql.push_str(&format!(" AND site = ?{}", params.len()));
        }
        params.push(Box::new(limit as i64 + 1));
        sql.push_str(&format!(" ORDER BY id LIMIT ?{}", params.len()));
        self.read(|tx| {
            let mut st = tx.prepare(&sql)?;
            let mut users = st
                .query_map(
                    rusqlite::params_from_iter(params.iter()),
                    render::user_from_row,
                )?
                .collect::<Result<Vec<_>, _>>()?;
            let next_after = if users.len() > limit as usize {
                users.truncate(limit as usize);
                users.last().map(|u| u.id)
            } else {
                None
            };
            Ok(UserPage { users, next_after })
        })
    }
}
