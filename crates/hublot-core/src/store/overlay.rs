//! The outbox seen as an overlay on the cached rows: what the user did and
//! the server has not confirmed yet, applied to the views at query time.

use std::collections::{HashMap, HashSet};

use hublot_api::{Id, Millis, NewPoll};
use rusqlite::Connection;
use uuid::Uuid;

use super::outbox::{load_all, OutboxOp};
use super::StoreError;
use crate::views::SendState;

/// A post or comment that exists only in the outbox.
pub(super) struct PendingItem {
    /// The outbox id; the item's local id is its negation.
    pub outbox_id: Id,
    pub client_id: Uuid,
    /// The group (post) or the post (comment), maybe negative.
    pub parent: Id,
    pub body: String,
    pub poll: Option<NewPoll>,
    pub created_at: Millis,
    pub state: SendState,
}

/// Everything pending, indexed for the view queries.
#[derive(Default)]
pub(super) struct Overlay {
    pub posts: Vec<PendingItem>,
    pub comments: Vec<PendingItem>,
    /// Post id (maybe negative) → pending new body and its time.
    pub post_edits: HashMap<Id, (String, Millis)>,
    /// Posts whose deletion is queued: hidden.
    pub post_deletes: HashSet<Id>,
    pub comment_edits: HashMap<Id, (String, Millis)>,
    pub comment_deletes: HashSet<Id>,
    pub likes: HashMap<Id, bool>,
    pub votes: HashMap<Id, Vec<Id>>,
    pub read: HashMap<Id, Id>,
    pub joined: HashMap<Id, bool>,
    pub following: HashMap<Id, bool>,
    /// Post or comment ids with a queued change (edit, delete).
    pub pending_targets: HashSet<(bool, Id)>,
    /// Post or comment ids with a refused change: (reason, outbox id).
    pub failed_targets: HashMap<(bool, Id), (String, Id)>,
}

impl Overlay {
    /// Reads the outbox (small: the user's unsent work).
    pub(super) fn load(conn: &Connection) -> Result<Overlay, StoreError> {
        let mut o = Overlay::default();
        for row in load_all(conn)? {
            let failed = row.failed.is_some();
            let state = match &row.failed {
                Some(reason) => SendState::Failed {
                    reason: reason.clone(),
                    outbox_id: row.id,
                },
                None => SendState::Pending,
            };
            let mut target = |is_post: bool, id: Id| {
                if let Some(reason) = &row.failed {
                    o.failed_targets
                        .insert((is_post, id), (reason.clone(), row.id));
                } else {
                    o.pending_targets.insert((is_post, id));
                }
            };
            match row.op {
                OutboxOp::CreatePost {
                    group_id,
                    body,
                    poll,
                } => o.posts.push(PendingItem {
                    outbox_id: row.id,
                    client_id: row.client_id,
                    parent: group_id,
                    body,
                    poll,
                    created_at: row.created_at,
                    state,
                }),
                OutboxOp::CreateComment { post_id, body } => o.comments.push(PendingItem {
                    outbox_id: row.id,
                    client_id: row.client_id,
                    parent: post_id,
                    body,
                    poll: None,
                    created_at: row.created_at,
                    state,
                }),
                OutboxOp::EditPost { post_id, body } => {
                    target(true, post_id);
                    o.post_edits.insert(post_id, (body, row.created_at));
                }
                OutboxOp::DeletePost { post_id } => {
                    target(true, post_id);
                    if !failed {
                        o.post_deletes.insert(post_id);
                    }
                }
                OutboxOp::EditComment { comment_id, body } => {
                    target(false, comment_id);
                    o.comment_edits.insert(comment_id, (body, row.created_at));
                }
                OutboxOp::DeleteComment { comment_id } => {
                    target(false, comment_id);
                    if !failed {
                        o.comment_deletes.insert(comment_id);
                    }
                }
                OutboxOp::SetLike { post_id, liked } => {
                    o.likes.insert(post_id, liked);
                }
                OutboxOp::Vote {
                    post_id,
                    option_ids,
                } => {
                    o.votes.insert(post_id, option_ids);
                }
                OutboxOp::MarkRead {
                    group_id,
                    last_read_post_id,
                } => {
                    let e = o.read.entry(group_id).or_insert(last_read_post_id);
                    *e = (*e).max(last_read_post_id);
                }
                OutboxOp::SetMembership { group_id, joined } => {
                    o.joined.insert(group_id, joined);
                }
                OutboxOp::SetFollow {
                    group_id,
                    following,
                } => {
                    o.following.insert(group_id, following);
                }
            }
        }
        Ok(o)
    }

    /// The send state of a cached post or comment: pending or failed when a
    /// change of it is in the outbox.
    pub(super) fn state_of(&self, is_post: bool, id: Id) -> SendState {
        if let Some((reason, outbox_id)) = self.failed_targets.get(&(is_post, id)) {
            return SendState::Failed {
                reason: reason.clone(),
                outbox_id: *outbox_id,
            };
        }
        if self.pending_targets.contains(&(is_post, id)) {
            return SendState::Pending;
        }
        SendState::Sent
    }

    /// Pending comments on a post, counting its pending deletions of comments.
    pub(super) fn comment_delta(&self, post_id: Id) -> i64 {
        self.comments
            .iter()
            .filter(|c| c.parent == post_id && !self.comment_deletes.contains(&-c.outbox_id))
            .count() as i64
    }
}
