//! The outbox sender: sends what the user did, in order per group, exactly once.
//!
//! Each item maps to one API call carrying its `client_id` (creates are
//! idempotent on the server: a retry after a lost answer returns the first
//! result). Success writes the server's answer into the cache in the same
//! transaction that removes the item, so nothing flickers.
//!
//! Order matters within a group (a comment must not overtake its post, an
//! edit its creation), not between groups, so the outbox drains as one queue
//! per group ([`Store::outbox_heads`](crate::store::Store::outbox_heads)):
//! a transient failure (5xx, an unreadable answer) keeps the item, counts the
//! attempt and holds back its group until the next attempt, while the other
//! groups go on; a permanent refusal marks the item failed with the server's
//! reason and holds back its group until the user retries or discards it.
//! When the server cannot be reached at all, or asks to slow down (429, 503),
//! the whole drain stops and backs off. Deleting something the server no
//! longer has counts as done.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use hublot_api::{CreateComment, CreatePost, Id, ReactionKind};

use crate::client::ApiClient;
use crate::error::{ClientError, SessionError};
use crate::session::Shared;
use crate::store::{OutboxEntry, OutboxOp, SentOutcome};
use crate::sync::Backoff;
use crate::views::{CacheChanged, SyncState};

/// Idle re-check of the outbox when nothing wakes the sender.
const IDLE_CHECK: Duration = Duration::from_secs(60);

/// What one drain did.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Drained {
    pub sent: u32,
    pub failed: u32,
}

/// Sends one item; the server's answer as the store takes it.
pub(crate) async fn send_one(
    client: &ApiClient,
    e: &OutboxEntry,
) -> Result<SentOutcome, ClientError> {
    let done_if_gone = |r: Result<(), ClientError>| match r {
        Ok(()) | Err(ClientError::NotFound { .. }) => Ok(SentOutcome::Done),
        Err(e) => Err(e),
    };
    match &e.op {
        OutboxOp::CreatePost {
            group_id,
            body,
            poll,
        } => client
            .create_post(&CreatePost {
                client_id: e.client_id,
                group_id: *group_id,
                body: body.clone(),
                poll: poll.clone(),
            })
            .await
            .map(SentOutcome::Post),
        OutboxOp::EditPost { post_id, body } => client
            .edit_post(*post_id, body)
            .await
            .map(SentOutcome::Post),
        OutboxOp::DeletePost { post_id } => done_if_gone(client.delete_post(*post_id).await),
        OutboxOp::CreateComment { post_id, body } => client
            .create_comment(
                *post_id,
                &CreateComment {
                    client_id: e.client_id,
                    body: body.clone(),
                },
            )
            .await
            .map(SentOutcome::Comment),
        OutboxOp::EditComment { comment_id, body } => client
            .edit_comment(*comment_id, body)
            .await
            .map(SentOutcome::Comment),
        OutboxOp::DeleteComment { comment_id } => {
            done_if_gone(client.delete_comment(*comment_id).await)
        }
        OutboxOp::SetLike { post_id, liked } => client
            .set_reaction(*post_id, ReactionKind::Like, *liked)
            .await
            .map(SentOutcome::Post),
        OutboxOp::Vote {
            post_id,
            option_ids,
        } => client
            .vote(*post_id, option_ids)
            .await
            .map(SentOutcome::Post),
        OutboxOp::MarkRead {
            group_id,
            last_read_post_id,
        } => client
            .set_read_marker(*group_id, *last_read_post_id)
            .await
            .map(|_| SentOutcome::Done),
        OutboxOp::SetMembership { group_id, joined } => client
            .set_membership(*group_id, *joined)
            .await
            .map(|_| SentOutcome::Done),
        OutboxOp::SetFollow {
            group_id,
            following,
        } => client
            .set_follow(*group_id, *following)
            .await
            .map(|_| SentOutcome::Done),
    }
}

/// True for a failure that concerns the server as a whole, not one item:
/// unreachable, or asking every client to slow down.
fn stops_everything(e: &ClientError) -> bool {
    e.is_offline()
        || matches!(
            e,
            ClientError::RateLimited { .. } | ClientError::Unavailable { .. }
        )
}

/// Sends every group's items in order, the groups side by side (one item per
/// group per round). A transient failure holds back its group for the rest
/// of this drain and is returned at the end (after the other groups were
/// sent) so the caller backs off; see the module's comment.
pub(crate) async fn drain(shared: &Arc<Shared>) -> Result<Drained, SessionError> {
    let _guard = shared.send_lock.lock().await;
    let mut out = Drained::default();
    let mut held: HashSet<Option<Id>> = HashSet::new();
    let mut transient: Option<ClientError> = None;
    loop {
        let heads: Vec<(Option<Id>, OutboxEntry)> = shared
            .store
            .outbox_heads()?
            .into_iter()
            .filter(|(group, _)| !held.contains(group))
            .collect();
        if heads.is_empty() {
            break;
        }
        for (group, entry) in heads {
            if shared.stopped() {
                return Ok(out);
            }
            match send_one(&shared.client, &entry).await {
                Ok(outcome) => {
                    let changed = shared.store.outbox_mark_sent(entry.id, outcome)?;
                    shared.changed(changed);
                    out.sent += 1;
                    if let OutboxOp::SetMembership {
                        group_id,
                        joined: true,
                    } = entry.op
                    {
                        // A group just joined: show its recent posts at once.
                        if let Err(e) = crate::sync::fetch_recent(shared, group_id).await {
                            tracing::info!("recent posts of group {group_id} not fetched yet: {e}");
                        }
                    }
                }
                Err(ClientError::Unauthorized { .. }) => return Err(SessionError::SignedOut),
                Err(e) if e.is_transient() => {
                    shared.store.outbox_note_attempt(entry.id, &e.to_string())?;
                    if stops_everything(&e) {
                        shared.refresh_counts();
                        return Err(SessionError::Client(e));
                    }
                    tracing::info!("outbox: group {group:?} held back: {e}");
                    held.insert(group);
                    transient.get_or_insert(e);
                }
                Err(e) => {
                    let reason = e
                        .server_message()
                        .map(str::to_string)
                        .unwrap_or_else(|| e.to_string());
                    shared.store.outbox_mark_failed(entry.id, &reason)?;
                    shared.changed(CacheChanged {
                        outbox: true,
                        ..CacheChanged::default()
                    });
                    out.failed += 1;
                }
            }
        }
        shared.refresh_counts();
    }
    shared.refresh_counts();
    match transient {
        Some(e) => Err(SessionError::Client(e)),
        None => Ok(out),
    }
}

/// The background sender: drains when woken (new item, network back) and
/// backs off on transient failures.
pub(crate) async fn sender_loop(shared: Arc<Shared>) {
    let mut backoff = Backoff::default();
    let mut stop = shared.stop.subscribe();
    loop {
        if shared.stopped() {
            return;
        }
        let wait = match drain(&shared).await {
            Ok(d) => {
                backoff.reset();
                if d.sent > 0 {
                    // Bring the server's side of what was sent (counters, echoes).
                    shared.wake_sync.notify_one();
                }
                IDLE_CHECK
            }
            Err(SessionError::SignedOut) => {
                shared.set_state(SyncState::SignedOut);
                shared.stop.send_replace(true);
                return;
            }
            Err(e) => {
                let retry_after = match &e {
                    SessionError::Client(c) => c.retry_after(),
                    _ => None,
                };
                let d = backoff.next_delay(retry_after);
                tracing::info!("outbox paused: {e}; next attempt in {d:?}");
                d
            }
        };
        tokio::select! {
            _ = shared.wake_sender.notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = stop.changed() => return,
        }
    }
}
