//! Seeds an empty database with the demo organisation of `hublot-demo`.
//!
//! Every account gets the password `demo`, hashed once. Posts are streamed
//! from the generator into bulk transactions, so `--scale 1000000` neither
//! holds the posts in memory nor commits row by row.

use std::collections::{HashMap, HashSet};

use hublot_api::{Id, Visibility};
use hublot_demo::{DemoConfig, DemoOrg};

use crate::storage::posts::mentioned_handles;
use crate::storage::Storage;
use crate::{password, ServerError};

/// What a seed wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct SeedStats {
    /// Users.
    pub users: usize,
    /// Groups.
    pub groups: usize,
    /// Posts.
    pub posts: u64,
    /// Comments.
    pub comments: u64,
}

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo";

const DAY_MS: i64 = 24 * 3600 * 1000;

/// Seeds `storage` (meant to be empty) with the demo organisation.
pub fn seed(storage: &Storage, cfg: &DemoConfig) -> Result<SeedStats, ServerError> {
    let org = DemoOrg::generate(cfg);
    let hash = password::hash(DEMO_PASSWORD)?;
    let stats = storage.bulk_load(|s| {
        let mut stats = SeedStats::default();
        let mut users: Vec<Id> = Vec::with_capacity(org.users.len());
        let mut by_handle: HashMap<&str, usize> = HashMap::new();
        for (i, u) in org.users.iter().enumerate() {
            users.push(s.user(
                &u.handle,
                &u.name,
                &u.job_title,
                &u.department,
                &u.site,
                &u.email,
                u.phone.as_deref(),
                &hash,
            )?);
            by_handle.insert(u.handle.as_str(), i);
        }
        let created = cfg.now - 365 * DAY_MS;
        let mut groups: Vec<Id> = Vec::with_capacity(org.groups.len());
        for g in &org.groups {
            groups.push(s.group(&g.name, &g.description, g.visibility, g.kind, created)?);
        }
        let mut members: HashSet<(usize, usize)> = HashSet::new();
        for m in &org.memberships {
            if let (Some(&g), Some(&u)) = (groups.get(m.group), users.get(m.user)) {
                s.membership(g, u, m.role, created)?;
                members.insert((m.group, m.user));
            }
        }
        for f in &org.follows {
            if let (Some(&g), Some(&u)) = (groups.get(f.group), users.get(f.user)) {
                s.follow(g, u)?;
            }
        }
        let public: Vec<bool> = org
            .groups
            .iter()
            .map(|g| g.visibility == Visibility::Public)
            .collect();
        let sees = |group: usize, user: usize| {
            public.get(group).copied().unwrap_or(false) || members.contains(&(group, user))
        };
        let mut reads = org.read_tracker(cfg);
        for p in org.posts(cfg) {
            let (Some(&g), Some(&author)) = (groups.get(p.group), users.get(p.author)) else {
                continue;
            };
            let poll = p.poll.as_ref().map(|q| {
                (
                    q.question.as_str(),
                    q.options.as_slice(),
                    q.multiple,
                    q.closes_at,
                )
            });
            let (post, options) = s.post(g, author, &p.body, p.created_at, p.pinned, poll)?;
            reads.post(p.group, p.created_at, post);
            stats.posts += 1;
            let (mut comments, mut likes) = (0u32, 0u32);
            for h in mentioned_handles(&p.body) {
                if let Some(&u) = by_handle.get(h.as_str()) {
                    if u != p.author && sees(p.group, u) {
                        s.mention(users[u], post, None, g, author, p.created_at)?;
                    }
                }
            }
            for c in &p.comments {
                let Some(&cauthor) = users.get(c.author) else {
                    continue;
                };
                let cid = s.comment(g, post, cauthor, &c.body, c.created_at)?;
                stats.comments += 1;
                comments += 1;
                for h in mentioned_handles(&c.body) {
                    if let Some(&u) = by_handle.get(h.as_str()) {
                        if u != c.author && sees(p.group, u) {
                            s.mention(users[u], post, Some(cid), g, cauthor, c.created_at)?;
                        }
                    }
                }
            }
            for &l in &p.likes {
                if let Some(&u) = users.get(l) {
                    likes += u32::from(s.like(g, post, u, p.created_at)?);
                }
            }
            s.post_counts(post, comments, likes)?;
            if let Some(q) = &p.poll {
                for (voter, choices) in &q.votes {
                    let Some(&u) = users.get(*voter) else {
                        continue;
                    };
                    for &o in choices {
                        if let Some(&opt) = options.get(o) {
                            s.vote(post, u, opt)?;
                        }
                    }
                }
            }
        }
        for m in reads.markers() {
            if let (Some(&g), Some(&u)) = (groups.get(m.group), users.get(m.user)) {
                s.read_marker(g, u, m.last_read)?;
            }
        }
        stats.users = users.len();
        stats.groups = groups.len();
        Ok(stats)
    })?;
    Ok(stats)
}
