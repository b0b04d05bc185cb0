//! Request bodies, query strings and the answers that are not plain entities.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Comment, GroupKind, Id, Membership, Millis, Post, Reaction, Role, User, Visibility};

/// `POST /v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LoginRequest {
    /// The user's handle (or e-mail address).
    pub login: String,
    /// The password.
    pub password: String,
}

/// Answer of `POST /v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LoginResponse {
    /// Bearer token for the `Authorization` header. Keep it secret.
    pub token: String,
    /// The signed-in user.
    pub user: User,
}

/// A poll to attach to a new post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewPoll {
    /// The question.
    pub question: String,
    /// Option labels, 2 to 10, each non-empty.
    pub options: Vec<String>,
    /// True: several options may be chosen.
    #[serde(default)]
    pub multiple: bool,
    /// Closing time, in the future. None: never closes.
    #[serde(default)]
    pub closes_at: Option<Millis>,
}

/// `POST /v1/posts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreatePost {
    /// Idempotency key: the same one twice returns the first post.
    pub client_id: Uuid,
    /// The group to post in; the author must be a member.
    pub group_id: Id,
    /// Markdown body, 1 to [`crate::limits::MAX_POST_CHARS`] characters.
    pub body: String,
    /// An optional poll.
    #[serde(default)]
    pub poll: Option<NewPoll>,
}

/// `PATCH /v1/posts/{id}` and `PATCH /v1/comments/{id}`: a new body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditBody {
    /// The new Markdown body.
    pub body: String,
}

/// `PUT /v1/posts/{id}/pin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetPinned {
    /// True to pin, false to unpin.
    pub pinned: bool,
}

/// `POST /v1/posts/{id}/comments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreateComment {
    /// Idempotency key: the same one twice returns the first comment.
    pub client_id: Uuid,
    /// Markdown body, 1 to [`crate::limits::MAX_COMMENT_CHARS`] characters.
    pub body: String,
}

/// `PUT /v1/posts/{id}/vote`: the complete choice of the voter (replaces any
/// earlier vote; an empty list withdraws it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CastVote {
    /// Chosen option ids: exactly one for a single-choice poll (or none to withdraw).
    pub option_ids: Vec<Id>,
}

/// `PUT /v1/groups/{id}/follow`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetFollow {
    /// True: notify me of new posts in this group.
    pub following: bool,
}

/// `PUT /v1/groups/{id}/read`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetReadMarker {
    /// The newest post read. The server never moves a marker backwards.
    pub last_read_post_id: Id,
}

/// `POST /v1/groups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreateGroup {
    /// Name, 1 to [`crate::limits::MAX_GROUP_NAME_CHARS`] characters.
    pub name: String,
    /// Description (plain text).
    #[serde(default)]
    pub description: String,
    /// Public or private.
    pub visibility: Visibility,
    /// What the group is for.
    pub kind: GroupKind,
}

/// `PATCH /v1/groups/{id}` (group admins only). Absent fields are unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditGroup {
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// New description.
    #[serde(default)]
    pub description: Option<String>,
    /// Archive (read-only) or unarchive.
    #[serde(default)]
    pub archived: Option<bool>,
}

/// `POST /v1/groups/{id}/members`: a group admin adds someone (the way into a
/// private group), or changes a member's role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddMember {
    /// Who.
    pub user_id: Id,
    /// Member (default) or admin.
    #[serde(default = "default_role")]
    pub role: Role,
}

fn default_role() -> Role {
    Role::Member
}

/// Query of `GET /v1/users` (the directory). All filters combine.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DirectoryQuery {
    /// Words to find in the name or handle (accent- and case-insensitive).
    #[serde(default)]
    pub q: Option<String>,
    /// Exact department.
    #[serde(default)]
    pub department: Option<String>,
    /// Exact site.
    #[serde(default)]
    pub site: Option<String>,
    /// Return users whose id is greater than this (keyset pagination).
    #[serde(default)]
    pub after: Option<Id>,
    /// Page size, 1 to [`crate::limits::MAX_PAGE_LIMIT`].
    #[serde(default)]
    pub limit: Option<u32>,
}

/// A page of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UserPage {
    /// Users, by increasing id.
    pub users: Vec<User>,
    /// Pass as `after` for the next page; None at the end.
    pub next_after: Option<Id>,
}

/// Query of `GET /v1/groups/{id}/posts`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostPageQuery {
    /// Only posts older than this post id. None: the newest.
    #[serde(default)]
    pub before: Option<Id>,
    /// Page size, 1 to [`crate::limits::MAX_PAGE_LIMIT`].
    #[serde(default)]
    pub limit: Option<u32>,
}

/// A page of a group's posts, newest first, with what is needed to show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostPage {
    /// Posts, newest first.
    pub posts: Vec<Post>,
    /// All comments of these posts.
    pub comments: Vec<Comment>,
    /// All reactions to these posts.
    pub reactions: Vec<Reaction>,
    /// Pass as `before` for the next (older) page; None when there is no older post.
    pub next_before: Option<Id>,
}

/// A post with its comments and reactions (`GET /v1/posts/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostThread {
    /// The post.
    pub post: Post,
    /// Its comments, oldest first.
    pub comments: Vec<Comment>,
    /// Its reactions.
    pub reactions: Vec<Reaction>,
}

/// Members of a group (`GET /v1/groups/{id}/members`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberList {
    /// Memberships, admins first.
    pub members: Vec<Membership>,
}
