//! The demo organisation of Hublot: a fictional French public health-insurance
//! fund, the "CPAM du Val-de-Loire", with about a thousand people on four
//! sites, about forty groups, and months of posts, comments, likes and polls
//! written in plausible French.
//!
//! Everything is derived from a [`DemoConfig`] and nothing else (no clock, no
//! I/O), so the same configuration always gives the same organisation and the
//! same posts. The reference server seeds its database from it, benchmarks
//! grow [`DemoConfig::posts`] to a million and more.
//!
//! ```
//! use hublot_demo::{DemoConfig, DemoOrg};
//!
//! let cfg = DemoConfig { posts: 100, ..DemoConfig::default() };
//! let org = DemoOrg::generate(&cfg);
//! assert_eq!(org.users[0].handle, "demo");
//! let mut last = i64::MIN;
//! for post in org.posts(&cfg) {
//!     assert!(post.created_at > last && post.created_at < cfg.now);
//!     last = post.created_at;
//! }
//! ```

#![warn(missing_docs)]

mod calendar;
mod groups;
mod names;
mod people;
mod posts;
mod reading;
mod text;
mod topics;

use hublot_api::{GroupKind, Role, Visibility};
pub use reading::{DemoReadMarker, ReadTracker, MAX_CAP, MAX_LAG_MS, MIN_CAP, MIN_LAG_MS};

/// Name of the fictional organisation.
pub const ORGANISATION_NAME: &str = "CPAM du Val-de-Loire";

/// Domain of every demo e-mail address (reserved `.example` top-level domain).
pub const EMAIL_DOMAIN: &str = "cpam-valdeloire.example";

/// The four sites of the organisation; every user works on one of them.
pub const SITES: [&str; 4] = ["Tours", "Orléans", "Blois", "Châteauroux"];

/// How long the generated history lasts, in days, whatever the number of posts:
/// a larger [`DemoConfig::posts`] makes the same months denser.
pub const HISTORY_DAYS: i64 = 120;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoConfig {
    /// Seed of every random choice: the same seed gives the same organisation.
    pub seed: u64,
    /// Number of posts [`DemoOrg::posts`] yields. The people and groups do not
    /// depend on it; only the density of the history does.
    pub posts: u64,
    /// End of the history, in milliseconds since the Unix epoch: every post,
    /// comment and vote happens before it.
    pub now: i64,
}

/// Friday 12 June 2026, 15:30 in Paris (13:30 UTC), in milliseconds.
const DEFAULT_NOW_MS: i64 = 1_781_271_000_000;

impl Default for DemoConfig {
    /// Seed 42, 6,000 posts, history ending on Friday 12 June 2026 at 15:30
    /// Paris time (a fixed date, never the clock, so the data is reproducible).
    fn default() -> Self {
        Self {
            seed: 42,
            posts: 6_000,
            now: DEFAULT_NOW_MS,
        }
    }
}

/// The people, groups, memberships and follows of the demo organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoOrg {
    /// Everybody; `users[0]` is the demo person, handle `demo`.
    pub users: Vec<DemoUser>,
    /// Every group.
    pub groups: Vec<DemoGroup>,
    /// Who belongs to which group, with which role.
    pub memberships: Vec<DemoMembership>,
    /// Who follows (gets notifications of) which group; only members follow.
    pub follows: Vec<DemoFollow>,
}

/// A person of the organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoUser {
    /// Unique handle, `prenom.nom` in lowercase ASCII (matches `^[a-z0-9._-]+$`),
    /// with a digit appended when two people share a name.
    pub handle: String,
    /// Display name, e.g. "Hélène Lefèvre".
    pub name: String,
    /// Job title, e.g. "Technicienne prestations".
    pub job_title: String,
    /// Department, e.g. "Prestations".
    pub department: String,
    /// One of [`SITES`].
    pub site: String,
    /// Work e-mail address, unique.
    pub email: String,
    /// Work phone number, for about two people in three.
    pub phone: Option<String>,
}

/// A group.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoGroup {
    /// Name, e.g. "Négociation temps de travail".
    pub name: String,
    /// What the group is for (plain text).
    pub description: String,
    /// Public or private.
    pub visibility: Visibility,
    /// Work, project, announcement or community.
    pub kind: GroupKind,
}

/// That `users[user]` belongs to `groups[group]`.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoMembership {
    /// Index into [`DemoOrg::groups`].
    pub group: usize,
    /// Index into [`DemoOrg::users`].
    pub user: usize,
    /// Member or admin.
    pub role: Role,
}

/// That `users[user]` follows `groups[group]` (and is a member of it).
#[derive(Debug, Clone, PartialEq)]
pub struct DemoFollow {
    /// Index into [`DemoOrg::groups`].
    pub group: usize,
    /// Index into [`DemoOrg::users`].
    pub user: usize,
}

/// A post with its poll, comments and likes.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoPost {
    /// Index into [`DemoOrg::groups`].
    pub group: usize,
    /// Index into [`DemoOrg::users`]; always a member of the group (an admin in
    /// announcement groups).
    pub author: usize,
    /// Markdown body.
    pub body: String,
    /// Milliseconds since the Unix epoch.
    pub created_at: i64,
    /// Pinned by a group admin (a couple per group at most).
    pub pinned: bool,
    /// A poll attached to the post.
    pub poll: Option<DemoPoll>,
    /// Comments, oldest first, all after the post and before `now`.
    pub comments: Vec<DemoComment>,
    /// Members who liked the post, each once.
    pub likes: Vec<usize>,
}

/// A poll attached to a post.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoPoll {
    /// The question.
    pub question: String,
    /// Between 2 and 10 options.
    pub options: Vec<String>,
    /// Whether a voter may pick several options.
    pub multiple: bool,
    /// When the poll closes (past or future relative to `now`), if ever.
    pub closes_at: Option<i64>,
    /// `(user, option indexes)`: one entry per voter, one index unless
    /// `multiple`, indexes sorted and distinct.
    pub votes: Vec<(usize, Vec<usize>)>,
}

/// A comment on a post.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoComment {
    /// Index into [`DemoOrg::users`]; a member of the post's group.
    pub author: usize,
    /// Markdown body.
    pub body: String,
    /// Milliseconds since the Unix epoch, after the post.
    pub created_at: i64,
}

impl DemoOrg {
    /// Builds the people, groups, memberships and follows for `cfg.seed`.
    /// Does not depend on `cfg.posts` nor on `cfg.now`.
    pub fn generate(cfg: &DemoConfig) -> DemoOrg {
        let users = people::generate(cfg.seed);
        let (groups, memberships, follows) = groups::generate(cfg.seed, &users);
        DemoOrg {
            users,
            groups,
            memberships,
            follows,
        }
    }

    /// Streams `cfg.posts` posts in chronological order over the
    /// [`HISTORY_DAYS`] days that end at `cfg.now`, deterministic for a given
    /// organisation and configuration.
    ///
    /// `created_at` is strictly increasing and strictly before `cfg.now`
    /// (as long as `cfg.posts` is below the number of milliseconds in the
    /// history, about ten billion). Posts are generated one at a time, so a
    /// million of them need no more memory than ten.
    pub fn posts<'a>(&'a self, cfg: &'a DemoConfig) -> impl Iterator<Item = DemoPost> + 'a {
        posts::PostStream::new(self, cfg)
    }
}
