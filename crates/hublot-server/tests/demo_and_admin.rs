//! The demo seed (through the library, as the desktop app embeds it) and the
//! admin commands (through the real binary).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use hublot_api::Change;
use hublot_server::{DemoConfig, ServerConfig};
use serde_json::json;

#[tokio::test]
async fn the_demo_person_signs_in_with_demo_and_sees_a_living_network() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = DemoConfig {
        posts: 400,
        ..DemoConfig::default()
    };
    let server = hublot_server::start(ServerConfig {
        db_path: dir.path().join("demo.sqlite"),
        listen: "127.0.0.1:0".parse().unwrap(),
        demo: Some(cfg),
    })
    .await
    .unwrap();
    let base = format!("http://{}", server.addr());
    let client = reqwest::Client::new();
    let login: serde_json::Value = client
        .post(format!("{base}/v1/auth/login"))
        .json(&json!({"login": "demo", "password": "demo"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"]
        .as_str()
        .expect("demo/demo signs in")
        .to_string();
    let api = common::Api {
        client: client.clone(),
        base: base.clone(),
        token: Some(token),
        id: login["user"]["id"].as_i64().unwrap(),
    };
    let boot: hublot_api::Bootstrap =
        serde_json::from_value(api.ok(reqwest::Method::GET, "/v1/bootstrap", None).await).unwrap();
    assert!(
        boot.users.len() >= 900,
        "about a thousand people: {}",
        boot.users.len()
    );
    assert!(boot.groups.len() >= 20);
    assert!(!boot.posts.is_empty());
    assert!(
        boot.posts.iter().any(|p| p.like_count > 0)
            || boot.posts.iter().any(|p| p.comment_count > 0)
    );
    // Another demo account has the same password.
    let other = &boot.users[5].handle;
    let res = client
        .post(format!("{base}/v1/auth/login"))
        .json(&json!({"login": other, "password": "demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    // The seeded data is in the feed from zero too.
    let (feed, _) = api.sync_all(None, 5000).await;
    let posts = feed.iter().filter(|c| matches!(c, Change::Post(_))).count();
    assert!(posts >= boot.posts.len());
    server.shutdown().await;

    // Restarting on the same file does not seed twice.
    let server = hublot_server::start(ServerConfig {
        db_path: dir.path().join("demo.sqlite"),
        listen: "127.0.0.1:0".parse().unwrap(),
        demo: Some(DemoConfig {
            posts: 400,
            ..DemoConfig::default()
        }),
    })
    .await
    .unwrap();
    let users = server
        .storage()
        .table_counts()
        .unwrap()
        .into_iter()
        .find(|(t, _)| t == "users")
        .unwrap()
        .1;
    assert_eq!(users as usize, boot.users.len());
    server.shutdown().await;
}

fn admin(db: &std::path::Path, args: &[&str], stdin: Option<&str>) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hublot-server"))
        .arg("admin")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[tokio::test]
async fn admin_commands_run_a_small_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("org.sqlite");
    let (ok, out) = admin(
        &db,
        &[
            "user",
            "add",
            "marie",
            "--name",
            "Marie Dupont",
            "--email",
            "marie@example.org",
            "--password-stdin",
        ],
        Some("un long secret\n"),
    );
    assert!(ok, "{out}");
    let (ok, out) = admin(
        &db,
        &[
            "user",
            "add",
            "jean",
            "--name",
            "Jean Martin",
            "--email",
            "jean@example.org",
            "--password-stdin",
        ],
        Some("un autre secret\n"),
    );
    assert!(ok, "{out}");
    let (ok, out) = admin(
        &db,
        &[
            "user",
            "add",
            "marie",
            "--name",
            "Again",
            "--email",
            "x@example.org",
            "--password-stdin",
        ],
        Some("un long secret\n"),
    );
    assert!(!ok && out.contains("already taken"), "{out}");
    let (ok, out) = admin(
        &db,
        &[
            "user",
            "add",
            "short",
            "--name",
            "S",
            "--email",
            "s@example.org",
            "--password-stdin",
        ],
        Some("abc\n"),
    );
    assert!(!ok && out.contains("shorter than 8"), "{out}");
    let (ok, out) = admin(
        &db,
        &[
            "group",
            "add",
            "Direction",
            "--kind",
            "announcement",
            "--admin",
            "marie",
        ],
        None,
    );
    assert!(ok, "{out}");
    let (ok, out) = admin(&db, &["group", "make-admin", "Direction", "jean"], None);
    assert!(ok, "{out}");

    // The server sees it all: Jean signs in and posts in the announcement group as its admin.
    let server = hublot_server::start(ServerConfig {
        db_path: db.clone(),
        listen: "127.0.0.1:0".parse().unwrap(),
        demo: None,
    })
    .await
    .unwrap();
    let base = format!("http://{}", server.addr());
    let client = reqwest::Client::new();
    let login = |who: &'static str, pw: &'static str| {
        let client = client.clone();
        let base = base.clone();
        async move {
            client
                .post(format!("{base}/v1/auth/login"))
                .json(&json!({"login": who, "password": pw}))
                .send()
                .await
                .unwrap()
        }
    };
    let res = login("jean", "un autre secret").await;
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let token = res.json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let api = common::Api {
        client: client.clone(),
        base: base.clone(),
        token: Some(token),
        id: 0,
    };
    let groups = api.ok(reqwest::Method::GET, "/v1/groups", None).await;
    let gid = groups[0]["id"].as_i64().unwrap();
    api.create_post(gid, "Note de service").await;

    // Disabling signs him out: the running server's token cache notices the
    // other process's revocation within a second (waited for, bounded by the
    // test's timeout only); a password reset too.
    // Marie's client is up to date before the admin command runs.
    let res = login("marie", "un long secret").await;
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let marie = common::Api {
        token: Some(
            res.json::<serde_json::Value>().await.unwrap()["token"]
                .as_str()
                .unwrap()
                .to_string(),
        ),
        ..api.clone()
    };
    let (_, cursor) = marie.sync_all(None, 500).await;
    let (ok, out) = admin(&db, &["user", "disable", "jean"], None);
    assert!(ok, "{out}");
    // The other process's write reaches her feed (the server notices it
    // within a second; waited for, bounded by the test's timeout only).
    loop {
        let (changes, _) = marie.sync_all(Some(&cursor), 500).await;
        let disabled = changes
            .iter()
            .any(|c| matches!(c, hublot_api::Change::User(u) if u.handle == "jean" && u.disabled));
        if disabled {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    loop {
        let (status, _) = api.get("/v1/me").await;
        if status == reqwest::StatusCode::UNAUTHORIZED {
            break;
        }
        assert_eq!(status, reqwest::StatusCode::OK);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        login("jean", "un autre secret").await.status(),
        reqwest::StatusCode::UNAUTHORIZED
    );
    let (ok, out) = admin(
        &db,
        &["user", "reset-password", "marie", "--password-stdin"],
        Some("nouveau secret\n"),
    );
    assert!(ok, "{out}");
    assert_eq!(
        login("marie", "un long secret").await.status(),
        reqwest::StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login("marie", "nouveau secret").await.status(),
        reqwest::StatusCode::OK
    );
    server.shutdown().await;
}
