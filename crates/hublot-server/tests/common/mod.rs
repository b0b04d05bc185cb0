//! A real server on 127.0.0.1:0 with a temporary database, and a small client.

#![allow(dead_code)]

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use hublot_api::{CreateGroup, GroupKind, Id, Visibility};
use hublot_server::storage::{NewUser, Storage};
use hublot_server::{RunningServer, ServerConfig, ServerOptions};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub const PASSWORD: &str = "correct horse battery";

/// One hash for every test user (argon2 is slow on purpose).
fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hublot_server::password::hash(PASSWORD).unwrap())
}

pub struct TestServer {
    pub server: Option<RunningServer>,
    pub base: String,
    pub client: reqwest::Client,
    pub dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_with(ServerOptions::default()).await
    }

    pub async fn start_with(options: ServerOptions) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let server = hublot_server::start_with(
            ServerConfig {
                db_path: dir.path().join("server.sqlite"),
                listen: "127.0.0.1:0".parse().unwrap(),
                demo: None,
            },
            options,
        )
        .await
        .unwrap();
        let base = format!("http://{}", server.addr());
        TestServer {
            server: Some(server),
            base,
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap(),
            dir,
        }
    }

    pub fn storage(&self) -> &Arc<Storage> {
        self.server.as_ref().unwrap().storage()
    }

    /// Creates a user directly in the database and signs her in.
    pub async fn user(&self, handle: &str) -> Api {
        let storage = self.storage().clone();
        let h = handle.to_string();
        let user = tokio::task::spawn_blocking(move || {
            storage.create_user(&NewUser {
                handle: h.clone(),
                name: format!("User {h}"),
                job_title: "Agent".into(),
                department: "Prestations".into(),
                site: "Lyon".into(),
                email: format!("{h}@example.org"),
                phone: None,
                password_hash: password_hash().to_string(),
            })
        })
        .await
        .unwrap()
        .unwrap();
        Api {
            id: user.id,
            ..self.user_session(handle).await
        }
    }

    /// Signs an existing user in again (another session, another token).
    pub async fn user_session(&self, handle: &str) -> Api {
        let anon = self.anon();
        let (status, body) = anon
            .call(
                Method::POST,
                "/v1/auth/login",
                Some(serde_json::json!({"login": handle, "password": PASSWORD})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "login of {handle}: {body}");
        Api {
            token: Some(body["token"].as_str().unwrap().to_string()),
            id: body["user"]["id"].as_i64().unwrap(),
            ..anon
        }
    }

    pub fn anon(&self) -> Api {
        Api {
            client: self.client.clone(),
            base: self.base.clone(),
            token: None,
            id: 0,
        }
    }

    /// A dump of the row counts of every table.
    pub async fn counts(&self) -> Vec<(String, i64)> {
        let storage = self.storage().clone();
        tokio::task::spawn_blocking(move || storage.table_counts())
            .await
            .unwrap()
            .unwrap()
    }

    pub async fn stop(mut self) {
        if let Some(s) = self.server.take() {
            s.shutdown().await;
        }
    }
}

#[derive(Clone)]
pub struct Api {
    pub client: reqwest::Client,
    pub base: String,
    pub token: Option<String>,
    pub id: Id,
}

impl Api {
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self
            .client
            .request(method, format!("{}{}", self.base, path));
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let text = res.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, None).await
    }

    /// Expects a 2xx and returns the body.
    pub async fn ok(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        let (status, v) = self.call(method.clone(), path, body).await;
        assert!(status.is_success(), "{method} {path}: {status} {v}");
        v
    }

    pub async fn create_group(&self, name: &str, visibility: Visibility, kind: GroupKind) -> Id {
        let body = serde_json::to_value(CreateGroup {
            name: name.into(),
            description: String::new(),
            visibility,
            kind,
        })
        .unwrap();
        let v = self.ok(Method::POST, "/v1/groups", Some(body)).await;
        v["id"].as_i64().unwrap()
    }

    pub async fn create_post(&self, group: Id, body: &str) -> Value {
        self.ok(
            Method::POST,
            "/v1/posts",
            Some(serde_json::json!({"client_id": uuid::Uuid::new_v4(), "group_id": group, "body": body})),
        )
        .await
    }

    /// Adds a user to a group (as this user, a group admin).
    pub async fn add_member(&self, group: Id, user: Id) {
        self.ok(
            Method::POST,
            &format!("/v1/groups/{group}/members"),
            Some(serde_json::json!({"user_id": user})),
        )
        .await;
    }

    /// The whole feed from a cursor, following `more`.
    pub async fn sync_all(
        &self,
        since: Option<&str>,
        limit: u32,
    ) -> (Vec<hublot_api::Change>, String) {
        let mut cursor = since.map(str::to_string);
        let mut changes = Vec::new();
        loop {
            let path = match &cursor {
                Some(c) => format!("/v1/sync?since={c}&limit={limit}"),
                None => format!("/v1/sync?limit={limit}"),
            };
            let v = self.ok(Method::GET, &path, None).await;
            let resp: hublot_api::SyncResponse = serde_json::from_value(v).unwrap();
            changes.extend(resp.changes);
            cursor = Some(resp.cursor.clone());
            if !resp.more {
                return (changes, resp.cursor);
            }
        }
    }
}
