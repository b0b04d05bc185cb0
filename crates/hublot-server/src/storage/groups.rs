//! Groups, memberships, follows, read markers and group pages.

use hublot_api::limits::{
    DEFAULT_PAGE_LIMIT, MAX_GROUP_DESCRIPTION_CHARS, MAX_GROUP_NAME_CHARS, MAX_PAGE_LIMIT,
};
use hublot_api::{
    AddMember, CreateGroup, EditGroup, Follow, Group, Id, MemberList, Membership, PostPage,
    ReadMarker, Role,
};
use rusqlite::Transaction;

use super::access::{visible_group, visible_groups};
use super::feed::Changes;
use super::render::{self, kind_str, role_str, visibility_str, GROUP_COLS};
use super::{chars, not_found, now_ms, Storage, StoreError, StoreResult};

fn check_name(name: &str) -> StoreResult<()> {
    if name.trim().is_empty() {
        return Err(StoreError::Unprocessable("the group name is empty".into()));
    }
    if chars(name) > MAX_GROUP_NAME_CHARS {
        return Err(StoreError::Unprocessable(format!(
            "the group name is longer than {MAX_GROUP_NAME_CHARS} characters"
        )));
    }
    Ok(())
}

fn check_description(d: &str) -> StoreResult<()> {
    if chars(d) > MAX_GROUP_DESCRIPTION_CHARS {
        return Err(StoreError::Unprocessable(format!(
            "the group description is longer than {MAX_GROUP_DESCRIPTION_CHARS} characters"
        )));
    }
    Ok(())
}

/// Adds or updates a membership, keeping counts and the log right.
pub(crate) fn upsert_membership(
    tx: &Transaction<'_>,
    ch: &mut Changes,
    group: Id,
    user: Id,
    role: Role,
) -> StoreResult<Membership> {
    let existing = render::membership(tx, group, user)?;
    match &existing {
        Some(m) if m.role == role => return Ok(m.clone()),
        Some(_) => {
            tx.execute(
                "UPDATE memberships SET role = ?3 WHERE group_id = ?1 AND user_id = ?2",
                rusqlite::params![group, user, role_str(role)],
            )?;
        }
        None => {
            tx.execute(
                "INSERT INTO memberships(group_id, user_id, role, joined_at) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![group, user, role_str(role), now_ms()],
            )?;
            tx.execute(
                "UPDATE groups SET member_count = member_count + 1 WHERE id = ?1",
                [group],
            )?;
            ch.group(tx, group)?;
            let private: bool = tx.query_row(
                "SELECT visibility = 'private' FROM groups WHERE id = ?1",
                [group],
                |r| r.get(0),
            )?;
            if private {
                ch.access(tx, group, user, true)?;
            }
        }
    }
    ch.membership(tx, group, user, false)?;
    render::membership(tx, group, user)?.ok_or_else(|| not_found("membership"))
}

fn insert_group(tx: &Transaction<'_>, ch: &mut Changes, g: &CreateGroup) -> StoreResult<Id> {
    check_name(&g.name)?;
    check_description(&g.description)?;
    let now = now_ms();
    tx.execute(
        "INSERT INTO groups(name, description, visibility, kind, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        rusqlite::params![g.name.trim(), g.description, visibility_str(g.visibility), kind_str(g.kind), now],
    )?;
    let id = tx.last_insert_rowid();
    ch.group(tx, id)?;
    Ok(id)
}

impl Storage {
    /// `GET /v1/groups`: every group `user` may see.
    pub fn groups(&self, user: Id) -> StoreResult<Vec<Group>> {
        self.read(|tx| {
            let visible = visible_groups(tx, user)?;
            let all = tx
                .prepare_cached(&format!("SELECT {GROUP_COLS} FROM groups ORDER BY id"))?
                .query_map([], render::group_from_row)?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(all
                .into_iter()
                .filter(|g| visible.contains(&g.id))
                .collect())
        })
    }

    /// `GET /v1/groups/{id}`.
    pub fn group(&self, user: Id, id: Id) -> StoreResult<Group> {
        self.read(|tx| {
            visible_group(tx, user, id)?;
            render::group(tx, id)?.ok_or_else(|| not_found("group"))
        })
    }

    /// `POST /v1/groups`: creates a group; its creator is its first admin
    /// (`creator` None: an admin command, nobody joins).
    pub fn create_group(&self, creator: Option<Id>, g: &CreateGroup) -> StoreResult<Group> {
        self.write_logged(|tx, ch| {
            let id = insert_group(tx, ch, g)?;
            if let Some(user) = creator {
                upsert_membership(tx, ch, id, user, Role::Admin)?;
            }
            render::group(tx, id)?.ok_or_else(|| not_found("group"))
        })
    }

    /// `PATCH /v1/groups/{id}` (group admins).
    pub fn edit_group(&self, user: Id, id: Id, e: &EditGroup) -> StoreResult<Group> {
        if let Some(n) = &e.name {
            check_name(n)?;
        }
        if let Some(d) = &e.description {
            check_description(d)?;
        }
        self.write_logged(|tx, ch| {
            visible_group(tx, user, id)?.admin()?;
            tx.execute(
                "UPDATE groups SET name = COALESCE(?2, name), description = COALESCE(?3, description), \
                 archived = COALESCE(?4, archived), updated_at = ?5 WHERE id = ?1",
                rusqlite::params![id, e.name.as_deref().map(str::trim), e.description, e.archived, now_ms()],
            )?;
            ch.group(tx, id)?;
            render::group(tx, id)?.ok_or_else(|| not_found("group"))
        })
    }

    /// `POST /v1/groups/{id}/join`: public groups only.
    pub fn join(&self, user: Id, id: Id) -> StoreResult<Membership> {
        self.write_logged(|tx, ch| {
            let access = visible_group(tx, user, id)?;
            if let Some(m) = render::membership(tx, id, user)? {
                return Ok(m);
            }
            if !access.public {
                return Err(StoreError::Forbidden(
                    "private groups are joined by invitation of a group admin".into(),
                ));
            }
            access.writable()?;
            upsert_membership(tx, ch, id, user, Role::Member)
        })
    }

    /// `POST /v1/groups/{id}/leave`. Leaving a group one is not in does nothing.
    pub fn leave(&self, user: Id, id: Id) -> StoreResult<()> {
        self.write_logged(|tx, ch| {
            let access = visible_group(tx, user, id)?;
            if access.role.is_none() {
                return Ok(());
            }
            tx.execute(
                "DELETE FROM memberships WHERE group_id = ?1 AND user_id = ?2",
                [id, user],
            )?;
            tx.execute(
                "UPDATE groups SET member_count = member_count - 1 WHERE id = ?1",
                [id],
            )?;
            ch.membership(tx, id, user, true)?;
            ch.group(tx, id)?;
            if !access.public {
                ch.access(tx, id, user, false)?;
            }
            Ok(())
        })
    }

    /// `GET /v1/groups/{id}/members`.
    pub fn members(&self, user: Id, id: Id) -> StoreResult<MemberList> {
        self.read(|tx| {
            visible_group(tx, user, id)?;
            Ok(MemberList {
                members: render::members(tx, id)?,
            })
        })
    }

    /// `POST /v1/groups/{id}/members` (group admins): adds someone or changes
    /// her role. `actor` None: an admin command.
    pub fn add_member(
        &self,
        actor: Option<Id>,
        id: Id,
        add: &AddMember,
    ) -> StoreResult<Membership> {
        self.write_logged(|tx, ch| {
            match actor {
                Some(actor) => {
                    visible_group(tx, actor, id)?.admin()?.writable()?;
                }
                None => {
                    render::group(tx, id)?.ok_or_else(|| not_found("group"))?;
                }
            }
            let enabled = tx
                .prepare_cached("SELECT 1 FROM users WHERE id = ?1 AND disabled = 0")?
                .exists([add.user_id])?;
            if !enabled {
                return Err(StoreError::Unprocessable(format!(
                    "user {} does not exist or is disabled",
                    add.user_id
                )));
            }
            upsert_membership(tx, ch, id, add.user_id, add.role)
        })
    }

    /// `PUT /v1/groups/{id}/follow`.
    pub fn set_follow(&self, user: Id, id: Id, following: bool) -> StoreResult<Follow> {
        self.write_logged(|tx, ch| {
            visible_group(tx, user, id)?;
            tx.execute(
                "INSERT INTO follows(user_id, group_id, following) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(user_id, group_id) DO UPDATE SET following = excluded.following",
                rusqlite::params![user, id, following],
            )?;
            ch.follow(tx, id, user)?;
            Ok(Follow {
                group_id: id,
                following,
            })
        })
    }

    /// `PUT /v1/groups/{id}/read`: never moves a marker backwards.
    pub fn set_read_marker(&self, user: Id, id: Id, post: Id) -> StoreResult<ReadMarker> {
        if post < 0 {
            return Err(StoreError::Unprocessable(
                "`last_read_post_id` must not be negative".into(),
            ));
        }
        self.write_logged(|tx, ch| {
            visible_group(tx, user, id)?;
            let current: Option<Id> = super::opt_id(
                tx,
                "SELECT last_read_post_id FROM read_markers WHERE user_id = ?1 AND group_id = ?2",
                [user, id],
            )?;
            if current.is_some_and(|c| c >= post) {
                return Ok(ReadMarker { group_id: id, last_read_post_id: current.unwrap_or(post) });
            }
            tx.execute(
                "INSERT INTO read_markers(user_id, group_id, last_read_post_id) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(user_id, group_id) DO UPDATE SET last_read_post_id = excluded.last_read_post_id",
                rusqlite::params![user, id, post],
            )?;
            ch.read_marker(tx, id, user)?;
            Ok(ReadMarker { group_id: id, last_read_post_id: post })
        })
    }

    /// `GET /v1/groups/{id}/posts`: a page of posts, newest first (pinned
    /// posts are not moved: clients sort them first).
    pub fn post_page(
        &self,
        user: Id,
        id: Id,
        before: Option<Id>,
        limit: Option<u32>,
    ) -> StoreResult<PostPage> {
        let limit = limit.unwrap_or(DEFAULT_PAGE_LIMIT);
        if limit == 0 || limit > MAX_PAGE_LIMIT {
            return Err(StoreError::BadRequest(format!(
                "`limit` must be between 1 and {MAX_PAGE_LIMIT}"
            )));
        }
        self.read(|tx| {
            visible_group(tx, user, id)?;
            let ids: Vec<Id> = tx
                .prepare_cached(
                    "SELECT id FROM posts WHERE group_id = ?1 AND deleted = 0 AND id < ?2 ORDER BY id DESC LIMIT ?3",
                )?
                .query_map(rusqlite::params![id, before.unwrap_or(i64::MAX), limit as i64 + 1], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let more = ids.len() > limit as usize;
            let mut page = PostPage { posts: Vec::new(), comments: Vec::new(), reactions: Vec::new(), next_before: None };
            for pid in ids.into_iter().take(limit as usize) {
                if let Some(p) = render::post(tx, pid, user)? {
                    page.comments.extend(render::comments_of(tx, pid)?);
                    page.reactions.extend(render::reactions_of(tx, pid)?);
                    page.posts.push(p);
                }
            }
            if more {
                page.next_before = page.posts.last().map(|p| p.id);
            }
            Ok(page)
        })
    }

    /// Groups by name, for the admin commands.
    pub fn group_id_by_name(&self, name: &str) -> StoreResult<Id> {
        self.read(|tx| {
            super::opt_id(
                tx,
                "SELECT id FROM groups WHERE name = ?1 ORDER BY id LIMIT 1",
                [name],
            )?
            .ok_or_else(|| StoreError::NotFound(format!("no group is named {name:?}")))
        })
    }
}
