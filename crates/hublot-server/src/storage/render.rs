//! Reading rows into API entities. Per-viewer fields (`liked_by_me`,
//! `poll.my_votes`) are computed for the user given as `viewer`.

use hublot_api::{
    Comment, Group, GroupKind, Id, Membership, Poll, PollOption, Post, Reaction, ReactionKind,
    Role, User, Visibility,
};
use rusqlite::{OptionalExtension, Row, Transaction};
use uuid::Uuid;

use super::StoreResult;

pub(crate) const USER_COLS: &str =
    "id, handle, name, job_title, department, site, email, phone, disabled, updated_at";

pub(crate) fn user_from_row(r: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        handle: r.get(1)?,
        name: r.get(2)?,
        job_title: r.get(3)?,
        department: r.get(4)?,
        site: r.get(5)?,
        email: r.get(6)?,
        phone: r.get(7)?,
        disabled: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

pub(crate) fn user(tx: &Transaction<'_>, id: Id) -> StoreResult<Option<User>> {
    let mut st = tx.prepare_cached(&format!("SELECT {USER_COLS} FROM users WHERE id = ?1"))?;
    Ok(st.query_row([id], user_from_row).optional()?)
}

pub(crate) fn visibility_str(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Private => "private",
    }
}

pub(crate) fn kind_str(k: GroupKind) -> &'static str {
    match k {
        GroupKind::Work => "work",
        GroupKind::Project => "project",
        GroupKind::Announcement => "announcement",
        GroupKind::Community => "community",
    }
}

pub(crate) fn role_str(r: Role) -> &'static str {
    match r {
        Role::Member => "member",
        Role::Admin => "admin",
    }
}

pub(crate) fn parse_role(s: &str) -> Role {
    if s == "admin" {
        Role::Admin
    } else {
        Role::Member
    }
}

fn parse_kind(s: &str) -> GroupKind {
    match s {
        "project" => GroupKind::Project,
        "announcement" => GroupKind::Announcement,
        "community" => GroupKind::Community,
        _ => GroupKind::Work,
    }
}

pub(crate) const GROUP_COLS: &str =
    "id, name, description, visibility, kind, archived, member_count, created_at, updated_at";

pub(crate) fn group_from_row(r: &Row<'_>) -> rusqlite::Result<Group> {
    let visibility: String = r.get(3)?;
    let kind: String = r.get(4)?;
    Ok(Group {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        visibility: if visibility == "private" {
            Visibility::Private
        } else {
            Visibility::Public
        },
        kind: parse_kind(&kind),
        archived: r.get(5)?,
        member_count: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

pub(crate) fn group(tx: &Transaction<'_>, id: Id) -> StoreResult<Option<Group>> {
    let mut st = tx.prepare_cached(&format!("SELECT {GROUP_COLS} FROM groups WHERE id = ?1"))?;
    Ok(st.query_row([id], group_from_row).optional()?)
}

pub(crate) fn membership(
    tx: &Transaction<'_>,
    group_id: Id,
    user_id: Id,
) -> StoreResult<Option<Membership>> {
    let mut st = tx.prepare_cached(
        "SELECT group_id, user_id, role, joined_at FROM memberships WHERE group_id = ?1 AND user_id = ?2",
    )?;
    Ok(st
        .query_row([group_id, user_id], membership_from_row)
        .optional()?)
}

pub(crate) fn membership_from_row(r: &Row<'_>) -> rusqlite::Result<Membership> {
    let role: String = r.get(2)?;
    Ok(Membership {
        group_id: r.get(0)?,
        user_id: r.get(1)?,
        role: parse_role(&role),
        joined_at: r.get(3)?,
    })
}

/// Memberships of a group, admins first.
pub(crate) fn members(tx: &Transaction<'_>, group_id: Id) -> StoreResult<Vec<Membership>> {
    let mut st = tx.prepare_cached(
        "SELECT group_id, user_id, role, joined_at FROM memberships WHERE group_id = ?1 \
         ORDER BY role = 'admin' DESC, user_id",
    )?;
    let rows = st.query_map([group_id], membership_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn parse_uuid(s: &str) -> Uuid {
    // Only the server writes this column, always from a Uuid.
    Uuid::parse_str(s).unwrap_or(Uuid::nil())
}

/// A live (not deleted) post, rendered for `viewer`.
pub(crate) fn post(tx: &Transaction<'_>, id: Id, viewer: Id) -> StoreResult<Option<Post>> {
    let mut st = tx.prepare_cached(
        "SELECT id, client_id, group_id, author_id, body, pinned, comment_count, like_count, \
         has_poll, created_at, edited_at FROM posts WHERE id = ?1 AND deleted = 0",
    )?;
    let row = st
        .query_row([id], |r| {
            let client_id: String = r.get(1)?;
            Ok((
                Post {
                    id: r.get(0)?,
                    client_id: parse_uuid(&client_id),
                    group_id: r.get(2)?,
                    author_id: r.get(3)?,
                    body: r.get(4)?,
                    pinned: r.get(5)?,
                    poll: None,
                    comment_count: r.get(6)?,
                    like_count: r.get(7)?,
                    liked_by_me: false,
                    created_at: r.get(9)?,
                    edited_at: r.get(10)?,
                },
                r.get::<_, bool>(8)?,
            ))
        })
        .optional()?;
    let Some((mut post, has_poll)) = row else {
        return Ok(None);
    };
    post.liked_by_me = tx
        .prepare_cached(
            "SELECT 1 FROM reactions WHERE post_id = ?1 AND user_id = ?2 AND kind = 'like'",
        )?
        .exists([id, viewer])?;
    if has_poll {
        post.poll = poll(tx, id, viewer)?;
    }
    Ok(Some(post))
}

fn poll(tx: &Transaction<'_>, post_id: Id, viewer: Id) -> StoreResult<Option<Poll>> {
    let head = tx
        .prepare_cached(
            "SELECT question, multiple, closes_at, voters FROM polls WHERE post_id = ?1",
        )?
        .query_row([post_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, u32>(3)?,
            ))
        })
        .optional()?;
    let Some((question, multiple, closes_at, voters)) = head else {
        return Ok(None);
    };
    let options = tx
        .prepare_cached(
            "SELECT id, label, votes FROM poll_options WHERE post_id = ?1 ORDER BY position",
        )?
        .query_map([post_id], |r| {
            Ok(PollOption {
                id: r.get(0)?,
                label: r.get(1)?,
                votes: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let my_votes = tx
        .prepare_cached(
            "SELECT v.option_id FROM votes v JOIN poll_options o ON o.id = v.option_id \
             WHERE v.post_id = ?1 AND v.user_id = ?2 ORDER BY o.position",
        )?
        .query_map([post_id, viewer], |r| r.get(0))?
        .collect::<Result<Vec<Id>, _>>()?;
    Ok(Some(Poll {
        question,
        multiple,
        closes_at,
        options,
        voters,
        my_votes,
    }))
}

pub(crate) const COMMENT_COLS: &str =
    "id, client_id, post_id, group_id, author_id, body, created_at, edited_at";

pub(crate) fn comment_from_row(r: &Row<'_>) -> rusqlite::Result<Comment> {
    let client_id: String = r.get(1)?;
    Ok(Comment {
        id: r.get(0)?,
        client_id: parse_uuid(&client_id),
        post_id: r.get(2)?,
        group_id: r.get(3)?,
        author_id: r.get(4)?,
        body: r.get(5)?,
        created_at: r.get(6)?,
        edited_at: r.get(7)?,
    })
}

/// A live comment of a live post.
pub(crate) fn comment(tx: &Transaction<'_>, id: Id) -> StoreResult<Option<Comment>> {
    let mut st = tx.prepare_cached(&format!(
        "SELECT {COMMENT_COLS} FROM comments c WHERE id = ?1 AND deleted = 0 \
         AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = c.post_id AND p.deleted = 1)"
    ))?;
    Ok(st.query_row([id], comment_from_row).optional()?)
}

/// Live comments of a post, oldest first.
pub(crate) fn comments_of(tx: &Transaction<'_>, post_id: Id) -> StoreResult<Vec<Comment>> {
    let mut st = tx.prepare_cached(&format!(
        "SELECT {COMMENT_COLS} FROM comments WHERE post_id = ?1 AND deleted = 0 ORDER BY id"
    ))?;
    let rows = st.query_map([post_id], comment_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn reaction_from_row(r: &Row<'_>) -> rusqlite::Result<Reaction> {
    Ok(Reaction {
        post_id: r.get(0)?,
        group_id: r.get(1)?,
        user_id: r.get(2)?,
        kind: ReactionKind::Like,
        created_at: r.get(3)?,
    })
}

/// Reactions to a live post.
pub(crate) fn reactions_of(tx: &Transaction<'_>, post_id: Id) -> StoreResult<Vec<Reaction>> {
    let mut st = tx.prepare_cached(
        "SELECT r.post_id, p.group_id, r.user_id, r.created_at FROM reactions r \
         JOIN posts p ON p.id = r.post_id WHERE r.post_id = ?1 AND p.deleted = 0 ORDER BY r.user_id",
    )?;
    let rows = st.query_map([post_id], reaction_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One reaction, if it exists on a live post.
pub(crate) fn reaction(
    tx: &Transaction<'_>,
    post_id: Id,
    user_id: Id,
) -> StoreResult<Option<Reaction>> {
    let mut st = tx.prepare_cached(
        "SELECT r.post_id, p.group_id, r.user_id, r.created_at FROM reactions r \
         JOIN posts p ON p.id = r.post_id WHERE r.post_id = ?1 AND r.user_id = ?2 AND r.kind = 'like' AND p.deleted = 0",
    )?;
    Ok(st
        .query_row([post_id, user_id], reaction_from_row)
        .optional()?)
}
