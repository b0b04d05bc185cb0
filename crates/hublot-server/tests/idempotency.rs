//! The same client_id gives one post (or comment), sequentially and concurrently.

mod common;

use common::TestServer;
use hublot_api::{GroupKind, Visibility};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn same_client_id_twice_gives_one_post_and_200_the_second_time() {
    let t = TestServer::start().await;
    let alice = t.user("alice").await;
    let g = alice
        .create_group("Équipe", Visibility::Public, GroupKind::Work)
        .await;
    let cid = uuid::Uuid::new_v4();
    let (s1, p1) = alice
        .post(
            "/v1/posts",
            json!({"client_id": cid, "group_id": g, "body": "Bonjour"}),
        )
        .await;
    let (s2, p2) = alice
        .post(
            "/v1/posts",
            json!({"client_id": cid, "group_id": g, "body": "Bonjour (retry, other text)"}),
        )
        .await;
    assert_eq!(s1, StatusCode::CREATED);
    assert_eq!(s2, StatusCode::OK);
    assert_eq!(p1["id"], p2["id"]);
    assert_eq!(p2["body"], "Bonjour", "the first result wins");
    let (_, page) = alice.get(&format!("/v1/groups/{g}/posts")).await;
    assert_eq!(page["posts"].as_array().unwrap().len(), 1);

    // Comments too.
    let post = p1["id"].as_i64().unwrap();
    let ccid = uuid::Uuid::new_v4();
    let (c1, b1) = alice
        .post(
            &format!("/v1/posts/{post}/comments"),
            json!({"client_id": ccid, "body": "Un"}),
        )
        .await;
    let (c2, b2) = alice
        .post(
            &format!("/v1/posts/{post}/comments"),
            json!({"client_id": ccid, "body": "Un"}),
        )
        .await;
    assert_eq!((c1, c2), (StatusCode::CREATED, StatusCode::OK));
    assert_eq!(b1["id"], b2["id"]);
    let (_, thread) = alice.get(&format!("/v1/posts/{post}")).await;
    assert_eq!(thread["comments"].as_array().unwrap().len(), 1);
    assert_eq!(thread["post"]["comment_count"], 1);

    // Another author may use the same client_id: keys are per author.
    let bob = t.user("bob").await;
    bob.ok(reqwest::Method::POST, &format!("/v1/groups/{g}/join"), None)
        .await;
    let (s3, p3) = bob
        .post(
            "/v1/posts",
            json!({"client_id": cid, "group_id": g, "body": "Moi aussi"}),
        )
        .await;
    assert_eq!(s3, StatusCode::CREATED);
    assert_ne!(p3["id"], p1["id"]);
    t.stop().await;
}

#[tokio::test]
async fn concurrent_duplicates_give_one_post() {
    let t = TestServer::start().await;
    let alice = t.user("alice").await;
    let g = alice
        .create_group("Équipe", Visibility::Public, GroupKind::Work)
        .await;
    for _round in 0..5 {
        let cid = uuid::Uuid::new_v4();
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let a = alice.clone();
            tasks.push(tokio::spawn(async move {
                a.post(
                    "/v1/posts",
                    json!({"client_id": cid, "group_id": g, "body": "En même temps"}),
                )
                .await
            }));
        }
        let mut ids = Vec::new();
        let mut created = 0;
        for task in tasks {
            let (status, body) = task.await.unwrap();
            assert!(
                status == StatusCode::CREATED || status == StatusCode::OK,
                "{status} {body}"
            );
            if status == StatusCode::CREATED {
                created += 1;
            }
            ids.push(body["id"].as_i64().unwrap());
        }
        assert_eq!(created, 1, "exactly one request creates");
        ids.dedup();
        assert_eq!(ids.len(), 1, "all answers name the same post");
    }
    let (_, page) = alice.get(&format!("/v1/groups/{g}/posts")).await;
    assert_eq!(page["posts"].as_array().unwrap().len(), 5);
    t.stop().await;
}
