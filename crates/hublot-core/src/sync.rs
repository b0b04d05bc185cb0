//! The sync engine: keeps the cache in step with the server.
//!
//! A *pass* bootstraps when the cache has no cursor (or the server answered
//! `410 Gone`), then reads the change feed until `more == false`, applying
//! each batch with its cursor in one transaction (the store does that), so a
//! crash leaves the cache at a batch boundary. Everything up to the end of the
//! first complete pass is the *first sync*: it raises no notification.
//!
//! The loop runs a pass, then waits for a ping of the event stream, a
//! `sync_now`, or the polling timer (30 s while the stream is down). On errors
//! it backs off with full jitter (0.5 s to 60 s) or as `Retry-After` says,
//! showing *offline* for network failures and *error* for a server or cache
//! that misbehaves; `401` signs the session out and stops everything.

pub mod backoff;

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use hublot_api::{Change, Id, Millis, PostPageQuery, SyncResponse};

use crate::client::ServerEvent;
use crate::error::{ClientError, SessionError};
use crate::facts::BatchFacts;
use crate::session::{
    now_millis, online_error, Shared, SETTING_FIRST_SYNC_DONE, SETTING_LAST_SYNCED,
};
use crate::views::{FeedQuery, SyncState};

pub use backoff::Backoff;

/// Changes asked for per `/v1/sync` call: large batches make the initial sync
/// fast; each is still one transaction.
pub const SYNC_BATCH: u32 = hublot_api::limits::MAX_SYNC_LIMIT;
/// Polling interval while the event stream is down.
pub const POLL_INTERVAL: Duration = Duration::from_secs(30);
/// Polling interval while the event stream is up (a safety net only).
pub const STREAM_POLL_INTERVAL: Duration = Duration::from_secs(300);

/// Runs a store operation on the blocking pool (SQLite writes may take a
/// while; the async threads keep serving the UI and the network).
async fn blocking<T: Send + 'static>(
    shared: &Arc<Shared>,
    f: impl FnOnce(&crate::store::Store) -> Result<T, crate::store::StoreError> + Send + 'static,
) -> Result<T, SessionError> {
    let store = shared.store.clone();
    tokio::task::spawn_blocking(move || f(&store))
        .await
        .map_err(|e| SessionError::Internal(format!("a cache task failed: {e}")))?
        .map_err(SessionError::Store)
}

/// One pass: bootstrap if needed, then the feed until it has no more.
/// Returns the number of changes applied.
pub(crate) async fn run_pass(shared: &Arc<Shared>) -> Result<u64, SessionError> {
    let _guard = shared.sync_lock.lock().await;
    let mut applied: u64 = 0;
    let done: bool = shared
        .store
        .get_setting(SETTING_FIRST_SYNC_DONE)?
        .unwrap_or(false);
    let mut first_sync = !done;
    let mut rebootstrap = false;
    // Reading the change feed from its beginning (full history, after a
    // bootstrap): there is no cursor until the first batch is applied.
    let mut from_start = false;
    // The next batch, asked for while the previous one is being written: the
    // download and decoding of one batch overlap the writing of the other.
    let mut prefetched: Option<Prefetch> = None;
    shared.set_state(SyncState::Syncing { applied: 0 });
    loop {
        if rebootstrap || (!from_start && shared.store.cursor()?.is_none()) {
            rebootstrap = false;
            let b = shared.client.bootstrap().await?;
            check_cursor(&b.cursor)?;
            let n = (b.users.len() + b.groups.len() + b.posts.len() + b.comments.len()) as u64;
            shared.store.set_setting(SETTING_FIRST_SYNC_DONE, &false)?;
            first_sync = true;
            let facts = blocking(shared, move |s| s.apply_bootstrap(&b)).await?;
            applied += n;
            shared.set_state(SyncState::Syncing { applied });
            shared.changed(facts.changed);
            if shared.full_history.load(Ordering::SeqCst) {
                shared.store.forget_cursor()?;
                from_start = true;
            }
        }
        let me = shared.store.me()?;
        let fetched = match prefetched.take() {
            Some(next) => next.answer().await?,
            None => {
                let cursor = shared.store.cursor()?;
                shared
                    .client
                    .sync(
                        cursor.as_deref(),
                        Some(shared.sync_batch.load(Ordering::SeqCst)),
                    )
                    .await
            }
        };
        let resp = match fetched {
            Ok(r) => r,
            Err(ClientError::Gone { .. }) => {
                // The server no longer keeps changes this old: start again
                // from a bootstrap. The outbox is not touched.
                tracing::info!("the change feed answered 410 Gone: bootstrapping again");
                rebootstrap = true;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        check_cursor(&resp.cursor)?;
        let more = resp.more;
        let n = resp.changes.len() as u64;
        let joined = if first_sync {
            Vec::new()
        } else {
            groups_joined(&resp, me)
        };
        if more && !shared.stopped() {
            // Continues from this batch's cursor, which is only stored with
            // the batch: if writing it fails, the answer is thrown away.
            prefetched = Some(Prefetch::start(shared, resp.cursor.clone()));
        }
        let facts: BatchFacts = blocking(shared, move |s| s.apply_sync(&resp, first_sync)).await?;
        applied += n;
        shared.set_state(SyncState::Syncing { applied });
        shared.notify(&facts);
        shared.changed(facts.changed);
        for g in joined {
            fetch_recent(shared, g).await?;
        }
        if !more {
            if first_sync {
                shared.store.set_setting(SETTING_FIRST_SYNC_DONE, &true)?;
            }
            shared
                .store
                .set_setting(SETTING_LAST_SYNCED, &now_millis())?;
            return Ok(applied);
        }
        if shared.stopped() {
            return Ok(applied);
        }
    }
}

/// A `/v1/sync` request running on its own task; dropped, it is cancelled.
struct Prefetch(tokio::task::JoinHandle<Result<SyncResponse, ClientError>>);

impl Prefetch {
    fn start(shared: &Arc<Shared>, cursor: String) -> Prefetch {
        let shared = shared.clone();
        Prefetch(tokio::spawn(async move {
            let limit = shared.sync_batch.load(Ordering::SeqCst);
            shared.client.sync(Some(&cursor), Some(limit)).await
        }))
    }

    /// The server's answer (or why there is none).
    async fn answer(mut self) -> Result<Result<SyncResponse, ClientError>, SessionError> {
        (&mut self.0)
            .await
            .map_err(|e| SessionError::Internal(format!("a sync request failed: {e}")))
    }
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Longest cursor accepted: cursors are short tokens; an enormous one would
/// be stored and sent back in every later request.
pub const MAX_CURSOR_LEN: usize = 1024;

/// Refuses a cursor no sane server sends (empty or enormous).
fn check_cursor(cursor: &str) -> Result<(), ClientError> {
    if cursor.is_empty() || cursor.len() > MAX_CURSOR_LEN {
        return Err(ClientError::Decode {
            what: "the change feed".into(),
            detail: format!(
                "its cursor is {} bytes long (expected 1 to {MAX_CURSOR_LEN})",
                cursor.len()
            ),
        });
    }
    Ok(())
}

/// Groups this batch made the user a member of.
fn groups_joined(resp: &SyncResponse, me: Option<Id>) -> Vec<Id> {
    let Some(me) = me else { return Vec::new() };
    let mut out: Vec<Id> = resp
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Membership(m) if m.user_id == me => Some(m.group_id),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Fetches the newest page of a group just joined (its history predates the
/// cursor, so the change feed does not carry it).
pub(crate) async fn fetch_recent(shared: &Arc<Shared>, group_id: Id) -> Result<(), SessionError> {
    let page = match shared
        .client
        .group_posts(group_id, &PostPageQuery::default())
        .await
    {
        Ok(p) => p,
        // Left again or deleted meanwhile: nothing to fetch.
        Err(ClientError::NotFound { .. } | ClientError::Forbidden { .. }) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let facts = blocking(shared, move |s| s.apply_post_page(group_id, &page)).await?;
    shared.changed(facts.changed);
    Ok(())
}

/// One page of a group's older history into the cache; the number of posts.
pub(crate) async fn fetch_history(shared: &Arc<Shared>, group_id: Id) -> Result<u32, SessionError> {
    let before = match shared.store.oldest_gap(group_id)? {
        Some(b) => Some(b),
        None => {
            let cached = shared.store.feed(&FeedQuery {
                group_id: Some(group_id),
                before: None,
                limit: Some(1),
            })?;
            if cached.posts.iter().any(|p| p.id.is_some()) {
                return Ok(0);
            }
            None
        }
    };
    let page = shared
        .client
        .group_posts(
            group_id,
            &PostPageQuery {
                before,
                limit: Some(hublot_api::limits::DEFAULT_PAGE_LIMIT),
            },
        )
        .await
        .map_err(online_error)?;
    let n = page.posts.len() as u32;
    let facts = blocking(shared, move |s| s.apply_post_page(group_id, &page)).await?;
    shared.changed(facts.changed);
    Ok(n)
}

/// How a failed pass shows, and how long to wait.
enum Failure {
    SignedOut,
    Offline(Option<Duration>),
    Error(String, Option<Duration>),
}

fn classify(e: &SessionError) -> Failure {
    match e {
        SessionError::SignedOut | SessionError::Client(ClientError::Unauthorized { .. }) => {
            Failure::SignedOut
        }
        SessionError::Client(c) | SessionError::Offline(c) if c.is_offline() => {
            Failure::Offline(c.retry_after())
        }
        SessionError::Client(c) => Failure::Error(c.to_string(), c.retry_after()),
        other => Failure::Error(other.to_string(), None),
    }
}

fn at(delay: Duration) -> Millis {
    now_millis() + delay.as_millis() as Millis
}

/// The background sync loop.
pub(crate) async fn sync_loop(shared: Arc<Shared>) {
    let mut backoff = Backoff::default();
    let mut trouble_since: Option<Millis> = None;
    let mut stop = shared.stop.subscribe();
    loop {
        if shared.stopped() {
            return;
        }
        let result = run_pass(&shared).await;
        let healthy = result.is_ok();
        let wait = match result {
            Ok(_) => {
                backoff.reset();
                trouble_since = None;
                shared.set_state(SyncState::Online);
                // The network is back: the sender may go on.
                shared.wake_sender.notify_one();
                if shared.stream_up.load(Ordering::SeqCst) {
                    STREAM_POLL_INTERVAL
                } else {
                    POLL_INTERVAL
                }
            }
            Err(e) => {
                let since = *trouble_since.get_or_insert_with(now_millis);
                match classify(&e) {
                    Failure::SignedOut => {
                        tracing::warn!("the server refused the token: signed out");
                        shared.set_state(SyncState::SignedOut);
                        shared.stop.send_replace(true);
                        return;
                    }
                    Failure::Offline(retry_after) => {
                        let d = backoff.next_delay(retry_after);
                        tracing::info!("offline: {e}; next attempt in {d:?}");
                        shared.set_state(SyncState::Offline {
                            since,
                            retry_at: Some(at(d)),
                        });
                        d
                    }
                    Failure::Error(reason, retry_after) => {
                        let d = backoff.next_delay(retry_after);
                        tracing::warn!("sync failed: {reason}; next attempt in {d:?}");
                        shared.set_state(SyncState::Error {
                            reason,
                            since,
                            retry_at: Some(at(d)),
                        });
                        d
                    }
                }
            }
        };
        if healthy {
            tokio::select! {
                _ = shared.wake_sync.notified() => {}
                _ = shared.user_sync.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = stop.changed() => {}
            }
        } else {
            // Pings do not shorten a backoff (nor a Retry-After); the user may.
            tokio::select! {
                _ = shared.user_sync.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

/// Listens to the event stream and wakes the sync loop when the feed moves.
pub(crate) async fn events_loop(shared: Arc<Shared>) {
    let mut backoff = Backoff::default();
    let mut stop = shared.stop.subscribe();
    loop {
        if shared.stopped() {
            return;
        }
        let opened = tokio::select! {
            r = shared.client.events() => r,
            _ = stop.changed() => return,
        };
        match opened {
            Ok(mut stream) => {
                backoff.reset();
                shared.stream_up.store(true, Ordering::SeqCst);
                // Pings may have been missed while the stream was down.
                shared.wake_sync.notify_one();
                loop {
                    let ev = tokio::select! {
                        ev = stream.next() => ev,
                        _ = stop.changed() => {
                            shared.stream_up.store(false, Ordering::SeqCst);
                            return;
                        }
                    };
                    match ev {
                        Ok(Some(ServerEvent::Ping(_))) => shared.wake_sync.notify_one(),
                        Ok(Some(ServerEvent::Heartbeat(cursor))) => {
                            let stored = shared.store.cursor().ok().flatten();
                            if !cursor.is_empty() && stored.as_deref() != Some(cursor.as_str()) {
                                shared.wake_sync.notify_one();
                            }
                        }
                        Ok(None) => break,
                        Err(e) => {
                            tracing::debug!("event stream lost: {e}");
                            break;
                        }
                    }
                }
                shared.stream_up.store(false, Ordering::SeqCst);
                // Polling takes over now: make sure it starts from a fresh pass.
                shared.wake_sync.notify_one();
            }
            Err(e) => tracing::debug!("event stream unavailable: {e}"),
        }
        let d = backoff.next_delay(None);
        tokio::select! {
            _ = tokio::time::sleep(d) => {}
            _ = stop.changed() => return,
        }
    }
}
