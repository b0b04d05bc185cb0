//! A small organisation to fill caches with, shared by the store tests.
#![allow(dead_code)]

use hublot_api::*;
use hublot_core::store::Store;
use uuid::Uuid;

/// The signed-in user.
pub const ME: Id = 1;
/// Another user, with accents in her name.
pub const ELODIE: Id = 2;
/// A third user.
pub const JEAN: Id = 3;
/// Joined work group.
pub const WORK: Id = 10;
/// Joined community group.
pub const PHOTO: Id = 11;
/// A public group the user has not joined.
pub const OTHER: Id = 12;

pub fn user(id: Id, handle: &str, name: &str, dept: &str, site: &str) -> User {
    User {
        id,
        handle: handle.into(),
        name: name.into(),
        job_title: "Gestionnaire".into(),
        department: dept.into(),
        site: site.into(),
        email: format!("{handle}@example.org"),
        phone: None,
        disabled: false,
        updated_at: 1,
    }
}

pub fn group(id: Id, name: &str) -> Group {
    Group {
        id,
        name: name.into(),
        description: String::new(),
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        archived: false,
        member_count: 3,
        created_at: 1,
        updated_at: 1,
    }
}

pub fn post(id: Id, group_id: Id, author_id: Id, body: &str) -> Post {
    Post {
        id,
        client_id: Uuid::new_v4(),
        group_id,
        author_id,
        body: body.into(),
        pinned: false,
        poll: None,
        comment_count: 0,
        like_count: 0,
        liked_by_me: false,
        created_at: 1_000 + id,
        edited_at: None,
    }
}

pub fn comment(id: Id, post_id: Id, group_id: Id, author_id: Id, body: &str) -> Comment {
    Comment {
        id,
        client_id: Uuid::new_v4(),
        post_id,
        group_id,
        author_id,
        body: body.into(),
        created_at: 2_000 + id,
        edited_at: None,
    }
}

pub fn membership(group_id: Id, user_id: Id, role: Role) -> Membership {
    Membership {
        group_id,
        user_id,
        role,
        joined_at: 1,
    }
}

/// Three users, three groups (two joined), posts 100..=105, a comment, a
/// pinned post in WORK, and cursor "10".
pub fn bootstrap() -> Bootstrap {
    let me = user(ME, "marie.dupont", "Marie Dupont", "Prestations", "Lyon");
    let mut pinned = post(100, WORK, ELODIE, "Règlement intérieur (épinglé)");
    pinned.pinned = true;
    Bootstrap {
        me: me.clone(),
        users: vec![
            me,
            user(
                ELODIE,
                "elodie.leger",
                "Élodie Léger",
                "Informatique",
                "Paris",
            ),
            user(JEAN, "jean.martin", "Jean Martin", "Prestations", "Lille"),
        ],
        groups: vec![
            group(WORK, "Prestations"),
            group(PHOTO, "Photo"),
            group(OTHER, "Autre"),
        ],
        memberships: vec![
            membership(WORK, ME, Role::Admin),
            membership(WORK, ELODIE, Role::Member),
            membership(PHOTO, ME, Role::Member),
            membership(OTHER, JEAN, Role::Member),
        ],
        follows: vec![Follow {
            group_id: WORK,
            following: true,
        }],
        read_markers: vec![ReadMarker {
            group_id: WORK,
            last_read_post_id: 101,
        }],
        posts: vec![
            pinned,
            post(101, WORK, JEAN, "Le téléphone du service change lundi"),
            post(102, PHOTO, ELODIE, "Sortie photo samedi"),
            post(103, WORK, ELODIE, "Réunion d'équipe à 10h"),
            post(104, WORK, ME, "Mon propre message"),
            post(105, PHOTO, JEAN, "Expo au musée"),
        ],
        comments: vec![comment(
            500,
            101,
            WORK,
            ELODIE,
            "Quel numéro de Téléphone ?",
        )],
        reactions: vec![],
        mentions: vec![],
        older: vec![GroupGap {
            group_id: WORK,
            before: 100,
        }],
        cursor: "10".into(),
    }
}

/// A fresh cache with the bootstrap applied, in a temporary directory.
pub fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, report) = Store::open(&dir.path().join("cache.sqlite3")).unwrap();
    assert!(!report.rebuilt);
    store.apply_bootstrap(&bootstrap()).unwrap();
    (dir, store)
}

pub fn sync(changes: Vec<Change>, cursor: &str) -> SyncResponse {
    SyncResponse {
        changes,
        cursor: cursor.into(),
        more: false,
    }
}

/// Post ids of a feed page, None for pending posts.
pub fn ids(page: &hublot_core::views::FeedPage) -> Vec<Option<Id>> {
    page.posts.iter().map(|p| p.id).collect()
}
