//! The group list with unread counts, a group's page, and small lookups.

use std::collections::HashSet;

use hublot_api::Id;
use rusqlite::{Connection, OptionalExtension, Row};

use super::convert::{kind_parse, role_parse, visibility_parse};
use super::feed::ViewBuilder;
use super::people::{person_ref, PERSON_COLUMNS};
use super::{Store, StoreError};
use crate::views::{GroupDetail, GroupView, MemberView, UnreadSummary};

/// Unread counts stop here (the UI shows "999+"). The counts come from
/// counters the cache maintains (table `group_unread`); only a read marker
/// still in the outbox makes the store count, and then at most this many.
pub const UNREAD_CAP: u32 = 1000;

const GROUP_SELECT: &str =
    "SELECT g.id, g.name, g.description, g.visibility, g.kind, g.archived, g.member_count,
    m.role, f.following, rm.last_read_post_id, gu.posts
  FROM groups g
  LEFT JOIN group_unread gu ON gu.group_id = g.id
  LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = ?1
  LEFT JOIN follows f ON f.group_id = g.id
  LEFT JOIN read_markers rm ON rm.group_id = g.id";

fn group_view(
    vb: &ViewBuilder<'_>,
    conn: &Connection,
    r: &Row<'_>,
) -> Result<GroupView, StoreError> {
    let id: Id = r.get(0)?;
    let role: Option<String> = r.get(7)?;
    let o = &vb.overlay;
    let joined = o.joined.get(&id).copied().unwrap_or(role.is_some());
    let me = vb.me.unwrap_or(0);
    let (unread, unread_mentions) = if joined {
        unread_counts(
            conn,
            id,
            r.get(9)?,
            o.read.get(&id).copied(),
            r.get(10)?,
            me,
        )?
    } else {
        (0, 0)
    };
    let last_post_at = conn
        .prepare_cached(
            "SELECT created_at FROM posts WHERE group_id = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(GroupView {
        id,
        name: r.get(1)?,
        description: r.get(2)?,
        visibility: visibility_parse(&r.get::<_, String>(3)?),
        kind: kind_parse(&r.get::<_, String>(4)?),
        archived: r.get(5)?,
        member_count: r.get(6)?,
        joined,
        my_role: if joined {
            Some(role.as_deref().map_or(hublot_api::Role::Member, role_parse))
        } else {
            None
        },
        following: o
            .following
            .get(&id)
            .copied()
            .unwrap_or(r.get::<_, Option<bool>>(8)?.unwrap_or(false)),
        unread,
        unread_mentions,
        last_post_at,
    })
}

/// Posts newer than the marker not written by the user (capped), and mentions
/// in posts newer than the marker. `counter` is the maintained count against
/// the `server` marker; a `pending` marker (a "mark read" still in the
/// outbox) further on is counted from, cheaply since it is recent.
fn unread_counts(
    conn: &Connection,
    group: Id,
    server: Option<Id>,
    pending: Option<Id>,
    counter: Option<u32>,
    me: Id,
) -> Result<(u32, u32), StoreError> {
    let marker = pending.max(server).unwrap_or(0);
    let posts: u32 = match counter {
        Some(n) if pending.is_none_or(|p| p <= server.unwrap_or(0)) => n.min(UNREAD_CAP),
        _ => conn
            .prepare_cached(
                "SELECT COUNT(*) FROM (SELECT 1 FROM posts WHERE group_id = ?1 AND id > ?2 AND author_id != ?3 LIMIT ?4)",
            )?
            .query_row(rusqlite::params![group, marker, me, UNREAD_CAP], |r| r.get(0))?,
    };
    let mentions: u32 = conn
        .prepare_cached("SELECT COUNT(*) FROM mentions WHERE group_id = ?1 AND post_id > ?2")?
        .query_row(rusqlite::params![group, marker], |r| r.get(0))?;
    Ok((posts, mentions))
}

impl Store {
    /// Every group the user may see, with membership, follow state and
    /// unread counts (pending outbox items included), by name.
    pub fn groups(&self) -> Result<Vec<GroupView>, StoreError> {
        self.read(|conn| {
            let vb = ViewBuilder::new(conn, &self.inner.render)?;
            let mut stmt = conn.prepare_cached(&format!(
                "{GROUP_SELECT} ORDER BY g.name COLLATE NOCASE, g.id"
            ))?;
            let mut rows = stmt.query([vb.me.unwrap_or(0)])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push(group_view(&vb, conn, r)?);
            }
            Ok(out)
        })
    }

    /// A group's page: the group and its members (admins first, then by name).
    pub fn group_detail(&self, id: Id) -> Result<Option<GroupDetail>, StoreError> {
        self.read(|conn| {
            let vb = ViewBuilder::new(conn, &self.inner.render)?;
            let mut stmt = conn.prepare_cached(&format!("{GROUP_SELECT} WHERE g.id = ?2"))?;
            let mut rows = stmt.query([vb.me.unwrap_or(0), id])?;
            let Some(r) = rows.next()? else { return Ok(None) };
            let group = group_view(&vb, conn, r)?;
            let members = conn
                .prepare_cached(&format!(
                    "SELECT {PERSON_COLUMNS}, m.role FROM memberships m JOIN users u ON u.id = m.user_id
                     WHERE m.group_id = ?1 ORDER BY m.role = 'admin' DESC, u.name_folded"
                ))?
                .query_map([id], |r| Ok(MemberView { person: person_ref(r)?, role: role_parse(&r.get::<_, String>(4)?) }))?
                .collect::<Result<_, _>>()?;
            Ok(Some(GroupDetail { group, members }))
        })
    }

    /// Unread posts and mentions over the joined groups, for the tray badge.
    pub fn unread(&self) -> Result<UnreadSummary, StoreError> {
        self.read(|conn| {
            let vb = ViewBuilder::new(conn, &self.inner.render)?;
            let me = vb.me.unwrap_or(0);
            let mut sum = UnreadSummary::default();
            for g in vb.joined_groups()? {
                let (server, counter): (Option<Id>, Option<u32>) = conn
                    .prepare_cached(
                        "SELECT (SELECT last_read_post_id FROM read_markers WHERE group_id = ?1),
                                (SELECT posts FROM group_unread WHERE group_id = ?1)",
                    )?
                    .query_row([g], |r| Ok((r.get(0)?, r.get(1)?)))?;
                let pending = vb.overlay.read.get(&g).copied();
                let (p, m) = unread_counts(conn, g, server, pending, counter, me)?;
                sum.posts += p;
                sum.mentions += m;
            }
            Ok(sum)
        })
    }

    /// Groups the user follows (pending follows and unfollows included).
    pub fn followed_groups(&self) -> Result<HashSet<Id>, StoreError> {
        self.read(|conn| {
            let vb = ViewBuilder::new(conn, &self.inner.render)?;
            let mut set: HashSet<Id> = conn
                .prepare_cached("SELECT group_id FROM follows WHERE following")?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for (g, f) in &vb.overlay.following {
                if *f {
                    set.insert(*g);
                } else {
                    set.remove(g);
                }
            }
            Ok(set)
        })
    }

    /// The `before` to page a group's older history from; None when the cache
    /// holds it all.
    pub fn oldest_gap(&self, group_id: Id) -> Result<Option<Id>, StoreError> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached("SELECT before FROM gaps WHERE group_id = ?1")?
                .query_row([group_id], |r| r.get(0))
                .optional()?)
        })
    }
}
