//! Shared helpers of the network-side tests: a real reference server on
//! loopback, signed-in API clients and sessions over temporary caches.
#![allow(dead_code)]

use std::path::Path;

use hublot_api::{Id, User};
use hublot_core::client::ApiClient;
use hublot_core::session::{Session, SessionConfig};
use hublot_server::{DemoConfig, RunningServer, ServerConfig};
use tempfile::TempDir;

/// Every demo account's password.
pub const PASSWORD: &str = "demo";

/// A reference server seeded with a small demo, on 127.0.0.1.
pub struct TestServer {
    pub server: RunningServer,
    pub url: String,
    pub dir: TempDir,
}

/// Starts a server seeded with `posts` demo posts.
pub async fn server(posts: u64) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let server = hublot_server::start(ServerConfig {
        db_path: dir.path().join("server.sqlite3"),
        listen: "127.0.0.1:0".parse().unwrap(),
        demo: Some(DemoConfig {
            posts,
            ..DemoConfig::default()
        }),
    })
    .await
    .unwrap();
    let url = format!("http://{}", server.addr());
    TestServer { server, url, dir }
}

/// Signs `login` in; a client with its token, and the token.
pub async fn login(url: &str, login: &str) -> (ApiClient, String, User) {
    let anon = ApiClient::new(url, None).unwrap();
    let r = anon.login(login, PASSWORD).await.unwrap();
    (anon.with_token(Some(r.token.clone())), r.token, r.user)
}

/// A session over a fresh cache in `dir`.
pub fn session(url: &str, token: &str, dir: &Path) -> Session {
    Session::open(SessionConfig {
        cache_path: dir.join("cache.sqlite3"),
        server: url.to_string(),
        token: token.to_string(),
    })
    .unwrap()
}

/// Handles of some demo users other than `demo`.
pub async fn other_handles(client: &ApiClient, n: usize) -> Vec<String> {
    let page = client
        .users(&hublot_api::DirectoryQuery {
            limit: Some(50),
            ..Default::default()
        })
        .await
        .unwrap();
    page.users
        .into_iter()
        .filter(|u| u.handle != "demo" && !u.disabled)
        .take(n)
        .map(|u| u.handle)
        .collect()
}

/// Every post of a group the server shows this client, newest first.
pub async fn server_posts(client: &ApiClient, group_id: Id) -> Vec<hublot_api::Post> {
    let mut out = Vec::new();
    let mut before = None;
    loop {
        let page = client
            .group_posts(
                group_id,
                &hublot_api::PostPageQuery {
                    before,
                    limit: Some(200),
                },
            )
            .await
            .unwrap();
        out.extend(page.posts);
        match page.next_before {
            Some(b) => before = Some(b),
            None => return out,
        }
    }
}
