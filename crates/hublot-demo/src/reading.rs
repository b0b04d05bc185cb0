//! Read markers of the demo accounts: at `now`, each member has read her
//! groups up to some point in the last day or so, so a first look at the demo
//! shows a few unread posts per group, not months of them.
//!
//! Each membership gets, from the seed, a *horizon* (everything posted before
//! `now - lag` is read, the lag between [`MIN_LAG_MS`] and [`MAX_LAG_MS`]) and a
//! cap on unread posts (between [`MIN_CAP`] and [`MAX_CAP`]), so that dense
//! histories (`--scale`) still leave a plausible count. Post ids are assigned
//! by whoever stores the posts, so the tracker is fed the stream as it is
//! stored ([`ReadTracker::post`]) and answers the markers at the end.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::calendar::HOUR_MS;
use crate::{DemoConfig, DemoOrg};

/// Shortest time since a member last read a group.
pub const MIN_LAG_MS: i64 = 12 * HOUR_MS;
/// Longest time since a member last read a group.
pub const MAX_LAG_MS: i64 = 48 * HOUR_MS;
/// Fewest unread posts a member may be left with when more were posted since
/// her horizon.
pub const MIN_CAP: usize = 3;
/// Most unread posts a member is left with in a group.
pub const MAX_CAP: usize = 40;

/// That `users[user]` has read `groups[group]` up to post `last_read` (an id
/// given to [`ReadTracker::post`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoReadMarker {
    /// Index into [`DemoOrg::groups`].
    pub group: usize,
    /// Index into [`DemoOrg::users`].
    pub user: usize,
    /// The id of the newest post she has read.
    pub last_read: i64,
}

/// One member's reading of one group.
#[derive(Debug, Clone, Copy)]
struct Reader {
    user: usize,
    /// Everything posted at or before this time is read.
    horizon: i64,
    /// Most unread posts left.
    cap: usize,
}

#[derive(Debug, Default)]
struct GroupReads {
    readers: Vec<Reader>,
    /// The earliest horizon of the group's readers.
    oldest: i64,
    /// The newest post at or before `oldest`.
    before: Option<i64>,
    /// Posts after `oldest`, in order: `(created_at, id)`.
    recent: Vec<(i64, i64)>,
}

/// Computes the read markers of every membership from the stored posts; see
/// the module docs.
#[derive(Debug)]
pub struct ReadTracker {
    groups: Vec<GroupReads>,
}

impl DemoOrg {
    /// A tracker of the read markers of every membership for `cfg` (same
    /// configuration, same markers).
    pub fn read_tracker(&self, cfg: &DemoConfig) -> ReadTracker {
        let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed ^ 0x0072_6561_6473); // "reads"
        let mut groups: Vec<GroupReads> = self
            .groups
            .iter()
            .map(|_| GroupReads {
                oldest: cfg.now,
                ..GroupReads::default()
            })
            .collect();
        for m in &self.memberships {
            let lag = rng.gen_range(MIN_LAG_MS..=MAX_LAG_MS);
            let cap = rng.gen_range(MIN_CAP..=MAX_CAP);
            if let Some(g) = groups.get_mut(m.group) {
                let horizon = cfg.now - lag;
                g.oldest = g.oldest.min(horizon);
                g.readers.push(Reader {
                    user: m.user,
                    horizon,
                    cap,
                });
            }
        }
        ReadTracker { groups }
    }
}

impl ReadTracker {
    /// Records a stored post; posts must come in the order of
    /// [`DemoOrg::posts`] (by time), with increasing ids.
    pub fn post(&mut self, group: usize, created_at: i64, id: i64) {
        let Some(g) = self.groups.get_mut(group) else {
            return;
        };
        if created_at <= g.oldest {
            g.before = Some(id);
        } else {
            g.recent.push((created_at, id));
        }
    }

    /// The markers, one per membership of a group with a read post, in the
    /// order of [`DemoOrg::memberships`] within each group.
    pub fn markers(&self) -> Vec<DemoReadMarker> {
        let mut out = Vec::new();
        for (group, g) in self.groups.iter().enumerate() {
            for r in &g.readers {
                let read = g.recent.partition_point(|&(at, _)| at <= r.horizon);
                let unread = g.recent.len() - read;
                let last_read = if unread > r.cap {
                    // Dense history: leave only `cap` unread.
                    Some(g.recent[g.recent.len() - r.cap - 1].1)
                } else if read > 0 {
                    Some(g.recent[read - 1].1)
                } else {
                    g.before
                };
                if let Some(last_read) = last_read {
                    out.push(DemoReadMarker {
                        group,
                        user: r.user,
                        last_read,
                    });
                }
            }
        }
        out
    }
}
