//! Change-feed correctness: a randomized sequence of operations by several
//! users; then, for each user, replaying `/v1/sync` from zero and from
//! intermediate cursors (applied on top of the state the client had at that
//! cursor) gives exactly what the direct read endpoints show her, her
//! mentions included (as the bootstrap shows them).
//!
//! The seed is printed; set HUBLOT_TEST_SEED to replay a failure.

mod common;

use std::collections::{BTreeMap, HashSet};

use common::{Api, TestServer};
use hublot_api::{
    Change, Comment, Group, GroupKind, Id, Membership, Mention, Post, Reaction, User, Visibility,
};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use reqwest::Method;
use serde_json::json;

/// What a client holds after applying changes.
#[derive(Debug, Clone, Default, PartialEq)]
struct ClientState {
    users: BTreeMap<Id, User>,
    groups: BTreeMap<Id, Group>,
    memberships: BTreeMap<(Id, Id), Membership>,
    follows: BTreeMap<Id, bool>,
    read_markers: BTreeMap<Id, Id>,
    posts: BTreeMap<Id, Post>,
    comments: BTreeMap<Id, Comment>,
    reactions: BTreeMap<(Id, Id), Reaction>,
    /// Her mentions, by (post, comment).
    mentions: BTreeMap<(Id, Option<Id>), Mention>,
}

impl ClientState {
    fn forget_post(&mut self, id: Id) {
        self.posts.remove(&id);
        self.comments.retain(|_, c| c.post_id != id);
        self.reactions.retain(|(p, _), _| *p != id);
        self.mentions.retain(|(p, _), _| *p != id);
    }

    /// The same state with only the mentions of `posts` (what the bootstrap
    /// covers: the latest posts of her groups).
    fn mentions_within(&self, posts: &HashSet<Id>) -> ClientState {
        let mut s = self.clone();
        s.mentions.retain(|(p, _), _| posts.contains(p));
        s
    }

    fn apply(&mut self, changes: &[Change]) {
        for c in changes {
            match c {
                Change::User(u) => {
                    self.users.insert(u.id, u.clone());
                }
                Change::Group(g) => {
                    self.groups.insert(g.id, g.clone());
                }
                Change::GroupRemoved { id } => {
                    self.groups.remove(id);
                    self.memberships.retain(|(g, _), _| g != id);
                    self.follows.remove(id);
                    self.read_markers.remove(id);
                    self.mentions.retain(|_, m| m.group_id != *id);
                    let posts: Vec<Id> = self
                        .posts
                        .values()
                        .filter(|p| p.group_id == *id)
                        .map(|p| p.id)
                        .collect();
                    for p in posts {
                        self.forget_post(p);
                    }
                }
                Change::Membership(m) => {
                    self.memberships.insert((m.group_id, m.user_id), m.clone());
                }
                Change::MembershipRemoved { group_id, user_id } => {
                    self.memberships.remove(&(*group_id, *user_id));
                }
                Change::Follow(f) => {
                    self.follows.insert(f.group_id, f.following);
                }
                Change::Post(p) => {
                    self.posts.insert(p.id, p.clone());
                }
                Change::PostRemoved { id, .. } => self.forget_post(*id),
                Change::Comment(c) => {
                    self.comments.insert(c.id, c.clone());
                }
                Change::CommentRemoved { id, .. } => {
                    self.comments.remove(id);
                    self.mentions.retain(|(_, c), _| *c != Some(*id));
                }
                Change::Reaction(r) => {
                    self.reactions.insert((r.post_id, r.user_id), r.clone());
                }
                Change::ReactionRemoved {
                    post_id, user_id, ..
                } => {
                    self.reactions.remove(&(*post_id, *user_id));
                }
                Change::Mention(m) => {
                    self.mentions.insert((m.post_id, m.comment_id), m.clone());
                }
                Change::ReadMarker(r) => {
                    self.read_markers.insert(r.group_id, r.last_read_post_id);
                }
            }
        }
    }
}

/// What the direct read endpoints show a user, and the posts whose mentions
/// they show (the bootstrap's: the latest posts of her groups).
async fn expected(api: &Api) -> (ClientState, HashSet<Id>) {
    let mut s = ClientState::default();
    let boot: hublot_api::Bootstrap =
        serde_json::from_value(api.ok(Method::GET, "/v1/bootstrap", None).await).unwrap();
    let covered: HashSet<Id> = boot.posts.iter().map(|p| p.id).collect();
    for m in boot.mentions {
        s.mentions.insert((m.post_id, m.comment_id), m);
    }
    for u in boot.users {
        s.users.insert(u.id, u);
    }
    for f in boot.follows {
        s.follows.insert(f.group_id, f.following);
    }
    for m in boot.read_markers {
        s.read_markers.insert(m.group_id, m.last_read_post_id);
    }
    let groups: Vec<Group> =
        serde_json::from_value(api.ok(Method::GET, "/v1/groups", None).await).unwrap();
    for g in groups {
        let members: hublot_api::MemberList = serde_json::from_value(
            api.ok(Method::GET, &format!("/v1/groups/{}/members", g.id), None)
                .await,
        )
        .unwrap();
        for m in members.members {
            s.memberships.insert((m.group_id, m.user_id), m);
        }
        let mut before: Option<Id> = None;
        loop {
            let path = match before {
                Some(b) => format!("/v1/groups/{}/posts?before={b}&limit=7", g.id),
                None => format!("/v1/groups/{}/posts?limit=7", g.id),
            };
            let page: hublot_api::PostPage =
                serde_json::from_value(api.ok(Method::GET, &path, None).await).unwrap();
            for p in page.posts {
                s.posts.insert(p.id, p);
            }
            for c in page.comments {
                s.comments.insert(c.id, c);
            }
            for r in page.reactions {
                s.reactions.insert((r.post_id, r.user_id), r);
            }
            match page.next_before {
                Some(b) => before = Some(b),
                None => break,
            }
        }
        s.groups.insert(g.id, g);
    }
    (s, covered)
}

/// Checks the mentions of a feed against the posts and comments it shows:
/// each is about a post (and comment) she sees, and every post of a public
/// group naming her (written by someone else) mentions her.
fn check_mentions(state: &ClientState, me: &Api, who: &str) {
    for (post, comment) in state.mentions.keys() {
        assert!(
            state.posts.contains_key(post),
            "{who}: a mention of post {post}, which she does not see"
        );
        if let Some(c) = comment {
            assert!(
                state.comments.contains_key(c),
                "{who}: a mention in comment {c}, which she does not see"
            );
        }
    }
    let handle = format!("@u{} ", me.id - 1);
    for p in state.posts.values() {
        let public = state
            .groups
            .get(&p.group_id)
            .is_some_and(|g| g.visibility == Visibility::Public);
        if public && p.author_id != me.id && format!("{} ", p.body).contains(&handle) {
            assert!(
                state.mentions.contains_key(&(p.id, None)),
                "{who}: post {} names her but the feed has no mention of it",
                p.id
            );
        }
    }
}

struct World {
    users: Vec<Api>,
    groups: Vec<Id>,
    posts: Vec<Id>,
    comments: Vec<Id>,
    options: Vec<(Id, Vec<Id>)>,
}

async fn random_op(w: &mut World, rng: &mut ChaCha8Rng) {
    let u = w.users.choose(rng).unwrap().clone();
    let g = *w.groups.choose(rng).unwrap();
    let post = w.posts.choose(rng).copied().unwrap_or(1);
    let comment = w.comments.choose(rng).copied().unwrap_or(1);
    match rng.gen_range(0..16) {
        0..=2 => {
            let mention = w.users.choose(rng).unwrap().id;
            let poll = rng.gen_bool(0.3).then(|| json!({"question": "Q ?", "options": ["a", "b", "c"], "multiple": rng.gen_bool(0.5)}));
            let (status, v) = u
                .post("/v1/posts", json!({"client_id": uuid::Uuid::new_v4(), "group_id": g, "body": format!("post @u{mention}"), "poll": poll}))
                .await;
            if status.is_success() {
                let id = v["id"].as_i64().unwrap();
                w.posts.push(id);
                if let Some(opts) = v["poll"]["options"].as_array() {
                    w.options
                        .push((id, opts.iter().map(|o| o["id"].as_i64().unwrap()).collect()));
                }
            }
        }
        3 => {
            u.patch(
                &format!("/v1/posts/{post}"),
                json!({"body": format!("edited {}", rng.gen::<u16>())}),
            )
            .await;
        }
        4 => {
            u.delete(&format!("/v1/posts/{post}")).await;
        }
        5 | 6 => {
            let mention = w.users.choose(rng).unwrap().id;
            let (status, v) = u
                .post(
                    &format!("/v1/posts/{post}/comments"),
                    json!({"client_id": uuid::Uuid::new_v4(), "body": format!("comment @u{mention}")}),
                )
                .await;
            if status.is_success() {
                w.comments.push(v["id"].as_i64().unwrap());
            }
        }
        7 => {
            if rng.gen_bool(0.5) {
                u.delete(&format!("/v1/comments/{comment}")).await;
            } else {
                u.patch(
                    &format!("/v1/comments/{comment}"),
                    json!({"body": "edited comment"}),
                )
                .await;
            }
        }
        8 | 9 => {
            if rng.gen_bool(0.7) {
                u.put(&format!("/v1/posts/{post}/reactions/like"), json!(null))
                    .await;
            } else {
                u.delete(&format!("/v1/posts/{post}/reactions/like")).await;
            }
        }
        10 => {
            if let Some((p, opts)) = w.options.choose(rng).cloned() {
                let n = rng.gen_range(0..=2);
                let pick: Vec<Id> = opts.choose_multiple(rng, n).copied().collect();
                u.put(&format!("/v1/posts/{p}/vote"), json!({"option_ids": pick}))
                    .await;
            }
        }
        11 => {
            u.post(&format!("/v1/groups/{g}/join"), json!(null)).await;
        }
        12 => {
            u.post(&format!("/v1/groups/{g}/leave"), json!(null)).await;
        }
        13 => {
            // An admin (maybe) invites someone.
            let other = w.users.choose(rng).unwrap().id;
            u.post(
                &format!("/v1/groups/{g}/members"),
                json!({"user_id": other}),
            )
            .await;
        }
        14 => {
            if rng.gen_bool(0.5) {
                u.put(
                    &format!("/v1/groups/{g}/follow"),
                    json!({"following": rng.gen_bool(0.5)}),
                )
                .await;
            } else {
                u.put(
                    &format!("/v1/groups/{g}/read"),
                    json!({"last_read_post_id": post}),
                )
                .await;
            }
        }
        _ => {
            u.put(
                &format!("/v1/posts/{post}/pin"),
                json!({"pinned": rng.gen_bool(0.5)}),
            )
            .await;
        }
    }
}

#[tokio::test]
async fn replaying_the_feed_gives_what_each_user_may_see() {
    let seed: u64 = std::env::var("HUBLOT_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261129);
    println!("change feed test seed: {seed} (set HUBLOT_TEST_SEED to replay)");
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let t = TestServer::start().await;
    let mut users = Vec::new();
    for i in 0..4 {
        users.push(t.user(&format!("u{i}")).await);
    }
    // Handles are u0..u3 but ids start at 1: make mentions hit real handles.
    let groups = vec![
        users[0]
            .create_group("Public A", Visibility::Public, GroupKind::Work)
            .await,
        users[1]
            .create_group("Public B", Visibility::Public, GroupKind::Community)
            .await,
        users[0]
            .create_group("Private C", Visibility::Private, GroupKind::Project)
            .await,
        users[2]
            .create_group("Private D", Visibility::Private, GroupKind::Work)
            .await,
    ];
    users[0].add_member(groups[2], users[1].id).await;
    users[2].add_member(groups[3], users[3].id).await;
    let mut w = World {
        users: users.clone(),
        groups,
        posts: Vec::new(),
        comments: Vec::new(),
        options: Vec::new(),
    };

    // Each user's client syncs now and then; its state at each cursor is kept.
    let mut clients: Vec<(ClientState, Option<String>)> =
        vec![(ClientState::default(), None); users.len()];
    let mut snapshots: Vec<Vec<(ClientState, String)>> = vec![Vec::new(); users.len()];
    for step in 0..240 {
        random_op(&mut w, &mut rng).await;
        if step % 15 == 14 {
            for (i, u) in users.iter().enumerate() {
                if rng.gen_bool(0.6) {
                    let limit = rng.gen_range(1..20);
                    let (changes, cursor) = u.sync_all(clients[i].1.as_deref(), limit).await;
                    clients[i].0.apply(&changes);
                    clients[i].1 = Some(cursor.clone());
                    snapshots[i].push((clients[i].0.clone(), cursor));
                }
            }
        }
    }

    let mut mentioned = 0;
    for (i, u) in users.iter().enumerate() {
        let (want, covered) = expected(u).await;
        assert!(!want.groups.is_empty());
        let mut from_zero = ClientState::default();
        for limit in [3, 500] {
            let (changes, _) = u.sync_all(None, limit).await;
            let mut got = ClientState::default();
            got.apply(&changes);
            assert_eq!(got.mentions_within(&covered), want, "user u{i}: feed from zero (limit {limit}) differs from the direct reads (seed {seed})");
            check_mentions(&got, u, &format!("user u{i} (seed {seed})"));
            from_zero = got;
        }
        mentioned += from_zero.mentions.len();
        // The incremental client, and replays from random earlier cursors:
        // the same state as the feed from zero, mentions included.
        let (changes, _) = u.sync_all(clients[i].1.as_deref(), 50).await;
        clients[i].0.apply(&changes);
        assert_eq!(
            clients[i].0, from_zero,
            "user u{i}: incremental client differs (seed {seed})"
        );
        for _ in 0..3 {
            if let Some((state, cursor)) = snapshots[i].choose(&mut rng).cloned() {
                let mut state = state;
                let (changes, _) = u.sync_all(Some(&cursor), rng.gen_range(1..30)).await;
                state.apply(&changes);
                assert_eq!(
                    state, from_zero,
                    "user u{i}: replay from cursor {cursor} differs (seed {seed})"
                );
            }
        }
    }
    assert!(
        mentioned > 0,
        "the operations mentioned nobody (seed {seed})"
    );
    t.stop().await;
}

#[tokio::test]
async fn a_cursor_older_than_the_kept_tombstones_answers_410() {
    let t = TestServer::start_with(hublot_server::ServerOptions {
        tombstone_retention: std::time::Duration::ZERO,
        prune_interval: std::time::Duration::from_millis(50),
        ..Default::default()
    })
    .await;
    let alice = t.user("alice").await;
    let g = alice
        .create_group("G", Visibility::Public, GroupKind::Work)
        .await;
    let p = alice.create_post(g, "bientôt supprimé").await;
    let (_, old) = alice.sync_all(None, 500).await;
    alice.create_post(g, "another").await;
    alice
        .ok(Method::DELETE, &format!("/v1/posts/{}", p["id"]), None)
        .await;
    // Pruning runs in the background: wait for it (bounded by the test timeout only).
    loop {
        let (status, v) = alice.get(&format!("/v1/sync?since={old}")).await;
        if status == reqwest::StatusCode::GONE {
            assert_eq!(v["error"]["code"], "gone");
            break;
        }
        assert_eq!(status, reqwest::StatusCode::OK);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // A fresh bootstrap's cursor works, and so does syncing from zero.
    let boot = alice.ok(Method::GET, "/v1/bootstrap", None).await;
    let cursor = boot["cursor"].as_str().unwrap();
    let (status, _) = alice.get(&format!("/v1/sync?since={cursor}")).await;
    assert_eq!(status, reqwest::StatusCode::OK);
    let (status, _) = alice.get("/v1/sync").await;
    assert_eq!(status, reqwest::StatusCode::OK);
    // A cursor from the future (another server's) is gone too.
    let (status, _) = alice.get("/v1/sync?since=999999999").await;
    assert_eq!(status, reqwest::StatusCode::GONE);
    t.stop().await;
}

#[tokio::test]
async fn rejoining_a_private_group_brings_back_her_mentions_in_it() {
    let t = TestServer::start().await;
    let alice = t.user("alice").await;
    let bob = t.user("bob").await;
    let g = alice
        .create_group("Privé", Visibility::Private, GroupKind::Project)
        .await;
    alice.add_member(g, bob.id).await;
    let post = alice.create_post(g, "Bonjour @bob, tu relis ?").await;
    let mut client = ClientState::default();
    let (changes, cursor) = bob.sync_all(None, 500).await;
    client.apply(&changes);
    assert_eq!(client.mentions.len(), 1, "{:?}", client.mentions);
    // He leaves: his client forgets the group, the post and the mention.
    bob.ok(Method::POST, &format!("/v1/groups/{g}/leave"), None)
        .await;
    let (changes, cursor) = bob.sync_all(Some(&cursor), 500).await;
    client.apply(&changes);
    assert!(client.mentions.is_empty() && client.posts.is_empty());
    // Added again: the snapshot brings the post and the mention back, as the
    // bootstrap and the feed from zero show them.
    alice.add_member(g, bob.id).await;
    let (changes, _) = bob.sync_all(Some(&cursor), 500).await;
    client.apply(&changes);
    let (_, covered) = expected(&bob).await;
    let boot: hublot_api::Bootstrap =
        serde_json::from_value(bob.ok(Method::GET, "/v1/bootstrap", None).await).unwrap();
    assert!(covered.contains(&post["id"].as_i64().unwrap()));
    assert_eq!(boot.mentions.len(), 1);
    assert_eq!(
        client.mentions.values().cloned().collect::<Vec<_>>(),
        boot.mentions
    );
    let mut from_zero = ClientState::default();
    from_zero.apply(&bob.sync_all(None, 500).await.0);
    assert_eq!(client, from_zero);
    t.stop().await;
}
