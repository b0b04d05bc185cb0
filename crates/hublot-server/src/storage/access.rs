//! Who may see and do what in a group. Checked inside the transaction of the
//! operation they guard.

use std::collections::HashSet;

use hublot_api::{GroupKind, Id, Role};
use rusqlite::{OptionalExtension, Transaction};

use super::render::parse_role;
use super::{not_found, StoreError, StoreResult};

/// What the checks need to know about a group and the acting user.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GroupAccess {
    pub id: Id,
    pub public: bool,
    pub archived: bool,
    pub kind: GroupKind,
    /// The user's role, if she is a member.
    pub role: Option<Role>,
}

impl GroupAccess {
    pub fn is_admin(&self) -> bool {
        self.role == Some(Role::Admin)
    }

    /// Refuses writes in an archived group.
    pub fn writable(self) -> StoreResult<Self> {
        if self.archived {
            return Err(StoreError::Unprocessable(
                "this group is archived: it is read-only".into(),
            ));
        }
        Ok(self)
    }

    /// Requires membership.
    pub fn member(self) -> StoreResult<Self> {
        if self.role.is_none() {
            return Err(StoreError::Forbidden(
                "only members of this group may do this; join it first".into(),
            ));
        }
        Ok(self)
    }

    /// Requires the group admin role.
    pub fn admin(self) -> StoreResult<Self> {
        if !self.is_admin() {
            return Err(StoreError::Forbidden(
                "only an admin of this group may do this".into(),
            ));
        }
        Ok(self)
    }
}

/// The group as `user` may see it; NotFound when it does not exist or is
/// private and she is not a member (the two are indistinguishable on purpose).
pub(crate) fn visible_group(tx: &Transaction<'_>, user: Id, group: Id) -> StoreResult<GroupAccess> {
    let row = tx
        .prepare_cached(
            "SELECT g.visibility, g.archived, g.kind, m.role FROM groups g \
             LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = ?2 WHERE g.id = ?1",
        )?
        .query_row([group, user], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .optional()?;
    let Some((visibility, archived, kind, role)) = row else {
        return Err(not_found("group"));
    };
    let access = GroupAccess {
        id: group,
        public: visibility == "public",
        archived,
        kind: match kind.as_str() {
            "project" => GroupKind::Project,
            "announcement" => GroupKind::Announcement,
            "community" => GroupKind::Community,
            _ => GroupKind::Work,
        },
        role: role.as_deref().map(parse_role),
    };
    if !access.public && access.role.is_none() {
        return Err(not_found("group"));
    }
    Ok(access)
}

/// Every group `user` may see: the public ones and those she is a member of.
pub(crate) fn visible_groups(tx: &Transaction<'_>, user: Id) -> StoreResult<HashSet<Id>> {
    let mut st = tx.prepare_cached(
        "SELECT id FROM groups WHERE visibility = 'public' \
         UNION SELECT group_id FROM memberships WHERE user_id = ?1",
    )?;
    let rows = st.query_map([user], |r| r.get::<_, Id>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
