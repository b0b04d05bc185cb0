//! The feed, a post with its comments, and a person's profile.

use hublot_api::{Id, Millis};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::convert::{initials, now_millis, uuid_from_blob};
use super::overlay::{Overlay, PendingItem};
use super::people::{person_ref, person_view, PERSON_COLUMNS};
use super::render::RenderCache;
use super::{settings, Store, StoreError};
use crate::views::{
    CommentView, FeedPage, FeedQuery, GroupRef, PersonRef, PollOptionView, PollView, PostDetail,
    PostView, Profile,
};

/// Default and largest page sizes.
const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 200;
/// Posts shown on a profile.
const PROFILE_POSTS: u32 = 20;

/// Columns of a post row joined with what its view shows. `?1` is the user's id.
const POST_SELECT: &str =
    "SELECT p.id, p.client_id, p.group_id, g.name, p.author_id, u.name, u.handle, u.job_title,
    p.body, p.pinned, p.created_at, p.edited_at, p.comment_count, p.like_count, p.liked_by_me,
    p.poll_question, p.poll_multiple, p.poll_closes_at, p.poll_voters, m.role, rm.last_read_post_id
  FROM posts p
  LEFT JOIN groups g ON g.id = p.group_id
  LEFT JOIN users u ON u.id = p.author_id
  LEFT JOIN memberships m ON m.group_id = p.group_id AND m.user_id = ?1
  LEFT JOIN read_markers rm ON rm.group_id = p.group_id";

/// A cached post with its joined names.
struct PostRow {
    id: Id,
    client_id: Vec<u8>,
    group_id: Id,
    group_name: Option<String>,
    author_id: Id,
    author_name: Option<String>,
    author_handle: Option<String>,
    author_job: Option<String>,
    body: String,
    pinned: bool,
    created_at: Millis,
    edited_at: Option<Millis>,
    comment_count: u32,
    like_count: u32,
    liked_by_me: bool,
    poll_question: Option<String>,
    poll_multiple: Option<bool>,
    poll_closes_at: Option<Millis>,
    poll_voters: Option<u32>,
    role: Option<String>,
    read_marker: Option<Id>,
}

fn post_row(r: &Row<'_>) -> rusqlite::Result<PostRow> {
    Ok(PostRow {
        id: r.get(0)?,
        client_id: r.get(1)?,
        group_id: r.get(2)?,
        group_name: r.get(3)?,
        author_id: r.get(4)?,
        author_name: r.get(5)?,
        author_handle: r.get(6)?,
        author_job: r.get(7)?,
        body: r.get(8)?,
        pinned: r.get(9)?,
        created_at: r.get(10)?,
        edited_at: r.get(11)?,
        comment_count: r.get(12)?,
        like_count: r.get(13)?,
        liked_by_me: r.get(14)?,
        poll_question: r.get(15)?,
        poll_multiple: r.get(16)?,
        poll_closes_at: r.get(17)?,
        poll_voters: r.get(18)?,
        role: r.get(19)?,
        read_marker: r.get(20)?,
    })
}

fn person_or_unknown(
    id: Id,
    name: Option<String>,
    handle: Option<String>,
    job: Option<String>,
) -> PersonRef {
    let name = name.unwrap_or_else(|| format!("User {id}"));
    PersonRef {
        id,
        initials: initials(&name),
        name,
        handle: handle.unwrap_or_default(),
        job_title: job.unwrap_or_default(),
    }
}

/// Builds post views: the query context shared by all the posts of a page.
pub(super) struct ViewBuilder<'c> {
    conn: &'c Connection,
    render: &'c RenderCache,
    pub(super) me: Option<Id>,
    pub(super) overlay: Overlay,
    now: Millis,
}

impl<'c> ViewBuilder<'c> {
    pub(super) fn new(conn: &'c Connection, render: &'c RenderCache) -> Result<Self, StoreError> {
        Ok(ViewBuilder {
            conn,
            render,
            me: settings::me(conn)?,
            overlay: Overlay::load(conn)?,
            now: now_millis(),
        })
    }

    fn me_ref(&self) -> Result<PersonRef, StoreError> {
        let me = self.me.unwrap_or(0);
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {PERSON_COLUMNS} FROM users u WHERE u.id = ?1"
            ))?
            .query_row([me], person_ref)
            .optional()?
            .unwrap_or_else(|| person_or_unknown(me, None, None, None)))
    }

    /// Runs a post query (first parameter: the user's id) and builds the views,
    /// leaving out posts whose deletion is queued. Also returns the last raw id.
    pub(super) fn posts(
        &self,
        sql: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<(Vec<PostView>, Option<Id>, usize), StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map(params, post_row)?
            .collect::<Result<Vec<_>, _>>()?;
        let raw = rows.len();
        let last = rows.last().map(|r| r.id);
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            if self.overlay.post_deletes.contains(&r.id) {
                continue;
            }
            out.push(self.post_view(r)?);
        }
        Ok((out, last, raw))
    }

    fn poll(&self, r: &PostRow) -> Result<Option<PollView>, StoreError> {
        let Some(question) = r.poll_question.clone() else {
            return Ok(None);
        };
        let pending = self.overlay.votes.get(&r.id);
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, label, votes, mine FROM poll_options WHERE post_id = ?1 ORDER BY position",
        )?;
        let voters = r.poll_voters.unwrap_or(0);
        let options = stmt
            .query_map([r.id], |o| {
                let id: Id = o.get(0)?;
                let votes: u32 = o.get(2)?;
                let mine: bool = o.get(3)?;
                Ok(PollOptionView {
                    id,
                    label: o.get(1)?,
                    votes,
                    percent: if voters == 0 {
                        0.0
                    } else {
                        (f64::from(votes) * 100.0 / f64::from(voters)).min(100.0)
                    },
                    chosen: pending.map_or(mine, |p| p.contains(&id)),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(PollView {
            question,
            multiple: r.poll_multiple.unwrap_or(false),
            closes_at: r.poll_closes_at,
            closed: r.poll_closes_at.is_some_and(|t| t <= self.now),
            options,
            voters,
            vote_pending: pending.is_some(),
        }))
    }

    fn post_view(&self, r: PostRow) -> Result<PostView, StoreError> {
        let o = &self.overlay;
        let (body, edited_at) = match o.post_edits.get(&r.id) {
            Some((b, t)) => (b.clone(), Some(*t)),
            None => (r.body.clone(), r.edited_at),
        };
        let (liked_by_me, like_count) = match o.likes.get(&r.id) {
            Some(&l) if l != r.liked_by_me => (
                l,
                if l {
                    r.like_count + 1
                } else {
                    r.like_count.saturating_sub(1)
                },
            ),
            _ => (r.liked_by_me, r.like_count),
        };
        let marker = o
            .read
            .get(&r.group_id)
            .copied()
            .max(r.read_marker)
            .unwrap_or(0);
        let is_mine = self.me == Some(r.author_id);
        let poll = self.poll(&r)?;
        Ok(PostView {
            key: format!("p{}", r.id),
            id: Some(r.id),
            client_id: uuid_from_blob(&r.client_id),
            group: GroupRef {
                id: r.group_id,
                name: r.group_name.clone().unwrap_or_default(),
            },
            author: person_or_unknown(r.author_id, r.author_name, r.author_handle, r.author_job),
            body_html: self.render.html(self.conn, &body),
            body,
            pinned: r.pinned,
            created_at: r.created_at,
            edited_at,
            comment_count: (i64::from(r.comment_count) + o.comment_delta(r.id)).max(0) as u32,
            like_count,
            liked_by_me,
            poll,
            send_state: o.state_of(true, r.id),
            is_mine,
            can_moderate: r.role.as_deref() == Some("admin"),
            unread: !is_mine && r.id > marker,
        })
    }

    /// The view of a post that exists only in the outbox.
    fn pending_post_view(&self, p: &PendingItem) -> Result<PostView, StoreError> {
        let local = -p.outbox_id;
        let group_name: Option<String> = self
            .conn
            .prepare_cached("SELECT name FROM groups WHERE id = ?1")?
            .query_row([p.parent], |r| r.get(0))
            .optional()?;
        let role: Option<String> = self
            .conn
            .prepare_cached("SELECT role FROM memberships WHERE group_id = ?1 AND user_id = ?2")?
            .query_row([p.parent, self.me.unwrap_or(0)], |r| r.get(0))
            .optional()?;
        let (body, edited_at) = match self.overlay.post_edits.get(&local) {
            Some((b, t)) => (b.clone(), Some(*t)),
            None => (p.body.clone(), None),
        };
        let liked = self.overlay.likes.get(&local).copied().unwrap_or(false);
        let poll = p.poll.as_ref().map(|np| PollView {
            question: np.question.clone(),
            multiple: np.multiple,
            closes_at: np.closes_at,
            closed: np.closes_at.is_some_and(|t| t <= self.now),
            // Options get server ids only once sent: no voting before that.
            options: np
                .options
                .iter()
                .map(|label| PollOptionView {
                    id: 0,
                    label: label.clone(),
                    votes: 0,
                    percent: 0.0,
                    chosen: false,
                })
                .collect(),
            voters: 0,
            vote_pending: false,
        });
        Ok(PostView {
            key: format!("c{}", p.client_id),
            id: None,
            client_id: p.client_id,
            group: GroupRef {
                id: p.parent,
                name: group_name.unwrap_or_default(),
            },
            author: self.me_ref()?,
            body_html: self.render.html(self.conn, &body),
            body,
            pinned: false,
            created_at: p.created_at,
            edited_at,
            comment_count: self.overlay.comment_delta(local).max(0) as u32,
            like_count: u32::from(liked),
            liked_by_me: liked,
            poll,
            send_state: p.state.clone(),
            is_mine: true,
            can_moderate: role.as_deref() == Some("admin"),
            unread: false,
        })
    }

    /// Pending posts (newest first) of the given groups, not deleted meanwhile.
    fn pending_posts(&self, groups: &dyn Fn(Id) -> bool) -> Result<Vec<PostView>, StoreError> {
        let mut out = Vec::new();
        for p in self.overlay.posts.iter().rev() {
            if groups(p.parent) && !self.overlay.post_deletes.contains(&-p.outbox_id) {
                out.push(self.pending_post_view(p)?);
            }
        }
        Ok(out)
    }

    /// Groups the user is a member of, with pending joins and leaves.
    pub(super) fn joined_groups(&self) -> Result<Vec<Id>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT group_id FROM memberships WHERE user_id = ?1")?;
        let mut ids: Vec<Id> = stmt
            .query_map([self.me.unwrap_or(0)], |r| r.get(0))?
            .collect::<Result<Vec<Id>, _>>()?
            .into_iter()
            .filter(|g| self.overlay.joined.get(g) != Some(&false))
            .collect();
        for (g, joined) in &self.overlay.joined {
            if *joined && !ids.contains(g) {
                ids.push(*g);
            }
        }
        Ok(ids)
    }

    fn comment_view(&self, r: &Row<'_>) -> Result<CommentView, StoreError> {
        let id: Id = r.get(0)?;
        let author_id: Id = r.get(2)?;
        let (body, edited_at) = match self.overlay.comment_edits.get(&id) {
            Some((b, t)) => (b.clone(), Some(*t)),
            None => (r.get::<_, String>(6)?, r.get(8)?),
        };
        Ok(CommentView {
            key: format!("m{id}"),
            id: Some(id),
            client_id: uuid_from_blob(&r.get::<_, Vec<u8>>(1)?),
            post_id: r.get(9)?,
            author: person_or_unknown(author_id, r.get(3)?, r.get(4)?, r.get(5)?),
            body_html: self.render.html(self.conn, &body),
            body,
            created_at: r.get(7)?,
            edited_at,
            send_state: self.overlay.state_of(false, id),
            is_mine: self.me == Some(author_id),
        })
    }

    fn comments(&self, post_id: Id) -> Result<Vec<CommentView>, StoreError> {
        let mut out = Vec::new();
        if post_id > 0 {
            let mut stmt = self.conn.prepare_cached(
                "SELECT c.id, c.client_id, c.author_id, u.name, u.handle, u.job_title, c.body, c.created_at,
                        c.edited_at, c.post_id
                 FROM comments c LEFT JOIN users u ON u.id = c.author_id
                 WHERE c.post_id = ?1 ORDER BY c.id",
            )?;
            let mut rows = stmt.query([post_id])?;
            while let Some(r) = rows.next()? {
                let id: Id = r.get(0)?;
                if !self.overlay.comment_deletes.contains(&id) {
                    out.push(self.comment_view(r)?);
                }
            }
        }
        let me = self.me_ref()?;
        for c in self.overlay.comments.iter().filter(|c| c.parent == post_id) {
            let local = -c.outbox_id;
            if self.overlay.comment_deletes.contains(&local) {
                continue;
            }
            let (body, edited_at) = match self.overlay.comment_edits.get(&local) {
                Some((b, t)) => (b.clone(), Some(*t)),
                None => (c.body.clone(), None),
            };
            out.push(CommentView {
                key: format!("c{}", c.client_id),
                id: None,
                client_id: c.client_id,
                post_id,
                author: me.clone(),
                body_html: self.render.html(self.conn, &body),
                body,
                created_at: c.created_at,
                edited_at,
                send_state: c.state.clone(),
                is_mine: true,
            });
        }
        Ok(out)
    }
}

impl Store {
    /// A page of the feed, newest first: all joined groups, or one group
    /// (pinned posts on top of its first page). The first page starts with
    /// the user's pending posts. Keyset pagination by post id.
    pub fn feed(&self, q: &FeedQuery) -> Result<FeedPage, StoreError> {
        let limit = q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let before = q.before.unwrap_or(Id::MAX);
        self.read(|conn| {
            let vb = ViewBuilder::new(conn, &self.inner.render)?;
            let me = vb.me.unwrap_or(0);
            let mut posts = Vec::new();
            let (page, last, raw, gap) = match q.group_id {
                Some(g) => {
                    if q.before.is_none() {
                        posts.extend(vb.pending_posts(&|pg| pg == g)?);
                        let (pinned, _, _) =
                            vb.posts(&format!("{POST_SELECT} WHERE p.group_id = ?2 AND p.pinned ORDER BY p.id DESC"), params![me, g])?;
                        posts.extend(pinned);
                    }
                    let (page, last, raw) = vb.posts(
                        &format!(
                            "{POST_SELECT} WHERE p.group_id = ?2 AND p.id < ?3 AND NOT p.pinned ORDER BY p.id DESC LIMIT ?4"
                        ),
                        params![me, g, before, limit],
                    )?;
                    let gap: bool = conn
                        .prepare_cached("SELECT EXISTS (SELECT 1 FROM gaps WHERE group_id = ?1)")?
                        .query_row([g], |r| r.get(0))?;
                    (page, last, raw, gap)
                }
                None => {
                    let joined = vb.joined_groups()?;
                    if q.before.is_none() {
                        posts.extend(vb.pending_posts(&|pg| joined.contains(&pg))?);
                    }
                    let json = serde_json::to_string(&joined)?;
                    // `+` keeps the planner on the id order (newest first,
                    // stop at the page size) instead of gathering every post
                    // of the joined groups through the group index and sorting.
                    let (page, last, raw) = vb.posts(
                        &format!(
                            "{POST_SELECT} WHERE p.id < ?2 AND +p.group_id IN (SELECT value FROM json_each(?3))
                             ORDER BY p.id DESC LIMIT ?4"
                        ),
                        params![me, before, json, limit],
                    )?;
                    let gap: bool = conn
                        .prepare_cached("SELECT EXISTS (SELECT 1 FROM gaps WHERE group_id IN (SELECT value FROM json_each(?1)))")?
                        .query_row([&json], |r| r.get(0))?;
                    (page, last, raw, gap)
                }
            };
            posts.extend(page);
            let full = raw as u32 == limit;
            Ok(FeedPage { posts, next_before: if full { last } else { None }, more_on_server: !full && gap })
        })
    }

    /// A post with its comments (oldest first) and who liked it. Negative ids
    /// name posts still in the outbox. None when unknown or being deleted.
    pub fn post_detail(&self, post_id: Id) -> Result<Option<PostDetail>, StoreError> {
        self.read(|conn| {
            let vb = ViewBuilder::new(conn, &self.inner.render)?;
            if vb.overlay.post_deletes.contains(&post_id) {
                return Ok(None);
            }
            let post = if post_id < 0 {
                match vb.overlay.posts.iter().find(|p| p.outbox_id == -post_id) {
                    Some(p) => vb.pending_post_view(p)?,
                    None => return Ok(None),
                }
            } else {
                let me = vb.me.unwrap_or(0);
                let (mut v, _, _) = vb.posts(
                    &format!("{POST_SELECT} WHERE p.id = ?2"),
                    params![me, post_id],
                )?;
                match v.pop() {
                    Some(p) => p,
                    None => return Ok(None),
                }
            };
            let comments = vb.comments(post_id)?;
            let mut likers: Vec<PersonRef> = if post_id > 0 {
                conn.prepare_cached(&format!(
                    "SELECT {PERSON_COLUMNS} FROM reactions r JOIN users u ON u.id = r.user_id
                     WHERE r.post_id = ?1 AND r.kind = 'like' ORDER BY r.created_at"
                ))?
                .query_map([post_id], person_ref)?
                .collect::<Result<_, _>>()?
            } else {
                Vec::new()
            };
            if let (Some(&liked), Some(me)) = (vb.overlay.likes.get(&post_id), vb.me) {
                likers.retain(|p| p.id != me);
                if liked {
                    likers.push(vb.me_ref()?);
                }
            }
            Ok(Some(PostDetail {
                post,
                comments,
                likers,
            }))
        })
    }

    /// A person's profile and her most recent cached posts.
    pub fn profile(&self, user_id: Id) -> Result<Option<Profile>, StoreError> {
        self.read(|conn| {
            let person = conn
                .prepare_cached(
                    "SELECT id, handle, name, job_title, department, site, email, phone, disabled FROM users WHERE id = ?1",
                )?
                .query_row([user_id], person_view)
                .optional()?;
            let Some(person) = person else { return Ok(None) };
            let vb = ViewBuilder::new(conn, &self.inner.render)?;
            let me = vb.me.unwrap_or(0);
            let (recent_posts, _, _) = vb.posts(
                &format!("{POST_SELECT} WHERE p.author_id = ?2 ORDER BY p.id DESC LIMIT ?3"),
                params![me, user_id, PROFILE_POSTS],
            )?;
            Ok(Some(Profile { person, recent_posts }))
        })
    }
}
