//! The outbox: what the user does appears at once, survives restarts, and
//! leaves exactly one copy once the server has it.

mod store_support;

use hublot_api::*;
use hublot_core::store::{OutboxOp, SentOutcome, Store, StoreError};
use hublot_core::views::{FeedQuery, OutboxState, SendState};
use store_support::*;

fn create(group_id: Id, body: &str) -> OutboxOp {
    OutboxOp::CreatePost {
        group_id,
        body: body.into(),
        poll: None,
    }
}

#[test]
fn a_pending_post_shows_at_once_and_survives_reopening() {
    let (dir, store) = fresh();
    let entry = store.outbox_push(create(WORK, "Écrit hors ligne")).unwrap();
    let page = store
        .feed(&FeedQuery {
            group_id: Some(WORK),
            ..Default::default()
        })
        .unwrap();
    let first = &page.posts[0];
    assert_eq!(first.id, None);
    assert_eq!(first.key, format!("c{}", entry.client_id));
    assert_eq!(first.send_state, SendState::Pending);
    assert_eq!(first.author.id, ME);
    assert_eq!(first.body, "Écrit hors ligne");
    assert!(first.is_mine);
    // Not on other groups' feeds, but on the all-groups feed.
    let photo = store
        .feed(&FeedQuery {
            group_id: Some(PHOTO),
            ..Default::default()
        })
        .unwrap();
    assert!(photo.posts.iter().all(|p| p.id.is_some()));
    assert_eq!(store.feed(&FeedQuery::default()).unwrap().posts[0].id, None);
    // Not on later pages.
    let later = store
        .feed(&FeedQuery {
            group_id: Some(WORK),
            before: Some(104),
            ..Default::default()
        })
        .unwrap();
    assert!(later.posts.iter().all(|p| p.id.is_some()));

    drop(store);
    let (store, report) = Store::open(&dir.path().join("cache.sqlite3")).unwrap();
    assert!(!report.rebuilt);
    let page = store
        .feed(&FeedQuery {
            group_id: Some(WORK),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.posts[0].client_id, entry.client_id);
    assert_eq!(store.outbox_ready().unwrap(), vec![entry]);
}

#[test]
fn sent_posts_appear_once_and_the_echo_is_deduplicated() {
    let (_dir, store) = fresh();
    let a = store.outbox_push(create(WORK, "premier")).unwrap();
    let b = store.outbox_push(create(WORK, "second")).unwrap();
    // a: the server's answer arrives.
    let mut pa = post(110, WORK, ME, "premier");
    pa.client_id = a.client_id;
    let changed = store
        .outbox_mark_sent(a.id, SentOutcome::Post(pa.clone()))
        .unwrap();
    assert!(changed.outbox && changed.posts.contains(&110));
    // b: the answer was lost, but the sync brings the post (same client_id).
    let mut pb = post(111, WORK, ME, "second");
    pb.client_id = b.client_id;
    let facts = store
        .apply_sync(&sync(vec![Change::Post(pa), Change::Post(pb)], "11"), false)
        .unwrap();
    assert!(facts.changed.outbox);
    assert!(store.outbox_list().unwrap().is_empty());
    let page = store
        .feed(&FeedQuery {
            group_id: Some(WORK),
            ..Default::default()
        })
        .unwrap();
    let bodies: Vec<&str> = page.posts.iter().map(|p| p.body.as_str()).collect();
    assert_eq!(
        bodies.iter().filter(|b| **b == "second").count(),
        1,
        "{bodies:?}"
    );
    assert_eq!(
        bodies.iter().filter(|b| **b == "premier").count(),
        1,
        "{bodies:?}"
    );
    assert!(page.posts.iter().all(|p| p.send_state == SendState::Sent));
    // The sender's late answer for b is not an error and changes nothing.
    store.outbox_mark_sent(b.id, SentOutcome::Done).unwrap();
}

#[test]
fn a_comment_on_a_pending_post_waits_for_it() {
    let (_dir, store) = fresh();
    let p = store.outbox_push(create(WORK, "question")).unwrap();
    let c = store
        .outbox_push(OutboxOp::CreateComment {
            post_id: -p.id,
            body: "précision".into(),
        })
        .unwrap();
    assert_eq!(
        store
            .outbox_ready()
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        vec![p.id]
    );
    let detail = store.post_detail(-p.id).unwrap().unwrap();
    assert_eq!(detail.post.comment_count, 1);
    assert_eq!(detail.comments[0].body, "précision");
    assert_eq!(detail.comments[0].send_state, SendState::Pending);

    let mut sent = post(120, WORK, ME, "question");
    sent.client_id = p.client_id;
    store
        .outbox_mark_sent(p.id, SentOutcome::Post(sent))
        .unwrap();
    let ready = store.outbox_ready().unwrap();
    assert_eq!(ready.len(), 1);
    assert_eq!(ready[0].id, c.id);
    assert_eq!(
        ready[0].op,
        OutboxOp::CreateComment {
            post_id: 120,
            body: "précision".into()
        }
    );
    let detail = store.post_detail(120).unwrap().unwrap();
    assert_eq!(detail.comments.len(), 1);
    assert_eq!(detail.post.comment_count, 1);

    let mut answer = comment(600, 120, WORK, ME, "précision");
    answer.client_id = c.client_id;
    store
        .outbox_mark_sent(c.id, SentOutcome::Comment(answer))
        .unwrap();
    let detail = store.post_detail(120).unwrap().unwrap();
    assert_eq!(detail.comments.len(), 1, "no duplicate of the sent comment");
    assert_eq!(detail.comments[0].id, Some(600));
    assert_eq!(detail.post.comment_count, 1);
}

#[test]
fn likes_votes_follows_and_edits_show_at_once() {
    let (_dir, store) = fresh();
    store
        .outbox_push(OutboxOp::SetLike {
            post_id: 102,
            liked: true,
        })
        .unwrap();
    store
        .outbox_push(OutboxOp::EditPost {
            post_id: 104,
            body: "corrigé".into(),
        })
        .unwrap();
    store
        .outbox_push(OutboxOp::SetFollow {
            group_id: PHOTO,
            following: true,
        })
        .unwrap();
    store
        .outbox_push(OutboxOp::DeletePost { post_id: 105 })
        .unwrap();
    let d = store.post_detail(102).unwrap().unwrap();
    assert!(d.post.liked_by_me);
    assert_eq!(d.post.like_count, 1);
    assert_eq!(d.likers.iter().map(|p| p.id).collect::<Vec<_>>(), vec![ME]);
    let e = store.post_detail(104).unwrap().unwrap();
    assert_eq!(e.post.body, "corrigé");
    assert_eq!(e.post.send_state, SendState::Pending);
    assert!(store.followed_groups().unwrap().contains(&PHOTO));
    assert!(
        store.post_detail(105).unwrap().is_none(),
        "a post being deleted is hidden"
    );
    assert!(store
        .feed(&FeedQuery::default())
        .unwrap()
        .posts
        .iter()
        .all(|p| p.id != Some(105)));

    // A second like toggle replaces the first queued one.
    store
        .outbox_push(OutboxOp::SetLike {
            post_id: 102,
            liked: false,
        })
        .unwrap();
    assert_eq!(store.outbox_list().unwrap().len(), 4);
    assert!(!store.post_detail(102).unwrap().unwrap().post.liked_by_me);

    // Once sent, the cache keeps the effect (no flicker until the next sync).
    let like = store
        .outbox_push(OutboxOp::SetLike {
            post_id: 102,
            liked: true,
        })
        .unwrap();
    store.outbox_mark_sent(like.id, SentOutcome::Done).unwrap();
    let d = store.post_detail(102).unwrap().unwrap();
    assert!(d.post.liked_by_me && d.post.like_count == 1);
}

#[test]
fn poll_votes_show_as_pending() {
    let (_dir, store) = fresh();
    let mut p = post(130, WORK, JEAN, "Quel jour ?");
    p.poll = Some(Poll {
        question: "Quel jour ?".into(),
        multiple: false,
        closes_at: None,
        options: vec![
            PollOption {
                id: 1,
                label: "Lundi".into(),
                votes: 1,
            },
            PollOption {
                id: 2,
                label: "Mardi".into(),
                votes: 0,
            },
        ],
        voters: 1,
        my_votes: vec![],
    });
    store
        .apply_sync(&sync(vec![Change::Post(p)], "11"), false)
        .unwrap();
    store
        .outbox_push(OutboxOp::Vote {
            post_id: 130,
            option_ids: vec![2],
        })
        .unwrap();
    let poll = store.post_detail(130).unwrap().unwrap().post.poll.unwrap();
    assert!(poll.vote_pending);
    assert!(poll.options[1].chosen && !poll.options[0].chosen);
    assert_eq!(poll.options[0].percent, 100.0);
}

#[test]
fn mark_read_lowers_unread_counts() {
    let (_dir, store) = fresh();
    let before = store.unread().unwrap();
    assert_eq!(before.posts, 3, "103 in WORK, 102 and 105 in PHOTO");
    store
        .outbox_push(OutboxOp::MarkRead {
            group_id: WORK,
            last_read_post_id: 104,
        })
        .unwrap();
    let work = store
        .groups()
        .unwrap()
        .into_iter()
        .find(|g| g.id == WORK)
        .unwrap();
    assert_eq!(work.unread, 0);
    assert_eq!(store.unread().unwrap().posts, 2);
    let ready = store.outbox_ready().unwrap();
    store
        .outbox_mark_sent(ready[0].id, SentOutcome::Done)
        .unwrap();
    assert_eq!(
        store.unread().unwrap().posts,
        2,
        "the sent marker is kept in the cache"
    );
}

#[test]
fn failed_items_stay_visible_until_retried_or_discarded() {
    let (_dir, store) = fresh();
    let e = store.outbox_push(create(WORK, "refusé")).unwrap();
    store.outbox_note_attempt(e.id, "connection reset").unwrap();
    assert_eq!(store.outbox_ready().unwrap()[0].attempts, 1);
    store.outbox_mark_failed(e.id, "group is archived").unwrap();
    assert!(store.outbox_ready().unwrap().is_empty());
    let list = store.outbox_list().unwrap();
    assert_eq!(
        list[0].state,
        OutboxState::Failed {
            reason: "group is archived".into()
        }
    );
    let first = store
        .feed(&FeedQuery {
            group_id: Some(WORK),
            ..Default::default()
        })
        .unwrap()
        .posts
        .remove(0);
    assert_eq!(
        first.send_state,
        SendState::Failed {
            reason: "group is archived".into(),
            outbox_id: e.id
        }
    );
    store.outbox_edit(e.id, "refusé, corrigé").unwrap();
    store.outbox_retry(e.id).unwrap();
    assert_eq!(
        store.outbox_ready().unwrap()[0].op,
        create(WORK, "refusé, corrigé")
    );
    store.outbox_discard(e.id).unwrap();
    assert!(store.outbox_list().unwrap().is_empty());
    assert!(store
        .feed(&FeedQuery {
            group_id: Some(WORK),
            ..Default::default()
        })
        .unwrap()
        .posts[0]
        .id
        .is_some());
    assert!(matches!(
        store.outbox_retry(e.id),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn limits_are_checked_before_queueing() {
    let (_dir, store) = fresh();
    let long = "x".repeat(limits::MAX_POST_CHARS + 1);
    let err = store.outbox_push(create(WORK, &long)).unwrap_err();
    assert!(err.to_string().contains("too long"), "{err}");
    assert!(matches!(
        store.outbox_push(create(WORK, "  ")),
        Err(StoreError::Invalid(_))
    ));
    let bad_poll = OutboxOp::CreatePost {
        group_id: WORK,
        body: "sondage".into(),
        poll: Some(NewPoll {
            question: "?".into(),
            options: vec!["seule".into()],
            multiple: false,
            closes_at: None,
        }),
    };
    assert!(matches!(
        store.outbox_push(bad_poll),
        Err(StoreError::Invalid(_))
    ));
    assert!(store.outbox_list().unwrap().is_empty());
}

#[test]
fn a_rebootstrap_keeps_the_outbox_settings_and_raised() {
    let (_dir, store) = fresh();
    store.outbox_push(create(PHOTO, "gardé")).unwrap();
    store.set_setting("notifications", &vec![1, 2]).unwrap();
    store.record_raised(&[102, 105]).unwrap();
    store.apply_bootstrap(&bootstrap()).unwrap();
    assert_eq!(store.outbox_list().unwrap().len(), 1);
    assert_eq!(
        store.get_setting::<Vec<i32>>("notifications").unwrap(),
        Some(vec![1, 2])
    );
    assert_eq!(store.get_setting::<Vec<i32>>("missing").unwrap(), None);
    let raised = store.raised_filter(&[101, 102, 105]).unwrap();
    assert!(raised.contains(&102) && raised.contains(&105) && !raised.contains(&101));
}
