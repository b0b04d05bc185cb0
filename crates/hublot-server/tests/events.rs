//! The event stream wakes a listener when a post lands in one of her groups,
//! and not for others' private groups.

mod common;

use std::time::Duration;

use common::{Api, TestServer};
use futures_util::StreamExt;
use hublot_api::{EventPing, GroupKind, Visibility};
use tokio::sync::mpsc;

/// Opens `/v1/events` and forwards (event name, data) pairs.
async fn listen(api: &Api) -> mpsc::UnboundedReceiver<(String, EventPing)> {
    let res = api
        .client
        .get(format!("{}/v1/events", api.base))
        .bearer_auth(api.token.as_deref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut stream = res.bytes_stream();
        let mut buf = String::new();
        while let Some(Ok(chunk)) = stream.next().await {
            buf.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buf.find("\n\n") {
                let block: String = buf.drain(..end + 2).collect();
                let mut name = String::new();
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        name = v.trim().to_string();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim());
                    }
                }
                if let Ok(ping) = serde_json::from_str::<EventPing>(&data) {
                    if tx.send((name, ping)).is_err() {
                        return;
                    }
                }
            }
        }
    });
    rx
}

/// The next `ping`, skipping heartbeats, or None if none comes while `marker`
/// (a write the listener does see) is being delivered.
async fn next_ping(rx: &mut mpsc::UnboundedReceiver<(String, EventPing)>) -> EventPing {
    loop {
        let (name, ping) = tokio::time::timeout(Duration::from_secs(30), rx.recv())
            .await
            .expect("no event")
            .expect("stream ended");
        if name == "ping" {
            return ping;
        }
    }
}

#[tokio::test]
async fn a_post_in_my_group_wakes_me_and_others_private_groups_do_not() {
    let t = TestServer::start().await;
    let alice = t.user("alice").await;
    let bob = t.user("bob").await;
    let public = alice
        .create_group("Public", Visibility::Public, GroupKind::Work)
        .await;
    let secret = alice
        .create_group("Secret", Visibility::Private, GroupKind::Work)
        .await;
    let bobs = bob
        .create_group("Bob's", Visibility::Private, GroupKind::Work)
        .await;

    let mut events = listen(&bob).await;
    // The stream opens with a heartbeat carrying the current cursor.
    let (name, first) = tokio::time::timeout(Duration::from_secs(30), events.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(name, "heartbeat");
    assert!(!first.cursor.is_empty());

    // A post in alice's private group: bob must not be woken. A post in
    // bob's own group right after: the first ping bob gets is for that one.
    alice.create_post(secret, "entre nous").await;
    let mine = bob.create_post(bobs, "chez moi").await;
    let ping = next_ping(&mut events).await;
    let (_, after) = bob.sync_all(Some(&first.cursor), 500).await;
    assert_eq!(
        after.parse::<i64>().unwrap(),
        ping.cursor.parse::<i64>().unwrap(),
        "the ping carries the newest cursor of bob's feed"
    );
    let feed = bob.sync_all(Some(&first.cursor), 500).await.0;
    assert!(feed
        .iter()
        .any(|c| matches!(c, hublot_api::Change::Post(p) if p.id == mine["id"].as_i64().unwrap())));

    // A post by someone else in a public group wakes him too.
    alice.create_post(public, "pour tous").await;
    let ping2 = next_ping(&mut events).await;
    assert!(ping2.cursor.parse::<i64>().unwrap() > ping.cursor.parse::<i64>().unwrap());

    // Once bob is added to the secret group, its posts wake him.
    alice.add_member(secret, bob.id).await;
    let _ = next_ping(&mut events).await; // the membership itself
    let p = alice.create_post(secret, "bienvenue Bob").await;
    loop {
        let ping = next_ping(&mut events).await;
        let (feed, _) = bob.sync_all(Some(&first.cursor), 500).await;
        if feed
            .iter()
            .any(|c| matches!(c, hublot_api::Change::Post(x) if x.id == p["id"].as_i64().unwrap()))
        {
            assert!(!ping.cursor.is_empty());
            break;
        }
    }
    t.stop().await;
}

#[tokio::test]
async fn heartbeats_come_on_their_own_and_shutdown_ends_the_stream() {
    let t = TestServer::start_with(hublot_server::ServerOptions {
        heartbeat: Duration::from_millis(100),
        ..Default::default()
    })
    .await;
    let alice = t.user("alice").await;
    let mut events = listen(&alice).await;
    let mut heartbeats = 0;
    while heartbeats < 3 {
        let (name, _) = tokio::time::timeout(Duration::from_secs(30), events.recv())
            .await
            .unwrap()
            .unwrap();
        if name == "heartbeat" {
            heartbeats += 1;
        }
    }
    // Graceful shutdown does not hang on the open stream.
    tokio::time::timeout(Duration::from_secs(30), t.stop())
        .await
        .expect("shutdown hung on an open event stream");
}
