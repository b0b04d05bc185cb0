//! What an applied batch brought, as facts the notification policy and the
//! shell need. The store produces them while it applies a batch (it is the only
//! one that knows whether a post is new to the cache or an update of one it
//! had); the notification policy consumes them.

use hublot_api::{Id, Millis};

use crate::views::CacheChanged;

/// The outcome of applying one bootstrap, sync batch or history page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchFacts {
    /// True when this batch is (part of) the first sync of this cache: the
    /// bootstrap and everything until the feed first reports `more == false`.
    /// Nothing it brings is ever notified.
    pub first_sync: bool,
    /// Posts that were not in the cache before this batch, oldest first.
    pub new_posts: Vec<NewPost>,
    /// Mentions of the signed-in user that were not in the cache before, oldest first.
    pub new_mentions: Vec<NewMention>,
    /// Which views must refresh.
    pub changed: CacheChanged,
}

/// A post new to the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    /// Server id.
    pub post_id: Id,
    /// Its group.
    pub group_id: Id,
    /// The group's name (plain text).
    pub group_name: String,
    /// The author.
    pub author_id: Id,
    /// The author's display name.
    pub author_name: String,
    /// The Markdown body.
    pub body: String,
    /// Creation time on the server.
    pub created_at: Millis,
}

/// A mention of the signed-in user new to the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMention {
    /// The post mentioning, or the post of the comment mentioning.
    pub post_id: Id,
    /// The comment mentioning, if any.
    pub comment_id: Option<Id>,
    /// The group.
    pub group_id: Id,
    /// The group's name.
    pub group_name: String,
    /// Who wrote it.
    pub author_id: Id,
    /// The author's display name.
    pub author_name: String,
    /// The Markdown body of the post or comment.
    pub body: String,
    /// When it was written.
    pub created_at: Millis,
}
