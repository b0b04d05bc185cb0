//! The change log and the change feed (`/v1/sync`, `/v1/bootstrap`).
//!
//! # How the log works
//!
//! Every write moves the log row of each entity it touched to a fresh
//! sequence number (`seq`, global, strictly increasing): one row per entity
//! key, so the log never holds more rows than there are entities (plus
//! tombstones). A cursor is the decimal string of a `seq`.
//!
//! `/v1/sync?since=C` scans the rows with `seq > C` in order, keeps those the
//! user may see *now* (visibility is computed at read time: public groups and
//! their content for everybody, private ones for their members; follows, read
//! markers, mentions and access rows for their own user only) and sends the
//! *current* state of each entity, or a tombstone when it is gone. Everything is
//! read in one snapshot, so an answer is consistent. A post's row moves when
//! its counters change (comments, likes, votes), so it is sent again; the
//! per-viewer fields (`liked_by_me`, `poll.my_votes`) are computed for the
//! requesting user.
//!
//! # Private groups
//!
//! Joining or leaving a private group writes a per-user *access* row:
//! - leaving (or being removed) sends `GroupRemoved { id }` to her: the client
//!   forgets the group and everything in it; later changes of that group are
//!   no longer visible to her;
//! - joining (or being added) sends, at that point of her feed, a snapshot of
//!   the group: the group, its memberships, her follow and read marker, and its
//!   latest [`BOOTSTRAP_POSTS_PER_GROUP`] posts with their comments and
//!   reactions. Older posts are fetched with `GET /v1/groups/{id}/posts?before=`.
//!   A snapshot is never split across answers, so an answer that holds one may
//!   exceed `limit` when the snapshot is its first item.
//!
//! # Tombstones and 410
//!
//! Tombstone rows (`removed = 1`) are pruned after a retention window; the
//! newest pruned `seq` is kept as `pruned_through`, and a cursor older than it
//! answers 410 Gone (so does a cursor ahead of the log: another server's).

use std::collections::HashSet;

use hublot_api::limits::BOOTSTRAP_POSTS_PER_GROUP;
use hublot_api::{
    Bootstrap, Change, Follow, GroupGap, Id, Mention, ReactionKind, ReadMarker, SyncResponse,
};
use rusqlite::{OptionalExtension, Transaction};

use super::access::visible_groups;
use super::render::{self, GROUP_COLS, USER_COLS};
use super::{now_ms, Storage, StoreError, StoreResult};

/// Kinds of log rows (stored as integers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(i64)]
pub(crate) enum Kind {
    User = 1,
    Group = 2,
    Membership = 3,
    Follow = 4,
    Post = 5,
    Comment = 6,
    Reaction = 7,
    Mention = 8,
    ReadMarker = 9,
    Access = 10,
}

impl Kind {
    fn from_i64(v: i64) -> Option<Kind> {
        Some(match v {
            1 => Kind::User,
            2 => Kind::Group,
            3 => Kind::Membership,
            4 => Kind::Follow,
            5 => Kind::Post,
            6 => Kind::Comment,
            7 => Kind::Reaction,
            8 => Kind::Mention,
            9 => Kind::ReadMarker,
            10 => Kind::Access,
            _ => return None,
        })
    }
}

/// Sent to subscribers after a write commits: the new head of the log and
/// whom it concerns, so each event stream can decide whether its user's feed
/// moved without asking the database.
#[derive(Debug, Clone, Default)]
pub struct FeedEvent {
    /// The newest `seq`.
    pub seq: i64,
    /// True when it concerns everybody (a user profile).
    pub global: bool,
    /// Groups touched, with whether each is public.
    pub groups: Vec<(Id, bool)>,
    /// Users whose own rows (follows, markers, mentions, access) moved.
    pub users: Vec<Id>,
}

impl FeedEvent {
    /// Whether the feed of a user who sees `visible` groups moved.
    pub fn concerns(&self, user: Id, visible: &HashSet<Id>) -> bool {
        self.global
            || self.users.contains(&user)
            || self
                .groups
                .iter()
                .any(|(g, public)| *public || visible.contains(g))
    }
}

/// The log rows written by one transaction.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    event: FeedEvent,
}

/// Where a log row belongs.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Scope {
    pub group: Option<Id>,
    pub user: Option<Id>,
    pub post: Option<Id>,
}

impl Scope {
    /// For the readers of a group.
    pub fn group(group: Id) -> Scope {
        Scope {
            group: Some(group),
            ..Scope::default()
        }
    }

    /// For one user only (her follow, marker, mention, access), about a group.
    pub fn own(group: Id, user: Id) -> Scope {
        Scope {
            user: Some(user),
            ..Scope::group(group)
        }
    }

    /// Part of a post (the post, its comments, its reactions), for the readers
    /// of its group.
    pub fn post(group: Id, post: Id) -> Scope {
        Scope {
            post: Some(post),
            ..Scope::group(group)
        }
    }
}

/// Moves the log row of entity (kind, key) to a fresh seq (see the module
/// docs) and returns that seq.
pub(crate) fn insert_change(
    conn: &rusqlite::Connection,
    kind: Kind,
    (k1, k2): (Id, Id),
    scope: Scope,
    removed: bool,
    at: i64,
) -> StoreResult<i64> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO changes(kind, k1, k2, group_id, user_id, post_id, removed, at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(rusqlite::params![
        kind as i64,
        k1,
        k2,
        scope.group,
        scope.user,
        scope.post,
        removed,
        at
    ])?;
    Ok(conn.last_insert_rowid())
}

impl Changes {
    /// Moves the row of entity (kind, k1, k2) to a fresh seq.
    pub fn record(
        &mut self,
        tx: &Transaction<'_>,
        kind: Kind,
        k1: Id,
        k2: Id,
        scope: Scope,
        removed: bool,
    ) -> StoreResult<()> {
        self.event.seq = insert_change(tx, kind, (k1, k2), scope, removed, now_ms())?;
        if let Some(u) = scope.user {
            if !self.event.users.contains(&u) {
                self.event.users.push(u);
            }
        } else if let Some(g) = scope.group {
            if !self.event.groups.iter().any(|(id, _)| *id == g) {
                let public = tx
                    .prepare_cached("SELECT visibility = 'public' FROM groups WHERE id = ?1")?
                    .query_row([g], |r| r.get::<_, bool>(0))
                    .optional()?
                    .unwrap_or(false);
                self.event.groups.push((g, public));
            }
        } else {
            self.event.global = true;
        }
        Ok(())
    }

    pub fn user(&mut self, tx: &Transaction<'_>, id: Id) -> StoreResult<()> {
        self.record(tx, Kind::User, id, 0, Scope::default(), false)
    }

    pub fn group(&mut self, tx: &Transaction<'_>, id: Id) -> StoreResult<()> {
        self.record(tx, Kind::Group, id, 0, Scope::group(id), false)
    }

    pub fn membership(
        &mut self,
        tx: &Transaction<'_>,
        group: Id,
        user: Id,
        removed: bool,
    ) -> StoreResult<()> {
        let scope = Scope::group(group);
        self.record(tx, Kind::Membership, group, user, scope, removed)
    }

    /// Her access to a private group changed (joined: true; left: false).
    pub fn access(
        &mut self,
        tx: &Transaction<'_>,
        group: Id,
        user: Id,
        joined: bool,
    ) -> StoreResult<()> {
        let scope = Scope::own(group, user);
        self.record(tx, Kind::Access, group, user, scope, !joined)
    }

    pub fn follow(&mut self, tx: &Transaction<'_>, group: Id, user: Id) -> StoreResult<()> {
        let scope = Scope::own(group, user);
        self.record(tx, Kind::Follow, group, user, scope, false)
    }

    pub fn read_marker(&mut self, tx: &Transaction<'_>, group: Id, user: Id) -> StoreResult<()> {
        let scope = Scope::own(group, user);
        self.record(tx, Kind::ReadMarker, group, user, scope, false)
    }

    pub fn post(
        &mut self,
        tx: &Transaction<'_>,
        id: Id,
        group: Id,
        removed: bool,
    ) -> StoreResult<()> {
        self.record(tx, Kind::Post, id, 0, Scope::post(group, id), removed)
    }

    pub fn comment(
        &mut self,
        tx: &Transaction<'_>,
        id: Id,
        post: Id,
        group: Id,
        removed: bool,
    ) -> StoreResult<()> {
        self.record(tx, Kind::Comment, id, 0, Scope::post(group, post), removed)
    }

    pub fn reaction(
        &mut self,
        tx: &Transaction<'_>,
        post: Id,
        user: Id,
        group: Id,
        removed: bool,
    ) -> StoreResult<()> {
        let scope = Scope::post(group, post);
        self.record(tx, Kind::Reaction, post, user, scope, removed)
    }

    pub fn mention(
        &mut self,
        tx: &Transaction<'_>,
        id: Id,
        user: Id,
        group: Id,
    ) -> StoreResult<()> {
        self.record(tx, Kind::Mention, id, 0, Scope::own(group, user), false)
    }

    fn into_event(self) -> Option<FeedEvent> {
        (self.event.seq > 0).then_some(self.event)
    }
}

/// One row of the log, as the feed reads it.
struct LogRow {
    seq: i64,
    kind: Option<Kind>,
    k1: Id,
    k2: Id,
    group: Option<Id>,
    user: Option<Id>,
    post: Option<Id>,
}

/// Most log rows one `/v1/sync` answer scans, as a multiple of its limit, so a
/// user who sees little of a busy log still gets quick answers (with `more`).
const SCAN_FACTOR: u32 = 20;

/// The head of the log: the newest seq ever given (never goes back, even when
/// the newest row is pruned or moved).
pub(crate) fn head(tx: &Transaction<'_>) -> StoreResult<i64> {
    Ok(tx
        .prepare_cached("SELECT seq FROM sqlite_sequence WHERE name = 'changes'")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

fn parse_cursor(since: Option<&str>) -> StoreResult<i64> {
    match since {
        None | Some("") => Ok(0),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|v| *v >= 0)
            .ok_or_else(|| StoreError::BadRequest(format!(
                "`since` must be a cursor this server gave (from /v1/sync or /v1/bootstrap), not {s:?}"
            ))),
    }
}

fn change_key(c: &Change) -> (Kind, Id, Id) {
    match c {
        Change::User(u) => (Kind::User, u.id, 0),
        Change::Group(g) => (Kind::Group, g.id, 0),
        Change::GroupRemoved { id } => (Kind::Group, *id, 0),
        Change::Membership(m) => (Kind::Membership, m.group_id, m.user_id),
        Change::MembershipRemoved { group_id, user_id } => (Kind::Membership, *group_id, *user_id),
        Change::Follow(f) => (Kind::Follow, f.group_id, 0),
        Change::Post(p) => (Kind::Post, p.id, 0),
        Change::PostRemoved { id, .. } => (Kind::Post, *id, 0),
        Change::Comment(c) => (Kind::Comment, c.id, 0),
        Change::CommentRemoved { id, .. } => (Kind::Comment, *id, 0),
        Change::Reaction(r) => (Kind::Reaction, r.post_id, r.user_id),
        Change::ReactionRemoved {
            post_id, user_id, ..
        } => (Kind::Reaction, *post_id, *user_id),
        Change::Mention(m) => (Kind::Mention, m.post_id, m.comment_id.unwrap_or(0)),
        Change::ReadMarker(r) => (Kind::ReadMarker, r.group_id, 0),
    }
}

impl Storage {
    /// Runs `f` in a write transaction with a change recorder; after the
    /// commit, tells the subscribers.
    pub(crate) fn write_logged<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>, &mut Changes) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let (out, changes) = self.write(|tx| {
            let mut changes = Changes::default();
            let out = f(tx, &mut changes)?;
            Ok((out, changes))
        })?;
        if let Some(event) = changes.into_event() {
            self.saw_head(event.seq);
            self.notify(event);
        }
        Ok(out)
    }

    /// The newest cursor of the log.
    pub fn head(&self) -> StoreResult<i64> {
        self.read(head)
    }

    /// Every group `user` may see (public ones and hers).
    pub fn visible_groups(&self, user: Id) -> StoreResult<HashSet<Id>> {
        self.read(|tx| visible_groups(tx, user))
    }

    /// An answer to `/v1/sync?since=` without the database, when `since` is
    /// the newest cursor this process knows of: the most common request, an
    /// up-to-date client polling. Writes of other processes are noticed
    /// within [`super::OTHER_WRITERS_RECHECK`] (and wake the event streams).
    pub fn up_to_date(&self, since: Option<&str>) -> Option<SyncResponse> {
        let since = parse_cursor(since).ok()?;
        let head = self.known_head();
        (since == head).then(|| SyncResponse {
            changes: Vec::new(),
            cursor: head.to_string(),
            more: false,
        })
    }

    /// `GET /v1/sync`: the changes after `since` that `user` may see.
    pub fn sync(&self, user: Id, since: Option<&str>, limit: u32) -> StoreResult<SyncResponse> {
        let since = parse_cursor(since)?;
        let limit = limit.max(1) as usize;
        self.read(|tx| {
            let head = head(tx)?;
            let pruned: i64 = tx
                .prepare_cached("SELECT value FROM meta WHERE key = 'pruned_through'")?
                .query_row([], |r| r.get(0))?;
            if since > head {
                return Err(StoreError::Gone(
                    "this cursor is not from this server's change log; bootstrap again".into(),
                ));
            }
            if since > 0 && since < pruned {
                return Err(StoreError::Gone(
                    "this cursor is older than the changes the server keeps; bootstrap again"
                        .into(),
                ));
            }
            if since == head {
                // The most common request: an up-to-date client polling.
                return Ok(SyncResponse {
                    changes: Vec::new(),
                    cursor: head.to_string(),
                    more: false,
                });
            }
            let visible = visible_groups(tx, user)?;
            let mut out: Vec<Change> = Vec::new();
            let mut seen: HashSet<(Kind, Id, Id)> = HashSet::new();
            let mut cursor = since;
            let mut complete = true;
            let max_scan = limit * SCAN_FACTOR as usize;
            // Other users' own rows (their read markers, follows, mentions,
            // access) are most of a busy log and never hers: SQLite skips them
            // without handing them over, so they do not count as scanned.
            let mut st = tx.prepare_cached(
                "SELECT seq, kind, k1, k2, group_id, user_id, post_id FROM changes \
                 WHERE seq > ?1 AND (user_id IS NULL OR user_id = ?3) ORDER BY seq LIMIT ?2",
            )?;
            let mut rows = st.query(rusqlite::params![since, max_scan as i64 + 1, user])?;
            let mut scanned = 0usize;
            while let Some(r) = rows.next()? {
                scanned += 1;
                if scanned > max_scan || out.len() >= limit {
                    complete = false;
                    break;
                }
                let row = LogRow {
                    seq: r.get(0)?,
                    kind: Kind::from_i64(r.get(1)?),
                    k1: r.get(2)?,
                    k2: r.get(3)?,
                    group: r.get(4)?,
                    user: r.get(5)?,
                    post: r.get(6)?,
                };
                let items = render_row(tx, user, &visible, &row)?;
                let fresh: Vec<Change> = items
                    .into_iter()
                    .filter(|c| !seen.contains(&change_key(c)))
                    .collect();
                if !out.is_empty() && out.len() + fresh.len() > limit {
                    complete = false;
                    break;
                }
                for c in fresh {
                    seen.insert(change_key(&c));
                    out.push(c);
                }
                cursor = row.seq;
            }
            if complete {
                cursor = head.max(since);
            }
            Ok(SyncResponse {
                changes: out,
                cursor: cursor.to_string(),
                more: !complete,
            })
        })
    }

    /// `GET /v1/bootstrap` for `user`.
    pub fn bootstrap(&self, user: Id) -> StoreResult<Bootstrap> {
        self.read(|tx| {
            let head = head(tx)?;
            let me = render::user(tx, user)?.ok_or_else(|| super::not_found("user"))?;
            let users = tx
                .prepare_cached(&format!("SELECT {USER_COLS} FROM users ORDER BY id"))?
                .query_map([], render::user_from_row)?
                .collect::<Result<Vec<_>, _>>()?;
            let visible = visible_groups(tx, user)?;
            let groups = tx
                .prepare_cached(&format!("SELECT {GROUP_COLS} FROM groups ORDER BY id"))?
                .query_map([], render::group_from_row)?
                .filter(|g| g.as_ref().map(|g| visible.contains(&g.id)).unwrap_or(true))
                .collect::<Result<Vec<_>, _>>()?;
            let mut memberships = Vec::new();
            for g in &groups {
                memberships.extend(render::members(tx, g.id)?);
            }
            let follows = tx
                .prepare_cached("SELECT group_id, following FROM follows WHERE user_id = ?1 ORDER BY group_id")?
                .query_map([user], |r| Ok(Follow { group_id: r.get(0)?, following: r.get(1)? }))?
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .filter(|f| visible.contains(&f.group_id))
                .collect();
            let read_markers = tx
                .prepare_cached("SELECT group_id, last_read_post_id FROM read_markers WHERE user_id = ?1 ORDER BY group_id")?
                .query_map([user], |r| Ok(ReadMarker { group_id: r.get(0)?, last_read_post_id: r.get(1)? }))?
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .filter(|m| visible.contains(&m.group_id))
                .collect();
            let joined: Vec<Id> = tx
                .prepare_cached("SELECT group_id FROM memberships WHERE user_id = ?1 ORDER BY group_id")?
                .query_map([user], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut posts = Vec::new();
            let mut comments = Vec::new();
            let mut reactions = Vec::new();
            let mut older = Vec::new();
            let mut post_ids = HashSet::new();
            for g in joined {
                let ids = latest_post_ids(tx, g, BOOTSTRAP_POSTS_PER_GROUP)?;
                if let Some(&oldest) = ids.last() {
                    let has_older = tx
                        .prepare_cached("SELECT 1 FROM posts WHERE group_id = ?1 AND deleted = 0 AND id < ?2 LIMIT 1")?
                        .exists([g, oldest])?;
                    if has_older {
                        older.push(GroupGap { group_id: g, before: oldest });
                    }
                }
                for id in ids {
                    if let Some(p) = render::post(tx, id, user)? {
                        comments.extend(render::comments_of(tx, id)?);
                        reactions.extend(render::reactions_of(tx, id)?);
                        post_ids.insert(id);
                        posts.push(p);
                    }
                }
            }
            let mentions = my_mentions(tx, user)?
                .into_iter()
                .filter(|m| post_ids.contains(&m.post_id))
                .collect();
            Ok(Bootstrap {
                me,
                users,
                groups,
                memberships,
                follows,
                read_markers,
                posts,
                comments,
                reactions,
                mentions,
                older,
                cursor: head.to_string(),
            })
        })
    }

    /// Deletes tombstones older than `retention_ms`; cursors older than the
    /// newest of them answer 410 from then on. Returns how many were pruned.
    pub fn prune_tombstones(&self, retention_ms: i64) -> StoreResult<usize> {
        let cutoff = now_ms().saturating_sub(retention_ms);
        self.write(|tx| {
            let newest: Option<i64> = tx.query_row(
                "SELECT MAX(seq) FROM changes WHERE removed = 1 AND at <= ?1",
                [cutoff],
                |r| r.get(0),
            )?;
            let Some(newest) = newest else { return Ok(0) };
            let n = tx.execute(
                "DELETE FROM changes WHERE removed = 1 AND seq <= ?1",
                [newest],
            )?;
            tx.execute(
                "UPDATE meta SET value = MAX(value, ?1) WHERE key = 'pruned_through'",
                [newest],
            )?;
            Ok(n)
        })
    }
}

/// Ids of the latest live posts of a group, newest first.
pub(crate) fn latest_post_ids(tx: &Transaction<'_>, group: Id, n: u32) -> StoreResult<Vec<Id>> {
    let mut st = tx.prepare_cached(
        "SELECT id FROM posts WHERE group_id = ?1 AND deleted = 0 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = st.query_map(rusqlite::params![group, n], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn mention_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Mention> {
    Ok(Mention {
        post_id: r.get(0)?,
        comment_id: r.get(1)?,
        group_id: r.get(2)?,
        author_id: r.get(3)?,
        created_at: r.get(4)?,
    })
}

const LIVE_MENTION: &str = "SELECT m.post_id, m.comment_id, m.group_id, m.author_id, m.created_at \
     FROM mentions m JOIN posts p ON p.id = m.post_id AND p.deleted = 0 \
     LEFT JOIN comments c ON c.id = m.comment_id \
     WHERE (m.comment_id IS NULL OR c.deleted = 0)";

fn my_mentions(tx: &Transaction<'_>, user: Id) -> StoreResult<Vec<Mention>> {
    let mut st = tx.prepare_cached(&format!("{LIVE_MENTION} AND m.user_id = ?1 ORDER BY m.id"))?;
    let rows = st.query_map([user], mention_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The changes one log row stands for, for `user` (none if she may not see it).
fn render_row(
    tx: &Transaction<'_>,
    user: Id,
    visible: &HashSet<Id>,
    row: &LogRow,
) -> StoreResult<Vec<Change>> {
    let Some(kind) = row.kind else {
        return Ok(Vec::new());
    };
    if kind == Kind::Access {
        if row.user != Some(user) {
            return Ok(Vec::new());
        }
        return if visible.contains(&row.k1) {
            group_snapshot(tx, user, row.k1)
        } else {
            Ok(vec![Change::GroupRemoved { id: row.k1 }])
        };
    }
    if row.user.is_some_and(|u| u != user) {
        return Ok(Vec::new());
    }
    if row.group.is_some_and(|g| !visible.contains(&g)) {
        return Ok(Vec::new());
    }
    let change = match kind {
        Kind::User => render::user(tx, row.k1)?.map(Change::User),
        Kind::Group => Some(match render::group(tx, row.k1)? {
            Some(g) => Change::Group(g),
            None => Change::GroupRemoved { id: row.k1 },
        }),
        Kind::Membership => Some(match render::membership(tx, row.k1, row.k2)? {
            Some(m) => Change::Membership(m),
            None => Change::MembershipRemoved {
                group_id: row.k1,
                user_id: row.k2,
            },
        }),
        Kind::Follow => follow(tx, user, row.k1)?.map(Change::Follow),
        Kind::ReadMarker => read_marker(tx, user, row.k1)?.map(Change::ReadMarker),
        Kind::Post => Some(match render::post(tx, row.k1, user)? {
            Some(p) => Change::Post(p),
            None => Change::PostRemoved {
                id: row.k1,
                group_id: row.group.unwrap_or(0),
            },
        }),
        Kind::Comment => Some(match render::comment(tx, row.k1)? {
            Some(c) => Change::Comment(c),
            None => Change::CommentRemoved {
                id: row.k1,
                post_id: row.post.unwrap_or(0),
            },
        }),
        Kind::Reaction => Some(match render::reaction(tx, row.k1, row.k2)? {
            Some(r) => Change::Reaction(r),
            None => Change::ReactionRemoved {
                post_id: row.k1,
                user_id: row.k2,
                kind: ReactionKind::Like,
            },
        }),
        Kind::Mention => tx
            .prepare_cached(&format!("{LIVE_MENTION} AND m.id = ?1"))?
            .query_row([row.k1], mention_from_row)
            .optional()?
            .map(Change::Mention),
        Kind::Access => None,
    };
    Ok(change.into_iter().collect())
}

fn follow(tx: &Transaction<'_>, user: Id, group: Id) -> StoreResult<Option<Follow>> {
    Ok(tx
        .prepare_cached("SELECT following FROM follows WHERE user_id = ?1 AND group_id = ?2")?
        .query_row([user, group], |r| {
            Ok(Follow {
                group_id: group,
                following: r.get(0)?,
            })
        })
        .optional()?)
}

fn read_marker(tx: &Transaction<'_>, user: Id, group: Id) -> StoreResult<Option<ReadMarker>> {
    Ok(tx
        .prepare_cached(
            "SELECT last_read_post_id FROM read_markers WHERE user_id = ?1 AND group_id = ?2",
        )?
        .query_row([user, group], |r| {
            Ok(ReadMarker {
                group_id: group,
                last_read_post_id: r.get(0)?,
            })
        })
        .optional()?)
}

/// What a user who just got access to a private group needs of it.
fn group_snapshot(tx: &Transaction<'_>, user: Id, group: Id) -> StoreResult<Vec<Change>> {
    let Some(g) = render::group(tx, group)? else {
        return Ok(vec![Change::GroupRemoved { id: group }]);
    };
    let mut out = vec![Change::Group(g)];
    out.extend(
        render::members(tx, group)?
            .into_iter()
            .map(Change::Membership),
    );
    out.extend(follow(tx, user, group)?.map(Change::Follow));
    out.extend(read_marker(tx, user, group)?.map(Change::ReadMarker));
    let mut ids = latest_post_ids(tx, group, BOOTSTRAP_POSTS_PER_GROUP)?;
    ids.reverse();
    let mut comments = Vec::new();
    let mut reactions = Vec::new();
    let mut posts = HashSet::new();
    for id in ids {
        if let Some(p) = render::post(tx, id, user)? {
            posts.insert(id);
            out.push(Change::Post(p));
            comments.extend(
                render::comments_of(tx, id)?
                    .into_iter()
                    .map(Change::Comment),
            );
            reactions.extend(
                render::reactions_of(tx, id)?
                    .into_iter()
                    .map(Change::Reaction),
            );
        }
    }
    out.extend(comments);
    out.extend(reactions);
    // Her mentions in these posts, as the bootstrap would give them (the log
    // rows of older mentions lie before this point of her feed).
    let mut st = tx.prepare_cached(&format!(
        "{LIVE_MENTION} AND m.user_id = ?1 AND m.group_id = ?2 ORDER BY m.id"
    ))?;
    let mentions = st.query_map([user, group], mention_from_row)?;
    for m in mentions {
        let m = m?;
        if posts.contains(&m.post_id) {
            out.push(Change::Mention(m));
        }
    }
    Ok(out)
}
