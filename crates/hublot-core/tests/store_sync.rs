//! Applying what the server sends: bootstrap, sync batches, history pages.

mod store_support;

use hublot_api::*;
use hublot_core::store::{Store, StoreError};
use hublot_core::views::{FeedQuery, SearchQuery};
use store_support::*;

#[test]
fn bootstrap_then_batches_show_in_views() {
    let (_dir, store) = fresh();
    assert_eq!(store.me().unwrap(), Some(ME));
    assert_eq!(store.cursor().unwrap().as_deref(), Some("10"));

    // All joined groups, newest first; OTHER's posts are not in the feed.
    let all = store.feed(&FeedQuery::default()).unwrap();
    assert_eq!(
        ids(&all),
        vec![
            Some(105),
            Some(104),
            Some(103),
            Some(102),
            Some(101),
            Some(100)
        ]
    );
    // One group: pinned first.
    let work = store
        .feed(&FeedQuery {
            group_id: Some(WORK),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ids(&work), vec![Some(100), Some(104), Some(103), Some(101)]);
    assert!(work.posts[0].pinned);
    assert_eq!(work.posts[0].author.name, "Élodie Léger");
    assert_eq!(work.posts[0].author.initials, "ÉL");
    assert_eq!(work.posts[0].group.name, "Prestations");
    assert!(
        work.posts[1].is_mine && !work.posts[1].unread,
        "own posts are never unread"
    );
    assert!(
        work.posts[2].unread && !work.posts[3].unread,
        "unread follows the read marker"
    );
    assert!(
        work.posts.iter().all(|p| p.can_moderate),
        "the user is admin of WORK"
    );

    // A batch: a new post, an update of a known post, a new user.
    let mut edited = post(103, WORK, ELODIE, "Réunion d'équipe déplacée à 11h");
    edited.edited_at = Some(5_000);
    edited.like_count = 4;
    let facts = store
        .apply_sync(
            &sync(
                vec![
                    Change::User(user(4, "luc.petit", "Luc Petit", "Accueil", "Lyon")),
                    Change::Post(post(106, PHOTO, 4, "Bonjour @marie.dupont !")),
                    Change::Post(edited),
                ],
                "11",
            ),
            false,
        )
        .unwrap();
    assert!(!facts.first_sync);
    assert_eq!(
        facts.new_posts.len(),
        1,
        "only 106 is new; 103 was an update"
    );
    assert_eq!(facts.new_posts[0].post_id, 106);
    assert_eq!(facts.new_posts[0].group_name, "Photo");
    assert_eq!(facts.new_posts[0].author_name, "Luc Petit");
    assert!(facts.changed.posts.contains(&103) && facts.changed.people);
    assert_eq!(store.cursor().unwrap().as_deref(), Some("11"));

    let detail = store.post_detail(103).unwrap().unwrap();
    assert_eq!(detail.post.body, "Réunion d'équipe déplacée à 11h");
    assert_eq!(detail.post.like_count, 4);
    let new = store.post_detail(106).unwrap().unwrap();
    assert!(
        new.post.body_html.contains("class=\"mention\""),
        "{}",
        new.post.body_html
    );
    assert!(
        new.post.body_html.contains("hublot://user/1"),
        "{}",
        new.post.body_html
    );
}

#[test]
fn bootstrap_facts_are_first_sync() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("c.sqlite3")).unwrap();
    let facts = store.apply_bootstrap(&bootstrap()).unwrap();
    assert!(facts.first_sync && facts.changed.all);
}

#[test]
fn a_batch_with_a_bad_row_writes_nothing_and_keeps_the_cursor() {
    let (_dir, store) = fresh();
    let before = store.feed(&FeedQuery::default()).unwrap();
    let err = store
        .apply_sync(
            &sync(
                vec![
                    Change::Post(post(200, WORK, JEAN, "d'abord un bon message")),
                    Change::PostRemoved {
                        id: 101,
                        group_id: WORK,
                    },
                    Change::Post(post(0, WORK, JEAN, "puis une ligne invalide")),
                ],
                "12",
            ),
            false,
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert_eq!(store.feed(&FeedQuery::default()).unwrap(), before);
    assert_eq!(store.cursor().unwrap().as_deref(), Some("10"));
    assert!(store.post_detail(200).unwrap().is_none());
    assert!(store.post_detail(101).unwrap().is_some());
    // The same batch without the bad row then applies.
    store
        .apply_sync(
            &sync(vec![Change::Post(post(200, WORK, JEAN, "ok"))], "12"),
            false,
        )
        .unwrap();
    assert!(store.post_detail(200).unwrap().is_some());
}

#[test]
fn a_cursor_going_backwards_is_refused() {
    let (_dir, store) = fresh();
    let err = store
        .apply_sync(
            &sync(vec![Change::Post(post(300, WORK, JEAN, "x"))], "9"),
            false,
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::CursorBackwards { .. }), "{err}");
    assert!(store.post_detail(300).unwrap().is_none());
    assert_eq!(store.cursor().unwrap().as_deref(), Some("10"));
    // Equal is fine (an empty answer).
    store.apply_sync(&sync(vec![], "10"), false).unwrap();
}

#[test]
fn group_removed_purges_the_group_and_everything_in_it() {
    let (_dir, store) = fresh();
    assert_eq!(
        store
            .search(&SearchQuery {
                text: "téléphone".into(),
                ..Default::default()
            })
            .unwrap()
            .len(),
        2
    );
    store
        .apply_sync(&sync(vec![Change::GroupRemoved { id: WORK }], "11"), false)
        .unwrap();
    assert!(store.groups().unwrap().iter().all(|g| g.id != WORK));
    assert!(store.group_detail(WORK).unwrap().is_none());
    for id in [100, 101, 103, 104] {
        assert!(
            store.post_detail(id).unwrap().is_none(),
            "post {id} survived"
        );
    }
    assert!(store
        .search(&SearchQuery {
            text: "téléphone".into(),
            ..Default::default()
        })
        .unwrap()
        .is_empty());
    assert_eq!(
        ids(&store.feed(&FeedQuery::default()).unwrap()),
        vec![Some(105), Some(102)]
    );
    assert_eq!(store.oldest_gap(WORK).unwrap(), None);
    assert!(store.integrity_check().unwrap());
}

#[test]
fn removals_and_reactions_apply() {
    let (_dir, store) = fresh();
    store
        .apply_sync(
            &sync(
                vec![
                    Change::Reaction(Reaction {
                        post_id: 102,
                        group_id: PHOTO,
                        user_id: JEAN,
                        kind: ReactionKind::Like,
                        created_at: 9,
                    }),
                    Change::CommentRemoved {
                        id: 500,
                        post_id: 101,
                    },
                    Change::PostRemoved {
                        id: 105,
                        group_id: PHOTO,
                    },
                ],
                "11",
            ),
            false,
        )
        .unwrap();
    assert_eq!(
        store.post_detail(102).unwrap().unwrap().likers[0].name,
        "Jean Martin"
    );
    assert!(store.post_detail(101).unwrap().unwrap().comments.is_empty());
    assert!(store.post_detail(105).unwrap().is_none());
    store
        .apply_sync(
            &sync(
                vec![Change::ReactionRemoved {
                    post_id: 102,
                    user_id: JEAN,
                    kind: ReactionKind::Like,
                }],
                "12",
            ),
            false,
        )
        .unwrap();
    assert!(store.post_detail(102).unwrap().unwrap().likers.is_empty());
}

#[test]
fn mentions_count_as_unread_and_are_new_once() {
    let (_dir, store) = fresh();
    let m = Mention {
        post_id: 107,
        comment_id: None,
        group_id: WORK,
        author_id: JEAN,
        created_at: 1107,
    };
    let batch = sync(
        vec![
            Change::Post(post(107, WORK, JEAN, "@marie.dupont tu peux regarder ?")),
            Change::Mention(m),
        ],
        "11",
    );
    let facts = store.apply_sync(&batch, false).unwrap();
    assert_eq!(facts.new_mentions.len(), 1);
    assert_eq!(facts.new_mentions[0].author_name, "Jean Martin");
    assert_eq!(
        facts.new_mentions[0].body,
        "@marie.dupont tu peux regarder ?"
    );
    // The same batch again (a retried request) brings nothing new.
    let again = store
        .apply_sync(
            &SyncResponse {
                cursor: "12".into(),
                ..batch
            },
            false,
        )
        .unwrap();
    assert!(again.new_mentions.is_empty() && again.new_posts.is_empty());
    let work = store
        .groups()
        .unwrap()
        .into_iter()
        .find(|g| g.id == WORK)
        .unwrap();
    assert_eq!(work.unread_mentions, 1);
    assert_eq!(work.unread, 2, "103 and 107; 104 is the user's own");
    assert_eq!(store.unread().unwrap().mentions, 1);
}

#[test]
fn history_pages_fill_the_gap() {
    let (_dir, store) = fresh();
    assert_eq!(store.oldest_gap(WORK).unwrap(), Some(100));
    let first = store
        .feed(&FeedQuery {
            group_id: Some(WORK),
            ..Default::default()
        })
        .unwrap();
    assert!(first.more_on_server);
    let page = PostPage {
        posts: vec![
            post(90, WORK, JEAN, "ancien"),
            post(80, WORK, JEAN, "plus ancien"),
        ],
        comments: vec![],
        reactions: vec![],
        next_before: Some(80),
    };
    store.apply_post_page(WORK, &page).unwrap();
    assert_eq!(store.oldest_gap(WORK).unwrap(), Some(80));
    let last = PostPage {
        posts: vec![post(70, WORK, JEAN, "le premier")],
        comments: vec![],
        reactions: vec![],
        next_before: None,
    };
    store.apply_post_page(WORK, &last).unwrap();
    assert_eq!(store.oldest_gap(WORK).unwrap(), None);
    let all = store
        .feed(&FeedQuery {
            group_id: Some(WORK),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        ids(&all),
        vec![
            Some(100),
            Some(104),
            Some(103),
            Some(101),
            Some(90),
            Some(80),
            Some(70)
        ]
    );
    assert!(!all.more_on_server);
}

#[test]
fn feed_pages_by_keyset() {
    let (_dir, store) = fresh();
    let p1 = store
        .feed(&FeedQuery {
            limit: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ids(&p1), vec![Some(105), Some(104)]);
    assert_eq!(p1.next_before, Some(104));
    let p2 = store
        .feed(&FeedQuery {
            before: p1.next_before,
            limit: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ids(&p2), vec![Some(103), Some(102)]);
    let p3 = store
        .feed(&FeedQuery {
            before: p2.next_before,
            limit: Some(10),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ids(&p3), vec![Some(101), Some(100)]);
    assert_eq!(p3.next_before, None);
}

#[test]
fn a_thread_replaces_comments_and_reactions() {
    let (_dir, store) = fresh();
    let mut p = post(101, WORK, JEAN, "Le téléphone du service change lundi");
    p.comment_count = 1;
    let thread = PostThread {
        post: p,
        comments: vec![comment(501, 101, WORK, JEAN, "C'est le 12")],
        reactions: vec![],
    };
    store.apply_thread(&thread).unwrap();
    let d = store.post_detail(101).unwrap().unwrap();
    assert_eq!(d.comments.len(), 1);
    assert_eq!(d.comments[0].id, Some(501));
}

#[test]
fn directory_search_is_accent_insensitive() {
    let (_dir, store) = fresh();
    let q = |text: &str| hublot_core::views::PeopleQuery {
        text: Some(text.into()),
        ..Default::default()
    };
    let r = store.people(&q("elodie leg")).unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.people[0].name, "Élodie Léger");
    assert_eq!(store.people(&q("LÉGER")).unwrap().total, 1);
    let lyon = store
        .people(&hublot_core::views::PeopleQuery {
            site: Some("Lyon".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        lyon.people.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![ME]
    );
    assert_eq!(lyon.sites, vec!["Lille", "Lyon", "Paris"]);
    let dept = store
        .people(&hublot_core::views::PeopleQuery {
            department: Some("Prestations".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(dept.total, 2);
    let m = store.mention_candidates("@elo", 5).unwrap();
    assert_eq!(m.iter().map(|p| p.id).collect::<Vec<_>>(), vec![ELODIE]);
    assert_eq!(store.mention_candidates("mart", 5).unwrap()[0].id, JEAN);
    let profile = store.profile(ELODIE).unwrap().unwrap();
    assert_eq!(profile.person.site, "Paris");
    assert_eq!(
        profile
            .recent_posts
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        vec![Some(103), Some(102), Some(100)]
    );
}
