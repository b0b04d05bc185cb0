//! The outbox: what the user wrote or did, waiting to reach the server.
//!
//! A post not sent yet is named by a negative id, `-(its outbox id)`, so the
//! user can comment on it, edit or delete it at once; those items wait until
//! the post is sent, then carry its server id.

use hublot_api::limits::{
    MAX_COMMENT_CHARS, MAX_POLL_OPTIONS, MAX_POLL_OPTION_CHARS, MAX_POLL_QUESTION_CHARS,
    MAX_POST_CHARS, MIN_POLL_OPTIONS,
};
use hublot_api::{Comment, Id, Millis, NewPoll, Post};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::apply::Applier;
use super::convert::{now_millis, uuid_from_blob};
use super::{Store, StoreError};
use crate::views::{CacheChanged, OutboxItemView, OutboxKind, OutboxState};

/// Something the user did, to send to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum OutboxOp {
    /// A new post, maybe with a poll.
    CreatePost {
        /// The group to post in.
        group_id: Id,
        /// Markdown body.
        body: String,
        /// An optional poll.
        poll: Option<NewPoll>,
    },
    /// A post's new body.
    EditPost {
        /// The post (negative: a post still in the outbox).
        post_id: Id,
        /// The new Markdown body.
        body: String,
    },
    /// Delete a post.
    DeletePost {
        /// The post.
        post_id: Id,
    },
    /// A new comment.
    CreateComment {
        /// The post it answers (negative: a post still in the outbox).
        post_id: Id,
        /// Markdown body.
        body: String,
    },
    /// A comment's new body.
    EditComment {
        /// The comment (negative: a comment still in the outbox).
        comment_id: Id,
        /// The new Markdown body.
        body: String,
    },
    /// Delete a comment.
    DeleteComment {
        /// The comment.
        comment_id: Id,
    },
    /// Like or unlike a post.
    SetLike {
        /// The post.
        post_id: Id,
        /// True: like.
        liked: bool,
    },
    /// Vote in a post's poll (the complete choice; empty withdraws).
    Vote {
        /// The post.
        post_id: Id,
        /// Chosen options.
        option_ids: Vec<Id>,
    },
    /// Move the read marker of a group.
    MarkRead {
        /// The group.
        group_id: Id,
        /// The newest post read.
        last_read_post_id: Id,
    },
    /// Join or leave a group.
    SetMembership {
        /// The group.
        group_id: Id,
        /// True: join.
        joined: bool,
    },
    /// Follow or unfollow a group.
    SetFollow {
        /// The group.
        group_id: Id,
        /// True: follow.
        following: bool,
    },
}

impl OutboxOp {
    fn kind(&self) -> &'static str {
        match self {
            OutboxOp::CreatePost { .. } => "create_post",
            OutboxOp::EditPost { .. } => "edit_post",
            OutboxOp::DeletePost { .. } => "delete_post",
            OutboxOp::CreateComment { .. } => "create_comment",
            OutboxOp::EditComment { .. } => "edit_comment",
            OutboxOp::DeleteComment { .. } => "delete_comment",
            OutboxOp::SetLike { .. } => "set_like",
            OutboxOp::Vote { .. } => "vote",
            OutboxOp::MarkRead { .. } => "mark_read",
            OutboxOp::SetMembership { .. } => "set_membership",
            OutboxOp::SetFollow { .. } => "set_follow",
        }
    }

    fn view_kind(&self) -> OutboxKind {
        match self {
            OutboxOp::CreatePost { .. } => OutboxKind::CreatePost,
            OutboxOp::EditPost { .. } => OutboxKind::EditPost,
            OutboxOp::DeletePost { .. } => OutboxKind::DeletePost,
            OutboxOp::CreateComment { .. } => OutboxKind::CreateComment,
            OutboxOp::EditComment { .. } => OutboxKind::EditComment,
            OutboxOp::DeleteComment { .. } => OutboxKind::DeleteComment,
            OutboxOp::SetLike { .. } => OutboxKind::React,
            OutboxOp::Vote { .. } => OutboxKind::Vote,
            OutboxOp::MarkRead { .. } => OutboxKind::MarkRead,
            OutboxOp::SetMembership { .. } => OutboxKind::Membership,
            OutboxOp::SetFollow { .. } => OutboxKind::Follow,
        }
    }

    /// The post it concerns, if any.
    pub fn post_id(&self) -> Option<Id> {
        match self {
            OutboxOp::EditPost { post_id, .. }
            | OutboxOp::DeletePost { post_id }
            | OutboxOp::CreateComment { post_id, .. }
            | OutboxOp::SetLike { post_id, .. }
            | OutboxOp::Vote { post_id, .. } => Some(*post_id),
            _ => None,
        }
    }

    /// The comment it concerns, if any.
    pub fn comment_id(&self) -> Option<Id> {
        match self {
            OutboxOp::EditComment { comment_id, .. } | OutboxOp::DeleteComment { comment_id } => {
                Some(*comment_id)
            }
            _ => None,
        }
    }

    fn set_post_id(&mut self, id: Id) {
        match self {
            OutboxOp::EditPost { post_id, .. }
            | OutboxOp::DeletePost { post_id }
            | OutboxOp::CreateComment { post_id, .. }
            | OutboxOp::SetLike { post_id, .. }
            | OutboxOp::Vote { post_id, .. } => *post_id = id,
            _ => {}
        }
    }

    fn set_comment_id(&mut self, id: Id) {
        if let OutboxOp::EditComment { comment_id, .. } | OutboxOp::DeleteComment { comment_id } =
            self
        {
            *comment_id = id;
        }
    }

    /// The body it carries, if any.
    pub fn body(&self) -> Option<&str> {
        match self {
            OutboxOp::CreatePost { body, .. }
            | OutboxOp::EditPost { body, .. }
            | OutboxOp::CreateComment { body, .. }
            | OutboxOp::EditComment { body, .. } => Some(body),
            _ => None,
        }
    }

    fn body_mut(&mut self) -> Option<&mut String> {
        match self {
            OutboxOp::CreatePost { body, .. }
            | OutboxOp::EditPost { body, .. }
            | OutboxOp::CreateComment { body, .. }
            | OutboxOp::EditComment { body, .. } => Some(body),
            _ => None,
        }
    }

    /// Later items of these kinds replace earlier queued ones on the same target.
    fn replaces_earlier(&self) -> bool {
        matches!(
            self,
            OutboxOp::SetLike { .. }
                | OutboxOp::Vote { .. }
                | OutboxOp::MarkRead { .. }
                | OutboxOp::SetMembership { .. }
                | OutboxOp::SetFollow { .. }
        )
    }

    /// Checks the API's documented limits, so the user learns at once.
    fn validate(&self) -> Result<(), StoreError> {
        let body_ok = |body: &str, max: usize, what: &str| -> Result<(), StoreError> {
            if body.trim().is_empty() {
                return Err(StoreError::Invalid(format!("the {what} is empty")));
            }
            let n = body.chars().count();
            if n > max {
                return Err(StoreError::Invalid(format!(
                    "the {what} is too long: {n} characters, at most {max} are allowed"
                )));
            }
            Ok(())
        };
        match self {
            OutboxOp::CreatePost { body, poll, .. } => {
                body_ok(body, MAX_POST_CHARS, "post")?;
                if let Some(p) = poll {
                    validate_poll(p)?;
                }
            }
            OutboxOp::EditPost { body, .. } => body_ok(body, MAX_POST_CHARS, "post")?,
            OutboxOp::CreateComment { body, .. } | OutboxOp::EditComment { body, .. } => {
                body_ok(body, MAX_COMMENT_CHARS, "comment")?
            }
            OutboxOp::MarkRead {
                last_read_post_id, ..
            } if *last_read_post_id <= 0 => {
                return Err(StoreError::Invalid(
                    "a read marker must name a post on the server".into(),
                ))
            }
            _ => {}
        }
        Ok(())
    }

    fn summary(&self) -> String {
        let short = |s: &str| {
            let line = s
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim();
            let mut out: String = line.chars().take(80).collect();
            if line.chars().count() > 80 {
                out.push('…');
            }
            out
        };
        match self {
            OutboxOp::CreatePost { body, .. } => short(body),
            OutboxOp::EditPost { body, .. } => format!("Edit: {}", short(body)),
            OutboxOp::DeletePost { .. } => "Delete a post".into(),
            OutboxOp::CreateComment { body, .. } => short(body),
            OutboxOp::EditComment { body, .. } => format!("Edit: {}", short(body)),
            OutboxOp::DeleteComment { .. } => "Delete a comment".into(),
            OutboxOp::SetLike { liked: true, .. } => "Like".into(),
            OutboxOp::SetLike { liked: false, .. } => "Remove like".into(),
            OutboxOp::Vote { .. } => "Vote".into(),
            OutboxOp::MarkRead { .. } => "Mark as read".into(),
            OutboxOp::SetMembership { joined: true, .. } => "Join group".into(),
            OutboxOp::SetMembership { joined: false, .. } => "Leave group".into(),
            OutboxOp::SetFollow {
                following: true, ..
            } => "Follow group".into(),
            OutboxOp::SetFollow {
                following: false, ..
            } => "Unfollow group".into(),
        }
    }
}

fn validate_poll(p: &NewPoll) -> Result<(), StoreError> {
    let q = p.question.chars().count();
    if p.question.trim().is_empty() || q > MAX_POLL_QUESTION_CHARS {
        return Err(StoreError::Invalid(format!(
            "a poll question needs 1 to {MAX_POLL_QUESTION_CHARS} characters"
        )));
    }
    if p.options.len() < MIN_POLL_OPTIONS || p.options.len() > MAX_POLL_OPTIONS {
        return Err(StoreError::Invalid(format!(
            "a poll needs {MIN_POLL_OPTIONS} to {MAX_POLL_OPTIONS} options"
        )));
    }
    for o in &p.options {
        if o.trim().is_empty() || o.chars().count() > MAX_POLL_OPTION_CHARS {
            return Err(StoreError::Invalid(format!(
                "each poll option needs 1 to {MAX_POLL_OPTION_CHARS} characters"
            )));
        }
    }
    Ok(())
}

/// One outbox item, as the sender needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    /// Local id (pass it back to `outbox_mark_*`).
    pub id: Id,
    /// The idempotency key to send.
    pub client_id: Uuid,
    /// What to do.
    pub op: OutboxOp,
    /// Failed attempts so far.
    pub attempts: u32,
    /// When the user did it.
    pub created_at: Millis,
}

/// The server's answer to a sent outbox item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SentOutcome {
    /// The created or edited post.
    Post(Post),
    /// The created or edited comment.
    Comment(Comment),
    /// Done, with no entity in the answer (like, vote, read marker, deletion...).
    Done,
}

/// A stored outbox row.
pub(super) struct OutboxRow {
    pub id: Id,
    pub client_id: Uuid,
    pub op: OutboxOp,
    pub group_id: Option<Id>,
    pub failed: Option<String>,
    pub attempts: u32,
    pub created_at: Millis,
}

/// An outbox row as read: id, client_id, op JSON, group, state, reason, attempts, time.
pub(super) type RawRow = (
    Id,
    Vec<u8>,
    String,
    Option<Id>,
    String,
    Option<String>,
    u32,
    Millis,
);

pub(super) const OUTBOX_COLUMNS: &str =
    "id, client_id, op, group_id, state, reason, attempts, created_at";

pub(super) fn outbox_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

pub(super) fn decode_row(raw: RawRow) -> Result<OutboxRow, StoreError> {
    let (id, cid, op, group_id, state, reason, attempts, created_at) = raw;
    Ok(OutboxRow {
        id,
        client_id: uuid_from_blob(&cid),
        op: serde_json::from_str(&op)?,
        group_id,
        failed: if state == "failed" {
            Some(reason.unwrap_or_default())
        } else {
            None
        },
        attempts,
        created_at,
    })
}

/// Every outbox row (queued and failed), in insertion order.
pub(super) fn load_all(conn: &rusqlite::Connection) -> Result<Vec<OutboxRow>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {OUTBOX_COLUMNS} FROM outbox ORDER BY id"))?;
    let raws = stmt
        .query_map([], outbox_row)?
        .collect::<Result<Vec<_>, _>>()?;
    raws.into_iter().map(decode_row).collect()
}

fn load_one(tx: &Transaction<'_>, id: Id) -> Result<Option<OutboxRow>, StoreError> {
    let raw = tx
        .prepare_cached(&format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE id = ?1"
        ))?
        .query_row([id], outbox_row)
        .optional()?;
    raw.map(decode_row).transpose()
}

fn save_op(tx: &Transaction<'_>, id: Id, op: &OutboxOp) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE outbox SET op = ?2, post_id = ?3, comment_id = ?4 WHERE id = ?1",
        params![
            id,
            serde_json::to_string(op)?,
            op.post_id(),
            op.comment_id()
        ],
    )?;
    Ok(())
}

/// A post or comment that was in the outbox now has its server id: the items
/// that named it by its negative local id now name it by that id.
pub(super) fn resolve_local(
    tx: &Transaction<'_>,
    outbox_id: Id,
    server_id: Id,
    is_post: bool,
) -> Result<(), StoreError> {
    let col = if is_post { "post_id" } else { "comment_id" };
    let raws = tx
        .prepare(&format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE {col} = ?1"
        ))?
        .query_map([-outbox_id], outbox_row)?
        .collect::<Result<Vec<_>, _>>()?;
    for raw in raws {
        let mut row = decode_row(raw)?;
        if is_post {
            row.op.set_post_id(server_id);
        } else {
            row.op.set_comment_id(server_id);
        }
        save_op(tx, row.id, &row.op)?;
    }
    Ok(())
}

/// Deletes an outbox row and, recursively, the items that wait for it.
fn discard_tree(tx: &Transaction<'_>, id: Id) -> Result<(), StoreError> {
    let deps: Vec<Id> = tx
        .prepare("SELECT id FROM outbox WHERE post_id = ?1 OR comment_id = ?1")?
        .query_map([-id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    tx.execute("DELETE FROM outbox WHERE id = ?1", [id])?;
    for d in deps {
        discard_tree(tx, d)?;
    }
    Ok(())
}

fn changed_for(row: &OutboxRow) -> CacheChanged {
    CacheChanged {
        groups: row.group_id.into_iter().collect(),
        posts: row.op.post_id().filter(|p| *p > 0).into_iter().collect(),
        outbox: true,
        ..CacheChanged::default()
    }
}

impl Store {
    /// Queues something the user did. Checks the API's limits first (an
    /// [`StoreError::Invalid`] says what is wrong), assigns a `client_id` and
    /// a local id; the views show its effect at once.
    pub fn outbox_push(&self, op: OutboxOp) -> Result<OutboxEntry, StoreError> {
        op.validate()?;
        let client_id = Uuid::new_v4();
        let created_at = now_millis();
        self.write(|tx| {
            let group_id = match &op {
                OutboxOp::CreatePost { group_id, .. }
                | OutboxOp::MarkRead { group_id, .. }
                | OutboxOp::SetMembership { group_id, .. }
                | OutboxOp::SetFollow { group_id, .. } => Some(*group_id),
                _ => group_of(tx, &op)?,
            };
            if op.replaces_earlier() {
                let target = op.post_id().or(group_id);
                let earlier: Vec<Id> = tx
                    .prepare_cached(
                        "SELECT id FROM outbox WHERE kind = ?1 AND state = 'queued'
                         AND COALESCE(post_id, group_id) IS ?2",
                    )?
                    .query_map(params![op.kind(), target], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                for id in earlier {
                    tx.execute("DELETE FROM outbox WHERE id = ?1", [id])?;
                }
            }
            tx.execute(
                "INSERT INTO outbox (client_id, kind, group_id, post_id, comment_id, op, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    &client_id.as_bytes()[..],
                    op.kind(),
                    group_id,
                    op.post_id(),
                    op.comment_id(),
                    serde_json::to_string(&op)?,
                    created_at
                ],
            )?;
            let id = tx.last_insert_rowid();
            Ok(OutboxEntry {
                id,
                client_id,
                op: op.clone(),
                attempts: 0,
                created_at,
            })
        })
    }

    /// The queued items to send now, in the order the user made them. Items
    /// that name a post or comment still in the outbox wait for it.
    pub fn outbox_ready(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE state = 'queued'
                 AND COALESCE(post_id, 1) > 0 AND COALESCE(comment_id, 1) > 0 ORDER BY id"
            ))?;
            let raws = stmt
                .query_map([], outbox_row)?
                .collect::<Result<Vec<_>, _>>()?;
            raws.into_iter()
                .map(|raw| {
                    let r = decode_row(raw)?;
                    Ok(OutboxEntry {
                        id: r.id,
                        client_id: r.client_id,
                        op: r.op,
                        attempts: r.attempts,
                        created_at: r.created_at,
                    })
                })
                .collect()
        })
    }

    /// The next item to send of each group, oldest group first: the outbox
    /// drains in order per group, and groups do not wait for each other.
    /// A group whose oldest item failed (until the user retries or discards
    /// it) or waits for a post not sent yet is held back; so is every later
    /// item of that group. Items with no group form one group of their own.
    /// Each entry comes with its group.
    pub fn outbox_heads(&self) -> Result<Vec<(Option<Id>, OutboxEntry)>, StoreError> {
        self.read(|conn| {
            let mut seen = std::collections::HashSet::new();
            let mut heads = Vec::new();
            for r in load_all(conn)? {
                if !seen.insert(r.group_id) {
                    continue;
                }
                let waits = r.op.post_id().is_some_and(|p| p < 0)
                    || r.op.comment_id().is_some_and(|c| c < 0);
                if r.failed.is_some() || waits {
                    continue;
                }
                heads.push((
                    r.group_id,
                    OutboxEntry {
                        id: r.id,
                        client_id: r.client_id,
                        op: r.op,
                        attempts: r.attempts,
                        created_at: r.created_at,
                    },
                ));
            }
            Ok(heads)
        })
    }

    /// The server accepted the item: removes it and, in the same transaction,
    /// writes the server's answer into the cache (so the view does not flicker
    /// back until the next sync). An id no longer in the outbox (its echo came
    /// by sync first) is not an error.
    pub fn outbox_mark_sent(
        &self,
        id: Id,
        outcome: SentOutcome,
    ) -> Result<CacheChanged, StoreError> {
        let changed = self.write(|tx| {
            let row = load_one(tx, id)?;
            let mut app = Applier::new(tx)?;
            match &outcome {
                SentOutcome::Post(p) => {
                    app.post(p)?;
                }
                SentOutcome::Comment(c) => {
                    app.own_comment(c)?;
                }
                SentOutcome::Done => {}
            }
            let Some(row) = row else {
                return app.finish_changed();
            };
            tx.execute("DELETE FROM outbox WHERE id = ?1", [id])?;
            match (&outcome, &row.op) {
                (SentOutcome::Post(p), _) => resolve_local(tx, id, p.id, true)?,
                (SentOutcome::Comment(c), _) => resolve_local(tx, id, c.id, false)?,
                (SentOutcome::Done, op) => app.apply_done(op)?,
            }
            let mut changed = app.finish_changed()?;
            let extra = changed_for(&row);
            changed.groups.extend(extra.groups);
            changed.posts.extend(extra.posts);
            changed.outbox = true;
            Ok(changed)
        })?;
        Ok(changed)
    }

    /// The server refused the item for good: it stays, marked failed with
    /// `reason`, until the user retries or discards it.
    pub fn outbox_mark_failed(&self, id: Id, reason: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("UPDATE outbox SET state = 'failed', reason = ?2, attempts = attempts + 1 WHERE id = ?1", params![id, reason])?;
            Ok(())
        })
    }

    /// A transient failure (network, 5xx, 429): the item stays queued.
    pub fn outbox_note_attempt(&self, id: Id, error: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE id = ?1",
                params![id, error],
            )?;
            Ok(())
        })
    }

    /// Puts a failed item back in the queue.
    pub fn outbox_retry(&self, id: Id) -> Result<(), StoreError> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE outbox SET state = 'queued', reason = NULL WHERE id = ?1",
                [id],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(format!("outbox item {id}")));
            }
            Ok(())
        })
    }

    /// Drops an item (and what waits for it: comments on a post never sent).
    pub fn outbox_discard(&self, id: Id) -> Result<CacheChanged, StoreError> {
        self.write(|tx| {
            let row = load_one(tx, id)?
                .ok_or_else(|| StoreError::NotFound(format!("outbox item {id}")))?;
            discard_tree(tx, id)?;
            Ok(changed_for(&row))
        })
    }

    /// Changes the body of a post or comment not sent yet (or of a pending edit).
    pub fn outbox_edit(&self, id: Id, body: &str) -> Result<CacheChanged, StoreError> {
        self.write(|tx| {
            let mut row = load_one(tx, id)?
                .ok_or_else(|| StoreError::NotFound(format!("outbox item {id}")))?;
            match row.op.body_mut() {
                Some(b) => *b = body.to_string(),
                None => {
                    return Err(StoreError::Invalid(
                        "this outbox item has no text to edit".into(),
                    ))
                }
            }
            row.op.validate()?;
            save_op(tx, id, &row.op)?;
            Ok(changed_for(&row))
        })
    }

    /// Every item of the outbox, for the outbox screen, oldest first.
    pub fn outbox_list(&self) -> Result<Vec<OutboxItemView>, StoreError> {
        self.read(|conn| {
            Ok(load_all(conn)?
                .into_iter()
                .map(|r| OutboxItemView {
                    id: r.id,
                    client_id: r.client_id,
                    kind: r.op.view_kind(),
                    group_id: r.group_id,
                    post_id: r.op.post_id().filter(|p| *p > 0),
                    summary: r.op.summary(),
                    state: match r.failed {
                        Some(reason) => OutboxState::Failed { reason },
                        None => OutboxState::Queued,
                    },
                    attempts: r.attempts,
                    created_at: r.created_at,
                })
                .collect())
        })
    }
}

/// The group of the post or comment an item concerns, when the cache knows it.
fn group_of(tx: &Transaction<'_>, op: &OutboxOp) -> Result<Option<Id>, StoreError> {
    if let Some(p) = op.post_id() {
        if p < 0 {
            return Ok(tx
                .query_row("SELECT group_id FROM outbox WHERE id = ?1", [-p], |r| {
                    r.get(0)
                })
                .optional()?
                .flatten());
        }
        return Ok(tx
            .query_row("SELECT group_id FROM posts WHERE id = ?1", [p], |r| {
                r.get(0)
            })
            .optional()?);
    }
    if let Some(c) = op.comment_id() {
        if c < 0 {
            return Ok(tx
                .query_row("SELECT group_id FROM outbox WHERE id = ?1", [-c], |r| {
                    r.get(0)
                })
                .optional()?
                .flatten());
        }
        return Ok(tx
            .query_row("SELECT group_id FROM comments WHERE id = ?1", [c], |r| {
                r.get(0)
            })
            .optional()?);
    }
    Ok(None)
}
