//! Writing what the server sent into the cache: bootstrap, sync batches,
//! history pages, threads, and the answers to the user's own sends.

use std::collections::{BTreeSet, HashMap, HashSet};

use hublot_api::{
    Bootstrap, Change, Comment, Follow, Group, Id, Membership, Mention, Post, PostPage, PostThread,
    Reaction, ReadMarker, SyncResponse, User,
};
use rusqlite::{params, OptionalExtension, Transaction};
use uuid::Uuid;

use super::convert::{fold, kind_str, now_millis, role_str, visibility_str};
use super::outbox::{resolve_local, OutboxOp};
use super::{settings, Store, StoreError};
use crate::facts::{BatchFacts, NewMention, NewPost};
use crate::views::CacheChanged;

fn check_id(id: Id, what: &str) -> Result<(), StoreError> {
    if id <= 0 {
        return Err(StoreError::Invalid(format!(
            "the server sent {what} with an invalid id ({id}); the batch was not applied"
        )));
    }
    Ok(())
}

/// Applies entities inside one transaction and gathers the facts of the batch.
pub(super) struct Applier<'t> {
    tx: &'t Transaction<'t>,
    me: Option<Id>,
    /// `client_id` of posts and comments still in the outbox, to drop their
    /// local echo when the server's copy arrives.
    pending: HashMap<Uuid, Id>,
    new_posts: Vec<NewPost>,
    new_mentions: Vec<(Id, Option<Id>)>,
    groups: BTreeSet<Id>,
    posts: BTreeSet<Id>,
    people: bool,
    outbox: bool,
    all: bool,
    group_names: HashMap<Id, String>,
    user_names: HashMap<Id, String>,
    /// Posts and comments inserted by this batch and not yet in the
    /// full-text index: indexed by one statement each at the end (see
    /// [`Applier::index_text`]).
    unindexed_posts: HashSet<Id>,
    unindexed_comments: HashSet<Id>,
    /// Distinct words of the text written by this batch, as written; folded
    /// into `search_terms` at the end (see the schema, version 2).
    words: HashSet<String>,
}

impl<'t> Applier<'t> {
    pub(super) fn new(tx: &'t Transaction<'t>) -> Result<Self, StoreError> {
        let me = settings::meta_get(tx, "me")?.and_then(|s| s.parse().ok());
        let mut pending = HashMap::new();
        {
            let mut stmt = tx.prepare_cached(
                "SELECT client_id, id FROM outbox WHERE kind IN ('create_post', 'create_comment')",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let cid: Vec<u8> = r.get(0)?;
                if let Ok(u) = Uuid::from_slice(&cid) {
                    pending.insert(u, r.get(1)?);
                }
            }
        }
        Ok(Applier {
            tx,
            me,
            pending,
            new_posts: Vec::new(),
            new_mentions: Vec::new(),
            groups: BTreeSet::new(),
            posts: BTreeSet::new(),
            people: false,
            outbox: false,
            all: false,
            group_names: HashMap::new(),
            user_names: HashMap::new(),
            unindexed_posts: HashSet::new(),
            unindexed_comments: HashSet::new(),
            words: HashSet::new(),
        })
    }

    /// Adds the posts and comments inserted so far to the full-text index,
    /// one statement per table, in rowid order (FTS5 writes a segment per
    /// statement, and again whenever rowids go backwards). Must run before
    /// anything rewrites or deletes one of them: the FTS triggers of those
    /// statements would remove index entries that were never written.
    pub(super) fn index_text(&mut self) -> Result<(), StoreError> {
        if !self.words.is_empty() {
            // Words repeat: each distinct one is folded and stored once.
            let terms: HashSet<String> = self.words.drain().map(|w| fold(&w)).collect();
            let mut ins = self
                .tx
                .prepare_cached("INSERT OR IGNORE INTO search_terms (term) VALUES (?1)")?;
            for t in terms {
                ins.execute([t])?;
            }
        }
        for (ids, table) in [
            (&mut self.unindexed_posts, "posts"),
            (&mut self.unindexed_comments, "comments"),
        ] {
            if ids.is_empty() {
                continue;
            }
            let json = serde_json::to_string(&ids.drain().collect::<Vec<Id>>())?;
            self.tx
                .prepare_cached(&format!(
                    "INSERT INTO {table}_fts (rowid, body)
                     SELECT id, body FROM {table} WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id"
                ))?
                .execute([json])?;
        }
        Ok(())
    }

    /// Remembers the words of a text written to the cache.
    fn note_words(&mut self, text: &str) {
        for w in super::search::words(text) {
            if !self.words.contains(w) {
                self.words.insert(w.to_string());
            }
        }
    }

    /// The server's copy of something still in the outbox arrived: the
    /// outbox item was delivered, drop it (its answer may have been lost).
    fn drop_echo(
        &mut self,
        client_id: &Uuid,
        server_id: Id,
        is_post: bool,
    ) -> Result<(), StoreError> {
        if let Some(outbox_id) = self.pending.remove(client_id) {
            self.tx
                .execute("DELETE FROM outbox WHERE id = ?1", [outbox_id])?;
            resolve_local(self.tx, outbox_id, server_id, is_post)?;
            self.outbox = true;
        }
        Ok(())
    }

    pub(super) fn user(&mut self, u: &User) -> Result<(), StoreError> {
        check_id(u.id, "a user")?;
        self.tx
            .prepare_cached(
                "INSERT INTO users (id, handle, name, name_folded, job_title, department, site, email, phone, disabled, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT(id) DO UPDATE SET handle = excluded.handle, name = excluded.name,
                   name_folded = excluded.name_folded, job_title = excluded.job_title,
                   department = excluded.department, site = excluded.site, email = excluded.email,
                   phone = excluded.phone, disabled = excluded.disabled, updated_at = excluded.updated_at",
            )?
            .execute(params![
                u.id,
                u.handle,
                u.name,
                fold(&format!("{} {}", u.name, u.handle)),
                u.job_title,
                u.department,
                u.site,
                u.email,
                u.phone,
                u.disabled,
                u.updated_at
            ])?;
        self.user_names.insert(u.id, u.name.clone());
        self.people = true;
        Ok(())
    }

    pub(super) fn group(&mut self, g: &Group) -> Result<(), StoreError> {
        check_id(g.id, "a group")?;
        self.tx
            .prepare_cached(
                "INSERT INTO groups (id, name, description, visibility, kind, archived, member_count, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
                   visibility = excluded.visibility, kind = excluded.kind, archived = excluded.archived,
                   member_count = excluded.member_count, created_at = excluded.created_at,
                   updated_at = excluded.updated_at",
            )?
            .execute(params![
                g.id,
                g.name,
                g.description,
                visibility_str(g.visibility),
                kind_str(g.kind),
                g.archived,
                g.member_count,
                g.created_at,
                g.updated_at
            ])?;
        self.group_names.insert(g.id, g.name.clone());
        self.groups.insert(g.id);
        Ok(())
    }

    /// Forgets a group and everything in it.
    pub(super) fn group_removed(&mut self, id: Id) -> Result<(), StoreError> {
        self.index_text()?;
        let tx = self.tx;
        tx.execute(
            "DELETE FROM poll_options WHERE post_id IN (SELECT id FROM posts WHERE group_id = ?1)",
            [id],
        )?;
        for sql in [
            "DELETE FROM comments WHERE group_id = ?1",
            "DELETE FROM reactions WHERE group_id = ?1",
            "DELETE FROM mentions WHERE group_id = ?1",
            "DELETE FROM posts WHERE group_id = ?1",
            "DELETE FROM memberships WHERE group_id = ?1",
            "DELETE FROM follows WHERE group_id = ?1",
            "DELETE FROM read_markers WHERE group_id = ?1",
            "DELETE FROM gaps WHERE group_id = ?1",
            "DELETE FROM groups WHERE id = ?1",
        ] {
            tx.prepare_cached(sql)?.execute([id])?;
        }
        self.groups.insert(id);
        self.all = true;
        Ok(())
    }

    pub(super) fn membership(&mut self, m: &Membership) -> Result<(), StoreError> {
        check_id(m.group_id, "a membership")?;
        self.tx
            .prepare_cached(
                "INSERT INTO memberships (group_id, user_id, role, joined_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(group_id, user_id) DO UPDATE SET role = excluded.role, joined_at = excluded.joined_at",
            )?
            .execute(params![m.group_id, m.user_id, role_str(m.role), m.joined_at])?;
        self.groups.insert(m.group_id);
        Ok(())
    }

    fn membership_removed(&mut self, group_id: Id, user_id: Id) -> Result<(), StoreError> {
        self.tx
            .prepare_cached("DELETE FROM memberships WHERE group_id = ?1 AND user_id = ?2")?
            .execute([group_id, user_id])?;
        self.groups.insert(group_id);
        Ok(())
    }

    pub(super) fn follow(&mut self, f: &Follow) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO follows (group_id, following) VALUES (?1, ?2)
                 ON CONFLICT(group_id) DO UPDATE SET following = excluded.following",
            )?
            .execute(params![f.group_id, f.following])?;
        self.groups.insert(f.group_id);
        Ok(())
    }

    pub(super) fn read_marker(&mut self, m: &ReadMarker) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO read_markers (group_id, last_read_post_id) VALUES (?1, ?2)
                 ON CONFLICT(group_id) DO UPDATE SET last_read_post_id = excluded.last_read_post_id",
            )?
            .execute(params![m.group_id, m.last_read_post_id])?;
        self.groups.insert(m.group_id);
        Ok(())
    }

    /// Inserts or replaces a post; true when it was not in the cache.
    pub(super) fn post(&mut self, p: &Post) -> Result<bool, StoreError> {
        check_id(p.id, "a post")?;
        check_id(p.group_id, "a post's group")?;
        let poll = p.poll.as_ref();
        let values = params![
            p.id,
            &p.client_id.as_bytes()[..],
            p.group_id,
            p.author_id,
            p.body,
            p.pinned,
            p.comment_count,
            p.like_count,
            p.liked_by_me,
            p.created_at,
            p.edited_at,
            poll.map(|q| q.question.as_str()),
            poll.map(|q| q.multiple),
            poll.and_then(|q| q.closes_at),
            poll.map(|q| q.voters),
        ];
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO posts (id, client_id, group_id, author_id, body, pinned, comment_count, like_count,
                   liked_by_me, created_at, edited_at, poll_question, poll_multiple, poll_closes_at, poll_voters)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                 ON CONFLICT(id) DO NOTHING",
            )?
            .execute(values)?
            == 1;
        self.note_words(&p.body);
        if inserted {
            self.unindexed_posts.insert(p.id);
        } else {
            if self.unindexed_posts.contains(&p.id) {
                self.index_text()?;
            }
            self.tx
                .prepare_cached(
                    "UPDATE posts SET client_id = ?2, group_id = ?3, author_id = ?4, body = ?5, pinned = ?6,
                       comment_count = ?7, like_count = ?8, liked_by_me = ?9, created_at = ?10, edited_at = ?11,
                       poll_question = ?12, poll_multiple = ?13, poll_closes_at = ?14, poll_voters = ?15
                     WHERE id = ?1",
                )?
                .execute(values)?;
            self.tx
                .prepare_cached("DELETE FROM poll_options WHERE post_id = ?1")?
                .execute([p.id])?;
        }
        if let Some(poll) = poll {
            let mut ins = self.tx.prepare_cached(
                "INSERT OR REPLACE INTO poll_options (id, post_id, position, label, votes, mine) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (i, o) in poll.options.iter().enumerate() {
                ins.execute(params![
                    o.id,
                    p.id,
                    i as i64,
                    o.label,
                    o.votes,
                    poll.my_votes.contains(&o.id)
                ])?;
            }
        }
        if !self.pending.is_empty() {
            self.drop_echo(&p.client_id, p.id, true)?;
        }
        if inserted {
            self.new_posts.push(NewPost {
                post_id: p.id,
                group_id: p.group_id,
                group_name: String::new(),
                author_id: p.author_id,
                author_name: String::new(),
                body: p.body.clone(),
                created_at: p.created_at,
            });
        }
        self.groups.insert(p.group_id);
        self.posts.insert(p.id);
        Ok(inserted)
    }

    fn post_removed(&mut self, id: Id, group_id: Id) -> Result<(), StoreError> {
        if self.unindexed_posts.contains(&id) || !self.unindexed_comments.is_empty() {
            self.index_text()?;
        }
        for sql in [
            "DELETE FROM poll_options WHERE post_id = ?1",
            "DELETE FROM comments WHERE post_id = ?1",
            "DELETE FROM reactions WHERE post_id = ?1",
            "DELETE FROM mentions WHERE post_id = ?1",
            "DELETE FROM posts WHERE id = ?1",
        ] {
            self.tx.prepare_cached(sql)?.execute([id])?;
        }
        self.groups.insert(group_id);
        self.posts.insert(id);
        Ok(())
    }

    /// Inserts or replaces a comment; true when it was not in the cache.
    pub(super) fn comment(&mut self, c: &Comment) -> Result<bool, StoreError> {
        check_id(c.id, "a comment")?;
        check_id(c.post_id, "a comment's post")?;
        let values = params![
            c.id,
            &c.client_id.as_bytes()[..],
            c.post_id,
            c.group_id,
            c.author_id,
            c.body,
            c.created_at,
            c.edited_at
        ];
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO comments (id, client_id, post_id, group_id, author_id, body, created_at, edited_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(id) DO NOTHING",
            )?
            .execute(values)?
            == 1;
        self.note_words(&c.body);
        if inserted {
            self.unindexed_comments.insert(c.id);
        } else {
            if self.unindexed_comments.contains(&c.id) {
                self.index_text()?;
            }
            self.tx
                .prepare_cached(
                    "UPDATE comments SET client_id = ?2, post_id = ?3, group_id = ?4, author_id = ?5, body = ?6,
                       created_at = ?7, edited_at = ?8 WHERE id = ?1",
                )?
                .execute(values)?;
        }
        if !self.pending.is_empty() {
            self.drop_echo(&c.client_id, c.id, false)?;
        }
        self.groups.insert(c.group_id);
        self.posts.insert(c.post_id);
        Ok(inserted)
    }

    /// The server's answer to the user's own comment: counted on its post at
    /// once (the post's new counters come with the next sync).
    pub(super) fn own_comment(&mut self, c: &Comment) -> Result<(), StoreError> {
        if self.comment(c)? {
            self.tx.execute(
                "UPDATE posts SET comment_count = comment_count + 1 WHERE id = ?1",
                [c.post_id],
            )?;
        }
        Ok(())
    }

    fn comment_removed(&mut self, id: Id, post_id: Id) -> Result<(), StoreError> {
        if self.unindexed_comments.contains(&id) {
            self.index_text()?;
        }
        self.tx
            .prepare_cached("DELETE FROM comments WHERE id = ?1")?
            .execute([id])?;
        self.tx
            .prepare_cached("DELETE FROM mentions WHERE comment_id = ?1 AND post_id = ?2")?
            .execute([id, post_id])?;
        self.posts.insert(post_id);
        Ok(())
    }

    pub(super) fn reaction(&mut self, r: &Reaction) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO reactions (post_id, user_id, kind, group_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![r.post_id, r.user_id, r.kind.as_str(), r.group_id, r.created_at])?;
        self.posts.insert(r.post_id);
        Ok(())
    }

    fn reaction_removed(&mut self, post_id: Id, user_id: Id, kind: &str) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "DELETE FROM reactions WHERE post_id = ?1 AND user_id = ?2 AND kind = ?3",
            )?
            .execute(params![post_id, user_id, kind])?;
        self.posts.insert(post_id);
        Ok(())
    }

    pub(super) fn mention(&mut self, m: &Mention) -> Result<(), StoreError> {
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO mentions (post_id, comment_id, group_id, author_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![m.post_id, m.comment_id.unwrap_or(0), m.group_id, m.author_id, m.created_at])?
            == 1;
        if inserted {
            self.new_mentions.push((m.post_id, m.comment_id));
        }
        self.groups.insert(m.group_id);
        Ok(())
    }

    pub(super) fn change(&mut self, c: &Change) -> Result<(), StoreError> {
        match c {
            Change::User(u) => self.user(u),
            Change::Group(g) => self.group(g),
            Change::GroupRemoved { id } => self.group_removed(*id),
            Change::Membership(m) => self.membership(m),
            Change::MembershipRemoved { group_id, user_id } => {
                self.membership_removed(*group_id, *user_id)
            }
            Change::Follow(f) => self.follow(f),
            Change::Post(p) => self.post(p).map(|_| ()),
            Change::PostRemoved { id, group_id } => self.post_removed(*id, *group_id),
            Change::Comment(c) => self.comment(c).map(|_| ()),
            Change::CommentRemoved { id, post_id } => self.comment_removed(*id, *post_id),
            Change::Reaction(r) => self.reaction(r),
            Change::ReactionRemoved {
                post_id,
                user_id,
                kind,
            } => self.reaction_removed(*post_id, *user_id, kind.as_str()),
            Change::Mention(m) => self.mention(m),
            Change::ReadMarker(m) => self.read_marker(m),
        }
    }

    /// Writes the effect of an outbox item the server accepted without sending
    /// an entity back, so the view keeps showing it until the next sync.
    pub(super) fn apply_done(&mut self, op: &OutboxOp) -> Result<(), StoreError> {
        self.index_text()?;
        let tx = self.tx;
        match op {
            OutboxOp::DeletePost { post_id } => {
                let group: Option<Id> = tx
                    .query_row("SELECT group_id FROM posts WHERE id = ?1", [post_id], |r| {
                        r.get(0)
                    })
                    .optional()?;
                if let Some(g) = group {
                    self.post_removed(*post_id, g)?;
                }
            }
            OutboxOp::DeleteComment { comment_id } => {
                let post: Option<Id> = tx
                    .query_row(
                        "SELECT post_id FROM comments WHERE id = ?1",
                        [comment_id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(p) = post {
                    self.comment_removed(*comment_id, p)?;
                    tx.execute(
                        "UPDATE posts SET comment_count = max(comment_count - 1, 0) WHERE id = ?1",
                        [p],
                    )?;
                }
            }
            OutboxOp::SetLike { post_id, liked } => {
                let delta = if *liked { 1 } else { -1 };
                tx.execute(
                    "UPDATE posts SET liked_by_me = ?2, like_count = max(like_count + ?3, 0) WHERE id = ?1 AND liked_by_me != ?2",
                    params![post_id, liked, delta],
                )?;
                if let Some(me) = self.me {
                    if *liked {
                        tx.execute(
                            "INSERT OR IGNORE INTO reactions (post_id, user_id, kind, group_id, created_at)
                             SELECT id, ?2, 'like', group_id, ?3 FROM posts WHERE id = ?1",
                            params![post_id, me, now_millis()],
                        )?;
                    } else {
                        tx.execute("DELETE FROM reactions WHERE post_id = ?1 AND user_id = ?2 AND kind = 'like'", params![post_id, me])?;
                    }
                }
                self.posts.insert(*post_id);
            }
            OutboxOp::Vote {
                post_id,
                option_ids,
            } => {
                let json = serde_json::to_string(option_ids)?;
                // Counts follow the change of choice until the server's counts arrive.
                tx.execute(
                    "UPDATE poll_options SET
                       votes = max(votes + (id IN (SELECT value FROM json_each(?2))) - mine, 0),
                       mine = (id IN (SELECT value FROM json_each(?2)))
                     WHERE post_id = ?1",
                    params![post_id, json],
                )?;
                self.posts.insert(*post_id);
            }
            OutboxOp::MarkRead {
                group_id,
                last_read_post_id,
            } => {
                tx.execute(
                    "INSERT INTO read_markers (group_id, last_read_post_id) VALUES (?1, ?2)
                     ON CONFLICT(group_id) DO UPDATE SET last_read_post_id = max(last_read_post_id, excluded.last_read_post_id)",
                    params![group_id, last_read_post_id],
                )?;
                self.groups.insert(*group_id);
            }
            OutboxOp::SetMembership { group_id, joined } => {
                if let Some(me) = self.me {
                    if *joined {
                        tx.execute(
                            "INSERT OR IGNORE INTO memberships (group_id, user_id, role, joined_at) VALUES (?1, ?2, 'member', ?3)",
                            params![group_id, me, now_millis()],
                        )?;
                    } else {
                        tx.execute(
                            "DELETE FROM memberships WHERE group_id = ?1 AND user_id = ?2",
                            params![group_id, me],
                        )?;
                    }
                }
                self.groups.insert(*group_id);
            }
            OutboxOp::SetFollow {
                group_id,
                following,
            } => {
                self.follow(&Follow {
                    group_id: *group_id,
                    following: *following,
                })?;
            }
            OutboxOp::EditPost { post_id, body } => {
                self.note_words(body);
                tx.execute(
                    "UPDATE posts SET body = ?2, edited_at = ?3 WHERE id = ?1",
                    params![post_id, body, now_millis()],
                )?;
                self.posts.insert(*post_id);
            }
            OutboxOp::EditComment { comment_id, body } => {
                self.note_words(body);
                tx.execute(
                    "UPDATE comments SET body = ?2, edited_at = ?3 WHERE id = ?1",
                    params![comment_id, body, now_millis()],
                )?;
            }
            OutboxOp::CreatePost { .. } | OutboxOp::CreateComment { .. } => {}
        }
        Ok(())
    }

    fn group_name(&mut self, id: Id) -> Result<String, StoreError> {
        if let Some(n) = self.group_names.get(&id) {
            return Ok(n.clone());
        }
        let n: String = self
            .tx
            .prepare_cached("SELECT name FROM groups WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or_default();
        self.group_names.insert(id, n.clone());
        Ok(n)
    }

    fn user_name(&mut self, id: Id) -> Result<String, StoreError> {
        if let Some(n) = self.user_names.get(&id) {
            return Ok(n.clone());
        }
        let n: String = self
            .tx
            .prepare_cached("SELECT name FROM users WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or_default();
        self.user_names.insert(id, n.clone());
        Ok(n)
    }

    /// Indexes what is left to index and says what changed.
    pub(super) fn finish_changed(&mut self) -> Result<CacheChanged, StoreError> {
        self.index_text()?;
        Ok(CacheChanged {
            groups: std::mem::take(&mut self.groups).into_iter().collect(),
            posts: std::mem::take(&mut self.posts).into_iter().collect(),
            people: self.people,
            outbox: self.outbox,
            all: self.all,
        })
    }

    /// Completes the facts: names of new posts, bodies of new mentions.
    pub(super) fn finish(mut self, first_sync: bool) -> Result<BatchFacts, StoreError> {
        let mut new_posts = std::mem::take(&mut self.new_posts);
        for p in &mut new_posts {
            p.group_name = self.group_name(p.group_id)?;
            p.author_name = self.user_name(p.author_id)?;
        }
        new_posts.sort_by_key(|p| p.post_id);
        let mut new_mentions = Vec::new();
        for (post_id, comment_id) in std::mem::take(&mut self.new_mentions) {
            let row: Option<(Id, Id, String, i64)> = match comment_id {
                Some(c) => self
                    .tx
                    .prepare_cached(
                        "SELECT group_id, author_id, body, created_at FROM comments WHERE id = ?1",
                    )?
                    .query_row([c], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    .optional()?,
                None => self
                    .tx
                    .prepare_cached(
                        "SELECT group_id, author_id, body, created_at FROM posts WHERE id = ?1",
                    )?
                    .query_row([post_id], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })
                    .optional()?,
            };
            // A mention whose text the cache lacks is still counted, but not notified.
            if let Some((group_id, author_id, body, created_at)) = row {
                new_mentions.push(NewMention {
                    post_id,
                    comment_id,
                    group_id,
                    group_name: self.group_name(group_id)?,
                    author_id,
                    author_name: self.user_name(author_id)?,
                    body,
                    created_at,
                });
            }
        }
        new_mentions.sort_by_key(|m| (m.created_at, m.post_id));
        let changed = self.finish_changed()?;
        Ok(BatchFacts {
            first_sync,
            new_posts,
            new_mentions,
            changed,
        })
    }
}

/// Cursors are opaque, but the reference server's are decimal sequence
/// numbers: when both parse, the new one must not be smaller.
fn cursor_backwards(stored: &str, received: &str) -> bool {
    match (stored.parse::<u64>(), received.parse::<u64>()) {
        (Ok(s), Ok(r)) => r < s,
        _ => false,
    }
}

impl Store {
    /// Applies a bootstrap in one transaction: replaces every server-derived
    /// row (the outbox, raised notifications and settings stay), stores `me`,
    /// the gaps and the cursor. `first_sync` is true in the facts.
    pub fn apply_bootstrap(&self, b: &Bootstrap) -> Result<BatchFacts, StoreError> {
        let facts = self.write(|tx| {
            for t in [
                "users",
                "groups",
                "memberships",
                "follows",
                "read_markers",
                "gaps",
                "poll_options",
                "comments",
                "reactions",
                "mentions",
                "posts",
            ] {
                tx.execute(&format!("DELETE FROM {t}"), [])?;
            }
            settings::meta_set(tx, "me", &b.me.id.to_string())?;
            let mut app = Applier::new(tx)?;
            app.user(&b.me)?;
            for u in &b.users {
                app.user(u)?;
            }
            for g in &b.groups {
                app.group(g)?;
            }
            for m in &b.memberships {
                app.membership(m)?;
            }
            for f in &b.follows {
                app.follow(f)?;
            }
            for m in &b.read_markers {
                app.read_marker(m)?;
            }
            for p in &b.posts {
                app.post(p)?;
            }
            for c in &b.comments {
                app.comment(c)?;
            }
            for r in &b.reactions {
                app.reaction(r)?;
            }
            for m in &b.mentions {
                app.mention(m)?;
            }
            for g in &b.older {
                tx.execute(
                    "INSERT OR REPLACE INTO gaps (group_id, before) VALUES (?1, ?2)",
                    params![g.group_id, g.before],
                )?;
            }
            settings::meta_set(tx, "cursor", &b.cursor)?;
            app.all = true;
            app.finish(true)
        })?;
        self.inner.render.clear();
        Ok(facts)
    }

    /// Applies one `/v1/sync` answer and its cursor in one transaction: on any
    /// error nothing is written and the old cursor stays. Refuses a cursor
    /// that goes backwards.
    pub fn apply_sync(&self, r: &SyncResponse, first_sync: bool) -> Result<BatchFacts, StoreError> {
        let facts = self.write(|tx| {
            if let Some(stored) = settings::meta_get(tx, "cursor")? {
                if cursor_backwards(&stored, &r.cursor) {
                    return Err(StoreError::CursorBackwards {
                        stored,
                        received: r.cursor.clone(),
                    });
                }
            }
            let mut app = Applier::new(tx)?;
            for c in &r.changes {
                app.change(c)?;
            }
            settings::meta_set(tx, "cursor", &r.cursor)?;
            app.finish(first_sync)
        })?;
        if facts.changed.people {
            self.inner.render.clear();
        }
        Ok(facts)
    }

    /// Applies a page of a group's older history and moves the group's gap.
    pub fn apply_post_page(&self, group_id: Id, page: &PostPage) -> Result<BatchFacts, StoreError> {
        self.write(|tx| {
            let mut app = Applier::new(tx)?;
            for p in &page.posts {
                app.post(p)?;
            }
            for c in &page.comments {
                app.comment(c)?;
            }
            for r in &page.reactions {
                app.reaction(r)?;
            }
            let gap: Option<Id> = tx
                .query_row(
                    "SELECT before FROM gaps WHERE group_id = ?1",
                    [group_id],
                    |r| r.get(0),
                )
                .optional()?;
            match page.next_before {
                None => {
                    tx.execute("DELETE FROM gaps WHERE group_id = ?1", [group_id])?;
                }
                Some(b) if gap.is_none_or(|g| b < g) => {
                    tx.execute(
                        "INSERT OR REPLACE INTO gaps (group_id, before) VALUES (?1, ?2)",
                        params![group_id, b],
                    )?;
                }
                Some(_) => {}
            }
            app.groups.insert(group_id);
            app.finish(false)
        })
    }

    /// Applies a post with all its comments and reactions (comments and
    /// reactions the thread no longer has are removed).
    pub fn apply_thread(&self, t: &PostThread) -> Result<BatchFacts, StoreError> {
        self.write(|tx| {
            let mut app = Applier::new(tx)?;
            app.post(&t.post)?;
            app.index_text()?;
            let keep = serde_json::to_string(&t.comments.iter().map(|c| c.id).collect::<Vec<_>>())?;
            tx.execute(
                "DELETE FROM comments WHERE post_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
                params![t.post.id, keep],
            )?;
            tx.execute("DELETE FROM reactions WHERE post_id = ?1", [t.post.id])?;
            for c in &t.comments {
                app.comment(c)?;
            }
            for r in &t.reactions {
                app.reaction(r)?;
            }
            app.finish(false)
        })
    }

    /// Writes the server's answer to the user's own post at once (dropping
    /// its local echo from the outbox by `client_id`).
    pub fn apply_own_post(&self, p: &Post) -> Result<CacheChanged, StoreError> {
        self.write(|tx| {
            let mut app = Applier::new(tx)?;
            app.post(p)?;
            app.finish_changed()
        })
    }

    /// Writes the server's answer to the user's own comment at once.
    pub fn apply_own_comment(&self, c: &Comment) -> Result<CacheChanged, StoreError> {
        self.write(|tx| {
            let mut app = Applier::new(tx)?;
            app.own_comment(c)?;
            app.finish_changed()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::cursor_backwards;

    #[test]
    fn numeric_cursors_must_not_go_back() {
        assert!(cursor_backwards("10", "9"));
        assert!(!cursor_backwards("9", "10"));
        assert!(!cursor_backwards("10", "10"));
        assert!(!cursor_backwards("abc", "1"));
    }
}
