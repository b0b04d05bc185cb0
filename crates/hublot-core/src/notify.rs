//! The notification policy: a pure function from what a batch brought to the
//! notifications to show. It reads no clock and no settings of its own: the
//! session passes everything in, so every rule is tested with plain values.
//!
//! Rules, in order:
//! - nothing for what the first sync brought, nothing when notifications are off;
//! - never for what the user wrote herself;
//! - mentions of the user anywhere, one notification each;
//! - new posts in followed groups; several of one group in one batch become
//!   one summary;
//! - during "pause" or quiet hours (which may wrap past midnight, and may cover
//!   weekends) nothing, except mentions when they may break through;
//! - never twice for the same thing: the caller passes what was already raised
//!   (see [`raised_key_of_mention`]) and records [`Decision::raised`].

mod text;

use std::collections::{BTreeMap, HashSet};

use hublot_api::{Id, Millis};

pub use text::{collapse_whitespace, excerpt, plain_text, truncate, Language, MAX_BODY_CHARS};

use crate::facts::{BatchFacts, NewMention};
use crate::views::{NotificationSettings, NotificationView, QuietHours};

/// The local wall-clock time, as the policy needs it for quiet hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub iso_weekday: u8,
    /// Minutes after local midnight, 0 to 1439.
    pub minute_of_day: u16,
}

impl LocalTime {
    /// Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        self.iso_weekday >= 6
    }
}

/// Everything the policy looks at.
#[derive(Debug, Clone, Copy)]
pub struct PolicyInput<'a> {
    /// What the batch brought.
    pub facts: &'a BatchFacts,
    /// The signed-in user.
    pub me: Id,
    /// Groups the user follows.
    pub followed_groups: &'a HashSet<Id>,
    /// The user's settings.
    pub settings: &'a NotificationSettings,
    /// Keys already raised (see [`raised_key_of_mention`]); the store remembers them.
    pub already_raised: &'a HashSet<Id>,
    /// The local time now.
    pub local: LocalTime,
    /// Now, for the pause.
    pub now: Millis,
    /// Language of the texts.
    pub language: Language,
}

/// What to show, and the keys to remember as raised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    /// Notifications, mentions first, then per group in order of first post.
    pub notifications: Vec<NotificationView>,
    /// Keys to record as raised so they are never shown again.
    pub raised: Vec<Id>,
}

/// The key under which something is remembered as raised: the post id for a
/// post or a mention in a post, the comment id negated for a mention in a
/// comment (ids are positive, so the two never collide).
pub fn raised_key_of_mention(m: &NewMention) -> Id {
    match m.comment_id {
        Some(c) => -c,
        None => m.post_id,
    }
}

/// Whether quiet hours hold at `local`.
pub fn in_quiet_hours(q: &QuietHours, local: LocalTime) -> bool {
    if q.weekends && local.is_weekend() {
        return true;
    }
    let (s, e, m) = (q.start_minute, q.end_minute, local.minute_of_day);
    match s.cmp(&e) {
        std::cmp::Ordering::Equal => false,
        std::cmp::Ordering::Less => s <= m && m < e,
        // Wraps past midnight, e.g. 19:00 to 08:00.
        std::cmp::Ordering::Greater => m >= s || m < e,
    }
}

/// Decides what to raise for one applied batch.
pub fn decide(input: &PolicyInput<'_>) -> Decision {
    let mut out = Decision::default();
    let f = input.facts;
    let s = input.settings;
    if f.first_sync || !s.enabled {
        return out;
    }
    let paused = s.paused_until.is_some_and(|t| t > input.now);
    let quiet = s
        .quiet_hours
        .as_ref()
        .is_some_and(|q| in_quiet_hours(q, input.local));
    let muted = paused || quiet;
    let texts = text::texts(input.language);

    // Posts a mention already speaks of are not announced twice.
    let mut covered: HashSet<Id> = HashSet::new();
    if !muted || s.mentions_break_through {
        for m in &f.new_mentions {
            let key = raised_key_of_mention(m);
            if m.author_id == input.me
                || input.already_raised.contains(&key)
                || out.raised.contains(&key)
            {
                continue;
            }
            if m.comment_id.is_none() {
                covered.insert(m.post_id);
            }
            out.raised.push(key);
            out.notifications.push(NotificationView {
                title: truncate(
                    &collapse_whitespace(&(texts.mention_title)(&m.author_name, &m.group_name)),
                    MAX_BODY_CHARS,
                ),
                body: excerpt(&m.body),
                group_id: m.group_id,
                post_id: Some(m.post_id),
                mention: true,
                count: 1,
            });
        }
    }
    if muted {
        return out;
    }

    // New posts of followed groups, grouped per group in order of first appearance.
    let mut order: Vec<Id> = Vec::new();
    let mut per_group: BTreeMap<Id, Vec<&crate::facts::NewPost>> = BTreeMap::new();
    for p in &f.new_posts {
        if p.author_id == input.me
            || !input.followed_groups.contains(&p.group_id)
            || input.already_raised.contains(&p.post_id)
            || covered.contains(&p.post_id)
        {
            continue;
        }
        let list = per_group.entry(p.group_id).or_default();
        if list.iter().any(|q| q.post_id == p.post_id) {
            continue;
        }
        if list.is_empty() {
            order.push(p.group_id);
        }
        list.push(p);
    }
    for g in order {
        let posts = &per_group[&g];
        out.raised.extend(posts.iter().map(|p| p.post_id));
        let first = posts[0];
        let group_name = collapse_whitespace(&first.group_name);
        let n = if posts.len() == 1 {
            NotificationView {
                title: truncate(&group_name, MAX_BODY_CHARS),
                body: truncate(
                    &(texts.by_author)(&first.author_name, &plain_text(&first.body)),
                    MAX_BODY_CHARS,
                ),
                group_id: g,
                post_id: Some(first.post_id),
                mention: false,
                count: 1,
            }
        } else {
            NotificationView {
                title: truncate(&group_name, MAX_BODY_CHARS),
                body: truncate(
                    &(texts.summary)(posts.len() as u32, &group_name),
                    MAX_BODY_CHARS,
                ),
                group_id: g,
                post_id: None,
                mention: false,
                count: posts.len() as u32,
            }
        };
        out.notifications.push(n);
    }
    out
}

#[cfg(test)]
mod tests;
