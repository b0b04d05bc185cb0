//! Full-text search: accents, case, prefixes, filters, escaped snippets.

mod store_support;

use hublot_api::*;
use hublot_core::views::{HitKind, SearchQuery};
use store_support::*;

fn q(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        ..Default::default()
    }
}

#[test]
fn search_ignores_accents_and_case() {
    let (_dir, store) = fresh();
    for text in ["telephone", "TÉLÉPHONE", "Telephone", "téléphone"] {
        let hits = store.search(&q(text)).unwrap();
        let mut found: Vec<(HitKind, Id)> = hits.iter().map(|h| (h.kind, h.post_id)).collect();
        found.sort_by_key(|f| f.1);
        assert_eq!(found.len(), 2, "{text}: {found:?}");
        assert!(
            found.contains(&(HitKind::Post, 101)) && found.contains(&(HitKind::Comment, 101)),
            "{text}"
        );
    }
    let comment = store.search(&q("numero")).unwrap();
    assert_eq!(comment[0].comment_id, Some(500));
    assert_eq!(comment[0].author.name, "Élodie Léger");
    assert_eq!(comment[0].group.name, "Prestations");
}

#[test]
fn the_last_word_matches_as_a_prefix() {
    let (_dir, store) = fresh();
    assert_eq!(store.search(&q("télé")).unwrap().len(), 2);
    assert_eq!(store.search(&q("service chang")).unwrap().len(), 1);
    // Only the last word is a prefix.
    assert!(store.search(&q("serv change")).unwrap().is_empty());
    assert!(store.search(&q("introuvable")).unwrap().is_empty());
    // Operators and quotes typed by the user are plain words.
    assert!(store.search(&q("\"OR NEAR( *")).unwrap().is_empty());
}

#[test]
fn filters_by_group_and_author() {
    let (_dir, store) = fresh();
    store
        .apply_sync(
            &sync(
                vec![Change::Post(post(
                    140,
                    PHOTO,
                    JEAN,
                    "Un téléphone perdu au club photo",
                ))],
                "11",
            ),
            false,
        )
        .unwrap();
    assert_eq!(store.search(&q("telephone")).unwrap().len(), 3);
    let in_photo = store
        .search(&SearchQuery {
            group_id: Some(PHOTO),
            ..q("telephone")
        })
        .unwrap();
    assert_eq!(
        in_photo.iter().map(|h| h.post_id).collect::<Vec<_>>(),
        vec![140]
    );
    let by_elodie = store
        .search(&SearchQuery {
            author_id: Some(ELODIE),
            ..q("telephone")
        })
        .unwrap();
    assert_eq!(by_elodie.len(), 1);
    assert_eq!(by_elodie[0].kind, HitKind::Comment);
    // Newest first.
    let all = store.search(&q("telephone")).unwrap();
    assert!(all.windows(2).all(|w| w[0].created_at >= w[1].created_at));
}

#[test]
fn snippets_are_escaped_with_only_matches_marked() {
    let (_dir, store) = fresh();
    let body = "Attention <script>alert('x')</script> au téléphone & au <b>fax</b>";
    store
        .apply_sync(
            &sync(vec![Change::Post(post(150, WORK, JEAN, body))], "11"),
            false,
        )
        .unwrap();
    let hit = store
        .search(&SearchQuery {
            author_id: Some(JEAN),
            group_id: Some(WORK),
            ..q("fax")
        })
        .unwrap();
    let s = &hit[0].snippet_html;
    assert!(s.contains("&lt;script&gt;"), "{s}");
    assert!(!s.contains("<script") && !s.contains("<b>"), "{s}");
    assert!(s.contains("&amp;"), "{s}");
    assert!(s.contains("<mark>fax</mark>"), "{s}");
    assert_eq!(s.matches("<mark>").count(), 1, "{s}");
}

#[test]
fn edits_and_deletions_keep_the_index_in_step() {
    let (_dir, store) = fresh();
    let edited = post(101, WORK, JEAN, "Le fax du service change lundi");
    store
        .apply_sync(
            &sync(
                vec![
                    Change::Post(edited),
                    Change::CommentRemoved {
                        id: 500,
                        post_id: 101,
                    },
                ],
                "11",
            ),
            false,
        )
        .unwrap();
    assert!(store.search(&q("telephone")).unwrap().is_empty());
    assert_eq!(store.search(&q("fax")).unwrap().len(), 1);
    assert!(store.integrity_check().unwrap());
}

/// A word being typed completes to the words of the index (from posts and
/// comments, accents folded), and to many of them when it is short.
#[test]
fn a_word_being_typed_completes_to_every_matching_word() {
    let (_dir, store) = fresh();
    let mut changes = vec![
        Change::Post(post(120, WORK, JEAN, "Télétravail le lundi")),
        Change::Post(post(121, WORK, JEAN, "Téléphones neufs")),
        Change::Comment(comment(600, 120, WORK, ELODIE, "Télescope prêté")),
    ];
    // More words starting with "t" than the store completes itself: FTS5's
    // own prefix query answers then.
    for i in 0..80 {
        changes.push(Change::Post(post(
            200 + i,
            PHOTO,
            JEAN,
            &format!("t{i}x photo"),
        )));
    }
    store.apply_sync(&sync(changes, "11"), false).unwrap();
    let found = |text: &str| {
        let mut v: Vec<(Id, Option<Id>)> = store
            .search(&q(text))
            .unwrap()
            .into_iter()
            .map(|h| (h.post_id, h.comment_id))
            .collect();
        v.sort_unstable();
        v
    };
    assert_eq!(
        found("tele"),
        vec![
            (101, None),
            (101, Some(500)),
            (120, None),
            (120, Some(600)),
            (121, None)
        ]
    );
    assert_eq!(found("lundi télét"), vec![(120, None)]);
    let t7: Vec<Id> = found("photo t7").into_iter().map(|h| h.0).collect();
    assert_eq!(t7, [207].into_iter().chain(270..280).collect::<Vec<Id>>());
    assert_eq!(found("t").len(), 50, "a page of the many words in t");
}
