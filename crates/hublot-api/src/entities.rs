//! The entities of the API, as the server sends them.
//!
//! Entities are sent whole: a client replaces its copy with what it receives.
//! Counters that depend on other entities (comments, likes, poll results) are
//! carried by the post, and the post is sent again whenever they change.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Id, Millis};

/// A person of the organisation, as the directory shows her.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct User {
    /// Identifier.
    pub id: Id,
    /// Unique handle used in `@mentions`, e.g. `marie.dupont`. Lowercase ASCII,
    /// digits, `.`, `-` and `_`.
    pub handle: String,
    /// Display name, e.g. "Marie Dupont".
    pub name: String,
    /// Job title, e.g. "Gestionnaire prestations".
    pub job_title: String,
    /// Department, e.g. "Prestations".
    pub department: String,
    /// Site (office), e.g. "Lyon".
    pub site: String,
    /// Work e-mail address.
    pub email: String,
    /// Work phone number, if published.
    pub phone: Option<String>,
    /// Disabled accounts cannot sign in; their posts remain.
    pub disabled: bool,
    /// Last change of this profile.
    pub updated_at: Millis,
}

/// Who may see a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Everybody sees it and may join it.
    Public,
    /// Only members see it; people join by invitation of a group admin.
    Private,
}

/// What a group is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// A work group (a team, a department).
    Work,
    /// A project group.
    Project,
    /// An announcement channel: only group admins post.
    Announcement,
    /// A community group for the life of the company (sport, photography...).
    Community,
}

/// A group people join to read and write posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Group {
    /// Identifier.
    pub id: Id,
    /// Name, e.g. "Négociation temps de travail".
    pub name: String,
    /// What the group is about (plain text).
    pub description: String,
    /// Public or private.
    pub visibility: Visibility,
    /// Work, project, announcement or community.
    pub kind: GroupKind,
    /// Archived groups are read-only.
    pub archived: bool,
    /// Number of members.
    pub member_count: u32,
    /// Creation time.
    pub created_at: Millis,
    /// Last change of the group itself (not of its posts).
    pub updated_at: Millis,
}

/// A member's role in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads and writes.
    Member,
    /// Also edits the group, pins and deletes posts, invites people.
    Admin,
}

/// That a user is a member of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Membership {
    /// The group.
    pub group_id: Id,
    /// The member.
    pub user_id: Id,
    /// Member or admin.
    pub role: Role,
    /// When she joined.
    pub joined_at: Millis,
}

/// Whether the signed-in user gets notifications for a group. Only one's own
/// follows are ever sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Follow {
    /// The group.
    pub group_id: Id,
    /// True: notify me of new posts in this group.
    pub following: bool,
}

/// The signed-in user's last-read position in a group, so unread counts follow
/// the person across devices. Only one's own markers are ever sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReadMarker {
    /// The group.
    pub group_id: Id,
    /// The newest post read in that group (post ids grow with time).
    pub last_read_post_id: Id,
}

/// One option of a poll, with its current count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PollOption {
    /// Identifier, unique across polls.
    pub id: Id,
    /// The text of the option.
    pub label: String,
    /// Number of people who chose it.
    pub votes: u32,
}

/// A poll attached to a post, with its results as seen by the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Poll {
    /// The question.
    pub question: String,
    /// True: several options may be chosen.
    pub multiple: bool,
    /// After this time the poll refuses votes. None: open until the post is deleted.
    pub closes_at: Option<Millis>,
    /// The options, in the author's order (2 to 10).
    pub options: Vec<PollOption>,
    /// Number of distinct people who voted.
    pub voters: u32,
    /// The options the signed-in user chose (empty: has not voted).
    pub my_votes: Vec<Id>,
}

/// A post in a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Post {
    /// Identifier. Grows with time, so ordering by id is ordering by creation.
    pub id: Id,
    /// The idempotency key the author's client sent.
    pub client_id: Uuid,
    /// The group it was posted in.
    pub group_id: Id,
    /// The author.
    pub author_id: Id,
    /// Markdown body. Untrusted: render it sanitised.
    pub body: String,
    /// Pinned posts come first in their group.
    pub pinned: bool,
    /// An optional poll.
    pub poll: Option<Poll>,
    /// Number of comments.
    pub comment_count: u32,
    /// Number of "like" reactions.
    pub like_count: u32,
    /// Whether the signed-in user liked it.
    pub liked_by_me: bool,
    /// Creation time.
    pub created_at: Millis,
    /// Last edit of the body, if any.
    pub edited_at: Option<Millis>,
}

/// A comment on a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comment {
    /// Identifier. Grows with time.
    pub id: Id,
    /// The idempotency key the author's client sent.
    pub client_id: Uuid,
    /// The post it answers.
    pub post_id: Id,
    /// The group of that post.
    pub group_id: Id,
    /// The author.
    pub author_id: Id,
    /// Markdown body. Untrusted: render it sanitised.
    pub body: String,
    /// Creation time.
    pub created_at: Millis,
    /// Last edit, if any.
    pub edited_at: Option<Millis>,
}

/// Kinds of reaction. "like" is the one every client shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReactionKind {
    /// 👍
    Like,
}

impl ReactionKind {
    /// The name used in paths, e.g. `/v1/posts/{id}/reactions/like`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReactionKind::Like => "like",
        }
    }
}

/// That a user reacted to a post (who liked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reaction {
    /// The post.
    pub post_id: Id,
    /// The group of the post.
    pub group_id: Id,
    /// Who reacted.
    pub user_id: Id,
    /// Which reaction.
    pub kind: ReactionKind,
    /// When.
    pub created_at: Millis,
}

/// That the signed-in user was mentioned (`@handle`) in a post or a comment.
/// Only one's own mentions are ever sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mention {
    /// The post mentioning, or the post of the comment mentioning.
    pub post_id: Id,
    /// The comment mentioning, if it was a comment.
    pub comment_id: Option<Id>,
    /// The group.
    pub group_id: Id,
    /// Who wrote it.
    pub author_id: Id,
    /// When it was written.
    pub created_at: Millis,
}
