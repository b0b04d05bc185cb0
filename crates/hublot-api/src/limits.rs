//! Documented limits of the API. The server enforces them and answers `413` or
//! `422` past them; the client checks them before queueing, so a user learns
//! at once that a post is too long instead of when the network comes back.

/// Largest request body the server reads, in bytes.
pub const MAX_REQUEST_BYTES: usize = 256 * 1024;
/// Longest post body, in characters (Unicode scalar values).
pub const MAX_POST_CHARS: usize = 20_000;
/// Longest comment body, in characters.
pub const MAX_COMMENT_CHARS: usize = 5_000;
/// Longest poll question, in characters.
pub const MAX_POLL_QUESTION_CHARS: usize = 300;
/// Longest poll option label, in characters.
pub const MAX_POLL_OPTION_CHARS: usize = 200;
/// Fewest options a poll may have.
pub const MIN_POLL_OPTIONS: usize = 2;
/// Most options a poll may have.
pub const MAX_POLL_OPTIONS: usize = 10;
/// Longest group name, in characters.
pub const MAX_GROUP_NAME_CHARS: usize = 100;
/// Longest group description, in characters.
pub const MAX_GROUP_DESCRIPTION_CHARS: usize = 2_000;
/// Default number of changes in one `/v1/sync` answer.
pub const DEFAULT_SYNC_LIMIT: u32 = 500;
/// Most changes one `/v1/sync` answer may hold.
pub const MAX_SYNC_LIMIT: u32 = 5_000;
/// Default page size of post and directory listings.
pub const DEFAULT_PAGE_LIMIT: u32 = 50;
/// Largest page size of post and directory listings.
pub const MAX_PAGE_LIMIT: u32 = 200;
/// Number of latest posts per joined group that `/v1/bootstrap` returns.
pub const BOOTSTRAP_POSTS_PER_GROUP: u32 = 50;
/// Interval between heartbeats on `/v1/events`, in seconds.
pub const EVENTS_HEARTBEAT_SECS: u64 = 15;
