//! The change feed (`GET /v1/sync`) and the bootstrap (`GET /v1/bootstrap`).
//!
//! The feed carries, for one user, the *current* state of every entity that
//! changed after a cursor and that this user may see, plus tombstones for what
//! was deleted or is no longer visible. Applying the changes of an answer in
//! order, then storing its cursor, in one transaction, keeps a client's cache
//! equal to what the server shows that user.

use serde::{Deserialize, Serialize};

use crate::{
    Comment, Follow, Group, Id, Membership, Mention, Post, Reaction, ReactionKind, ReadMarker, User,
};

/// An opaque position in the server's change log. Clients store it and send it
/// back as `since`; they never interpret it.
pub type Cursor = String;

/// Query of `GET /v1/sync`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncQuery {
    /// The cursor of the last applied answer (or of the bootstrap). Absent: from the beginning.
    #[serde(default)]
    pub since: Option<Cursor>,
    /// Most changes to return, 1 to [`crate::limits::MAX_SYNC_LIMIT`].
    #[serde(default)]
    pub limit: Option<u32>,
}

/// One change of the feed: an entity's current state, or a tombstone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum Change {
    /// A user's profile, new or changed.
    User(User),
    /// A group, new, changed, or newly visible.
    Group(Group),
    /// The group is no longer visible to this user (left a private group, or
    /// deleted): forget it and everything in it.
    GroupRemoved {
        /// The group.
        id: Id,
    },
    /// A membership, new or changed.
    Membership(Membership),
    /// A membership ended.
    MembershipRemoved {
        /// The group.
        group_id: Id,
        /// The former member.
        user_id: Id,
    },
    /// The user's follow setting of a group.
    Follow(Follow),
    /// A post, new or changed (body, pin, counters, poll results).
    Post(Post),
    /// A post was deleted.
    PostRemoved {
        /// The post.
        id: Id,
        /// Its group.
        group_id: Id,
    },
    /// A comment, new or changed.
    Comment(Comment),
    /// A comment was deleted.
    CommentRemoved {
        /// The comment.
        id: Id,
        /// Its post.
        post_id: Id,
    },
    /// A reaction was set.
    Reaction(Reaction),
    /// A reaction was removed.
    ReactionRemoved {
        /// The post.
        post_id: Id,
        /// Who had reacted.
        user_id: Id,
        /// Which reaction.
        kind: ReactionKind,
    },
    /// The user was mentioned.
    Mention(Mention),
    /// The user's read marker of a group moved.
    ReadMarker(ReadMarker),
}

/// Answer of `GET /v1/sync`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncResponse {
    /// Changes, to be applied in order.
    pub changes: Vec<Change>,
    /// The cursor to store with these changes and send as `since` next time.
    pub cursor: Cursor,
    /// True: more changes are waiting; call again at once with the new cursor.
    pub more: bool,
}

/// Answer of `GET /v1/bootstrap`: what a new client needs to start, and the
/// cursor that matches it (changes after it come from `/v1/sync`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bootstrap {
    /// The signed-in user.
    pub me: User,
    /// The whole directory.
    pub users: Vec<User>,
    /// Every group this user may see (public ones and her private ones).
    pub groups: Vec<Group>,
    /// Memberships of the groups this user may see.
    pub memberships: Vec<Membership>,
    /// The user's follow settings.
    pub follows: Vec<Follow>,
    /// The user's read markers.
    pub read_markers: Vec<ReadMarker>,
    /// The latest [`crate::limits::BOOTSTRAP_POSTS_PER_GROUP`] posts of each joined group.
    pub posts: Vec<Post>,
    /// The comments of those posts.
    pub comments: Vec<Comment>,
    /// The reactions to those posts.
    pub reactions: Vec<Reaction>,
    /// The user's mentions among those posts and comments.
    pub mentions: Vec<Mention>,
    /// For each joined group, the `before` to page older posts from, if any.
    pub older: Vec<GroupGap>,
    /// Where the change feed continues.
    pub cursor: Cursor,
}

/// Older history of a group that a client does not hold yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupGap {
    /// The group.
    pub group_id: Id,
    /// Posts older than this id are not included: page them with `before`.
    pub before: Id,
}
