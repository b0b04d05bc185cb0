//! What the cache shows: the view types returned by the store's queries and
//! sent, unchanged, to the desktop UI (feature `ts` exports them to TypeScript).
//!
//! A view is made for one screen: it carries the names and counts the screen
//! needs so the UI never joins anything itself. Items the user wrote offline
//! appear in views at once, with their [`SendState`].

use hublot_api::{GroupKind, Id, Millis, Role, Visibility};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Whether something the user wrote has reached the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SendState {
    /// On the server.
    Sent,
    /// In the outbox, waiting for the network.
    Pending,
    /// Refused by the server for good; the user may retry or discard it.
    Failed {
        /// The server's reason, to show as it is.
        reason: String,
        /// The outbox item to retry or discard.
        outbox_id: Id,
    },
}

/// A person as shown beside what she wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonRef {
    /// User id.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// Handle, for `@mentions`.
    pub handle: String,
    /// Job title.
    pub job_title: String,
    /// Initials for the avatar, e.g. "MD".
    pub initials: String,
}

/// A group as named beside a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupRef {
    /// Group id.
    pub id: Id,
    /// Group name.
    pub name: String,
}

/// One option of a poll, with its result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PollOptionView {
    /// Option id (to vote with).
    pub id: Id,
    /// Label.
    pub label: String,
    /// Number of votes.
    pub votes: u32,
    /// Share of voters who chose it, 0 to 100.
    pub percent: f64,
    /// Whether the user chose it (including a vote still in the outbox).
    pub chosen: bool,
}

/// A poll with its results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PollView {
    /// The question.
    pub question: String,
    /// Several options may be chosen.
    pub multiple: bool,
    /// Closing time, if any.
    pub closes_at: Option<Millis>,
    /// Closed polls refuse votes.
    pub closed: bool,
    /// Options in the author's order.
    pub options: Vec<PollOptionView>,
    /// Number of distinct voters.
    pub voters: u32,
    /// The user's vote is in the outbox, not yet on the server.
    pub vote_pending: bool,
}

/// A post as the feed shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostView {
    /// Stable key for the UI: `p<id>` once on the server, `c<client_id>` before.
    pub key: String,
    /// Server id; None while pending.
    pub id: Option<Id>,
    /// Idempotency key.
    pub client_id: Uuid,
    /// The group.
    pub group: GroupRef,
    /// The author.
    pub author: PersonRef,
    /// Markdown source (for editing).
    pub body: String,
    /// Sanitised HTML rendering of the body.
    pub body_html: String,
    /// Pinned in its group.
    pub pinned: bool,
    /// Creation time (local time of writing while pending).
    pub created_at: Millis,
    /// Last edit.
    pub edited_at: Option<Millis>,
    /// Number of comments.
    pub comment_count: u32,
    /// Number of likes.
    pub like_count: u32,
    /// The user liked it (including a like still in the outbox).
    pub liked_by_me: bool,
    /// An optional poll.
    pub poll: Option<PollView>,
    /// Whether it reached the server.
    pub send_state: SendState,
    /// The user wrote it: she may edit and delete it.
    pub is_mine: bool,
    /// The user is admin of its group: she may pin and delete it.
    pub can_moderate: bool,
    /// Newer than the user's read marker of its group.
    pub unread: bool,
}

/// Which posts a feed shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeedQuery {
    /// One group, or None for all joined groups.
    pub group_id: Option<Id>,
    /// Only posts older than this id (the `next_before` of the previous page).
    /// None: the first page, which also holds pending posts and, in a group,
    /// pinned posts on top.
    pub before: Option<Id>,
    /// Page size (default 50, at most 200).
    pub limit: Option<u32>,
}

/// A page of the feed, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeedPage {
    /// Posts.
    pub posts: Vec<PostView>,
    /// Pass as `before` for the next page; None when the cache holds no older post.
    pub next_before: Option<Id>,
    /// The server has older posts that the cache does not hold yet (a gap):
    /// ask for them with the history command.
    pub more_on_server: bool,
}

/// A comment as shown under its post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommentView {
    /// Stable key: `m<id>` once on the server, `c<client_id>` before.
    pub key: String,
    /// Server id; None while pending.
    pub id: Option<Id>,
    /// Idempotency key.
    pub client_id: Uuid,
    /// The post.
    pub post_id: Id,
    /// The author.
    pub author: PersonRef,
    /// Markdown source.
    pub body: String,
    /// Sanitised HTML rendering.
    pub body_html: String,
    /// Creation time.
    pub created_at: Millis,
    /// Last edit.
    pub edited_at: Option<Millis>,
    /// Whether it reached the server.
    pub send_state: SendState,
    /// The user wrote it.
    pub is_mine: bool,
}

/// A post with everything its page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostDetail {
    /// The post.
    pub post: PostView,
    /// Comments, oldest first.
    pub comments: Vec<CommentView>,
    /// Who liked it.
    pub likers: Vec<PersonRef>,
}

/// A group as the sidebar and the group browser show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupView {
    /// Group id.
    pub id: Id,
    /// Name.
    pub name: String,
    /// Description (plain text).
    pub description: String,
    /// Public or private.
    pub visibility: Visibility,
    /// Work, project, announcement or community.
    pub kind: GroupKind,
    /// Read-only.
    pub archived: bool,
    /// Number of members.
    pub member_count: u32,
    /// The user is a member (or her join is pending in the outbox).
    pub joined: bool,
    /// The user's role, if a member.
    pub my_role: Option<Role>,
    /// The user gets notifications for it.
    pub following: bool,
    /// Posts newer than the user's read marker.
    pub unread: u32,
    /// Unread posts and comments that mention the user.
    pub unread_mentions: u32,
    /// Time of the newest cached post.
    pub last_post_at: Option<Millis>,
}

/// A member in a group's member list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberView {
    /// Who.
    pub person: PersonRef,
    /// Member or admin.
    pub role: Role,
}

/// A group's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupDetail {
    /// The group.
    pub group: GroupView,
    /// Members, admins first, then by name.
    pub members: Vec<MemberView>,
}

/// A person's full profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonView {
    /// User id.
    pub id: Id,
    /// Handle.
    pub handle: String,
    /// Display name.
    pub name: String,
    /// Initials for the avatar.
    pub initials: String,
    /// Job title.
    pub job_title: String,
    /// Department.
    pub department: String,
    /// Site.
    pub site: String,
    /// E-mail.
    pub email: String,
    /// Phone, if published.
    pub phone: Option<String>,
    /// Disabled account.
    pub disabled: bool,
}

/// A profile page: the person and her recent posts the user may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    /// The person.
    pub person: PersonView,
    /// Her most recent cached posts, newest first.
    pub recent_posts: Vec<PostView>,
}

/// A directory search. All filters combine.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeopleQuery {
    /// Words in the name or handle, accent- and case-insensitive.
    pub text: Option<String>,
    /// Exact department.
    pub department: Option<String>,
    /// Exact site.
    pub site: Option<String>,
    /// Skip this many results.
    pub offset: Option<u32>,
    /// Page size (default 50).
    pub limit: Option<u32>,
}

/// A page of directory results with the filters' choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeoplePage {
    /// People, by name.
    pub people: Vec<PersonView>,
    /// Number of people matching, all pages.
    pub total: u32,
    /// Every department, for the filter.
    pub departments: Vec<String>,
    /// Every site, for the filter.
    pub sites: Vec<String>,
}

/// A full-text search over cached posts and comments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchQuery {
    /// Words to find, accent- and case-insensitive; a trailing word matches as a prefix.
    pub text: String,
    /// Only in this group.
    pub group_id: Option<Id>,
    /// Only by this author.
    pub author_id: Option<Id>,
    /// Most results (default 50).
    pub limit: Option<u32>,
}

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// A post.
    Post,
    /// A comment.
    Comment,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    /// Post or comment.
    pub kind: HitKind,
    /// The post to open.
    pub post_id: Id,
    /// The comment, for a comment hit.
    pub comment_id: Option<Id>,
    /// The group.
    pub group: GroupRef,
    /// The author.
    pub author: PersonRef,
    /// An excerpt around the match: HTML-escaped text in which only the
    /// matched words are wrapped in `<mark>`.
    pub snippet_html: String,
    /// When it was written.
    pub created_at: Millis,
}

/// What is in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    /// A new post (maybe with a poll).
    CreatePost,
    /// A post's new body.
    EditPost,
    /// A post deletion.
    DeletePost,
    /// A new comment.
    CreateComment,
    /// A comment's new body.
    EditComment,
    /// A comment deletion.
    DeleteComment,
    /// A like set or removed.
    React,
    /// A poll vote.
    Vote,
    /// A read marker.
    MarkRead,
    /// Joining or leaving a group.
    Membership,
    /// Following or unfollowing a group.
    Follow,
}

/// Where an outbox item stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OutboxState {
    /// Waiting to be sent.
    Queued,
    /// Being sent now.
    Sending,
    /// Refused for good; waits for the user to retry or discard it.
    Failed {
        /// The server's reason.
        reason: String,
    },
}

/// One item of the outbox, as the outbox screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutboxItemView {
    /// Local id (to retry, edit or discard it).
    pub id: Id,
    /// The idempotency key sent to the server.
    pub client_id: Uuid,
    /// What it does.
    pub kind: OutboxKind,
    /// The group concerned.
    pub group_id: Option<Id>,
    /// The post concerned, once it has a server id.
    pub post_id: Option<Id>,
    /// A one-line description for people, e.g. the start of the body.
    pub summary: String,
    /// Where it stands.
    pub state: OutboxState,
    /// Failed attempts so far.
    pub attempts: u32,
    /// When the user made it.
    pub created_at: Millis,
}

/// The sync engine's state, always visible in the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SyncState {
    /// Up to date and listening for changes.
    Online,
    /// Downloading changes.
    Syncing {
        /// Changes applied so far in this run.
        applied: u64,
    },
    /// The server cannot be reached; the cache still works.
    Offline {
        /// Since when.
        since: Millis,
        /// When the next attempt is due.
        retry_at: Option<Millis>,
    },
    /// No valid session: the user must sign in again.
    SignedOut,
    /// Sync stopped on an error that is not a network failure.
    Error {
        /// What went wrong, for people.
        reason: String,
        /// Since when.
        since: Millis,
        /// When the next attempt is due.
        retry_at: Option<Millis>,
    },
}

/// What the status bar shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncStatus {
    /// The engine's state.
    pub state: SyncState,
    /// Last time the cache was fully up to date.
    pub last_synced_at: Option<Millis>,
    /// Outbox items waiting to be sent.
    pub pending: u32,
    /// Outbox items refused for good.
    pub failed: u32,
}

/// Unread counts for the tray and the badge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnreadSummary {
    /// Unread posts in joined groups.
    pub posts: u32,
    /// Unread mentions.
    pub mentions: u32,
}

/// What changed in the cache, so open views refresh themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CacheChanged {
    /// Groups whose list entry, page or posts changed.
    pub groups: Vec<Id>,
    /// Posts that changed (body, counters, comments, poll).
    pub posts: Vec<Id>,
    /// The directory changed.
    pub people: bool,
    /// The outbox changed.
    pub outbox: bool,
    /// Everything changed (bootstrap, reset): reload every view.
    pub all: bool,
}

/// Quiet hours: no notifications between `start_minute` and `end_minute` (minutes
/// after local midnight; the range may wrap past midnight), and on weekends if set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuietHours {
    /// Start, minutes after midnight (e.g. 19:00 = 1140).
    pub start_minute: u16,
    /// End, minutes after midnight (e.g. 08:00 = 480).
    pub end_minute: u16,
    /// Quiet all Saturday and Sunday too.
    pub weekends: bool,
}

/// The user's notification settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotificationSettings {
    /// Master switch.
    pub enabled: bool,
    /// Paused until this time. `Some(i64::MAX)` means until resumed.
    pub paused_until: Option<Millis>,
    /// Quiet hours, if set.
    pub quiet_hours: Option<QuietHours>,
    /// Mentions are shown even when paused or in quiet hours.
    pub mentions_break_through: bool,
    /// Play the platform's notification sound.
    pub sound: bool,
}

impl Default for NotificationSettings {
    fn default() -> Self {
        NotificationSettings {
            enabled: true,
            paused_until: None,
            quiet_hours: None,
            mentions_break_through: true,
            sound: true,
        }
    }
}

/// A notification to raise, as decided by the notification policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotificationView {
    /// Plain-text title (no Markdown), e.g. the group's name.
    pub title: String,
    /// Plain-text body, truncated.
    pub body: String,
    /// The group it is about.
    pub group_id: Id,
    /// The post to open on click; None for a summary of several posts (open the group).
    pub post_id: Option<Id>,
    /// It is about a mention of the user.
    pub mention: bool,
    /// Posts it stands for (1, or more for a summary).
    pub count: u32,
}
