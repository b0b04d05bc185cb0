//! Crash consistency: a child `hublot-cli sync` process, syncing thousands of
//! changes in small batches and sending the outbox, is killed with SIGKILL at
//! random moments, 50 times. After every kill the cache passes SQLite's
//! `integrity_check` and its cursor never went backwards; at the end one more
//! sync converges: every post is in the cache once, every queued item is on
//! the server exactly once.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use hublot_api::{CreatePost, Id};
use hublot_core::client::ApiClient;
use hublot_core::session::{cache_path, Session, SessionConfig};
use hublot_core::store::Store;
use hublot_core::views::FeedQuery;
use hublot_server::{DemoConfig, ServerConfig};
use rand::Rng;

const KILLS: usize = 50;

fn cli(dir: &Path, url: &str, token: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hublot-cli"));
    c.arg("--data-dir")
        .arg(dir)
        .arg("--server")
        .arg(url)
        .args(args);
    c.env("HUBLOT_TOKEN", token)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_sync_at_random_never_corrupts_loses_or_duplicates() {
    let tmp = tempfile::tempdir().unwrap();
    let server = hublot_server::start(ServerConfig {
        db_path: tmp.path().join("server.sqlite3"),
        listen: "127.0.0.1:0".parse().unwrap(),
        demo: Some(DemoConfig {
            posts: 2_000,
            ..DemoConfig::default()
        }),
    })
    .await
    .unwrap();
    let url = format!("http://{}", server.addr());
    let anon = ApiClient::new(&url, None).unwrap();
    let demo_login = anon.login("demo", "demo").await.unwrap();
    let demo = anon.with_token(Some(demo_login.token.clone()));
    let token = demo_login.token.clone();

    // The CLI's account file, as `login --print-token` would write it.
    let data = tmp.path().join("cli");
    let out = cli(
        &data,
        &url,
        &token,
        &[
            "login",
            "--login",
            "demo",
            "--password-stdin",
            "--print-token",
        ],
    )
    .stdin(Stdio::piped())
    .spawn()
    .and_then(|mut c| {
        use std::io::Write;
        c.stdin.take().unwrap().write_all(b"demo\n")?;
        c.wait()
    })
    .unwrap();
    assert!(out.success());
    let cache = cache_path(
        Some(&data),
        &hublot_core::session::account_key(&url, "demo"),
    )
    .unwrap();
    assert!(cli(&data, &url, &token, &["sync"])
        .status()
        .unwrap()
        .success());

    // Another user writes into a group demo has joined and follows.
    let groups = demo.groups().await.unwrap();
    let (store, _) = Store::open(&cache).unwrap();
    let g = store
        .groups()
        .unwrap()
        .into_iter()
        .find(|g| {
            g.joined
                && !g.archived
                && g.visibility == hublot_api::Visibility::Public
                && g.kind != hublot_api::GroupKind::Announcement
        })
        .unwrap()
        .id;
    drop(store);
    assert!(groups.iter().any(|x| x.id == g));
    let users = demo.users(&Default::default()).await.unwrap();
    let other = users
        .users
        .iter()
        .find(|u| u.handle != "demo")
        .unwrap()
        .handle
        .clone();
    let writer = anon.with_token(Some(anon.login(&other, "demo").await.unwrap().token));
    let _ = writer.set_membership(g, true).await;

    let mut rng = rand::thread_rng();
    let mut written: BTreeSet<Id> = BTreeSet::new();
    let mut queued: Vec<uuid::Uuid> = Vec::new();
    let mut last_cursor: u64 = 0;
    for round in 0..KILLS {
        for i in 0..40 {
            let p = writer
                .create_post(&CreatePost {
                    client_id: uuid::Uuid::new_v4(),
                    group_id: g,
                    body: format!("Tour {round}, message {i}"),
                    poll: None,
                })
                .await
                .unwrap();
            written.insert(p.id);
        }
        // Something in the outbox too, so the kill may land mid-send.
        {
            let s = Session::open(SessionConfig {
                cache_path: cache.clone(),
                server: url.clone(),
                token: token.clone(),
            })
            .unwrap();
            queued.push(
                s.create_post(g, format!("Depuis la boîte d'envoi {round}"), None)
                    .unwrap()
                    .client_id,
            );
        }
        let mut child = cli(&data, &url, &token, &["sync", "--batch", "7"])
            .spawn()
            .unwrap();
        tokio::time::sleep(Duration::from_millis(rng.gen_range(5..400))).await;
        child.kill().unwrap(); // SIGKILL on unix
        let _ = child.wait();

        let (store, report) = Store::open(&cache).unwrap();
        assert!(
            !report.rebuilt,
            "round {round}: the cache had to be rebuilt"
        );
        assert!(
            store.integrity_check().unwrap(),
            "round {round}: integrity check failed"
        );
        let cursor: u64 = store.cursor().unwrap().unwrap().parse().unwrap_or(0);
        assert!(
            cursor >= last_cursor,
            "round {round}: the cursor went backwards"
        );
        last_cursor = cursor;
    }

    // One complete sync converges.
    let done = cli(&data, &url, &token, &["sync"]).status().unwrap();
    assert!(done.success());
    let (store, _) = Store::open(&cache).unwrap();
    assert!(store.integrity_check().unwrap());
    assert!(
        store.outbox_list().unwrap().is_empty(),
        "the outbox drained"
    );
    let mut cached: Vec<Id> = Vec::new();
    let mut before = None;
    loop {
        let page = store
            .feed(&FeedQuery {
                group_id: Some(g),
                before,
                limit: Some(200),
            })
            .unwrap();
        cached.extend(page.posts.iter().filter_map(|p| p.id));
        match page.next_before {
            Some(b) => before = Some(b),
            None => break,
        }
    }
    let unique: BTreeSet<Id> = cached.iter().copied().collect();
    assert_eq!(unique.len(), cached.len(), "a post is in the cache twice");
    for id in &written {
        assert!(unique.contains(id), "post {id} was lost");
    }
    let mut on_server: HashMap<uuid::Uuid, usize> = HashMap::new();
    let mut before = None;
    loop {
        let page = demo
            .group_posts(
                g,
                &hublot_api::PostPageQuery {
                    before,
                    limit: Some(200),
                },
            )
            .await
            .unwrap();
        for p in &page.posts {
            *on_server.entry(p.client_id).or_default() += 1;
        }
        match page.next_before {
            Some(b) => before = Some(b),
            None => break,
        }
    }
    for cid in &queued {
        assert_eq!(
            on_server.get(cid),
            Some(&1),
            "queued post {cid} is not on the server exactly once"
        );
    }
    server.shutdown().await;
}
