//! The outbox drains in order per group, against the real reference server:
//! a group held back by a refused item or by a transient failure does not
//! hold back the others, and each group's items reach the server in the
//! order the user made them.

mod net_support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use hublot_api::{Id, Post, Visibility};
use hublot_core::views::{GroupView, OutboxState};
use net_support::*;
use uuid::Uuid;

fn joined_writable(groups: &[GroupView]) -> Vec<Id> {
    groups
        .iter()
        .filter(|g| g.joined && !g.archived && g.kind != hublot_api::GroupKind::Announcement)
        .map(|g| g.id)
        .collect()
}

/// The server's copy of the post written with `client_id`, if it has one.
fn by_client_id(posts: &[Post], client_id: Uuid) -> Option<&Post> {
    posts.iter().find(|p| p.client_id == client_id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_item_holds_back_its_group_only() {
    let srv = server(300).await;
    let (client, token, me) = login(&srv.url, "demo").await;
    let dir = tempfile::tempdir().unwrap();
    let s = session(&srv.url, &token, dir.path());
    s.sync_once().await.unwrap();
    let groups = s.store().groups().unwrap();
    let writable = joined_writable(&groups);
    let (g1, g2) = (writable[0], writable[1]);
    let outside = groups
        .iter()
        .find(|g| !g.joined && g.visibility == Visibility::Public)
        .expect("a public group demo has not joined")
        .id;

    // In `outside`: a post (refused: demo is not a member), then joining it,
    // which must wait behind the refusal. Elsewhere: three posts.
    let refused = s.create_post(outside, "Bonjour".into(), None).unwrap();
    let join = s.set_membership(outside, true).unwrap();
    let a = s.create_post(g1, "premier".into(), None).unwrap();
    let b = s.create_post(g1, "second".into(), None).unwrap();
    let c = s.create_post(g2, "ailleurs".into(), None).unwrap();

    let report = s.sync_once().await.unwrap();
    assert_eq!((report.sent, report.failed), (3, 1), "{report:?}");
    let in_g1 = server_posts(&client, g1).await;
    let (pa, pb) = (
        by_client_id(&in_g1, a.client_id).expect("first post sent"),
        by_client_id(&in_g1, b.client_id).expect("second post sent"),
    );
    assert!(pa.id < pb.id, "a group's posts keep their order");
    assert!(by_client_id(&server_posts(&client, g2).await, c.client_id).is_some());

    let outbox = s.store().outbox_list().unwrap();
    let state = |id: Id| outbox.iter().find(|i| i.id == id).map(|i| i.state.clone());
    assert!(matches!(
        state(refused.id),
        Some(OutboxState::Failed { .. })
    ));
    assert_eq!(
        state(join.id),
        Some(OutboxState::Queued),
        "held back behind the refusal"
    );
    let members = client.members(outside).await.unwrap();
    assert!(!members.iter().any(|m| m.user_id == me.id));

    // The user discards the refused post: the group goes on.
    s.discard_outbox(refused.id).unwrap();
    let report = s.sync_once().await.unwrap();
    assert_eq!(report.sent, 1);
    assert!(s.store().outbox_list().unwrap().is_empty());
    let members = client.members(outside).await.unwrap();
    assert!(members.iter().any(|m| m.user_id == me.id));
}

/// Forwards to the real server, except new posts in one group while
/// `failing`: those get a 500, as from a server bug with that group.
#[derive(Clone)]
struct Proxy {
    upstream: String,
    http: reqwest::Client,
    failing: Arc<AtomicBool>,
    group: Id,
}

async fn forward(State(p): State<Proxy>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    if p.failing.load(Ordering::SeqCst)
        && parts.method == axum::http::Method::POST
        && parts.uri.path() == "/v1/posts"
    {
        let req: hublot_api::CreatePost = serde_json::from_slice(&body).unwrap();
        if req.group_id == p.group {
            return Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .header("content-type", "application/json")
                .body(Body::from(
                    r#"{"error":"internal","message":"injected failure"}"#,
                ))
                .unwrap();
        }
    }
    let url = format!(
        "{}{}",
        p.upstream,
        parts.uri.path_and_query().map_or("", |q| q.as_str())
    );
    let mut rb = p.http.request(parts.method.clone(), url).body(body);
    for (k, v) in &parts.headers {
        if k != axum::http::header::HOST {
            rb = rb.header(k, v);
        }
    }
    let up = rb.send().await.unwrap();
    let mut out = Response::builder().status(up.status());
    for (k, v) in up.headers() {
        out = out.header(k, v);
    }
    out.body(Body::from(up.bytes().await.unwrap())).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transient_failure_holds_back_its_group_only() {
    let srv = server(300).await;
    let (client, token, _me) = login(&srv.url, "demo").await;
    let dir = tempfile::tempdir().unwrap();
    let s = session(&srv.url, &token, dir.path());
    s.sync_once().await.unwrap();
    let writable = joined_writable(&s.store().groups().unwrap());
    let (g1, g2) = (writable[0], writable[1]);
    drop(s);

    let failing = Arc::new(AtomicBool::new(true));
    let proxy = Proxy {
        upstream: srv.url.clone(),
        http: reqwest::Client::builder().no_proxy().build().unwrap(),
        failing: failing.clone(),
        group: g1,
    };
    let app = axum::Router::new().fallback(forward).with_state(proxy);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let s = session(&format!("http://{addr}"), &token, dir.path());

    let a1 = s.create_post(g1, "un".into(), None).unwrap();
    let a2 = s.create_post(g1, "deux".into(), None).unwrap();
    let c = s.create_post(g2, "ailleurs".into(), None).unwrap();
    let err = s.sync_once().await.unwrap_err();
    assert!(
        matches!(
            err,
            hublot_core::SessionError::Client(hublot_core::ClientError::Server { .. })
        ),
        "{err:?}"
    );

    // The other group went on; the failing group kept its order: its second
    // post was not sent before the first.
    assert!(by_client_id(&server_posts(&client, g2).await, c.client_id).is_some());
    let in_g1 = server_posts(&client, g1).await;
    assert!(by_client_id(&in_g1, a1.client_id).is_none());
    assert!(by_client_id(&in_g1, a2.client_id).is_none());
    let outbox = s.store().outbox_list().unwrap();
    let attempts = |id: Id| outbox.iter().find(|i| i.id == id).unwrap().attempts;
    assert_eq!(attempts(a1.id), 1);
    assert_eq!(attempts(a2.id), 0, "the second waits behind the first");

    // The server recovers: both go, in order.
    failing.store(false, Ordering::SeqCst);
    let report = s.sync_once().await.unwrap();
    assert_eq!(report.sent, 2);
    let in_g1 = server_posts(&client, g1).await;
    let (p1, p2) = (
        by_client_id(&in_g1, a1.client_id).unwrap(),
        by_client_id(&in_g1, a2.client_id).unwrap(),
    );
    assert!(p1.id < p2.id);
}
