//! Hostile server answers: a fake server in front of the real one passes
//! everything through, except the change feed, which it answers badly on
//! demand (truncated, wrong types, enormous strings, invalid UTF-8, a cursor
//! going backwards, 500/429/503 with and without Retry-After, no answer).
//! Each time: no panic, nothing written, a clear error; and sync resumes as
//! soon as the server is sane again.

mod net_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use hublot_api::CreatePost;
use hublot_core::session::{Session, SessionConfig};
use hublot_core::views::SyncState;
use hublot_core::{ClientError, SessionError};
use net_support::*;

#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Sane,
    Truncated,
    WrongTypes,
    EnormousCursor,
    InvalidUtf8,
    CursorBackwards,
    Status(u16, Option<&'static str>),
    Hang,
}

#[derive(Clone)]
struct Fake {
    upstream: String,
    http: reqwest::Client,
    mode: Arc<Mutex<Mode>>,
}

async fn forward(
    f: &Fake,
    req: Request,
) -> Result<(StatusCode, Vec<u8>, Option<HeaderValue>), String> {
    let url = format!(
        "{}{}",
        f.upstream,
        req.uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/")
    );
    let method = reqwest::Method::from_bytes(req.method().as_str().as_bytes()).unwrap();
    let auth = req.headers().get("authorization").cloned();
    let ctype = req.headers().get("content-type").cloned();
    let body = axum::body::to_bytes(req.into_body(), usize::MAX)
        .await
        .map_err(|e| e.to_string())?;
    let mut rb = f.http.request(method, url).body(body.to_vec());
    if let Some(a) = auth {
        rb = rb.header("authorization", a.to_str().unwrap());
    }
    if let Some(c) = ctype {
        rb = rb.header("content-type", c.to_str().unwrap());
    }
    let resp = rb.send().await.map_err(|e| e.to_string())?;
    let status = StatusCode::from_u16(resp.status().as_u16()).unwrap();
    let ct = resp
        .headers()
        .get("content-type")
        .map(|v| HeaderValue::from_bytes(v.as_bytes()).unwrap());
    let bytes = resp.bytes().await.map_err(|e| e.to_string())?;
    Ok((status, bytes.to_vec(), ct))
}

fn json(status: StatusCode, body: Vec<u8>) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap()
}

async fn handle(State(f): State<Fake>, req: Request) -> Response {
    let mode = f.mode.lock().unwrap().clone();
    let is_sync = req.uri().path() == "/v1/sync";
    if !is_sync || mode == Mode::Sane {
        return match forward(&f, req).await {
            Ok((status, body, ct)) => {
                let mut r = Response::builder().status(status);
                if let Some(ct) = ct {
                    r = r.header("content-type", ct);
                }
                r.body(Body::from(body)).unwrap()
            }
            Err(e) => json(StatusCode::BAD_GATEWAY, e.into_bytes()),
        };
    }
    match mode {
        Mode::Sane => unreachable!(),
        Mode::Truncated => {
            let (_, body, _) = forward(&f, req).await.unwrap();
            json(StatusCode::OK, body[..body.len() / 2].to_vec())
        }
        Mode::WrongTypes => json(
            StatusCode::OK,
            br#"{"changes":"nope","cursor":5,"more":false}"#.to_vec(),
        ),
        Mode::EnormousCursor => {
            let huge = "9".repeat(8 * 1024 * 1024);
            json(
                StatusCode::OK,
                format!(r#"{{"changes":[],"cursor":"{huge}","more":false}}"#).into_bytes(),
            )
        }
        Mode::InvalidUtf8 => json(
            StatusCode::OK,
            b"{\"changes\":[],\"cursor\":\"\xff\xfe\",\"more\":false}".to_vec(),
        ),
        Mode::CursorBackwards => {
            let (_, body, _) = forward(&f, req).await.unwrap();
            let mut v: serde_json::Value = serde_json::from_slice(&body).unwrap();
            v["cursor"] = serde_json::Value::String("0".into());
            json(StatusCode::OK, serde_json::to_vec(&v).unwrap())
        }
        Mode::Status(code, retry_after) => {
            let mut r = Response::builder()
                .status(StatusCode::from_u16(code).unwrap())
                .header("content-type", "text/html");
            if let Some(ra) = retry_after {
                r = r.header("retry-after", ra);
            }
            r.body(Body::from("<html>proxy error</html>")).unwrap()
        }
        Mode::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            json(StatusCode::OK, Vec::new())
        }
    }
}

async fn fake_server(upstream: &str) -> (String, Arc<Mutex<Mode>>) {
    let mode = Arc::new(Mutex::new(Mode::Sane));
    let fake = Fake {
        upstream: upstream.to_string(),
        http: reqwest::Client::new(),
        mode: mode.clone(),
    };
    let app = axum::Router::new().fallback(handle).with_state(fake);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}"), mode)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_answers_never_corrupt_the_cache_and_sync_resumes() {
    let srv = server(200).await;
    let (client, token, _) = login(&srv.url, "demo").await;
    let (fake_url, mode) = fake_server(&srv.url).await;
    let dir = tempfile::tempdir().unwrap();
    let s = Session::open(SessionConfig {
        cache_path: dir.path().join("cache.sqlite3"),
        server: fake_url,
        token,
    })
    .unwrap();
    s.sync_once().await.unwrap();
    let g = s
        .store()
        .groups()
        .unwrap()
        .into_iter()
        .find(|g| g.joined && !g.archived && g.kind != hublot_api::GroupKind::Announcement)
        .unwrap()
        .id;

    let cases = [
        Mode::Truncated,
        Mode::WrongTypes,
        Mode::EnormousCursor,
        Mode::InvalidUtf8,
        Mode::CursorBackwards,
        Mode::Status(500, None),
        Mode::Status(502, Some("1")),
        Mode::Status(429, Some("1")),
        Mode::Status(429, None),
        Mode::Status(503, Some("2")),
        Mode::Status(503, None),
    ];
    for (i, case) in cases.iter().enumerate() {
        // Something new on the server, so the feed has a batch to get wrong.
        let p = client
            .create_post(&CreatePost {
                client_id: uuid::Uuid::new_v4(),
                group_id: g,
                body: format!("Message {i}"),
                poll: None,
            })
            .await
            .unwrap();
        let cursor_before = s.store().cursor().unwrap();
        *mode.lock().unwrap() = case.clone();
        let err = s
            .sync_once()
            .await
            .expect_err(&format!("{case:?} must fail"));
        match (&err, case) {
            (SessionError::Client(e), Mode::Status(..)) => {
                assert!(e.is_transient(), "{case:?}: {e}");
                if let Mode::Status(_, Some(ra)) = case {
                    assert_eq!(
                        e.retry_after(),
                        Some(Duration::from_secs(ra.parse().unwrap())),
                        "{case:?}"
                    );
                }
            }
            (SessionError::Client(ClientError::Decode { .. }), _) => {}
            (SessionError::Store(_), Mode::CursorBackwards) => {}
            other => panic!("{case:?}: unexpected {other:?}"),
        }
        assert!(!err.to_string().is_empty());
        assert_eq!(
            s.store().cursor().unwrap(),
            cursor_before,
            "{case:?} moved the cursor"
        );
        assert!(s.store().integrity_check().unwrap());
        assert!(
            s.store().post_detail(p.id).unwrap().is_none(),
            "{case:?} wrote part of a batch"
        );

        *mode.lock().unwrap() = Mode::Sane;
        s.sync_once()
            .await
            .unwrap_or_else(|e| panic!("after {case:?}, a sane server must sync: {e}"));
        assert!(
            s.store().post_detail(p.id).unwrap().is_some(),
            "after {case:?} the post arrived"
        );
    }

    // The background loop says what went wrong, then recovers by itself.
    let mut status = s.status();
    *mode.lock().unwrap() = Mode::Status(503, Some("1"));
    s.start();
    let st = tokio::time::timeout(
        Duration::from_secs(60),
        status.wait_for(|st| matches!(st.state, SyncState::Error { .. })),
    )
    .await
    .expect("an error state")
    .unwrap()
    .clone();
    match st.state {
        SyncState::Error {
            reason, retry_at, ..
        } => {
            assert!(reason.contains("503"), "{reason}");
            assert!(retry_at.is_some());
        }
        _ => unreachable!(),
    }
    *mode.lock().unwrap() = Mode::Sane;
    tokio::time::timeout(
        Duration::from_secs(60),
        status.wait_for(|st| st.state == SyncState::Online),
    )
    .await
    .expect("back online once the server is sane")
    .unwrap();
    s.shutdown().await;

    // A server that never answers: a timeout, nothing written.
    let cursor_before = s.store().cursor().unwrap();
    *mode.lock().unwrap() = Mode::Hang;
    let err = s
        .sync_once()
        .await
        .expect_err("a silent server must time out");
    assert!(
        matches!(err, SessionError::Client(ClientError::Timeout { .. })),
        "{err:?}"
    );
    assert_eq!(s.store().cursor().unwrap(), cursor_before);
}
