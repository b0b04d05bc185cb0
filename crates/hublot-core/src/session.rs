//! The session: one signed-in account, its cache, and the background tasks
//! that keep the cache in step with the server and send the outbox.
//!
//! The desktop shell and the command line use [`Session`] and nothing else:
//! the cache is usable as soon as [`Session::open`] returns (offline too);
//! [`Session::start`] runs the sync loop, the event-stream listener and the
//! outbox sender behind it. Core never stores the token: the caller gets it
//! from the OS keyring and passes it in.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use hublot_api::{Id, Millis, NewPoll};
use tokio::sync::{broadcast, watch, Notify};
use tokio::task::JoinHandle;

use crate::client::ApiClient;
use crate::error::{ClientError, SessionError};
use crate::facts::BatchFacts;
use crate::notify::{self, Language, LocalTime, PolicyInput};
use crate::store::{OpenReport, OutboxEntry, OutboxOp, Store};
use crate::views::{
    CacheChanged, FeedQuery, NotificationSettings, NotificationView, OutboxState, SyncState,
    SyncStatus,
};

/// The setting key (in the cache) of the user's [`NotificationSettings`].
pub const SETTING_NOTIFICATIONS: &str = "notifications";
/// The setting key of the UI language: `"fr"`, `"en"` or `"system"`.
pub const SETTING_LANGUAGE: &str = "language";
/// The setting key recording that the first sync completed (no notification before).
pub(crate) const SETTING_FIRST_SYNC_DONE: &str = "sync.first_sync_done";
/// The setting key of the last time the cache was fully up to date.
pub(crate) const SETTING_LAST_SYNCED: &str = "sync.last_synced_at";

/// What a session needs to open.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// The cache file (see [`cache_path`]).
    pub cache_path: PathBuf,
    /// The server's address, e.g. `https://hublot.example.org`.
    pub server: String,
    /// The bearer token, from the OS keyring.
    pub token: String,
}

/// A stable, file-name-safe key for an account: the server's host (and port)
/// and the login, e.g. `hublot.example.org-marie.dupont`.
pub fn account_key(server: &str, login: &str) -> String {
    let host = reqwest::Url::parse(server)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}_{p}"),
                None => h.to_string(),
            })
        })
        .unwrap_or_else(|| server.to_string());
    let raw = format!("{host}-{login}");
    raw.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Where the cache of an account lives: `<data_dir>/caches/<key>.sqlite3`, or
/// the OS data directory when `data_dir` is None.
pub fn cache_path(data_dir: Option<&Path>, account_key: &str) -> Result<PathBuf, SessionError> {
    match data_dir {
        Some(d) => Ok(d.join("caches").join(format!("{account_key}.sqlite3"))),
        None => Ok(Store::default_path(account_key)?),
    }
}

/// The milliseconds since the Unix epoch now.
pub fn now_millis() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as Millis)
        .unwrap_or(0)
}

/// State shared by the session and its tasks.
pub(crate) struct Shared {
    pub store: Store,
    pub client: ApiClient,
    pub status: watch::Sender<SyncStatus>,
    pub changes: broadcast::Sender<CacheChanged>,
    pub notifications: broadcast::Sender<Vec<NotificationView>>,
    /// Wakes the sync loop (event-stream ping, `sync_now`, a sent item).
    pub wake_sync: Notify,
    /// Wakes the sync loop even during a backoff (the user asked).
    pub user_sync: Notify,
    /// Wakes the outbox sender (a new item, the network back).
    pub wake_sender: Notify,
    /// True while the event stream is connected (polling slows down).
    pub stream_up: AtomicBool,
    /// Set on stop or sign-out: every task ends.
    pub stop: watch::Sender<bool>,
    /// One drain of the outbox at a time.
    pub send_lock: tokio::sync::Mutex<()>,
    /// One sync pass at a time.
    pub sync_lock: tokio::sync::Mutex<()>,
    /// Changes asked for per `/v1/sync` request.
    pub sync_batch: std::sync::atomic::AtomicU32,
    /// A first sync reads the whole change feed (see `set_full_history`).
    pub full_history: AtomicBool,
}

impl Shared {
    /// Tells listeners what changed (nobody listening is fine).
    pub fn changed(&self, c: CacheChanged) {
        let _ = self.changes.send(c);
    }

    /// Updates the state, keeping the outbox counts current.
    pub fn set_state(&self, state: SyncState) {
        let (pending, failed) = self.outbox_counts();
        let last = self
            .store
            .get_setting::<Millis>(SETTING_LAST_SYNCED)
            .ok()
            .flatten();
        self.status.send_modify(|s| {
            s.state = state;
            s.pending = pending;
            s.failed = failed;
            if last.is_some() {
                s.last_synced_at = last;
            }
        });
    }

    /// Refreshes the outbox counts only.
    pub fn refresh_counts(&self) {
        let (pending, failed) = self.outbox_counts();
        self.status.send_if_modified(|s| {
            let changed = s.pending != pending || s.failed != failed;
            s.pending = pending;
            s.failed = failed;
            changed
        });
    }

    fn outbox_counts(&self) -> (u32, u32) {
        match self.store.outbox_list() {
            Ok(items) => {
                let failed = items
                    .iter()
                    .filter(|i| matches!(i.state, OutboxState::Failed { .. }))
                    .count() as u32;
                (items.len() as u32 - failed, failed)
            }
            Err(_) => (0, 0),
        }
    }

    pub fn stopped(&self) -> bool {
        *self.stop.borrow()
    }

    /// Runs the notification policy on an applied batch, records what it
    /// raises and broadcasts it. Failures here never stop the sync.
    pub fn notify(&self, facts: &BatchFacts) {
        if facts.first_sync || (facts.new_posts.is_empty() && facts.new_mentions.is_empty()) {
            return;
        }
        if let Err(e) = self.try_notify(facts) {
            tracing::warn!("notification policy skipped a batch: {e}");
        }
    }

    fn try_notify(&self, facts: &BatchFacts) -> Result<(), SessionError> {
        let Some(me) = self.store.me()? else {
            return Ok(());
        };
        let followed = self.store.followed_groups()?;
        let settings: NotificationSettings = self
            .store
            .get_setting(SETTING_NOTIFICATIONS)?
            .unwrap_or_default();
        let language = self.language();
        let mut keys: Vec<Id> = facts.new_posts.iter().map(|p| p.post_id).collect();
        keys.extend(facts.new_mentions.iter().map(notify::raised_key_of_mention));
        let raised: HashSet<Id> = self.store.raised_filter(&keys)?;
        let decision = notify::decide(&PolicyInput {
            facts,
            me,
            followed_groups: &followed,
            settings: &settings,
            already_raised: &raised,
            local: local_time(),
            now: now_millis(),
            language,
        });
        if !decision.raised.is_empty() {
            self.store.record_raised(&decision.raised)?;
        }
        if !decision.notifications.is_empty() {
            let _ = self.notifications.send(decision.notifications);
        }
        Ok(())
    }

    fn language(&self) -> Language {
        let set: Option<String> = self.store.get_setting(SETTING_LANGUAGE).ok().flatten();
        match set.as_deref() {
            Some("fr") => Language::Fr,
            Some("en") => Language::En,
            _ => {
                let tag = std::env::var("LC_ALL")
                    .or_else(|_| std::env::var("LC_MESSAGES"))
                    .or_else(|_| std::env::var("LANG"))
                    .unwrap_or_default();
                Language::from_tag(&tag)
            }
        }
    }
}

/// The local weekday and minute of day, for quiet hours.
pub fn local_time() -> LocalTime {
    use chrono::{Datelike, Timelike};
    let now = chrono::Local::now();
    LocalTime {
        iso_weekday: now.weekday().number_from_monday() as u8,
        minute_of_day: (now.hour() * 60 + now.minute()) as u16,
    }
}

/// One signed-in account: its cache, its API client and its background tasks.
/// Cheap to clone.
#[derive(Clone)]
pub struct Session {
    shared: Arc<Shared>,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
    report: OpenReport,
    started: Arc<AtomicBool>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("store", &self.shared.store)
            .field("client", &self.shared.client)
            .finish()
    }
}

impl Session {
    /// Opens the cache and prepares the client. No network access: the cache
    /// is usable at once, offline too.
    pub fn open(config: SessionConfig) -> Result<Session, SessionError> {
        let client = ApiClient::new(&config.server, Some(config.token))?;
        let (store, report) = Store::open(&config.cache_path)?;
        Ok(Session::with_parts(store, client, report))
    }

    /// A session over an already opened store and client (tests, the demo).
    pub fn with_parts(store: Store, client: ApiClient, report: OpenReport) -> Session {
        let last_synced_at = store
            .get_setting::<Millis>(SETTING_LAST_SYNCED)
            .ok()
            .flatten();
        let (status, _) = watch::channel(SyncStatus {
            state: SyncState::Offline {
                since: now_millis(),
                retry_at: None,
            },
            last_synced_at,
            pending: 0,
            failed: 0,
        });
        let (changes, _) = broadcast::channel(256);
        let (notifications, _) = broadcast::channel(64);
        let (stop, _) = watch::channel(false);
        let shared = Arc::new(Shared {
            store,
            client,
            status,
            changes,
            notifications,
            wake_sync: Notify::new(),
            user_sync: Notify::new(),
            wake_sender: Notify::new(),
            stream_up: AtomicBool::new(false),
            stop,
            send_lock: tokio::sync::Mutex::new(()),
            sync_lock: tokio::sync::Mutex::new(()),
            sync_batch: std::sync::atomic::AtomicU32::new(crate::sync::SYNC_BATCH),
            full_history: AtomicBool::new(false),
        });
        shared.refresh_counts();
        Session {
            shared,
            tasks: Arc::new(Mutex::new(Vec::new())),
            report,
            started: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The cache, for the view queries (feed, search, profile…).
    pub fn store(&self) -> &Store {
        &self.shared.store
    }

    /// The API client (signed in).
    pub fn client(&self) -> &ApiClient {
        &self.shared.client
    }

    /// What opening the cache had to do (rebuilt after corruption, outbox salvaged…).
    pub fn open_report(&self) -> &OpenReport {
        &self.report
    }

    /// Starts the background tasks on the current tokio runtime: the sync
    /// loop, the event-stream listener and the outbox sender. Calling it
    /// twice does nothing.
    pub fn start(&self) {
        if self.started.swap(true, Ordering::SeqCst) {
            return;
        }
        let mut tasks = self.tasks.lock().unwrap_or_else(|p| p.into_inner());
        tasks.push(tokio::spawn(crate::sync::sync_loop(self.shared.clone())));
        tasks.push(tokio::spawn(crate::sync::events_loop(self.shared.clone())));
        tasks.push(tokio::spawn(crate::sender::sender_loop(
            self.shared.clone(),
        )));
    }

    /// Stops the background tasks and waits for them (a batch being applied
    /// finishes first: its transaction is never cut).
    pub async fn shutdown(&self) {
        self.shared.stop.send_replace(true);
        self.shared.wake_sync.notify_one();
        self.shared.wake_sender.notify_one();
        let tasks: Vec<JoinHandle<()>> = {
            let mut t = self.tasks.lock().unwrap_or_else(|p| p.into_inner());
            t.drain(..).collect()
        };
        for t in tasks {
            let _ = t.await;
        }
    }

    /// Changes asked for per `/v1/sync` request (1 to the API's maximum):
    /// smaller batches commit more often, larger ones sync faster.
    pub fn set_sync_batch(&self, changes: u32) {
        let n = changes.clamp(1, hublot_api::limits::MAX_SYNC_LIMIT);
        self.shared.sync_batch.store(n, Ordering::SeqCst);
    }

    /// When set, a first sync (or a new bootstrap) goes on with the whole
    /// change feed from its beginning, bringing every post the user may see,
    /// instead of only the recent posts of the bootstrap (older history is
    /// otherwise paged on demand). For full offline copies and for the sync
    /// benchmark, which measures the streaming path with it.
    pub fn set_full_history(&self, on: bool) {
        self.shared.full_history.store(on, Ordering::SeqCst);
    }

    /// Asks the sync loop to sync at once.
    pub fn sync_now(&self) {
        self.shared.user_sync.notify_one();
        self.shared.wake_sender.notify_one();
    }

    /// Syncs once to the end without the background loop (the command line):
    /// bootstrap if needed, the change feed until `more == false`, then the
    /// outbox, then the feed again if anything was sent.
    pub async fn sync_once(&self) -> Result<SyncReport, SessionError> {
        let mut report = SyncReport::default();
        report.changes += crate::sync::run_pass(&self.shared).await?;
        let drained = crate::sender::drain(&self.shared).await?;
        report.sent = drained.sent;
        report.failed = drained.failed;
        if drained.sent > 0 {
            report.changes += crate::sync::run_pass(&self.shared).await?;
        }
        Ok(report)
    }

    /// The engine's state; `changed().await` on it to follow it.
    pub fn status(&self) -> watch::Receiver<SyncStatus> {
        self.shared.status.subscribe()
    }

    /// What changed in the cache, as it happens.
    pub fn subscribe_changes(&self) -> broadcast::Receiver<CacheChanged> {
        self.shared.changes.subscribe()
    }

    /// Notifications decided by the policy, one vector per applied batch.
    pub fn subscribe_notifications(&self) -> broadcast::Receiver<Vec<NotificationView>> {
        self.shared.notifications.subscribe()
    }

    /// Queues something the user did in the outbox (shown at once, pending)
    /// and wakes the sender.
    pub fn push(&self, op: OutboxOp) -> Result<OutboxEntry, SessionError> {
        let entry = self.shared.store.outbox_push(op).map_err(|e| match e {
            crate::store::StoreError::Invalid(m) => SessionError::InvalidInput(m),
            other => SessionError::Store(other),
        })?;
        let mut changed = CacheChanged {
            outbox: true,
            ..CacheChanged::default()
        };
        if let Some(p) = entry.op.post_id().filter(|p| *p > 0) {
            changed.posts.push(p);
        }
        match &entry.op {
            OutboxOp::CreatePost { group_id, .. }
            | OutboxOp::MarkRead { group_id, .. }
            | OutboxOp::SetMembership { group_id, .. }
            | OutboxOp::SetFollow { group_id, .. } => changed.groups.push(*group_id),
            _ => {}
        }
        self.shared.changed(changed);
        self.shared.refresh_counts();
        self.shared.wake_sender.notify_one();
        Ok(entry)
    }

    /// A new post (maybe with a poll) in a group.
    pub fn create_post(
        &self,
        group_id: Id,
        body: String,
        poll: Option<NewPoll>,
    ) -> Result<OutboxEntry, SessionError> {
        self.push(OutboxOp::CreatePost {
            group_id,
            body,
            poll,
        })
    }

    /// A post's new body.
    pub fn edit_post(&self, post_id: Id, body: String) -> Result<OutboxEntry, SessionError> {
        self.push(OutboxOp::EditPost { post_id, body })
    }

    /// Deletes a post.
    pub fn delete_post(&self, post_id: Id) -> Result<OutboxEntry, SessionError> {
        self.push(OutboxOp::DeletePost { post_id })
    }

    /// A new comment.
    pub fn create_comment(&self, post_id: Id, body: String) -> Result<OutboxEntry, SessionError> {
        self.push(OutboxOp::CreateComment { post_id, body })
    }

    /// A comment's new body.
    pub fn edit_comment(&self, comment_id: Id, body: String) -> Result<OutboxEntry, SessionError> {
        self.push(OutboxOp::EditComment { comment_id, body })
    }

    /// Deletes a comment.
    pub fn delete_comment(&self, comment_id: Id) -> Result<OutboxEntry, SessionError> {
        self.push(OutboxOp::DeleteComment { comment_id })
    }

    /// Likes or unlikes a post.
    pub fn set_like(&self, post_id: Id, liked: bool) -> Result<OutboxEntry, SessionError> {
        self.push(OutboxOp::SetLike { post_id, liked })
    }

    /// Votes in a post's poll (the complete choice).
    pub fn vote(&self, post_id: Id, option_ids: Vec<Id>) -> Result<OutboxEntry, SessionError> {
        self.push(OutboxOp::Vote {
            post_id,
            option_ids,
        })
    }

    /// Marks a group read up to its newest cached post. Nothing to do in an
    /// empty group.
    pub fn mark_read(&self, group_id: Id) -> Result<Option<OutboxEntry>, SessionError> {
        let page = self.shared.store.feed(&FeedQuery {
            group_id: Some(group_id),
            before: None,
            limit: Some(200),
        })?;
        let newest = page.posts.iter().filter_map(|p| p.id).max();
        match newest {
            Some(last_read_post_id) => self
                .push(OutboxOp::MarkRead {
                    group_id,
                    last_read_post_id,
                })
                .map(Some),
            None => Ok(None),
        }
    }

    /// Joins or leaves a group. Joining fetches its recent posts once the
    /// server confirmed; leaving a private group purges it at the next sync.
    pub fn set_membership(&self, group_id: Id, joined: bool) -> Result<OutboxEntry, SessionError> {
        self.push(OutboxOp::SetMembership { group_id, joined })
    }

    /// Follows or unfollows a group.
    pub fn set_follow(&self, group_id: Id, following: bool) -> Result<OutboxEntry, SessionError> {
        self.push(OutboxOp::SetFollow {
            group_id,
            following,
        })
    }

    /// Puts a failed outbox item back in the queue.
    pub fn retry_outbox(&self, id: Id) -> Result<(), SessionError> {
        self.shared.store.outbox_retry(id)?;
        self.shared.changed(CacheChanged {
            outbox: true,
            ..CacheChanged::default()
        });
        self.shared.refresh_counts();
        self.shared.wake_sender.notify_one();
        Ok(())
    }

    /// Drops an outbox item.
    pub fn discard_outbox(&self, id: Id) -> Result<(), SessionError> {
        let changed = self.shared.store.outbox_discard(id)?;
        self.shared.changed(changed);
        self.shared.refresh_counts();
        Ok(())
    }

    /// Changes the body of a pending post or comment.
    pub fn edit_outbox(&self, id: Id, body: &str) -> Result<(), SessionError> {
        let changed = self
            .shared
            .store
            .outbox_edit(id, body)
            .map_err(|e| match e {
                crate::store::StoreError::Invalid(m) => SessionError::InvalidInput(m),
                other => SessionError::Store(other),
            })?;
        self.shared.changed(changed);
        Ok(())
    }

    /// Pins or unpins a post (group admins; needs the network).
    pub async fn pin_post(&self, post_id: Id, pinned: bool) -> Result<(), SessionError> {
        let post = self
            .shared
            .client
            .set_pinned(post_id, pinned)
            .await
            .map_err(online_error)?;
        let changed = self.shared.store.apply_own_post(&post)?;
        self.shared.changed(changed);
        Ok(())
    }

    /// Fetches one page of a group's older posts into the cache. Returns how
    /// many posts came (0: the cache already holds the group's whole history).
    pub async fn fetch_history(&self, group_id: Id) -> Result<u32, SessionError> {
        crate::sync::fetch_history(&self.shared, group_id).await
    }
}

/// Maps a client error of an online-only operation.
pub(crate) fn online_error(e: ClientError) -> SessionError {
    if e.is_offline() {
        SessionError::Offline(e)
    } else if matches!(e, ClientError::Unauthorized { .. }) {
        SessionError::SignedOut
    } else {
        SessionError::Client(e)
    }
}

/// What [`Session::sync_once`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Changes applied (bootstrap entities count as changes).
    pub changes: u64,
    /// Outbox items sent.
    pub sent: u32,
    /// Outbox items refused for good.
    pub failed: u32,
}
