//! Posts, comments, reactions, polls, votes and mentions.
//!
//! Creates are idempotent on (author, client_id): a retry returns the first
//! result, whatever its body says (the first write wins; a client that reuses
//! a client_id for different content gets the original back).

use std::collections::HashSet;

use hublot_api::limits::{
    MAX_COMMENT_CHARS, MAX_POLL_OPTIONS, MAX_POLL_OPTION_CHARS, MAX_POLL_QUESTION_CHARS,
    MAX_POST_CHARS, MIN_POLL_OPTIONS,
};
use hublot_api::{Comment, CreateComment, CreatePost, GroupKind, Id, NewPoll, Post, PostThread};
use rusqlite::{OptionalExtension, Transaction};
use uuid::Uuid;

use super::access::{visible_group, GroupAccess};
use super::feed::Changes;
use super::render;
use super::{chars, check_body, not_found, now_ms, Storage, StoreError, StoreResult};

/// Whether a create made something new (201) or found the first result (200).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    /// Newly created.
    New,
    /// The same client_id was seen before: this is the first result.
    Existing,
}

/// The `@handles` in a body: `@` not preceded by a word character, then
/// handle characters; a trailing `.` (end of sentence) is not part of it.
pub fn mentioned_handles(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '@' && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')) {
            let mut j = i + 1;
            while j < chars.len()
                && (chars[j].is_ascii_lowercase()
                    || chars[j].is_ascii_digit()
                    || matches!(chars[j], '.' | '-' | '_'))
            {
                j += 1;
            }
            let handle: String = chars[i + 1..j].iter().collect();
            let handle = handle.trim_end_matches(['.', '-', '_']).to_string();
            if !handle.is_empty() && !out.contains(&handle) {
                out.push(handle);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Records a mention for each existing user named in `body` who may see the
/// group (the author excepted).
fn record_mentions(
    tx: &Transaction<'_>,
    ch: &mut Changes,
    body: &str,
    group: &GroupAccess,
    post: Id,
    comment: Option<Id>,
    author: Id,
) -> StoreResult<()> {
    for handle in mentioned_handles(body) {
        let row: Option<Id> = tx
            .prepare_cached(
                "SELECT u.id FROM users u WHERE u.handle = ?1 AND u.disabled = 0 AND (?2 OR EXISTS \
                 (SELECT 1 FROM memberships m WHERE m.group_id = ?3 AND m.user_id = u.id))",
            )?
            .query_row(rusqlite::params![handle, group.public, group.id], |r| r.get(0))
            .optional()?;
        let Some(user) = row else { continue };
        if user == author {
            continue;
        }
        let inserted = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO mentions(user_id, post_id, comment_id, group_id, author_id, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(rusqlite::params![user, post, comment, group.id, author, now_ms()])?;
        if inserted > 0 {
            ch.mention(tx, tx.last_insert_rowid(), user, group.id)?;
        }
    }
    Ok(())
}

fn check_poll(poll: &NewPoll) -> StoreResult<()> {
    if poll.question.trim().is_empty() {
        return Err(StoreError::Unprocessable(
            "the poll question is empty".into(),
        ));
    }
    if chars(&poll.question) > MAX_POLL_QUESTION_CHARS {
        return Err(StoreError::Unprocessable(format!(
            "the poll question is longer than {MAX_POLL_QUESTION_CHARS} characters"
        )));
    }
    let n = poll.options.len();
    if !(MIN_POLL_OPTIONS..=MAX_POLL_OPTIONS).contains(&n) {
        return Err(StoreError::Unprocessable(format!(
            "a poll has {MIN_POLL_OPTIONS} to {MAX_POLL_OPTIONS} options, not {n}"
        )));
    }
    for o in &poll.options {
        if o.trim().is_empty() {
            return Err(StoreError::Unprocessable("a poll option is empty".into()));
        }
        if chars(o) > MAX_POLL_OPTION_CHARS {
            return Err(StoreError::Unprocessable(format!(
                "a poll option is longer than {MAX_POLL_OPTION_CHARS} characters"
            )));
        }
    }
    if let Some(at) = poll.closes_at {
        if at <= now_ms() {
            return Err(StoreError::Unprocessable(
                "the poll's closing time is in the past".into(),
            ));
        }
    }
    Ok(())
}

/// The group of a post `user` may see; a deleted post is refused with 422.
fn live_post(tx: &Transaction<'_>, user: Id, post: Id) -> StoreResult<(GroupAccess, Id)> {
    let row = tx
        .prepare_cached("SELECT group_id, author_id, deleted FROM posts WHERE id = ?1")?
        .query_row([post], |r| {
            Ok((r.get::<_, Id>(0)?, r.get::<_, Id>(1)?, r.get::<_, bool>(2)?))
        })
        .optional()?;
    let Some((group, author, deleted)) = row else {
        return Err(not_found("post"));
    };
    let access = visible_group(tx, user, group).map_err(|_| not_found("post"))?;
    if deleted {
        return Err(StoreError::Unprocessable("this post was deleted".into()));
    }
    Ok((access, author))
}

fn render_post(tx: &Transaction<'_>, id: Id, viewer: Id) -> StoreResult<Post> {
    render::post(tx, id, viewer)?.ok_or_else(|| not_found("post"))
}

/// Inserts a post and its poll; the caller has checked everything.
pub(crate) fn insert_post(
    tx: &Transaction<'_>,
    client_id: &Uuid,
    group: Id,
    author: Id,
    body: &str,
    poll: Option<&NewPoll>,
    created_at: i64,
) -> StoreResult<Id> {
    tx.prepare_cached(
        "INSERT INTO posts(client_id, group_id, author_id, body, has_poll, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(rusqlite::params![client_id.to_string(), group, author, body, poll.is_some(), created_at])?;
    let id = tx.last_insert_rowid();
    if let Some(poll) = poll {
        tx.prepare_cached(
            "INSERT INTO polls(post_id, question, multiple, closes_at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(rusqlite::params![
            id,
            poll.question,
            poll.multiple,
            poll.closes_at
        ])?;
        for (i, label) in poll.options.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO poll_options(post_id, position, label) VALUES (?1, ?2, ?3)",
            )?
            .execute(rusqlite::params![id, i as i64, label])?;
        }
    }
    Ok(id)
}

fn is_unique_violation(e: &StoreError) -> bool {
    matches!(e, StoreError::Database(rusqlite::Error::SqliteFailure(f, _))
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

/// The id of what `user` created with `client_id` in `table` (`posts` or
/// `comments`), if anything; 422 if it was since deleted.
fn existing_id(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    what: &str,
    user: Id,
    client_id: &Uuid,
) -> StoreResult<Option<Id>> {
    let row = tx
        .prepare_cached(&format!(
            "SELECT id, deleted FROM {table} WHERE author_id = ?1 AND client_id = ?2"
        ))?
        .query_row(rusqlite::params![user, client_id.to_string()], |r| {
            Ok((r.get::<_, Id>(0)?, r.get::<_, bool>(1)?))
        })
        .optional()?;
    match row {
        Some((_, true)) => Err(StoreError::Unprocessable(format!(
            "a {what} with this client_id was created and has since been deleted"
        ))),
        Some((id, false)) => Ok(Some(id)),
        None => Ok(None),
    }
}

impl Storage {
    fn existing_post(&self, user: Id, client_id: &Uuid) -> StoreResult<Option<Post>> {
        self.read(|tx| {
            let Some(id) = existing_id(tx, "posts", "post", user, client_id)? else {
                return Ok(None);
            };
            live_post(tx, user, id)?;
            Ok(Some(render_post(tx, id, user)?))
        })
    }

    /// `POST /v1/posts`.
    pub fn create_post(&self, user: Id, req: &CreatePost) -> StoreResult<(Post, Created)> {
        if let Some(p) = self.existing_post(user, &req.client_id)? {
            return Ok((p, Created::Existing));
        }
        check_body("post", &req.body, MAX_POST_CHARS)?;
        if let Some(poll) = &req.poll {
            check_poll(poll)?;
        }
        let res = self.write_logged(|tx, ch| {
            let g = visible_group(tx, user, req.group_id)?
                .member()?
                .writable()?;
            if g.kind == GroupKind::Announcement && !g.is_admin() {
                return Err(StoreError::Forbidden(
                    "only the group's admins post in an announcement group".into(),
                ));
            }
            let id = insert_post(
                tx,
                &req.client_id,
                g.id,
                user,
                &req.body,
                req.poll.as_ref(),
                now_ms(),
            )?;
            ch.post(tx, id, g.id, false)?;
            record_mentions(tx, ch, &req.body, &g, id, None, user)?;
            render_post(tx, id, user)
        });
        match res {
            Ok(p) => Ok((p, Created::New)),
            // A concurrent duplicate won the race: answer with its result.
            Err(e) if is_unique_violation(&e) => match self.existing_post(user, &req.client_id)? {
                Some(p) => Ok((p, Created::Existing)),
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// `GET /v1/posts/{id}`.
    pub fn thread(&self, user: Id, id: Id) -> StoreResult<PostThread> {
        self.read(|tx| {
            live_post(tx, user, id).map_err(|e| match e {
                StoreError::Unprocessable(_) => not_found("post"),
                e => e,
            })?;
            Ok(PostThread {
                post: render_post(tx, id, user)?,
                comments: render::comments_of(tx, id)?,
                reactions: render::reactions_of(tx, id)?,
            })
        })
    }

    /// `PATCH /v1/posts/{id}` (the author).
    pub fn edit_post(&self, user: Id, id: Id, body: &str) -> StoreResult<Post> {
        check_body("post", body, MAX_POST_CHARS)?;
        self.write_logged(|tx, ch| {
            let (g, author) = live_post(tx, user, id)?;
            if author != user {
                return Err(StoreError::Forbidden("only the author edits a post".into()));
            }
            g.writable()?;
            tx.execute(
                "UPDATE posts SET body = ?2, edited_at = ?3 WHERE id = ?1",
                rusqlite::params![id, body, now_ms()],
            )?;
            ch.post(tx, id, g.id, false)?;
            record_mentions(tx, ch, body, &g, id, None, user)?;
            render_post(tx, id, user)
        })
    }

    /// `DELETE /v1/posts/{id}` (the author or a group admin).
    pub fn delete_post(&self, user: Id, id: Id) -> StoreResult<()> {
        self.write_logged(|tx, ch| {
            let (g, author) = live_post(tx, user, id)?;
            if author != user && !g.is_admin() {
                return Err(StoreError::Forbidden(
                    "only the author or a group admin deletes a post".into(),
                ));
            }
            g.writable()?;
            tx.execute(
                "UPDATE posts SET deleted = 1, pinned = 0 WHERE id = ?1",
                [id],
            )?;
            ch.post(tx, id, g.id, true)?;
            Ok(())
        })
    }

    /// `PUT /v1/posts/{id}/pin` (group admins).
    pub fn pin_post(&self, user: Id, id: Id, pinned: bool) -> StoreResult<Post> {
        self.write_logged(|tx, ch| {
            let (g, _) = live_post(tx, user, id)?;
            g.admin()?.writable()?;
            tx.execute(
                "UPDATE posts SET pinned = ?2 WHERE id = ?1",
                rusqlite::params![id, pinned],
            )?;
            ch.post(tx, id, g.id, false)?;
            render_post(tx, id, user)
        })
    }

    fn existing_comment(&self, user: Id, client_id: &Uuid) -> StoreResult<Option<Comment>> {
        self.read(|tx| {
            let Some(id) = existing_id(tx, "comments", "comment", user, client_id)? else {
                return Ok(None);
            };
            render::comment(tx, id)?.map(Some).ok_or_else(|| {
                StoreError::Unprocessable("the post of this comment was deleted".into())
            })
        })
    }

    /// `POST /v1/posts/{id}/comments`.
    pub fn create_comment(
        &self,
        user: Id,
        post: Id,
        req: &CreateComment,
    ) -> StoreResult<(Comment, Created)> {
        if let Some(c) = self.existing_comment(user, &req.client_id)? {
            if c.post_id != post {
                return Err(StoreError::Conflict(
                    "this client_id was already used for a comment on another post".into(),
                ));
            }
            return Ok((c, Created::Existing));
        }
        check_body("comment", &req.body, MAX_COMMENT_CHARS)?;
        let res = self.write_logged(|tx, ch| {
            let (g, _) = live_post(tx, user, post)?;
            g.writable()?;
            tx.prepare_cached(
                "INSERT INTO comments(client_id, post_id, group_id, author_id, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(rusqlite::params![req.client_id.to_string(), post, g.id, user, req.body, now_ms()])?;
            let id = tx.last_insert_rowid();
            tx.execute("UPDATE posts SET comment_count = comment_count + 1 WHERE id = ?1", [post])?;
            ch.comment(tx, id, post, g.id, false)?;
            ch.post(tx, post, g.id, false)?;
            record_mentions(tx, ch, &req.body, &g, post, Some(id), user)?;
            render::comment(tx, id)?.ok_or_else(|| not_found("comment"))
        });
        match res {
            Ok(c) => Ok((c, Created::New)),
            Err(e) if is_unique_violation(&e) => {
                match self.existing_comment(user, &req.client_id)? {
                    Some(c) => Ok((c, Created::Existing)),
                    None => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    fn live_comment(tx: &Transaction<'_>, user: Id, id: Id) -> StoreResult<(GroupAccess, Id, Id)> {
        let row = tx
            .prepare_cached(
                "SELECT post_id, author_id FROM comments WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([id], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, Id>(1)?)))
            .optional()?;
        let Some((post, author)) = row else {
            return Err(not_found("comment"));
        };
        let (g, _) = live_post(tx, user, post).map_err(|e| match e {
            StoreError::Unprocessable(_) => {
                StoreError::Unprocessable("the post of this comment was deleted".into())
            }
            _ => not_found("comment"),
        })?;
        Ok((g, post, author))
    }

    /// `PATCH /v1/comments/{id}` (the author).
    pub fn edit_comment(&self, user: Id, id: Id, body: &str) -> StoreResult<Comment> {
        check_body("comment", body, MAX_COMMENT_CHARS)?;
        self.write_logged(|tx, ch| {
            let (g, post, author) = Self::live_comment(tx, user, id)?;
            if author != user {
                return Err(StoreError::Forbidden(
                    "only the author edits a comment".into(),
                ));
            }
            g.writable()?;
            tx.execute(
                "UPDATE comments SET body = ?2, edited_at = ?3 WHERE id = ?1",
                rusqlite::params![id, body, now_ms()],
            )?;
            ch.comment(tx, id, post, g.id, false)?;
            record_mentions(tx, ch, body, &g, post, Some(id), user)?;
            render::comment(tx, id)?.ok_or_else(|| not_found("comment"))
        })
    }

    /// `DELETE /v1/comments/{id}` (the author or a group admin).
    pub fn delete_comment(&self, user: Id, id: Id) -> StoreResult<()> {
        self.write_logged(|tx, ch| {
            let (g, post, author) = Self::live_comment(tx, user, id)?;
            if author != user && !g.is_admin() {
                return Err(StoreError::Forbidden(
                    "only the author or a group admin deletes a comment".into(),
                ));
            }
            g.writable()?;
            tx.execute("UPDATE comments SET deleted = 1 WHERE id = ?1", [id])?;
            tx.execute(
                "UPDATE posts SET comment_count = comment_count - 1 WHERE id = ?1",
                [post],
            )?;
            ch.comment(tx, id, post, g.id, true)?;
            ch.post(tx, post, g.id, false)?;
            Ok(())
        })
    }

    /// `PUT` (set: true) or `DELETE` (set: false) `/v1/posts/{id}/reactions/like`.
    /// Setting what is already set changes nothing.
    pub fn set_like(&self, user: Id, post: Id, set: bool) -> StoreResult<Post> {
        self.write_logged(|tx, ch| {
            let (g, _) = live_post(tx, user, post)?;
            g.writable()?;
            let changed = if set {
                tx.execute(
                    "INSERT OR IGNORE INTO reactions(post_id, user_id, kind, created_at) VALUES (?1, ?2, 'like', ?3)",
                    rusqlite::params![post, user, now_ms()],
                )?
            } else {
                tx.execute("DELETE FROM reactions WHERE post_id = ?1 AND user_id = ?2 AND kind = 'like'", [post, user])?
            };
            if changed > 0 {
                let delta = if set { 1 } else { -1 };
                tx.execute("UPDATE posts SET like_count = like_count + ?2 WHERE id = ?1", [post, delta])?;
                ch.reaction(tx, post, user, g.id, !set)?;
                ch.post(tx, post, g.id, false)?;
            }
            render_post(tx, post, user)
        })
    }

    /// `PUT /v1/posts/{id}/vote`: replaces the user's choice (empty: withdraws).
    pub fn vote(&self, user: Id, post: Id, option_ids: &[Id]) -> StoreResult<Post> {
        self.write_logged(|tx, ch| {
            let (g, _) = live_post(tx, user, post)?;
            g.writable()?;
            let head = tx
                .prepare_cached("SELECT multiple, closes_at FROM polls WHERE post_id = ?1")?
                .query_row([post], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, Option<i64>>(1)?)))
                .optional()?;
            let Some((multiple, closes_at)) = head else {
                return Err(StoreError::Unprocessable("this post has no poll".into()));
            };
            if closes_at.is_some_and(|t| t <= now_ms()) {
                return Err(StoreError::Unprocessable("this poll is closed".into()));
            }
            let chosen: HashSet<Id> = option_ids.iter().copied().collect();
            if chosen.len() != option_ids.len() {
                return Err(StoreError::Unprocessable("an option is chosen twice".into()));
            }
            if !multiple && chosen.len() > 1 {
                return Err(StoreError::Unprocessable("this poll allows only one choice".into()));
            }
            let valid: HashSet<Id> = tx
                .prepare_cached("SELECT id FROM poll_options WHERE post_id = ?1")?
                .query_map([post], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if let Some(bad) = chosen.iter().find(|o| !valid.contains(o)) {
                return Err(StoreError::Unprocessable(format!("option {bad} is not an option of this poll")));
            }
            tx.execute("DELETE FROM votes WHERE post_id = ?1 AND user_id = ?2", [post, user])?;
            for o in &chosen {
                tx.prepare_cached("INSERT INTO votes(post_id, user_id, option_id) VALUES (?1, ?2, ?3)")?
                    .execute([post, user, *o])?;
            }
            tx.execute(
                "UPDATE poll_options SET votes = (SELECT COUNT(*) FROM votes v WHERE v.post_id = poll_options.post_id AND v.option_id = poll_options.id) WHERE post_id = ?1",
                [post],
            )?;
            tx.execute(
                "UPDATE polls SET voters = (SELECT COUNT(DISTINCT user_id) FROM votes WHERE post_id = ?1) WHERE post_id = ?1",
                [post],
            )?;
            ch.post(tx, post, g.id, false)?;
            render_post(tx, post, user)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::mentioned_handles;

    #[test]
    fn finds_handles_and_ignores_emails_and_trailing_dots() {
        assert_eq!(
            mentioned_handles("Merci @marie.dupont. Voir aussi @jean-luc, pas a@b.fr ni @"),
            vec!["marie.dupont".to_string(), "jean-luc".to_string()]
        );
    }
}
