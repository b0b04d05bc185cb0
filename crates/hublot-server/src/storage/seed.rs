//! Bulk loading for the demo organisation: plain prepared inserts in large
//! transactions, the change log written along (so the feed from zero holds
//! everything), no per-row checks. Only for an empty database.

use hublot_api::{GroupKind, Id, Millis, Role, Visibility};
use rusqlite::Connection;
use uuid::Uuid;

use super::directory::fold;
use super::feed::{insert_change, Kind, Scope};
use super::render::{kind_str, role_str, visibility_str};
use super::{now_ms, Storage, StoreResult};

/// Rows per transaction.
const BATCH_ROWS: usize = 200_000;

/// Writes bulk data; see [`Storage::bulk_load`].
pub struct Seeder<'c> {
    conn: &'c Connection,
    rows_in_tx: usize,
    at: Millis,
}

impl Seeder<'_> {
    fn log(&mut self, kind: Kind, k1: Id, k2: Id, scope: Scope) -> StoreResult<()> {
        insert_change(self.conn, kind, (k1, k2), scope, false, self.at)?;
        self.tick()
    }

    fn tick(&mut self) -> StoreResult<()> {
        self.rows_in_tx += 1;
        if self.rows_in_tx >= BATCH_ROWS {
            self.conn.execute_batch("COMMIT; BEGIN IMMEDIATE")?;
            self.rows_in_tx = 0;
        }
        Ok(())
    }

    /// Adds a user with an already computed password hash.
    #[allow(clippy::too_many_arguments)]
    pub fn user(
        &mut self,
        handle: &str,
        name: &str,
        job_title: &str,
        department: &str,
        site: &str,
        email: &str,
        phone: Option<&str>,
        password_hash: &str,
    ) -> StoreResult<Id> {
        self.conn
            .prepare_cached(
                "INSERT INTO users(handle, name, job_title, department, site, email, phone, password_hash, search, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(rusqlite::params![
                handle,
                name,
                job_title,
                department,
                site,
                email.to_lowercase(),
                phone,
                password_hash,
                format!("{} {}", fold(name), handle),
                self.at
            ])?;
        let id = self.conn.last_insert_rowid();
        self.log(Kind::User, id, 0, Scope::default())?;
        Ok(id)
    }

    /// Adds a group.
    pub fn group(
        &mut self,
        name: &str,
        description: &str,
        visibility: Visibility,
        kind: GroupKind,
        created_at: Millis,
    ) -> StoreResult<Id> {
        self.conn
            .prepare_cached(
                "INSERT INTO groups(name, description, visibility, kind, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )?
            .execute(rusqlite::params![name, description, visibility_str(visibility), kind_str(kind), created_at])?;
        let id = self.conn.last_insert_rowid();
        self.log(Kind::Group, id, 0, Scope::group(id))?;
        Ok(id)
    }

    /// Adds a membership (counts are fixed by [`Seeder::finish`]).
    pub fn membership(
        &mut self,
        group: Id,
        user: Id,
        role: Role,
        joined_at: Millis,
    ) -> StoreResult<()> {
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO memberships(group_id, user_id, role, joined_at) VALUES (?1, ?2, ?3, ?4)")?
            .execute(rusqlite::params![group, user, role_str(role), joined_at])?;
        self.log(Kind::Membership, group, user, Scope::group(group))
    }

    /// Sets a follow.
    pub fn follow(&mut self, group: Id, user: Id) -> StoreResult<()> {
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO follows(user_id, group_id, following) VALUES (?1, ?2, 1)",
            )?
            .execute([user, group])?;
        self.log(Kind::Follow, group, user, Scope::own(group, user))
    }

    /// Adds a post with its poll (options labels) and returns its id and its
    /// option ids.
    #[allow(clippy::too_many_arguments)]
    pub fn post(
        &mut self,
        group: Id,
        author: Id,
        body: &str,
        created_at: Millis,
        pinned: bool,
        poll: Option<(&str, &[String], bool, Option<Millis>)>,
    ) -> StoreResult<(Id, Vec<Id>)> {
        self.conn
            .prepare_cached(
                "INSERT INTO posts(client_id, group_id, author_id, body, pinned, has_poll, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(rusqlite::params![Uuid::new_v4().to_string(), group, author, body, pinned, poll.is_some(), created_at])?;
        let id = self.conn.last_insert_rowid();
        let mut options = Vec::new();
        if let Some((question, labels, multiple, closes_at)) = poll {
            self.conn
                .prepare_cached("INSERT INTO polls(post_id, question, multiple, closes_at) VALUES (?1, ?2, ?3, ?4)")?
                .execute(rusqlite::params![id, question, multiple, closes_at])?;
            for (i, label) in labels.iter().enumerate() {
                self.conn
                    .prepare_cached(
                        "INSERT INTO poll_options(post_id, position, label) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(rusqlite::params![id, i as i64, label])?;
                options.push(self.conn.last_insert_rowid());
            }
        }
        self.log(Kind::Post, id, 0, Scope::post(group, id))?;
        Ok((id, options))
    }

    /// Sets the counters of a post once its comments and likes are added
    /// (cheaper than recounting a million posts at the end).
    pub fn post_counts(&mut self, post: Id, comments: u32, likes: u32) -> StoreResult<()> {
        if comments > 0 || likes > 0 {
            self.conn
                .prepare_cached(
                    "UPDATE posts SET comment_count = ?2, like_count = ?3 WHERE id = ?1",
                )?
                .execute(rusqlite::params![post, comments, likes])?;
        }
        Ok(())
    }

    /// Sets a read marker.
    pub fn read_marker(&mut self, group: Id, user: Id, last_read_post_id: Id) -> StoreResult<()> {
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO read_markers(user_id, group_id, last_read_post_id) VALUES (?1, ?2, ?3)",
            )?
            .execute([user, group, last_read_post_id])?;
        self.log(Kind::ReadMarker, group, user, Scope::own(group, user))
    }

    /// Adds a comment.
    pub fn comment(
        &mut self,
        group: Id,
        post: Id,
        author: Id,
        body: &str,
        created_at: Millis,
    ) -> StoreResult<Id> {
        self.conn
            .prepare_cached(
                "INSERT INTO comments(client_id, post_id, group_id, author_id, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(rusqlite::params![Uuid::new_v4().to_string(), post, group, author, body, created_at])?;
        let id = self.conn.last_insert_rowid();
        self.log(Kind::Comment, id, 0, Scope::post(group, post))?;
        Ok(id)
    }

    /// Adds a like; false if she already liked the post.
    pub fn like(&mut self, group: Id, post: Id, user: Id, at: Millis) -> StoreResult<bool> {
        let n = self
            .conn
            .prepare_cached("INSERT OR IGNORE INTO reactions(post_id, user_id, kind, created_at) VALUES (?1, ?2, 'like', ?3)")?
            .execute(rusqlite::params![post, user, at])?;
        if n > 0 {
            self.log(Kind::Reaction, post, user, Scope::post(group, post))?;
        }
        Ok(n > 0)
    }

    /// Adds a vote for one option.
    pub fn vote(&mut self, post: Id, user: Id, option: Id) -> StoreResult<()> {
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO votes(post_id, user_id, option_id) VALUES (?1, ?2, ?3)",
            )?
            .execute([post, user, option])?;
        self.tick()
    }

    /// Adds a mention of `user` in a post (or one of its comments).
    pub fn mention(
        &mut self,
        user: Id,
        post: Id,
        comment: Option<Id>,
        group: Id,
        author: Id,
        at: Millis,
    ) -> StoreResult<()> {
        let n = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO mentions(user_id, post_id, comment_id, group_id, author_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(rusqlite::params![user, post, comment, group, author, at])?;
        if n > 0 {
            let id = self.conn.last_insert_rowid();
            self.log(Kind::Mention, id, 0, Scope::own(group, user))?;
        }
        Ok(())
    }

    /// Fixes the counters kept on rows (members, votes; posts have theirs
    /// from [`Seeder::post_counts`]).
    fn finish(&mut self) -> StoreResult<()> {
        self.conn.execute_batch(
            "UPDATE groups SET member_count = (SELECT COUNT(*) FROM memberships m WHERE m.group_id = groups.id);
             UPDATE poll_options SET votes = (SELECT COUNT(*) FROM votes v WHERE v.post_id = poll_options.post_id AND v.option_id = poll_options.id);
             UPDATE polls SET voters = (SELECT COUNT(DISTINCT user_id) FROM votes v WHERE v.post_id = polls.post_id);",
        )?;
        Ok(())
    }
}

impl Storage {
    /// Runs a bulk load: `f` adds rows through the [`Seeder`]; counters are
    /// fixed at the end. Meant for an empty database (the demo seed).
    pub fn bulk_load<T>(
        &self,
        f: impl FnOnce(&mut Seeder<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        // A big page cache keeps the indexes being filled (random keys: the
        // posts' client ids, the change log's keys) in memory; without it a
        // million-post load rereads pages from the OS for every row. The
        // load is one job on a fresh file: a crash means seeding again, so
        // nothing is synced until the end.
        conn.execute_batch(
            "PRAGMA cache_size = -1048576; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;",
        )?;
        let out = self.bulk_load_in(&conn, f);
        conn.execute_batch("PRAGMA cache_size = -8192; PRAGMA synchronous = NORMAL;")?;
        drop(conn);
        // The seed wrote the log without the change recorder.
        self.notice_other_processes()?;
        out
    }

    fn bulk_load_in<T>(
        &self,
        conn: &Connection,
        f: impl FnOnce(&mut Seeder<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let mut seeder = Seeder {
            conn,
            rows_in_tx: 0,
            at: now_ms(),
        };
        let out = f(&mut seeder).and_then(|out| {
            seeder.finish()?;
            Ok(out)
        });
        match out {
            Ok(out) => {
                conn.execute_batch("COMMIT")?;
                Ok(out)
            }
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}
