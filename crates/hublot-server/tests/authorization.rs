//! The authorization matrix: two users, public and private groups, every
//! route and the change feed.

mod common;

use common::TestServer;
use hublot_api::{Change, GroupKind, Id, Visibility};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Every route that names a group, post or comment, with a body that would be
/// accepted if the user were allowed.
fn routes(group: Id, post: Id, comment: Id) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (Method::GET, format!("/v1/groups/{group}"), None),
        (
            Method::PATCH,
            format!("/v1/groups/{group}"),
            Some(json!({"name": "Renamed"})),
        ),
        (Method::POST, format!("/v1/groups/{group}/join"), None),
        (Method::POST, format!("/v1/groups/{group}/leave"), None),
        (Method::GET, format!("/v1/groups/{group}/members"), None),
        (
            Method::POST,
            format!("/v1/groups/{group}/members"),
            Some(json!({"user_id": 1})),
        ),
        (
            Method::PUT,
            format!("/v1/groups/{group}/follow"),
            Some(json!({"following": true})),
        ),
        (
            Method::PUT,
            format!("/v1/groups/{group}/read"),
            Some(json!({"last_read_post_id": post})),
        ),
        (Method::GET, format!("/v1/groups/{group}/posts"), None),
        (
            Method::POST,
            "/v1/posts".to_string(),
            Some(json!({"client_id": uuid::Uuid::new_v4(), "group_id": group, "body": "x"})),
        ),
        (Method::GET, format!("/v1/posts/{post}"), None),
        (
            Method::PATCH,
            format!("/v1/posts/{post}"),
            Some(json!({"body": "edited"})),
        ),
        (
            Method::PUT,
            format!("/v1/posts/{post}/pin"),
            Some(json!({"pinned": true})),
        ),
        (
            Method::POST,
            format!("/v1/posts/{post}/comments"),
            Some(json!({"client_id": uuid::Uuid::new_v4(), "body": "x"})),
        ),
        (
            Method::PATCH,
            format!("/v1/comments/{comment}"),
            Some(json!({"body": "edited"})),
        ),
        (
            Method::PUT,
            format!("/v1/posts/{post}/reactions/like"),
            None,
        ),
        (
            Method::DELETE,
            format!("/v1/posts/{post}/reactions/like"),
            None,
        ),
        (
            Method::PUT,
            format!("/v1/posts/{post}/vote"),
            Some(json!({"option_ids": []})),
        ),
        (Method::DELETE, format!("/v1/comments/{comment}"), None),
        (Method::DELETE, format!("/v1/posts/{post}"), None),
    ]
}

fn mentions_group(c: &Change, group: Id) -> bool {
    match c {
        Change::Group(g) => g.id == group,
        Change::GroupRemoved { id } => *id == group,
        Change::Membership(m) => m.group_id == group,
        Change::MembershipRemoved { group_id, .. } => *group_id == group,
        Change::Follow(f) => f.group_id == group,
        Change::Post(p) => p.group_id == group,
        Change::PostRemoved { group_id, .. } => *group_id == group,
        Change::Comment(c) => c.group_id == group,
        Change::Reaction(r) => r.group_id == group,
        Change::Mention(m) => m.group_id == group,
        Change::ReadMarker(r) => r.group_id == group,
        Change::User(_) | Change::CommentRemoved { .. } | Change::ReactionRemoved { .. } => false,
    }
}

#[tokio::test]
async fn a_private_group_is_invisible_to_non_members_through_every_route_and_the_feed() {
    let t = TestServer::start().await;
    let alice = t.user("alice").await;
    let bob = t.user("bob").await;
    let private = alice
        .create_group("Négociation", Visibility::Private, GroupKind::Work)
        .await;
    let post = alice
        .ok(
            Method::POST,
            "/v1/posts",
            Some(json!({"client_id": uuid::Uuid::new_v4(), "group_id": private, "body": "Secret @bob",
                "poll": {"question": "Oui ?", "options": ["oui", "non"]}})),
        )
        .await;
    let post_id = post["id"].as_i64().unwrap();
    let comment = alice
        .ok(
            Method::POST,
            &format!("/v1/posts/{post_id}/comments"),
            Some(json!({"client_id": uuid::Uuid::new_v4(), "body": "c"})),
        )
        .await;
    let comment_id = comment["id"].as_i64().unwrap();
    alice
        .ok(
            Method::PUT,
            &format!("/v1/posts/{post_id}/reactions/like"),
            None,
        )
        .await;

    let before = t.counts().await;
    for (method, path, body) in routes(private, post_id, comment_id) {
        let (status, v) = bob.call(method.clone(), &path, body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "bob {method} {path}: {v}");
        assert_eq!(v["error"]["code"], "not_found");
        let (status, v) = t.anon().call(method.clone(), &path, None).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "anonymous {method} {path}: {v}"
        );
    }
    assert_eq!(before, t.counts().await, "refused requests changed nothing");

    let (_, groups) = bob.get("/v1/groups").await;
    assert!(groups
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["id"] != private));
    let (_, boot) = bob.get("/v1/bootstrap").await;
    assert!(boot["groups"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["id"] != private));
    assert!(boot["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["group_id"] != private));
    assert!(
        boot["mentions"].as_array().unwrap().is_empty(),
        "a mention in a group bob cannot see is not recorded"
    );
    let (feed, _) = bob.sync_all(None, 3).await;
    assert!(
        feed.iter().all(|c| !mentions_group(c, private)),
        "bob's feed leaks the private group: {feed:?}"
    );

    // Alice sees it all.
    let (alice_feed, _) = alice.sync_all(None, 500).await;
    assert!(alice_feed
        .iter()
        .any(|c| matches!(c, Change::Post(p) if p.id == post_id)));

    // Once added, bob sees it; once he leaves, his feed says GroupRemoved.
    let (_, cursor) = bob.sync_all(None, 500).await;
    alice.add_member(private, bob.id).await;
    let (feed, cursor) = bob.sync_all(Some(&cursor), 500).await;
    assert!(feed
        .iter()
        .any(|c| matches!(c, Change::Group(g) if g.id == private)));
    assert!(
        feed.iter()
            .any(|c| matches!(c, Change::Post(p) if p.id == post_id)),
        "joining brings recent posts: {feed:?}"
    );
    assert!(feed
        .iter()
        .any(|c| matches!(c, Change::Comment(c) if c.id == comment_id)));
    bob.ok(Method::POST, &format!("/v1/groups/{private}/leave"), None)
        .await;
    alice.create_post(private, "after bob left").await;
    let (feed, _) = bob.sync_all(Some(&cursor), 500).await;
    assert!(
        feed.iter()
            .any(|c| matches!(c, Change::GroupRemoved { id } if *id == private)),
        "{feed:?}"
    );
    assert!(
        feed.iter().all(|c| !matches!(c, Change::Post(_))),
        "nothing of the group after leaving: {feed:?}"
    );
    t.stop().await;
}

#[tokio::test]
async fn in_a_public_group_only_authors_and_admins_change_what_is_theirs() {
    let t = TestServer::start().await;
    let alice = t.user("alice").await;
    let bob = t.user("bob").await;
    let public = alice
        .create_group("Sport", Visibility::Public, GroupKind::Community)
        .await;
    let post = alice.create_post(public, "Course à pied jeudi").await;
    let post_id = post["id"].as_i64().unwrap();
    let comment = alice
        .ok(
            Method::POST,
            &format!("/v1/posts/{post_id}/comments"),
            Some(json!({"client_id": uuid::Uuid::new_v4(), "body": "c"})),
        )
        .await;
    let comment_id = comment["id"].as_i64().unwrap();

    // Reading is open to everybody.
    for path in [
        format!("/v1/groups/{public}"),
        format!("/v1/groups/{public}/posts"),
        format!("/v1/posts/{post_id}"),
        format!("/v1/groups/{public}/members"),
    ] {
        let (status, v) = bob.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {v}");
    }
    let before = t.counts().await;
    let forbidden = [
        (
            Method::PATCH,
            format!("/v1/groups/{public}"),
            Some(json!({"archived": true})),
        ),
        (
            Method::POST,
            format!("/v1/groups/{public}/members"),
            Some(json!({"user_id": bob.id, "role": "admin"})),
        ),
        (
            Method::POST,
            "/v1/posts".to_string(),
            Some(
                json!({"client_id": uuid::Uuid::new_v4(), "group_id": public, "body": "not a member"}),
            ),
        ),
        (
            Method::PATCH,
            format!("/v1/posts/{post_id}"),
            Some(json!({"body": "hijack"})),
        ),
        (Method::DELETE, format!("/v1/posts/{post_id}"), None),
        (
            Method::PUT,
            format!("/v1/posts/{post_id}/pin"),
            Some(json!({"pinned": true})),
        ),
        (
            Method::PATCH,
            format!("/v1/comments/{comment_id}"),
            Some(json!({"body": "hijack"})),
        ),
        (Method::DELETE, format!("/v1/comments/{comment_id}"), None),
    ];
    for (method, path, body) in &forbidden {
        let (status, v) = bob.call(method.clone(), path, body.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "bob {method} {path}: {v}");
        assert_eq!(v["error"]["code"], "forbidden");
    }
    assert_eq!(before, t.counts().await);

    // After joining, bob posts; still not admin. Alice (admin) may delete bob's post and pin.
    bob.ok(Method::POST, &format!("/v1/groups/{public}/join"), None)
        .await;
    let bobs = bob.create_post(public, "Je viens").await;
    let bobs_id = bobs["id"].as_i64().unwrap();
    let (status, _) = bob
        .put(&format!("/v1/posts/{post_id}/pin"), json!({"pinned": true}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    alice
        .ok(
            Method::PUT,
            &format!("/v1/posts/{bobs_id}/pin"),
            Some(json!({"pinned": true})),
        )
        .await;
    let (status, _) = alice
        .patch(&format!("/v1/posts/{bobs_id}"), json!({"body": "not mine"}))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "admins delete but do not edit others' posts"
    );
    alice
        .ok(Method::DELETE, &format!("/v1/posts/{bobs_id}"), None)
        .await;

    // Announcement groups: only admins post.
    let news = alice
        .create_group("Direction", Visibility::Public, GroupKind::Announcement)
        .await;
    bob.ok(Method::POST, &format!("/v1/groups/{news}/join"), None)
        .await;
    let (status, v) = bob
        .post(
            "/v1/posts",
            json!({"client_id": uuid::Uuid::new_v4(), "group_id": news, "body": "hello"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
    alice.create_post(news, "Note de service").await;

    // Archived groups are read-only.
    alice
        .ok(
            Method::PATCH,
            &format!("/v1/groups/{public}"),
            Some(json!({"archived": true})),
        )
        .await;
    let (status, v) = alice
        .post(
            "/v1/posts",
            json!({"client_id": uuid::Uuid::new_v4(), "group_id": public, "body": "late"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (status, _) = bob
        .put(&format!("/v1/posts/{post_id}/reactions/like"), json!(null))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = bob.get(&format!("/v1/groups/{public}/posts")).await;
    assert_eq!(status, StatusCode::OK);

    // Private groups are joined only by invitation.
    let private = alice
        .create_group("Privé", Visibility::Private, GroupKind::Project)
        .await;
    alice.add_member(private, bob.id).await;
    let carol = t.user("carol").await;
    let (status, _) = carol
        .post(&format!("/v1/groups/{private}/join"), json!(null))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A plain member cannot invite.
    let (status, _) = bob
        .post(
            &format!("/v1/groups/{private}/members"),
            json!({"user_id": carol.id}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    t.stop().await;
}

#[tokio::test]
async fn signing_out_revokes_the_token_at_once() {
    let t = TestServer::start().await;
    let alice = t.user("alice").await;
    let (status, me) = alice.get("/v1/me").await;
    assert_eq!(status, StatusCode::OK, "{me}");
    // A second session of hers stays signed in.
    let other = t.user_session("alice").await;
    let (status, _) = alice.post("/v1/auth/logout", json!(null)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = alice.get("/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");
    let (status, _) = alice.get("/v1/sync").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = other.get("/v1/me").await;
    assert_eq!(status, StatusCode::OK);
    t.stop().await;
}
