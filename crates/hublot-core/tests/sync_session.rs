//! The session end to end against the real reference server over loopback:
//! first sync, the outbox round trip, permanent refusals, and live updates
//! woken by the event stream with notifications.

mod net_support;

use std::time::Duration;

use hublot_api::{CreatePost, Visibility};
use hublot_core::views::{FeedQuery, GroupView, OutboxState, SendState, SyncState};
use net_support::*;
use tokio::sync::broadcast::error::TryRecvError;

fn joined_writable(groups: &[GroupView]) -> Vec<&GroupView> {
    groups
        .iter()
        .filter(|g| g.joined && !g.archived && g.kind != hublot_api::GroupKind::Announcement)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_sync_fills_the_cache_and_raises_nothing() {
    let srv = server(400).await;
    let (_c, token, me) = login(&srv.url, "demo").await;
    let dir = tempfile::tempdir().unwrap();
    let s = session(&srv.url, &token, dir.path());
    let mut notes = s.subscribe_notifications();
    let report = s.sync_once().await.unwrap();
    assert!(report.changes > 0);
    assert_eq!(s.store().me().unwrap(), Some(me.id));
    assert!(s.store().cursor().unwrap().is_some());
    let groups = s.store().groups().unwrap();
    assert!(
        !joined_writable(&groups).is_empty(),
        "demo is a member of writable groups"
    );
    let feed = s.store().feed(&FeedQuery::default()).unwrap();
    assert!(!feed.posts.is_empty(), "the feed shows cached posts");
    assert!(
        matches!(notes.try_recv(), Err(TryRecvError::Empty)),
        "no notification on the first sync"
    );
    // A second sync finds nothing new and raises nothing either.
    let again = s.sync_once().await.unwrap();
    assert_eq!(again.sent, 0);
    assert!(matches!(notes.try_recv(), Err(TryRecvError::Empty)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_reaches_the_server_exactly_once_and_refusals_stay_visible() {
    let srv = server(300).await;
    let (client, token, me) = login(&srv.url, "demo").await;
    let dir = tempfile::tempdir().unwrap();
    let s = session(&srv.url, &token, dir.path());
    s.sync_once().await.unwrap();
    let groups = s.store().groups().unwrap();
    let g = joined_writable(&groups)[0].id;
    let existing = s
        .store()
        .feed(&FeedQuery {
            group_id: Some(g),
            before: None,
            limit: Some(5),
        })
        .unwrap()
        .posts
        .into_iter()
        .find_map(|p| p.id)
        .expect("a cached post to comment");

    // Written offline-first: visible at once, pending.
    let entry = s
        .create_post(g, "Réunion **jeudi** à 10 h".into(), None)
        .unwrap();
    let pending = s
        .store()
        .feed(&FeedQuery {
            group_id: Some(g),
            before: None,
            limit: Some(50),
        })
        .unwrap();
    let mine = pending
        .posts
        .iter()
        .find(|p| p.client_id == entry.client_id)
        .expect("pending post shown");
    assert_eq!(mine.send_state, SendState::Pending);
    s.create_comment(existing, "D'accord".into()).unwrap();
    s.set_like(existing, true).unwrap();

    let report = s.sync_once().await.unwrap();
    assert_eq!(report.sent, 3);
    assert_eq!(report.failed, 0);
    assert!(s.store().outbox_list().unwrap().is_empty());

    // On the server, once.
    let posts = server_posts(&client, g).await;
    assert_eq!(
        posts
            .iter()
            .filter(|p| p.client_id == entry.client_id)
            .count(),
        1
    );
    let thread = client.thread(existing).await.unwrap();
    assert!(thread
        .comments
        .iter()
        .any(|c| c.author_id == me.id && c.body == "D'accord"));
    assert!(thread.post.liked_by_me);
    // In the cache, sent.
    let feed = s
        .store()
        .feed(&FeedQuery {
            group_id: Some(g),
            before: None,
            limit: Some(50),
        })
        .unwrap();
    let sent: Vec<_> = feed
        .posts
        .iter()
        .filter(|p| p.client_id == entry.client_id)
        .collect();
    assert_eq!(
        sent.len(),
        1,
        "no duplicate between the local echo and the server copy"
    );
    assert_eq!(sent[0].send_state, SendState::Sent);

    // A post in a group demo may not write to is refused for good, kept, visible.
    let not_member = groups
        .iter()
        .find(|gr| !gr.joined && gr.visibility == Visibility::Public)
        .expect("a public group demo has not joined");
    let refused = s
        .create_post(not_member.id, "Bonjour".into(), None)
        .unwrap();
    let report = s.sync_once().await.unwrap();
    assert_eq!(report.failed, 1);
    let outbox = s.store().outbox_list().unwrap();
    let item = outbox
        .iter()
        .find(|i| i.id == refused.id)
        .expect("refused item kept");
    assert!(matches!(&item.state, OutboxState::Failed { reason } if !reason.is_empty()));
    s.discard_outbox(refused.id).unwrap();
    assert!(s.store().outbox_list().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_by_someone_else_arrives_live_and_is_notified_once() {
    let srv = server(300).await;
    let (client, token, _me) = login(&srv.url, "demo").await;
    let dir = tempfile::tempdir().unwrap();
    let s = session(&srv.url, &token, dir.path());
    s.sync_once().await.unwrap();
    let groups = s.store().groups().unwrap();
    let followed = groups
        .iter()
        .find(|g| {
            g.following
                && g.visibility == Visibility::Public
                && !g.archived
                && g.kind != hublot_api::GroupKind::Announcement
        })
        .expect("demo follows a public group")
        .id;
    let quiet = groups
        .iter()
        .find(|g| {
            !g.following
                && g.visibility == Visibility::Public
                && !g.archived
                && g.kind != hublot_api::GroupKind::Announcement
        })
        .expect("a public group demo does not follow")
        .id;

    let mut notes = s.subscribe_notifications();
    let mut status = s.status();
    s.start();
    tokio::time::timeout(
        Duration::from_secs(60),
        status.wait_for(|st| st.state == SyncState::Online),
    )
    .await
    .expect("online")
    .unwrap();

    let other = other_handles(&client, 1).await.remove(0);
    let (oc, _, _) = login(&srv.url, &other).await;
    for g in [followed, quiet] {
        let _ = oc.set_membership(g, true).await;
    }
    let post = oc
        .create_post(&CreatePost {
            client_id: uuid::Uuid::new_v4(),
            group_id: followed,
            body: "Nouvelle **note** de service".into(),
            poll: None,
        })
        .await
        .unwrap();
    let got = tokio::time::timeout(Duration::from_secs(60), notes.recv())
        .await
        .expect("notified")
        .unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].post_id, Some(post.id));
    assert!(
        got[0].body.contains("Nouvelle note de service"),
        "{}",
        got[0].body
    );

    // A mention in a group not followed is notified as a mention.
    let mention = oc
        .create_post(&CreatePost {
            client_id: uuid::Uuid::new_v4(),
            group_id: quiet,
            body: "Merci @demo pour le dossier".into(),
            poll: None,
        })
        .await
        .unwrap();
    let got = tokio::time::timeout(Duration::from_secs(60), notes.recv())
        .await
        .expect("notified")
        .unwrap();
    assert!(
        got.iter()
            .any(|n| n.mention && n.post_id == Some(mention.id)),
        "{got:?}"
    );

    // A restart never raises them again.
    s.shutdown().await;
    drop(s);
    let s2 = session(&srv.url, &token, dir.path());
    let mut notes2 = s2.subscribe_notifications();
    s2.sync_once().await.unwrap();
    assert!(matches!(notes2.try_recv(), Err(TryRecvError::Empty)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_history_brings_every_post_not_only_the_recent_ones() {
    let srv = server(3000).await;
    let (client, token, _me) = login(&srv.url, "demo").await;
    let dir = tempfile::tempdir().unwrap();
    let s = session(&srv.url, &token, dir.path());
    s.set_full_history(true);
    s.sync_once().await.unwrap();
    let groups = s.store().groups().unwrap();
    let mut busiest = (0, Vec::new());
    for g in groups.iter().filter(|g| g.joined) {
        let posts = server_posts(&client, g.id).await;
        if posts.len() > busiest.1.len() {
            busiest = (g.id, posts);
        }
    }
    let (g, on_server) = busiest;
    assert!(
        on_server.len() > 50,
        "the bootstrap alone would bring 50 posts of the group; the test needs more ({})",
        on_server.len()
    );
    let cached = s
        .store()
        .feed(&FeedQuery {
            group_id: Some(g),
            before: None,
            limit: Some(200),
        })
        .unwrap();
    let mut n = cached.posts.len();
    let mut before = cached.next_before;
    while let Some(b) = before {
        let page = s
            .store()
            .feed(&FeedQuery {
                group_id: Some(g),
                before: Some(b),
                limit: Some(200),
            })
            .unwrap();
        n += page.posts.len();
        before = page.next_before;
    }
    assert_eq!(n, on_server.len());
    // Later syncs continue from the stored cursor.
    assert!(s.store().cursor().unwrap().is_some());
    assert_eq!(s.sync_once().await.unwrap().changes, 0);
}
