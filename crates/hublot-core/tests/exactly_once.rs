//! Exactly once through a faulty network: a TCP proxy between the session and
//! the real server forwards each request, then, for one connection in three,
//! cuts the connection instead of relaying the answer. The server did the
//! work; the client never heard. Every outbox item must still end up on the
//! server exactly once.

mod net_support;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use hublot_core::session::{Session, SessionConfig};
use hublot_core::views::FeedQuery;
use net_support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Starts the proxy; returns its address and the count of cut answers.
/// Connections are kept alive by the client, so the cut is decided per
/// answer: the first bytes the server sends after a request are one answer's
/// start, and one answer start in `cut_every` is cut.
async fn faulty_proxy(upstream: SocketAddr, cut_every: u64) -> (SocketAddr, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let cuts = Arc::new(AtomicU64::new(0));
    let answers = Arc::new(AtomicU64::new(0));
    let cuts2 = cuts.clone();
    tokio::spawn(async move {
        loop {
            let Ok((client, _)) = listener.accept().await else {
                return;
            };
            let cuts = cuts2.clone();
            let answers = answers.clone();
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(upstream).await else {
                    return;
                };
                let (mut cr, mut cw) = client.into_split();
                let (mut sr, mut sw) = server.into_split();
                let asked = Arc::new(AtomicBool::new(false));
                let asked_up = asked.clone();
                let up = tokio::spawn(async move {
                    let mut buf = vec![0u8; 64 * 1024];
                    loop {
                        match cr.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => {
                                if sw.write_all(&buf[..n]).await.is_err() {
                                    return;
                                }
                                asked_up.store(true, Ordering::SeqCst);
                            }
                        }
                    }
                });
                let mut buf = vec![0u8; 64 * 1024];
                loop {
                    let n = match sr.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    if asked.swap(false, Ordering::SeqCst)
                        && answers.fetch_add(1, Ordering::SeqCst) % cut_every == cut_every - 1
                    {
                        // The server did the work; the client never hears of it.
                        cuts.fetch_add(1, Ordering::SeqCst);
                        break;
                    }
                    if cw.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
                up.abort();
                let _ = cw.shutdown().await;
            });
        }
    });
    (addr, cuts)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_outbox_item_lands_exactly_once_despite_lost_answers() {
    let srv = server(200).await;
    let (client, token, me) = login(&srv.url, "demo").await;
    let (proxy, cuts) = faulty_proxy(srv.server.addr(), 3).await;
    let dir = tempfile::tempdir().unwrap();
    let s = Session::open(SessionConfig {
        cache_path: dir.path().join("cache.sqlite3"),
        server: format!("http://{proxy}"),
        token,
    })
    .unwrap();
    // The first sync goes through the faulty proxy too.
    let mut tries = 0;
    while s.sync_once().await.is_err() {
        tries += 1;
        assert!(tries < 50, "the first sync never got through");
    }
    let groups = s.store().groups().unwrap();
    let g = groups
        .iter()
        .find(|g| g.joined && !g.archived && g.kind != hublot_api::GroupKind::Announcement)
        .unwrap()
        .id;
    let target = s
        .store()
        .feed(&FeedQuery {
            group_id: Some(g),
            before: None,
            limit: Some(10),
        })
        .unwrap()
        .posts
        .into_iter()
        .find_map(|p| p.id)
        .unwrap();

    let mut posts = Vec::new();
    let mut comments = Vec::new();
    for i in 0..12 {
        posts.push(
            s.create_post(g, format!("Message exactement-une-fois {i}"), None)
                .unwrap()
                .client_id,
        );
        comments.push(format!("Commentaire unique {i}"));
        s.create_comment(target, comments[i].clone()).unwrap();
    }
    s.set_like(target, true).unwrap();

    let mut rounds = 0;
    while !s.store().outbox_list().unwrap().is_empty() {
        let _ = s.sync_once().await;
        rounds += 1;
        assert!(
            rounds < 300,
            "the outbox never drained: {:?}",
            s.store().outbox_list().unwrap()
        );
    }
    assert!(
        cuts.load(Ordering::SeqCst) > 0,
        "the proxy cut no answer: the test proved nothing"
    );

    // Checked directly on the server, not through the proxy.
    let on_server = server_posts(&client, g).await;
    let mut by_client_id: HashMap<uuid::Uuid, usize> = HashMap::new();
    for p in &on_server {
        *by_client_id.entry(p.client_id).or_default() += 1;
    }
    for cid in &posts {
        assert_eq!(
            by_client_id.get(cid),
            Some(&1),
            "post {cid} is not on the server exactly once"
        );
    }
    let thread = client.thread(target).await.unwrap();
    for body in &comments {
        let n = thread
            .comments
            .iter()
            .filter(|c| c.author_id == me.id && &c.body == body)
            .count();
        assert_eq!(n, 1, "comment {body:?} is on the server {n} times");
    }
    assert!(thread.post.liked_by_me);
    // And the cache shows each once, sent.
    let feed = s
        .store()
        .feed(&FeedQuery {
            group_id: Some(g),
            before: None,
            limit: Some(200),
        })
        .unwrap();
    for cid in &posts {
        assert_eq!(feed.posts.iter().filter(|p| &p.client_id == cid).count(), 1);
    }
}
