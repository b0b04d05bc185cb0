//! Unread counters: maintained by the cache, they must always equal what
//! counting would give, whatever happens (sync, markers, deletions, leaving a
//! group, a group arriving after its posts, a pending "mark read", an upgrade
//! of a cache written by schema version 1).

mod store_support;

use hublot_api::*;
use hublot_core::store::{OutboxOp, Store};
use hublot_core::views::SearchQuery;
use store_support::*;

/// Unread posts of every joined group as the sidebar shows them.
fn shown(store: &Store) -> Vec<(Id, u32)> {
    let mut v: Vec<(Id, u32)> = store
        .groups()
        .unwrap()
        .into_iter()
        .filter(|g| g.joined)
        .map(|g| (g.id, g.unread))
        .collect();
    v.sort_unstable();
    v
}

/// The same, counted from the rows (server markers only).
fn counted(store: &Store) -> Vec<(Id, u32)> {
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT m.group_id, (SELECT COUNT(*) FROM posts p WHERE p.group_id = m.group_id
                 AND p.id > COALESCE((SELECT last_read_post_id FROM read_markers r WHERE r.group_id = m.group_id), 0)
                 AND p.author_id != ?1)
             FROM memberships m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ?1 ORDER BY m.group_id",
        )
        .unwrap();
    stmt.query_map([ME], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn assert_counts(store: &Store, expected: &[(Id, u32)], when: &str) {
    assert_eq!(shown(store), counted(store), "{when}: view vs rows");
    assert_eq!(shown(store), expected, "{when}");
}

#[test]
fn counters_follow_sync_markers_deletions_and_leaving() {
    let (_dir, store) = fresh();
    // WORK: marker 101, 103 unread (104 is mine); PHOTO: 102 and 105.
    assert_counts(&store, &[(WORK, 1), (PHOTO, 2)], "after the bootstrap");

    // New posts by others and by me; an edit of an unread post (rewritten
    // row) does not count it twice.
    let mut edited = post(103, WORK, ELODIE, "Réunion d'équipe à 11h");
    edited.edited_at = Some(5_000);
    store
        .apply_sync(
            &sync(
                vec![
                    Change::Post(post(110, WORK, JEAN, "un")),
                    Change::Post(post(111, WORK, ME, "le mien")),
                    Change::Post(post(112, PHOTO, ELODIE, "deux")),
                    Change::Post(edited),
                ],
                "11",
            ),
            false,
        )
        .unwrap();
    assert_counts(&store, &[(WORK, 2), (PHOTO, 3)], "after new posts");

    // The server moves a marker; a post is deleted.
    store
        .apply_sync(
            &sync(
                vec![
                    Change::ReadMarker(ReadMarker {
                        group_id: PHOTO,
                        last_read_post_id: 105,
                    }),
                    Change::PostRemoved {
                        id: 110,
                        group_id: WORK,
                    },
                ],
                "12",
            ),
            false,
        )
        .unwrap();
    assert_counts(
        &store,
        &[(WORK, 1), (PHOTO, 1)],
        "after a marker and a deletion",
    );

    // A group joined: its posts arrive before the group itself.
    store
        .apply_sync(
            &sync(
                vec![
                    Change::Post(post(120, 13, JEAN, "avant le groupe")),
                    Change::Post(post(121, 13, ELODIE, "avant le groupe aussi")),
                    Change::Group(group(13, "Nouveau")),
                    Change::Membership(membership(13, ME, Role::Member)),
                ],
                "13",
            ),
            false,
        )
        .unwrap();
    assert_counts(
        &store,
        &[(WORK, 1), (PHOTO, 1), (13, 2)],
        "after joining a group",
    );

    // A "mark read" still in the outbox counts at once; sent, it stays.
    store
        .outbox_push(OutboxOp::MarkRead {
            group_id: 13,
            last_read_post_id: 120,
        })
        .unwrap();
    assert_eq!(shown(&store), vec![(WORK, 1), (PHOTO, 1), (13, 1)]);
    let ready = store.outbox_ready().unwrap();
    store
        .outbox_mark_sent(ready[0].id, hublot_core::store::SentOutcome::Done)
        .unwrap();
    assert_counts(
        &store,
        &[(WORK, 1), (PHOTO, 1), (13, 1)],
        "after the marker was sent",
    );

    // Leaving: the group and its posts are purged, the counter with them.
    store
        .apply_sync(&sync(vec![Change::GroupRemoved { id: 13 }], "14"), false)
        .unwrap();
    assert_counts(&store, &[(WORK, 1), (PHOTO, 1)], "after leaving");
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM group_unread WHERE group_id = 13",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);

    // A bootstrap replaces everything.
    store.apply_bootstrap(&bootstrap()).unwrap();
    assert_counts(&store, &[(WORK, 1), (PHOTO, 2)], "after a new bootstrap");
    assert_eq!(store.unread().unwrap().posts, 3);
}

/// A cache written by schema version 1 (per-row FTS triggers, no counters)
/// upgrades on open: counters are computed, old posts stay searchable, and
/// new ones are indexed by the store.
#[test]
fn a_version_1_cache_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/store/migrations/0001_init.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO meta VALUES ('me', '1'), ('cursor', '5');
             INSERT INTO users (id, handle, name, name_folded, job_title, department, site, email, phone, disabled, updated_at)
               VALUES (1, 'marie.dupont', 'Marie Dupont', 'marie dupont', '', '', '', '', NULL, 0, 1),
                      (3, 'jean.martin', 'Jean Martin', 'jean martin', '', '', '', '', NULL, 0, 1);
             INSERT INTO groups VALUES (10, 'Prestations', '', 'public', 'work', 0, 3, 1, 1);
             INSERT INTO memberships VALUES (10, 1, 'member', 1);
             INSERT INTO read_markers VALUES (10, 2);
             INSERT INTO posts (id, client_id, group_id, author_id, body, pinned, comment_count, like_count, liked_by_me, created_at)
               VALUES (1, x'00', 10, 3, 'ancien téléphone', 0, 0, 0, 0, 1),
                      (2, x'01', 10, 3, 'lu', 0, 0, 0, 0, 2),
                      (3, x'02', 10, 3, 'pas lu', 0, 0, 0, 0, 3),
                      (4, x'03', 10, 1, 'le mien', 0, 0, 0, 0, 4),
                      (5, x'04', 10, 3, 'pas lu non plus', 0, 0, 0, 0, 5);",
        )
        .unwrap();
    }
    let (store, report) = Store::open(&path).unwrap();
    assert!(!report.rebuilt);
    assert_eq!(shown(&store), vec![(10, 2)]);
    let search = |text: &str| {
        store
            .search(&SearchQuery {
                text: text.into(),
                group_id: None,
                author_id: None,
                limit: None,
            })
            .unwrap()
            .len()
    };
    assert_eq!(search("telephone"), 1, "posts indexed by version 1");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let words: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM search_terms WHERE term IN ('telephone', 'ancien', 'lu')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(words, 3, "the word list starts from the index of version 1");
    store
        .apply_sync(
            &sync(
                vec![Change::Post(post(6, 10, JEAN, "nouveau téléphone"))],
                "6",
            ),
            false,
        )
        .unwrap();
    assert_eq!(search("telephone"), 2, "posts indexed by the store");
    assert_eq!(shown(&store), vec![(10, 3)]);
    assert!(store.integrity_check().unwrap());
}

/// Posts and comments are indexed at the end of a batch: one rewritten or
/// deleted within the same batch must leave the full-text index exact
/// (`integrity_check` also checks the FTS5 index against its content).
#[test]
fn text_written_and_changed_in_one_batch_is_indexed_exactly() {
    let (_dir, store) = fresh();
    store
        .apply_sync(
            &sync(
                vec![
                    Change::Post(post(130, WORK, JEAN, "brouillon zanzibar")),
                    Change::Post(post(131, WORK, JEAN, "éphémère zanzibar")),
                    Change::Comment(comment(600, 130, WORK, ELODIE, "commentaire zanzibar")),
                    Change::Post(post(130, WORK, JEAN, "version finale")),
                    Change::PostRemoved {
                        id: 131,
                        group_id: WORK,
                    },
                    Change::Comment(comment(601, 130, WORK, ELODIE, "autre zanzibar")),
                    Change::CommentRemoved {
                        id: 601,
                        post_id: 130,
                    },
                ],
                "11",
            ),
            false,
        )
        .unwrap();
    assert!(store.integrity_check().unwrap());
    let find = |text: &str| {
        let mut v: Vec<(Id, Option<Id>)> = store
            .search(&SearchQuery {
                text: text.into(),
                group_id: None,
                author_id: None,
                limit: None,
            })
            .unwrap()
            .into_iter()
            .map(|h| (h.post_id, h.comment_id))
            .collect();
        v.sort_unstable();
        v
    };
    assert_eq!(find("zanzibar"), vec![(130, Some(600))]);
    assert_eq!(find("finale"), vec![(130, None)]);
}
