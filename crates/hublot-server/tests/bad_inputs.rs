//! Bad input gets a 4xx with our error shape and changes nothing.

mod common;

use common::TestServer;
use hublot_api::{GroupKind, Visibility};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn bad_inputs_are_refused_with_json_errors_and_change_nothing() {
    let t = TestServer::start().await;
    let alice = t.user("alice").await;
    let g = alice
        .create_group("G", Visibility::Public, GroupKind::Work)
        .await;
    let post = alice.create_post(g, "base").await;
    let post_id = post["id"].as_i64().unwrap();
    let closed = alice.create_post(g, "sondage").await; // no poll: voting is refused
    let closed_id = closed["id"].as_i64().unwrap();
    let deleted = alice.create_post(g, "deleted").await;
    let deleted_id = deleted["id"].as_i64().unwrap();
    alice.delete(&format!("/v1/posts/{deleted_id}")).await;
    let dup = uuid::Uuid::new_v4();
    alice
        .ok(
            reqwest::Method::POST,
            "/v1/posts",
            Some(json!({"client_id": dup, "group_id": g, "body": "first"})),
        )
        .await;

    let before = t.counts().await;
    let url = |p: &str| format!("{}{}", t.base, p);
    let token = alice.token.clone().unwrap();
    let raw = |method: reqwest::Method, path: &str, ctype: Option<&str>, body: Vec<u8>| {
        let mut r = t
            .client
            .request(method, url(path))
            .bearer_auth(&token)
            .body(body);
        if let Some(c) = ctype {
            r = r.header("content-type", c);
        }
        r
    };
    let big = "x".repeat(hublot_api::limits::MAX_POST_CHARS + 1);
    let huge = vec![b'a'; hublot_api::limits::MAX_REQUEST_BYTES + 10];
    let json_ct = Some("application/json");
    let cases: Vec<(&str, reqwest::RequestBuilder, u16)> = vec![
        (
            "malformed JSON",
            raw(
                reqwest::Method::POST,
                "/v1/posts",
                json_ct,
                b"{\"client_id\":".to_vec(),
            ),
            400,
        ),
        (
            "wrong types",
            raw(
                reqwest::Method::POST,
                "/v1/posts",
                json_ct,
                br#"{"client_id":"nope","group_id":"x","body":1}"#.to_vec(),
            ),
            422,
        ),
        (
            "invalid UTF-8",
            raw(
                reqwest::Method::POST,
                "/v1/posts",
                json_ct,
                b"{\"client_id\":\"\xff\xfe\"}".to_vec(),
            ),
            400,
        ),
        (
            "no content type",
            raw(reqwest::Method::POST, "/v1/posts", None, b"{}".to_vec()),
            415,
        ),
        (
            "wrong content type",
            raw(
                reqwest::Method::POST,
                "/v1/posts",
                Some("text/plain"),
                b"{}".to_vec(),
            ),
            415,
        ),
        (
            "body too large",
            raw(reqwest::Method::POST, "/v1/posts", json_ct, huge),
            413,
        ),
        (
            "empty body",
            raw(reqwest::Method::POST, "/v1/posts", json_ct, Vec::new()),
            400,
        ),
        (
            "bad path id",
            raw(reqwest::Method::GET, "/v1/posts/abc", None, Vec::new()),
            400,
        ),
        (
            "unknown reaction",
            raw(
                reqwest::Method::PUT,
                &format!("/v1/posts/{post_id}/reactions/love"),
                None,
                Vec::new(),
            ),
            400,
        ),
        (
            "bad query",
            raw(
                reqwest::Method::GET,
                "/v1/sync?limit=lots",
                None,
                Vec::new(),
            ),
            400,
        ),
        (
            "bad cursor",
            raw(
                reqwest::Method::GET,
                "/v1/sync?since=yesterday",
                None,
                Vec::new(),
            ),
            400,
        ),
        (
            "limit zero",
            raw(reqwest::Method::GET, "/v1/sync?limit=0", None, Vec::new()),
            400,
        ),
        (
            "unknown route",
            raw(reqwest::Method::GET, "/v1/nothing", None, Vec::new()),
            404,
        ),
        (
            "wrong method",
            raw(reqwest::Method::DELETE, "/v1/groups", None, Vec::new()),
            405,
        ),
    ];
    for (what, req, want) in cases {
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let ctype = res
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string());
        let body: Value = res.json().await.unwrap_or(Value::Null);
        assert_eq!(status, want, "{what}: {body}");
        assert_eq!(ctype.as_deref(), Some("application/json"), "{what}");
        assert!(
            body["error"]["code"].is_string() && body["error"]["message"].is_string(),
            "{what}: {body}"
        );
    }

    let json_cases: Vec<(&str, reqwest::Method, String, Value, StatusCode)> = vec![
        (
            "unknown group",
            reqwest::Method::POST,
            "/v1/posts".into(),
            json!({"client_id": uuid::Uuid::new_v4(), "group_id": 999, "body": "x"}),
            StatusCode::NOT_FOUND,
        ),
        (
            "empty post",
            reqwest::Method::POST,
            "/v1/posts".into(),
            json!({"client_id": uuid::Uuid::new_v4(), "group_id": g, "body": "   "}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "oversized post",
            reqwest::Method::POST,
            "/v1/posts".into(),
            json!({"client_id": uuid::Uuid::new_v4(), "group_id": g, "body": big}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "one poll option",
            reqwest::Method::POST,
            "/v1/posts".into(),
            json!({"client_id": uuid::Uuid::new_v4(), "group_id": g, "body": "x", "poll": {"question": "q", "options": ["a"]}}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "eleven poll options",
            reqwest::Method::POST,
            "/v1/posts".into(),
            json!({"client_id": uuid::Uuid::new_v4(), "group_id": g, "body": "x", "poll": {"question": "q", "options": ["a","b","c","d","e","f","g","h","i","j","k"]}}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "poll closing in the past",
            reqwest::Method::POST,
            "/v1/posts".into(),
            json!({"client_id": uuid::Uuid::new_v4(), "group_id": g, "body": "x", "poll": {"question": "q", "options": ["a", "b"], "closes_at": 1}}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "unknown post",
            reqwest::Method::POST,
            "/v1/posts/999999/comments".into(),
            json!({"client_id": uuid::Uuid::new_v4(), "body": "x"}),
            StatusCode::NOT_FOUND,
        ),
        (
            "empty comment",
            reqwest::Method::POST,
            format!("/v1/posts/{post_id}/comments"),
            json!({"client_id": uuid::Uuid::new_v4(), "body": ""}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "vote without poll",
            reqwest::Method::PUT,
            format!("/v1/posts/{closed_id}/vote"),
            json!({"option_ids": [1]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "reaction on a deleted post",
            reqwest::Method::PUT,
            format!("/v1/posts/{deleted_id}/reactions/like"),
            Value::Null,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "comment on a deleted post",
            reqwest::Method::POST,
            format!("/v1/posts/{deleted_id}/comments"),
            json!({"client_id": uuid::Uuid::new_v4(), "body": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "empty group name",
            reqwest::Method::POST,
            "/v1/groups".into(),
            json!({"name": "", "visibility": "public", "kind": "work"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "unknown visibility",
            reqwest::Method::POST,
            "/v1/groups".into(),
            json!({"name": "n", "visibility": "secret", "kind": "work"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "negative read marker",
            reqwest::Method::PUT,
            format!("/v1/groups/{g}/read"),
            json!({"last_read_post_id": -5}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "add unknown user",
            reqwest::Method::POST,
            format!("/v1/groups/{g}/members"),
            json!({"user_id": 4242}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "bad login",
            reqwest::Method::POST,
            "/v1/auth/login".into(),
            json!({"login": "alice", "password": "wrong"}),
            StatusCode::UNAUTHORIZED,
        ),
    ];
    for (what, method, path, body, want) in json_cases {
        let (status, v) = alice
            .call(
                method,
                &path,
                if body.is_null() { None } else { Some(body) },
            )
            .await;
        assert_eq!(status, want, "{what}: {v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{what}: {v}"
        );
    }
    // A duplicate client_id returns the first result and creates nothing.
    let (status, v) = alice
        .post(
            "/v1/posts",
            json!({"client_id": dup, "group_id": g, "body": "second"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["body"], "first");

    assert_eq!(
        before,
        t.counts().await,
        "a refused request changed the database"
    );
    t.stop().await;
}

#[tokio::test]
async fn a_closed_poll_refuses_votes() {
    let t = TestServer::start().await;
    let alice = t.user("alice").await;
    let g = alice
        .create_group("G", Visibility::Public, GroupKind::Work)
        .await;
    let closes_at = hublot_server::storage::now_ms() + 1500;
    let p = alice
        .ok(
            reqwest::Method::POST,
            "/v1/posts",
            Some(json!({"client_id": uuid::Uuid::new_v4(), "group_id": g, "body": "vote", "poll": {"question": "q", "options": ["a", "b"], "closes_at": closes_at}})),
        )
        .await;
    let option = p["poll"]["options"][0]["id"].as_i64().unwrap();
    let id = p["id"].as_i64().unwrap();
    let voted = alice
        .ok(
            reqwest::Method::PUT,
            &format!("/v1/posts/{id}/vote"),
            Some(json!({"option_ids": [option]})),
        )
        .await;
    assert_eq!(voted["poll"]["my_votes"], json!([option]));
    assert_eq!(voted["poll"]["options"][0]["votes"], 1);
    while hublot_server::storage::now_ms() <= closes_at {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let before = t.counts().await;
    let (status, v) = alice
        .put(&format!("/v1/posts/{id}/vote"), json!({"option_ids": []}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(before, t.counts().await);
    t.stop().await;
}

#[tokio::test]
async fn failed_logins_are_rate_limited_per_account() {
    let t = TestServer::start().await;
    let _alice = t.user("alice").await;
    let anon = t.anon();
    for _ in 0..10 {
        let (status, _) = anon
            .post(
                "/v1/auth/login",
                json!({"login": "alice", "password": "nope"}),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let res = t
        .client
        .post(format!("{}/v1/auth/login", t.base))
        .json(&json!({"login": "alice", "password": common::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    t.stop().await;
}
