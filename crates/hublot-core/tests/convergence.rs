//! Convergence: several users act on the real server at random (posts with
//! polls, edits, deletions, comments, likes, votes, joins and leaves of
//! public and private groups) while one user's session syncs at random
//! moments; at the end the cache equals what the server shows that user,
//! compared through the API's read endpoints.

mod net_support;

use std::collections::{BTreeMap, BTreeSet};

use hublot_api::{CreateComment, CreatePost, GroupKind, Id, NewPoll, Role, Visibility};
use hublot_core::client::ApiClient;
use hublot_core::views::FeedQuery;
use net_support::*;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

/// What a post looks like, as compared.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    body: String,
    likes: u32,
    comments: u32,
    liked_by_me: bool,
    votes: Vec<(Id, u32)>,
}

async fn is_member(client: &ApiClient, g: Id, user: Id) -> bool {
    match client.members(g).await {
        Ok(m) => m.iter().any(|m| m.user_id == user),
        Err(_) => false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cache_converges_to_what_the_server_shows() {
    let srv = server(200).await;
    let (demo, token, me) = login(&srv.url, "demo").await;
    let dir = tempfile::tempdir().unwrap();
    let s = session(&srv.url, &token, dir.path());
    s.sync_once().await.unwrap();
    // Later passes read the feed in many small batches, each asked for while
    // the one before is written: none may be lost, repeated or reordered.
    s.set_sync_batch(7);

    let groups = demo.groups().await.unwrap();
    let public: Vec<Id> = groups
        .iter()
        .filter(|g| {
            g.visibility == Visibility::Public && !g.archived && g.kind != GroupKind::Announcement
        })
        .map(|g| g.id)
        .take(6)
        .collect();
    assert!(public.len() >= 3);
    // A private group of demo's, and one of its admins other than demo.
    let mut private = None;
    for g in groups
        .iter()
        .filter(|g| g.visibility == Visibility::Private && !g.archived)
    {
        let members = demo.members(g.id).await.unwrap();
        if let Some(admin) = members
            .iter()
            .find(|m| m.role == Role::Admin && m.user_id != me.id)
        {
            private = Some((g.id, admin.user_id));
            break;
        }
    }
    let (private_group, admin_id) = private.expect("demo is in a private group with another admin");
    let admin_handle = demo.user(admin_id).await.unwrap().handle;
    let (admin, _, _) = login(&srv.url, &admin_handle).await;

    let mut actors = vec![(demo.clone(), me.id)];
    for h in other_handles(&demo, 3).await {
        let (c, _, u) = login(&srv.url, &h).await;
        actors.push((c, u.id));
    }
    for (c, _) in &actors {
        for g in &public {
            let _ = c.set_membership(*g, true).await;
        }
    }

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let mut posts: Vec<(Id, Id)> = Vec::new(); // (post, author)
    let mut polls: Vec<(Id, Vec<Id>)> = Vec::new();
    let mut comments: Vec<(Id, Id)> = Vec::new(); // (comment, author)
    for step in 0..160 {
        let (c, uid) = actors.choose(&mut rng).unwrap().clone();
        match rng.gen_range(0..12) {
            0..=2 => {
                let g = *public.choose(&mut rng).unwrap();
                let poll = rng.gen_bool(0.3).then(|| NewPoll {
                    question: format!("Question {step} ?"),
                    options: vec!["Oui".into(), "Non".into(), "Peut-être".into()],
                    multiple: rng.gen_bool(0.5),
                    closes_at: None,
                });
                let mention = if rng.gen_bool(0.2) { " @demo" } else { "" };
                if let Ok(p) = c
                    .create_post(&CreatePost {
                        client_id: uuid::Uuid::new_v4(),
                        group_id: g,
                        body: format!("Message {step}{mention}"),
                        poll,
                    })
                    .await
                {
                    if let Some(poll) = &p.poll {
                        polls.push((p.id, poll.options.iter().map(|o| o.id).collect()));
                    }
                    posts.push((p.id, uid));
                }
            }
            3 => {
                if let Some((p, _)) = posts
                    .iter()
                    .filter(|(_, a)| *a == uid)
                    .collect::<Vec<_>>()
                    .choose(&mut rng)
                {
                    let _ = c.edit_post(*p, &format!("Message modifié {step}")).await;
                }
            }
            4 => {
                if let Some(&(p, _)) = posts
                    .iter()
                    .filter(|(_, a)| *a == uid)
                    .collect::<Vec<_>>()
                    .choose(&mut rng)
                {
                    let _ = c.delete_post(*p).await;
                }
            }
            5 | 6 => {
                if let Some(&(p, _)) = posts.choose(&mut rng) {
                    if let Ok(cm) = c
                        .create_comment(
                            p,
                            &CreateComment {
                                client_id: uuid::Uuid::new_v4(),
                                body: format!("Réponse {step}"),
                            },
                        )
                        .await
                    {
                        comments.push((cm.id, uid));
                    }
                }
            }
            7 => {
                if let Some(&(cm, _)) = comments
                    .iter()
                    .filter(|(_, a)| *a == uid)
                    .collect::<Vec<_>>()
                    .choose(&mut rng)
                {
                    if rng.gen_bool(0.5) {
                        let _ = c
                            .edit_comment(*cm, &format!("Réponse modifiée {step}"))
                            .await;
                    } else {
                        let _ = c.delete_comment(*cm).await;
                    }
                }
            }
            8 => {
                if let Some(&(p, _)) = posts.choose(&mut rng) {
                    let _ = c
                        .set_reaction(p, hublot_api::ReactionKind::Like, rng.gen_bool(0.7))
                        .await;
                }
            }
            9 => {
                if let Some((p, opts)) = polls.choose(&mut rng) {
                    let _ = c.vote(*p, &[*opts.choose(&mut rng).unwrap()]).await;
                }
            }
            10 => {
                // Demo leaves her private group, or its admin invites her back.
                if is_member(&admin, private_group, me.id).await {
                    let _ = demo.set_membership(private_group, false).await;
                } else {
                    let _ = admin.add_member(private_group, me.id, Role::Member).await;
                }
            }
            _ => {
                let g = *public.choose(&mut rng).unwrap();
                let _ = demo.set_membership(g, rng.gen_bool(0.5)).await;
            }
        }
        if rng.gen_bool(0.2) {
            s.sync_once().await.unwrap();
        }
    }
    s.sync_once().await.unwrap();

    // Compare group by group.
    let visible = demo.groups().await.unwrap();
    let cached_groups = s.store().groups().unwrap();
    let cached_ids: BTreeSet<Id> = cached_groups.iter().map(|g| g.id).collect();
    let visible_ids: BTreeSet<Id> = visible.iter().map(|g| g.id).collect();
    assert_eq!(
        cached_ids, visible_ids,
        "the cache lists the groups the server shows"
    );
    let private_member = is_member(&admin, private_group, me.id).await;
    assert_eq!(cached_ids.contains(&private_group), private_member);

    for g in &visible {
        let member = is_member(&demo, g.id, me.id).await;
        let cached = cached_groups.iter().find(|c| c.id == g.id).unwrap();
        assert_eq!(cached.joined, member, "membership of group {}", g.id);
        if !member {
            continue;
        }
        let mut server: BTreeMap<Id, Shape> = BTreeMap::new();
        for p in server_posts(&demo, g.id).await {
            server.insert(
                p.id,
                Shape {
                    body: p.body,
                    likes: p.like_count,
                    comments: p.comment_count,
                    liked_by_me: p.liked_by_me,
                    votes: p
                        .poll
                        .map(|pl| pl.options.iter().map(|o| (o.id, o.votes)).collect())
                        .unwrap_or_default(),
                },
            );
        }
        let mut cache: BTreeMap<Id, Shape> = BTreeMap::new();
        let mut before = None;
        loop {
            let page = s
                .store()
                .feed(&FeedQuery {
                    group_id: Some(g.id),
                    before,
                    limit: Some(200),
                })
                .unwrap();
            for p in page.posts {
                let Some(id) = p.id else { continue };
                cache.insert(
                    id,
                    Shape {
                        body: p.body,
                        likes: p.like_count,
                        comments: p.comment_count,
                        liked_by_me: p.liked_by_me,
                        votes: p
                            .poll
                            .map(|pl| pl.options.iter().map(|o| (o.id, o.votes)).collect())
                            .unwrap_or_default(),
                    },
                );
            }
            match page.next_before {
                Some(b) => before = Some(b),
                None => break,
            }
        }
        // The cache may lack old history (gaps); what it holds must match.
        let oldest_cached = cache.keys().next().copied();
        let expected: BTreeMap<&Id, &Shape> = server
            .iter()
            .filter(|(id, _)| {
                oldest_cached.is_some_and(|o| **id >= o)
                    || s.store().oldest_gap(g.id).unwrap().is_none()
            })
            .collect();
        let got: BTreeMap<&Id, &Shape> = cache.iter().collect();
        assert_eq!(got, expected, "posts of group {} ({})", g.id, g.name);
        for id in cache.keys() {
            let thread = demo.thread(*id).await.unwrap();
            let detail = s.store().post_detail(*id).unwrap().unwrap();
            let want: Vec<(Id, String)> = thread
                .comments
                .iter()
                .map(|c| (c.id, c.body.clone()))
                .collect();
            let have: Vec<(Id, String)> = detail
                .comments
                .iter()
                .filter_map(|c| c.id.map(|i| (i, c.body.clone())))
                .collect();
            assert_eq!(have, want, "comments of post {id}");
        }
    }
    assert!(s.store().integrity_check().unwrap());
}
