//! The stream of posts: one post at a time, in chronological order, so a
//! million posts cost no more memory than ten.
//!
//! Time is spread by a weight per hour of the history (working hours count
//! most, nights and weekends little): post `i` of `n` lands at the point where
//! `(i + r) / n` of the total weight has passed, `r` random in `[0, 1)`, which
//! keeps the order without sorting anything.

use hublot_api::{GroupKind, Role};
use rand::distributions::{Distribution, WeightedIndex};
use rand::seq::{index, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::calendar::{is_holiday, weekday, ParisClock, DAY_MS, HOUR_MS};
use crate::groups::GROUPS;
use crate::text::{fill, Ctx};
use crate::topics::{self, PollTemplate, Topic, AUTHOR_REPLIES, GENERIC_COMMENTS, WELCOME};
use crate::{DemoComment, DemoConfig, DemoOrg, DemoPoll, DemoPost, HISTORY_DAYS};

/// Most pinned posts per group: the welcome post and one or two recent ones.
const MAX_PINNED: u32 = 3;
/// Share of the stream, at its end, where recent posts may get pinned.
const PIN_WINDOW: f64 = 0.1;
/// Relative chances of 0, 1, ... 8 comments on a post.
const COMMENT_COUNTS: [f64; 9] = [22.0, 20.0, 18.0, 13.0, 9.0, 7.0, 5.0, 3.0, 3.0];

/// What the stream knows about one group.
struct GroupState<'a> {
    members: Vec<usize>,
    admins: Vec<usize>,
    demo_member: bool,
    topic: &'static Topic,
    announcement: bool,
    name: &'a str,
    description: &'a str,
    /// Posts so far, and pinned ones among them.
    posts: u32,
    pinned: u32,
}

/// The iterator behind [`DemoOrg::posts`].
pub struct PostStream<'a> {
    org: &'a DemoOrg,
    rng: ChaCha8Rng,
    now: i64,
    start: i64,
    index: u64,
    total: u64,
    /// Cumulative weight at the end of each hour of the history.
    cumulative: Vec<f64>,
    /// Whether each hour is outside working hours.
    off_hours: Vec<bool>,
    groups: Vec<GroupState<'a>>,
    /// Which group a post goes to, during and outside working hours.
    pick_work: Option<WeightedIndex<f64>>,
    pick_off: Option<WeightedIndex<f64>>,
    comment_count: WeightedIndex<f64>,
    first_names: Vec<&'a str>,
    last: i64,
    /// Chance that a post of the pin window is pinned: about one per group
    /// over the window, whatever the number of posts.
    pin_chance: f64,
    /// First local day of the history, and for each day since, how many
    /// working days have begun (the negotiation's "point d'étape n°").
    first_day: i64,
    working_days: Vec<u32>,
    /// Whether each day from `first_day` on is a working day.
    working: Vec<bool>,
    clock: ParisClock,
}

impl<'a> PostStream<'a> {
    /// Prepares the stream; the posts themselves come one by one from `next`.
    pub fn new(org: &'a DemoOrg, cfg: &DemoConfig) -> Self {
        let now = cfg.now;
        let start = now - HISTORY_DAYS * DAY_MS;
        let hours = (HISTORY_DAYS * 24) as usize;
        let clock = ParisClock::new(start, now);
        let mut cumulative = Vec::with_capacity(hours);
        let mut off_hours = Vec::with_capacity(hours);
        let mut acc = 0.0;
        for h in 0..hours {
            let local = clock.local_ms(start + h as i64 * HOUR_MS);
            let day = local.div_euclid(DAY_MS);
            let hour = local.rem_euclid(DAY_MS) / HOUR_MS;
            let working_day = weekday(day) < 5 && !is_holiday(day);
            let (weight, off) = hour_weight(working_day, hour);
            acc += weight;
            cumulative.push(acc);
            off_hours.push(off);
        }

        // Texts speak of dates up to a few weeks after the post.
        let first_day = clock.local_day(start);
        let mut working = Vec::with_capacity(HISTORY_DAYS as usize + 40);
        let mut working_days = Vec::with_capacity(HISTORY_DAYS as usize + 40);
        let mut count = 0;
        for day in first_day..=first_day + HISTORY_DAYS + 40 {
            let works = weekday(day) < 5 && !is_holiday(day);
            count += u32::from(works);
            working.push(works);
            working_days.push(count.max(1));
        }

        let mut groups: Vec<GroupState<'a>> = org
            .groups
            .iter()
            .enumerate()
            .map(|(g, group)| {
                let spec = GROUPS.get(g).filter(|s| s.name == group.name);
                GroupState {
                    members: Vec::new(),
                    admins: Vec::new(),
                    demo_member: false,
                    topic: spec.map_or(&topics::GENERIC, |s| s.topic),
                    announcement: group.kind == GroupKind::Announcement,
                    name: &group.name,
                    description: &group.description,
                    posts: 0,
                    pinned: 0,
                }
            })
            .collect();
        for m in &org.memberships {
            let (Some(state), true) = (groups.get_mut(m.group), m.user < org.users.len()) else {
                continue;
            };
            state.members.push(m.user);
            if m.role == Role::Admin {
                state.admins.push(m.user);
            }
            if m.user == 0 {
                state.demo_member = true;
            }
        }
        // Announcement groups need an admin to write; others need a member.
        let can_post = |s: &GroupState<'_>| {
            if s.announcement {
                !s.admins.is_empty()
            } else {
                !s.members.is_empty()
            }
        };
        let weights = |work: bool| -> Vec<f64> {
            groups
                .iter()
                .enumerate()
                .map(|(g, s)| {
                    if !can_post(s) {
                        return 0.0;
                    }
                    match GROUPS.get(g).filter(|spec| spec.name == s.name) {
                        Some(spec) if work => spec.weight_work,
                        Some(spec) => spec.weight_off,
                        None => 1.0,
                    }
                })
                .collect()
        };
        let pick_work = WeightedIndex::new(weights(true)).ok();
        let pick_off = WeightedIndex::new(weights(false)).ok();
        for s in &mut groups {
            s.members.sort_unstable();
            s.members.dedup();
        }
        let first_names = org
            .users
            .iter()
            .map(|u| u.name.split(' ').next().unwrap_or(&u.name))
            .collect();
        PostStream {
            org,
            rng: ChaCha8Rng::seed_from_u64(cfg.seed ^ 0x0070_6f73_7473), // "posts"
            now,
            start,
            index: 0,
            total: cfg.posts,
            cumulative,
            off_hours,
            groups,
            pick_work,
            pick_off,
            comment_count: WeightedIndex::new(COMMENT_COUNTS)
                .unwrap_or_else(|_| unreachable!("constant weights are valid")),
            pin_chance: (org.groups.len() as f64 / (cfg.posts as f64 * PIN_WINDOW)).clamp(0.0, 0.5),
            first_names,
            last: i64::MIN,
            first_day,
            working_days,
            working,
            clock,
        }
    }

    /// When post `self.index` happens, and whether that is outside working hours.
    fn next_time(&mut self) -> (i64, bool) {
        let total_weight = self.cumulative.last().copied().unwrap_or(1.0);
        let r: f64 = self.rng.gen();
        let u = (self.index as f64 + r) / self.total as f64 * total_weight;
        let slot = self
            .cumulative
            .partition_point(|&c| c <= u)
            .min(self.cumulative.len() - 1);
        let before = if slot == 0 {
            0.0
        } else {
            self.cumulative[slot - 1]
        };
        let width = self.cumulative[slot] - before;
        let frac = ((u - before) / width).clamp(0.0, 0.999_999);
        let mut t = self.start + slot as i64 * HOUR_MS + (frac * HOUR_MS as f64) as i64;
        t = t.min(self.now - 1);
        // Strictly increasing, even when two posts fall in the same millisecond.
        if t <= self.last {
            t = self.last + 1;
        }
        self.last = t;
        (t, self.off_hours[slot])
    }
}

/// Posting activity of a local hour, and whether it counts as off hours.
fn hour_weight(working_day: bool, hour: i64) -> (f64, bool) {
    if !working_day {
        let w = if (9..22).contains(&hour) { 0.6 } else { 0.03 };
        return (w, true);
    }
    match hour {
        7 => (2.0, false),
        8 => (7.0, false),
        9 | 10 => (10.0, false),
        11 => (9.0, false),
        12 => (4.0, false),
        13 => (6.0, false),
        14 | 15 => (9.0, false),
        16 => (7.5, false),
        17 => (4.5, false),
        18 => (2.0, true),
        19 => (1.2, true),
        20 | 21 => (0.8, true),
        22 => (0.3, true),
        _ => (0.03, true),
    }
}

impl Iterator for PostStream<'_> {
    type Item = DemoPost;

    fn next(&mut self) -> Option<DemoPost> {
        if self.index >= self.total {
            return None;
        }
        let (created_at, off) = self.next_time();
        let pick = if off { &self.pick_off } else { &self.pick_work };
        let g = pick.as_ref()?.sample(&mut self.rng);
        let pin_window = self.index as f64 >= (1.0 - PIN_WINDOW) * self.total as f64;
        self.index += 1;
        Some(self.post(g, created_at, pin_window))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::try_from(self.total - self.index).unwrap_or(usize::MAX);
        (left, Some(left))
    }
}

impl PostStream<'_> {
    fn post(&mut self, g: usize, created_at: i64, pin_window: bool) -> DemoPost {
        let rng = &mut self.rng;
        let state = &mut self.groups[g];
        let topic = state.topic;
        let first = state.posts == 0;
        state.posts += 1;
        let day = self.clock.local_day(created_at);

        // What kind of post: the group's welcome, a poll, an admin update or
        // an ordinary post; then who writes it.
        let poll_template = (!first && !topic.polls.is_empty() && rng.gen_bool(topic.poll_rate))
            .then(|| pick_poll(topic.polls, rng));
        let admin_update = !first
            && poll_template.is_none()
            && !topic.admin_posts.is_empty()
            && rng.gen_bool(topic.admin_share.clamp(0.0, 1.0));
        // Groups with admin updates (the negotiation, the support) also
        // publish their polls through their admins.
        let from_admins = first
            || state.announcement
            || admin_update
            || (poll_template.is_some() && !topic.admin_posts.is_empty());
        let author = match (from_admins, state.admins.choose(rng)) {
            (true, Some(&a)) => a,
            _ => *state.members.choose(rng).unwrap_or(&0),
        };
        let (template, openers, closers) = if first {
            (pick(WELCOME, rng), topics::NONE, topics::NONE)
        } else if let Some(poll) = poll_template {
            (poll.intro, topic.openers, topic.closers)
        } else if admin_update {
            (pick(topic.admin_posts, rng), topic.openers, topic.closers)
        } else {
            (
                pick2(topic.posts, topic.shared_posts, rng),
                topic.openers,
                topic.closers,
            )
        };

        let ctx = Ctx {
            users: &self.org.users,
            first_names: &self.first_names,
            members: &state.members,
            demo_member: state.demo_member,
            group_name: state.name,
            group_description: state.description,
            items: topic.items,
            links: topic.links,
            writer: author,
            post_author: author,
            day,
            working: &self.working,
            first_day: self.first_day,
            seq: self
                .working_days
                .get((day - self.first_day).max(0) as usize)
                .copied()
                .unwrap_or(1),
        };
        let mut body = String::with_capacity(400);
        fill(pick(openers, rng), &ctx, rng, &mut body);
        fill(template, &ctx, rng, &mut body);
        fill(pick(closers, rng), &ctx, rng, &mut body);

        let pinned =
            first || (pin_window && state.pinned < MAX_PINNED && rng.gen_bool(self.pin_chance));
        if pinned {
            state.pinned += 1;
        }

        let poll = poll_template.map(|p| make_poll(p, &ctx, created_at, rng));

        // Comments, oldest first, each after the previous one and before now.
        let count = self.comment_count.sample(rng);
        let mut comments: Vec<DemoComment> = Vec::with_capacity(count);
        let mut used: Vec<&str> = Vec::with_capacity(count);
        let mut t = created_at;
        for k in 0..count {
            let mean = if k == 0 { 2.0 } else { 4.0 } * HOUR_MS as f64;
            // Mostly quick answers, a few late ones (mean `mean`). Only basic
            // arithmetic, which IEEE 754 rounds the same everywhere, so the
            // stream is identical on every platform (unlike `ln`).
            let u: f64 = rng.gen();
            let delay = (3.0 * u * u * mean) as i64;
            t += delay.max(60_000);
            if t >= self.now {
                break;
            }
            // The author answers now and then; otherwise another member.
            let writer = if k > 0 && rng.gen_bool(0.15) {
                author
            } else {
                *state.members.choose(rng).unwrap_or(&author)
            };
            let template = if writer == author {
                pick(AUTHOR_REPLIES, rng)
            } else {
                comment_template(topic, &body, &used, rng)
            };
            used.push(template);
            let mut cctx = ctx_for(&ctx, writer);
            cctx.day = self.clock.local_day(t);
            let mut text = String::with_capacity(80);
            fill(template, &cctx, rng, &mut text);
            comments.push(DemoComment {
                author: writer,
                body: text,
                created_at: t,
            });
        }

        // Likes: a few, more in big groups and on announcements.
        let cap = if state.announcement { 150 } else { 40 };
        let max = state.members.len().min(cap);
        let u: f64 = rng.gen();
        let wanted = (max as f64 * u * u * 0.6) as usize;
        let likes = index::sample(rng, state.members.len(), wanted.min(state.members.len()))
            .into_iter()
            .map(|i| state.members[i])
            .filter(|&u| u != author)
            .collect();

        DemoPost {
            group: g,
            author,
            body,
            created_at,
            pinned,
            poll,
            comments,
            likes,
        }
    }
}

/// A comment for a post: from the topic or the shared pool, one that fits the
/// post (see [`Topic::comments`]) and was not already used under it.
fn comment_template(
    topic: &Topic,
    body: &str,
    used: &[&str],
    rng: &mut ChaCha8Rng,
) -> &'static str {
    for _ in 0..6 {
        let from_topic = !topic.comments.is_empty() && rng.gen_bool(topic.topic_comment_rate);
        let list = if from_topic {
            topic.comments
        } else {
            topic.shared_comments
        };
        let candidate = pick(list, rng);
        let (needs, text) = match candidate.strip_prefix('?').and_then(|c| c.split_once('|')) {
            Some((needs, text)) => (Some(needs), text),
            None => (None, candidate),
        };
        if needs.is_some_and(|w| !body.contains(w)) || used.contains(&text) || text.is_empty() {
            continue;
        }
        return text;
    }
    pick(GENERIC_COMMENTS, rng)
}

/// One item of two lists taken as one.
fn pick2(a: &[&'static str], b: &[&'static str], rng: &mut ChaCha8Rng) -> &'static str {
    let k = rng.gen_range(0..(a.len() + b.len()).max(1));
    a.get(k)
        .or_else(|| b.get(k.wrapping_sub(a.len())))
        .copied()
        .unwrap_or("{x}")
}

fn pick<'t>(list: &[&'t str], rng: &mut ChaCha8Rng) -> &'t str {
    list.choose(rng).copied().unwrap_or("")
}

fn pick_poll<'t>(list: &'t [PollTemplate], rng: &mut ChaCha8Rng) -> &'t PollTemplate {
    &list[rng.gen_range(0..list.len())]
}

/// The same context, written by someone else.
fn ctx_for<'c>(ctx: &Ctx<'c>, writer: usize) -> Ctx<'c> {
    Ctx {
        users: ctx.users,
        first_names: ctx.first_names,
        members: ctx.members,
        demo_member: ctx.demo_member,
        group_name: ctx.group_name,
        group_description: ctx.group_description,
        items: ctx.items,
        links: ctx.links,
        writer,
        post_author: ctx.post_author,
        day: ctx.day,
        working: ctx.working,
        first_day: ctx.first_day,
        seq: ctx.seq,
    }
}

/// A poll from a template: options filled, a closing time (past, future or
/// none) and votes from members, some options more popular than others.
fn make_poll(
    template: &PollTemplate,
    ctx: &Ctx<'_>,
    created_at: i64,
    rng: &mut ChaCha8Rng,
) -> DemoPoll {
    let mut question = String::new();
    fill(template.question, ctx, rng, &mut question);
    let options: Vec<String> = template
        .options
        .iter()
        .map(|o| {
            let mut s = String::new();
            fill(o, ctx, rng, &mut s);
            s
        })
        .collect();
    let closes_at = (!rng.gen_bool(0.25))
        .then(|| created_at + rng.gen_range(2..=14) * DAY_MS + rng.gen_range(0..8) * HOUR_MS);
    let popularity: Vec<f64> = options.iter().map(|_| rng.gen_range(0.2..1.0)).collect();
    let choose = WeightedIndex::new(&popularity).ok();
    let members = ctx.members;
    let cap = (3 + members.len() / 3).min(120).min(members.len());
    let voters = rng.gen_range(0..=cap);
    let votes = index::sample(rng, members.len(), voters)
        .into_iter()
        .map(|i| {
            let mut picked: Vec<usize> = Vec::new();
            let n = if template.multiple {
                rng.gen_range(1..=options.len().min(3))
            } else {
                1
            };
            for _ in 0..n * 3 {
                if picked.len() >= n {
                    break;
                }
                let o = match &choose {
                    Some(c) => c.sample(rng),
                    None => rng.gen_range(0..options.len()),
                };
                if !picked.contains(&o) {
                    picked.push(o);
                }
            }
            picked.sort_unstable();
            (members[i], picked)
        })
        .collect();
    DemoPoll {
        question,
        options,
        multiple: template.multiple,
        closes_at,
        votes,
    }
}
