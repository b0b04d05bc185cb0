//! What the server and the demo rely on: the organisation is deterministic,
//! consistent (every index valid, every author a member...), within the API's
//! limits, and the demo person has a realistic place in it.

use std::collections::{HashMap, HashSet};

use hublot_api::limits::{
    MAX_COMMENT_CHARS, MAX_GROUP_DESCRIPTION_CHARS, MAX_GROUP_NAME_CHARS, MAX_POLL_OPTIONS,
    MAX_POLL_OPTION_CHARS, MAX_POLL_QUESTION_CHARS, MAX_POST_CHARS, MIN_POLL_OPTIONS,
};
use hublot_api::{GroupKind, Role, Visibility};
use hublot_demo::{DemoConfig, DemoOrg, DemoPost, HISTORY_DAYS};

fn default_org() -> (DemoConfig, DemoOrg) {
    let cfg = DemoConfig::default();
    let org = DemoOrg::generate(&cfg);
    (cfg, org)
}

/// Group index -> (members, admins).
fn roles(org: &DemoOrg) -> HashMap<usize, (HashSet<usize>, HashSet<usize>)> {
    let mut map: HashMap<usize, (HashSet<usize>, HashSet<usize>)> = HashMap::new();
    for m in &org.memberships {
        let entry = map.entry(m.group).or_default();
        entry.0.insert(m.user);
        if m.role == Role::Admin {
            entry.1.insert(m.user);
        }
    }
    map
}

/// The handles mentioned in a text (`@` then handle characters).
fn mentions(text: &str) -> Vec<&str> {
    text.match_indices('@')
        .map(|(i, _)| {
            let rest = &text[i + 1..];
            let end = rest
                .find(|c: char| {
                    !(c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
                })
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn the_same_config_gives_the_same_org_and_posts() {
    let cfg = DemoConfig::default();
    let a = DemoOrg::generate(&cfg);
    let b = DemoOrg::generate(&cfg);
    assert_eq!(a, b);
    let pa: Vec<DemoPost> = a.posts(&cfg).take(500).collect();
    let pb: Vec<DemoPost> = b.posts(&cfg).take(500).collect();
    assert_eq!(pa, pb);
}

#[test]
fn another_seed_gives_another_org_and_posts() {
    let cfg = DemoConfig::default();
    let other = DemoConfig {
        seed: 7,
        ..cfg.clone()
    };
    let a = DemoOrg::generate(&cfg);
    let b = DemoOrg::generate(&other);
    assert_ne!(a.users, b.users);
    assert_ne!(a.memberships, b.memberships);
    let pa: Vec<DemoPost> = a.posts(&cfg).take(50).collect();
    let pb: Vec<DemoPost> = b.posts(&other).take(50).collect();
    assert_ne!(pa, pb);
    // The people do not depend on the number of posts.
    let denser = DemoConfig {
        posts: 100_000,
        ..cfg.clone()
    };
    assert_eq!(DemoOrg::generate(&denser), a);
}

#[test]
fn people_have_unique_valid_handles_and_addresses() {
    let (_, org) = default_org();
    assert!(
        (950..=1050).contains(&org.users.len()),
        "{} users",
        org.users.len()
    );
    assert_eq!(org.users[0].handle, "demo");
    let mut handles = HashSet::new();
    let mut emails = HashSet::new();
    for u in &org.users {
        assert!(
            !u.handle.is_empty()
                && u.handle
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b)),
            "bad handle {:?}",
            u.handle
        );
        assert!(
            handles.insert(u.handle.as_str()),
            "duplicate handle {}",
            u.handle
        );
        assert!(
            emails.insert(u.email.as_str()),
            "duplicate e-mail {}",
            u.email
        );
        assert!(u.email.contains('@'));
        for field in [&u.name, &u.job_title, &u.department, &u.site] {
            assert!(!field.trim().is_empty(), "empty field for {}", u.handle);
        }
    }
    let sites: HashSet<&str> = org.users.iter().map(|u| u.site.as_str()).collect();
    assert_eq!(sites.len(), 4);
    let departments: HashSet<&str> = org.users.iter().map(|u| u.department.as_str()).collect();
    assert!(departments.len() >= 10, "{departments:?}");
    // French names, with their accents.
    assert!(org.users.iter().any(|u| u.name.contains('é')));
    assert!(org.users.iter().any(|u| u.phone.is_some()));
    assert!(org.users.iter().any(|u| u.phone.is_none()));
}

#[test]
fn groups_memberships_and_follows_are_consistent() {
    let (_, org) = default_org();
    assert!(
        (35..=45).contains(&org.groups.len()),
        "{} groups",
        org.groups.len()
    );
    for g in &org.groups {
        assert!(!g.name.is_empty() && g.name.chars().count() <= MAX_GROUP_NAME_CHARS);
        assert!(
            !g.description.is_empty()
                && g.description.chars().count() <= MAX_GROUP_DESCRIPTION_CHARS
        );
    }
    let names: HashSet<&str> = org.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names.len(), org.groups.len(), "group names are unique");
    assert!(names.contains("Négociation temps de travail"));
    assert!(org.groups.iter().any(|g| g.kind == GroupKind::Announcement));
    for kind in [GroupKind::Work, GroupKind::Project, GroupKind::Community] {
        assert!(org.groups.iter().any(|g| g.kind == kind), "{kind:?}");
    }
    assert!(org
        .groups
        .iter()
        .any(|g| g.visibility == Visibility::Private));

    let mut pairs = HashSet::new();
    for m in &org.memberships {
        assert!(m.group < org.groups.len() && m.user < org.users.len());
        assert!(
            pairs.insert((m.group, m.user)),
            "duplicate membership {m:?}"
        );
    }
    let mut followed = HashSet::new();
    for f in &org.follows {
        assert!(
            pairs.contains(&(f.group, f.user)),
            "follow without membership {f:?}"
        );
        assert!(followed.insert((f.group, f.user)), "duplicate follow {f:?}");
    }
    let roles = roles(&org);
    for g in 0..org.groups.len() {
        let (members, admins) = &roles[&g];
        assert!(!members.is_empty(), "{} has members", org.groups[g].name);
        assert!(!admins.is_empty(), "{} has an admin", org.groups[g].name);
    }
    // Every person belongs somewhere.
    let with_group: HashSet<usize> = org.memberships.iter().map(|m| m.user).collect();
    assert_eq!(with_group.len(), org.users.len());
}

#[test]
fn the_demo_person_has_a_realistic_place() {
    let (_, org) = default_org();
    let mine: Vec<_> = org.memberships.iter().filter(|m| m.user == 0).collect();
    assert!(
        (8..=12).contains(&mine.len()),
        "member of {} groups",
        mine.len()
    );
    let admin_of = mine.iter().filter(|m| m.role == Role::Admin).count();
    assert!((1..=2).contains(&admin_of), "admin of {admin_of} groups");
    assert!(mine
        .iter()
        .any(|m| org.groups[m.group].visibility == Visibility::Private));
    let follows = org.follows.iter().filter(|f| f.user == 0).count();
    assert!(
        follows >= 3 && follows < mine.len(),
        "follows {follows} of {}",
        mine.len()
    );
}

#[test]
fn default_posts_respect_every_rule() {
    let (cfg, org) = default_org();
    let roles = roles(&org);
    let handle_index: HashMap<&str, usize> = org
        .users
        .iter()
        .enumerate()
        .map(|(i, u)| (u.handle.as_str(), i))
        .collect();
    let start = cfg.now - HISTORY_DAYS * 24 * 3_600_000;
    let mut last = i64::MIN;
    let mut count = 0;
    let mut pinned: HashMap<usize, usize> = HashMap::new();
    let (mut polls, mut open_polls, mut closed_polls, mut multiple) = (0, 0, 0, 0);
    let (mut demo_mentions, mut mention_count, mut comment_count, mut like_count) = (0, 0, 0, 0);
    let mut groups_with_posts = HashSet::new();
    for post in org.posts(&cfg) {
        count += 1;
        let (members, admins) = &roles[&post.group];
        groups_with_posts.insert(post.group);
        assert!(post.created_at > last, "strictly increasing");
        assert!(post.created_at >= start && post.created_at < cfg.now);
        last = post.created_at;
        assert!(members.contains(&post.author), "author is a member");
        if org.groups[post.group].kind == GroupKind::Announcement {
            assert!(
                admins.contains(&post.author),
                "announcements come from admins"
            );
        }
        let chars = post.body.chars().count();
        assert!(chars > 0 && chars <= MAX_POST_CHARS && !post.body.trim().is_empty());
        assert!(
            !post.body.contains('{') && !post.body.contains('}'),
            "unfilled slot: {}",
            post.body
        );
        if post.pinned {
            *pinned.entry(post.group).or_default() += 1;
        }

        let mut texts = vec![post.body.as_str()];
        let mut t = post.created_at;
        assert!(post.comments.len() <= 8);
        for c in &post.comments {
            comment_count += 1;
            assert!(members.contains(&c.author), "commenter is a member");
            assert!(
                c.created_at > t && c.created_at < cfg.now,
                "comment after the post, in order"
            );
            t = c.created_at;
            let chars = c.body.chars().count();
            assert!(chars > 0 && chars <= MAX_COMMENT_CHARS && !c.body.trim().is_empty());
            assert!(!c.body.contains('{'), "unfilled slot: {}", c.body);
            texts.push(&c.body);
        }
        for text in texts {
            for handle in mentions(text) {
                mention_count += 1;
                let user = handle_index
                    .get(handle)
                    .unwrap_or_else(|| panic!("@{handle} is nobody"));
                assert!(members.contains(user), "@{handle} is not in the group");
                if *user == 0 {
                    demo_mentions += 1;
                }
            }
        }

        let likers: HashSet<usize> = post.likes.iter().copied().collect();
        assert_eq!(likers.len(), post.likes.len(), "one like per person");
        assert!(likers.is_subset(members), "likers are members");
        like_count += post.likes.len();

        if let Some(poll) = &post.poll {
            polls += 1;
            assert!((MIN_POLL_OPTIONS..=MAX_POLL_OPTIONS).contains(&poll.options.len()));
            let q = poll.question.chars().count();
            assert!(q > 0 && q <= MAX_POLL_QUESTION_CHARS);
            for o in &poll.options {
                assert!(!o.is_empty() && o.chars().count() <= MAX_POLL_OPTION_CHARS);
            }
            let distinct: HashSet<&String> = poll.options.iter().collect();
            assert_eq!(distinct.len(), poll.options.len(), "distinct options");
            match poll.closes_at {
                Some(c) if c < cfg.now => closed_polls += 1,
                Some(c) => {
                    assert!(c > post.created_at);
                    open_polls += 1
                }
                None => {}
            }
            multiple += usize::from(poll.multiple);
            let mut voters = HashSet::new();
            for (voter, choice) in &poll.votes {
                assert!(members.contains(voter), "voters are members");
                assert!(voters.insert(*voter), "one ballot per voter");
                assert!(!choice.is_empty());
                if !poll.multiple {
                    assert_eq!(choice.len(), 1, "single choice");
                }
                assert!(choice.windows(2).all(|w| w[0] < w[1]), "sorted, distinct");
                assert!(choice.iter().all(|&o| o < poll.options.len()));
            }
        }
    }
    assert_eq!(count, cfg.posts);
    assert!(
        groups_with_posts.len() == org.groups.len(),
        "every group lives"
    );
    assert!(pinned.values().all(|&n| (1..=3).contains(&n)), "{pinned:?}");
    assert!(polls > 50 && open_polls > 0 && closed_polls > 0 && multiple > 0);
    assert!(
        mention_count > 100 && demo_mentions > 0,
        "{mention_count} mentions, {demo_mentions} of @demo"
    );
    assert!(comment_count > count && like_count as u64 > count);
}

#[test]
fn most_posts_are_written_during_working_hours() {
    let (cfg, org) = default_org();
    let in_hours = org
        .posts(&cfg)
        .filter(|p| {
            // Paris time is at least UTC+1: 7:00-19:00 UTC covers 8:00-20:00 in winter.
            let secs = p.created_at / 1000;
            let hour = (secs / 3600) % 24;
            let weekday = (secs / 86_400 + 3) % 7; // 0 = Monday
            weekday < 5 && (6..19).contains(&hour)
        })
        .count();
    assert!(
        in_hours * 10 > cfg.posts as usize * 8,
        "{in_hours} of {}",
        cfg.posts
    );
}

#[test]
fn demo_posts_are_in_french_with_markdown() {
    let (cfg, org) = default_org();
    let bodies: Vec<String> = org.posts(&cfg).take(2_000).map(|p| p.body).collect();
    let all = bodies.join("\n");
    assert!(all.contains("**"), "bold");
    assert!(all.contains("\n- "), "lists");
    assert!(all.contains("](https://intranet.example/"), "links");
    for broken in [
        " à les ",
        " de avril",
        " de août",
        " de octobre",
        " de Orléans",
        " de Émilie",
    ] {
        assert!(!all.contains(broken), "unmended French: {broken:?}");
    }
    let distinct: HashSet<&String> = bodies.iter().collect();
    assert!(distinct.len() * 10 > bodies.len() * 9, "posts are varied");
}

#[test]
fn two_hundred_thousand_posts_stream_in_order() {
    let cfg = DemoConfig {
        posts: 200_000,
        ..DemoConfig::default()
    };
    let org = DemoOrg::generate(&cfg);
    let mut stream = org.posts(&cfg);
    assert_eq!(stream.size_hint(), (200_000, Some(200_000)));
    let mut last = i64::MIN;
    let mut count = 0u64;
    let mut pinned = 0;
    for post in stream.by_ref() {
        assert!(post.created_at > last && post.created_at < cfg.now);
        last = post.created_at;
        pinned += usize::from(post.pinned);
        count += 1;
    }
    assert_eq!(count, 200_000);
    assert!(stream.next().is_none());
    // Pins stay a handful per group however dense the history.
    assert!(pinned <= org.groups.len() * 3, "{pinned} pinned");
}

#[test]
fn any_size_and_end_date_work() {
    for (posts, now) in [
        (0, DemoConfig::default().now),
        (1, DemoConfig::default().now),
        (3_000, 1_735_689_600_000), // 1 January 2025, a holiday
        (3_000, 2_240_000_000_000), // 2040, beyond the table of movable holidays
    ] {
        let cfg = DemoConfig {
            posts,
            now,
            ..DemoConfig::default()
        };
        let org = DemoOrg::generate(&cfg);
        let mut last = i64::MIN;
        let mut count = 0;
        for post in org.posts(&cfg) {
            assert!(post.created_at > last && post.created_at < now);
            assert!(post.created_at >= now - HISTORY_DAYS * 24 * 3_600_000);
            for c in &post.comments {
                assert!(c.created_at > post.created_at && c.created_at < now);
            }
            last = post.created_at;
            count += 1;
        }
        assert_eq!(count, posts);
    }
}

/// Unread posts per (group, user) for markers over posts numbered from 1 in
/// stream order.
fn unread_counts(cfg: &DemoConfig, org: &DemoOrg) -> (HashMap<(usize, usize), usize>, Vec<i64>) {
    let mut tracker = org.read_tracker(cfg);
    let mut group_posts: HashMap<usize, Vec<(i64, i64)>> = HashMap::new();
    for (i, p) in org.posts(cfg).enumerate() {
        let id = i as i64 + 1;
        tracker.post(p.group, p.created_at, id);
        group_posts
            .entry(p.group)
            .or_default()
            .push((id, p.created_at));
    }
    let markers = tracker.markers();
    let mut unread = HashMap::new();
    let mut oldest_unread = Vec::new();
    for m in &markers {
        let posts = &group_posts[&m.group];
        let after: Vec<&(i64, i64)> = posts.iter().filter(|(id, _)| *id > m.last_read).collect();
        if let Some((_, at)) = after.first() {
            oldest_unread.push(*at);
        }
        // The marker is a post of that group.
        assert!(posts.iter().any(|(id, _)| *id == m.last_read));
        unread.insert((m.group, m.user), after.len());
    }
    (unread, oldest_unread)
}

#[test]
fn members_have_read_all_but_the_last_day_or_so() {
    for posts in [6_000, 100_000] {
        let cfg = DemoConfig {
            posts,
            ..DemoConfig::default()
        };
        let org = DemoOrg::generate(&cfg);
        let (unread, oldest_unread) = unread_counts(&cfg, &org);
        // Same seed, same markers.
        assert_eq!(unread_counts(&cfg, &org).0, unread);
        // Every membership of a group with posts has a marker.
        let with_posts: HashSet<usize> = unread.keys().map(|(g, _)| *g).collect();
        let memberships = org
            .memberships
            .iter()
            .filter(|m| with_posts.contains(&m.group))
            .count();
        assert!(
            unread.len() * 100 >= memberships * 95,
            "{} markers for {memberships} memberships",
            unread.len()
        );
        // Nothing older than the longest lag is unread, and never more than the cap.
        for at in oldest_unread {
            assert!(
                at > cfg.now - hublot_demo::MAX_LAG_MS,
                "a post {} ms old is unread",
                cfg.now - at
            );
        }
        assert!(unread.values().all(|&n| n <= hublot_demo::MAX_CAP));
        // The demo person sees a few unread posts in most of her groups, not none.
        let demo: Vec<usize> = unread
            .iter()
            .filter(|((_, u), _)| *u == 0)
            .map(|(_, n)| *n)
            .collect();
        let total: usize = demo.iter().sum();
        assert!(
            demo.len() >= 5,
            "{} groups of the demo person have a marker",
            demo.len()
        );
        assert!(
            demo.iter().filter(|&&n| n > 0).count() * 2 >= demo.len(),
            "{posts} posts: unread counts of the demo person {demo:?}"
        );
        assert!(
            total >= demo.len() && total <= demo.len() * hublot_demo::MAX_CAP,
            "{demo:?}"
        );
        println!("{posts} posts: the demo person's unread counts: {demo:?}");
    }
}
